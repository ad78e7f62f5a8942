"""When an alert may reach a chat: straight away, after the chat's quiet hours, or with its
subscription's next digest. A flash (or what the operator lets through) never waits."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from bot.errors import FilterError, UserError
from bot.records import Severity

_CLOCK = r"([01]?\d|2[0-3])[:.]([0-5]\d)"
_QUIET = re.compile(rf"^\s*{_CLOCK}\s*[-–—]\s*{_CLOCK}\s*$")
_TIME = re.compile(rf"^{_CLOCK}$")
DEFAULT_DIGEST_TIME = time(8, 0)


@dataclass(frozen=True, slots=True)
class Quiet:
    """A chat's quiet hours, in its own time zone; `start` after `end` spans midnight."""

    start: time
    end: time

    def __str__(self) -> str:
        return f"{self.start:%H:%M}-{self.end:%H:%M}"


@dataclass(frozen=True, slots=True)
class Hold:
    """An alert held back: until when, and why (`quiet`, `daily` or `hourly`): alerts held
    until the same moment for the same reason go out as one digest."""

    until: datetime
    reason: str


def parse_quiet(text: str) -> Quiet:
    """`23:00-07:00`, `23.00–7.00` → Quiet; anything else is an error for the user."""
    m = _QUIET.match(text)
    if m is None:
        raise UserError("Write quiet hours as from-until, e.g. 23:00-07:00.")
    start = time(int(m.group(1)), int(m.group(2)))
    end = time(int(m.group(3)), int(m.group(4)))
    if start == end:
        raise UserError("Quiet hours need a start and an end that differ, e.g. 23:00-07:00.")
    return Quiet(start, end)


def parse_digest(kind: str, at: str | None) -> str:
    """`hourly`, or `daily HH:MM` (08:00 unless given): how a digest subscription is kept."""
    if kind == "hourly":
        if at:
            raise FilterError("An hourly digest takes no time of day.")
        return "hourly"
    if at is None:
        return f"daily {DEFAULT_DIGEST_TIME:%H:%M}"
    m = _TIME.match(at)
    if m is None:
        raise FilterError('"{time}" is not a time of day; write it as 08:00.', time=at)
    return f"daily {int(m.group(1)):02d}:{m.group(2)}"


def quiet_end(now: datetime, quiet: Quiet, zone: tzinfo) -> datetime | None:
    """When the quiet hours `now` falls in end (None when they do not hold now)."""
    local = now.astimezone(zone)
    clock = local.time().replace(tzinfo=None)
    if quiet.start < quiet.end:
        inside = quiet.start <= clock < quiet.end
        end_day = local.date()
    else:  # spans midnight: 23:00-07:00
        inside = clock >= quiet.start or clock < quiet.end
        end_day = local.date() + timedelta(days=1) if clock >= quiet.start else local.date()
    if not inside:
        return None
    return _at(end_day, quiet.end, zone)


def next_digest(now: datetime, digest: str, zone: tzinfo) -> datetime:
    """The next time a digest subscription's digest goes out, after `now`."""
    local = now.astimezone(zone)
    if digest == "hourly":
        return local.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    hours, minutes = (int(x) for x in digest.split(" ", 1)[1].split(":"))
    at = time(hours, minutes)
    today = _at(local.date(), at, zone)
    return today if today > now else _at(local.date() + timedelta(days=1), at, zone)


def hold(
    now: datetime,
    *,
    severity: Severity,
    zone: tzinfo,
    quiet: Quiet | None = None,
    digest: str | None = None,
    breakthrough: Severity = Severity.FLASH,
) -> Hold | None:
    """Whether an alert of this severity waits, and until when: a digest subscription's
    alerts wait for its digest, anything during quiet hours for their end; `breakthrough`
    and above never wait."""
    if severity >= breakthrough:
        return None
    if digest is not None:
        until = next_digest(now, digest, zone)
        end = quiet_end(until, quiet, zone) if quiet is not None else None
        # A digest that falls in quiet hours waits for their end.
        return Hold(end or until, digest.split(" ", 1)[0])
    end = quiet_end(now, quiet, zone) if quiet is not None else None
    return Hold(end, "quiet") if end is not None else None


def _at(day: date, clock: time, zone: tzinfo) -> datetime:
    """A wall-clock time on a day in a zone (zoneinfo settles a time a DST change skips)."""
    return datetime.combine(day, clock, tzinfo=zone)
