"""Build bot/render/data/oblasts.json, the oblast outlines bot.render.map draws, from the
geoBoundaries ADM1 file in ../shared/corpus/gazetteer.

Shared borders are simplified once and reused by both neighbours (Douglas-Peucker on the
arcs between the points where the set of regions sharing a border changes), so simplified
oblasts still meet without gaps or slivers; then coordinates are rounded to 0.001° and
written as integer thousandths of a degree, each ring's first point absolute and the
rest as differences from the previous one. Same input, same output: running it again
rewrites nothing.

Run: `.venv/bin/python bench/build_map_data.py [--tolerance 0.004] [--source FILE]`
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SOURCE = (
    REPO.parent / "shared" / "corpus" / "gazetteer" / "geoBoundaries-UKR-ADM1_simplified.geojson"
)
TARGET = REPO / "bot" / "render" / "data" / "oblasts.json"
FORMAT = 1
SCALE = 1000  # stored coordinates are thousandths of a degree
# Distances for simplification are measured with longitude shrunk by cos(48.5°), the
# middle of Ukraine: the map's own projection.
_X_SCALE = math.cos(math.radians(48.5))
_MIN_RING_AREA = 0.001  # deg²: ~8 km², under a pixel at any size the map is drawn at

# By ISO 3166-2 code: the project's name (bot/extract/data/regions.yaml) and the official
# Ukrainian one. geoBoundaries spells some differently ("Odessa Oblast", "Zaporizhia
# Oblast", "Autonomous Republic of Crimea"); its own name is kept as `source_name`.
REGIONS: dict[str, tuple[str, str]] = {
    "UA-05": ("Vinnytsia Oblast", "Вінницька область"),
    "UA-07": ("Volyn Oblast", "Волинська область"),
    "UA-09": ("Luhansk Oblast", "Луганська область"),
    "UA-12": ("Dnipropetrovsk Oblast", "Дніпропетровська область"),
    "UA-14": ("Donetsk Oblast", "Донецька область"),
    "UA-18": ("Zhytomyr Oblast", "Житомирська область"),
    "UA-21": ("Zakarpattia Oblast", "Закарпатська область"),
    "UA-23": ("Zaporizhzhia Oblast", "Запорізька область"),
    "UA-26": ("Ivano-Frankivsk Oblast", "Івано-Франківська область"),
    "UA-30": ("Kyiv", "місто Київ"),
    "UA-32": ("Kyiv Oblast", "Київська область"),
    "UA-35": ("Kirovohrad Oblast", "Кіровоградська область"),
    "UA-40": ("Sevastopol", "місто Севастополь"),
    "UA-43": ("Crimea", "Автономна Республіка Крим"),
    "UA-46": ("Lviv Oblast", "Львівська область"),
    "UA-48": ("Mykolaiv Oblast", "Миколаївська область"),
    "UA-51": ("Odesa Oblast", "Одеська область"),
    "UA-53": ("Poltava Oblast", "Полтавська область"),
    "UA-56": ("Rivne Oblast", "Рівненська область"),
    "UA-59": ("Sumy Oblast", "Сумська область"),
    "UA-61": ("Ternopil Oblast", "Тернопільська область"),
    "UA-63": ("Kharkiv Oblast", "Харківська область"),
    "UA-65": ("Kherson Oblast", "Херсонська область"),
    "UA-68": ("Khmelnytskyi Oblast", "Хмельницька область"),
    "UA-71": ("Cherkasy Oblast", "Черкаська область"),
    "UA-74": ("Chernihiv Oblast", "Чернігівська область"),
    "UA-77": ("Chernivtsi Oblast", "Чернівецька область"),
}

Point = tuple[float, float]


def _area(ring: list[Point]) -> float:
    """Signed area of a closed ring (first point repeated last): positive counter-clockwise."""
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:], strict=False)) / 2


def _offset(p: Point, a: Point, b: Point) -> float:
    """Distance of p from the segment a-b, longitude shrunk to the map's scale."""
    px, py, ax, ay, bx, by = p[0] * _X_SCALE, p[1], a[0] * _X_SCALE, a[1], b[0] * _X_SCALE, b[1]
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - ax - t * dx, py - ay - t * dy)


def douglas_peucker(arc: list[Point], tolerance: float) -> list[Point]:
    """The arc's points that keep it within `tolerance` of the original; ends always kept."""
    if len(arc) < 3:
        return list(arc)
    keep = [False] * len(arc)
    keep[0] = keep[-1] = True
    stack = [(0, len(arc) - 1)]
    while stack:
        first, last = stack.pop()
        best, index = 0.0, -1
        for i in range(first + 1, last):
            d = _offset(arc[i], arc[first], arc[last])
            if d > best:
                best, index = d, i
        if index >= 0 and best > tolerance:
            keep[index] = True
            stack.extend(((first, index), (index, last)))
    return [p for p, k in zip(arc, keep, strict=True) if k]


class Simplifier:
    """Simplifies rings arc by arc, each shared arc once, so neighbours stay joined."""

    def __init__(self, rings: list[list[Point]], owners: dict[Point, frozenset[int]]) -> None:
        self.owners = owners
        self.nodes: set[Point] = set()
        for ring in rings:
            points = ring[:-1]
            for i, p in enumerate(points):
                before, after = points[i - 1], points[(i + 1) % len(points)]
                if owners[p] != owners[before] or owners[p] != owners[after]:
                    self.nodes.add(p)
        self.done: dict[tuple[Point, ...], list[Point]] = {}

    def _arc(self, arc: list[Point], tolerance: float) -> list[Point]:
        forward = tuple(arc)
        backward = forward[::-1]
        key = min(forward, backward)
        if key not in self.done:
            self.done[key] = douglas_peucker(list(key), tolerance)
        out = self.done[key]
        return list(out) if key == forward else out[::-1]

    def ring(self, ring: list[Point], tolerance: float) -> list[Point]:
        points = ring[:-1]
        cuts = [i for i, p in enumerate(points) if p in self.nodes]
        if len(cuts) < 2:
            # No border changes along it (an island, or a city ringed by one oblast): cut it
            # where any ring with the same points would, at its least point and the point
            # farthest from that.
            start = cuts[0] if cuts else points.index(min(points))
            far = max(
                range(len(points)),
                key=lambda i: (math.dist(points[i], points[start]), points[i]),
            )
            cuts = sorted({start, far})
        out: list[Point] = []
        for n, cut in enumerate(cuts):
            end = cuts[(n + 1) % len(cuts)]
            arc = points[cut : end + 1] if end > cut else points[cut:] + points[: end + 1]
            out.extend(self._arc(arc, tolerance)[:-1])
        return out + out[:1]


def _rounded(ring: list[Point]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for x, y in ring:
        p = (round(x * SCALE), round(y * SCALE))
        if not out or out[-1] != p:
            out.append(p)
    return out


def _encoded(ring: list[tuple[int, int]]) -> list[int]:
    """`[x0, y0, dx1, dy1, ...]`: the first point, then each step; the ring closes itself."""
    if ring[0] == ring[-1]:
        ring = ring[:-1]
    flat = [ring[0][0], ring[0][1]]
    for (ax, ay), (bx, by) in zip(ring, ring[1:], strict=False):
        flat += [bx - ax, by - ay]
    return flat


def build(source: Path, tolerance: float) -> dict[str, Any]:
    collection = json.loads(source.read_text(encoding="utf-8"))
    features: list[tuple[dict[str, Any], list[list[list[Point]]]]] = []
    for feature in collection["features"]:
        geometry = feature["geometry"]
        polygons = (
            geometry["coordinates"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["coordinates"]]
        )
        features.append(
            (
                feature["properties"],
                [[[(float(x), float(y)) for x, y in ring] for ring in poly] for poly in polygons],
            )
        )
    owners: defaultdict[Point, set[int]] = defaultdict(set)
    for n, (_, polygons) in enumerate(features):
        for poly in polygons:
            for ring in poly:
                for p in ring:
                    owners[p].add(n)
    frozen = {p: frozenset(s) for p, s in owners.items()}
    simplifier = Simplifier([r for _, polys in features for poly in polys for r in poly], frozen)
    regions: list[dict[str, Any]] = []
    for properties, polygons in features:
        iso = properties["shapeISO"]
        if iso not in REGIONS:
            raise SystemExit(
                f"unknown region {iso} {properties['shapeName']!r}: add it to REGIONS"
            )
        name, name_uk = REGIONS[iso]
        out_polygons: list[list[list[int]]] = []
        for poly in polygons:
            rings: list[list[int]] = []
            for i, ring in enumerate(poly):
                simple = _rounded(simplifier.ring(ring, tolerance))
                if abs(_area(ring)) < _MIN_RING_AREA or len(set(simple)) < 3:
                    if i == 0:
                        break  # an islet: its holes go with it
                    continue
                # Outer rings counter-clockwise, holes clockwise: matplotlib fills by the
                # non-zero winding rule, so a hole must turn the other way.
                if (_area([(float(x), float(y)) for x, y in simple]) > 0) != (i == 0):
                    simple.reverse()
                rings.append(_encoded(simple))
            if rings:
                out_polygons.append(rings)
        if not out_polygons:
            raise SystemExit(f"{name}: nothing left after simplification")
        regions.append(
            {
                "name": name,
                "name_uk": name_uk,
                "iso": iso,
                "source_name": properties["shapeName"],
                "polygons": out_polygons,
            }
        )
    missing = set(REGIONS) - {r["iso"] for r in regions}
    if missing:
        raise SystemExit(f"regions missing from {source.name}: {sorted(missing)}")
    regions.sort(key=lambda r: r["iso"])
    return {
        "format": FORMAT,
        "source": "geoBoundaries UKR ADM1 (simplified), CC BY 4.0",
        "scale": SCALE,
        "tolerance_deg": tolerance,
        "encoding": "per ring: x0,y0 then dx,dy steps, in 1/scale degrees (lon, lat)",
        "regions": regions,
    }


def dump(data: dict[str, Any]) -> str:
    """One region a line: small, and still readable in a diff."""
    head = {k: v for k, v in data.items() if k != "regions"}
    lines = [json.dumps(r, ensure_ascii=False, separators=(",", ":")) for r in data["regions"]]
    body = json.dumps(head, ensure_ascii=False, separators=(",", ":"))[:-1]
    return body + ',"regions":[\n' + ",\n".join(lines) + "\n]}\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=SOURCE)
    parser.add_argument("--out", type=Path, default=TARGET)
    parser.add_argument(
        "--tolerance", type=float, default=0.004, help="Douglas-Peucker tolerance in degrees"
    )
    args = parser.parse_args()
    if not args.source.exists():
        print(f"{args.source} is not here", file=sys.stderr)
        return 1
    data = build(args.source, args.tolerance)
    text = dump(data)
    points = sum(len(r) // 2 for reg in data["regions"] for p in reg["polygons"] for r in p)
    kb = len(text.encode()) / 1024
    if args.out.exists() and args.out.read_text(encoding="utf-8") == text:
        print(
            f"{args.out}: unchanged ({len(data['regions'])} regions, {points} points, {kb:.1f} KB)"
        )
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"{args.out}: {len(data['regions'])} regions, {points} points, {kb:.1f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
