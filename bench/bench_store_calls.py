"""What one store call costs in CPU on SQLite, with aiosqlite sending every call to its
thread against LeanConnection (bot/store/engine.py) keeping the calls that cannot wait on
the loop's thread. Each store holds 20,000 articles; each call is made 500 times in a row
(`--articles`, `--rounds`).

Prints CPU milliseconds per call (all threads of this process) for both and their ratio.
Run from the repo root: `python bench/bench_store_calls.py`.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.records import Article  # noqa: E402
from bot.store import engine  # noqa: E402
from bot.store.sql import SqlStore, open_store  # noqa: E402


def _article(n: int) -> Article:
    now = datetime.now(UTC)
    text = "Russian forces shelled villages of the Kupiansk district, the governor said. " * 3
    return Article("bench", f"g{n}", f"https://news.example/{n}", f"Report {n}", text, now, now)


async def _cost(call: Callable[[int], Awaitable[object]], rounds: int) -> float:
    for n in range(20):  # warm the statement caches
        await call(n)
    started = time.process_time()
    for n in range(rounds):
        await call(100 + n)
    return (time.process_time() - started) / rounds * 1000


async def _measure(store: SqlStore, *, rounds: int, articles: int) -> dict[str, float]:
    await store.record_articles([_article(n) for n in range(articles)], processed=True)
    fresh = iter(range(1_000_000, 2_000_000))
    return {
        "record one article": await _cost(
            lambda _: store.record_articles([_article(next(fresh))]), rounds
        ),
        "mark one processed": await _cost(lambda n: store.mark_processed(n + 1), rounds),
        "read the unprocessed": await _cost(lambda _: store.unprocessed(), rounds),
        "read recent stories": await _cost(lambda _: store.recent_stories(limit=20), rounds),
    }


async def _open(folder: Path, *, lean: bool) -> SqlStore:
    if lean:
        return await open_store(f"sqlite:///{folder / 'lean.db'}")
    real = engine._lean_creator
    engine._lean_creator = lambda url: None
    try:
        return await open_store(f"sqlite:///{folder / 'plain.db'}")
    finally:
        engine._lean_creator = real


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=500, help="calls of each kind measured")
    parser.add_argument("--articles", type=int, default=20_000, help="articles in each store")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="newsalert-store-calls-"))
    figures: dict[bool, dict[str, float]] = {}
    for lean in (False, True):
        store = await _open(folder, lean=lean)
        try:
            figures[lean] = await _measure(store, rounds=args.rounds, articles=args.articles)
        finally:
            await store.close()
    for call, plain in figures[False].items():
        kept = figures[True][call]
        print(
            f"store_calls.{call.replace(' ', '_')} cpu_ms aiosqlite={plain:.3f} "
            f"lean={kept:.3f} ratio={kept / plain:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main(sys.argv[1:])))
