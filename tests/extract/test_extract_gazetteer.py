"""Gazetteer: names, regions, Cyrillic inflections, and the on-disk cache."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from bot.config.schema import PlacesSettings
from bot.extract.gazetteer import Gazetteer
from bot.extract.gazetteer_build import cache_key, cache_path
from bot.extract.index_cache import default_cache_dir
from bot.records import PlaceLevel


@pytest.fixture(scope="module")
def gaz(tmp_path_factory: pytest.TempPathFactory) -> Gazetteer:
    # Shared across runs and modules: building costs seconds; the cache key keeps it honest.
    cache = tmp_path_factory.getbasetemp().parent / "newsalert-gazetteer-cache"
    return Gazetteer.load(PlacesSettings(cache_dir=str(cache)))


@pytest.mark.parametrize(
    ("name", "expected", "admin1"),
    [
        ("Kherson", "Kherson", "Kherson Oblast"),
        ("Nova Kakhovka", "Nova Kakhovka", "Kherson Oblast"),
        ("Hola Prystan", "Hola Prystan", "Kherson Oblast"),
        ("Chornobaivka", "Chornobaivka", "Kherson Oblast"),
        ("Zaporizhzhia", "Zaporizhzhia", "Zaporizhzhia Oblast"),
        ("Zaporozhye", "Zaporizhzhia", "Zaporizhzhia Oblast"),
        ("Kyiv", "Kyiv", "Kyiv"),
        ("Kiev", "Kyiv", "Kyiv"),
        ("Izium", "Izium", "Kharkiv Oblast"),
        ("Kharkov", "Kharkiv", "Kharkiv Oblast"),
        ("Kryvyi Rih", "Kryvyi Rih", "Dnipropetrovsk Oblast"),
        ("Bila Tserkva", "Bila Tserkva", "Kyiv Oblast"),
        ("Simferopol", "Simferopol", "Crimea"),
        ("Sevastopol", "Sevastopol", "Sevastopol"),
        ("Uzhhorod", "Uzhhorod", "Zakarpattia Oblast"),
        ("Lutsk", "Lutsk", "Volyn Oblast"),
        ("Rostov", "Rostov-on-Don", "Rostov Oblast"),
        ("Krasnodar", "Krasnodar", "Krasnodar Krai"),
        ("Belgorod", "Belgorod", "Belgorod Oblast"),
        ("Sudzha", "Sudzha", "Kursk Oblast"),
        ("Gomel", "Gomel", "Gomel Region"),
        ("Херсоні", "Kherson", "Kherson Oblast"),
        ("Харкова", "Kharkiv", "Kharkiv Oblast"),
        ("Харкові", "Kharkiv", "Kharkiv Oblast"),
        ("Запорожье", "Zaporizhzhia", "Zaporizhzhia Oblast"),
        ("Запоріжжі", "Zaporizhzhia", "Zaporizhzhia Oblast"),
        ("Києві", "Kyiv", "Kyiv"),
        ("Одесі", "Odesa", "Odesa Oblast"),
        ("Новій Каховці", "Nova Kakhovka", "Kherson Oblast"),
    ],
)
def test_lookup_names_settlement_and_region(
    gaz: Gazetteer, name: str, expected: str, admin1: str
) -> None:
    best = gaz.lookup(name)[0]
    assert (best.name, best.admin1, best.level) == (expected, admin1, PlaceLevel.SETTLEMENT)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kherson region", "Kherson Oblast"),
        ("Kherson Oblast", "Kherson Oblast"),
        ("kherson province", "Kherson Oblast"),
        ("Khersonshchyna", "Kherson Oblast"),
        ("Херсонська область", "Kherson Oblast"),
        ("Херсонщині", "Kherson Oblast"),
        ("Херсонской области", "Kherson Oblast"),
        ("Zaporozhye region", "Zaporizhzhia Oblast"),
        ("Lugansk oblast", "Luhansk Oblast"),
        ("Dnipro region", "Dnipropetrovsk Oblast"),
        ("Crimea", "Crimea"),
        ("Республика Крым", "Crimea"),
        ("Kyiv", "Kyiv"),
        ("Kyiv Oblast", "Kyiv Oblast"),
        ("Krasnodar Krai", "Krasnodar Krai"),
        ("Kuban", "Krasnodar Krai"),
        ("Rostov region", "Rostov Oblast"),
        ("Moscow region", "Moscow Oblast"),
    ],
)
def test_region_accepts_variants(gaz: Gazetteer, name: str, expected: str) -> None:
    region = gaz.region(name)
    assert region is not None
    assert (region.name, region.admin1, region.level) == (expected, expected, PlaceLevel.REGION)


def test_ukraine_has_all_27_regions_each_with_settlements(gaz: Gazetteer) -> None:
    ukrainian = {gaz.region(n) for n in _UA_REGIONS}
    assert len(ukrainian) == 27
    assert all(r is not None and r.country == "UA" for r in ukrainian)
    empty = [n for n in _UA_REGIONS if not gaz.by_admin1(n)]
    assert empty == []


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Ukraine", "UA"),
        ("Україні", "UA"),
        ("Украины", "UA"),
        ("Russia", "RU"),
        ("Белоруссия", "BY"),
    ],
)
def test_country_aliases_and_inflections(gaz: Gazetteer, name: str, code: str) -> None:
    country = gaz.country(name)
    assert country is not None
    assert (country.country, country.level) == (code, PlaceLevel.COUNTRY)


@pytest.mark.parametrize("name", ["赫尔松", "KHE", "heruson", "Sardo", "Twitter"])
def test_other_scripts_codes_and_romanisations_are_not_indexed(gaz: Gazetteer, name: str) -> None:
    assert gaz.lookup(name) == ()


def test_lookup_normalises_case_diacritics_and_apostrophes(gaz: Gazetteer) -> None:
    assert gaz.lookup("KHERSON") == gaz.lookup("Kherson")
    assert gaz.lookup("Zaporozh’ye")[0].name == "Zaporizhzhia"
    assert gaz.lookup("Rostov-on-Don") == gaz.lookup("rostov on don")


def test_by_admin1_lists_largest_first(gaz: Gazetteer) -> None:
    places = gaz.by_admin1("Kherson Oblast")
    assert places[0].name == "Kherson"
    assert [p.population for p in places] == sorted((p.population for p in places), reverse=True)


# --- cache -----------------------------------------------------------------------------------

_SMALL = {"countries": ("MD",), "min_population": 15000}


def test_cache_is_written_then_reused(tmp_path: Path) -> None:
    settings = PlacesSettings(cache_dir=str(tmp_path), **_SMALL)
    first = Gazetteer.load(settings)
    path = cache_path(settings, cache_key(settings))
    assert path.exists()
    stamp = path.stat().st_mtime_ns
    second = Gazetteer.load(settings)
    assert path.stat().st_mtime_ns == stamp
    assert len(second) == len(first)
    assert second.lookup("Tiraspol")[0].admin1 == "Transnistria"


def test_changed_settings_build_a_new_cache(tmp_path: Path) -> None:
    one = PlacesSettings(cache_dir=str(tmp_path), **_SMALL)
    two = PlacesSettings(cache_dir=str(tmp_path), countries=("MD", "BY"), min_population=15000)
    assert cache_key(one) != cache_key(two)
    small, bigger = Gazetteer.load(one), Gazetteer.load(two)
    assert len(list(tmp_path.glob("gazetteer-*.json.gz"))) == 2
    assert len(bigger) > len(small)
    assert small.lookup("Gomel") == ()
    assert bigger.lookup("Gomel")[0].country == "BY"


@pytest.mark.parametrize(
    "content",
    [b"not gzip at all", gzip.compress(b"{truncated"), gzip.compress(b"[1, 2]"), b""],
)
def test_corrupt_cache_is_rebuilt(tmp_path: Path, content: bytes) -> None:
    settings = PlacesSettings(cache_dir=str(tmp_path), **_SMALL)
    path = cache_path(settings, cache_key(settings))
    path.write_bytes(content)
    gaz = Gazetteer.load(settings)
    assert gaz.lookup("Chisinau")[0].country == "MD"
    with gzip.open(path, "rt", encoding="utf-8") as f:
        assert json.load(f)["key"] == cache_key(settings)


def test_stale_key_in_the_same_file_is_rebuilt(tmp_path: Path) -> None:
    settings = PlacesSettings(cache_dir=str(tmp_path), **_SMALL)
    Gazetteer.load(settings)
    path = cache_path(settings, cache_key(settings))
    with gzip.open(path, "rt", encoding="utf-8") as f:
        index = json.load(f)
    index["key"], index["places"] = "stale", []
    path.write_bytes(gzip.compress(json.dumps(index).encode()))
    assert len(Gazetteer.load(settings)) > 0


def test_unwritable_cache_dir_still_loads(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    gaz = Gazetteer.load(PlacesSettings(cache_dir=str(blocker / "sub"), **_SMALL))
    assert gaz.lookup("Chisinau")


def test_default_cache_dir_honours_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "newsalert"


_UA_REGIONS = (
    "Cherkasy Oblast", "Chernihiv Oblast", "Chernivtsi Oblast", "Dnipropetrovsk Oblast",
    "Donetsk Oblast", "Ivano-Frankivsk Oblast", "Kharkiv Oblast", "Kherson Oblast",
    "Khmelnytskyi Oblast", "Kirovohrad Oblast", "Crimea", "Kyiv", "Kyiv Oblast",
    "Luhansk Oblast", "Lviv Oblast", "Mykolaiv Oblast", "Odesa Oblast", "Poltava Oblast",
    "Rivne Oblast", "Sevastopol", "Sumy Oblast", "Ternopil Oblast", "Vinnytsia Oblast",
    "Volyn Oblast", "Zakarpattia Oblast", "Zaporizhzhia Oblast", "Zhytomyr Oblast",
)  # fmt: skip
