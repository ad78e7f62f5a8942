"""Resolve place names users type in filters (`in:kherson`) to subscription PlaceRefs."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from bot.extract.gazetteer import Gazetteer
from bot.records import Place, PlaceLevel, PlaceRef


def to_ref(place: Place) -> PlaceRef:
    admin1 = place.name if place.level is PlaceLevel.REGION else place.admin1
    return PlaceRef(place.name, place.level, place.country, admin1, place.geonameid)


class GazetteerResolver:
    """Countries first, then regions, then the largest settlement of that name."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self._gazetteer = gazetteer
        self._choices: list[str] | None = None

    def resolve_place(self, name: str) -> PlaceRef | None:
        name = " ".join(name.replace("_", " ").split())
        if not name:
            return None
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

    def suggest(self, name: str) -> tuple[str, ...]:
        if self._choices is None:
            names = {
                p.name
                for _, p in self._gazetteer.entries()
                if p.level is not PlaceLevel.SETTLEMENT or p.population >= 5000
            }
            self._choices = sorted(names)
        hits = process.extract(name, self._choices, scorer=fuzz.WRatio, limit=3, score_cutoff=70)
        return tuple(h[0] for h in hits)
