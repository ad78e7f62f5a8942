"""Several `newsalert run` workers on one PostgreSQL store: work done by 1, 2 and 3 workers,
duplicate sends, and a worker killed mid-run.

Each worker is its own process, as on separate machines, against a fresh PostgreSQL database,
polling a loopback farm of RSS feeds (bench/feedfarm.py, its own process) and sending through
the real python-telegram-bot client to the loopback fake Bot API (Telegram's flood limits).

Throughput (`--workers 1 2 3`): every feed gains an item every `--every` seconds, more than
one worker can read; after a warm-up the articles told (extracted, their stories told, matched
against `--subscriptions` subscriptions) per second are counted from the store over
`--window` seconds, with each worker's CPU.

Kill (`--kill`): 2 workers on feeds whose every new item is an incident of its own, which
alerts the `--chats` chats subscribed to everything; one worker (the leader, or `--kill
follower`) gets SIGKILL mid-run. Printed: how long until its sources were leased by the
survivor, items served that never reached a chat, and messages sent twice.

`--cpu-per-worker 0.4` caps each worker at that share of one core (a CPU cgroup of its
own: cgroup v2's cpu.max or v1's cfs quota; needs root), as if each ran on a small machine of
its own. On a machine with few cores, PostgreSQL, the farm and uncapped workers contend for
the same cores, and what a second worker adds is what it leaves of theirs; capped, a second
worker adds its own share, so the figure shows whether the workers' sharing of the work
scales, not how many cores this machine has.

Run from the repo root: `python bench/bench_workers.py --workers 1 2 --kill`.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import contextlib
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
for path in (REPO, REPO / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from bench_polling import FarmProcess, cpu_seconds, seed_subscriptions  # noqa: E402

POSTGRES = os.environ.get(
    "NEWSALERT_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
# Chats of the subscriptions that match nothing the farm publishes: matched, never sent.
BACKLOG = 3  # items each farm feed starts with, recorded as known (first_poll: baseline)
NARROW = ("evacuations in Volyn Oblast", "nuclear in Lviv Oblast", "evacuations in Zakarpattia")


def sql(url: str, query: str) -> list[Any]:
    """Rows of one query on the database at `url` (a short-lived connection of its own)."""
    import asyncpg  # type: ignore[import-untyped]
    from sqlalchemy import make_url

    parsed = make_url(url)

    async def run() -> list[Any]:
        conn = await asyncpg.connect(
            host=parsed.host,
            port=parsed.port or 5432,
            user=parsed.username,
            password=parsed.password,
            database=parsed.database,
        )
        try:
            return list(await conn.fetch(query))
        finally:
            await conn.close()

    return asyncio.run(run())


class Database:
    """A fresh database on the PostgreSQL server, dropped at the end."""

    def __init__(self) -> None:
        self.name = f"newsalert_bench_{uuid.uuid4().hex[:10]}"
        sql(POSTGRES, f'CREATE DATABASE "{self.name}"')
        from sqlalchemy import make_url

        self.url = make_url(POSTGRES).set(database=self.name).render_as_string(False)

    def rows(self, query: str) -> list[Any]:
        return sql(self.url, query)

    def one(self, query: str) -> Any:
        return self.rows(query)[0][0]

    def drop(self) -> None:
        sql(POSTGRES, f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')


class CpuCap:
    """A CPU cgroup holding one worker to `cores` of a core (cgroup v2 or v1's cpu
    controller); `close` removes it once its process has exited."""

    PERIOD_US = 100_000

    def __init__(self, cores: float) -> None:
        quota = max(int(cores * self.PERIOD_US), 1000)
        name = f"newsalert-bench-{uuid.uuid4().hex[:8]}"
        v2 = Path("/sys/fs/cgroup")
        v1 = Path("/sys/fs/cgroup/cpu")
        if "cpu" in _read(v2 / "cgroup.controllers").split():
            self.path = v2 / name
            self.path.mkdir()
            (self.path / "cpu.max").write_text(f"{quota} {self.PERIOD_US}")
        elif (v1 / "cpu.cfs_quota_us").exists():
            self.path = v1 / name
            self.path.mkdir()
            (self.path / "cpu.cfs_period_us").write_text(str(self.PERIOD_US))
            (self.path / "cpu.cfs_quota_us").write_text(str(quota))
        else:
            raise SystemExit("--cpu-per-worker needs a CPU cgroup controller (cgroup v2 or v1)")

    def add(self, pid: int) -> None:
        (self.path / "cgroup.procs").write_text(str(pid))

    def throttled_s(self) -> float:
        """Seconds its process was held back by the cap so far."""
        for line in _read(self.path / "cpu.stat").splitlines():
            key, _, value = line.partition(" ")
            if key == "throttled_usec":
                return int(value) / 1e6
            if key == "throttled_time":  # v1, nanoseconds
                return int(value) / 1e9
        return 0.0

    def close(self) -> None:
        with contextlib.suppress(OSError):  # still busy: left for the system to reap
            self.path.rmdir()


def _read(path: Path) -> str:
    try:
        return path.read_text()
    except OSError:
        return ""


class Cluster:
    """`count` workers on one config; each its own process (and, with `cores`, its own
    CPU cgroup capped at that share of a core)."""

    def __init__(
        self, work: Path, count: int, env: dict[str, str], cores: float | None = None
    ) -> None:
        self.work = work
        self.caps: list[CpuCap] = []
        self.procs = []
        for i in range(count):
            proc = subprocess.Popen(
                [sys.executable, "-m", "bot", "run", "-c", str(work / "config.yaml")],
                cwd=REPO,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=open(work / f"worker{i}.log", "w"),  # noqa: SIM115
            )
            self.procs.append(proc)
            if cores is not None:
                cap = CpuCap(cores)
                cap.add(proc.pid)
                self.caps.append(cap)

    def alive(self) -> list[subprocess.Popen[bytes]]:
        return [p for p in self.procs if p.poll() is None]

    def stop(self) -> None:
        for proc in self.alive():
            proc.send_signal(signal.SIGTERM)
        for proc in self.procs:
            try:
                proc.wait(60)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for cap in self.caps:
            cap.close()


def setup(
    db: Database, farm: FarmProcess, fake: Any, feeds: int, every: float, args: argparse.Namespace
) -> tuple[Path, dict[str, str]]:
    """The config, the chats at the fake Bot API and the subscriptions of one run."""
    import yaml

    work = Path(tempfile.mkdtemp(prefix="newsalert-workers-"))
    config = {
        "store": {"url": db.url},
        "fetch": {
            "default_interval": f"{every:g}s",
            "jitter": "2s",
            "adaptive": False,
            "max_concurrency": 50,
        },
        # The farm's backlog (hours old) is recorded as known; what it gains alerts.
        "alerts": {"max_age": "1h", "first_poll": "baseline"},
        "console": {"enabled": False},
        "telegram": {"token": "${TOKEN}", "base_url": fake.bot_url, "poll_timeout": "1s"},
        "sources": [{"id": f"farm{n}", "url": farm.url(n)} for n in range(feeds)],
    }
    (work / "config.yaml").write_text(yaml.safe_dump(config))
    chats = args.chats
    for i in range(chats):
        fake.add_chat(1000 + i)
    os.environ["TOKEN"] = fake.token
    wanted = [(str(1000 + i), "") for i in range(chats)]
    wanted += [
        (str(100000 + i), NARROW[i % len(NARROW)]) for i in range(args.subscriptions - chats)
    ]
    seed_subscriptions(work, wanted)
    return work, {**os.environ, "TOKEN": fake.token}


def wait_joined(db: Database, cluster: Cluster, count: int, limit: float = 300) -> None:
    started = time.monotonic()
    while db.one("SELECT count(*) FROM workers") < count:
        if len(cluster.alive()) < count:
            raise SystemExit(f"a worker exited; see {cluster.work}")
        if time.monotonic() - started > limit:
            raise SystemExit(f"workers did not join in {limit:g}s; see {cluster.work}")
        time.sleep(0.5)


def machine_busy() -> tuple[int, int]:
    """(busy, total) jiffies of every core since boot, from /proc/stat."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return sum(fields) - idle, sum(fields)


def throughput(args: argparse.Namespace, count: int) -> dict[str, float]:
    from tests.platforms.telegram_fake import FakeBotApi

    db = Database()
    farm = FarmProcess(args.feeds, advance_every=args.every, share=1.0, items=BACKLOG)
    fake = FakeBotApi().start()
    cluster: Cluster | None = None
    try:
        work, env = setup(db, farm, fake, args.feeds, args.every, args)
        cluster = Cluster(work, count, env, args.cpu_per_worker)
        wait_joined(db, cluster, count)
        time.sleep(args.warmup)
        throttled0 = sum(cap.throttled_s() for cap in cluster.caps)
        told = (
            "SELECT count(*) FROM articles"
            " WHERE extracted_at IS NOT NULL AND processed_at IS NOT NULL"
        )
        cpu0 = [cpu_seconds(p.pid) for p in cluster.procs]
        busy0 = machine_busy()
        told0, at0 = db.one(told), time.monotonic()
        time.sleep(args.window)
        told1, at1 = db.one(told), time.monotonic()
        cpu1 = [cpu_seconds(p.pid) for p in cluster.procs]
        busy1 = machine_busy()
        throttled = sum(cap.throttled_s() for cap in cluster.caps) - throttled0
        offered = args.feeds / args.every
        leases = db.rows("SELECT worker_id, count(*) FROM source_leases GROUP BY 1 ORDER BY 1")
        return {
            "told_per_s": (told1 - told0) / (at1 - at0),
            "offered_per_s": offered,
            "cpu_per_worker": sum(b - a for a, b in zip(cpu0, cpu1, strict=True))
            / count
            / (at1 - at0),
            "leases": float(len(leases)),
            # The whole machine (PostgreSQL and the farm too): cores busy, of all it has.
            "machine_busy": (busy1[0] - busy0[0]) / max(busy1[1] - busy0[1], 1),
            "backlog": float(db.one("SELECT count(*) FROM articles WHERE processed_at IS NULL")),
            # Of the window, how long each worker was held back by its cap, on average.
            "throttled": throttled / count / (at1 - at0),
        }
    finally:
        if cluster is not None:
            cluster.stop()
        fake.stop()
        farm.close()
        db.drop()


def kill_run(args: argparse.Namespace) -> dict[str, Any]:
    import httpx

    from tests.platforms.telegram_fake import FakeBotApi

    db = Database()
    feeds = args.kill_feeds
    farm = FarmProcess(
        feeds, advance_every=args.kill_every, share=args.kill_share, distinct=True, items=BACKLOG
    )
    fake = FakeBotApi().start()
    cluster: Cluster | None = None
    try:
        work, env = setup(db, farm, fake, feeds, args.kill_every, args)
        cluster = Cluster(work, 2, env, args.cpu_per_worker)
        wait_joined(db, cluster, 2)
        time.sleep(args.kill_after)
        workers = {r["pid"]: (r["id"], r["leader"]) for r in db.rows("SELECT * FROM workers")}
        victim = next(
            p
            for p in cluster.procs
            if workers.get(p.pid, ("", False))[1] == (args.kill == "leader")
        )
        victim_id = workers[victim.pid][0]
        held = db.one(f"SELECT count(*) FROM source_leases WHERE worker_id = '{victim_id}'")
        victim.kill()
        killed_at = time.monotonic()
        moved = None
        new_leader = None
        while time.monotonic() - killed_at < 120:
            time.sleep(0.5)
            mine = db.one(f"SELECT count(*) FROM source_leases WHERE worker_id = '{victim_id}'")
            leased = db.one("SELECT count(*) FROM source_leases")
            if new_leader is None and db.one(
                f"SELECT count(*) FROM workers WHERE leader AND id <> '{victim_id}'"
            ):
                new_leader = time.monotonic() - killed_at
            if moved is None and mine == 0 and leased == feeds:
                moved = time.monotonic() - killed_at
            if moved is not None and (new_leader is not None or args.kill != "leader"):
                break
        time.sleep(args.kill_tail)
        # What the farm served from its news (not the backlog of BACKLOG items a feed):
        # each must reach every chat once. The farm stops; the last items get time to go.
        served = httpx.get(f"{farm.base}/served", trust_env=False).json()
        news = {k for k in served if int(k.rsplit("-", 1)[1]) > BACKLOG}
        farm.close()
        # Then every alert queued gets sent (or 5 minutes pass).
        time.sleep(args.kill_every * 3)
        waited = time.monotonic()
        while time.monotonic() - waited < 300:
            pending = db.one("SELECT count(*) FROM deliveries WHERE status = 'pending'")
            untold = db.one("SELECT count(*) FROM articles WHERE processed_at IS NULL")
            if pending == 0 and untold == 0:
                break
            time.sleep(2)
        cluster.stop()
        reports = re.compile(r"report (\d+-\d+)")
        missing = duplicates = 0
        # A feed's first poll records what it lists as known (`first_poll: baseline`): the
        # news it had gained before the workers started polling it is not expected.
        baseline = {
            r["guid"].removeprefix("farm-")
            for r in db.rows(
                "SELECT guid FROM articles WHERE processed_at IS NOT NULL AND extracted_at IS NULL"
            )
        }
        news -= baseline
        lost: set[str] = set()
        for i in range(args.chats):
            seen = collections.Counter(
                m[1] for msg in fake.sent(1000 + i) if (m := reports.search(msg.plain))
            )
            duplicates += sum(c - 1 for c in seen.values() if c > 1)
            missing += len(news - set(seen))
            lost |= news - set(seen)
        for item in sorted(lost)[:8]:  # what became of them, for the record
            rows = db.rows(
                "SELECT a.id, a.processed_at IS NOT NULL AS told, a.extracted_at IS NOT NULL"
                " AS read, (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS events,"
                " (SELECT string_agg(d.status || ':' || d.chat_id || ':' || d.story_id, ',')"
                " FROM deliveries d WHERE d.article_id = a.id AND d.chat_id LIKE '100_')"
                f" AS sent FROM articles a WHERE a.guid = 'farm-{item}'"
            )
            print(f"missing {item}: {[dict(r) for r in rows]}", flush=True)
        return {
            "killed": args.kill,
            "victim_sources": held,
            "sources_moved_s": moved,
            "new_leader_s": new_leader,
            "news_served": len(news),
            "baseline_left_out": len(baseline),
            "missing_sends": missing,
            "duplicate_sends": duplicates,
            "pending_after": pending,
            "untold_after": untold,
        }
    finally:
        if cluster is not None:
            cluster.stop()
        fake.stop()
        db.drop()


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2])
    parser.add_argument("--feeds", type=int, default=2000)
    parser.add_argument("--every", type=float, default=10.0, help="feeds gain an item this often")
    parser.add_argument("--subscriptions", type=int, default=10000)
    parser.add_argument("--chats", type=int, default=3, help="chats subscribed to everything")
    parser.add_argument("--warmup", type=float, default=30.0)
    parser.add_argument("--window", type=float, default=60.0)
    parser.add_argument("--kill", choices=["leader", "follower"], default=None)
    parser.add_argument("--kill-feeds", type=int, default=300)
    parser.add_argument("--kill-every", type=float, default=10.0)
    parser.add_argument("--kill-share", type=float, default=0.02)
    parser.add_argument("--kill-after", type=float, default=40.0)
    parser.add_argument("--kill-tail", type=float, default=40.0)
    parser.add_argument(
        "--cpu-per-worker",
        type=float,
        default=None,
        help="cap each worker at this share of a core (a CPU cgroup; needs root)",
    )
    args = parser.parse_args(argv[1:])
    base: float | None = None
    for count in args.workers:
        got = throughput(args, count)
        base = base or got["told_per_s"]
        print(
            f"workers={count} feeds={args.feeds} subscriptions={args.subscriptions} "
            f"offered={got['offered_per_s']:.0f}/s told={got['told_per_s']:.1f}/s "
            f"x{got['told_per_s'] / base:.2f} cpu_per_worker={got['cpu_per_worker']:.2f} "
            f"workers_holding_leases={got['leases']:.0f} untold_at_end={got['backlog']:.0f} "
            f"machine_busy={got['machine_busy']:.0%} of {os.cpu_count()} cores"
            + (
                f" cpu_per_worker_cap={args.cpu_per_worker:g}"
                f" throttled={got['throttled']:.0%} of the window"
                if args.cpu_per_worker
                else ""
            ),
            flush=True,
        )
    if args.kill:
        got = kill_run(args)
        print(" ".join(f"{k}={v}" for k, v in got.items()), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
