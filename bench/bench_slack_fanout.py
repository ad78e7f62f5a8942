"""Fan one alert out to N Slack channels through slack-bolt/slack_sdk and the loopback fake
Slack Web API, which enforces about 1 message a second per channel and a workspace-wide
limit (300 a minute by default). Prints messages per second, 429s met, and per-channel
copies (every channel exactly once is the goal). Asserts nothing.

Run: `.venv/bin/python bench/bench_slack_fanout.py --channels 500`
"""

from __future__ import annotations

import argparse
import asyncio
import io
import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.app import App  # noqa: E402
from bot.config import parse_settings  # noqa: E402
from bot.records import ChatRef, Filter  # noqa: E402
from tests.platforms.slack_fake import DEFAULT_TOKEN, PROXY_VARIABLES, FakeSlackApi  # noqa: E402
from tests.platforms.support import STRIKE, rss  # noqa: E402


async def run(channels: int, work: Path, fake: FakeSlackApi) -> tuple[float, int]:
    feed = work / "feed.xml"
    feed.write_bytes(rss(STRIKE))
    settings = parse_settings(
        {
            "store": {"url": f"sqlite+aiosqlite:///{work / 'bench.db'}"},
            "slack": {
                "enabled": True,
                "bot_token": DEFAULT_TOKEN,
                "signing_secret": "bench",
                "mode": "http",
                "http_listen": "127.0.0.1",
                "http_port": 0,
                "base_url": fake.api_url,
            },
            # The feed is the bot's first poll: it is the news here, not a backlog.
            "alerts": {"first_poll": "alert"},
            "sources": [{"id": "bench", "url": str(feed)}],
        },
        env={},
    )
    app = await App.open(settings, base_dir=work, stream=io.StringIO())
    try:
        for i in range(channels):
            await app.store.add_subscription(
                ChatRef("slack", f"C{i:05d}"), Filter(), "all", created_by="bench"
            )
        started = time.monotonic()
        await app.poll("bench")
        report = await app.deliver()
        return time.monotonic() - started, report.sent
    finally:
        await app.close()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--channels", type=int, default=500)
    args = parser.parse_args()
    for name in PROXY_VARIABLES:  # slack_sdk ignores NO_PROXY: loopback must not go to a proxy
        os.environ.pop(name, None)
    with FakeSlackApi() as fake, tempfile.TemporaryDirectory() as tmp:
        for i in range(args.channels):
            fake.add_channel(f"C{i:05d}")
        elapsed, sent = asyncio.run(run(args.channels, Path(tmp), fake))
        copies = Counter(len(fake.messages(f"C{i:05d}")) for i in range(args.channels))
        limited = fake.rate_limited
    print(f"channels: {args.channels}, alerts sent: {sent} in {elapsed:.1f} s")
    print(f"rate: {sent / elapsed:.1f} messages/s (fake workspace limit: 300/min = 5/s)")
    print(f"429 responses met: {limited}")
    print(f"channels by number of copies received: {dict(sorted(copies.items()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
