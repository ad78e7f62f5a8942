"""What polling costs: newsalert's long-running `run` against a popular RSS-to-chat bot's
loop (aiohttp + conditional GET + feedparser), on the same loopback feed farm, in one run.

For each farm size, a fresh farm (bench/feedfarm.py, its own process) serves N feeds of 50
items with ETag, Last-Modified and gzip; every round a share of them (5%) gains one item, so
most polls are answered 304. Then:

- the peer loop polls every feed once a round, concurrently (100 at a time), parses each
  changed feed with feedparser and picks out the entries it has not seen; its CPU is this
  process's CPU over the rounds after the first (the first downloads everything);
- `newsalert run` runs as an operator runs it (its own process, SQLite, console output to
  /dev/null, the feeds on a fixed interval, `subscriptions` subscriptions in the store); its
  CPU is read from /proc between the end of its first full round and the end of the window,
  and its polls from its own /metrics.

Prints CPU seconds per 1,000 polls for both, their ratio, newsalert's resident memory, the
CPU seconds newsalert spent making one /metrics page (read outside the measured window) and
the farm's count of 200s and 304s. Run from the repo root:
`python bench/bench_polling.py --feeds 300,1000 --minutes 2`. Linux only (/proc).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

TICKS = os.sysconf("SC_CLK_TCK")


class FarmProcess:
    def __init__(
        self,
        feeds: int,
        advance_every: float,
        share: float = 0.05,
        *,
        distinct: bool = False,
        items: int = 50,
    ) -> None:
        self.proc = subprocess.Popen(
            [
                sys.executable,
                str(REPO / "bench" / "feedfarm.py"),
                "--feeds",
                str(feeds),
                "--advance-every",
                str(advance_every),
                "--share",
                str(share),
                "--items",
                str(items),
                *(["--distinct"] if distinct else []),
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        match = re.match(r"port=(\d+)", line)
        if not match:
            self.proc.kill()
            raise SystemExit(f"feed farm did not start: {line!r}")
        self.base = f"http://127.0.0.1:{match[1]}"

    def url(self, n: int) -> str:
        return f"{self.base}/f/{n}"

    def stats(self) -> dict[str, int]:
        import httpx

        return dict(httpx.get(f"{self.base}/stats", trust_env=False).json())

    def advance(self) -> None:
        import httpx

        httpx.post(f"{self.base}/advance", trust_env=False)

    def close(self) -> None:
        self.proc.terminate()
        self.proc.wait(10)


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def peer_loop(farm: FarmProcess, feeds: int, rounds: int) -> tuple[float, int]:
    """The peer's poll loop: CPU seconds and polls over the rounds after the first."""
    import aiohttp
    import feedparser

    validators: dict[int, tuple[str | None, str | None]] = {}
    seen: set[str] = set()
    fresh = 0
    limit = asyncio.Semaphore(100)

    async def poll(session: aiohttp.ClientSession, n: int) -> None:
        nonlocal fresh
        etag, modified = validators.get(n, (None, None))
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if modified:
            headers["If-Modified-Since"] = modified
        async with limit, session.get(farm.url(n), headers=headers) as resp:
            if resp.status == 304:
                return
            body = await resp.read()
            validators[n] = (resp.headers.get("ETag"), resp.headers.get("Last-Modified"))
        parsed = feedparser.parse(body)
        for entry in parsed.entries:
            key = entry.get("id") or entry.get("link")
            if key and key not in seen:
                seen.add(key)
                fresh += 1

    connector = aiohttp.TCPConnector(limit=100)
    async with aiohttp.ClientSession(connector=connector) as session:
        await asyncio.gather(*(poll(session, n) for n in range(feeds)))
        start = time.process_time()
        for _ in range(rounds):
            await asyncio.to_thread(farm.advance)
            await asyncio.gather(*(poll(session, n) for n in range(feeds)))
        spent = time.process_time() - start
    return spent, rounds * feeds


def metric(base: str, name: str) -> float:
    import httpx

    page = httpx.get(f"{base}/metrics", trust_env=False, timeout=30).text
    return sum(
        float(line.rsplit(" ", 1)[1])
        for line in page.splitlines()
        if line.startswith((name + "{", name + " "))
    )


def newsalert_run(
    farm: FarmProcess, feeds: int, interval: float, window: float, subscriptions: int
) -> dict[str, float]:
    """`newsalert run` on the farm: CPU per 1,000 polls after its first full round."""
    import yaml

    work = Path(tempfile.mkdtemp(prefix="newsalert-polling-"))
    port = free_port()
    config = {
        "store": {"url": f"sqlite+aiosqlite:///{work / 'bench.db'}"},
        "fetch": {
            "default_interval": f"{interval:g}s",
            "jitter": f"{min(interval / 2, 5):g}s",
            "max_concurrency": 100,
            # Every feed at the interval: the polls counted are the same work as the peer's.
            "adaptive": False,
        },
        "console": {"enabled": True, "color": False, "subscriptions": [""]},
        "ops": {"enabled": True, "listen": "127.0.0.1", "port": port},
        "sources": [{"id": f"farm{n}", "url": farm.url(n)} for n in range(feeds)],
    }
    (work / "config.yaml").write_text(yaml.safe_dump(config))
    if subscriptions:
        seed_subscriptions(work, spread_subscriptions(subscriptions))
    env = {k: v for k, v in os.environ.items() if not k.endswith("_TOKEN")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "-c", str(work / "config.yaml")],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(work / "stderr.log", "w"),  # noqa: SIM115
    )
    base = f"http://127.0.0.1:{port}"
    try:
        started = time.monotonic()
        while True:  # the first full round: every feed polled once (its backlog recorded)
            time.sleep(1)
            if proc.poll() is not None:
                raise SystemExit(f"newsalert run exited: {(work / 'stderr.log').read_text()}")
            try:
                if metric(base, "newsalert_polls_total") >= feeds:
                    break
            except Exception:
                continue
            if time.monotonic() - started > 600:
                raise SystemExit("newsalert run: first round not done in 10 minutes")
        first_round = time.monotonic() - started
        # The CPU is read after the /metrics page is made and before the next one: a page
        # of 1,000 sources' metrics costs newsalert a fifth of a CPU second, which is the
        # bench's reading, not polling.
        polls0 = metric(base, "newsalert_polls_total")
        cpu0 = cpu_seconds(proc.pid)
        time.sleep(window)
        cpu1 = cpu_seconds(proc.pid)
        polls1 = metric(base, "newsalert_polls_total")
        cpu2 = cpu_seconds(proc.pid)
        not_modified = metric(base, 'newsalert_polls_total{outcome="not_modified"')
        page_cpu = cpu_seconds(proc.pid) - cpu2  # what making one /metrics page cost
        return {
            "cpu": cpu1 - cpu0,
            "polls": polls1 - polls0,
            "rss_mb": rss_mb(proc.pid),
            "first_round_s": first_round,
            "not_modified_total": not_modified,
            "metrics_page_cpu_s": page_cpu,
        }
    finally:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()


FILTERS = ("strikes in Kharkiv Oblast", "evacuations", "", "casualties in Donetsk Oblast")


def spread_subscriptions(count: int) -> list[tuple[str, str]]:
    """`count` Telegram chats, each with one filter, spread over kinds and regions."""
    return [(str(1000 + i), FILTERS[i % len(FILTERS)]) for i in range(count)]


def seed_subscriptions(work: Path, wanted: Sequence[tuple[str, str]]) -> None:
    """Subscriptions in the store of the config in `work`: (Telegram chat id, filter) each."""
    from bot.alerts.filters import format_filter, parse_filter
    from bot.app import Parts
    from bot.config.loader import load_settings
    from bot.records import ChatRef

    settings = load_settings(work / "config.yaml")

    async def seed() -> None:
        parts = Parts(settings, work)
        await parts.load_places()
        store = await parts.open_store()
        try:
            for chat_id, text in wanted:
                parsed = parse_filter(text, places=parts.resolver)
                await store.add_subscription(
                    ChatRef("telegram", chat_id), parsed, format_filter(parsed), created_by="bench"
                )
        finally:
            await store.close()

    asyncio.run(seed())


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", default="300,1000", help="farm sizes, comma-separated")
    parser.add_argument("--rounds", type=int, default=5, help="peer loop rounds measured")
    parser.add_argument("--interval", type=float, default=30.0, help="newsalert's poll interval")
    parser.add_argument("--minutes", type=float, default=2.0, help="newsalert's window")
    parser.add_argument("--subscriptions", type=int, default=0)
    parser.add_argument(
        "--share", type=float, default=0.05, help="share of feeds gaining an item each round"
    )
    args = parser.parse_args(argv[1:])
    for feeds in (int(n) for n in args.feeds.split(",")):
        farm = FarmProcess(feeds, advance_every=0, share=args.share)
        try:
            peer_cpu, peer_polls = asyncio.run(peer_loop(farm, feeds, args.rounds))
            peer_stats = farm.stats()
        finally:
            farm.close()
        farm = FarmProcess(feeds, advance_every=args.interval, share=args.share)
        try:
            ours = newsalert_run(farm, feeds, args.interval, args.minutes * 60, args.subscriptions)
            ours_stats = farm.stats()
        finally:
            farm.close()
        peer_per = peer_cpu / peer_polls * 1000
        ours_per = ours["cpu"] / max(ours["polls"], 1) * 1000
        print(
            f"polling.feeds={feeds} peer cpu_s_per_1000_polls={peer_per:.2f} "
            f"(polls={peer_polls} farm={json.dumps(peer_stats)})"
        )
        print(
            f"polling.feeds={feeds} newsalert cpu_s_per_1000_polls={ours_per:.2f} "
            f"(polls={ours['polls']:.0f} in {args.minutes:g} min, "
            f"first_round={ours['first_round_s']:.0f}s, "
            f"subscriptions={args.subscriptions}, farm={json.dumps(ours_stats)})"
        )
        print(
            f"polling.feeds={feeds} ratio newsalert/peer={ours_per / peer_per:.2f} "
            f"newsalert rss_mb={ours['rss_mb']:.0f} "
            f"metrics_page_cpu_s={ours['metrics_page_cpu_s']:.2f}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
