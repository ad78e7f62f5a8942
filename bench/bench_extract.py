"""Extractor speed and memory on a realistic mix of ~2 KB articles in English, Ukrainian, Russian.

The mix is built at run time from real text in ../shared/corpus (never copied here): items'
title and text of one language are joined until an article reaches ~2,000 characters.
Ukrainian is UNIAN; Russian is Ukrainska Pravda, LIGA and Ukranews; English is BBC, CNN,
NYT and the Guardian, the seed article and an even sample of UCDP's single wire headlines
(capped so headlines, denser in facts than feeds, do not outweigh them). Languages take
turns in the timed loop, so each weighs the same in the overall rate whatever its pool size.

Prints start-up time (imports + gazetteer + place matcher + KATOTTG hierarchy, which the app
loads too, + extractor and its first call, in this fresh process once the interpreter is
up), articles/s after start-up and including it, articles/s per language, and peak RSS
(ru_maxrss) with the whole gazetteer loaded, each next to its target. Asserts nothing.

The first run on a machine builds the on-disk index cache (~/.cache/newsalert, or
$XDG_CACHE_HOME/newsalert): that start-up takes seconds and its RSS is the build's. The
figures are meant for a warm cache; the script says when it found none. `--cold` builds into
an empty temporary cache in a separate process and reports that build on its own line, then
measures the warm start from it.

Run from the repo root: `python bench/bench_extract.py [seconds] [--cold]` (default 5 s).
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from bot.extract import Extractor
    from bot.records import Article

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # run as `python bench/bench_extract.py` from anywhere
    sys.path.insert(0, str(REPO))
SHARED = REPO.parent / "shared"
CORPUS = SHARED / "corpus"
SEED = SHARED / "seeds" / "000_5fa3452b8dbc7d06.txt"

ARTICLE_CHARS = 2000
UCDP_HEADLINES = 600  # ~25 English articles beside the ~40 made of feed items
FEEDS = {
    "en": ("bbc", "cnn", "nytimes", "guardian"),
    "uk": ("unian",),
    "ru": ("pravda", "liga", "ukranews"),
}
_WARM_UP = "Shelling hit Chornovaivka and Hora Pristan overnight, killing 2, the governor said."
TARGET_RATE, TARGET_STARTUP_S, TARGET_RSS_MB = 500, 2.0, 300
T = TypeVar("T")


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def timed(phases: dict[str, float], name: str, make: Callable[[], T]) -> T:
    started = time.perf_counter()
    value = make()
    phases[name] = time.perf_counter() - started
    return value


# --- start-up ----------------------------------------------------------------------------------


def cache_was_warm(cache_dir: Path | None) -> bool:
    from bot.config.schema import PlacesSettings
    from bot.extract import gazetteer_build, hierarchy_build

    settings = PlacesSettings(cache_dir=str(cache_dir) if cache_dir else None)
    gazetteer = gazetteer_build.cache_path(settings, gazetteer_build.cache_key(settings))
    hierarchy = hierarchy_build.cache_path(cache_dir, hierarchy_build.cache_key())
    return gazetteer.exists() and hierarchy.exists()


def start_up(cache_dir: Path | None) -> tuple[Extractor, dict[str, float], bool]:
    """What a fresh process pays before its first article, phase by phase; was the cache warm?"""
    phases: dict[str, float] = {}

    def imports() -> None:
        import bot.extract.gazetteer  # noqa: F401
        import bot.extract.hierarchy  # noqa: F401
        import bot.extract.places  # noqa: F401

    timed(phases, "imports", imports)
    warm = cache_was_warm(cache_dir)
    from bot.config.schema import PlacesSettings
    from bot.extract import Extractor
    from bot.extract.gazetteer import Gazetteer
    from bot.extract.hierarchy import Hierarchy
    from bot.extract.places import PlaceMatcher
    from bot.records import Article

    settings = PlacesSettings(cache_dir=str(cache_dir) if cache_dir else None)
    gazetteer = timed(phases, "gazetteer", lambda: Gazetteer.load(settings))
    matcher = timed(phases, "matcher", lambda: PlaceMatcher(gazetteer))
    # Not used by the extractor, but the app holds it beside the gazetteer at all times.
    timed(phases, "hierarchy", lambda: Hierarchy.load(cache_dir=cache_dir))
    extractor = timed(phases, "extractor", lambda: Extractor(matcher, gazetteer))
    now = datetime.now(UTC)
    # Misspelt names make the first call build the fuzzy tables, as a real article would.
    warm_up = Article("bench", "0", None, "Missiles hit Zahorizja", _WARM_UP, now, now)
    timed(phases, "first call", lambda: extractor.extract(warm_up))
    return extractor, phases, warm


def build_cache(cache_dir: Path) -> dict[str, float]:
    """Child process of --cold: build both indexes into an empty cache."""
    from bot.config.schema import PlacesSettings
    from bot.extract.gazetteer import Gazetteer
    from bot.extract.hierarchy import Hierarchy

    phases: dict[str, float] = {}
    timed(phases, "hierarchy_s", lambda: Hierarchy.load(cache_dir=cache_dir))
    settings = PlacesSettings(cache_dir=str(cache_dir))
    timed(phases, "gazetteer_s", lambda: Gazetteer.load(settings))
    size = sum(p.stat().st_size for p in cache_dir.glob("*.json.gz"))
    return {**phases, "peak_rss_mb": peak_rss_mb(), "cache_mb": size / 2**20}


def cold_build(cache_dir: Path) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--build-cache", str(cache_dir)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    result: dict[str, float] = json.loads(out)
    return result


# --- the mix -------------------------------------------------------------------------------------


def feed_items(names: Iterable[str], now: datetime) -> list[tuple[str, str]]:
    from bot.sources import parse_feed

    items: list[tuple[str, str]] = []
    for name in names:
        for path in sorted(CORPUS.glob(f"feeds/*{name}*")):
            for a in parse_feed(path.read_bytes(), source_id=name, fetched_at=now):
                items.append((a.title.strip(), a.text.strip()))
    return items


def ucdp_headlines(count: int) -> list[tuple[str, str]]:
    path = CORPUS / "ucdp_ukraine.csv"
    if not path.exists():
        return []
    with path.open(encoding="cp1252", newline="") as fh:
        heads = [
            h
            for r in csv.DictReader(fh)
            if (h := r["source_headline"].strip()) not in ("", "-") and ";" not in h
        ]
    step = max(1, len(heads) // count)
    return [(h, "") for h in heads[::step][:count]]


def seed_item() -> list[tuple[str, str]]:
    if not SEED.exists():
        return []
    title, _, body = SEED.read_text(encoding="utf-8").partition("\n")
    return [(title.strip(), body.strip())]


def join_items(lang: str, items: Sequence[tuple[str, str]], now: datetime) -> list[Article]:
    """Items' title and text, joined in order until each article is ~ARTICLE_CHARS long."""
    from bot.records import Article

    articles: list[Article] = []
    parts: list[str] = []
    for title, text in items:
        parts.append(f"{title}. {text}".strip() if text else title)
        if sum(len(p) + 2 for p in parts) >= ARTICLE_CHARS:
            body = "\n\n".join(parts)
            title0, _, rest = body.partition("\n\n")
            articles.append(Article(lang, f"{lang}{len(articles)}", None, title0, rest, now, now))
            parts = []
    return articles


def build_mix(now: datetime) -> dict[str, list[Article]]:
    items = {lang: feed_items(names, now) for lang, names in FEEDS.items()}
    items["en"] += seed_item() + ucdp_headlines(UCDP_HEADLINES)
    mix = {lang: join_items(lang, found, now) for lang, found in items.items()}
    return {lang: arts for lang, arts in mix.items() if arts}


# --- the timed loop ------------------------------------------------------------------------------


@dataclass
class Tally:
    articles: int = 0
    events: int = 0
    seconds: float = 0.0
    sizes: list[int] = field(default_factory=list)


def run(extractor: Extractor, mix: dict[str, list[Article]], budget: float) -> dict[str, Tally]:
    """Languages take turns, one article each, until the budget is spent."""
    tallies = {
        lang: Tally(sizes=[len(a.title) + len(a.text) for a in arts]) for lang, arts in mix.items()
    }
    started = time.perf_counter()
    turn = 0
    while time.perf_counter() - started < budget:
        for lang, arts in mix.items():
            article = arts[turn % len(arts)]
            t0 = time.perf_counter()
            found = extractor.extract(article)
            tally = tallies[lang]
            tally.seconds += time.perf_counter() - t0
            tally.articles += 1
            tally.events += len(found)
        turn += 1
    return tallies


def target(ok: bool, text: str) -> str:
    return f"[target {text}: {'met' if ok else 'MISSED'}]"


def report(
    phases: dict[str, float], rss_start: float, tallies: dict[str, Tally], wall: float
) -> None:
    startup = sum(phases.values())
    done = sum(t.articles for t in tallies.values())
    rate = done / wall if wall else 0.0
    total_rate = done / (wall + startup) if wall + startup else 0.0
    parts = ", ".join(f"{k} {v:.2f}" for k, v in phases.items())
    print(f"start-up: {startup:.2f} s ({parts}) {target(startup < TARGET_STARTUP_S, '< 2 s')}")
    print(
        f"articles/s after start-up: {rate:.0f} ({done} articles in {wall:.1f} s, one core) "
        f"{target(rate >= TARGET_RATE, '>= 500/s')}"
    )
    print(
        f"articles/s including start-up: {total_rate:.0f} (over this {wall + startup:.1f} s run)"
    )
    for lang, t in tallies.items():
        lang_rate = t.articles / t.seconds if t.seconds else 0.0
        print(
            f"articles/s [{lang}]: {lang_rate:.0f} ({t.articles} articles, "
            f"{t.events / max(t.articles, 1):.2f} events each) {target(lang_rate >= TARGET_RATE, '>= 500/s')}"
        )
    rss = peak_rss_mb()
    print(f"peak RSS after start-up: {rss_start:.0f} MB (whole gazetteer and hierarchy loaded)")
    print(f"peak RSS: {rss:.0f} MB (after the run) {target(rss < TARGET_RSS_MB, '< 300 MB')}")


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("seconds", nargs="?", type=float, default=5.0, help="timed budget")
    parser.add_argument("--cold", action="store_true", help="build into an empty cache first")
    parser.add_argument("--build-cache", type=Path, help=argparse.SUPPRESS)
    return parser.parse_args(argv)


def bench(seconds: float, cache_dir: Path | None) -> int:
    extractor, phases, warm = start_up(cache_dir)
    rss_start = peak_rss_mb()
    if not warm:
        print("note: no index cache was found, so this start-up includes building it")
    now = datetime.now(UTC)
    mix = build_mix(now)
    if not mix:
        print(f"no corpus at {CORPUS}: nothing to measure", file=sys.stderr)
        return 1
    for lang, arts in mix.items():
        mean = sum(len(a.title) + len(a.text) for a in arts) / len(arts)
        print(f"mix [{lang}]: {len(arts)} articles, mean {mean:.0f} chars")
    started = time.perf_counter()
    tallies = run(extractor, mix, seconds)
    report(phases, rss_start, tallies, time.perf_counter() - started)
    return 0


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv[1:])
    if args.build_cache:
        print(json.dumps(build_cache(args.build_cache)))
        return 0
    if not args.cold:
        return bench(args.seconds, None)
    with tempfile.TemporaryDirectory(prefix="newsalert-cache-") as tmp:
        built: dict[str, Any] = cold_build(Path(tmp))
        print(
            f"index build (empty cache, own process): hierarchy {built['hierarchy_s']:.2f} s, "
            f"gazetteer {built['gazetteer_s']:.2f} s, peak RSS {built['peak_rss_mb']:.0f} MB, "
            f"cache {built['cache_mb']:.1f} MB on disk"
        )
        return bench(args.seconds, Path(tmp))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
