"""Score story clustering on real multi-outlet coverage, and time story assignment.

## What is scored

UCDP (../shared/corpus/ucdp_ukraine.csv) cites, for each coded event, the articles its
coders read (`source_article`: outlet, date, headline; several per event, joined by ";").
Headlines of one coded event should share a story; headlines of different events should
not. A headline cited for several coded events (a roundup, a weekly wrap) has no single
right story and is left out, as are entries without a date. Each remaining headline is an
article (its outlet as source, published at noon UTC of its date, the headline as title and
no body), fed to the extractor and the stories stage in date order, as a bot would see them.

An article's story is the story of its main event (as `newsalert stories` picks it: the
first, unless that one counts no victims and another does); an article without events has
none. Printed:
- pairwise precision: of the article pairs put in one story, the share from one coded event;
- pairwise recall: of the pairs from one coded event, the share put in one story; `all`
  counts pairs where an article got no story as missed, `with events` only pairs where
  both articles have a story (what the stories stage itself decided);
- stories per incident: for each coded event with at least one article in a story, how
  many stories its articles went to (1.0 is perfect; the goal is at most 1.3).
Headlines are short and UCDP often codes a week's fighting as one event, so recall here is
a floor for headline-only input.

## Speed

Story assignment alone (extraction done beforehand), articles/s on one core, with the book
holding `--open` open stories (default 100,000, spread over Ukraine's oblasts, 4 kind
families and the last 36 hours: far more than a real 48-hour window holds) as a store of
that size would reopen, and the UCDP articles moved into those 36 hours, so each is compared
with the open stories of its oblast, family and day.

## The development set

`tests/data/stories/*.yaml`: streams of articles (title and body, several outlets and
languages, in arrival order) written for newsalert by writers who did not read the story
rules, each article labelled with its incident and with what a bot should do with it
(`new`, `update`, `duplicate`, `none`). Each stream is fed whole through the stable
`newsalert stories` interface (`bot.stories.jsonl.story_lines`, a fresh book per stream) and
scored: pairwise precision and recall over the articles labelled with an incident (an article
without a story misses its pairs), stories per incident, and alerts: how many articles were
sent as `new` or `update` against how many should have been, and the share of articles whose
status is the one expected. Tuning files (`*.tune.yaml`) and held-out ones
(`*.heldout.yaml`, never tuned on) are printed apart; `--failing` lists the tuning streams'
wrong pairs and statuses, never the held-out ones.

Run from the repo root: `python bench/eval_stories.py [--only ucdp|devset|speed] [--limit N]
[--open N] [--failing]`.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from itertools import combinations
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
UCDP = REPO.parent / "shared" / "corpus" / "ucdp_ukraine.csv"
DEVSET = REPO / "tests" / "data" / "stories"

from bot.extract import Extractor  # noqa: E402
from bot.records import (  # noqa: E402
    Article,
    Attribution,
    Event,
    EventKind,
    Figure,
    FigureName,
    Place,
    PlaceMention,
    Story,
    Verification,
    Weapon,
)
from bot.stories import MemoryStories, StoryBook  # noqa: E402
from bot.stories.jsonl import main_change, story_lines  # noqa: E402

Key = tuple[str, str, str]  # outlet, date, headline


def cited_articles(path: Path) -> dict[Key, set[str]]:
    """Each cited (outlet, date, headline) with the coded events that cite it."""
    cited: dict[Key, set[str]] = defaultdict(set)
    with path.open(encoding="cp1252", newline="") as fh:
        for row in csv.DictReader(fh):
            field = row["source_article"].strip()
            if not field:
                continue
            for entry in next(csv.reader([field], delimiter=";", quotechar='"')):
                parts = entry.split(",", 2)
                if len(parts) != 3:
                    continue
                outlet, day, headline = (p.strip() for p in parts)
                if headline and _day(day) is not None:
                    cited[(outlet, day, headline)].add(row["id"])
    return cited


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def load_extractor() -> Extractor:
    from bot.config.schema import PlacesSettings
    from bot.extract.gazetteer import Gazetteer
    from bot.extract.places import PlaceMatcher

    gazetteer = Gazetteer.load(PlacesSettings())
    return Extractor(PlaceMatcher(gazetteer), gazetteer)


async def assign_all(
    book: StoryBook, stream: Sequence[tuple[Article, tuple[Event, ...]]]
) -> list[int | None]:
    stories: list[int | None] = []
    for article, events in stream:
        main = main_change(await book.assign(article, events))
        stories.append(main.story.id if main else None)
    return stories


def score(
    keys: list[Key], events_of: dict[Key, str], stories: list[int | None]
) -> dict[str, float]:
    by_event: dict[str, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        by_event[events_of[k]].append(i)
    same_event = [(a, b) for idx in by_event.values() for a, b in combinations(idx, 2)]
    together = sum(1 for a, b in same_event if stories[a] is not None and stories[a] == stories[b])
    both = [(a, b) for a, b in same_event if stories[a] is not None and stories[b] is not None]
    by_story: dict[int, list[int]] = defaultdict(list)
    for i, s in enumerate(stories):
        if s is not None:
            by_story[s].append(i)
    story_pairs = [(a, b) for idx in by_story.values() for a, b in combinations(idx, 2)]
    right = sum(1 for a, b in story_pairs if events_of[keys[a]] == events_of[keys[b]])
    spread = [
        len({stories[i] for i in idx if stories[i] is not None})
        for idx in by_event.values()
        if any(stories[i] is not None for i in idx)
    ]
    return {
        "articles": len(keys),
        "with_story": sum(s is not None for s in stories),
        "events": len(by_event),
        "pairs_same_event": len(same_event),
        "pairs_same_story": len(story_pairs),
        "precision": right / len(story_pairs) if story_pairs else float("nan"),
        "recall_all": together / len(same_event) if same_event else float("nan"),
        "recall_with_events": together / len(both) if both else float("nan"),
        "stories_per_incident": sum(spread) / len(spread) if spread else float("nan"),
    }


REGIONS = [
    "Cherkasy Oblast",
    "Chernihiv Oblast",
    "Chernivtsi Oblast",
    "Dnipropetrovsk Oblast",
    "Donetsk Oblast",
    "Ivano-Frankivsk Oblast",
    "Kharkiv Oblast",
    "Kherson Oblast",
    "Khmelnytskyi Oblast",
    "Kirovohrad Oblast",
    "Kyiv",
    "Kyiv Oblast",
    "Luhansk Oblast",
    "Lviv Oblast",
    "Mykolaiv Oblast",
    "Odesa Oblast",
    "Poltava Oblast",
    "Rivne Oblast",
    "Sumy Oblast",
    "Ternopil Oblast",
    "Vinnytsia Oblast",
    "Volyn Oblast",
    "Zakarpattia Oblast",
    "Zaporizhzhia Oblast",
    "Zhytomyr Oblast",
]
FAMILY_KINDS = [
    EventKind.STRIKE,
    EventKind.EVACUATION,
    EventKind.GROUND_FIGHTING,
    EventKind.AIR_DEFENSE,
]


def synthetic_store(count: int, now: datetime) -> MemoryStories:
    """`count` open stories spread over regions, families and the last two days."""
    store = MemoryStories()
    for i in range(count):
        region = REGIONS[i % len(REGIONS)]
        town = Place(f"Town {i % 5000}", "UA", region, 48.0, 35.0, code=f"UA{i:017d}")
        at = now - timedelta(minutes=(i * 7) % (36 * 60))
        event = Event(
            kind=FAMILY_KINDS[i % len(FAMILY_KINDS)],
            places=(PlaceMention(town.name, town),),
            figures=((FigureName.KILLED, Figure(i % 4)),),
            attribution=(Attribution("official"),),
            date=at.date(),
            evidence="",
            weapon=Weapon.MISSILE,
        )
        story = Story(i + 1, event, ("outlet",), 1, Verification.REPORTED, at, at)
        store.stories[story.id] = story
        store.reports[story.id] = []
    return store


async def timed(
    stream: Sequence[tuple[Article, tuple[Event, ...]]], open_count: int
) -> tuple[float, int]:
    """The real articles, moved into the open stories' last 36 hours (their events' days
    with them), so each is compared with the stories of its oblast and day."""
    now = datetime(2024, 6, 1, 12, tzinfo=UTC)
    book = StoryBook(synthetic_store(open_count, now), quiet_after=timedelta(hours=48))
    loaded = await book.load(now)
    moved = []
    for i, (article, events) in enumerate(stream):
        at = now - timedelta(minutes=(i * 13) % (36 * 60))
        moved.append(
            (
                replace(article, published_at=at, fetched_at=at),
                tuple(replace(e, date=at.date()) for e in events),
            )
        )
    moved.sort(key=lambda pair: pair[0].published_at or now)
    started = time.process_time()
    await assign_all(book, moved)
    return len(moved) / (time.process_time() - started), loaded


ALERTING = ("new", "update")


def ucdp_stream(
    extractor: Extractor, path: Path, limit: int | None = None
) -> tuple[list[Key], dict[Key, str], list[tuple[Article, tuple[Event, ...]]]]:
    """The headlines cited for exactly one coded event, in date order, each with the event
    it was cited for and what the extractor reads in it (a bare date: its noon)."""
    cited = cited_articles(path)
    events_of = {k: next(iter(ids)) for k, ids in cited.items() if len(ids) == 1}
    keys = sorted(events_of, key=lambda k: (k[1], k[0], k[2]))[:limit]
    stream = []
    for outlet, day, headline in keys:
        at = datetime.combine(date.fromisoformat(day), datetime.min.time(), UTC) + timedelta(
            hours=12
        )
        article = Article(outlet, None, None, headline, "", at, at)
        stream.append((article, extractor.extract(article)))
    return keys, events_of, stream


def load_stream(path: Path) -> list[dict[str, Any]]:
    """A development stream's articles, in arrival order."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return list(data["articles"])


async def _run_stream(
    articles: list[dict[str, Any]], extractor: Extractor
) -> list[dict[str, Any]]:
    book = StoryBook(MemoryStories(), quiet_after=timedelta(hours=48))
    lines = [
        json.dumps(
            {
                k: a.get(k)
                for k in ("id", "source", "title", "text", "published", "url")
                if a.get(k) is not None
            },
            ensure_ascii=False,
        )
        for a in articles
    ]
    return [json.loads(line) async for line in story_lines(lines, extractor, book)]


def score_stream(
    articles: list[dict[str, Any]], out: list[dict[str, Any]], name: str
) -> dict[str, Any]:
    """Counts for one stream (added up over streams by `totals`)."""
    labelled = [
        (a, o) for a, o in zip(articles, out, strict=True) if a.get("incident") is not None
    ]
    same_event = same_story = right = together = 0
    wrong: list[str] = []
    missed: list[str] = []
    for (a, oa), (b, ob) in combinations(labelled, 2):
        one_event = a["incident"] == b["incident"]
        one_story = oa.get("story") is not None and oa.get("story") == ob.get("story")
        same_event += one_event
        same_story += one_story
        right += one_event and one_story
        together += one_event and one_story
        if one_story and not one_event:
            wrong.append(f"{name}: {a['id']} ({a['incident']}) + {b['id']} ({b['incident']})")
        if one_event and not one_story:
            missed.append(f"{name}: {a['id']} + {b['id']} ({a['incident']})")
    spread: dict[str, set[Any]] = defaultdict(set)
    for a, o in labelled:
        if o.get("story") is not None:
            spread[a["incident"]].add(o["story"])
    statuses = [(a.get("expect"), o.get("status")) for a, o in zip(articles, out, strict=True)]
    bad_status = [
        f"{name}: {a['id']} expected {a.get('expect')} got {o.get('status')}"
        for a, o in zip(articles, out, strict=True)
        if a.get("expect") and a.get("expect") != o.get("status")
    ]
    return {
        "articles": len(articles),
        "labelled": len(labelled),
        "incidents": len({a["incident"] for a, _ in labelled}),
        "pairs_same_event": same_event,
        "pairs_same_story": same_story,
        "pairs_right": right,
        "pairs_together": together,
        "stories_per_incident": (sum(len(v) for v in spread.values()), len(spread)),
        "alerts_expected": sum(e in ALERTING for e, _ in statuses),
        "alerts_sent": sum(g in ALERTING for _, g in statuses),
        "status_labelled": sum(e is not None for e, _ in statuses),
        "status_right": sum(e is not None and e == g for e, g in statuses),
        "_wrong": wrong,
        "_missed": missed,
        "_status": bad_status,
    }


def totals(parts: list[dict[str, Any]]) -> dict[str, Any]:
    def add(key: str) -> int:
        return sum(p[key] for p in parts)

    stories = sum(p["stories_per_incident"][0] for p in parts)
    incidents_with = sum(p["stories_per_incident"][1] for p in parts)
    return {
        "streams": len(parts),
        "articles": add("articles"),
        "labelled": add("labelled"),
        "incidents": add("incidents"),
        "precision": add("pairs_right") / add("pairs_same_story")
        if add("pairs_same_story")
        else float("nan"),
        "recall": add("pairs_together") / add("pairs_same_event")
        if add("pairs_same_event")
        else float("nan"),
        "pairs_same_event": add("pairs_same_event"),
        "pairs_same_story": add("pairs_same_story"),
        "stories_per_incident": stories / incidents_with if incidents_with else float("nan"),
        "alerts_expected": add("alerts_expected"),
        "alerts_sent": add("alerts_sent"),
        "status_right": add("status_right") / add("status_labelled")
        if add("status_labelled")
        else float("nan"),
        "_wrong": [w for p in parts for w in p["_wrong"]],
        "_missed": [w for p in parts for w in p["_missed"]],
        "_status": [w for p in parts for w in p["_status"]],
    }


def eval_devset(
    extractor: Extractor, folder: Path = DEVSET, writers: Sequence[str] = ()
) -> dict[str, dict[str, Any]]:
    """The development streams' figures, tuning and held-out files apart; `writers` (file
    prefixes such as "sj") narrows them to some writers' streams."""
    out: dict[str, dict[str, Any]] = {}
    for split in ("tune", "heldout"):
        parts = []
        for path in sorted(folder.glob(f"*.{split}.yaml")):
            if writers and path.name.split("_")[0] not in writers:
                continue
            articles = load_stream(path)
            result = asyncio.run(_run_stream(articles, extractor))
            parts.append(score_stream(articles, result, path.name.split(".")[0]))
        if parts:
            out[split] = totals(parts)
    return out


def print_devset(split: str, r: dict[str, Any], *, failing: bool) -> None:
    print(
        f"stories.devset.{split} streams={r['streams']} articles={r['articles']} "
        f"labelled={r['labelled']} incidents={r['incidents']}"
    )
    print(
        f"stories.devset.{split} pairwise precision={r['precision']:.3f} (goal >= 0.95) "
        f"recall={r['recall']:.3f} (goal >= 0.80) "
        f"stories_per_incident={r['stories_per_incident']:.2f} (goal <= 1.3) "
        f"pairs: same_event={r['pairs_same_event']} same_story={r['pairs_same_story']}"
    )
    print(
        f"stories.devset.{split} alerts sent={r['alerts_sent']} expected={r['alerts_expected']} "
        f"status_right={r['status_right']:.3f}"
    )
    if failing:
        for key in ("_wrong", "_missed", "_status"):
            for line in r[key]:
                print(f"stories.devset.{split}{key[1:]} {line}")


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--ucdp", type=Path, default=UCDP)
    parser.add_argument("--limit", type=int, default=None, help="score the first N articles")
    parser.add_argument("--open", type=int, default=100_000, help="open stories for the timing")
    parser.add_argument("--only", choices=("ucdp", "devset", "speed"), help="score one part only")
    parser.add_argument(
        "--writers",
        default="",
        help="the development set's streams of these writers only, comma-separated (sa,sj)",
    )
    parser.add_argument(
        "--failing",
        action="store_true",
        help="list the development set's wrong pairs and statuses (tuning streams only)",
    )
    args = parser.parse_args(argv[1:])
    extractor = load_extractor()
    if args.only in (None, "devset"):
        writers = tuple(w for w in args.writers.split(",") if w)
        for split, result in eval_devset(extractor, writers=writers).items():
            print_devset(split, result, failing=args.failing and split == "tune")
    if args.only == "devset":
        return 0
    if not args.ucdp.exists():
        print(f"stories: skipped, no UCDP file at {args.ucdp}")
        return 0
    keys, events_of, stream = ucdp_stream(extractor, args.ucdp, args.limit)
    # Stories live as long as UCDP codes an event (often a few days): a week, not the default.
    for quiet in () if args.only == "speed" else (timedelta(hours=48), timedelta(days=7)):
        book = StoryBook(MemoryStories(), quiet_after=quiet)
        stories = asyncio.run(assign_all(book, stream))
        r = score(keys, events_of, stories)
        print(
            f"stories.ucdp quiet_after={quiet.days}d articles={r['articles']} "
            f"with_story={r['with_story']} coded_events={r['events']}"
        )
        print(
            f"stories.ucdp pairwise precision={r['precision']:.3f} (goal >= 0.95) "
            f"recall_all={r['recall_all']:.3f} recall_with_events={r['recall_with_events']:.3f} "
            f"(goal >= 0.80) stories_per_incident={r['stories_per_incident']:.2f} (goal <= 1.3) "
            f"pairs: same_event={r['pairs_same_event']} same_story={r['pairs_same_story']}"
        )
    rate, loaded = asyncio.run(timed(stream, args.open))
    print(
        f"stories.speed articles/s={rate:,.0f} (goal >= 2,000, one core, after extraction) "
        f"open_stories={loaded:,}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
