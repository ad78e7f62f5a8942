"""Numbers as news writes them: digits, words, "more than 100", "between 10 and 15"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.extract.wordindex import words
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
    # Collective numerals ("п'ятеро поранених") and the genitive after a hedge ("понад двох").
    "двох": 2,
    "двух": 2,
    "трьох": 3,
    "трех": 3,
    "трёх": 3,
    "чотирьох": 4,
    "четырех": 4,
    "четырёх": 4,
    "п'ятьох": 5,
    "п’ятьох": 5,
    "п’ятеро": 5,
    "пяти": 5,
    "шестеро": 6,
    "шістьох": 6,
    "шести": 6,
    "семеро": 7,
    "сімох": 7,
    "семи": 7,
    "восьмеро": 8,
    "вісьмох": 8,
    "восьми": 8,
    "дев'ятеро": 9,
    "дев’ятеро": 9,
    "девятеро": 9,
    "дев’ять": 9,
    "девяти": 9,
    "десятеро": 10,
    "десяти": 10,
    "одинадцять": 11,
    "одиннадцать": 11,
    "дванадцять": 12,
    "двенадцать": 12,
    "тринадцять": 13,
    "тринадцать": 13,
    "чотирнадцять": 14,
    "четырнадцать": 14,
    "п'ятнадцять": 15,
    "п’ятнадцять": 15,
    "пятнадцать": 15,
    "шістнадцять": 16,
    "шестнадцать": 16,
    "сімнадцять": 17,
    "семнадцать": 17,
    "вісімнадцять": 18,
    "восемнадцать": 18,
    "дев'ятнадцять": 19,
    "дев’ятнадцять": 19,
    "девятнадцать": 19,
    "шістдесят": 60,
    "шестьдесят": 60,
    "сімдесят": 70,
    "семьдесят": 70,
    "вісімдесят": 80,
    "восемьдесят": 80,
    "дев'яносто": 90,
    "дев’яносто": 90,
    "девяносто": 90,
}


# Every case of 1-10 and the collective numerals ("забрала життя однієї людини", "ранены
# двумя", "погибших среди пятерых"), as pymorphy3's Ukrainian and Russian dictionaries
# decline them (tests/extract/test_numbers.py checks the table against them), less the forms
# that are also other words: plural "одні"/"одних" ("some"), "сьома" (seventh, seven o'clock),
# "семью" (a family), "одно", and the archaic "оден".
_CASE_FORMS = {
    **dict.fromkeys(
        [
            "одному",
            "одним",
            "однім",
            "однієї",
            "одної",
            "одній",
            "однією",
            "одною",
            "одне",
            "одном",
            "одной",
        ],
        1,
    ),
    **dict.fromkeys(["двом", "двома", "двум", "двумя", "двоих", "двоим", "двоими"], 2),
    **dict.fromkeys(["трьом", "трьома", "трём", "тремя", "трем", "троих", "троим", "троими"], 3),
    **dict.fromkeys(
        [
            "чотирьом",
            "чотирма",
            "четырём",
            "четырем",
            "четырьмя",
            "четверых",
            "четверым",
            "четверыми",
        ],
        4,
    ),
    **dict.fromkeys(
        ["п'ятьом", "п'ятьма", "п'ятьома", "пятью", "пятерых", "пятерым", "пятерыми"], 5
    ),
    **dict.fromkeys(
        ["шістьом", "шістьма", "шістьома", "шестью", "шестерых", "шестерым", "шестерыми"], 6
    ),
    **dict.fromkeys(["сімом", "сімома", "семерых", "семерым", "семерыми"], 7),
    **dict.fromkeys(
        [
            "вісьмом",
            "вісьма",
            "вісьмома",
            "восемью",
            "восьмью",
            "восьмерых",
            "восьмерым",
            "восьмерыми",
        ],
        8,
    ),
    **dict.fromkeys(
        [
            "дев'ятьох",
            "дев'ятьом",
            "дев'ятьма",
            "дев'ятьома",
            "девятью",
            "девятерых",
            "девятерым",
            "девятерыми",
        ],
        9,
    ),
    **dict.fromkeys(
        [
            "десятьох",
            "десятьом",
            "десятьма",
            "десятьома",
            "десятью",
            "десятерых",
            "десятерым",
            "десятерыми",
        ],
        10,
    ),
}
NOT_NUMBERS = frozenset(["оден", "одно", "одні", "одни", "одних", "одними", "сьома", "семью"])


def _with_oblique_forms(units: dict[str, int]) -> dict[str, int]:
    """Number words 5-30 in the case a preposition asks for ("зросла до п'яти", "до
    двадцяти", "до одиннадцати"), and every apostrophe Ukrainian is typed with."""
    out = dict(units)
    for word, value in units.items():
        if 5 <= value <= 30 and word.endswith(("ять", "ать")):
            out.setdefault(word[:-1] + "и", value)
    for word, value in list(out.items()):
        if "'" in word or "’" in word:
            for mark in ("'", "’", "ʼ"):
                out.setdefault(word.replace("'", mark).replace("’", mark), value)
    return out


_UNITS = _with_oblique_forms({**_UNITS, **_CASE_FORMS})
_SCALES = {
    "dozen": 12,
    "hundred": 100,
    "thousand": 1000,
    "million": 1_000_000,
    "тисяч": 1000,
    "тисячі": 1000,
    "тисяча": 1000,
    "тысяч": 1000,
    "тысячи": 1000,
    "тысяча": 1000,
    "сотні": 100,
    "сотни": 100,
    "сотню": 100,
    "сотня": 100,
    "тисячу": 1000,
    "тысячу": 1000,
}
# A scale word after digits: "3 thousand", "2 тисячі", "1,5 тыс."
_DIGIT_SCALES = {
    "thousand": 1000,
    "million": 1_000_000,
    "тисячі": 1000,
    "тисяч": 1000,
    "тисяча": 1000,
    "тис.": 1000,
    "тис": 1000,
    "тысячи": 1000,
    "тысяч": 1000,
    "тысяча": 1000,
    "тыс.": 1000,
    "тыс": 1000,
    # "вдалося виїхати 3 тисячам людей", "с 5 тысячами жителей": the oblique cases
    "тисячам": 1000,
    "тысячам": 1000,
    "тисячами": 1000,
    "тысячами": 1000,
    "тисячах": 1000,
    "тысячах": 1000,
}
_TOKEN_HEAD = re.compile(r"\w+")
_WORDS = "|".join(sorted((re.escape(w) for w in _UNITS if len(w) > 2), key=len, reverse=True))
_NUMBER = (
    rf"(?:\d+,\d{{1,2}}(?=\s*(?:тис|тыс))|\d{{1,3}}(?:[,\u00a0 ]\d{{3}})+(?!\d)|\d+(?:\.\d+)?)"
    r"(?:\s*(?:thousand|million|тисяч(?:[іа]|ам[иа]?|ах)?|тис\.?|тысяч(?:[аи]|ам[иа]?|ах)?|тыс\.?))?"
    rf"|(?:(?:{_WORDS})(?:[- ](?:{_WORDS}))?"
    r"(?:\s+(?:hundred|thousand|dozen|тисяч[іа]?|тысяч[аи]?))?)|dozen|"
    # "a hundred people", "a dozen villages", "сотню людей", "тисячу мешканців"
    r"\ba\s+(?:hundred|thousand|dozen)\b|\b(?:сотню|сотня|тисячу|тысячу|тисячі|тысячи)\b"
)
# "тысячи" alone is "thousands" ("тысячи людей"), a count only after a hedge ("более тысячи").
_BARE_THOUSANDS = frozenset(("тисячі", "тысячи"))
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
                "порядка",
                "порядку",
                "орієнтовно",
                "ориентировочно",
                "почти",
                "приблизно",
                "примерно",
            ),
            Qualifier.ABOUT,
        ),
        (("up to", "as many as", "до", "аж до"), Qualifier.UP_TO),
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
# "зросла до 19", "возросло до 12": the toll reached 19, which is no "up to 19".
_ROSE_TO = re.compile(
    r"(?:(?:зросл?[аои]?|збільшил\w*|сягнул?[аои]?|досягл?[аои]?|дійшл?[аои]?|зріс|"
    r"возросл?[аои]?|вырос(?:л[аои]?)?|увеличил\w*|достигл?[аои]?|дошл?[аои]?)"
    r"(?:\s+(?:з|із|с|від|от)\s+\d[\d\s,]*)?"
    # "довівши кількість загиблих до трьох", "доведя число погибших до трех"
    r"|(?:довівши|довів|довела|довело|довели|доводячи|доведя|довел[аои]?|доводя)"
    r"(?:\s+[\w’'-]+){1,3}?)\s+$",
    re.IGNORECASE,
)


_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"січня|лютого|березня|квітня|травня|червня|липня|серпня|вересня|жовтня|листопада|грудня|"
    r"января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
)
# "On 14 March 2023", "March 14", "14.03.2023": a day of the month is no count.
_DATE_AFTER = re.compile(rf"^\.?\s*(?:{_MONTHS})\b\.?|^[./]\d{{1,2}}(?:[./]\d{{2,4}})?\b", re.I)
_MONTH_WORDS = frozenset(
    [
        "jan",
        "january",
        "feb",
        "february",
        "mar",
        "march",
        "apr",
        "april",
        "may",
        "jun",
        "june",
        "jul",
        "july",
        "aug",
        "august",
        "sep",
        "sept",
        "september",
        "oct",
        "october",
        "nov",
        "november",
        "dec",
        "december",
    ]
    + [m for m in _MONTHS.split("|") if m.isalpha() and not m.isascii()]
)
# "a 54-year-old woman", "54-річна жінка", "мужчина 54 лет", "aged 54": an age is no count;
# "the 47th brigade", "47-ї бригади", "47-я бригада": nor is an ordinal.
# A number glued by a hyphen to a word modifies it and counts nothing: "16-поверхівки",
# "a 9-storey block", "5-поверховий", "122-mm shells", "500-kg bombs", "3-кімнатна".
_AGE_OR_ORDINAL_AFTER = re.compile(
    r"^(?:-|\s)?(?:years?[- ]old|year\b|річн|річч|літн|летн|лет\b|years of age)"
    # (but "2-х", "5-ти", "7-ми", "5-ро" are cardinals in a case: "поранено 2-х людей")
    r"|^-(?!(?:х|ох|ьох|ти|ми|ро)\b)(?:[а-яіїєё]{1,3})\b"
    r"|^-(?!(?:plus|odd|some|strong)\b)[a-z]{2,}|^-[а-яіїєёґ'’]{4,}",
    re.IGNORECASE,
)
_AGE_WORDS = frozenset(("aged", "віком", "вік", "віці", "возрасте"))


def _last_word(text: str) -> str:
    words = text.rstrip(" .").rsplit(None, 1)
    return words[-1].lower() if words else ""


def parse_number(text: str) -> int | None:
    raw = text.lower().replace("\u00a0", " ").replace("’", "'").strip()
    scale = 1
    for word, mult in _DIGIT_SCALES.items():
        if raw.endswith(word) and re.search(r"\d\s*$", raw[: -len(word)]):
            scale, raw = mult, raw[: -len(word)].strip()
            break
    if scale > 1 and re.fullmatch(r"\d+,\d{1,2}", raw):
        raw = raw.replace(",", ".")  # "1,5 тис.": a decimal comma before a scale word
    digits = raw.replace(",", "").replace(" ", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return int(float(digits) * scale)
    total, current = 0, 0
    for word in re.split(r"[- ]+", raw):
        if word == "a" and total == current == 0:
            continue  # "a hundred"
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


_DIGIT = re.compile(r"\d")
# A number written in words starts a word with one of these (the part before any apostrophe).
_NUMBER_HEADS = frozenset(
    [
        *(head.group(0) for w in _UNITS if len(w) > 2 if (head := _TOKEN_HEAD.match(w))),
        *(
            "dozen",
            "hundred",
            "thousand",
            "сотню",
            "сотня",
            "тисячу",
            "тысячу",
            "тисячі",
            "тысячи",
        ),
    ]
)


def _may_hold_number(sentence: str) -> bool:
    if _DIGIT.search(sentence):
        return True
    found = words(sentence)
    return found is None or not found.isdisjoint(_NUMBER_HEADS)


# "понад 2000 мешканців", "более 2000 жителей", "about 2000 people": a count the size of a
# year, told by its hedge or by the people it counts ("у 2022 році" stays a year).
_PEOPLE_AFTER_YEARLIKE = re.compile(
    r"\s+(?:[\w’'-]+\s+)?(?:people|residents|civilians|persons|households|homes|customers|children|"
    r"людей|людини|осіб|особи|мешканц\w*|жител\w*|человек|громадян\w*|граждан\w*|абонент\w*|"
    r"споживач\w*|потребител\w*|домогосподарств\w*|домохозяйств\w*|дітей|детей|евакуйован\w*|"
    r"эвакуирован\w*)\b",
    re.IGNORECASE,
)
_YEAR_AFTER = re.compile(r"\s*(?:р\.|г\.|року|році|рік|году|года|год|year)\b", re.IGNORECASE)


def _count_not_year(sentence: str, end: int, qualifier: Qualifier) -> bool:
    """A number between 1900 and 2100 that counts: hedged, or followed by the people it
    counts, and not by a word for the year."""
    if _YEAR_AFTER.match(sentence, end):
        return False
    hedged = qualifier in (Qualifier.MORE_THAN, Qualifier.ABOUT, Qualifier.AT_LEAST)
    return hedged or _PEOPLE_AFTER_YEARLIKE.match(sentence, end) is not None


def find_numbers(sentence: str) -> list[NumberSpan]:
    spans: list[NumberSpan] = []
    if not _may_hold_number(sentence):
        return spans  # no digit and no number word: NUMBER_RE cannot match
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
        if qualifier is Qualifier.EXACT and m.group("n").lower() in _BARE_THOUSANDS:
            continue
        if qualifier is Qualifier.UP_TO and _ROSE_TO.search(sentence[: m.start()]):
            qualifier = Qualifier.EXACT
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
        # "at 10:30" is a time; "ранены двое: мужчина и женщина" is a count before its list.
        start = m.start()
        if (
            (
                1900 <= value <= 2100
                and m.group("n").isdigit()
                and not _count_not_year(sentence, end, qualifier)
            )
            or (after[:1] == ":" and after[1:2].isdigit())
            # ... and so are its minutes: "as of 16:00 — 4 killed" gives 4, not 0
            or (start >= 2 and sentence[start - 1] == ":" and sentence[start - 2].isdigit())
            or after.startswith(("th", "st ", "nd ", "rd "))
        ):
            continue
        rest, head = sentence[end : end + 24], sentence[max(0, m.start() - 16) : m.start()]
        if m.group("n")[:1].isdigit() and (
            _DATE_AFTER.match(rest)
            or _AGE_OR_ORDINAL_AFTER.match(rest)
            or _last_word(head) in _MONTH_WORDS
            or _last_word(head) in _AGE_WORDS
            or head.rstrip().lower().endswith("age of")
        ):
            continue
        spans.append(NumberSpan(m.start(), end, Figure(value, qualifier, upper)))
    return spans


# What a number counts, judged from the words right after it ...
