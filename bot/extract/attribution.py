"""Who says so: the speaker of a sentence ("governor Oleh Syniehubov said") and their role."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from bot.extract.placenames import regions_data
from bot.extract.translit import romanize
from bot.extract.wordindex import words
from bot.records import Attribution

_SAY = (
    r"(?:said|says|say|told|reported|reports|announced|stated|confirmed|added|wrote|"
    r"posted|claimed|noted|warned|declared|explained|informed|tweeted|denied|"
    # who orders an evacuation says it is on: "Balitsky signed the order", "the administration
    # ordered the evacuation"
    r"ordered|signed\s+(?:the|an|a)\s+(?:order|decree))"
)
_CAP = r"[A-ZА-ЯІЇЄҐ][\w'’\-]+"
_WEEKDAY = r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_WHEN_WORD = (
    rf"(?:{_WEEKDAY}|January|February|March|April|May|June|July|August|September|October|"
    r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b"
)
# (a rank before the name: "Gen. Oleksandr Syrskyi", "Lt. Col. Anton Bolotov"; "said Sunday" is
# no one)
_RANK = r"(?:(?:Gen|Lt|Lieut|Col|Maj|Capt|Brig|Adm|Sgt|Cpl|Dr|Mr|Mrs|Ms|Prof|Rev)\.\s+){0,2}"
_NAME = rf"{_RANK}(?!{_WHEN_WORD}){_CAP}(?:\s+(?:{_CAP}|al-\w+|de|van|von)){{0,3}}"
_ROLE_WORDS = (
    r"governor|mayor|head|chief|minister|president|spokes(?:man|woman|person)|commander|"
    r"prosecutor|official|officials|secretary|adviser|advisor|director|deputy|prime minister|"
    r"ombudsman|chairman|leader|representative|envoy|ambassador|general|administrator|"
    r"police chief|press secretary|analyst|correspondent|military"
)
_ROLE_ANY = re.compile(_ROLE_WORDS, re.IGNORECASE)
# "Zaporizhzhia provincial governor Oleksandr Starukh said"
_ROLE_NAME_SAID = re.compile(
    rf"(?P<role>(?:(?:the\s+)?(?:{_CAP}\s+)*(?i:(?:regional|provincial|city|local|deputy|acting|"
    rf"vice|prime|defen[cs]e|foreign|interior|energy|former)\s+)*(?i:{_ROLE_WORDS})"
    rf"(?:\s+of\s+(?:the\s+)?(?:{_CAP}\s*)+)?)\s*,?\s+)"
    # ("IAEA Director General Rafael Grossi, visiting the Kursk plant, said": an aside)
    rf"(?P<name>{_NAME})(?:\s*,\s+(?!and\b|but\b|or\b|who\b|which\b)[a-z][^,;“\"]{{2,90}}?,)?\s*,?\s+"
    rf"(?:also\s+|later\s+|earlier\s+)?{_SAY}\b"
)
# "Oleh Syniehubov, head of the regional military administration, said"
_NAME_ROLE_SAID = re.compile(
    rf"(?P<name>{_NAME}),\s+(?P<role>(?:the\s+)?[^,;“\"]{{3,90}}?),\s+"
    rf"(?:also\s+|later\s+)?{_SAY}\b"
)
# "the head of the town's military administration, Vitaliy Barabash, said": a role that
# runs on past its head word, then the person between commas.
_ROLE_COMMA_NAME_SAID = re.compile(
    rf"(?:^|[,;]\s+|\s-\s)(?P<role>(?:the\s+)?(?:[\w'’-]+\s+){{0,3}}?(?i:{_ROLE_WORDS})"
    rf"\s+(?:of|for)\s+[^,;“\"]{{3,70}}?),\s+(?P<name>{_NAME}),\s+(?:also\s+|later\s+)?{_SAY}\b"
)
# "said Oleh Syniehubov, the governor" / "said the General Staff"
_SAID_NAME = re.compile(
    rf"\b{_SAY}\s+(?P<name>(?:the\s+)?{_NAME}(?:\s+of\s+(?:the\s+)?{_NAME})*)"
    rf"(?:\s*,\s+(?P<role>(?:the\s+)?[a-z][^,.;]{{2,80}}))?"
    # The speaker ends the clause; "said the Russian-backed leadership" has no speaker.
    rf"(?=\s*(?:[,.;:!?)\"”]|$|\s+(?:on|in|at|during|late|early|earlier|later|via|who|after)\b))"
)
# "according to the ministry" / "according to Ukraine's General Staff"
_ACCORDING = re.compile(
    rf"\b(?:[Aa]ccording to\s+|per\s+(?=the\s))(?P<name>(?:the\s+)?(?:[\w'’]+\s+){{0,6}}?(?:{_CAP}|ministry|"
    rf"military|administration|police|army|authorities|officials|office|service|spokes\w+)"
    # ... and the rest of the body's name: "the regional military administration", "the
    # General Staff of the Armed Forces", "the head of the ... administration Vadym Filashkin"
    rf"(?:\s+(?:administration|command|office|service|staff|{_CAP}))*"
    rf"(?:\s+of\s+(?:the\s+)?{_CAP}(?:\s+{_CAP})*)?)\b"
)
# A role and then the person holding it, as "according to" names them.
_ROLE_THEN_PERSON = re.compile(
    rf"(?P<role>(?:the\s+)?[a-z][\w'’ -]*?\s+(?i:{_ROLE_WORDS}|administration|staff|office))\s+"
    rf"(?P<person>{_CAP}\s+{_CAP})"
)
# "according to the Russian-installed head of Crimea, Sergei Aksyonov": a role, then the
# person holding it between a comma and the sentence's end.
_ROLE_COMMA_PERSON_END = re.compile(
    rf"(?P<role>(?:the\s+)?[^,;]{{0,60}}?\b(?i:{_ROLE_WORDS})\b[^,;]{{0,60}}?),\s+"
    rf"(?P<person>{_CAP}\s+{_CAP})\s*[.;]?\s*$"
)
# "the UK Ministry of Defense said", "Ukraine's Air Force said", "the British military said"
_ORG_SAID = re.compile(
    rf"(?P<name>(?:the\s+|an?\s+)?(?:{_CAP}(?:'s|’s)?\s+){{0,4}}"
    # ("the town's mayor said", "Ukraine's Tavria operational-strategic group said")
    r"(?:(?:town|city|village|region|oblast|plant|company)(?:'s|’s)\s+)?"
    r"(?:(?:city|regional|oblast|district|town|local|state|military|civil-military|municipal|"
    r"national|brigade|unit|border|grid|energy|operational-strategic|operational|strategic|"
    r"tactical|group)\s+){0,3}"
    r"(?:(?:defen[cs]e|foreign|interior|emergencies|emergency|energy|health|justice)\s+)?"
    rf"(?:{_CAP}|ministry|military|army|"
    rf"authorities|police|officials|administration|navy|command|service|staff|council|"
    r"air force|general staff|armed forces|"
    r"spokes(?:man|woman|person)|prosecutor(?:'s office|s)?|press (?:centre|center|service)|"
    r"operator|company|group|mayor|governor|"
    # "an employee of Luhanskoblenergo told the SMM": a company's own people
    r"employee|worker|staff member|representative)"
    rf"(?:\s+(?:of|for)\s+(?:the\s+)?(?:{_CAP}\s*(?:and\s+)?)+)*)"
    # ("Russia's Defense Ministry, meanwhile, claimed")
    r"(?:\s*,\s*(?:meanwhile|however|separately|in\s+turn|for\s+(?:its|his|her|their)\s+part)\s*,)?"
    rf"\s+(?:on\s+(?:{_WEEKDAY})\s+)?(?:also\s+|later\s+)?{_SAY}\b"
)
_CYR_VERB = (
    r"(?:повідоми(?:в|ла|ли)|заяви(?:в|ла|ли)|сообщи(?:л|ла|ли)|заяви(?:л|ла|ли)|написа(?:в|ла|л|ли)|"
    r"зазначи(?:в|ла|ли)|отмети(?:л|ла|ли)|розповіли?|розповіла?|рассказа(?:л|ла|ли)|"
    r"підтверди(?:в|ла|ли)|подтверди(?:л|ла|ли)|уточни(?:в|ла|л|ли)|додав|додала|добавил|добавила|"
    r"наголоси(?:в|ла)|поінформува(?:в|ла|ли)|проінформува(?:в|ла|ли)|сказа(?:в|ла|л)|"
    r"оголоси(?:в|ла|ли)|объяви(?:л|ла|ли))"
)
_CYR_WORD = r"[А-ЯІЇЄҐа-яіїєґ'’-]+"
_CYR_NAME = r"[А-ЯІЇЄҐ][а-яіїєґё'’]+(?:-[А-ЯІЇЄҐ][а-яіїєґё'’]+)?\s+[А-ЯІЇЄҐ][а-яіїєґё'’]+(?:-[А-ЯІЇЄҐ][а-яіїєґё'’]+)?"
# A name ends where the next word is not capitalised (or the clause ends).
_CYR_NAME_END = r"(?=\s*(?:[,.;:!?)»\"”–—-]|$|\s+[а-яіїєґ]))"
# Role words, abbreviations ("ОВА") and the capitalised places they govern ("мер Києва").
_CYR_ROLE = (
    r"(?:[а-яіїєґё'’-]+\s+|[А-ЯІЇЄҐ]{2,6}\s+|[А-ЯІЇЄҐ][а-яіїєґё'’-]+\s+|«[^»]{1,30}»\s+){0,6}?"
)
# "повідомив голова Харківської ОВА Олег Синєгубов"
_CYR_SAID = re.compile(
    rf"{_CYR_VERB}\s+(?:у\s+\w+\s+|в\s+\w+\s+)?(?P<role>{_CYR_ROLE})(?P<name>{_CYR_NAME}){_CYR_NAME_END}"
)
# "Голова ОВА Олег Синєгубов повідомив", "Мэр Игорь Терехов заявил"
_CYR_NAME_SAID = re.compile(
    rf"(?:^|(?<=[\s,(«\"]))(?P<role>(?:[А-ЯІЇЄҐа-яіїєґ][а-яіїєґё'’-]+\s+){{0,3}}?(?:[А-ЯІЇЄҐ]{{2,6}}\s+)?)"
    # ("Рафаель Гроссі, відвідавши Курську АЕС, заявив": an aside before the verb, opened
    # by a verb's adverb form, not "Часів Яр, але не змогли захопити місто, повідомили")
    rf"(?P<name>{_CYR_NAME})(?:,\s+[а-яіїєґё]+(?:вши|вшись|ючи|учи|ячи|ав|ив|ев|ясь|ая)\s"
    rf"[^,;«\"]{{2,90}}?,)?,?\s+"
    rf"(?:(?:також|также|раніше|ранее|вже|уже)\s+)?{_CYR_VERB}\b"
)
# A surname alone before the verb, at the start of a sentence: "Пушилин объявил о ...".
_CYR_SURNAME_SAID = re.compile(
    r"(?:^|(?<=[.!?:]\s))(?P<name>[А-ЯІЇЄҐ][а-яіїєґё'’-]+(?:ський|ский|цький|цкий|ов|ев|ёв|ин|ын|"
    rf"енко|ук|юк|чук|ич))\s+(?:{_CYR_VERB}|подписал|підписав|распорядил\w*|розпорядив\w*)\b"
)
# "за словами мера Миколаєва Олександра Сєнкевича": the name stands in the genitive.
_CYR_ACCORDING = re.compile(
    r"(?i:за\s+словами|по\s+словам|за\s+даними|по\s+данным|за\s+інформацією|по\s+информации)\s+"
    rf"(?P<role>{_CYR_ROLE})(?P<name>{_CYR_NAME}){_CYR_NAME_END}"
)
_CYR_ROLES = (
    (
        r"\b(?:голов\w*|начальник\w*|очільник\w*|глав\w*|керівник\w*)\b.*\b(?:ова|ода|ова|ога)\b",
        "head of the regional military administration",
    ),
    (r"\b(?:головнокомандувач|главнокомандующ)\w*", "commander-in-chief"),
    (r"\bміськ\w* голов\w*|\bмер\w*\b|\bмэр\w*", "mayor"),
    (r"\bгубернатор\w*", "governor"),
    (
        r"\bречни\w*|\bспікер\w*|\bпрес-секретар\w*|\bпресс-секретар\w*|\bпредставни\w*",
        "spokesperson",
    ),
    (r"\bміністр\w*|\bминистр\w*", "minister"),
    (r"\bзамміністр\w*|\bзамминистр\w*", "deputy minister"),
    (r"\bомбудсм\w*|\bуповноважен\w* з прав людини", "ombudsman"),
    (r"\bпрокурор\w*", "prosecutor"),
    (r"\bкомандувач\w*|\bкомандующ\w*", "commander"),
    (r"\bголов\w*|\bглав\w*|\bочільник\w*|\bначальник\w*|\bкерівник\w*", "head"),
)
# Bodies that speak in Ukrainian and Russian news, under their English names.
_CYR_ORGS = (
    (r"\bГенштаб\w*|\bГенеральн\w* штаб\w*", "General Staff"),
    (r"\bПовітрян\w* сил\w*|\bВоздушн\w* сил\w*|\bПС ЗСУ\b|\bВПС\b", "Air Force"),
    (r"\bМАГАТЕ\b|\bМАГАТЭ\b", "IAEA"),
    (r"\bДСНС\b|\bГСЧС\b|\bДержавн\w* служб\w* (?:з|із) надзвичайн\w*", "State Emergency Service"),
    (
        r"\bМіноборони\b|\bМинобороны\b|\bМіністерств\w* оборони\b|\bМинистерств\w* обороны\b",
        "Defence Ministry",
    ),
    (r"\bНацполіці\w*|\bНацполици\w*|\bполіці\w*|\bполици\w*", "police"),
    (r"\bЕнергоатом\w*|\bЭнергоатом\w*", "Energoatom"),
    (r"\bУкренерго\b|\bУкрэнерго\b", "Ukrenergo"),
    (r"\bУкрзалізниц\w*|\bУкрзализныц\w*", "Ukrzaliznytsia"),
    (r"\bДТЕК\b|\bДТЭК\b", "DTEK"),
    (r"\w+обленерго\b|\w+облэнерго\b", "regional power company"),
    (
        r"\bОфіс\w* (?:генпрокурора|Генерального прокурора)\b|\bОфис\w* генпрокурора\b",
        "Prosecutor General's Office",
    ),
    (
        r"\b(?:Харківськ|Херсонськ|Одеськ|Запорізьк|Дніпропетровськ|Миколаївськ|Сумськ|Донецьк|"
        r"Київськ|Чернігівськ|Луганськ)\w* ОВА\b",
        "regional military administration",
    ),
    (r"\bОВА\b|\bОВА\b", "regional military administration"),
)
_CYR_CUE = re.compile(
    rf"{_CYR_VERB}|\bза\s+(?:словами|даними|інформацією)\b|\bпо\s+(?:словам|данным|информации)\b|"
    r"\bйдеться\s+(?:у|в)\s+повідомленн\w*|\bговорится\s+в\s+сообщени\w*",
    re.IGNORECASE,
)
_NOT_SPEAKERS = frozenset(
    [
        "it",
        "he",
        "she",
        "they",
        "this",
        "that",
        "which",
        "who",
        "officials",
        "sources",
        "reports",
        "there",
        "we",
        "i",
        "you",
        "one",
        # what is claimed, not who claims it: "Capture of Maryinka claimed"
        "capture",
        "fall",
        "liberation",
        "seizure",
        "control",
        "attack",
        "strike",
        "shelling",
        "evacuation",
        "toll",
    ]
)
_PRONOUNS = re.compile(r"^(?:he|she|they|it)$", re.IGNORECASE)


# Bodies a text may write in lower case, by the names they go by.
_PROPER = {
    "air force": "Air Force",
    "general staff": "General Staff",
    "armed forces": "Armed Forces",
}


def _clean(who: str) -> str:
    who = who.replace("’", "'")
    who = re.sub(r"^(?:the|a|an)\s+", "", who.strip(" ,.;:"), flags=re.IGNORECASE)
    who = re.sub(r"(?:'s|’s)$", "", who)
    return _PROPER.get(who, who)


def _role(text: str | None) -> str | None:
    if not text:
        return None
    role = re.sub(r"^(?:the|a|an)\s+", "", " ".join(text.split()).strip(" ,"), flags=re.IGNORECASE)
    role = re.sub(r"\b(?:regional|provincial)\s+(governor)\b", r"\1", role, flags=re.IGNORECASE)
    return role or None


_ORG_WORDS = re.compile(
    r"\b(?:Agency|Ministry|Office|Service|Administration|Council|Forces|Staff|Command|Committee|"
    r"Organi[sz]ation|Fund|Bank|Commission|Union|Company|Corporation|Watch|Mission|IAEA|UN|NATO)\b"
)


def _title(role: str) -> str:
    """ "Zaporizhzhia provincial governor" → "governor"; an organisation's title keeps it:
    "International Atomic Energy Agency chief"."""
    if _ORG_WORDS.search(role):
        return role
    title = re.search(
        rf"(?:deputy |acting |vice |prime )*(?:{_ROLE_WORDS})(?:\s+of\s+.*)?$", role, re.IGNORECASE
    )
    return title.group(0).lower() if title else role


def _is_person(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


# "Kherson Governor", "Kharkiv City Council": an office or a body, which a place may name.
_NOT_A_PERSON = re.compile(
    rf"\b(?:{_ROLE_WORDS}|oblast|region|city|council|administration|ministry|forces|command|"
    r"army|police|service|staff|office|district|community)\b",
    re.IGNORECASE,
)


def people_named(sentence: str) -> list[tuple[int, int]]:
    """Where the sentence names a person it quotes ("spokesman Nazar Voloshyn said"): no
    word of a person's name is where anything happened, whatever village it spells."""
    spans: list[tuple[int, int]] = []
    for at, a in _speakers_at(sentence):
        if not _is_person(a.who) or _NOT_A_PERSON.search(a.who):
            continue
        # As many words as the name has, where it was found: a Cyrillic name is quoted
        # romanised ("Алексей Смирнов" as "Aleksei Smirnov").
        words = re.compile(rf"[\w’'.-]+(?:\s+[\w’'.-]+){{{len(a.who.split()) - 1}}}")
        if (m := words.match(sentence, at)) is not None:
            spans.append(m.span())
    return spans


# Wire headlines end with their source: "Four soldiers killed in east: military",
# "Ukrainian army shells DPR 277 times - operations command".
_HEADLINE_SOURCE = re.compile(r"(?:\s[-–—]\s*|(?P<mark>:)\s+)(?P<who>[\w'’. ]{2,60}?)\s*$")
_NOT_SOURCE = re.compile(
    r"\b(?:killed|wounded|injured|dead|shell\w*|attack\w*|strike\w*|hit|in|on|at|live|photos?|"
    r"videos?|timeline|explainer|map|"
    # "Kamianka-Dniprovska: drone hits market", "Sevastopol: six drones downed": the news
    # after the colon, a clause of its own
    r"hits|downed|shot|struck|drones?|missiles?|rockets?|blasts?|explosions?|damaged?|"
    r"destroyed|intercepted|repelled|captured|liberated|retaken|recaptured|evacuat\w*|outages?|"
    r"blackouts?|toll)\b"
    # A rubric closes many Ukrainian and Russian headlines: "– хроника эскалации", "– фото".
    r"|(?:хронік|хроник|фото|відео|видео|онлайн|трансляц|опрос|опитуван|інфографік|инфографик|"
    r"карта|мапа|подробиц|подробност|перелік|перечень|список|новини|новости|головне|главное|"
    # "Удар по Одесі: є загиблі": the toll after the colon is news, not its source.
    r"загин|загибл|поранен|постражд|погиб|ранен|пострада|жертв|убит|вбит|евакуац|эвакуац|"
    # "Сирський: Кліщіївку звільнено": a capture, a downing, a hit after the colon is news
    r"звільн|освобожд|освобод|захопл|захвач|відбит|отбит|збит|сбит|знищ|уничтож|влучан|попадан|"
    r"без світла|без света|знеструм|обесточ|\d)",
    re.IGNORECASE,
)


# Lowercase words a body's name may hold ("Ministry of Defence", "Office of the President").
_NAME_JOINERS = frozenset({"of", "the", "for", "and", "de", "du"})
# The bodies a wire headline ends with after a colon, lowercase as wires write them.
_SOURCE_WORDS = (
    r"\b(?:police|army|authorities|ministry|officials?|rescuers|emergency services?|"
    r"prosecutors?|witness(?:es)?|residents|media|reports?|sources?|monitors?|observers?|"
    r"administration|council|city hall|kremlin|kyiv|moscow|ukraine|russia|general staff|"
    r"air force|navy|border guards?|medics|doctors|hospital|red cross|un|iaea|osce)\b"
)


def headline_source(title: str) -> Attribution | None:
    m = _HEADLINE_SOURCE.search(title)
    if m is None:
        return None
    who = m.group("who").strip()
    if _NOT_SOURCE.search(who) or len(who.split()) > 6 or re.fullmatch(r"[\d\s.]+", who):
        return None
    cased = [w[:1].isupper() for w in who.split()]
    if (
        m.group("mark") == ":"
        and not _HAS_CYRILLIC.search(who)
        and not all(c or w in _NAME_JOINERS for c, w in zip(cased, who.split(), strict=True))
        and not _ROLE_ANY.search(who)
        and not re.search(_SOURCE_WORDS, who, re.IGNORECASE)
    ):
        # "Kharkiv region: Kupiansk under fire again": the same in English wires, whose
        # source after a colon is a name, a role or a body ("... : military", ": police").
        return None
    if (
        _HAS_CYRILLIC.search(who)
        and len(cased) > 1
        # After a colon a Ukrainian or Russian headline goes on with its news, its source
        # before the colon or signed below ("Харківщина: ворог атакував Золочів КАБами",
        # "Белгородчина: Шебекино под обстрелом"): a source there is a name, every word
        # capitalised, or a role or a body.
        and (not any(cased) or (m.group("mark") == ":" and not all(cased)))
        and not _cyr_role(who)
        and not any(re.search(k, who, re.IGNORECASE) for k, _ in _CYR_ORGS)
    ):
        # "вывозят детей: решение приняли после обстрелов" names nobody; "- police",
        # ": city hall" do.
        return None
    return Attribution(_clean(who))


# Every speaker pattern needs one of these: a saying verb (case as the patterns have it),
# "according to", or a Cyrillic verb or "за словами"-like phrase (any case, inside a word too).
_LATIN_CUE = re.compile(rf"\b{_SAY}\b|\b[Aa]ccording to\b|\b[Pp]er the\b")
_CYRILLIC_CUE_WORDS = rf"{_CYR_VERB}|словам|даним|данным|інформаці|информаци|йдеться|говорится"
_CYRILLIC_CUE = re.compile(_CYRILLIC_CUE_WORDS, re.IGNORECASE)
# The same, all lowercase, for lowercased text: case-sensitive, it runs ten times faster.
_CYRILLIC_CUE_LOWER = re.compile(_CYRILLIC_CUE_WORDS)


def _may_name_speaker(sentence: str) -> bool:
    if _LATIN_CUE.search(sentence) is not None:
        return True
    if _HAS_CYRILLIC.search(sentence) is None:
        return False
    if words(sentence) is None:  # lowercasing is not safe for this text
        return _CYRILLIC_CUE.search(sentence) is not None
    return _CYRILLIC_CUE_LOWER.search(sentence.lower()) is not None


def speakers(sentence: str) -> list[Attribution]:
    """Everyone the sentence attributes its content to, in order of appearance."""
    return _dedupe(a for _, a in sorted(_speakers_at(sentence), key=lambda p: p[0]))


@functools.lru_cache(maxsize=2048)
def _speakers_at(sentence: str) -> tuple[tuple[int, Attribution], ...]:
    """`speakers`, each with where its name starts, before one name's readings are merged
    (a sentence's speakers are asked for twice: for who says so, and for the people whose
    names are no places)."""
    if not _may_name_speaker(sentence):
        return ()  # most sentences: no saying verb, so none of the patterns below can match
    found: list[tuple[int, Attribution]] = []
    # Both role patterns need a role word: most sentences with "said" have none.
    has_role = _ROLE_ANY.search(sentence) is not None
    for m in _ROLE_NAME_SAID.finditer(sentence) if has_role else ():
        role = _role(m.group("role"))
        name = _clean(m.group("name"))
        if role and _is_person(name):
            found.append((m.start("name"), Attribution(name, _title(role))))
    for m in _NAME_ROLE_SAID.finditer(sentence) if has_role else ():
        name = _clean(m.group("name"))
        if _is_person(name) and re.search(_ROLE_WORDS, m.group("role"), re.IGNORECASE):
            found.append((m.start("name"), Attribution(name, _role(m.group("role")))))
    for m in _ROLE_COMMA_NAME_SAID.finditer(sentence) if has_role else ():
        name = _clean(m.group("name"))
        if _is_person(name):
            found.append((m.start("name"), Attribution(name, _role(m.group("role")))))
    for m in _SAID_NAME.finditer(sentence):
        name = _clean(m.group("name"))
        if name.lower() not in _NOT_SPEAKERS and (_is_person(name) or re.search(r"[A-Z]", name)):
            role = _role(m.group("role"))
            if role and not re.search(_ROLE_WORDS, role, re.IGNORECASE):
                role = None
            found.append((m.start("name"), Attribution(name, role)))
    lowered = sentence.lower()
    according = "according" in lowered or " per " in lowered
    for rx in (_ACCORDING, _ORG_SAID) if according else (_ORG_SAID,):
        for m in rx.finditer(sentence):
            name = _clean(m.group("name"))
            first = name.split()[0].lower() if name else ""
            if not first or first in _NOT_SPEAKERS or _PRONOUNS.match(name):
                continue
            if (
                not re.search(r"[A-ZА-ЯІЇЄҐ]", name)
                and not _BACK_REFERENCE.match(name.lower())
                and len(_clean(name).split()) < 2
            ):
                continue  # "the administration said": too vague to name; "the city military
                # administration said" is not
            # "Deputy Prime Minister Marat Husnurin said" was already read as role + person.
            if any(a.who in name or name in a.who for _, a in found):
                continue
            if rx is _ORG_SAID and _OBJECT_BEFORE.search(sentence, 0, m.start("name")):
                continue  # "the government in the region of Kursk declared": not Kursk
            if rx is _ACCORDING and (
                (held := _ROLE_COMMA_PERSON_END.match(sentence, m.start("name"))) is not None
                and _is_person(held.group("person"))
            ):
                role = _clean(held.group("role")).removeprefix("the ").strip()
                found.append((m.start("name"), Attribution(held.group("person"), role)))
                continue
            person = _ROLE_THEN_PERSON.fullmatch(name)
            if person is not None and _is_person(person.group("person")):
                # "the head of the regional military administration Vadym Filashkin"
                role = person.group("role").removeprefix("the ").strip()
                found.append((m.start("name"), Attribution(person.group("person"), role)))
                continue
            found.append((m.start("name"), Attribution(name)))
    found.extend(_cyrillic_speakers(sentence))
    return tuple(found)


def _cyr_role(text: str) -> str | None:
    role = " ".join(text.split()).lower()
    if not role:
        return None
    title = next((v for k, v in _CYR_ROLES if re.search(k, role)), None)
    org = next((o for k, o in _CYR_ORGS if re.search(k, text, re.IGNORECASE)), None)
    if title and org and org not in title:
        return f"{title} of the {org}"
    return title


_RUSSIAN = re.compile(
    r"[ыэъё]|\b(?:сообщил|заявил|рассказал|отметил|добавил|подтвердил|написал|сказал)\w*|"
    r"\bпо (?:словам|данным)\b|\bчто\b|\bэто\b|\bв результате\b|\bчеловек\b",
    re.IGNORECASE,
)


def _is_russian(text: str) -> bool:
    return _RUSSIAN.search(text) is not None and not re.search(r"[іїєґ]", text, re.IGNORECASE)


# Russian names in a Russian text are romanised as Russian ("Игорь" is Igor, not "Yhor").
_RU_LATIN = "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya"
_RU = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюя", _RU_LATIN.split(" "), strict=True))


def _romanize_name(name: str, *, russian: bool) -> str:
    if not russian:
        return romanize(name)
    out: list[str] = []
    for i, ch in enumerate(name):
        latin = _RU.get(ch.lower())
        if ch.lower() == "й" and not (i >= 1 and name[i - 1].lower() in "иы" and _ends(name, i)):
            # As the news writes Russian names: Sergei, Alexei, Khinshtein, Shoigu; "-ий"
            # and "-ый" at a name's end stay "-iy"/"-y" (Dmitriy).
            latin = "i"
        if latin is None:
            out.append(ch)
            continue
        latin = "" if latin == "-" else latin
        out.append(latin.capitalize() if ch.isupper() else latin)
    return "".join(out)


def _ends(name: str, i: int) -> bool:
    return i + 1 == len(name) or not name[i + 1].isalpha()


# Genitive endings of names after "за словами"/"по словам", with their nominative.
_GENITIVE_NAME = (
    ("ого", "ий"),
    ("ього", "ій"),
    ("ія", "ій"),
    ("ия", "ий"),
    ("ея", "ей"),
    ("ової", "ова"),
    ("евої", "ева"),
    ("іної", "іна"),
    ("ой", "а"),
    ("ої", "а"),
    ("ки", "ка"),
    ("ни", "на"),
    ("ри", "ра"),
    ("ли", "ла"),
    ("ги", "га"),
    ("ї", "я"),
    ("и", "а"),
    ("ы", "а"),
)


def _nominative(word: str) -> str:
    """ "Олександра" → "Олександр", "Сєнкевича" → "Сєнкевич": good enough to name a speaker."""
    lower = word.lower()
    if re.search(r"[бвгґджзклмнпрстфхцчшщ]а$", lower) or re.search(
        r"[бвгґджзклмнпрстфхцчшщ]я$", lower
    ):
        return word[:-1] if lower.endswith("а") else word[:-1] + "ь"
    for ending, nominative in _GENITIVE_NAME:
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            return word[: -len(ending)] + nominative
    return word


_HAS_CYRILLIC = re.compile(r"[а-яёіїєґ]", re.IGNORECASE)


def _cyrillic_speakers(sentence: str) -> list[tuple[int, Attribution]]:
    if not _HAS_CYRILLIC.search(sentence):
        return []
    russian = _is_russian(sentence)
    found: list[tuple[int, Attribution]] = []
    for rx in (_CYR_SAID, _CYR_NAME_SAID):
        for m in rx.finditer(sentence):
            name = _romanize_name(m.group("name"), russian=russian)
            found.append((m.start("name"), Attribution(name, _cyr_role(m.group("role")))))
    for m in _CYR_ACCORDING.finditer(sentence):
        words = [_nominative(w) for w in m.group("name").split()]
        name = _romanize_name(" ".join(words), russian=russian)
        found.append((m.start("name"), Attribution(name, _cyr_role(m.group("role")))))
    if not found and (alone := _CYR_SURNAME_SAID.search(sentence)) is not None:
        # "Балицкий объявил об эвакуации": a surname alone, opening the sentence.
        name = _romanize_name(alone.group("name"), russian=russian)
        found.append((alone.start("name"), Attribution(name)))
    if found or not _CYR_CUE.search(sentence):
        return found
    # No person named: the body that reports it ("повідомили в Повітряних силах").
    if (ova := _OVA.search(sentence)) is not None and (
        region := _OBLAST_OF_ADJECTIVE.get(ova.group("adj").lower())
    ):
        found.append((ova.start(), Attribution(f"{region} Military Administration")))
        return found
    for pattern, org in _CYR_ORGS:
        hit = re.search(pattern, sentence, re.IGNORECASE)
        if hit:
            found.append((hit.start(), Attribution(org)))
            break
    return found


def merge_speakers(items: Iterable[Attribution]) -> list[Attribution]:
    """One entry per speaker: "General Staff" and "General Staff of Ukraine's Armed Forces"
    are one, and the fuller name or the one with a role wins."""
    return _dedupe(items)


def _dedupe(items: Iterable[Attribution]) -> list[Attribution]:
    out: list[Attribution] = []
    for a in items:
        if len(a.who) < 2 or a.who.endswith("-backed"):
            continue
        same = next((o for o in out if a.who in o.who or o.who in a.who), None)
        if same is None:
            out.append(a)
        elif a.role and not same.role or len(a.who) > len(same.who) and not same.role:
            out[out.index(same)] = a
    return out


_PRONOUN_SAID = re.compile(
    rf"\b(?:he|she)\s+(?:also\s+)?{_SAY}\b|\b{_SAY}\s+(?:he|she)\b", re.IGNORECASE
)


def pronoun_speaker(sentence: str, known: list[Attribution]) -> Attribution | None:
    """ "he said" is the last person named as a speaker before it."""
    found = words(sentence)
    if found is not None and "he" not in found and "she" not in found:
        return None
    if not _PRONOUN_SAID.search(sentence):
        return None
    return next((k for k in reversed(known) if _is_person(k.who)), None)


def _refers_to(short: str, known: Attribution) -> bool:
    """ "the ministry" / "the governor": a speaker named earlier with that word in its name
    or role."""
    m = _BACK_REFERENCE.match(short.lower())
    if m is None:
        return False
    what = m.group("what")
    return what in known.who.lower() or (known.role is not None and what in known.role.lower())


# A name right after a preposition is the object of a longer phrase, not the speaker.
_OBJECT_BEFORE = re.compile(r"\b(?:of|in|from|at|near|for|on|to)\s+(?:the\s+)?$", re.IGNORECASE)


# "according to the ministry": a body the article named before, or nobody.
_BACK_REFERENCE = re.compile(r"^(?:the\s+)?(?P<what>ministry)$")


def resolve_short_names(found: list[Attribution], known: list[Attribution]) -> list[Attribution]:
    """Replace "Sardo said" by the full name and role given earlier in the article."""
    out: list[Attribution] = []
    for a in found:
        full = next(
            (
                k
                for k in known
                if k.who != a.who and (k.who.endswith(" " + a.who) or _refers_to(a.who, k))
            ),
            None,
        )
        if full is None and _BACK_REFERENCE.match(a.who.lower()):
            continue  # "according to the ministry", and no ministry named before it
        out.append(Attribution(full.who, a.role or full.role) if full else a)
    return _dedupe(out)


# Official channels sign their posts: "Олег Синєгубов", "Повітряні сили ЗС України",
# "Харківська ОВА" alone on the last line.
_SIGNATURE_LINE = re.compile(r"^[\w’'ʼ .-]{3,60}$")
# A first name and a surname after a sentence's end, closing the text; the first word not
# a verb's past form ("... Загинув Сергій" tells who died, it signs nothing).
_RUN_IN_SIGNER = re.compile(
    r"[.!?…]\s+(?P<signer>(?P<first>[А-ЯІЇЄҐ][а-яіїєґё'’ʼ-]+)\s+[А-ЯІЇЄҐ][а-яіїєґё'’ʼ-]+)\s*$"
)
_VERB_PAST = re.compile(r"(?:в|ла|ли|но|то|ся|сь)$")
# The last words of a post after its last sentence: a body or an office, signing it.
_RUN_IN_BODY = re.compile(
    r"(?<=[.!?…])\s+(?P<signer>[А-ЯІЇЄҐЁ][^.!?…\d\n]{1,70}?(?:[А-ЯІЇЄҐЁ]\.\s*)?[^.!?…\d\n]*?)\s*$"
)


def _signs_as_body(words: str) -> bool:
    """A known body ("Повітряні сили ЗС України", "Укренерго") or an office and its holder
    ("Губернатор Брянской области А. Богомаз"), and nothing else."""
    if len(words.split()) > 7:
        return False
    if any(re.match(k, words, re.IGNORECASE) for k, _ in _CYR_ORGS):
        return True  # (the name leads: "Пошкоджено будинки поліції" is no signature)
    titled = _TITLE_THEN_NAME.fullmatch(words.rstrip("."))
    return titled is not None and _cyr_role(titled.group("title")) is not None


_OVA = re.compile(
    r"\b(?P<adj>[А-ЯІЇЄҐ][а-яіїєґ']+?)(?:ська|ської|ская|ской|ький|кий)\s+(?:ОВА|ОГА|ВЦА)\b"
)


def _oblast_adjectives() -> dict[str, str]:
    """ "харків" → "Kharkiv Oblast", from the regions' Ukrainian and Russian names."""
    out: dict[str, str] = {}
    for region in regions_data()["regions"]:
        for alias in region.get("aliases", ()):
            m = re.fullmatch(r"(\w+?)(?:ська|ская|цька|цкая) область", alias.lower())
            if m:
                out[m.group(1)] = region["name"]
    return out


_OBLAST_OF_ADJECTIVE = _oblast_adjectives()


# "Министерство обороны Российской Федерации: ...", "Донецька ОВА: ...": a body that leads
# its own post with its name.
_LEAD_SOURCE = re.compile(r"^\s*(?P<who>[^:\n.!?]{3,70}):\s")


def lead_source(text: str) -> Attribution | None:
    """The body a post opens with, before a colon, when it is one."""
    m = _LEAD_SOURCE.match(text)
    if m is None:
        return None
    who = " ".join(m.group("who").split())
    if (ova := _OVA.search(who)) is not None and (
        region := _OBLAST_OF_ADJECTIVE.get(ova.group("adj").lower())
    ):
        return Attribution(f"{region} Military Administration")
    if _HAS_CYRILLIC.search(who):
        org = next((o for k, o in _CYR_ORGS if re.search(k, who, re.IGNORECASE)), None)
        return Attribution(org) if org is not None and len(who.split()) <= 6 else None
    body = re.search(_ORG_WORDS.pattern, who, re.IGNORECASE)
    return Attribution(_clean(who)) if body and len(who.split()) <= 6 else None


_TITLE_THEN_NAME = re.compile(
    r"(?P<title>[А-ЯІЇЄҐа-яіїєґёЁ][\w’'ʼ.-]*(?:\s+[\w’'ʼ.-]+){0,5}?)\s+"
    # ("Губернатор Брянской области А. Богомаз": an initial for the given name)
    r"(?P<name>(?:[А-ЯІЇЄҐЁ][а-яіїєґё’'ʼ-]+\s+|[А-ЯІЇЄҐЁ]\.\s*(?:[А-ЯІЇЄҐЁ]\.\s*)?)"
    r"[А-ЯІЇЄҐЁ][а-яіїєґё’'ʼ-]+)"
)


def signature(text: str) -> Attribution | None:
    """The signer of a post: its last line when that is a name or a body and nothing else."""
    lines = [line.strip(" \t*_—–-") for line in text.strip().splitlines() if line.strip()]
    if len(lines) < 2:
        # A post whose line breaks were lost on the way ("... Постраждалих немає. Сергій
        # Лисак"): the signer is what follows the last full stop, if it is only a name.
        tail = _RUN_IN_SIGNER.search(text.strip())
        if tail is None:
            # ... or a body, or an office and its holder: "... тривають. Генеральний штаб
            # ЗСУ", "... Повреждены ЛЭП. Губернатор Брянской области А. Богомаз"
            body = _RUN_IN_BODY.search(text.strip())
            if body is None or not _signs_as_body(body.group("signer")):
                return None
            lines = [text.strip()[: body.start()], body.group("signer")]
        else:
            first = tail.group("first")
            if _VERB_PAST.search(first) and not first.endswith("слав"):
                return None  # "Загинув Сергій", not a signer; "Вячеслав Гладков" is one
            lines = [text.strip()[: tail.start()], tail.group("signer")]
    last = lines[-1].rstrip(".")
    role: str | None = None
    if "," in last and _HAS_CYRILLIC.search(last):
        # "Роман Мрочко, начальник Херсонської МВА": the signer, then the office held.
        name, _, office = last.partition(",")
        if len(name.split()) in (2, 3) and all(w[:1].isupper() for w in name.split()):
            last, role = name.strip(), _cyr_role(office)
    elif (titled := _TITLE_THEN_NAME.fullmatch(last)) is not None and (
        held := _cyr_role(titled.group("title"))
    ):
        # "Головнокомандувач ЗСУ Олександр Сирський": the office, then the signer.
        last, role = titled.group("name"), held
    if not _SIGNATURE_LINE.fullmatch(last) or any(c.isdigit() for c in last):
        return None
    words = last.split()
    if not 1 <= len(words) <= 5 or not words[0][:1].isupper():
        return None
    if (ova := _OVA.search(last)) is not None:
        region = _OBLAST_OF_ADJECTIVE.get(ova.group("adj").lower())
        if region is not None:
            return Attribution(f"{region} Military Administration")
    if _HAS_CYRILLIC.search(last):
        org = next((o for k, o in _CYR_ORGS if re.search(k, last, re.IGNORECASE)), None)
        if org is not None:
            return Attribution(org)
        if len(words) in (2, 3) and all(w[:1].isupper() for w in words):
            return Attribution(_romanize_name(last, russian=_is_russian(text)), role)
        return None
    if _is_person(last) and len(words) <= 3 or _ORG_WORDS.search(last):
        return Attribution(last)
    return None


_SIGNED_BY_OBLAST = re.compile(r"(.+ Oblast) Military Administration")


def signer_region(signer: Attribution | None) -> str | None:
    """The oblast whose military administration signs a post ("Сумська ОВА"): the region
    its news is from, which settles namesakes the post names without it."""
    m = _SIGNED_BY_OBLAST.fullmatch(signer.who) if signer is not None else None
    return m.group(1) if m else None
