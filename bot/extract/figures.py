"""Reported numbers with their hedges and what they count: killed, injured, evacuated..."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.records import Figure, Qualifier

_UNITS = {
    "zero": 0,
    "no": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    # Ukrainian and Russian number words as they appear in casualty reports.
    "один": 1,
    "одна": 1,
    "одну": 1,
    "одного": 1,
    "два": 2,
    "дві": 2,
    "две": 2,
    "двоє": 2,
    "двое": 2,
    "три": 3,
    "троє": 3,
    "трое": 3,
    "чотири": 4,
    "четыре": 4,
    "четверо": 4,
    "п'ять": 5,
    "пять": 5,
    "п’ять": 5,
    "п'ятеро": 5,
    "пятеро": 5,
    "шість": 6,
    "шесть": 6,
    "сім": 7,
    "семь": 7,
    "вісім": 8,
    "восемь": 8,
    "дев'ять": 9,
    "девять": 9,
    "десять": 10,
    "двадцять": 20,
    "двадцать": 20,
    "тридцять": 30,
    "тридцать": 30,
    "сорок": 40,
    "п'ятдесят": 50,
    "пятьдесят": 50,
    "сто": 100,
}
_SCALES = {
    "dozen": 12,
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "тисяч": 1000,
    "тисячі": 1000,
    "тысяч": 1000,
    "тысячи": 1000,
    "сотні": 100,
    "сотни": 100,
}
_WORDS = "|".join(sorted((re.escape(w) for w in _UNITS if len(w) > 2), key=len, reverse=True))
_NUMBER = (
    rf"(?:\d{{1,3}}(?:[,\u00a0 ]\d{{3}})+|\d+(?:\.\d+)?)(?:\s*(?:thousand|million|тис\.?))?"
    rf"|(?:(?:{_WORDS})(?:[- ](?:{_WORDS}))?(?:\s+(?:hundred|thousand|dozen))?)|dozen"
)
_QUALIFIERS: tuple[tuple[str, Qualifier], ...] = tuple(
    ("|".join(words), qualifier)
    for words, qualifier in (
        (
            (
                "more than",
                "over",
                "in excess of",
                "upwards of",
                "above",
                "понад",
                "більше",
                "більш ніж",
                "более",
                "свыше",
                "больше",
            ),
            Qualifier.MORE_THAN,
        ),
        (
            (
                "at least",
                "no fewer than",
                "no less than",
                "a minimum of",
                "щонайменше",
                "принаймні",
                "не менше",
                "не менее",
                "по меньшей мере",
                "как минимум",
                "минимум",
            ),
            Qualifier.AT_LEAST,
        ),
        (
            (
                "about",
                "around",
                "approximately",
                "roughly",
                "some",
                "nearly",
                "almost",
                "close to",
                "an estimated",
                "estimated",
                "близько",
                "майже",
                "около",
                "почти",
                "приблизно",
                "примерно",
            ),
            Qualifier.ABOUT,
        ),
        (("up to", "as many as", "до"), Qualifier.UP_TO),
    )
)
_QUAL_RE = "|".join(f"(?P<q{i}>{p})" for i, (p, _) in enumerate(_QUALIFIERS))
NUMBER_RE = re.compile(
    rf"(?<![\w-])(?:(?:{_QUAL_RE})\s+)?(?P<n>{_NUMBER})(?![\w%])", re.IGNORECASE
)
_RANGE_TAIL = re.compile(
    r"\s*(?P<sep>-|–|to|and|до|і|и)\s*(?P<n2>\d[\d,]*)(?![\w%])", re.IGNORECASE
)
_BETWEEN = re.compile(r"(?:between|від|от)\s+$", re.IGNORECASE)


def parse_number(text: str) -> int | None:
    raw = text.lower().replace("\u00a0", " ").strip()
    scale = 1
    for word, mult in (("thousand", 1000), ("million", 1_000_000), ("тис.", 1000), ("тис", 1000)):
        if raw.endswith(word):
            scale, raw = mult, raw[: -len(word)].strip()
            break
    digits = raw.replace(",", "").replace(" ", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return int(float(digits) * scale)
    total, current = 0, 0
    for word in re.split(r"[- ]+", raw):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
    return (total + current) * scale


@dataclass(frozen=True, slots=True)
class NumberSpan:
    start: int
    end: int
    figure: Figure


def find_numbers(sentence: str) -> list[NumberSpan]:
    spans: list[NumberSpan] = []
    pos = 0
    while (m := NUMBER_RE.search(sentence, pos)) is not None:
        pos = m.end()
        value = parse_number(m.group("n"))
        if value is None:
            continue
        qualifier = Qualifier.EXACT
        for i, (_, q) in enumerate(_QUALIFIERS):
            if m.group(f"q{i}"):
                qualifier = q
        upper, end = None, m.end()
        between = _BETWEEN.search(sentence[: m.start()]) is not None
        tail = _RANGE_TAIL.match(sentence, m.end())
        # "10-15" and "10 to 15" are ranges; "10 and 15" only after "between".
        if tail and (between or tail.group("sep") in ("-", "–", "to")):
            hi = parse_number(tail.group("n2"))
            if hi is not None and hi > value:
                upper, qualifier, end = hi, Qualifier.AT_LEAST, tail.end()
                pos = end
        # Years, clock times and ordinals are not counts.
        after = sentence[end : end + 3]
        if (1900 <= value <= 2100 and m.group("n").isdigit()) or after.startswith(
            (":", "th", "st ", "nd ", "rd ")
        ):
            continue
        spans.append(NumberSpan(m.start(), end, Figure(value, qualifier, upper)))
    return spans


# What a number counts, judged from the words right after it ...
# Up to three words between a number and what it counts, but not across "and"/"but".
_GAP = r"(?:(?!and\b|but\b|or\b|і\b|и\b|та\b)[\w’'-]+,?\s+){0,3}?"
_SHORT_GAP = r"(?:(?!and\b|but\b|or\b)\w+\s+){0,2}?"
_BE = r"(?:(?:were|have been|was|had been|are)\s+)?"
# Hedges allowed between a verb and its number: "killing at least 3".
_TO_NUMBER = r"\s*(?:at least|more than|about|over|some|between|from|\s)*$"


def _words(*words: str) -> str:
    return "(?:" + "|".join(words) + ")"


_KILLED_WORDS = _words(
    "killed",
    "dead",
    "died",
    "dies",
    "die",
    "deaths",
    "fatalities",
    "lives",
    "bodies",
    "perished",
    "загинул",
    "загинули",
    "загиблих",
    "загинуло",
    "погибл",
    "погибших",
    "убит",
    "вбит",
)
_INJURED_WORDS = _words(
    "injured",
    "wounded",
    "hurt",
    "injuries",
    "поранен",
    "ранен",
    "травмован",
    "постраждал",
    "пострадал",
)
_TOLL_ROSE = (
    r"(?:number of (?:people |those )?killed|death toll|toll)\s+(?:[\w’']+\s+){0,15}?"
    r"(?:has\s+)?(?:risen|rose|rises|climbed|increased|reached)\s+to"
)
_TOLL_IS = (
    rf"death toll\s+{_GAP}(?:rose|rises|risen|climbed|reached|increased|is|stands at|"
    r"stood at|has risen)?\s*(?:to|at)?"
)

# What a number counts, judged from the words right after it ...
_AFTER_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(p, re.IGNORECASE))
    for label, p in (
        ("killed", r"^\s*(?:KIA|killed in action)\b"),
        ("injured", r"^\s*(?:WIA|wounded in action)\b"),
        ("killed", rf"^\s*{_GAP}{_BE}{_KILLED_WORDS}"),
        ("injured", rf"^\s*{_GAP}{_BE}{_INJURED_WORDS}"),
        (
            "evacuated",
            rf"^\s*{_GAP}{_BE}{_words('evacuated', 'relocated', 'евакуйован', 'эвакуирован')}",
        ),
        (
            "settlements",
            r"^\s*(?:\w+\s+)?"
            + _words(
                "settlements",
                "villages",
                "towns",
                "localities",
                "населених пунктів",
                "населених пункти",
                "населенных пунктов",
                "сіл",
                "сел",
            ),
        ),
        (
            "without_power",
            rf"^\s*{_SHORT_GAP}"
            + _words(
                "households",
                "homes",
                "consumers",
                "subscribers",
                "customers",
                "residents",
                "people",
            )
            + r"\s+(?:\w+\s+){0,3}"
            + _words(
                "without",
                "lost",
                "left without",
                "disconnected",
                "de-energi[sz]ed",
                "знеструмлен",
                "без світла",
            ),
        ),
        (
            "launched",
            rf"^\s*{_SHORT_GAP}"
            + _words(
                "drones",
                "missiles",
                "shaheds",
                "uavs",
                "rockets",
                "дронів",
                "ракет",
                "безпілотників",
            )
            + r"\s+(?:\w+\s+){0,3}"
            + _words("launched", "fired", "were launched", "attacked"),
        ),
    )
)
# ... or right before it.
_BEFORE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(p + _TO_NUMBER, re.IGNORECASE))
    for label, p in (
        (
            "killed",
            _words(
                "killed",
                "killing",
                "kills",
                "kill",
                "claimed the lives of",
                "claiming the lives of",
                _TOLL_ROSE,
                _TOLL_IS,
                "dead",
                "загинули",
                "загинуло",
                "загинув",
                "погибли",
                "погибло",
                "убиты",
                "вбито",
                "вбили",
                "убили",
            ),
        ),
        (
            "injured",
            _words(
                "injured",
                "injuring",
                "wounded",
                "wounding",
                "injures",
                "injure",
                "wound",
                "hurt",
                "injured were",
                "поранено",
                "поранені",
                "ранены",
                "ранено",
                "травмовано",
                "постраждали",
                "пострадали",
            ),
        ),
        (
            "evacuated",
            _words(
                "evacuated",
                "evacuating",
                "evacuate",
                "evacuation of",
                "relocated",
                "евакуйовано",
                "эвакуировано",
            ),
        ),
        (
            "settlements",
            _words(
                "recaptured",
                "liberated",
                "retook",
                "regained",
                "retaken",
                "звільнено",
                "звільнили",
                "освобождено",
                "освободили",
            ),
        ),
        (
            "intercepted",
            _words(
                "shot down",
                "downed",
                "destroyed",
                "intercepted",
                "neutrali[sz]ed",
                "збили",
                "знищили",
                "сбили",
                "уничтожили",
            ),
        ),
    )
)
# "eliminated 40 Russians", "destroyed about 85 Ukrainian soldiers": claimed enemy dead.
_ELIMINATED = re.compile(
    r"(?:eliminated|liquidated|neutrali[sz]ed|destroyed|killed)\s+"
    r"(?:up to|about|more than|over|at least|some|\s)*$",
    re.IGNORECASE,
)
_PEOPLE_AFTER = re.compile(
    r"^\s*(?:\w+\s+){0,2}?(?:soldiers|servicem[ae]n|troops|militants|fighters|invaders|occupiers|"
    r"mercenaries|russians|ukrainians|personnel|militiam[ae]n|people|civilians)\b",
    re.IGNORECASE,
)
# "over the past 24 hours", "shelled 10 times", "killed and wounded": not a toll of its own.
_NOT_A_COUNT_AFTER = re.compile(
    r"^[\s-]*(?:hours?|days?|times|minutes|km|kilomet(?:er|re)s?|miles|years?|months?|weeks?|%|"
    r"percent|per cent|met(?:er|re)s?|tons?|tonnes?|mm|kg|\w+ killed and wounded|killed and wounded|"
    r"години|годин|днів|дні|раз|рази|разів|часов|суток|дней|раза)\b",
    re.IGNORECASE,
)
_ASIDE = re.compile(
    r"^(\s*[\w’'-]*)\s*,\s*(?:including|among them|mostly|many of them)\b[^,]{1,60},",
    re.IGNORECASE,
)
_NOT_A_COUNT_BEFORE = re.compile(
    r"(?:including|among them|of whom|among whom|серед них|в том числе|\bno|\bnot|"
    r"\bnot a single)\s*$",
    re.IGNORECASE,
)
_BEFORE_RULES_BY_LABEL = dict(reversed(_BEFORE_RULES))
_OF_TOTAL = re.compile(r"^\s*(?:of|out of|із|з|из)\s+(?:the\s+)?(\d[\d,]*)", re.IGNORECASE)
_INTERCEPT_AFTER = re.compile(
    r"(?:shot down|downed|destroyed|intercepted|neutrali[sz]ed|збит|знищен|сбит|уничтожен)",
    re.IGNORECASE,
)


def label_numbers(sentence: str, spans: list[NumberSpan]) -> list[tuple[str, Figure]]:
    """Attach each number in the sentence to what it counts; unlabelled numbers are dropped."""
    found: list[tuple[str, Figure]] = []
    previous_label: str | None = None
    for span in spans:
        # "Two people, including a WWII veteran, died": the aside does not count.
        after = _ASIDE.sub(r"\1", sentence[span.end : span.end + 120])[:80]
        before = sentence[max(0, span.start - 110) : span.start]
        if _NOT_A_COUNT_AFTER.match(after) or _NOT_A_COUNT_BEFORE.search(before):
            continue
        # "two of the injured": a part of a count given elsewhere, unless "14 of the 16".
        if re.match(r"^\s+of\s+(?:the|them|those)\b", after) and not _OF_TOTAL.match(after):
            continue
        label: str | None = None
        total = _OF_TOTAL.match(after)
        if total and (
            _INTERCEPT_AFTER.search(after[:80])
            or _BEFORE_RULES_BY_LABEL["intercepted"].search(before)
        ):
            found.append(("intercepted", span.figure))
            launched = parse_number(total.group(1))
            if launched is not None:
                found.append(("launched", Figure(launched)))
            previous_label = "intercepted"
            continue
        if _ELIMINATED.search(before) and _PEOPLE_AFTER.match(after):
            found.append(("killed", span.figure))
            previous_label = "killed"
            continue
        # "killed 19 people and injured 100": a verb right before the number decides first.
        for name, rule in _BEFORE_RULES:
            if rule.search(before):
                label = name
                break
        if label is None:
            for name, rule in _AFTER_RULES:
                if rule.search(after):
                    label = name
                    break
        if label is None and previous_label and re.match(r"^\s*in\s", after):
            # "502 settlements in Kharkiv region, 43 in Donetsk region": the list continues.
            label = previous_label
        if label == "intercepted" and not re.search(
            r"drone|missile|shahed|uav|rocket|ракет|дрон|безпілот|беспилот|шахед",
            after[:40] + before,
            re.IGNORECASE,
        ):
            label = None
        if label:
            found.append((label, span.figure))
            previous_label = label
    return found


_PERSON = (
    r"(?:\d+-year-old\s+|elderly\s+|young\s+|local\s+|[DL]PR\s+|Ukrainian\s+|Russian\s+)*"
    r"(?:man|woman|child|boy|girl|person|civilian|resident|teenager|driver|soldier|policeman|rescuer|"
    r"medic|pensioner|infant|baby|serviceman|militiaman|militia member|fighter|officer)"
)
_SINGLE_VICTIM: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(p, re.IGNORECASE))
    for label, p in (
        ("killed", rf"(?:killed|killing|kills)\s+(?:a|an|one)\s+{_PERSON}"),
        ("killed", rf"\b(?:a|an|one)\s+{_PERSON}\s+(?:was|has been|had been|is)\s+killed"),
        ("killed", rf"\b(?:a|an|one)\s+{_PERSON}\s+(?:died|dies)"),
        ("killed", rf"^(?:a\s+)?{_PERSON}\s+(?:was\s+)?killed\b"),
        ("injured", rf"^(?:a\s+)?{_PERSON}\s+(?:was\s+)?(?:injured|wounded)\b"),
        ("injured", rf"(?:injured|injuring|wounded|wounding|injures)\s+(?:a|an|one)\s+{_PERSON}"),
        (
            "injured",
            rf"\b(?:a|an|one)\s+{_PERSON}\s+(?:was|has been|had been|is)\s+(?:injured|wounded|hurt)",
        ),
    )
)


def sentence_figures(sentence: str) -> list[tuple[str, Figure]]:
    """Every labelled figure of one sentence, including "a man was killed" as 1."""
    found = label_numbers(sentence, find_numbers(sentence))
    labels = {label for label, _ in found}
    for label, rule in _SINGLE_VICTIM:
        if label not in labels and rule.search(sentence):
            found.append((label, Figure(1)))
            labels.add(label)
    return found
