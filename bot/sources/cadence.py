"""When a source is polled next: adaptive within the operator's bounds, backing off on
failure, and never sooner than its server asked.

- A poll that found something new halves the interval (down to `fastest`); one that found
  nothing stretches it by a quarter (up to `slowest`). A wire that changes every few minutes
  settles near its pace; a ministry page that changes daily drifts to the slow bound.
- A failing source waits its interval times 2, 4, 8 ... up to `max_backoff`, so a dead feed
  is not hit six times a minute; its first success resets that.
- A server's own word wins when it asks for more time: Retry-After on a 429 or 503,
  Cache-Control max-age or Expires (a feed's <ttl> too), each capped at a day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

FASTER = 0.5  # the interval after a poll that found something new
SLOWER = 1.25  # after one that found nothing
MAX_BACKOFF = timedelta(hours=6)


@dataclass(frozen=True, slots=True)
class Cadence:
    """A source's polling bounds: `interval` as configured, `fastest` and `slowest` the
    range adaptive polling stays in (both equal to `interval` when it is off)."""

    interval: timedelta
    fastest: timedelta
    slowest: timedelta
    max_backoff: timedelta = MAX_BACKOFF

    @classmethod
    def fixed(cls, interval: timedelta) -> Cadence:
        return cls(interval, interval, interval)


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one poll came to, as far as its timing goes."""

    new_items: int = 0
    failures: int = 0  # consecutive failures, this one included; 0 on success
    retry_after: float | None = None  # seconds the server asked for (429, 503)
    fresh_for: timedelta | None = None  # the answer's freshness by its server's word


def next_interval(cadence: Cadence, current: float | None, outcome: Outcome) -> timedelta:
    """The source's interval from now on (its adaptive pace, failures aside)."""
    now = timedelta(seconds=current) if current else cadence.interval
    if outcome.failures:
        return now
    stretched = now * (FASTER if outcome.new_items else SLOWER)
    return min(max(stretched, cadence.fastest), cadence.slowest)


def next_wait(cadence: Cadence, interval: timedelta, outcome: Outcome) -> timedelta:
    """How long until the next poll: the interval, a failure's backoff, or what the server
    asked for, whichever is longest."""
    wait = interval
    if outcome.failures:
        backoff = cadence.interval * (2 ** min(outcome.failures - 1, 20))
        wait = min(max(backoff, cadence.interval), max(cadence.max_backoff, cadence.interval))
    if outcome.retry_after is not None:
        wait = max(wait, timedelta(seconds=outcome.retry_after))
    if outcome.fresh_for is not None and not outcome.failures:
        # Fresh content is not asked for again, but the operator's slowest bound holds.
        wait = max(wait, min(outcome.fresh_for, max(cadence.slowest, interval)))
    return wait


def plan(
    cadence: Cadence, current: float | None, outcome: Outcome, at: datetime
) -> tuple[datetime, float]:
    """(when the source is next due, its interval in seconds) after a poll at `at`."""
    interval = next_interval(cadence, current, outcome)
    return at + next_wait(cadence, interval, outcome), interval.total_seconds()
