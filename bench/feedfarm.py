"""A loopback farm of RSS feeds for polling benchmarks, run as its own process so its CPU
is not counted against the poller being measured.

`python bench/feedfarm.py --feeds 1000 --items 50 --advance-every 30 --share 0.05` serves
`/f/<n>` for n in 0..feeds-1 on 127.0.0.1 (port printed on stdout's first line as
`port=<n>`). Each feed answers conditional GETs (ETag and Last-Modified: 304 when unchanged)
and gzip when asked. Every `advance-every` seconds a `share` of the feeds, chosen at random,
gains one new item (also on `POST /advance`). `GET /stats` answers how many requests were
served, 200s and 304s, as JSON. With `--distinct` each new item reports a different town
(each its own incident, so each alerts), and `GET /served` answers when each item
("<feed>-<n>") was first served, in Unix seconds: what latency is measured from.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

from aiohttp import web

ITEM = (
    '<item><guid isPermaLink="false">farm-{feed}-{n}</guid>'
    "<title>Shelling of Kupiansk district report {feed}-{n}</title>"
    "<link>https://farm.example/{feed}/{n}</link><pubDate>{date}</pubDate>"
    "<description>Russian forces shelled villages of the Kupiansk district on {day}, "
    "the regional governor said. Report {feed}-{n}.</description></item>"
)


DISTINCT = (
    '<item><guid isPermaLink="false">farm-{feed}-{n}</guid>'
    "<title>Shelling of {town} report {feed}-{n}</title>"
    "<link>https://farm.example/{feed}/{n}</link><pubDate>{date}</pubDate>"
    "<description>Russian forces shelled {town}, {oblast}, on {day}, killing {killed} people "
    "(report {feed}-{n}), the governor said.</description></item>"
)


class Feed:
    towns: list[tuple[str, str]] = []  # (town, oblast) for --distinct, shared by all feeds
    next_town = 0

    def __init__(self, index: int, items: int, now: datetime) -> None:
        self.index = index
        self.count = 0
        self.served = 0  # items served in a 200 so far
        self.live = False  # True once the backlog is made
        self.items: list[str] = []
        for _ in range(items):
            self.add(now - timedelta(hours=items))
        self.live = True
        self._render(now)

    def add(self, now: datetime) -> None:
        self.count += 1
        if self.towns and self.live:  # the backlog stays alike; news is a town of its own
            town, oblast = self.towns[Feed.next_town % len(self.towns)]
            Feed.next_town += 1
            self.items.append(
                DISTINCT.format(
                    feed=self.index,
                    n=self.count,
                    date=format_datetime(now),
                    day=f"{now:%A}",
                    town=town,
                    oblast=oblast,
                    killed=self.count % 7 + 1,
                )
            )
            return
        self.items.append(
            ITEM.format(feed=self.index, n=self.count, date=format_datetime(now), day=f"{now:%A}")
        )

    def _render(self, now: datetime) -> None:
        body = "".join(reversed(self.items[-50:]))
        self.body = (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>farm {self.index}</title><link>https://farm.example/{self.index}</link>"
            f"{body}</channel></rss>"
        ).encode()
        self.gzipped = gzip.compress(self.body, compresslevel=5)
        self.etag = f'"{self.index}-{self.count}"'
        self.modified = format_datetime(now, usegmt=True)

    def grow(self, now: datetime) -> None:
        self.add(now)
        self._render(now)


class Farm:
    def __init__(self, feeds: int, items: int, share: float, seed: int) -> None:
        now = datetime.now(UTC)
        self.feeds = [Feed(i, items, now) for i in range(feeds)]
        self.share = share
        self.random = random.Random(seed)
        self.stats = {"requests": 0, "ok": 0, "not_modified": 0, "grown": 0}
        self.served: dict[str, float] = {}  # "<feed>-<n>" → when first served

    def advance(self) -> int:
        now = datetime.now(UTC)
        chosen = self.random.sample(self.feeds, round(len(self.feeds) * self.share))
        for feed in chosen:
            feed.grow(now)
        self.stats["grown"] += len(chosen)
        return len(chosen)

    async def serve_feed(self, request: web.Request) -> web.Response:
        self.stats["requests"] += 1
        try:
            feed = self.feeds[int(request.match_info["n"])]
        except (ValueError, IndexError):
            raise web.HTTPNotFound() from None
        headers = {"ETag": feed.etag, "Last-Modified": feed.modified}
        if (
            request.headers.get("If-None-Match") == feed.etag
            or request.headers.get("If-Modified-Since") == feed.modified
        ):
            self.stats["not_modified"] += 1
            return web.Response(status=304, headers=headers)
        self.stats["ok"] += 1
        now = time.time()
        for n in range(feed.served + 1, feed.count + 1):
            self.served.setdefault(f"{feed.index}-{n}", now)
        feed.served = feed.count
        headers["Content-Type"] = "application/rss+xml; charset=utf-8"
        if "gzip" in request.headers.get("Accept-Encoding", ""):
            headers["Content-Encoding"] = "gzip"
            return web.Response(body=feed.gzipped, headers=headers)
        return web.Response(body=feed.body, headers=headers)

    async def serve_advance(self, request: web.Request) -> web.Response:
        return web.json_response({"grown": self.advance()})

    async def serve_stats(self, request: web.Request) -> web.Response:
        return web.json_response(self.stats)

    async def serve_served(self, request: web.Request) -> web.Response:
        return web.json_response(self.served)


async def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=1000)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--share", type=float, default=0.05)
    parser.add_argument("--advance-every", type=float, default=0.0, help="0: only on request")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--distinct", action="store_true", help="each new item a town of its own")
    args = parser.parse_args(argv[1:])
    if args.distinct:
        from soak import distinct_towns

        Feed.towns = distinct_towns()
    farm = Farm(args.feeds, args.items, args.share, args.seed)
    app = web.Application()
    app.router.add_get("/f/{n}", farm.serve_feed)
    app.router.add_post("/advance", farm.serve_advance)
    app.router.add_get("/stats", farm.serve_stats)
    app.router.add_get("/served", farm.serve_served)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", args.port, backlog=4096)
    await site.start()
    port = runner.addresses[0][1]
    print(f"port={port}", flush=True)
    try:
        while True:
            if args.advance_every > 0:
                await asyncio.sleep(args.advance_every)
                farm.advance()
            else:
                await asyncio.sleep(3600)
    finally:
        await runner.cleanup()


if __name__ == "__main__":
    try:
        raise SystemExit(asyncio.run(main(sys.argv)))
    except KeyboardInterrupt:
        raise SystemExit(0) from None
