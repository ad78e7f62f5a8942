"""Ukraine's KATOTTG hierarchy: counts, names in both scripts, ancestry and disambiguation."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.extract.hierarchy import Hierarchy, Unit, UnitLevel, split_level
from bot.extract.hierarchy_build import center_score, read_cache, write_cache


@pytest.fixture(scope="module")
def hierarchy() -> Hierarchy:
    return Hierarchy.load()


def _one(h: Hierarchy, name: str, level: UnitLevel, region: str | None = None) -> Unit:
    found = [u for u in h.find(name) if u.level is level and region in (None, u.region)]
    assert len(found) == 1, (name, found)
    return found[0]


# Counts of the codifier as amended on 19 Jan 2024 (../shared/corpus/SOURCES.md).
@pytest.mark.parametrize(
    ("level", "expected"),
    [
        (UnitLevel.OBLAST, 25),
        (UnitLevel.SPECIAL_CITY, 2),
        (UnitLevel.RAION, 136),
        (UnitLevel.HROMADA, 1772),
        (UnitLevel.CITY, 461),
        (UnitLevel.URBAN_SETTLEMENT, 1979),
        (UnitLevel.VILLAGE, 27261),
        (UnitLevel.CITY_DISTRICT, 108),
    ],
)
def test_counts_by_level(hierarchy: Hierarchy, level: UnitLevel, expected: int) -> None:
    # A later codifier may merge or rename a few units; the shape must stay.
    assert abs(len(hierarchy.units(level)) - expected) <= expected * 0.05


def test_every_unit_counted_once(hierarchy: Hierarchy) -> None:
    assert len(hierarchy) == len({u.code for u in hierarchy.units()}) > 31_000


def test_oblast_names_match_regions_yaml(hierarchy: Hierarchy) -> None:
    names = {u.name for u in hierarchy.units() if u.oblast is None}
    assert {"Kherson Oblast", "Kyiv Oblast", "Kyiv", "Sevastopol", "Crimea"} <= names
    assert all(n.endswith(" Oblast") for n in names - {"Kyiv", "Sevastopol", "Crimea"})
    assert len(names) == 27


def test_kherson_oblast_raions(hierarchy: Hierarchy) -> None:
    oblast = _one(hierarchy, "Kherson Oblast", UnitLevel.OBLAST)
    raions = {u.name for u in hierarchy.units(UnitLevel.RAION) if u.oblast == oblast.code}
    assert raions == {
        "Beryslav Raion",
        "Henichesk Raion",
        "Kakhovka Raion",
        "Kherson Raion",
        "Skadovsk Raion",
    }


@pytest.mark.parametrize(
    ("adjective", "raion"),
    [
        ("Каховський", "Kakhovka Raion"),
        ("Лозівський", "Lozova Raion"),  # о/і alternate
        ("Бучанський", "Bucha Raion"),
        ("Криворізький", "Kryvyi Rih Raion"),
        ("Білоцерківський", "Bila Tserkva Raion"),
        ("Дніпровський", "Dnipro Raion"),  # the city, not the village Dniprove
        ("Куп’янський", "Kupiansk Raion"),
        ("Дністровський", "Dnistrovskyi Raion"),  # named for a river: no city to take
    ],
)
def test_raions_take_their_centre_city_name(
    hierarchy: Hierarchy, adjective: str, raion: str
) -> None:
    assert _one(hierarchy, adjective, UnitLevel.RAION).name == raion


def test_nova_kakhovka_ancestors(hierarchy: Hierarchy) -> None:
    city = _one(hierarchy, "Nova Kakhovka", UnitLevel.CITY)
    names = [(u.level, u.name) for u in hierarchy.ancestors(city)]
    assert names == [
        (UnitLevel.HROMADA, "Nova Kakhovka Hromada"),
        (UnitLevel.RAION, "Kakhovka Raion"),
        (UnitLevel.OBLAST, "Kherson Oblast"),
    ]
    assert city.region == "Kherson Oblast"


def test_contains(hierarchy: Hierarchy) -> None:
    oblast = _one(hierarchy, "Kherson Oblast", UnitLevel.OBLAST)
    raion = _one(hierarchy, "Kakhovka Raion", UnitLevel.RAION)
    city = _one(hierarchy, "Nova Kakhovka", UnitLevel.CITY)
    kharkiv = _one(hierarchy, "Kharkiv Oblast", UnitLevel.OBLAST)
    assert hierarchy.contains(oblast.code, city.code)
    assert hierarchy.contains(raion.code, city.code)
    assert hierarchy.contains(city.code, city.code)
    assert not hierarchy.contains(kharkiv.code, city.code)
    assert not hierarchy.contains(city.code, oblast.code)
    assert not hierarchy.contains("UA00", city.code)


def test_settlements_of_a_raion(hierarchy: Hierarchy) -> None:
    raion = _one(hierarchy, "Kakhovka Raion", UnitLevel.RAION)
    settlements = hierarchy.settlements_of(raion.code)
    names = {u.name for u in settlements}
    assert {"Nova Kakhovka", "Kakhovka", "Tavriisk"} <= names
    assert all(u.level.is_settlement and u.raion == raion.code for u in settlements)
    assert len(settlements) > 50
    village = settlements[-1]
    assert hierarchy.settlements_of(village.code) == (village,)


@pytest.mark.parametrize(
    ("text", "level", "name"),
    [
        ("Kherson Oblast", UnitLevel.OBLAST, "Kherson Oblast"),
        ("Херсонська область", UnitLevel.OBLAST, "Kherson Oblast"),
        ("Херсонській області", UnitLevel.OBLAST, "Kherson Oblast"),
        ("Kherson region", UnitLevel.OBLAST, "Kherson Oblast"),
        ("Херсонщина", UnitLevel.OBLAST, "Kherson Oblast"),
        ("Kyiv region", UnitLevel.OBLAST, "Kyiv Oblast"),
        ("Автономна Республіка Крим", UnitLevel.OBLAST, "Crimea"),
        ("Kherson", UnitLevel.CITY, "Kherson"),
        ("м. Херсон", UnitLevel.CITY, "Kherson"),
        ("Каховський район", UnitLevel.RAION, "Kakhovka Raion"),
        ("Каховському районі", UnitLevel.RAION, "Kakhovka Raion"),
        ("Каховський", UnitLevel.RAION, "Kakhovka Raion"),
        ("kakhovka raion", UnitLevel.RAION, "Kakhovka Raion"),
        ("Kakhovka district", UnitLevel.RAION, "Kakhovka Raion"),
        ("Kakhovskyi raion", UnitLevel.RAION, "Kakhovka Raion"),
        ("Kakhovka hromada", UnitLevel.HROMADA, "Kakhovka Hromada"),
        ("Kakhovka urban territorial community", UnitLevel.HROMADA, "Kakhovka Hromada"),
        ("Каховська міська територіальна громада", UnitLevel.HROMADA, "Kakhovka Hromada"),
        ("Каховська громада", UnitLevel.HROMADA, "Kakhovka Hromada"),
        ("Нова Каховка", UnitLevel.CITY, "Nova Kakhovka"),
        ("Новій Каховці", UnitLevel.CITY, "Nova Kakhovka"),
        ("NOVA KAKHOVKA", UnitLevel.CITY, "Nova Kakhovka"),
        ("Nova-Kakhovka", UnitLevel.CITY, "Nova Kakhovka"),
        ("Kupiansk", UnitLevel.CITY, "Kupiansk"),
        ("Kup'iansk", UnitLevel.CITY, "Kupiansk"),
        ("Куп'янськ", UnitLevel.CITY, "Kupiansk"),
        ("Kupiansk Raion", UnitLevel.RAION, "Kupiansk Raion"),
        ("Kyiv", UnitLevel.SPECIAL_CITY, "Kyiv"),
        ("Sevastopol", UnitLevel.SPECIAL_CITY, "Sevastopol"),
    ],
)
def test_find(hierarchy: Hierarchy, text: str, level: UnitLevel, name: str) -> None:
    found = hierarchy.find(text)
    assert found, text
    assert (found[0].level, found[0].name) == (level, name)


@pytest.mark.parametrize("text", ["", "Atlantis", "Paris Oblast", "raion"])
def test_find_nothing(hierarchy: Hierarchy, text: str) -> None:
    assert hierarchy.find(text) == ()


@pytest.mark.parametrize(
    ("uk", "latin"),
    [
        ("Згурівка", "Zghurivka"),  # зг is zgh
        ("Яготин", "Yahotyn"),  # я at a word start is ya, г is h
        ("Єнакієве", "Yenakiieve"),  # є: ye first, ie inside
        ("Чорнобаївка", "Chornobaivka"),  # ї inside is i
        ("Щастя", "Shchastia"),
        ("Запоріжжя", "Zaporizhzhia"),
        ("Гола Пристань", "Hola Prystan"),
        ("Куп’янськ", "Kupiansk"),  # apostrophe and soft sign drop
    ],
)
def test_names_follow_the_2010_romanisation(hierarchy: Hierarchy, uk: str, latin: str) -> None:
    found = [u for u in hierarchy.find(uk) if u.level.is_settlement]
    assert found, uk
    assert {u.name for u in found} == {latin}
    assert {u.name_uk for u in found} == {uk}


def test_namesakes_are_all_found(hierarchy: Hierarchy) -> None:
    found = hierarchy.find("Novoselivka")
    assert len(found) > 20
    assert len({u.region for u in found}) > 10
    assert hierarchy.find("Новоселівка") == found
    assert set(hierarchy.find("Новоселівці")) >= set(found)


@pytest.mark.parametrize(
    ("oblasts", "region"),
    [
        (("Kharkiv Oblast",), "Kharkiv Oblast"),
        (("Харківська область",), "Kharkiv Oblast"),
        (("Kharkiv",), "Kharkiv Oblast"),  # the region a city names in context
        (("Kherson Oblast", "Zaporizhzhia Oblast"), None),
    ],
)
def test_best_by_oblast_context(
    hierarchy: Hierarchy, oblasts: tuple[str, ...], region: str | None
) -> None:
    picked = hierarchy.best("Novoselivka", context_oblasts=oblasts)
    assert picked is not None
    unit, score = picked
    assert unit.region == (region or unit.region)
    assert unit.region in {*oblasts, "Kharkiv Oblast"}
    bare = hierarchy.best("Novoselivka")
    assert bare is not None
    assert 0 < bare[1] < score <= 1


def test_best_by_raion_context_is_surer(hierarchy: Hierarchy) -> None:
    raions = hierarchy.raion_of("Novoselivka", "Kharkiv Oblast")
    assert len(raions) > 1
    assert all(r.level is UnitLevel.RAION and r.region == "Kharkiv Oblast" for r in raions)
    izium = _one(hierarchy, "Izium Raion", UnitLevel.RAION)
    assert izium in raions
    by_raion = hierarchy.best("Novoselivka", context_raions=("Izium Raion",))
    by_oblast = hierarchy.best("Novoselivka", context_oblasts=("Kharkiv Oblast",))
    assert by_raion is not None
    assert by_oblast is not None
    assert hierarchy.contains(izium.code, by_raion[0].code)
    assert by_raion[1] > by_oblast[1]


def test_best_when_context_contradicts(hierarchy: Hierarchy) -> None:
    picked = hierarchy.best("Nova Kakhovka", context_oblasts=("Lviv Oblast",))
    assert picked is not None
    assert picked[0].name == "Nova Kakhovka"
    assert picked[1] == 1.0  # one place of that name: context has nothing to decide
    kyiv = hierarchy.best("Kyiv", context_oblasts=("Lviv Oblast",))
    assert kyiv is not None
    assert kyiv[0].level is UnitLevel.SPECIAL_CITY
    assert kyiv[1] <= 0.5


def test_best_prefers_a_city_over_namesake_villages(hierarchy: Hierarchy) -> None:
    picked = hierarchy.best("Kherson")
    assert picked is not None
    assert picked[0].level is UnitLevel.CITY
    assert hierarchy.best("Atlantis") is None


def test_raion_of_a_unique_settlement(hierarchy: Hierarchy) -> None:
    (raion,) = hierarchy.raion_of("Нова Каховка", "Херсонська область")
    assert raion.name == "Kakhovka Raion"
    assert hierarchy.raion_of("Nova Kakhovka", "Lviv Oblast") == ()


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("kakhovka raion", ("raion:", "kakhovka")),
        ("kakhovka urban hromada", ("hromada:", "kakhovka")),
        ("херсонська область", ("oblast:", "херсонська")),
        ("м херсон", ("", "херсон")),
        ("raion", ("", "raion")),
    ],
)
def test_split_level(key: str, expected: tuple[str, str]) -> None:
    assert split_level(key) == expected


@pytest.mark.parametrize(
    ("adjective", "noun", "fits"),
    [
        ("Каховський", "Каховка", True),
        ("Лозівський", "Лозова", True),
        ("Каховська", "Херсон", False),
    ],
)
def test_center_score(adjective: str, noun: str, *, fits: bool) -> None:
    assert (center_score(adjective, noun) >= 0.75) is fits


def test_cache_round_trip_and_staleness(tmp_path: Path) -> None:
    path = tmp_path / "h.json.gz"
    index = {
        "key": "k1",
        "units": [["UA1", "O", "Х", "X", -1, -1, -1, -1]],
        "names": "",
        "stems": "",
    }
    write_cache(path, index)
    assert read_cache(path, "k1") == index
    assert read_cache(path, "k2") is None
    assert read_cache(tmp_path / "missing.json.gz", "k1") is None
    path.write_bytes(b"not gzip")
    assert read_cache(path, "k1") is None
    hierarchy = Hierarchy(index)
    assert hierarchy.unit("UA1") == Unit("UA1", UnitLevel.OBLAST, "X", "Х", "X")
