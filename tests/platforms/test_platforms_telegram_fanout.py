"""Fan-out through the real client and the flood-limited fake: every chat exactly once,
even when the bot is SIGKILLed half way and restarted (bench/bench_telegram_fanout.py runs
the same with 2,000 chats and prints the rates)."""

from __future__ import annotations

import asyncio
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.paths import REPO
from tests.platforms.telegram_fake import RemoteFake

sys.path.insert(0, str(REPO / "bench"))
import bench_telegram_fanout as fanout  # noqa: E402

CHATS = 120


@pytest.fixture
def work() -> Iterator[Path]:
    with tempfile.TemporaryDirectory() as tmp:
        yield Path(tmp)


def copies(remote: RemoteFake) -> dict[int, int]:
    counts = fanout.delivered(remote)
    return {c: counts.get(c, 0) for c in range(fanout.FIRST_CHAT, fanout.FIRST_CHAT + CHATS)}


def test_every_chat_gets_the_alert_exactly_once(work: Path) -> None:
    fake, remote = fanout.start_fake(CHATS, work / "state.json")
    try:
        asyncio.run(fanout.subscribe_all(work / "bench.db", CHATS))
        bot = fanout.bot(fanout.write_config(work, remote.base), once=True)
        _, err = bot.communicate(timeout=120)
        assert bot.returncode == 0, err
        assert set(copies(remote).values()) == {1}
    finally:
        fanout.stop(fake)


def test_sigkill_mid_fanout_then_restart_still_reaches_every_chat(work: Path) -> None:
    fake, remote = fanout.start_fake(CHATS, work / "state.json")
    try:
        asyncio.run(fanout.subscribe_all(work / "bench.db", CHATS))
        config = fanout.write_config(work, remote.base)
        first = fanout.bot(config, once=False)
        deadline = time.monotonic() + 60
        while sum(fanout.delivered(remote).values()) < CHATS // 3:
            assert time.monotonic() < deadline, "the fan-out never started"
            time.sleep(0.1)
        fanout.stop(first, sig=signal.SIGKILL)
        assert min(copies(remote).values()) == 0  # killed in the middle, not after
        again = fanout.bot(config, once=True)
        _, err = again.communicate(timeout=120)
        assert again.returncode == 0, err
        received = copies(remote)
        assert min(received.values()) == 1
        # Only a send in flight at the moment of the kill can repeat.
        assert sum(n - 1 for n in received.values()) <= 3
    finally:
        fanout.stop(fake)
