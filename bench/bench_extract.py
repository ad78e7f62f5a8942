"""Extractor speed and memory: articles per second after start-up, start-up time, peak RSS.

The mix is the seed article, the bundled demo items and the war items of the real
Ukrainian-outlet feeds in ../shared/corpus/feeds (English, Ukrainian, Russian), cycled.
Prints figures; asserts nothing. Run: `python bench/bench_extract.py [seconds]`.
"""

from __future__ import annotations

import resource
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO.parent / "shared" / "corpus"


def main(argv: list[str]) -> int:
    seconds = float(argv[1]) if len(argv) > 1 else 5.0
    started = time.perf_counter()
    from bot.config.schema import PlacesSettings
    from bot.extract import Extractor
    from bot.extract.gazetteer import Gazetteer
    from bot.extract.places import PlaceMatcher
    from bot.records import Article
    from bot.sources import parse_feed

    gazetteer = Gazetteer.load(PlacesSettings())
    extractor = Extractor(PlaceMatcher(gazetteer), gazetteer)
    startup = time.perf_counter() - started

    now = datetime.now(UTC)
    articles: list[Article] = []
    for path in sorted((REPO / "config" / "demo").glob("*")):
        articles += parse_feed(path.read_bytes(), source_id=path.name, fetched_at=now)
    for name in ("unian", "pravda", "liga", "ukranews"):
        for path in CORPUS.glob(f"feeds/*{name}*"):
            articles += parse_feed(path.read_bytes(), source_id=name, fetched_at=now)
    seed = REPO.parent / "shared" / "seeds" / "000_5fa3452b8dbc7d06.txt"
    if seed.exists():
        title, _, body = seed.read_text(encoding="utf-8").partition("\n")
        articles.append(Article("seed", "seed", None, title, body, now, now))
    size = sum(len(a.title) + len(a.text) for a in articles) / len(articles)

    extractor.extract(articles[0])  # first call builds the fuzzy tables
    done = events = 0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < seconds:
        for article in articles:
            events += len(extractor.extract(article))
            done += 1
    elapsed = time.perf_counter() - t0
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"articles in mix: {len(articles)} (mean {size:.0f} chars)")
    print(f"start-up (imports + gazetteer + matcher): {startup:.2f} s")
    print(
        f"extracted: {done} articles in {elapsed:.1f} s = {done / elapsed:.0f} articles/s (one core)"
    )
    print(f"events per article: {events / done:.2f}")
    print(f"peak RSS: {rss_mb:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
