"""Gazetteer cost: build time, cached load time, peak RSS, size, and PlaceMatcher speed.

Run: .venv/bin/python bench/bench_gazetteer.py   (each phase runs in its own process so the
peak RSS of a cached load is not hidden by the build's.)
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

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


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--phase":
        print(json.dumps(_phase(sys.argv[2])))
        return
    with tempfile.TemporaryDirectory() as cache:
        for label in ("build (no cache)", "cached load"):
            out = subprocess.run(
                [sys.executable, __file__, "--phase", cache],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            size = sum(p.stat().st_size for p in Path(cache).glob("*.json.gz"))
            print(f"{label:18} {out.strip()}  cache_file_kb={size // 1024}")


if __name__ == "__main__":
    main()
