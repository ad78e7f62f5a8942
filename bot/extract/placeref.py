"""Resolve place names users type in filters (`in:kherson`) to subscription PlaceRefs."""

from __future__ import annotations

import re
from functools import lru_cache

from rapidfuzz import fuzz, process

from bot.extract.facilities import PLANT_NAMES_UK
from bot.extract.gazetteer import Gazetteer
from bot.extract.hierarchy import Hierarchy, Unit, UnitLevel
from bot.records import Place, PlaceLevel, PlaceRef

# Words that ask for a raion or a hromada rather than a town of the same name.
_UNIT_WORDS = re.compile(
    r"\b(?:raion|rayon|district|hromada|community|район\w*|громад\w*)\b", re.IGNORECASE
)
_LEVELS = {UnitLevel.RAION: PlaceLevel.DISTRICT, UnitLevel.HROMADA: PlaceLevel.COMMUNITY}
# Below this, a village name shared by several places is not trusted to be the one inside.
_SURE_ENOUGH = 0.3


def unit_ref(unit: Unit) -> PlaceRef:
    return PlaceRef(unit.name, _LEVELS[unit.level], "UA", unit.region, None, unit.code)


def to_ref(place: Place) -> PlaceRef:
    admin1 = place.name if place.level is PlaceLevel.REGION else place.admin1
    return PlaceRef(place.name, place.level, place.country, admin1, place.geonameid, place.code)


class GazetteerResolver:
    """Countries first, then regions, then the largest settlement of that name; a name with
    "raion" or "hromada" (or their Ukrainian words) is looked up in the KATOTTG hierarchy."""

    def __init__(self, gazetteer: Gazetteer, hierarchy: Hierarchy | None = None) -> None:
        self._gazetteer = gazetteer
        self._hierarchy = hierarchy
        self._choices: list[str] | None = None

    def resolve_place(self, name: str) -> PlaceRef | None:
        name = " ".join(name.replace("_", " ").split())
        if not name:
            return None
        if self._hierarchy is not None and _UNIT_WORDS.search(name):
            units = [u for u in self._hierarchy.find(name) if u.level in _LEVELS]
            if units:
                return unit_ref(units[0])
        found = self._gazetteer.country(name) or self._gazetteer.region(name)
        if found is None:
            candidates = self._gazetteer.lookup(name) or self._gazetteer.lookup(
                name.replace("-", " ")
            )
            if candidates:
                found = candidates[0]
        if found is None and "-" in name:
            return self.resolve_place(name.replace("-", " "))
        return to_ref(found) if found else None

    def locate(self, name: str) -> Place | None:
        """The place a name means, with its coordinates (Kyiv's are the city's); a country
        is no point."""
        name = " ".join(name.replace("_", " ").split())
        if not name or self._gazetteer.country(name):
            return None
        candidates = self._gazetteer.lookup(name)
        return self._gazetteer.region(name) or (candidates[0] if candidates else None)

    def suggest(self, name: str) -> tuple[str, ...]:
        if self._choices is None:
            names = {
                p.name
                for _, p in self._gazetteer.entries()
                if p.level in (PlaceLevel.COUNTRY, PlaceLevel.REGION)
                or (p.level is PlaceLevel.SETTLEMENT and p.population >= 5000)
            }
            self._choices = sorted(names)
        hits = process.extract(name, self._choices, scorer=fuzz.WRatio, limit=3, score_cutoff=70)
        return tuple(h[0] for h in hits)


class HierarchyContainment:
    """Whether a raion or hromada a subscription names contains a place an event names.

    A place with a KATOTTG code is looked up by it. For one without (events stored before
    the join), the place's own region narrows namesakes down; if several villages of that
    name remain in the region, the hierarchy's best guess must be inside and sure enough.
    """

    def __init__(self, hierarchy: Hierarchy) -> None:
        self._hierarchy = hierarchy
        self._inside = lru_cache(maxsize=65536)(self._compute)

    def __call__(self, ref: PlaceRef, place: Place) -> bool:
        if ref.code is None or place.country != "UA" or place.level is PlaceLevel.COUNTRY:
            return False
        if place.code is not None:  # the gazetteer joined it to the codifier: no guessing
            return self._hierarchy.contains(ref.code, place.code)
        return self._inside(ref.code, place.name, place.admin1)

    def _compute(self, code: str, name: str, region: str | None) -> bool:
        found = [
            u
            for u in self._hierarchy.find(name)
            if u.level.is_settlement and (region is None or u.region == region)
        ]
        inside = [u for u in found if self._hierarchy.contains(code, u.code)]
        if not inside:
            return False
        if len(inside) == len(found):
            return True
        best = self._hierarchy.best(name, context_oblasts=(region,) if region else ())
        return best is not None and best[1] >= _SURE_ENOUGH and best[0] in inside


# Countries newsalert knows, in Ukrainian (regions.yaml lists them; the codifier does not).
_COUNTRIES_UK = {
    "Ukraine": "Україна",
    "Russia": "Росія",
    "Belarus": "Білорусь",
    "Moldova": "Молдова",
    "Poland": "Польща",
    "Romania": "Румунія",
    "Slovakia": "Словаччина",
    "Hungary": "Угорщина",
    "Georgia": "Грузія",
}
_UNIT_SUFFIX_UK = {PlaceLevel.DISTRICT: "район", PlaceLevel.COMMUNITY: "громада"}


class UkrainianNames:
    """Places named in Ukrainian from the KATOTTG codifier: a settlement by its code (or
    its name within its oblast), an oblast as "Харківська область"; `bot.i18n.PlaceNames`."""

    def __init__(self, hierarchy: Hierarchy) -> None:
        self._hierarchy = hierarchy
        self._regions: dict[str, str] | None = None

    def name(
        self, name: str, *, level: PlaceLevel, admin1: str | None, code: str | None
    ) -> str | None:
        return _ukrainian(self, name, level, admin1, code)

    def region(self, name: str) -> str | None:
        if self._regions is None:
            regions: dict[str, str] = {}
            for unit in self._hierarchy.units(UnitLevel.OBLAST):
                # The oblasts' codifier name is their adjective; Crimea is called Крим.
                full = "Крим" if " " in unit.name_uk else f"{unit.name_uk} область"
                regions[unit.region] = full
            for unit in self._hierarchy.units(UnitLevel.SPECIAL_CITY):
                regions[unit.region] = unit.name_uk
            self._regions = regions
        return self._regions.get(name)

    def unit(self, code: str) -> Unit | None:
        return self._hierarchy.unit(code)

    def find(self, name: str, region: str | None) -> Unit | None:
        settlements = [
            u
            for u in self._hierarchy.find(name)
            if u.level.is_settlement and (region is None or u.region == region)
        ]
        exact = [u for u in settlements if u.name == name]
        chosen = exact or settlements
        return chosen[0] if chosen else None


@lru_cache(maxsize=4096)
def _ukrainian(
    names: UkrainianNames, name: str, level: PlaceLevel, admin1: str | None, code: str | None
) -> str | None:
    if level is PlaceLevel.COUNTRY:
        return _COUNTRIES_UK.get(name)
    if level is PlaceLevel.FACILITY:
        return PLANT_NAMES_UK.get(name)
    if level is PlaceLevel.REGION:
        return names.region(name)
    unit = names.unit(code) if code else None
    if unit is not None:
        suffix = _UNIT_SUFFIX_UK.get(level)
        return (
            f"{unit.name_uk} {suffix}" if suffix and suffix not in unit.name_uk else unit.name_uk
        )
    if level is PlaceLevel.SETTLEMENT and admin1:
        if admin1 == name:  # Kyiv, Sevastopol: cities with a region's standing
            return names.region(name)
        found = names.find(name, admin1)
        return found.name_uk if found is not None else None
    return None
