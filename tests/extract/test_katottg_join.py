"""The gazetteer holds every settlement of the KATOTTG codifier, joined to GeoNames where
the same name lies in the same oblast, and finds the small ones in text only on evidence."""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import replace

import pytest

from bot.extract.gazetteer import Gazetteer
from bot.extract.hierarchy import Hierarchy, UnitLevel
from bot.extract.placenames import normalise, sound_key
from bot.extract.places import PlaceMatcher
from bot.records import Place, PlaceLevel


@pytest.fixture(scope="module")
def hierarchy() -> Hierarchy:
    return Hierarchy.load()


@pytest.fixture(scope="module")
def ua_places(gazetteer: Gazetteer) -> list[Place]:
    return [p for p in gazetteer.places() if p.country == "UA"]


def test_every_codifier_settlement_is_one_gazetteer_place(
    hierarchy: Hierarchy, ua_places: list[Place]
) -> None:
    settlements = {
        u.code
        for level in (UnitLevel.CITY, UnitLevel.URBAN_SETTLEMENT, UnitLevel.VILLAGE)
        for u in hierarchy.units(level)
    }
    codes = Counter(p.code for p in ua_places if p.code and p.level is PlaceLevel.SETTLEMENT)
    assert set(codes) == settlements
    assert max(codes.values()) == 1
    # Most of GeoNames' Ukrainian places found their unit; the rest are city quarters,
    # places renamed since, and namesakes too far apart to tell.
    listed = [p for p in ua_places if p.geonameid is not None and p.level is PlaceLevel.SETTLEMENT]
    joined = sum(1 for p in listed if p.code)
    assert joined / len(listed) > 0.85, (joined, len(listed))


def test_every_raion_and_hromada_is_a_place_of_its_level_in_its_oblast(
    hierarchy: Hierarchy, ua_places: list[Place]
) -> None:
    by_code = {p.code: p for p in ua_places if p.code}
    for level, place_level in (
        (UnitLevel.RAION, PlaceLevel.DISTRICT),
        (UnitLevel.HROMADA, PlaceLevel.COMMUNITY),
    ):
        for unit in hierarchy.units(level):
            place = by_code[unit.code]
            assert place.level is place_level, unit
            assert place.admin1 == unit.region, unit
            assert place.lat is not None, unit


def test_a_raion_and_a_hromada_are_found_by_their_names(gazetteer: Gazetteer) -> None:
    (raion,) = gazetteer.lookup("Лозівський район")
    assert (raion.name, raion.level, raion.admin1) == (
        "Lozova Raion",
        PlaceLevel.DISTRICT,
        "Kharkiv Oblast",
    )
    assert gazetteer.lookup("Lozova district") == (raion,)
    hromada = gazetteer.lookup("Лозівської громади")
    assert [h.name for h in hromada] == ["Lozova Hromada"]


def test_unlisted_villages_lie_inside_their_oblast(
    gazetteer: Gazetteer, ua_places: list[Place]
) -> None:
    """Placed at their hromada's centre: never further from their oblast's own settlements
    than the oblast is wide."""
    unlisted = [p for p in ua_places if p.geonameid is None and p.code]
    assert len(unlisted) > 20_000
    for p in unlisted[::97]:
        assert p.lat is not None, p
        assert p.lon is not None, p
        assert p.admin1 is not None
        region = gazetteer.region(p.admin1)
        assert region is not None
        assert region.lat is not None
        assert region.lon is not None
        dy = (p.lat - region.lat) * 111.2
        dx = (p.lon - region.lon) * 111.2 * math.cos(math.radians(p.lat))
        assert math.hypot(dx, dy) < 250, (p, region)


@pytest.mark.parametrize(
    ("name", "expected", "admin1"),
    [
        ("Klishchiivka", "Klishchiivka", "Donetsk Oblast"),  # not in GeoNames at all
        ("Кліщіївка", "Klishchiivka", "Donetsk Oblast"),
        ("Robotyne", "Robotyne", "Zaporizhzhia Oblast"),
        # GeoNames writes Crimea from Russian; the codifier's official spelling wins there.
        ("Mirnoye", "Myrne", "Crimea"),
        ("Urozhainoe", "Urozhaine", "Crimea"),
    ],
)
def test_lookup_reaches_codifier_villages(
    gazetteer: Gazetteer, name: str, expected: str, admin1: str
) -> None:
    best = gazetteer.lookup(name)[0]
    assert (best.name, best.admin1) == (expected, admin1)
    assert best.code is not None


def test_a_foreign_city_outranks_a_tiny_ukrainian_namesake(gazetteer: Gazetteer) -> None:
    found = gazetteer.lookup("Rostov")
    assert found[0].name == "Rostov-on-Don"
    assert any(p.country == "UA" and p.geonameid is None for p in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A unique name after a place cue.
        ("Fighting continues near Klishchiivka.", [("Klishchiivka", "Donetsk Oblast")]),
        ("Бої тривають біля Кліщіївки.", [("Klishchiivka", "Donetsk Oblast")]),
        # A name many villages share needs its oblast in the text: "the village of" says it
        # is a village, not which one.
        ("Russian forces attacked Sieverne.", []),
        (
            "Russian forces attacked Sieverne in Donetsk region.",
            [("Sieverne", "Donetsk Oblast"), ("Donetsk Oblast", "Donetsk Oblast")],
        ),
        ("Russian forces shelled the village of Sieverne.", []),
        # Common words that name villages somewhere are not places.
        ("Мирне населення страждає від обстрілів.", []),
        ("Peremoha is near, the commander said.", []),
        ("Зеленський заявив про нові санкції.", []),
    ],
)
def test_small_villages_need_evidence(
    matcher: PlaceMatcher, text: str, expected: list[tuple[str, str]]
) -> None:
    found = [(m.place.name, m.place.admin1) for m in matcher.find(text)]
    assert found == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Debris fell in the Holosiivskyi district, injuring two.", ["Kyiv"]),
        ("Уламки впали у Голосіївському районі.", ["Kyiv"]),
        # Four cities have a Dniprovskyi district: the one the text names.
        ("A missile hit the Dniprovskyi district of Kherson.", ["Kherson", "Kherson"]),
        ("Shelling hit the Kyivskyi district of Kharkiv.", ["Kharkiv", "Kharkiv"]),
    ],
)
def test_a_city_district_names_its_city(
    matcher: PlaceMatcher, text: str, expected: list[str]
) -> None:
    assert [m.place.name for m in matcher.find(text)] == expected


@pytest.mark.parametrize(
    ("ukrainian", "russian"),
    [
        ("Роботине", "Работино"),
        ("Кліщіївка", "Клещеевку"),
        ("Андріївка", "Андреевки"),
        ("Часів Яр", "Часов Яр"),
        ("Вугледар", "Угледар"),
        ("Старомайорське", "Старомайорское"),
    ],
)
def test_ukrainian_and_russian_spellings_share_a_sound_key(ukrainian: str, russian: str) -> None:
    assert sound_key(normalise(ukrainian)) is not None
    assert sound_key(normalise(ukrainian)) == sound_key(normalise(russian))


def test_short_names_get_no_sound_key() -> None:
    # Three consonants or fewer would meet too many other names.
    assert sound_key(normalise("Мирне")) is None


def test_the_unit_named_after_a_town_is_in_its_oblast(gazetteer: Gazetteer) -> None:
    (lozova,) = [p for p in gazetteer.lookup("Lozova") if p.admin1 == "Kharkiv Oblast"][:1]
    raion = gazetteer.unit_of(lozova, PlaceLevel.DISTRICT)
    hromada = gazetteer.unit_of(lozova, PlaceLevel.COMMUNITY)
    assert raion is not None
    assert (raion.name, raion.admin1, raion.code is not None) == (
        "Lozova Raion",
        "Kharkiv Oblast",
        True,
    )
    assert hromada is not None
    assert hromada.name == "Lozova Hromada"
    assert gazetteer.unit_of(replace(lozova, admin1="Sumy Oblast"), PlaceLevel.DISTRICT) is None
