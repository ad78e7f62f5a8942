"""Resolve "on Monday", "early Friday morning", "yesterday", "Oct. 10" against the publish time."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from bot.extract.wordindex import may_match, register, stems, words

# Weekdays are counted in the place the events happen, not in UTC: a 23:30 UTC report of
# "this morning" in Kyiv already belongs to the next day there.
LOCAL_TZ = ZoneInfo("Europe/Kyiv")

_WEEKDAYS = {
    "monday": 0,
    "tuesday": 1,
    "wednesday": 2,
    "thursday": 3,
    "friday": 4,
    "saturday": 5,
    "sunday": 6,
    "понеділ": 0,
    "вівтор": 1,
    "серед": 2,
    "четвер": 3,
    "п'ятниц": 4,
    "п’ятниц": 4,
    "субот": 5,
    "суббот": 5,
    "неділ": 6,
    "понедельн": 0,
    "вторник": 1,
    "сред": 2,
    "пятниц": 4,
    "воскресен": 6,
}
_MONTHS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "may": 5,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
    "січ": 1,
    "лют": 2,
    "берез": 3,
    "квіт": 4,
    "травн": 5,
    "червн": 6,
    "липн": 7,
    "серп": 8,
    "верес": 9,
    "жовт": 10,
    "листопад": 11,
    "груд": 12,
    "январ": 1,
    "феврал": 2,
    "март": 3,
    "апрел": 4,
    "мая": 5,
    "июн": 6,
    "июл": 7,
    "август": 8,
    "сентябр": 9,
    "октябр": 10,
    "ноябр": 11,
    "декабр": 12,
}
_WEEKDAY_RE = re.compile(
    r"\b(?:(?:on|last|this|early|late|since|by|until)\s+)?(?:(?:early|late)\s+)?"
    r"(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s)?\b"
    r"|\b(?:(?:у|в)\s+ніч\s+на|в\s+ночь\s+на|у|в|во|минул\w+|прошл\w+|цього|этого|цей|эт\w+|"
    r"з\s+ночі\s+на)\s+(?P<cday>понеділ\w*|вівтор\w*|серед\w*|четвер\w*|п['’]ятниц\w*|субб?от\w*|неділ\w*|"
    r"понедельн\w*|вторник\w*|сред\w*|пятниц\w*|воскресен\w*)",
    re.IGNORECASE,
)
_NUMERIC_DATE = re.compile(
    r"(?<![\d.])(?:(?P<dot_d>\d{1,2})\.(?P<dot_m>\d{1,2})\.(?P<dot_y>(?:19|20)\d{2})|"
    r"(?P<iso_y>(?:19|20)\d{2})-(?P<iso_m>\d{2})-(?P<iso_d>\d{2}))(?![\d.]\d)"
)
_MONTH_DAY = re.compile(
    r"\b(?P<mon>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(?P<d>\d{1,2})\b"
    r"|\b(?P<d2>\d{1,2})\s+(?P<mon2>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
    r"|\b(?P<d3>\d{1,2})\s+(?P<mon3>січ|лют|берез|квіт|травн|червн|липн|серп|верес|жовт|листопад|груд|"
    r"январ|феврал|март|апрел|мая|июн|июл|август|сентябр|октябр|ноябр|декабр)\w*",
    re.IGNORECASE,
)
_RELATIVE: tuple[tuple[re.Pattern[str], int], ...] = tuple(
    (re.compile(p, re.IGNORECASE), days)
    for p, days in (
        (r"\b(?:the day before yesterday|позавчора|позавчера)\b", -2),
        # (Ukrainian writes в or у by the sound before: "вчора", "учора"; "вночі", "уночі")
        (r"\b(?:yesterday|last night|вчора|учора|вчера|минулої ночі|прошлой ночью)\b", -1),
        (
            r"\b(?:today|this morning|tonight|overnight|this afternoon|this evening|сьогодні|"
            r"сегодня|вночі|уночі|ночью|цієї ночі|этой ночью)\b",
            0,
        ),
    )
)
_YEAR_AFTER = re.compile(r"[,.]?\s*((?:19|20)\d\d)\b")
_AGO = re.compile(r"\b(?P<n>two|three|four|five|six|\d)\s+days\s+ago\b", re.IGNORECASE)
_AGO_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


_DIGIT = re.compile(r"\d")
# Word starts the weekday and relative-day patterns need (None: unknown, always try them).
_WEEKDAY_STEMS = stems(_WEEKDAY_RE.pattern)
_RELATIVE_STEMS = tuple(stems(rule.pattern) for rule, _ in _RELATIVE)
for _keys in (_WEEKDAY_STEMS, *_RELATIVE_STEMS):
    if _keys is not None:
        register(_keys)


def month_number(word: str) -> int | None:
    """1-12 for a month's name or its stem in English, Ukrainian or Russian ("Sept", "березня");
    None for any other word."""
    low = word.lower()
    return next((v for k, v in _MONTHS.items() if low.startswith(k)), None)


def local_date(moment: datetime) -> date:
    return moment.astimezone(LOCAL_TZ).date()


def resolve_date(sentence: str, published: datetime | None) -> date | None:
    """The date a sentence's event happened, or None when the sentence gives no clue.
    Without a publish time only a date written whole ("14 March 2023", "17.05.2024") says
    when; "Monday" or "14 March" needs the day the text was written. The day a thing was
    said ("..., the governor said Tuesday") or a count stood ("by 17 January the toll stood at
    44") is the last resort."""
    return dated(sentence, published)[0]


def dated_by_saying(sentence: str, published: datetime | None) -> bool:
    """Whether the only date a sentence gives is the day something was said or counted:
    "Two were killed, the governor said Tuesday" says nothing of when they were killed."""
    return dated(sentence, published)[1]


def dated(sentence: str, published: datetime | None) -> tuple[date | None, bool]:
    """`resolve_date` and `dated_by_saying` at once, each clue read once."""
    told = _told_date(sentence, published)
    if told is not None:
        return told, False
    said = _report_date(sentence, published)
    return said, said is not None


def _report_date(sentence: str, published: datetime | None) -> date | None:
    today = local_date(published) if published is not None else None
    said = _said_weekday(sentence) if today is not None else None
    if said is not None and today is not None:
        return _weekday(said, today)
    counted = _counted_day(sentence) if _DIGIT.search(sentence) else None
    return _month_day(sentence, counted, today) if counted is not None else None


def _weekday(m: re.Match[str], today: date) -> date:
    word = (m.group("day") or m.group("cday") or "").lower()
    target = next(v for k, v in _WEEKDAYS.items() if word.startswith(k))
    # Reports speak of the most recent such day: "Monday" in a Friday story is 4 days back.
    return today - timedelta(days=(today.weekday() - target) % 7)


def _told_date(sentence: str, published: datetime | None) -> date | None:
    if published is None:
        return _whole_date(sentence)
    today = local_date(published)
    m = None
    if may_match(_WEEKDAY_STEMS, sentence):
        # "funerals on Thursday of children killed in Tuesday's missile strike": the day the
        # attack is named by is its own, whatever else the sentence dates
        m = _ATTACK_OF_A_DAY.search(sentence) or _event_weekday(sentence)
    if m:
        return _weekday(m, today)
    has_digit = _DIGIT.search(sentence) is not None
    numeric = _numeric_date(sentence) if has_digit else None
    if numeric is not None:
        return numeric
    m = _event_day(sentence) if has_digit else None  # every form has a day number
    if m:
        return _month_day(sentence, m, today)
    seen = words(sentence)
    m = _AGO.search(sentence) if seen is None or "ago" in seen else None
    if m:
        n = m.group("n").lower()
        return today - timedelta(days=int(n) if n.isdigit() else _AGO_WORDS[n])
    for (rule, days), keys in zip(_RELATIVE, _RELATIVE_STEMS, strict=True):
        if may_match(keys, sentence) and rule.search(sentence):
            return today + timedelta(days=days)
    return None


# "..., the governor said Tuesday", "заявив у вівторок": the day a thing was said, which is
# the report's day, not the day of what it tells.
_SAID_BEFORE = re.compile(
    r"\b(?:said|says|told(?:\s+\w+){0,2}?|reported|announced|added|wrote|stated|"
    r"заяви\w*|повідоми\w*|сказа\w*|написа\w*|додав\w*|сообщи\w*|добави\w*)\s+$",
    re.IGNORECASE,
)


_ATTACK_OF_A_DAY = re.compile(
    r"\b(?P<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)['’]s\s+"
    r"(?:[\w-]+\s+){0,3}?(?:attacks?|strikes?|shelling|bombardment|barrage|raids?|assault)\b",
    re.IGNORECASE,
)


def _event_weekday(sentence: str) -> re.Match[str] | None:
    """The first weekday the sentence names that is not the day something was said."""
    for m in _WEEKDAY_RE.finditer(sentence):
        if not _SAID_BEFORE.search(sentence, max(0, m.start() - 40), m.start()):
            return m
    return None


def _said_weekday(sentence: str) -> re.Match[str] | None:
    if not may_match(_WEEKDAY_STEMS, sentence):
        return None
    for m in _WEEKDAY_RE.finditer(sentence):
        if _SAID_BEFORE.search(sentence, max(0, m.start() - 40), m.start()):
            return m
    return None


# "trying to encircle the town since Oct. 10": when a period began, not the event's day.
_SINCE_BEFORE = re.compile(r"\b(?:since|ever\s+since|з|від|с|со)\s+$", re.IGNORECASE)


# "by 17 January the toll stood at 44", "станом на 5 квітня": the day a count stood.
_BY_BEFORE = re.compile(
    r"\b(?:by|as\s+of|as\s+at|станом\s+на|по\s+состоянию\s+на|на\s+момент)\s+$", re.IGNORECASE
)


def _event_day(sentence: str) -> re.Match[str] | None:
    """The first day and month the sentence names that neither starts a period nor dates a
    count."""
    for m in _MONTH_DAY.finditer(sentence):
        before = max(0, m.start() - 24)
        if not (
            _SINCE_BEFORE.search(sentence, before, m.start())
            or _BY_BEFORE.search(sentence, before, m.start())
        ):
            return m
    return None


def _counted_day(sentence: str) -> re.Match[str] | None:
    return next(
        (
            m
            for m in _MONTH_DAY.finditer(sentence)
            if _BY_BEFORE.search(sentence, max(0, m.start() - 24), m.start())
        ),
        None,
    )


def _whole_date(sentence: str) -> date | None:
    """A date the sentence writes with its year, or None."""
    if _DIGIT.search(sentence) is None:
        return None
    if (numeric := _numeric_date(sentence)) is not None:
        return numeric
    m = _event_day(sentence)
    return _month_day(sentence, m, None) if m else None


def _month_day(sentence: str, m: re.Match[str], today: date | None) -> date | None:
    """ "14 March 2023", "March 14, 2023", "14 березня 2023 року": the year as written; with no
    year, the latest such day by `today` ("Dec. 30" in a January story is last year's), or
    none without a `today`."""
    month = month_number(m.group("mon") or m.group("mon2") or m.group("mon3"))
    written = _YEAR_AFTER.match(sentence, m.end())
    year = int(written.group(1)) if written else today.year if today else None
    if month is None or year is None:
        return None
    try:
        found = date(year, month, int(m.group("d") or m.group("d2") or m.group("d3")))
    except ValueError:
        return None
    if written is None and today is not None and found > today + timedelta(days=2):
        found = found.replace(year=found.year - 1)
    return found


def _numeric_date(sentence: str) -> date | None:
    """ "17.05.2024", "2024-03-21": day-first with dots (as Ukraine writes), ISO with dashes."""
    numeric = _NUMERIC_DATE.search(sentence)
    if numeric is None:
        return None
    keys = ("iso_y", "iso_m", "iso_d") if numeric.group("iso_y") else ("dot_y", "dot_m", "dot_d")
    y, mo, d = (int(numeric.group(k)) for k in keys)
    try:
        return date(y, mo, d)
    except ValueError:
        return None


# Words of a text written after what it dates: a look back ("two years ago", "marks one year
# since", "річниця", "год назад"), or the writer's own days ("on Saturday", "today").
_LOOKS_BACK = re.compile(
    r"\b(?:ago|anniversary|(?:years?|months?)\s+since|today|yesterday|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"тому|назад|річниц\w*|роковин\w*|годовщин\w*|сьогодні|вчора|учора|сегодня|вчера|"
    r"понеділ\w*|вівтор\w*|четвер\w*|п['’]ятниц\w*|субот\w*|неділ\w*|"
    r"понедельн\w*|вторник\w*|пятниц\w*|суббот\w*|воскресен\w*)\b",
    re.IGNORECASE,
)


def told_later(text: str) -> bool:
    """Whether a text is written from a later day than the dates it gives: a dated event
    in it may be background. A dataset's note ("On 1 January 2024, Russian forces shelled
    ...") has nothing of the kind, however long after the event it was published."""
    return _LOOKS_BACK.search(text) is not None
