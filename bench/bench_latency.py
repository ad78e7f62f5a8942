"""How long from a poll that brings news to the alert at Telegram: the latency beyond the
poll interval.

`newsalert run` (its own process, SQLite) polls a loopback farm of feeds
(bench/feedfarm.py --distinct: each new item a strike in a town of its own, so each is its
own incident and alerts) and sends to one Telegram chat through the real
python-telegram-bot client, pointed at the loopback fake Bot API (which keeps Telegram's
flood limits). For every alert the fake received, the latency is its arrival time minus
the moment the farm first served the item; what the poll interval adds before that moment
is left out, as the figure is "beyond the interval".

Prints p50, p90, p99 and the largest, and how many items alerted of those published. Run
from the repo root: `python bench/bench_latency.py --feeds 100 --minutes 3`.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
for path in (REPO, REPO / "bench"):
    if str(path) not in sys.path:
        sys.path.insert(0, str(path))

from bench_polling import FarmProcess, seed_subscriptions  # noqa: E402

CHAT = 4242


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def main(argv: list[str]) -> int:
    import httpx
    import yaml

    from tests.platforms.telegram_fake import FakeBotApi

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=100)
    parser.add_argument("--interval", type=float, default=10.0)
    parser.add_argument("--share", type=float, default=0.03, help="feeds gaining an item a round")
    parser.add_argument("--minutes", type=float, default=3.0)
    args = parser.parse_args(argv[1:])

    farm = FarmProcess(args.feeds, advance_every=args.interval, share=args.share, distinct=True)
    fake = FakeBotApi().start()
    fake.add_chat(CHAT)
    work = Path(tempfile.mkdtemp(prefix="newsalert-latency-"))
    config = {
        "store": {"url": f"sqlite+aiosqlite:///{work / 'bench.db'}"},
        "fetch": {"default_interval": f"{args.interval:g}s", "jitter": "2s", "adaptive": False},
        "alerts": {"max_age": "1d"},
        "console": {"enabled": False},
        "telegram": {"token": "${TOKEN}", "base_url": fake.bot_url, "poll_timeout": "1s"},
        "sources": [{"id": f"farm{n}", "url": farm.url(n)} for n in range(args.feeds)],
    }
    (work / "config.yaml").write_text(yaml.safe_dump(config))
    env = {**os.environ, "TOKEN": fake.token}
    os.environ["TOKEN"] = fake.token
    seed_subscriptions(work, [(str(CHAT), "")])  # everything, to one chat
    proc = subprocess.Popen(
        [sys.executable, "-m", "bot", "run", "-c", str(work / "config.yaml")],
        cwd=REPO,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=open(work / "stderr.log", "w"),  # noqa: SIM115
    )
    try:
        time.sleep(args.minutes * 60)
        # The last items published get one more interval to be polled and sent.
        time.sleep(args.interval * 2)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(60)
    served: dict[str, float] = httpx.get(f"{farm.base}/served", trust_env=False).json()
    grown = httpx.get(f"{farm.base}/stats", trust_env=False).json()["grown"]
    farm.close()
    sent = fake.sent(CHAT)
    fake.stop()
    latencies = []
    for message in sent:
        found = re.search(r"report (\d+-\d+)", message.plain)
        if found and found[1] in served:
            latencies.append(message.sent_at.timestamp() - served[found[1]])
    if not latencies:
        print(f"latency: no alert arrived; see {work / 'stderr.log'}")
        return 1
    print(
        f"latency.feeds={args.feeds} interval={args.interval:g}s items_published={grown} "
        f"alerts={len(latencies)} beyond_the_poll: p50={statistics.median(latencies):.2f}s "
        f"p90={percentile(latencies, 0.9):.2f}s p99={percentile(latencies, 0.99):.2f}s "
        f"max={max(latencies):.2f}s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
