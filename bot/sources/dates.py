"""Feed dates (RFC 822 and ISO 8601, as feeds really write them) read into aware UTC."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta, timezone

_MONTHS = {
    # English first; then the abbreviations Portuguese, Spanish, French, German and Italian
    # feeds put in RFC 822 dates ("Seg, 24 Set 2018"), where they differ from English.
    **{m: i for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"),
        start=1,
    )},
    "fev": 2, "févr": 2, "abr": 4, "avr": 4, "mai": 5, "mag": 5, "juin": 6, "giu": 6,
    "juil": 7, "lug": 7, "ago": 8, "août": 8, "set": 9, "sept": 9, "out": 10, "okt": 10,
    "ott": 10, "dez": 12, "dic": 12, "déc": 12, "ene": 1, "gen": 1, "janv": 1, "mär": 3,
    "mrz": 3, "mars": 3,
}  # fmt: skip
_ZONES = {
    "ut": 0, "utc": 0, "gmt": 0, "z": 0, "est": -5, "edt": -4, "cst": -6, "cdt": -5,
    "mst": -7, "mdt": -6, "pst": -8, "pdt": -7, "bst": 1, "cet": 1, "cest": 2, "eet": 2,
    "eest": 3, "msk": 3,
}  # fmt: skip
_RFC822 = re.compile(
    r"""^(?:[^\d\s,]+,?\s*)?            # day name, any language, ignored
        (?P<day>\d{1,2})[\s-]+(?P<mon>[^\W\d_]+)\.?[\s-]+(?P<year>\d{2,4})
        (?:[\sT]+(?P<h>\d{1,2}):(?P<m>\d{2})(?::(?P<s>\d{2}))?(?:\.\d+)?)?
        \s*(?P<zone>[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?\s*$""",
    re.VERBOSE,
)


def _zone(text: str | None) -> timezone:
    if not text:
        return UTC
    if text[0] in "+-":
        digits = text[1:].replace(":", "")
        offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
        return timezone(-offset if text[0] == "-" else offset)
    return timezone(timedelta(hours=_ZONES.get(text.lower(), 0)))


def _rfc822(text: str) -> datetime | None:
    m = _RFC822.match(text)
    if not m:
        return None
    month = _MONTHS.get(m["mon"].lower()[:4]) or _MONTHS.get(m["mon"].lower()[:3])
    if month is None:
        return None
    year = int(m["year"])
    if year < 100:
        year += 2000 if year < 70 else 1900
    try:
        return datetime(
            year, month, int(m["day"]), int(m["h"] or 0), int(m["m"] or 0), int(m["s"] or 0),
            tzinfo=_zone(m["zone"]),
        )  # fmt: skip
    except ValueError:
        return None


def _iso8601(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        pass
    # A space instead of "T" and a zone like "+0300" or " UTC" are common in the wild.
    m = re.match(r"^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(.*)$", text)
    if not m:
        return None
    try:
        naive = datetime.fromisoformat(f"{m[1]}T{m[2]}")
    except ValueError:
        return None
    zone = m[3].strip()
    if zone and not re.fullmatch(r"[+-]\d{2}:?\d{2}|[A-Za-z]{1,5}", zone):
        return None
    return naive.replace(tzinfo=_zone(zone))


def parse_date(text: str | None) -> datetime | None:
    """An aware UTC datetime, or None when `text` is not a date. Naive dates are taken as UTC."""
    if not text:
        return None
    text = " ".join(text.split())
    parsed = _iso8601(text) if text[:4].isdigit() else _rfc822(text)
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def clamp(published: datetime | None, fetched_at: datetime) -> datetime | None:
    """Nothing was published after we fetched it: a future date is the feed's clock or typo."""
    if published is not None and published > fetched_at:
        return fetched_at
    return published
