"""Fan one alert out to N Telegram chats through the real PTB client and the loopback fake,
which enforces Telegram's flood limits (1/s per chat, 20/min per group, 30/s overall).

Prints messages per second against the 30/s limit, 429s met, and per-chat delivery counts
(every chat exactly once is the goal). With --kill-after K, the bot runs as its own process
and is SIGKILLed after the fake has seen K alerts, then restarted; the duplicates the kill
caused are counted. Asserts nothing.

Run: `.venv/bin/python bench/bench_telegram_fanout.py --chats 2000 [--kill-after 1000]`
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.records import ChatRef, Filter  # noqa: E402
from bot.store.sql import open_store  # noqa: E402
from tests.platforms.support import STRIKE, rss  # noqa: E402
from tests.platforms.telegram_fake import DEFAULT_TOKEN, RemoteFake  # noqa: E402

FIRST_CHAT = 10_000


def start_fake(chats: int, state: Path) -> tuple[subprocess.Popen[str], RemoteFake]:
    args = [sys.executable, "-m", "tests.platforms.telegram_fake", "--port", "0"]
    args += ["--state", str(state)]
    fake = subprocess.Popen(args, cwd=REPO, stdout=subprocess.PIPE, text=True)
    assert fake.stdout is not None
    line = fake.stdout.readline().strip()
    assert line.startswith("READY "), line
    remote = RemoteFake(line.split()[1])
    for chat in range(FIRST_CHAT, FIRST_CHAT + chats):
        remote.control("add_chat", chat_id=chat, type="private")
    return fake, remote


def stop(process: subprocess.Popen[str], *, sig: int = signal.SIGTERM) -> None:
    """End a child process and close its pipes."""
    if process.poll() is None:
        process.send_signal(sig)
    process.wait(timeout=30)
    for pipe in (process.stdout, process.stderr):
        if pipe is not None:
            pipe.close()


async def subscribe_all(db: Path, chats: int) -> None:
    store = await open_store(f"sqlite+aiosqlite:///{db}")
    try:
        for chat in range(FIRST_CHAT, FIRST_CHAT + chats):
            await store.add_subscription(
                ChatRef("telegram", str(chat)), Filter(), "all", created_by="bench"
            )
    finally:
        await store.close()


def write_config(work: Path, base: str) -> Path:
    feed = work / "feed.xml"
    feed.write_bytes(rss(STRIKE))
    config = {
        "store": {"url": f"sqlite+aiosqlite:///{work / 'bench.db'}"},
        "telegram": {"token": "${TELEGRAM_BOT_TOKEN}", "base_url": f"{base}/bot"},
        "fetch": {"default_interval": "10m"},
        # The feed is the bot's first poll: it is the news here, not a backlog.
        "alerts": {"first_poll": "alert"},
        "sources": [{"id": "bench", "url": str(feed)}],
    }
    path = work / "bench.yaml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def delivered(remote: RemoteFake) -> Counter[int]:
    counts: Counter[int] = Counter()
    for chat_id, chat in remote.state()["chats"].items():
        counts[int(chat_id)] = sum(1 for e in chat["history"] if e["kind"] == "sent")
    return counts


def bot(config: Path, *, once: bool) -> subprocess.Popen[str]:
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": DEFAULT_TOKEN, "PTB_TIMEDELTA": "1"}
    args = [sys.executable, "-m", "bot", "run", "-c", str(config)] + (["--once"] if once else [])
    return subprocess.Popen(args, cwd=REPO, env=env, text=True, stderr=subprocess.PIPE)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chats", type=int, default=2000)
    parser.add_argument("--kill-after", type=int, default=0, help="SIGKILL after K alerts")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        fake, remote = start_fake(args.chats, work / "state.json")
        try:
            asyncio.run(subscribe_all(work / "bench.db", args.chats))
            config = write_config(work, remote.base)
            started = time.monotonic()
            first = bot(config, once=not args.kill_after)
            if args.kill_after:
                while sum(delivered(remote).values()) < args.kill_after:
                    time.sleep(0.2)
                stop(first, sig=signal.SIGKILL)
                at_kill = sum(delivered(remote).values())
                print(f"killed the bot (SIGKILL) after {at_kill} alerts had reached the fake")
                restarted = bot(config, once=True)
                restarted.communicate()
            else:
                first.communicate()
            elapsed = time.monotonic() - started
            counts = delivered(remote)
            state = remote.state()
        finally:
            stop(fake)
    per_chat = Counter(counts.get(c, 0) for c in range(FIRST_CHAT, FIRST_CHAT + args.chats))
    total = sum(counts.values())
    print(f"chats: {args.chats}, messages delivered: {total} in {elapsed:.1f} s")
    print(f"rate: {total / elapsed:.1f} messages/s (Telegram's bulk limit: 30/s)")
    print(f"429 responses met: {state.get('rate_limited', 'n/a')}")
    print(f"chats by number of copies received: {dict(sorted(per_chat.items()))}")
    print(
        f"missing: {per_chat.get(0, 0)}, duplicates: {sum((n - 1) * k for n, k in per_chat.items() if n > 1)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
