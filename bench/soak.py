"""Soak: the bot running for a while as an operator runs it, with faults on a timer.

The real app (`App.run_forever`) polls five loopback feeds that gain a new strike report
every few seconds, answers chat commands, and prints alerts to a console stream. Faults
come on a schedule at the store seam: a spell where the store refuses every write (an
outage), and one where it refuses only to record sends (a full disk). One feed also goes
down for a spell (HTTP 500). At the end, every item published is checked: alerted exactly
once (0 lost, 0 repeated), and the figures an operator would watch are printed: memory,
store size before and after retention (its clock moved a year on), and the fault counters
/metrics showed.

Run from the repo root: `python bench/soak.py [--minutes 30]`. Prints figures; asserts
nothing (the tests check each fault on its own).
"""

from __future__ import annotations

import argparse
import asyncio
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.app import App  # noqa: E402
from bot.config.loader import parse_settings  # noqa: E402
from bot.errors import StoreError  # noqa: E402
from bot.memory import limit_malloc_arenas  # noqa: E402
from bot.records import ChatRef, CommandRequest  # noqa: E402
from bot.store import RetentionPolicy  # noqa: E402
from tests.sources.feedserver import Route, serving  # noqa: E402

FEEDS = 5
# What a chat asks beside each item: the answers read more of the store as the run goes on.
COMMANDS = ("latest 5", "search shelling", "sitrep 12h", "sources")
# Seconds between published items: fewer items than distinct towns in a 30-minute run.
EVERY = 2.5
ITEM = (
    "<item><guid>{guid}</guid><title>{title}</title><link>https://soak.example/{guid}</link>"
    "<pubDate>{date}</pubDate><description>{text}</description></item>"
)


def feed(items: list[str]) -> bytes:
    body = "".join(items[-50:])  # a feed lists its latest 50
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>soak</title>{body}'
        "</channel></rss>"
    ).encode()


def rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def current_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Faults:
    """Store faults on a timer, injected at the store's own methods."""

    def __init__(self, store: object) -> None:
        self.outage = False
        self.disk_full = False
        self.refused = 0
        for name in ("record_articles", "record_events", "enqueue", "mark_processed"):
            self._wrap(store, name, lambda: self.outage)
        self._wrap(store, "mark_sent", lambda: self.outage or self.disk_full)

    def _wrap(self, store: object, name: str, failing: object) -> None:
        real = getattr(store, name)

        async def wrapped(*args: object, **kwargs: object) -> object:
            if failing():  # type: ignore[operator]
                self.refused += 1
                raise StoreError(f"store soak: {name} failed: injected fault")
            return await real(*args, **kwargs)

        setattr(store, name, wrapped)


def distinct_towns() -> list[tuple[str, str]]:
    """Ukrainian towns of 1,000 people or more whose name no other settlement has: 1,662,
    enough for 69 minutes of items. Past that a town comes again, and the same town shelled
    again the same day is rightly the same incident (no card of its own)."""
    from bot.config.schema import PlacesSettings
    from bot.extract.gazetteer import Gazetteer
    from bot.records import PlaceLevel

    places = [
        p
        for p in Gazetteer.load(PlacesSettings()).places()
        if p.country == "UA" and p.level is PlaceLevel.SETTLEMENT and p.admin1
    ]
    seen = Counter(p.name for p in places)
    return [
        (p.name, p.admin1 or "")
        for p in places
        if p.population >= 1000 and seen[p.name] == 1 and " " not in p.name
    ]


async def soak(
    minutes: float,
    trace: bool = False,
    commands_sent: tuple[str, ...] = COMMANDS,
    quiet_after: str | None = None,
    late_margin: str | None = None,
    trace_from: int = 40,
    feed_items: int = 50,
    every: float = EVERY,
) -> None:
    towns = distinct_towns()
    if trace:
        tracemalloc.start(10)
    work = Path(tempfile.mkdtemp(prefix="newsalert-soak-"))
    db = work / "soak.db"
    published: list[str] = []
    items: dict[int, list[str]] = {i: [] for i in range(FEEDS)}
    with serving() as server:
        for i in range(FEEDS):
            server.routes[f"/feed{i}"] = Route(body=feed([]))
        config = {
            "store": {"url": f"sqlite+aiosqlite:///{db}"},
            "fetch": {"default_interval": "10s", "jitter": "2s"},
            "alerts": {"max_age": "1d", "first_poll": "alert"},
            "console": {"enabled": True, "color": False, "subscriptions": [""]},
            "ops": {"enabled": True, "port": 0, "notify": ["console:terminal"], "notify_after": 2},
            "sources": [{"id": f"soak{i}", "url": server.url(f"/feed{i}")} for i in range(FEEDS)],
        }
        if quiet_after or late_margin:
            # Stories leave memory once quiet for quiet_after plus late_margin (48 h and a day
            # by default): short spells let the open stories reach their steady number within
            # the run, and then memory must stop growing.
            config["stories"] = {
                k: v for k, v in (("quiet_after", quiet_after), ("late_margin", late_margin)) if v
            }
        # The console goes to a file, and the feed server's request log is emptied as the run
        # goes: the harness keeps nothing in memory that grows with the run.
        console = work / "console.txt"
        out = console.open("w", encoding="utf-8")
        app = await App.open(parse_settings(config, env={}), base_dir=work, stream=out)
        faults = Faults(app.store)
        stop = asyncio.Event()
        runner = asyncio.create_task(app.run_forever(stop))
        commands = app.commands("console")
        started = time.monotonic()
        end = started + minutes * 60
        n = 0
        rss = [current_rss_mb()]
        blocks = [sys.getallocatedblocks()]  # Python's own heap, beside what the OS sees
        open_stories = [app.stories.open_count]  # what the story book holds in memory
        answered = Counter[str]()
        while time.monotonic() < end:
            elapsed = (time.monotonic() - started) / (minutes * 60)
            # Faults on a timer: an outage at 30-35% of the run, a full disk at 60-65%,
            # a feed down (HTTP 500) at 45-55%.
            faults.outage = 0.30 <= elapsed < 0.35
            faults.disk_full = 0.60 <= elapsed < 0.65
            down = 0.45 <= elapsed < 0.55
            n += 1
            i = n % FEEDS
            # Each item its own incident: a town of its own (a name no other town has).
            town, oblast = towns[n % len(towns)]
            guid = f"soak-{n}"
            title = f"Shelling of {town} report {n}"
            now = datetime.now(UTC)
            items[i].append(
                ITEM.format(
                    guid=guid,
                    title=title,
                    date=format_datetime(now),
                    text=f"Russian forces shelled {town}, {oblast}, on {now:%A}, killing "
                    f"{n % 7 + 1} people (report {n}), the governor said.",
                )
            )
            published.append(title)
            server.routes[f"/feed{i}"] = (
                Route(status=500, body=b"down")
                if down and i == 0
                # A real feed lists its latest items only (0: every item since the start)
                else Route(body=feed(items[i][-feed_items:] if feed_items else items[i]))
            )
            for line in commands_sent:
                name, _, rest = line.partition(" ")
                reply = await commands(
                    CommandRequest(
                        ChatRef("console", "terminal"), "op", name, rest, is_operator=True
                    )
                )
                answered[name] += bool(reply.document.blocks)
            await asyncio.sleep(every)
            server.requests.clear()
            if n % max(1, round(60 / every)) == 0:  # a sample a minute
                rss.append(current_rss_mb())
                blocks.append(sys.getallocatedblocks())
                open_stories.append(app.stories.open_count)
            if trace and n == trace_from:
                first = tracemalloc.take_snapshot()
        faults.outage = faults.disk_full = False
        server.routes["/feed0"] = Route(body=feed(items[0]))
        # Let the last items be polled and delivered (a poll every 10 s, a drain every 5 s).
        for _ in range(60):
            out.flush()
            if all(title in console.read_text(encoding="utf-8") for title in published):
                break
            await asyncio.sleep(1)
        stop.set()
        await runner
        if trace:
            grown = tracemalloc.take_snapshot().compare_to(first, "traceback")
            for stat in grown[:8]:
                print(f"soak.grew {stat.size_diff / 1024:.0f} KiB in {stat.count_diff} blocks at")
                for frame in stat.traceback.format()[-6:]:
                    print(f"    {frame}")
        page = (await app.metrics_text()).decode()
        rows_before = await app.store.stats()
        rows_stories = len(await app.store.recent_stories(limit=100_000))
        size_before = db.stat().st_size
        year_on = datetime.now(UTC) + timedelta(days=400)
        report = await app.store.prune(year_on, RetentionPolicy(batch=500))
        rows_after = await app.store.stats()
        await app.close()
    out.close()
    text = console.read_text(encoding="utf-8")
    # Each alert printed: its story number and the title on its Source line. A story printed
    # twice is a repeated send; a title on no alert is lost; a title on two stories is the
    # extractor reading two incidents into one item (not a delivery fault, shown apart).
    by_story = Counter[str]()
    stories_of: dict[str, set[str]] = {}
    updates = 0
    for block in text.split("─" * 60):
        if "re console:" in block:  # an update ("> re" or "↳ re"): the card again, or a note
            updates += 1
            continue
        story = re.search(r"Story #(\d+)", block)
        source = re.search(r"^Source: (.*) — ", block, re.M)
        if story and source:
            by_story[story[1]] += 1
            stories_of.setdefault(source[1], set()).add(story[1])
    lost = [t for t in published if t not in stories_of]
    repeated = {n: c for n, c in by_story.items() if c > 1}
    split = {t: sorted(s) for t, s in stories_of.items() if len(s) > 1}
    ops_lines = [line for line in text.splitlines() if line.startswith("newsalert ops:")]
    print(
        f"soak.minutes={minutes} items_published={len(published)} "
        f"alerted={len(published) - len(lost)} stories={rows_stories} alerts={by_story.total()}"
    )
    print(
        f"soak.lost={len(lost)} soak.repeated_sends={len(repeated)} soak.updates={updates} "
        f"soak.items_read_as_two_stories={len(split)} {split}"
    )
    print(f"soak.console_output {work / 'console.txt'}")
    if len(published) > len(towns):
        print(f"soak.towns_repeat_from_item={len(towns) + 1} (only {len(towns)} distinct towns)")
    print(f"soak.commands answered={dict(answered)}")
    print(f"soak.faults store_refusals={faults.refused}")
    for name in (
        "newsalert_store_errors_total",
        "newsalert_polls_total",
        "newsalert_deliveries_total",
        "newsalert_outbox_pending",
    ):
        for line in page.splitlines():
            if line.startswith(name):
                print(f"soak.metric {line}")
    print(f"soak.ops_channel lines={len(ops_lines)}: " + " | ".join(ops_lines[:6]))
    print(
        f"soak.rss_mb start={rss[0]:.0f} end={rss[-1]:.0f} samples="
        + ",".join(f"{r:.0f}" for r in rss)
        + f" peak={rss_kb() / 1024:.0f}"
    )
    print("soak.open_stories samples=" + ",".join(str(n) for n in open_stories))
    print(
        f"soak.python_blocks_k start={blocks[0] / 1000:.0f} end={blocks[-1] / 1000:.0f} samples="
        + ",".join(f"{b / 1000:.0f}" for b in blocks)
    )
    print(
        f"soak.store rows_before articles={rows_before.articles} events={rows_before.events} "
        f"sent={rows_before.sent_deliveries} size={size_before // 1024} KiB; after a year's "
        f"retention articles={rows_after.articles} events={rows_after.events} "
        f"sent={rows_after.sent_deliveries} pruned={report}"
    )
    if lost[:3]:
        # An item with no card of its own joined another story (then it may be an update).
        print("soak.no_card_of_their_own", lost[:3])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=30.0)
    parser.add_argument("--trace", action="store_true", help="where memory grew (tracemalloc)")
    parser.add_argument(
        "--glibc-default-arenas",
        action="store_true",
        help="leave malloc's arenas as glibc sets them (`run` caps them: bot/memory.py)",
    )
    parser.add_argument(
        "--commands",
        default=",".join(COMMANDS),
        help="chat commands sent with each item, comma-separated ('' for none)",
    )
    parser.add_argument(
        "--quiet-after",
        help="stories.quiet_after for the run (at least 10m), so open stories stop growing",
    )
    parser.add_argument("--late-margin", help="stories.late_margin for the run (e.g. 0s)")
    parser.add_argument(
        "--trace-from",
        type=int,
        default=40,
        help="with --trace: the item after which growth is counted (past the stories' fill)",
    )
    parser.add_argument(
        "--every",
        type=float,
        default=EVERY,
        help="seconds between published items (faster fills the bounded caches within a run)",
    )
    parser.add_argument(
        "--feed-items",
        type=int,
        default=50,
        help="items each feed lists, the latest (0: all since the start, so feeds grow)",
    )
    args = parser.parse_args(argv[1:])
    if not args.glibc_default_arenas:
        print(f"soak.malloc_arenas_capped={limit_malloc_arenas()}")
    sent = tuple(c.strip() for c in args.commands.split(",") if c.strip())
    asyncio.run(
        soak(
            args.minutes,
            trace=args.trace,
            commands_sent=sent,
            quiet_after=args.quiet_after,
            late_margin=args.late_margin,
            trace_from=args.trace_from,
            feed_items=args.feed_items,
            every=args.every,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
