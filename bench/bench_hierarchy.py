"""Hierarchy cost: build time, cached load time, peak RSS, cache size and lookup speed.

Run: .venv/bin/python bench/bench_hierarchy.py   (each phase runs in its own process so the
peak RSS of a cached load is not hidden by the build's.) Prints figures; asserts nothing.
"""

from __future__ import annotations

import resource
import time
from pathlib import Path

from phases import cold_then_warm  # bench/ is on sys.path when run as a script

from bot.extract.hierarchy import Hierarchy

_NAMES = (
    "Kherson Oblast",
    "Херсонській області",
    "Kakhovka Raion",
    "Каховському районі",
    "Nova Kakhovka",
    "Новій Каховці",
    "Novoselivka",
    "Kupiansk",
    "Atlantis",
)


def _phase(cache: str) -> dict[str, float]:
    t = time.perf_counter()
    h = Hierarchy.load(cache_dir=Path(cache))
    seconds = time.perf_counter() - t
    rounds = 2000
    t = time.perf_counter()
    for _ in range(rounds):
        for name in _NAMES:
            h.find(name)
    find_us = (time.perf_counter() - t) / (rounds * len(_NAMES)) * 1e6
    t = time.perf_counter()
    for _ in range(rounds):
        h.best("Novoselivka", context_oblasts=("Kharkiv Oblast",), context_raions=("Izium Raion",))
    best_us = (time.perf_counter() - t) / rounds * 1e6
    return {
        "load_s": round(seconds, 3),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "units": len(h),
        "find_us": round(find_us, 1),
        "best_us": round(best_us, 1),
    }


if __name__ == "__main__":
    cold_then_warm(__file__, _phase)
