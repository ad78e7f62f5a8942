"""The small arguments commands take after their main text: counts, time windows, ids, words."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.commands.context import UsageError

_COUNT = re.compile(r"(?:^|\s)(-?\d+)\s*$")
_WINDOW = re.compile(
    r"(?:^|\s)(\d+)\s*(h|hrs?|hours?|d|days?|w|weeks?)\s*$",
    re.IGNORECASE,
)
_UNIT_HOURS = {"h": 1, "d": 24, "w": 24 * 7}
MAX_WINDOW = timedelta(days=30)
# Quote marks group nothing in a word search; phones also type curly ones.
_QUOTES = str.maketrans(dict.fromkeys("\"'“”„«»‘’", " "))
_ID = re.compile(r"#?(\d+)")
# No count, window or id a person types has more digits than this.
_DIGITS = 6


def split_count(text: str, *, default: int, maximum: int) -> tuple[str, int]:
    """`strikes in:kyiv 10` → (`strikes in:kyiv`, 10); no trailing number → the default."""
    m = _COUNT.search(text)
    if m is None:
        return text.strip(), default
    digits = m.group(1)
    if len(digits.lstrip("-")) > _DIGITS:
        # More digits than any count has: refused before int() (or a database) sees them.
        raise UsageError("I can show 1 to {most} at a time.", most=maximum)
    count = int(digits)
    if not 1 <= count <= maximum:
        raise UsageError(
            "I can show 1 to {most} at a time, not {count}.", most=maximum, count=count
        )
    return text[: m.start()].strip(), count


def split_window(text: str, *, default: timedelta) -> tuple[str, timedelta]:
    """`kharkiv 12h` → (`kharkiv`, 12 hours); also 3d, 1w, `2 days`; at most 30 days."""
    m = _WINDOW.search(text)
    if m is None:
        if _COUNT.search(text):
            raise UsageError("Give the time window a unit: 12h for hours, 3d for days.")
        return text.strip(), default
    if len(m.group(1)) > _DIGITS:
        raise UsageError("Pick a window from 1h to {days}d.", days=MAX_WINDOW.days)
    window = timedelta(hours=int(m.group(1)) * _UNIT_HOURS[m.group(2)[0].lower()])
    if not timedelta(hours=1) <= window <= MAX_WINDOW:
        raise UsageError("Pick a window from 1h to {days}d.", days=MAX_WINDOW.days)
    return text[: m.start()].strip(), window


def format_window(window: timedelta) -> str:
    """24h, 36h, 3d: days once the window is a whole number of them beyond one."""
    hours = int(window.total_seconds() // 3600)
    if hours > 24 and hours % 24 == 0:
        return f"{hours // 24}d"
    return f"{hours}h"


def words(text: str) -> tuple[str, ...]:
    """The words of a search, quotes dropped, each once, in the order typed."""
    return tuple(dict.fromkeys(text.translate(_QUOTES).split()))


def subscription_ids(text: str) -> tuple[int, ...]:
    """`3`, `#3`, `3 4`, `3,4` → ids; anything else is a usage error that names it."""
    ids: list[int] = []
    for token in text.replace(",", " ").split():
        m = _ID.fullmatch(token)
        if m is None:
            raise UsageError(
                '"{token}" is not a subscription id; ids are numbers like 3.', token=token
            )
        if len(m.group(1)) > _DIGITS:
            raise UsageError("There is no subscription with an id that long; see /subscriptions.")
        ids.append(int(m.group(1)))
    return tuple(dict.fromkeys(ids))
