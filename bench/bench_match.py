"""What matching one new story against many subscriptions costs (`match_story`).

`--subscriptions` chats each hold one filter, in turn: strikes in Kharkiv Oblast,
evacuations, everything, casualties in Donetsk Oblast, nuclear safety, evacuations in Volyn
Oblast. A strike in Kupiansk (Kharkiv Oblast) is matched `--rounds` times; printed: the
CPU milliseconds a story, and how many chats it alerts. Run from the repo root:
`python bench/bench_match.py --subscriptions 10000`.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.alerts.match import match_story  # noqa: E402
from bot.records import (  # noqa: E402
    Article,
    Change,
    ChatRef,
    Event,
    EventKind,
    Filter,
    Place,
    PlaceLevel,
    PlaceMention,
    PlaceRef,
    Severity,
    StoredArticle,
    Story,
    StoryStatus,
    Subscription,
    Verification,
)


def _region(name: str) -> PlaceRef:
    return PlaceRef(name, PlaceLevel.REGION, "UA", admin1=name)


FILTERS = (
    Filter(kinds=(EventKind.STRIKE,), places=(_region("Kharkiv Oblast"),)),
    Filter(kinds=(EventKind.EVACUATION,)),
    Filter(),
    Filter(kinds=(EventKind.CASUALTIES,), places=(_region("Donetsk Oblast"),)),
    Filter(kinds=(EventKind.NUCLEAR_SAFETY,)),
    Filter(kinds=(EventKind.EVACUATION,), places=(_region("Volyn Oblast"),)),
)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--subscriptions", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=30)
    args = parser.parse_args(argv[1:])
    now = datetime.now(UTC)
    subscriptions = tuple(
        Subscription(
            i + 1, ChatRef("telegram", str(1000 + i)), FILTERS[i % len(FILTERS)], "", "u", now
        )
        for i in range(args.subscriptions)
    )
    kupiansk = Place("Kupiansk", "UA", "Kharkiv Oblast", 49.71, 37.62)
    event = Event(
        kind=EventKind.STRIKE,
        places=(PlaceMention("Kupiansk", kupiansk),),
        figures=(),
        attribution=(),
        date=None,
        evidence="Russian forces struck Kupiansk.",
    )
    story = Story(1, event, ("wire",), 1, Verification.REPORTED, now, now)
    stored = StoredArticle(
        1, Article("wire", "g1", None, "Strike on Kupiansk", event.evidence, now, now)
    )
    change = Change(story, StoryStatus.NEW)
    alerts = match_story(subscriptions, stored, change, lambda _: Severity.ROUTINE)
    started = time.process_time()
    for _ in range(args.rounds):
        match_story(subscriptions, stored, change, lambda _: Severity.ROUTINE)
    spent = (time.process_time() - started) / args.rounds
    print(
        f"match.subscriptions={args.subscriptions} chats_alerted={len(alerts)} "
        f"cpu_ms_per_story={spent * 1000:.2f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
