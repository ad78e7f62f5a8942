"""Milliseconds per parse of the 33 KB BBC corpus feed: ours, and feedparser for scale."""

from __future__ import annotations

import sys
import timeit
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import feedparser

from bot.sources import parse_feed

FEED = (
    Path(__file__).resolve().parents[1]
    / ".."
    / "shared"
    / "corpus"
    / "feeds"
    / "MatipaM_web-services-ae2__src_rss_bbc.js.xml"
)


def _ms_per_call(fn: Callable[[], object], *, budget: float = 1.0) -> float:
    runs, total = timeit.Timer(fn).autorange()
    repeats = max(1, int(budget / total))
    best = min(timeit.repeat(fn, number=runs, repeat=repeats + 2))
    return best / runs * 1000


def main() -> int:
    if not FEED.exists():
        print(f"corpus feed not found: {FEED}", file=sys.stderr)
        return 1
    body = FEED.read_bytes()
    now = datetime.now(UTC)
    count = len(parse_feed(body, source_id="bench", fetched_at=now))
    ours = _ms_per_call(lambda: parse_feed(body, source_id="bench", fetched_at=now))
    theirs = _ms_per_call(lambda: feedparser.parse(body))
    print(f"feed: {FEED.name} ({len(body)} bytes, {count} articles)")
    print(f"parse_feed:       {ours:6.2f} ms per parse (lxml, with text/url/date normalising)")
    print(f"feedparser.parse: {theirs:6.2f} ms per parse (the fallback, raw entries only)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
