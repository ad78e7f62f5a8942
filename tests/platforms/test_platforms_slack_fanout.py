"""Fan-out to many Slack channels at the fake's real limits: each exactly once, none dropped
(bench/bench_slack_fanout.py runs the same with 500 channels and prints the rates)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from tests.paths import REPO
from tests.platforms.slack_fake import FakeSlackApi, clear_proxy_env

sys.path.insert(0, str(REPO / "bench"))
import bench_slack_fanout as fanout  # noqa: E402

CHANNELS = 25


async def test_every_channel_gets_the_alert_exactly_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    clear_proxy_env(monkeypatch)
    with FakeSlackApi() as fake:
        for i in range(CHANNELS):
            fake.add_channel(f"C{i:05d}")
        _, sent = await fanout.run(CHANNELS, tmp_path, fake)
        copies = [len(fake.messages(f"C{i:05d}")) for i in range(CHANNELS)]
    assert sent == CHANNELS
    assert copies == [1] * CHANNELS
