"""Named facilities events happen at: Ukraine's nuclear plants and Russia's nearest one."""

from __future__ import annotations

import math
import re

from bot.records import Place, PlaceLevel


def _plant(name: str, admin1: str, country: str, lat: float, lon: float) -> Place:
    return Place(name, country, admin1, lat, lon, PlaceLevel.FACILITY)


ZAPORIZHZHIA_NPP = _plant(
    "Zaporizhzhia Nuclear Power Plant", "Zaporizhzhia Oblast", "UA", 47.512, 34.586
)
NUCLEAR_PLANTS: tuple[tuple[Place, re.Pattern[str]], ...] = tuple(
    (place, re.compile(p, re.IGNORECASE))
    for place, p in (
        (
            ZAPORIZHZHIA_NPP,
            r"\b(?:zaporizh?zh?ia|zaporozh(?:y|i)e|zaporizhia|zaporizhzhya)\s+(?:nuclear|NPP|atomic)|\bZNPP\b|"
            r"europe['’]s (?:largest|biggest) nuclear|\benerhodar\b|\benergodar\b|ЗАЕС|ЗАЭС|Запорізьк\w* АЕС|"
            r"Запорожск\w* АЭС",
        ),
        (
            _plant("South Ukraine Nuclear Power Plant", "Mykolaiv Oblast", "UA", 47.812, 31.220),
            r"\bsouth ukraine (?:nuclear|NPP)|\bpivdennoukrainsk|\byuzhnoukrainsk|Південноукраїнськ\w* АЕС",
        ),
        (
            _plant("Rivne Nuclear Power Plant", "Rivne Oblast", "UA", 51.328, 25.891),
            r"\brivne (?:nuclear|NPP)|\bvarash\b|Рівненськ\w* АЕС",
        ),
        (
            _plant(
                "Khmelnytskyi Nuclear Power Plant", "Khmelnytskyi Oblast", "UA", 50.302, 26.650
            ),
            r"\bkhmelnytskyi (?:nuclear|NPP)|\bnetishyn\b|Хмельницьк\w* АЕС",
        ),
        (
            _plant("Chornobyl Nuclear Power Plant", "Kyiv Oblast", "UA", 51.389, 30.099),
            r"\bch(?:o|e)rnobyl\b|Чорнобил\w*|Чернобыл\w*",
        ),
        (
            _plant("Kursk Nuclear Power Plant", "Kursk Oblast", "RU", 51.675, 35.608),
            r"\bkursk (?:nuclear|NPP)|\bkurchatov\b|Курск\w* АЭС",
        ),
    )
)


# The town each plant stands by, as the gazetteer names it: subscribers of Enerhodar follow
# the Zaporizhzhia plant, and notes often name the plant by its town.
PLANT_TOWNS = {
    "Zaporizhzhia Nuclear Power Plant": "Enerhodar",
    "South Ukraine Nuclear Power Plant": "Pivdennoukrainsk",
    "Rivne Nuclear Power Plant": "Varash",
    "Khmelnytskyi Nuclear Power Plant": "Netishyn",
    "Chornobyl Nuclear Power Plant": "Chornobyl",
    "Kursk Nuclear Power Plant": "Kurchatov",
}


# Each plant as Ukrainian readers know it.
PLANT_NAMES_UK = {
    "Zaporizhzhia Nuclear Power Plant": "Запорізька АЕС",
    "South Ukraine Nuclear Power Plant": "Південноукраїнська АЕС",
    "Rivne Nuclear Power Plant": "Рівненська АЕС",
    "Khmelnytskyi Nuclear Power Plant": "Хмельницька АЕС",
    "Chornobyl Nuclear Power Plant": "Чорнобильська АЕС",
    "Kursk Nuclear Power Plant": "Курська АЕС",
}


def named_plant(text: str) -> Place | None:
    for place, rule in NUCLEAR_PLANTS:
        if rule.search(text):
            return place
    return None


def km_between(a: Place, b: Place) -> float:
    """Kilometres between two places with coordinates (flat-earth, fine at a city's scale)."""
    assert a.lat is not None
    assert a.lon is not None
    assert b.lat is not None
    assert b.lon is not None
    dlat = math.radians(b.lat - a.lat)
    dlon = math.radians(b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return 6371 * math.hypot(dlat, dlon)


def nearest_plant(places: list[Place], *, within_km: float = 150) -> Place | None:
    """The plant an unnamed "nearby nuclear power plant" most likely is."""
    best: tuple[float, Place] | None = None
    for place in places:
        if place.lat is None or place.lon is None or place.level is PlaceLevel.COUNTRY:
            continue
        for plant, _ in NUCLEAR_PLANTS:
            d = km_between(place, plant)
            if d <= within_km and (best is None or d < best[0]):
                best = (d, plant)
    return best[1] if best else None
