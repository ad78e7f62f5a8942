"""What one conditional GET answered 304 costs through FeedSource: through httpx's
`AsyncClient.stream` (the way every poll went before) against `PollingClient.poll` (httpx's
transport API, bot/sources/http.py), and aiohttp alone as the floor, all on httpx-aiohttp's
transport against the same loopback feed farm (bench/feedfarm.py), 100 polls at a time.

Prints CPU milliseconds per poll (this process) for each. Run from the repo root:
`python bench/bench_fetch.py [--feeds 1000] [--rounds 3]`.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for path in (REPO, REPO / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

import aiohttp  # noqa: E402
import httpx  # noqa: E402
from bench_polling import FarmProcess  # noqa: E402
from httpx_aiohttp import AiohttpTransport  # noqa: E402

from bot.config.schema import FetchSettings  # noqa: E402
from bot.records import SourceState  # noqa: E402
from bot.sources.http import FeedSource, build_http_client  # noqa: E402


async def _cost(poll: Callable[[int], Awaitable[None]], feeds: int, rounds: int) -> float:
    limit = asyncio.Semaphore(100)

    async def one(n: int) -> None:
        async with limit:
            await poll(n)

    await asyncio.gather(*(one(n) for n in range(feeds)))  # validators, connections
    started = time.process_time()
    for _ in range(rounds):
        await asyncio.gather(*(one(n) for n in range(feeds)))
    return (time.process_time() - started) / (rounds * feeds) * 1000


def _through(client: httpx.AsyncClient, farm: FarmProcess) -> Callable[[int], Awaitable[None]]:
    states: dict[int, SourceState] = {}

    def clock() -> datetime:
        return datetime.now(UTC)

    sources: dict[int, FeedSource] = {}

    async def poll(n: int) -> None:
        source = sources.get(n)
        if source is None:
            source = sources[n] = FeedSource(
                f"f{n}", farm.url(n), client=client, max_body=10_000_000, clock=clock
            )
        result = await source.fetch(states.get(n, SourceState(source.id)))
        states[n] = result.state

    return poll


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    farm = FarmProcess(args.feeds, advance_every=0, share=0.0)
    try:
        settings = FetchSettings(max_concurrency=100)
        limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)
        figures = {}
        async with httpx.AsyncClient(transport=AiohttpTransport(limits=limits)) as plain:
            figures["stream"] = await _cost(_through(plain, farm), args.feeds, args.rounds)
        async with build_http_client(settings) as lean:
            figures["poll"] = await _cost(_through(lean, farm), args.feeds, args.rounds)
        etags: dict[int, str] = {}
        async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=100)) as session:

            async def bare(n: int) -> None:
                headers = {"If-None-Match": etags[n]} if n in etags else {}
                async with session.get(farm.url(n), headers=headers) as resp:
                    await resp.read()
                    etags[n] = resp.headers.get("ETag", "")

            figures["aiohttp"] = await _cost(bare, args.feeds, args.rounds)
    finally:
        farm.close()
    for way, cost in figures.items():
        print(f"fetch.not_modified way={way} cpu_ms_per_poll={cost:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(asyncio.run(main(sys.argv[1:])))
