"""Gazetteer cost: build time, cached load time, peak RSS, size, and PlaceMatcher speed.

Run: .venv/bin/python bench/bench_gazetteer.py   (each phase runs in its own process so the
peak RSS of a cached load is not hidden by the build's.)
"""

from __future__ import annotations

import resource
import time
from pathlib import Path

from phases import cold_then_warm  # bench/ is on sys.path when run as a script

from bot.config.schema import PlacesSettings
from bot.extract.gazetteer import Gazetteer
from bot.extract.places import PlaceMatcher

_SEED = (
    Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds" / "000_5fa3452b8dbc7d06.txt"
)
_SAMPLE = (
    "Russian missiles hit Kherson and Nova Kakhovka overnight, the Kherson regional governor "
    "said. Shelling was also reported in Hola Prystan, Chornobaivka and the Zaporizhzhia "
    "region; in the Kharkiv region Izium and Kupiansk came under fire. Residents were "
    "evacuated to Rostov, Krasnodar and Crimea, Vladimir Saldo said on Telegram on Monday. "
)


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _phase(cache: str) -> dict[str, float]:
    t = time.perf_counter()
    gaz = Gazetteer.load(PlacesSettings(cache_dir=cache))
    seconds = time.perf_counter() - t
    matcher = PlaceMatcher(gaz)
    text = (_SAMPLE * 8)[:2048]
    matcher.find(text)  # the first call builds the fuzzy buckets
    rounds = 200
    t = time.perf_counter()
    for _ in range(rounds):
        matcher.find(text)
    find_ms = (time.perf_counter() - t) / rounds * 1000
    seed_ms = 0.0
    if _SEED.exists():
        seed = _SEED.read_text(encoding="utf-8")
        t = time.perf_counter()
        for _ in range(rounds):
            matcher.find(seed)
        seed_ms = (time.perf_counter() - t) / rounds * 1000
    return {
        "load_s": round(seconds, 3),
        "peak_rss_mb": round(_peak_mb(), 1),
        "places": len(gaz),
        "names": gaz.name_count,
        "find_2kb_ms": round(find_ms, 3),
        "find_seed_ms": round(seed_ms, 3),
    }


if __name__ == "__main__":
    cold_then_warm(__file__, _phase)
