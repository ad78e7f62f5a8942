"""Choosing among places of one name, and saying how sure the choice is."""

from __future__ import annotations

import pytest

from bot.extract.namesakes import Namesakes, unlisted
from bot.records import Place, PlaceLevel

RULES = Namesakes("UA")
KHARKIV = Place(
    "Kharkiv", "UA", "Kharkiv Oblast", 50.0, 36.2, geonameid=706483, population=1_430_885
)
KHARKIV_VILLAGE = Place("Kharkiv", "UA", "Poltava Oblast", 49.5, 34.1, code="UA53", population=0)
NOVOSELIVKAS = tuple(
    Place("Novoselivka", "UA", oblast, 48.0, 35.0, geonameid=i, population=1_500)
    for i, oblast in enumerate(("Kharkiv Oblast", "Odesa Oblast", "Donetsk Oblast", "Sumy Oblast"))
)
KYIV_CITY = Place("Kyiv", "UA", "Kyiv", 50.45, 30.52, level=PlaceLevel.REGION)
KHERSON = Place(
    "Kherson", "UA", "Kherson Oblast", 46.6, 32.6, geonameid=706448, population=280_000
)
# A city far from the war (GeoNames keeps no region of it here) and a village of its name in
# a border oblast, as a Belgorod governor's post names it.
OKTYABRSKY_FAR = Place("Oktyabrsky", "RU", None, 54.5, 53.5, geonameid=515879, population=108_200)
OKTYABRSKIY_BELGOROD = Place(
    "Oktyabr’skiy", "RU", "Belgorod Oblast", 50.9, 36.6, geonameid=515907, population=8_471
)
KURSK = Place("Kursk", "RU", "Kursk Oblast", 51.7, 36.2, geonameid=538560, population=440_000)
KURSK_VILLAGE = Place("Kursk", "RU", "Belgorod Oblast", 50.9, 36.6, geonameid=1, population=300)


@pytest.mark.parametrize(
    ("places", "context", "chosen", "low", "high"),
    [
        # A big city outweighs its village namesake: chosen and sure.
        ((KHARKIV, KHARKIV_VILLAGE), set(), KHARKIV, 0.99, 1.0),
        # Four equal villages and no context: the first, and a guess.
        (NOVOSELIVKAS, set(), NOVOSELIVKAS[0], 0.0, 0.3),
        # The text names Donetsk Oblast: that one, and sure.
        (NOVOSELIVKAS, {"Donetsk Oblast"}, NOVOSELIVKAS[2], 0.99, 1.0),
        # A city district shared by Kyiv and Kherson: the city in context wins.
        ((KYIV_CITY, KHERSON), {"Kherson Oblast"}, KHERSON, 0.99, 1.0),
        # A big city far from the war loses to the namesake in the region the text names...
        (
            (OKTYABRSKY_FAR, OKTYABRSKIY_BELGOROD),
            {"Belgorod Oblast"},
            OKTYABRSKIY_BELGOROD,
            0.0,
            1.0,
        ),
        # ... and wins without one.
        ((OKTYABRSKY_FAR, OKTYABRSKIY_BELGOROD), set(), OKTYABRSKY_FAR, 0.5, 1.0),
        # A big city in a region the gazetteer keeps still wins over a village in context.
        ((KURSK, KURSK_VILLAGE), {"Belgorod Oblast"}, KURSK, 0.5, 1.0),
    ],
)
def test_choose_and_sureness(
    places: tuple[Place, ...], context: set[str], chosen: Place, low: float, high: float
) -> None:
    got = RULES.choose(places, context)
    assert got == chosen
    assert low <= RULES.sureness(got, places, context) <= high


def test_codifier_only_namesakes_need_their_oblast_named() -> None:
    village_a = Place("Sieverne", "UA", "Donetsk Oblast", 48.0, 37.0, code="UA14")
    village_b = Place("Sieverne", "UA", "Crimea", 45.0, 34.0, code="UA01")
    assert unlisted(village_a)
    assert RULES.plausible((village_a, village_b), set()) == ()
    assert RULES.plausible((village_a, village_b), {"Donetsk Oblast"}) == (village_a,)
    assert RULES.plausible((village_a,), set()) == (village_a,)  # unique: kept


def test_ambiguous_when_several_big_places_or_a_guess() -> None:
    assert RULES.ambiguous((KYIV_CITY, KHERSON), 1.0)
    assert not RULES.ambiguous((KHARKIV, KHARKIV_VILLAGE), 1.0)
    assert RULES.ambiguous(NOVOSELIVKAS, 0.25)


RYBOTYN = Place("Rybotyn", "UA", "Chernihiv Oblast", 51.6, 32.9, geonameid=1, population=950)
ROBOTYNE = Place("Robotyne", "UA", "Zaporizhzhia Oblast", 47.3, 35.7, code="UA23")
RYBOTEN = Place("Ryboten", "UA", "Sumy Oblast", 50.3, 34.8, code="UA59")
BILOZERKA = Place("Bilozerka", "UA", "Kherson Oblast", 46.6, 32.4, geonameid=2, population=9_565)
BILOZERKA_SUMY = Place("Bilozerka", "UA", "Sumy Oblast", 51.0, 34.0, code="UA59b")
BILOZIRKA = Place("Bilozirka", "UA", "Mykolaiv Oblast", 47.0, 32.0, geonameid=3, population=1_757)


@pytest.mark.parametrize(
    ("plausible", "everyone", "context", "low", "high"),
    [
        # The codifier's villages set aside, one listed village is left; but the spelling
        # fits three oblasts, and nothing says which: a guess.
        ((RYBOTYN,), (RYBOTYN, ROBOTYNE, RYBOTEN), set(), 0.0, 0.34),
        # The same, with the chosen village's oblast named: sure.
        ((RYBOTYN,), (RYBOTYN, ROBOTYNE, RYBOTEN), {"Chernihiv Oblast"}, 0.99, 1.0),
        # A town ten times bigger than every place of its very name is what the name means,
        # whatever similar names the inflection also fits.
        (
            (BILOZERKA, BILOZIRKA),
            (BILOZERKA, BILOZIRKA, BILOZERKA_SUMY),
            set(),
            0.8,
            1.0,
        ),
    ],
)
def test_namesakes_in_other_oblasts_make_a_village_a_guess(
    plausible: tuple[Place, ...],
    everyone: tuple[Place, ...],
    context: set[str],
    low: float,
    high: float,
) -> None:
    chosen = RULES.choose(plausible, context)
    assert low <= RULES.sureness(chosen, plausible, context, everyone=everyone) <= high
