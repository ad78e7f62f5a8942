"""The situation-report map: a PNG of the asked size, with the right fills, dots and legend,
every project region drawable, and nothing outside Ukraine drawn."""

from __future__ import annotations

import io
import re
import struct
import subprocess
import sys
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest
import yaml
from PIL import Image

from bot.extract.placenames import REGIONS_FILE
from bot.records import EventKind
from bot.render.map import (
    BACKGROUND,
    DATA_FILE,
    FILL,
    HIGHLIGHT_FILL,
    KIND_COLOURS,
    MapImage,
    MapPoint,
    region_names,
    render_map,
    resolve_region,
)
from tests.paths import CORPUS, REPO, need

Pixels = npt.NDArray[np.int16]

# Places well inside their regions, far from any border: (lat, lon).
KHARKIV = (49.99, 36.23)  # Kharkiv Oblast
POLTAVA = (49.59, 34.55)  # Poltava Oblast
LVIV = (49.84, 24.03)  # Lviv Oblast
ZHYTOMYR = (50.25, 28.66)  # Zhytomyr Oblast
KYIV = (50.45, 30.52)  # Kyiv city, inside Kyiv Oblast's ring
BILA_TSERKVA = (49.80, 30.11)  # Kyiv Oblast
SIMFEROPOL = (44.95, 34.10)  # Crimea
SEVASTOPOL = (44.58, 33.52)
VORONEZH = (51.67, 39.20)  # Russia
MOSCOW = (55.75, 37.62)
BELGOROD = (50.60, 36.59)  # Russia, 30 km beyond the border
ODESA = (46.48, 30.73)  # on the coast


def pixels(image: MapImage) -> Pixels:
    decoded = Image.open(io.BytesIO(image.png)).convert("RGB")
    return np.asarray(decoded).astype(np.int16)


def rgb(colour: str) -> tuple[int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16))


def at(image: MapImage, place: tuple[float, float]) -> tuple[int, int, int]:
    column, row = image.frame.pixel(*place)
    r, g, b = pixels(image)[int(row), int(column)]
    return (int(r), int(g), int(b))


def is_colour(found: tuple[int, int, int], colour: str) -> bool:
    return max(abs(a - b) for a, b in zip(found, rgb(colour), strict=True)) <= 4


def mask(image: MapImage, colour: str) -> npt.NDArray[np.bool_]:
    return np.asarray(np.abs(pixels(image) - rgb(colour)).max(axis=2) <= 4)


def strike(place: tuple[float, float], weight: int = 0, label: str | None = None) -> MapPoint:
    return MapPoint(place[0], place[1], EventKind.STRIKE, weight, label)


@pytest.mark.parametrize("size", [(900, 620), (480, 360), (1000, 700), (320, 240)])
def test_the_png_has_the_size_asked_for(size: tuple[int, int]) -> None:
    image = render_map([strike(KHARKIV)], highlight=["Kharkiv Oblast"], title="T", size=size)
    assert image.png[:8] == b"\x89PNG\r\n\x1a\n"
    length, chunk = struct.unpack(">I4s", image.png[8:16])
    assert (length, chunk) == (13, b"IHDR")
    assert struct.unpack(">II", image.png[16:24]) == size
    assert (image.width, image.height) == size
    assert pixels(image).shape == (size[1], size[0], 3)


def test_the_highlighted_oblast_is_filled_and_the_others_plain() -> None:
    image = render_map([], highlight=["Kharkiv Oblast"])
    assert is_colour(at(image, KHARKIV), HIGHLIGHT_FILL)
    assert is_colour(at(image, POLTAVA), FILL)
    assert is_colour(at(image, LVIV), FILL)
    assert is_colour(at(image, VORONEZH), BACKGROUND)
    plain = render_map([])
    assert is_colour(at(plain, KHARKIV), FILL)
    assert not mask(plain, HIGHLIGHT_FILL).any()


def test_kyiv_city_is_its_own_region_inside_kyiv_oblast() -> None:
    oblast = render_map([], highlight=["Kyiv Oblast"])
    assert is_colour(at(oblast, BILA_TSERKVA), HIGHLIGHT_FILL)
    assert is_colour(at(oblast, KYIV), FILL)  # the oblast's hole shows the city
    city = render_map([], highlight=["Kyiv"])
    assert is_colour(at(city, KYIV), HIGHLIGHT_FILL)
    assert is_colour(at(city, BILA_TSERKVA), FILL)


def test_crimea_and_sevastopol_are_drawn_and_apart() -> None:
    crimea = render_map([], highlight=["Crimea"])
    assert is_colour(at(crimea, SIMFEROPOL), HIGHLIGHT_FILL)
    assert is_colour(at(crimea, SEVASTOPOL), FILL)
    sevastopol = render_map([], highlight=["Sevastopol"])
    assert is_colour(at(sevastopol, SEVASTOPOL), HIGHLIGHT_FILL)
    assert is_colour(at(sevastopol, SIMFEROPOL), FILL)


def test_a_strike_is_a_dot_of_the_strike_colour_where_it_happened() -> None:
    image = render_map([strike(ZHYTOMYR, 5)])
    assert is_colour(at(image, ZHYTOMYR), KIND_COLOURS[EventKind.STRIKE])
    column, row = image.frame.pixel(*ZHYTOMYR)
    rows, columns = np.nonzero(mask(image, KIND_COLOURS[EventKind.STRIKE]))
    # The legend has a strike dot too: look near the place only.
    near = np.hypot(rows - row, columns - column) < 40
    assert near.sum() > 30
    assert abs(columns[near].mean() - column) < 1.5
    assert abs(rows[near].mean() - row) < 1.5
    assert is_colour(at(render_map([]), ZHYTOMYR), FILL)


def test_a_bigger_toll_is_a_bigger_dot_up_to_a_cap() -> None:
    def dot_area(weight: int) -> int:
        image = render_map([strike(ZHYTOMYR, weight)])
        column, row = image.frame.pixel(*ZHYTOMYR)
        rows, columns = np.nonzero(mask(image, KIND_COLOURS[EventKind.STRIKE]))
        return int((np.hypot(rows - row, columns - column) < 80).sum())

    areas = [dot_area(w) for w in (0, 4, 25, 100, 10**9)]
    assert areas[0] < areas[1] < areas[2] < areas[3]
    assert areas[2] > 3 * areas[0]
    assert areas[4] == areas[3]
    assert areas[3] < 2500  # about a 20-pixel radius: big, not a blot
    assert dot_area(-3) == areas[0]


def test_the_legend_lists_only_the_kinds_present() -> None:
    points = [strike(KHARKIV), MapPoint(*POLTAVA, EventKind.EVACUATION)]
    image = render_map(points)
    assert image.legend == (EventKind.EVACUATION, EventKind.STRIKE)
    assert "Evacuation 1" in image.alt_text
    assert "Strike 1" in image.alt_text
    for kind, colour in KIND_COLOURS.items():
        drawn = int(mask(image, colour).sum())
        if kind in image.legend:
            assert drawn > 0, kind
        else:
            assert drawn == 0, kind  # no legend swatch for it either


def test_legend_labels_can_be_ukrainian() -> None:
    points = [strike(KHARKIV, 3), MapPoint(*POLTAVA, EventKind.GROUND_FIGHTING)]
    labels = {EventKind.STRIKE: "Удар", EventKind.GROUND_FIGHTING: "Бої"}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        image = render_map(points, legend_labels=labels)
    assert [str(w.message) for w in caught] == []
    assert "Удар 1" in image.alt_text
    assert "Бої 1" in image.alt_text
    assert image.png != render_map(points).png


def project_regions() -> list[str]:
    data = yaml.safe_load(REGIONS_FILE.read_text(encoding="utf-8"))
    return [r["name"] for r in data["regions"] if r["country"] == "UA"]


def test_every_project_region_is_a_polygon_on_the_map() -> None:
    names = project_regions()
    assert len(names) == 27
    assert sorted(region_names()) == sorted(names)
    for name in names:
        assert resolve_region(name) == name


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("Kharkiv Oblast", "Kharkiv Oblast"),
        ("kharkiv region", "Kharkiv Oblast"),
        ("Kharkiv", "Kharkiv Oblast"),
        ("Kharkov Oblast", "Kharkiv Oblast"),
        ("UA-63", "Kharkiv Oblast"),
        ("Харківська область", "Kharkiv Oblast"),
        ("Kyiv", "Kyiv"),
        ("Kiev", "Kyiv"),
        ("Kyiv city", "Kyiv"),
        ("місто Київ", "Kyiv"),
        ("Kyiv Oblast", "Kyiv Oblast"),
        ("Kiev region", "Kyiv Oblast"),
        ("Odessa Oblast", "Odesa Oblast"),
        ("Zaporizhia Oblast", "Zaporizhzhia Oblast"),
        ("Zaporozhye region", "Zaporizhzhia Oblast"),
        ("Ivano-Frankivsk Oblast", "Ivano-Frankivsk Oblast"),
        ("ivano frankivsk", "Ivano-Frankivsk Oblast"),
        ("Crimea", "Crimea"),
        ("Autonomous Republic of Crimea", "Crimea"),
        ("Крим", "Crimea"),
        ("Sevastopol", "Sevastopol"),
        ("Sevastopol city", "Sevastopol"),
        ("Kharkiv city", None),  # a city, but not a region of its own
        ("Atlantis", None),
        ("", None),
    ],
)
def test_region_names_resolve_in_their_usual_spellings(name: str, region: str | None) -> None:
    assert resolve_region(name) == region


def test_unknown_highlights_are_ignored() -> None:
    image = render_map([], highlight=["Atlantis", "", "Kharkiv Oblast"])
    assert image.highlighted == ("Kharkiv Oblast",)
    assert is_colour(at(image, KHARKIV), HIGHLIGHT_FILL)
    nothing = render_map([], highlight=["Atlantis"], zoom_to_highlight=True)
    assert nothing.highlighted == ()
    assert not mask(nothing, HIGHLIGHT_FILL).any()
    assert nothing.alt_text == "Map of Ukraine's oblasts; no events."
    assert nothing.frame == render_map([]).frame  # no zoom without a region to zoom to


def test_points_outside_ukraine_are_left_out_and_counted() -> None:
    points = [strike(MOSCOW, 10), strike(BELGOROD, 10), strike(ODESA), strike(KHARKIV)]
    image = render_map(points)
    assert image.skipped == 2
    assert "2 events: Strike 2" in image.alt_text
    assert "2 events outside Ukraine not shown" in image.alt_text
    assert is_colour(at(image, ODESA), KIND_COLOURS[EventKind.STRIKE])
    assert is_colour(at(image, BELGOROD), BACKGROUND)
    outside_only = render_map([strike(MOSCOW)])
    assert outside_only.legend == ()
    assert "1 event outside Ukraine not shown" in outside_only.alt_text
    assert not mask(outside_only, KIND_COLOURS[EventKind.STRIKE]).any()


def test_nan_coordinates_are_skipped() -> None:
    image = render_map([MapPoint(float("nan"), 30.0, EventKind.STRIKE), strike(KHARKIV)])
    assert image.skipped == 1


def test_zooming_frames_the_highlighted_region() -> None:
    whole = render_map([strike(KYIV)], highlight=["Kyiv"], size=(480, 360))
    zoomed = render_map(
        [strike(KYIV)], highlight=["Kyiv"], size=(480, 360), zoom_to_highlight=True
    )
    assert zoomed.frame.x_max - zoomed.frame.x_min < 0.2 * (whole.frame.x_max - whole.frame.x_min)
    column, row = zoomed.frame.pixel(*BILA_TSERKVA)
    assert 0 < column < 480
    assert 0 < row < 360
    assert is_colour(at(zoomed, BILA_TSERKVA), FILL)
    assert not zoomed.frame.contains(*KHARKIV)
    far = render_map([strike(KHARKIV)], highlight=["Kyiv"], zoom_to_highlight=True)
    assert far.legend == ()
    assert "zoomed to Kyiv" in far.alt_text
    assert "1 event in Ukraine outside the view" in far.alt_text


def test_the_projection_keeps_shapes() -> None:
    """A degree of longitude is cos(latitude) of a degree of latitude, in pixels too."""
    frame = render_map([]).frame
    x0, y0 = frame.pixel(48.5, 30.0)
    x1, _ = frame.pixel(48.5, 31.0)
    _, y1 = frame.pixel(49.5, 30.0)
    assert (x1 - x0) / (y0 - y1) == pytest.approx(np.cos(np.radians(frame.lat0)), rel=1e-6)


def title_ink(image: MapImage) -> int:
    band = pixels(image)[: image.height // 16]
    return int((band.max(axis=2) < 128).sum())


def test_a_cyrillic_title_renders_without_missing_glyphs() -> None:
    title = "Зведення: Харківщина, ґанок, їжак, Запоріжжя"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        image = render_map([strike(KHARKIV, label="Харків")], title=title)
    assert [str(w.message) for w in caught] == []
    assert title_ink(image) > 200
    assert title_ink(render_map([strike(KHARKIV)])) == 0
    assert image.alt_text.startswith(title)


def test_characters_the_font_lacks_are_dropped_not_drawn_as_boxes() -> None:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        image = render_map([strike(KHARKIV, label="🚀")], title="Удари 🚀 漢 $5 and $6")
    assert [str(w.message) for w in caught] == []
    assert "🚀" in image.alt_text
    assert title_ink(image) > 50


def test_a_label_is_drawn_beside_its_dot() -> None:
    plain = render_map([strike(ZHYTOMYR)])
    labelled = render_map([strike(ZHYTOMYR, label="Житомир")])
    column, row = labelled.frame.pixel(*ZHYTOMYR)
    c, r = int(column), int(row)

    def ink(image: MapImage) -> int:
        right = pixels(image)[r - 8 : r + 8, c + 8 : c + 70]
        return int((right.max(axis=2) < 100).sum())

    assert ink(plain) == 0
    assert ink(labelled) > 40


def test_many_points_with_huge_tolls() -> None:
    rng = np.random.default_rng(7)
    kinds = list(EventKind)
    points = [
        MapPoint(
            float(rng.uniform(46.5, 51.5)),
            float(rng.uniform(24.0, 38.0)),
            kinds[i % len(kinds)],
            int(rng.choice([0, 3, 40, 10**7])),
            f"P{i}" if i % 25 == 0 else None,
        )
        for i in range(500)
    ]
    image = render_map(points, highlight=["Donetsk Oblast"], title="500")
    shown = 500 - image.skipped
    assert shown > 400
    assert f"{shown} events:" in image.alt_text
    assert image.legend == tuple(EventKind)
    assert pixels(image).shape == (620, 900, 3)


def test_renders_in_threads_match_one_at_a_time() -> None:
    args = [([strike(KHARKIV, n)], ("Kharkiv Oblast",)) for n in range(4)]
    alone = [render_map(p, highlight=h).png for p, h in args]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda a: render_map(a[0], highlight=a[1]).png, args))
    assert together == alone


def test_importing_the_module_leaves_matplotlib_unloaded() -> None:
    code = (
        "import sys, bot.render.map; "
        "print(sorted(m for m in ('matplotlib', 'numpy', 'PIL') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


def test_the_bundled_outlines_are_small_and_rebuild_the_same(tmp_path: Path) -> None:
    assert DATA_FILE.stat().st_size < 150 * 1024
    need(CORPUS / "gazetteer" / "geoBoundaries-UKR-ADM1_simplified.geojson")
    out = tmp_path / "oblasts.json"
    subprocess.run(
        [sys.executable, "bench/build_map_data.py", "--out", str(out)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == DATA_FILE.read_bytes()


def test_the_benchmark_prints_its_figures_and_saves_the_map(tmp_path: Path) -> None:
    out = tmp_path / "map.png"
    done = subprocess.run(
        [sys.executable, "bench/bench_map.py", "--rounds", "2", "--out", str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    for line in (
        r"^first render \(cold, imports matplotlib\): \d+ ms$",
        r"^warm renders: 2, median [\d.]+ ms, p95 [\d.]+ ms$",
        r"^png: [\d.]+ KB \(900x620\)$",
    ):
        assert re.search(line, done.stdout, re.M), (line, done.stdout)
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
