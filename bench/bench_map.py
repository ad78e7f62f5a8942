"""Situation-report map cost: the first render (cold: it imports matplotlib and reads the
outlines), then the median and p95 of warm renders, and the PNG's size.

A realistic map: 40 events across the front-line and southern oblasts, a few with labels,
Donetsk Oblast highlighted, a title. Asserts nothing.

Run: `.venv/bin/python bench/bench_map.py --rounds 50 --out /tmp/map_bench.png`
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

_started = time.perf_counter()
from bot.records import EventKind  # noqa: E402
from bot.render.map import MapImage, MapPoint, render_map  # noqa: E402

_IMPORT_MS = (time.perf_counter() - _started) * 1000

# (name, lat, lon, kinds there): towns the reports of a bad day name.
_PLACES = (
    ("Kharkiv", 49.99, 36.23, (EventKind.STRIKE, EventKind.INFRASTRUCTURE_DAMAGE)),
    ("Kupiansk", 49.71, 37.61, (EventKind.GROUND_FIGHTING, EventKind.EVACUATION)),
    ("Izium", 49.21, 37.26, (EventKind.STRIKE,)),
    ("Kramatorsk", 48.74, 37.58, (EventKind.STRIKE, EventKind.CASUALTIES)),
    ("Pokrovsk", 48.28, 37.18, (EventKind.GROUND_FIGHTING, EventKind.EVACUATION)),
    ("Chasiv Yar", 48.59, 37.83, (EventKind.GROUND_FIGHTING, EventKind.TERRITORIAL_CHANGE)),
    ("Kostiantynivka", 48.53, 37.71, (EventKind.STRIKE, EventKind.CASUALTIES)),
    ("Zaporizhzhia", 47.84, 35.14, (EventKind.STRIKE, EventKind.AIR_DEFENSE)),
    ("Enerhodar", 47.50, 34.66, (EventKind.NUCLEAR_SAFETY,)),
    ("Kherson", 46.64, 32.61, (EventKind.STRIKE, EventKind.CASUALTIES)),
    ("Nikopol", 47.57, 34.39, (EventKind.STRIKE,)),
    ("Dnipro", 48.46, 35.04, (EventKind.AIR_DEFENSE, EventKind.STRIKE)),
    ("Sumy", 50.91, 34.80, (EventKind.STRIKE, EventKind.INFRASTRUCTURE_DAMAGE)),
    ("Odesa", 46.48, 30.73, (EventKind.AIR_DEFENSE, EventKind.INFRASTRUCTURE_DAMAGE)),
    ("Kyiv", 50.45, 30.52, (EventKind.AIR_DEFENSE,)),
)


def sample_points(count: int = 40, seed: int = 1) -> list[MapPoint]:
    rng = random.Random(seed)
    points = []
    for i in range(count):
        name, lat, lon, kinds = _PLACES[i % len(_PLACES)]
        points.append(
            MapPoint(
                lat + rng.uniform(-0.15, 0.15),
                lon + rng.uniform(-0.2, 0.2),
                rng.choice(kinds),
                rng.choice((0, 0, 0, 1, 2, 5, 12, 30)),
                name if i < len(_PLACES) else None,
            )
        )
    return points


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=50, help="warm renders to time")
    parser.add_argument("--out", type=Path, help="save the map here as PNG")
    args = parser.parse_args()
    points = sample_points()

    def draw() -> MapImage:
        return render_map(
            points, highlight=("Donetsk Oblast",), title="Situation report: 40 events"
        )

    t = time.perf_counter()
    image = draw()
    cold_ms = (time.perf_counter() - t) * 1000
    times = []
    for _ in range(max(1, args.rounds)):
        t = time.perf_counter()
        image = draw()
        times.append((time.perf_counter() - t) * 1000)
    zoomed = []
    for _ in range(max(1, args.rounds // 5)):
        t = time.perf_counter()
        render_map(points, highlight=("Donetsk Oblast",), size=(480, 360), zoom_to_highlight=True)
        zoomed.append((time.perf_counter() - t) * 1000)
    print(f"import bot.render.map: {_IMPORT_MS:.0f} ms")
    print(f"first render (cold, imports matplotlib): {cold_ms:.0f} ms")
    print(
        f"warm renders: {len(times)}, median {statistics.median(times):.1f} ms, "
        f"p95 {percentile(times, 0.95):.1f} ms"
    )
    print(f"zoomed 480x360: median {statistics.median(zoomed):.1f} ms")
    print(f"png: {len(image.png) / 1024:.1f} KB ({image.width}x{image.height})")
    print(f"alt text: {image.alt_text}")
    if args.out:
        args.out.write_bytes(image.png)
        print(f"saved: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
