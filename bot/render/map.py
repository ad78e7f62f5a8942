"""Situation-report maps: Ukraine's oblasts, the regions a report is about, a dot per event.

Offline and quick: the oblast outlines ship with the package (data/oblasts.json, built by
bench/build_map_data.py from geoBoundaries, see data/MAP_CREDITS.md) and matplotlib draws
them with its Agg backend. matplotlib and numpy are imported on the first render, not with
this module; figures are `matplotlib.figure.Figure`s of their own (no pyplot state), and
one lock keeps renders from sharing matplotlib's font caches at the same moment.

The projection is equirectangular with longitude shrunk by the cosine of the view's middle
latitude: x = lon·cos(lat0), y = lat. `MapImage.frame` tells where a point lands in the
picture.
"""

from __future__ import annotations

import functools
import io
import json
import math
import re
import threading
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.kinds import KINDS
from bot.records import EventKind

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    from matplotlib.backend_bases import RendererBase
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    Array = npt.NDArray[np.float64]

DATA_FILE = Path(__file__).with_name("data") / "oblasts.json"

# Okabe-Ito: eight colours told apart with each kind of colour blindness, one per kind.
KIND_COLOURS: Mapping[EventKind, str] = {
    EventKind.STRIKE: "#D55E00",  # vermilion
    EventKind.CASUALTIES: "#000000",
    EventKind.EVACUATION: "#56B4E9",  # sky blue
    EventKind.INFRASTRUCTURE_DAMAGE: "#E69F00",  # orange
    EventKind.TERRITORIAL_CHANGE: "#CC79A7",  # reddish purple
    EventKind.NUCLEAR_SAFETY: "#F0E442",  # yellow
    EventKind.AIR_DEFENSE: "#0072B2",  # blue
    EventKind.GROUND_FIGHTING: "#009E73",  # bluish green
}
BACKGROUND = "#FFFFFF"
FILL = "#E4E7EB"  # every region
HIGHLIGHT_FILL = "#F5C9B8"  # the regions the map is about
BORDER = "#FFFFFF"  # between regions
HIGHLIGHT_BORDER = "#8C4A3A"
OUTLINE = "#7D8893"  # Ukraine's outer border
DOT_EDGE = "#222222"
TEXT = "#1F2328"
CREDIT_TEXT = "#6B7280"
_PALETTE_COLOURS = (BACKGROUND, FILL, HIGHLIGHT_FILL, HIGHLIGHT_BORDER, OUTLINE, TEXT, DOT_EDGE)

# Dot radius in pixels at the default size: a base for an event without casualties, then
# growing with the square root of killed + injured (so the area grows with the toll) up to
# a cap, reached at 100.
_DOT_BASE_PX = 4.5
_DOT_STEP_PX = 1.6
_WEIGHT_CAP = 100
_DEFAULT_SIZE = (900, 620)
_DPI = 100
_NEAR_KM = 12.0  # a point this close outside the outline (a coast, a rounded border) counts
_LOCK = threading.Lock()


@dataclass(frozen=True, slots=True)
class MapPoint:
    lat: float
    lon: float
    kind: EventKind
    weight: int = 0  # killed + injured; the dot's area grows with it (square root, capped)
    label: str | None = None  # a short label drawn next to the dot


@dataclass(frozen=True, slots=True)
class MapFrame:
    """Where a place lands in the picture: the view's projected extent and the map's box."""

    width: int
    height: int
    lat0: float  # the projection's standard parallel
    x_min: float
    x_max: float
    y_min: float
    y_max: float
    left: float  # the map's box in pixels, from the picture's top-left corner
    top: float
    right: float
    bottom: float

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        return project(lat, lon, self.lat0)

    def pixel(self, lat: float, lon: float) -> tuple[float, float]:
        """(column, row) in the PNG, from its top-left corner."""
        x, y = self.project(lat, lon)
        column = self.left + (x - self.x_min) / (self.x_max - self.x_min) * (
            self.right - self.left
        )
        row = self.top + (self.y_max - y) / (self.y_max - self.y_min) * (self.bottom - self.top)
        return column, row

    def contains(self, lat: float, lon: float) -> bool:
        x, y = self.project(lat, lon)
        return self.x_min <= x <= self.x_max and self.y_min <= y <= self.y_max


@dataclass(frozen=True, slots=True)
class MapImage:
    png: bytes
    width: int
    height: int
    alt_text: str  # what the map shows, for screen readers
    legend: tuple[EventKind, ...]  # the kinds in the legend, in its order
    highlighted: tuple[str, ...]  # the highlight names that resolved, as the project names them
    skipped: int  # points outside Ukraine, not drawn
    frame: MapFrame


def project(lat: float, lon: float, lat0: float) -> tuple[float, float]:
    """Equirectangular with standard parallel lat0: (lon·cos(lat0), lat)."""
    return lon * math.cos(math.radians(lat0)), lat


# --- regions --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Region:
    name: str  # as the project names it: "Kharkiv Oblast", "Kyiv", "Crimea", "Sevastopol"
    name_uk: str
    iso: str  # ISO 3166-2: "UA-63"
    source_name: str  # as geoBoundaries names it
    rings: tuple[tuple[tuple[float, float], ...], ...]  # (lon, lat) rings, holes turned back
    bbox: tuple[float, float, float, float]  # lon_min, lat_min, lon_max, lat_max


@functools.cache
def regions() -> tuple[Region, ...]:
    """The 27 regions of the bundled outlines: 24 oblasts, Crimea, Kyiv and Sevastopol."""
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    scale = float(data["scale"])
    out = []
    for r in data["regions"]:
        rings = []
        for polygon in r["polygons"]:
            for flat in polygon:
                x, y = flat[0], flat[1]
                ring = [(x / scale, y / scale)]
                for i in range(2, len(flat), 2):
                    x += flat[i]
                    y += flat[i + 1]
                    ring.append((x / scale, y / scale))
                rings.append(tuple(ring))
        lons = [p[0] for ring in rings for p in ring]
        lats = [p[1] for ring in rings for p in ring]
        out.append(
            Region(
                name=r["name"],
                name_uk=r["name_uk"],
                iso=r["iso"],
                source_name=r["source_name"],
                rings=tuple(rings),
                bbox=(min(lons), min(lats), max(lons), max(lats)),
            )
        )
    return tuple(out)


def region_names() -> tuple[str, ...]:
    return tuple(r.name for r in regions())


# Older and Russian-derived spellings, word by word, after _key() has folded the text.
_SPELLINGS = {
    "kiev": "kyiv",
    "kyyiv": "kyiv",
    "odessa": "odesa",
    "zaporizhia": "zaporizhzhia",
    "zaporizhzhya": "zaporizhzhia",
    "zaporozhye": "zaporizhzhia",
    "zaporozhe": "zaporizhzhia",
    "kharkov": "kharkiv",
    "lugansk": "luhansk",
    "nikolaev": "mykolaiv",
    "nikolayev": "mykolaiv",
    "mykolayiv": "mykolaiv",
    "dnepropetrovsk": "dnipropetrovsk",
    "dnipro": "dnipropetrovsk",
    "dnepr": "dnipropetrovsk",
    "chernigov": "chernihiv",
    "chernovtsy": "chernivtsi",
    "zhitomir": "zhytomyr",
    "rovno": "rivne",
    "ternopol": "ternopil",
    "vinnitsa": "vinnytsia",
    "vinnytsya": "vinnytsia",
    "khmelnitsky": "khmelnytskyi",
    "khmelnitskiy": "khmelnytskyi",
    "khmelnytskyy": "khmelnytskyi",
    "khmelnytsky": "khmelnytskyi",
    "kirovograd": "kirovohrad",
    "kropyvnytskyi": "kirovohrad",
    "frankovsk": "frankivsk",
    "transcarpathia": "zakarpattia",
    "zakarpattya": "zakarpattia",
    "volhynia": "volyn",
    "krym": "crimea",
    "sebastopol": "sevastopol",
    "kherson": "kherson",
    "cherkassy": "cherkasy",
}
# Whole names, after spelling: what the region tables do not say.
_ALIASES = {
    "autonomous republic of crimea": "Crimea",
    "republic of crimea": "Crimea",
    "crimean peninsula": "Crimea",
    "ar crimea": "Crimea",
    "крим": "Crimea",
    "крым": "Crimea",
    "київ": "Kyiv",
    "киев": "Kyiv",
    "севастополь": "Sevastopol",
}
_OBLAST_WORDS = ("oblast", "region", "province", "obl", "область", "обл")
_CITY_WORDS = ("city", "місто", "город", "м")


def _key(name: str) -> str:
    """Case, apostrophes, hyphens, dots and spacing folded away; old spellings updated."""
    text = re.sub(r"['’ʼ`\"]", "", name.casefold())
    words = re.sub(r"[-.,()_/]+", " ", text).split()
    return " ".join(_SPELLINGS.get(w, w) for w in words)


@functools.cache
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for r in regions():
        for name in (r.name, r.name_uk, r.source_name, r.iso):
            index.setdefault(_key(name), r.name)
    for alias, name in _ALIASES.items():
        index.setdefault(_key(alias), name)
    return index


@functools.lru_cache(maxsize=1024)  # names may come from users: keep it bounded
def resolve_region(name: str) -> str | None:
    """The project's name of the region `name` means, or None.

    Takes the project's names ("Kharkiv Oblast", "Kyiv", "Crimea"), geoBoundaries' ("Odessa
    Oblast", "Autonomous Republic of Crimea"), ISO codes ("UA-63"), official Ukrainian names
    ("Харківська область"), old spellings ("Kiev", "Zaporozhye region") and a bare oblast
    name ("Kharkiv": the oblast; only Kyiv and Sevastopol are regions as cities)."""
    index = _index()
    key = _key(name)
    if not key:
        return None
    if key in index:
        return index[key]
    words = key.split()
    if words[-1] in _OBLAST_WORDS and len(words) > 1:
        base = " ".join(words[:-1])
        return index.get(f"{base} oblast") or index.get(f"{base} область")
    if words[-1] in _CITY_WORDS and len(words) > 1:
        return _city(index.get(" ".join(words[:-1])))
    if words[0] in _CITY_WORDS and len(words) > 1:
        return _city(index.get(" ".join(words[1:])))
    if words[:2] == ["city", "of"] and len(words) > 2:
        return _city(index.get(" ".join(words[2:])))
    return index.get(f"{key} oblast")


def _city(name: str | None) -> str | None:
    return name if name in ("Kyiv", "Sevastopol") else None


# --- drawing --------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Mpl:
    """matplotlib's and numpy's parts this module uses, imported on the first render."""

    np: Any
    Figure: Any
    FigureCanvasAgg: Any
    FontProperties: Any
    Path: Any
    PathCollection: Any
    Line2D: Any
    withStroke: Any
    Image: Any  # PIL's, which matplotlib itself requires
    FT2Font: Any
    regular: str
    bold: str


@functools.cache
def _mpl() -> _Mpl:
    import matplotlib  # no pyplot: the figures below draw on Agg canvases of their own
    import numpy
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.collections import PathCollection
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties
    from matplotlib.ft2font import FT2Font
    from matplotlib.lines import Line2D
    from matplotlib.path import Path as MplPath
    from matplotlib.patheffects import withStroke
    from PIL import Image

    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return _Mpl(
        np=numpy,
        Figure=Figure,
        FigureCanvasAgg=FigureCanvasAgg,
        FontProperties=FontProperties,
        Path=MplPath,
        PathCollection=PathCollection,
        Line2D=Line2D,
        withStroke=withStroke,
        Image=Image,
        FT2Font=FT2Font,
        regular=str(fonts / "DejaVuSans.ttf"),  # has Cyrillic
        bold=str(fonts / "DejaVuSans-Bold.ttf"),
    )


@functools.cache
def _geometry() -> tuple[tuple[Array, Array], ...]:
    """Per region: its rings' (lon, lat) vertices as one array, and matplotlib path codes."""
    mpl = _mpl()
    np = mpl.np
    out = []
    for region in regions():
        verts: list[tuple[float, float]] = []
        codes: list[int] = []
        for ring in region.rings:
            verts.extend(ring)
            verts.append(ring[0])
            codes.extend([mpl.Path.MOVETO] + [mpl.Path.LINETO] * (len(ring) - 1))
            codes.append(mpl.Path.CLOSEPOLY)
        out.append((np.array(verts, dtype=float), np.array(codes, dtype=np.uint8)))
    return tuple(out)


@functools.cache
def _outlines() -> tuple[Any, ...]:
    """Each region as an unprojected matplotlib Path, for point-in-region tests."""
    mpl = _mpl()
    return tuple(mpl.Path(verts, codes) for verts, codes in _geometry())


@functools.cache
def _glyphs(font_file: str) -> frozenset[int]:
    return frozenset(_mpl().FT2Font(font_file).get_charmap())


def _drawable(text: str, *, bold: bool = False) -> str:
    """The text without characters DejaVu Sans has no glyph for (emoji, CJK): matplotlib
    would draw each as a box and warn. The alt text keeps them."""
    mpl = _mpl()
    glyphs = _glyphs(mpl.bold if bold else mpl.regular)
    kept = "".join(c for c in text if ord(c) in glyphs or c.isspace())
    return " ".join(kept.split())


def _font(size: float, *, bold: bool = False) -> FontProperties:
    mpl = _mpl()
    prop: FontProperties = mpl.FontProperties(fname=mpl.bold if bold else mpl.regular)
    prop.set_size(size)
    return prop


def _inside_ukraine(points: Sequence[MapPoint]) -> list[bool]:
    """Whether each point lies in a region, or within _NEAR_KM of one's outline."""
    if not points:
        return []
    mpl = _mpl()
    np = mpl.np
    lonlat = np.array([(p.lon, p.lat) for p in points], dtype=float)
    finite = np.isfinite(lonlat).all(axis=1)
    lonlat[~finite] = 0.0
    inside = np.zeros(len(points), dtype=bool)
    for path in _outlines():
        inside |= path.contains_points(lonlat)
    if not inside.all():
        verts = np.concatenate([v for v, _ in _geometry()])
        k = math.cos(math.radians(48.5))
        scaled = verts * (k, 1.0)
        for i in np.flatnonzero(~inside):
            d = np.hypot(*(scaled - lonlat[i] * (k, 1.0)).T).min() * 111.2
            inside[i] = d <= _NEAR_KM
    return [bool(x) for x in inside & finite]


def _frame(
    chosen: Sequence[Region], size: tuple[int, int], *, zoom: bool, top_px: float, bottom_px: float
) -> MapFrame:
    width, height = size
    lon_min = min(r.bbox[0] for r in chosen)
    lat_min = min(r.bbox[1] for r in chosen)
    lon_max = max(r.bbox[2] for r in chosen)
    lat_max = max(r.bbox[3] for r in chosen)
    lat0 = (lat_min + lat_max) / 2
    k = math.cos(math.radians(lat0))
    x_min, x_max, y_min, y_max = lon_min * k, lon_max * k, lat_min, lat_max
    span = max(x_max - x_min, y_max - y_min)
    pad = max(0.3 * span, 0.45) if zoom else 0.015 * span
    x_min, x_max, y_min, y_max = x_min - pad, x_max + pad, y_min - pad, y_max + pad
    side = max(4.0, 0.012 * width)
    left, right, top, bottom = side, width - side, top_px, height - bottom_px
    box = (right - left) / (bottom - top)
    if (x_max - x_min) / (y_max - y_min) > box:  # wider than the box: add latitude
        grow = ((x_max - x_min) / box - (y_max - y_min)) / 2
        y_min, y_max = y_min - grow, y_max + grow
    else:
        grow = ((y_max - y_min) * box - (x_max - x_min)) / 2
        x_min, x_max = x_min - grow, x_max + grow
    return MapFrame(width, height, lat0, x_min, x_max, y_min, y_max, left, top, right, bottom)


def _dot_radius(weight: int, scale: float) -> float:
    """Pixels: the base size, plus the square root of the toll, capped."""
    w = min(max(weight, 0), _WEIGHT_CAP)
    return (_DOT_BASE_PX + _DOT_STEP_PX * math.sqrt(w)) * scale


def _fit(text: str, renderer: RendererBase, artist: Any, max_px: float, min_size: float) -> None:
    """Shrink a text artist's font, then cut its text, until it is at most max_px wide."""
    while artist.get_window_extent(renderer).width > max_px and artist.get_fontsize() > min_size:
        artist.set_fontsize(max(min_size, artist.get_fontsize() * 0.9))
    cut = len(text)
    while artist.get_window_extent(renderer).width > max_px and cut > 1:
        cut = max(1, int(cut * 0.9))
        artist.set_text(text[:cut].rstrip() + "…")


def _place_legend(
    legend: Any,
    renderer: RendererBase,
    frame: MapFrame,
    obstacles: Array,
    weights: Array,
) -> None:
    """Put the legend in the corner where it hides least: dots first, then highlighted
    outlines, then any outline (in the whole-country view, the empty south-west)."""
    best: tuple[float, str] | None = None
    for n, loc in enumerate(("lower left", "upper right", "lower right", "upper left")):
        legend.set_loc(loc)
        box = legend.get_window_extent(renderer)
        # Display coordinates run up from the bottom; obstacles are (column, row) from the top.
        x0, x1 = box.x0, box.x1
        r0, r1 = frame.height - box.y1, frame.height - box.y0
        hit = (
            (obstacles[:, 0] >= x0)
            & (obstacles[:, 0] <= x1)
            & (obstacles[:, 1] >= r0)
            & (obstacles[:, 1] <= r1)
        )
        cost = float(weights[hit].sum()) + n * 0.5
        if best is None or cost < best[0]:
            best = (cost, loc)
    assert best is not None
    legend.set_loc(best[1])


def render_map(
    points: Sequence[MapPoint],
    *,
    highlight: Sequence[str] = (),
    title: str = "",
    legend_labels: Mapping[EventKind, str] | None = None,
    credit: str = "Boundaries: geoBoundaries (CC BY 4.0)",
    size: tuple[int, int] = _DEFAULT_SIZE,
    zoom_to_highlight: bool = False,
) -> MapImage:
    """Ukraine's oblasts with the highlighted regions filled and a dot per point, as a PNG.

    Args:
        points: events to mark; those outside Ukraine are left out (and counted in alt_text).
        highlight: region names (see resolve_region); unknown ones are ignored.
        title: drawn at the top; any script DejaVu Sans has (Latin, Cyrillic).
        legend_labels: the legend's names per kind; defaults to bot.kinds' English labels.
        credit: the small line at the bottom (the boundaries' licence asks for it).
        size: (width, height) in pixels.
        zoom_to_highlight: frame the highlighted regions and their surroundings rather
            than all of Ukraine (a locator map); without a known highlight, all Ukraine.

    Raises:
        ValueError: for a size under 50×50 pixels.
    """
    width, height = int(size[0]), int(size[1])
    if width < 50 or height < 50:
        raise ValueError(f"a map needs at least 50×50 pixels, not {width}×{height}")
    all_regions = regions()
    wanted = {n for h in highlight if (n := resolve_region(h)) is not None}
    chosen = tuple(r.name for r in all_regions if r.name in wanted)
    labels = {k: KINDS[k].label for k in EventKind} | dict(legend_labels or {})
    with _LOCK:
        mpl = _mpl()
        inside = _inside_ukraine(points)
        shown = [p for p, ok in zip(points, inside, strict=True) if ok]
        skipped = len(points) - len(shown)
        png, frame, in_view = _draw(
            shown,
            chosen=chosen,
            title=title,
            labels=labels,
            credit=credit,
            size=(width, height),
            zoom=zoom_to_highlight and bool(chosen),
            mpl=mpl,
        )
    kinds_present = tuple(k for k in EventKind if any(p.kind is k for p in in_view))
    alt = _alt_text(
        shown,
        in_view,
        skipped=skipped,
        chosen=chosen,
        title=title,
        labels=labels,
        zoom=zoom_to_highlight and bool(chosen),
    )
    return MapImage(
        png=png,
        width=width,
        height=height,
        alt_text=alt,
        legend=kinds_present,
        highlighted=chosen,
        skipped=skipped,
        frame=frame,
    )


def _draw(
    shown: Sequence[MapPoint],
    *,
    chosen: tuple[str, ...],
    title: str,
    labels: Mapping[EventKind, str],
    credit: str,
    size: tuple[int, int],
    zoom: bool,
    mpl: _Mpl,
) -> tuple[bytes, MapFrame, list[MapPoint]]:
    np = mpl.np
    title, credit = _drawable(title, bold=True), _drawable(credit)
    labels = {k: _drawable(v) for k, v in labels.items()}
    width, height = size
    scale = min(width / _DEFAULT_SIZE[0], height / _DEFAULT_SIZE[1])
    text_scale = max(scale, 0.6)
    title_pt = 15 * text_scale
    credit_pt = max(6.0, 7.5 * text_scale)
    top_px = (title_pt * 2.4 if title else 6 * text_scale) * _DPI / 72
    bottom_px = credit_pt * 2.2 * _DPI / 72 if credit else 6 * text_scale
    all_regions = regions()
    targets = [r for r in all_regions if r.name in chosen] if zoom else list(all_regions)
    frame = _frame(targets, size, zoom=zoom, top_px=top_px, bottom_px=bottom_px)

    fig: Figure = mpl.Figure(figsize=(width / _DPI, height / _DPI), dpi=_DPI)
    fig.patch.set_facecolor(BACKGROUND)
    canvas = mpl.FigureCanvasAgg(fig)
    ax = fig.add_axes(
        (
            frame.left / width,
            1 - frame.bottom / height,
            (frame.right - frame.left) / width,
            (frame.bottom - frame.top) / height,
        )
    )
    ax.set_axis_off()
    ax.set_xlim(frame.x_min, frame.x_max)
    ax.set_ylim(frame.y_min, frame.y_max)
    ax.set_aspect("auto")

    k = math.cos(math.radians(frame.lat0))
    plain: list[Any] = []
    marked: list[Any] = []
    for region, (verts, codes) in zip(all_regions, _geometry(), strict=True):
        path = mpl.Path(verts * (k, 1.0), codes)
        (marked if region.name in chosen else plain).append(path)
    everything = plain + marked
    line = max(0.5, scale)
    # The outer border: every region's edge drawn thick underneath, then the fills cover
    # its inner half and the borders between regions.
    for z, paths, face, edge, width_pt in (
        (1, everything, "none", OUTLINE, 2.4 * line),
        (2, plain, FILL, BORDER, 0.9 * line),
        (3, marked, HIGHLIGHT_FILL, HIGHLIGHT_BORDER, 1.3 * line),
    ):
        if paths:
            ax.add_collection(
                mpl.PathCollection(
                    paths,
                    facecolors=face,
                    edgecolors=edge,
                    linewidths=width_pt,
                    zorder=z,
                    joinstyle="round",
                ),
                autolim=False,
            )

    in_view = [p for p in shown if frame.contains(p.lat, p.lon)]
    # Biggest first, so small dots stay visible on top of big ones.
    ordered = sorted(in_view, key=lambda p: -min(max(p.weight, 0), _WEIGHT_CAP))
    dot_pixels = np.zeros((0, 2))
    if ordered:
        xy = np.array([frame.project(p.lat, p.lon) for p in ordered])
        radii = np.array([_dot_radius(p.weight, scale) for p in ordered])
        to_pt = 72 / _DPI
        ax.scatter(
            xy[:, 0],
            xy[:, 1],
            s=(2 * radii * to_pt) ** 2,
            c=[KIND_COLOURS[p.kind] for p in ordered],
            edgecolors=DOT_EDGE,
            linewidths=0.6 * line,
            zorder=5,
        )
        dot_pixels = np.array([frame.pixel(p.lat, p.lon) for p in ordered])
        label_font = _font(max(6.0, 8.5 * text_scale))
        label_pixels = _place_labels(
            ax, canvas.get_renderer(), frame, ordered, xy, radii, dot_pixels, label_font, mpl
        )
        dot_pixels = np.concatenate([dot_pixels, label_pixels])

    renderer = canvas.get_renderer()
    side = frame.left
    if title:
        t = fig.text(
            side / width,
            1 - (top_px * 0.22) / height,
            title,
            ha="left",
            va="top",
            color=TEXT,
            fontproperties=_font(title_pt, bold=True),
            parse_math=False,
        )
        _fit(title, renderer, t, width - 2 * side, min_size=8)
    if credit:
        c = fig.text(
            1 - side / width,
            (bottom_px * 0.3) / height,
            credit,
            ha="right",
            va="bottom",
            color=CREDIT_TEXT,
            fontproperties=_font(credit_pt),
            parse_math=False,
        )
        _fit(credit, renderer, c, width - 2 * side, min_size=5)

    kinds_present = [k for k in EventKind if any(p.kind is k for p in in_view)]
    if kinds_present:
        handles = [
            mpl.Line2D(
                [],
                [],
                marker="o",
                linestyle="none",
                markersize=2 * _dot_radius(0, text_scale) * 72 / _DPI * 1.15,
                markerfacecolor=KIND_COLOURS[k],
                markeredgecolor=DOT_EDGE,
                markeredgewidth=0.6,
            )
            for k in kinds_present
        ]
        legend = ax.legend(
            handles,
            [labels[k] for k in kinds_present],
            loc="lower left",
            prop=_font(max(6.0, 9.5 * text_scale)),
            labelcolor=TEXT,
            frameon=True,
            framealpha=0.92,
            facecolor=BACKGROUND,
            edgecolor="#C9CED4",
            borderaxespad=0.4,
            handletextpad=0.3,
            labelspacing=0.45,
        )
        legend.set_zorder(10)
        for text in legend.get_texts():
            text.set_parse_math(False)
        obstacles, weights = _obstacles(frame, marked_names=chosen, dots=dot_pixels)
        _place_legend(legend, renderer, frame, obstacles, weights)

    canvas.draw()
    return _png(canvas, mpl), frame, in_view


def _png(canvas: Any, mpl: _Mpl) -> bytes:
    """The canvas as a 256-colour PNG: a quarter of the size of matplotlib's RGBA one and
    quicker to write. The palette is snapped back to the map's own colours, so fills and
    dots keep their exact values; only antialiased edges may move by a few levels."""
    np, image_module = mpl.np, mpl.Image
    rgb = np.ascontiguousarray(np.asarray(canvas.buffer_rgba())[:, :, :3])
    image = image_module.fromarray(rgb).quantize(256, method=image_module.Quantize.FASTOCTREE)
    palette = image.getpalette() or []
    exact = [_rgb(c) for c in (*_PALETTE_COLOURS, *KIND_COLOURS.values())]
    for i in range(0, len(palette) - 2, 3):
        entry = palette[i : i + 3]
        for colour in exact:
            if max(abs(a - b) for a, b in zip(entry, colour, strict=True)) <= 4:
                palette[i : i + 3] = colour
                break
    image.putpalette(palette)
    buffer = io.BytesIO()
    image.save(buffer, format="png", compress_level=6)
    return buffer.getvalue()


def _rgb(colour: str) -> list[int]:
    return [int(colour[i : i + 2], 16) for i in (1, 3, 5)]


_MAX_LABELS = 80
# Where a label may go, in order of preference: (side, ha, va); its offset is the dot's
# radius plus a gap, in that direction.
_LABEL_SPOTS = (
    ((1, 0), "left", "center"),
    ((-1, 0), "right", "center"),
    ((0, 1), "center", "bottom"),
    ((0, -1), "center", "top"),
)


def _place_labels(
    ax: Any,
    renderer: RendererBase,
    frame: MapFrame,
    ordered: Sequence[MapPoint],
    xy: Array,
    radii: Array,
    dots: Array,
    font: FontProperties,
    mpl: _Mpl,
) -> Array:
    """Label the dots that have one, biggest first, each beside its dot where it overlaps no
    label placed before and stays on the map, covering as few other dots as it can; a label
    with no such place is left out. Returns points of the placed labels' boxes, as (column,
    row) pixels, for the legend to avoid."""
    np = mpl.np
    placed: list[tuple[float, float, float, float]] = []  # x0, y0, x1, y1 in display pixels
    to_pt = 72 / _DPI
    height = frame.height
    for p, (x, y), r in zip(ordered, xy, radii, strict=True):
        text = _drawable(p.label or "")
        if not text or len(placed) >= _MAX_LABELS:
            continue
        annotation = ax.annotate(
            text,
            (x, y),
            xytext=(0, 0),
            textcoords="offset points",
            fontproperties=font,
            color=TEXT,
            zorder=6,
            parse_math=False,
            annotation_clip=True,
            path_effects=[mpl.withStroke(linewidth=2.5, foreground=BACKGROUND)],
        )
        best: tuple[int, int] | None = None
        for n, ((dx, dy), ha, va) in enumerate(_LABEL_SPOTS):
            gap = r * to_pt + (2.5 if dx else 1.0)
            annotation.set_position((dx * gap, dy * gap))
            annotation.set_ha(ha)
            annotation.set_va(va)
            box = annotation.get_window_extent(renderer)
            x0, y0, x1, y1 = box.x0, box.y0, box.x1, box.y1
            on_map = (
                x0 >= frame.left
                and x1 <= frame.right
                and height - y1 >= frame.top
                and height - y0 <= frame.bottom
            )
            if not on_map or any(
                x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in placed
            ):
                continue
            rows = height - dots[:, 1]
            covered = int(
                ((dots[:, 0] > x0) & (dots[:, 0] < x1) & (rows > y0) & (rows < y1)).sum()
            )
            if best is None or covered < best[0]:
                best = (covered, n)
            if covered == 0:
                break
        if best is None:
            annotation.remove()
            continue
        (dx, dy), ha, va = _LABEL_SPOTS[best[1]]
        gap = r * to_pt + (2.5 if dx else 1.0)
        annotation.set_position((dx * gap, dy * gap))
        annotation.set_ha(ha)
        annotation.set_va(va)
        box = annotation.get_window_extent(renderer)
        placed.append((box.x0, box.y0, box.x1, box.y1))
    corners = [(x, height - y) for x0, y0, x1, y1 in placed for x in (x0, x1) for y in (y0, y1)]
    out: Array = np.array(corners, dtype=float).reshape(-1, 2)
    return out


def _obstacles(
    frame: MapFrame, *, marked_names: Iterable[str], dots: Array
) -> tuple[Array, Array]:
    """What a legend should not hide, as pixels with a cost each: outline vertices (1),
    highlighted regions' (20), dots (500)."""
    np = _mpl().np
    marked = set(marked_names)
    k = math.cos(math.radians(frame.lat0))
    sx = (frame.right - frame.left) / (frame.x_max - frame.x_min)
    sy = (frame.bottom - frame.top) / (frame.y_max - frame.y_min)
    chunks, costs = [], []
    for region, (verts, _) in zip(regions(), _geometry(), strict=True):
        px = np.empty_like(verts)
        px[:, 0] = frame.left + (verts[:, 0] * k - frame.x_min) * sx
        px[:, 1] = frame.top + (frame.y_max - verts[:, 1]) * sy
        chunks.append(px)
        costs.append(np.full(len(px), 20.0 if region.name in marked else 1.0))
    if len(dots):
        chunks.append(dots)
        costs.append(np.full(len(dots), 500.0))
    return np.concatenate(chunks), np.concatenate(costs)


def _alt_text(
    shown: Sequence[MapPoint],
    in_view: Sequence[MapPoint],
    *,
    skipped: int,
    chosen: Sequence[str],
    title: str,
    labels: Mapping[EventKind, str],
    zoom: bool,
) -> str:
    """`Map of Ukraine's oblasts, Kharkiv Oblast highlighted; 5 events: Strike 3,
    Evacuation 2; 1 event outside Ukraine not shown.`"""
    where = _and(chosen)
    text = "Map of Ukraine's oblasts"
    if chosen:
        text += f", zoomed to {where}" if zoom else f", {where} highlighted"
    if title:
        text = f"{title}. {text}"
    counts = Counter(p.kind for p in in_view)
    if in_view:
        parts = ", ".join(f"{labels[k]} {counts[k]}" for k in EventKind if counts[k])
        text += f"; {_events(len(in_view))}: {parts}"
    else:
        text += "; no events"
    if len(shown) > len(in_view):
        text += f"; {_events(len(shown) - len(in_view))} in Ukraine outside the view"
    if skipped:
        text += f"; {_events(skipped)} outside Ukraine not shown"
    return text + "."


def _events(n: int) -> str:
    return f"{n} event" if n == 1 else f"{n} events"


def _and(names: Sequence[str]) -> str:
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + f" and {names[-1]}"
