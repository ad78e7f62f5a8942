"""Reading cost of the sources that are pages: a Telegram channel's preview page (20 posts,
lxml) and a news article page (trafilatura), and a listing page's links. Pages are the
realistic ones the tests write (tests/sources/telegram_pages.py, web_pages.py), made the
size real ones are. Asserts nothing.

Run: `.venv/bin/python bench/bench_source_pages.py [--rounds 200]`
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.sources.pages import listing_links, page_article  # noqa: E402
from bot.sources.telegram import parse_channel_page  # noqa: E402
from tests.sources.telegram_pages import FakePost, preview_page  # noqa: E402
from tests.sources.web_pages import article, listing  # noqa: E402

NOW = datetime(2024, 5, 20, 12, 0, tzinfo=UTC)
POST = (
    "Харків. Унаслідок ракетного удару по Київському району поранено {n} людей, серед них "
    "дитина. Пошкоджено багатоповерховий житловий будинок, магазин і автомобілі. На місці "
    "працюють рятувальники ДСНС та поліція. Інформація уточнюється.\n"
    "Просимо мешканців залишатися в укриттях до відбою тривоги."
)
PARAGRAPH = (
    "Russian forces struck the city overnight with missiles and drones, the regional "
    "governor said on Telegram, adding that emergency services were working at the scene "
    "and that the number of injured could rise as rescuers search the rubble."
)


def timed(read: Callable[[], object], rounds: int) -> tuple[float, float]:
    read()  # warm: imports, caches
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        read()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=200)
    args = parser.parse_args(argv)
    channel = preview_page(
        "synegubov",
        [FakePost(1000 + n, POST.format(n=n), NOW - timedelta(minutes=20 - n)) for n in range(20)],
        older=1000,
    )
    news = article("Strike on Kharkiv", *(PARAGRAPH for _ in range(12)))
    news_list = listing(
        [(f"/news/{n}", f"Headline number {n} about the war in Ukraine") for n in range(40)]
    )
    url = "https://t.me/s/synegubov"
    for name, body, read in (
        ("channel page (20 posts)", channel, lambda: parse_channel_page(channel, base_url=url)),
        (
            "article page (trafilatura)",
            news,
            lambda: page_article(
                news, url="https://mod.example/n/1", source_id="b", fetched_at=NOW
            ),
        ),
        (
            "listing page (40 links)",
            news_list,
            lambda: listing_links(news_list, base_url="https://mod.example/news"),
        ),
    ):
        median, p95 = timed(read, args.rounds)
        print(f"{name}: {len(body) / 1024:.1f} KB, median {median:.2f} ms, p95 {p95:.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
