"""Filter text ⇄ Filter: a round-trip table, the forgiving forms, and the friendly errors."""

from __future__ import annotations

import difflib
import random

import pytest

from bot.alerts.filters import FILTER_HELP, format_filter, parse_filter
from bot.errors import FilterError
from bot.records import EventKind, Filter, PlaceLevel, PlaceRef, Severity

UKRAINE = PlaceRef("Ukraine", PlaceLevel.COUNTRY, "UA")
KHERSON_OBLAST = PlaceRef(
    "Kherson Oblast", PlaceLevel.REGION, "UA", admin1="Kherson Oblast", geonameid=706442
)
NOVA_KAKHOVKA = PlaceRef(
    "Nova Kakhovka", PlaceLevel.SETTLEMENT, "UA", admin1="Kherson Oblast", geonameid=698131
)
KYIV = PlaceRef("Kyiv", PlaceLevel.SETTLEMENT, "UA", admin1="Kyiv City", geonameid=703448)
IVANO_FRANKIVSK = PlaceRef(
    "Ivano-Frankivsk", PlaceLevel.SETTLEMENT, "UA", admin1="Ivano-Frankivsk Oblast"
)


class FakePlaces:
    """A five-place gazetteer with the resolver's contract: exact names, case-insensitive."""

    def __init__(self) -> None:
        refs = (UKRAINE, KHERSON_OBLAST, NOVA_KAKHOVKA, KYIV, IVANO_FRANKIVSK)
        self._by_name = {ref.name.casefold(): ref for ref in refs}
        self._by_name["kiev"] = KYIV

    def resolve_place(self, name: str) -> PlaceRef | None:
        return self._by_name.get(name.casefold())

    def suggest(self, name: str) -> tuple[str, ...]:
        names = [ref.name for ref in self._by_name.values()]
        return tuple(difflib.get_close_matches(name, names, n=3, cutoff=0.6))


PLACES = FakePlaces()

VALID = [
    # (typed, expected filter, normalised text)
    ("", Filter(), "all"),
    ("all", Filter(), "all"),
    ("  ALL  ", Filter(), "all"),
    ("strikes", Filter(kinds=(EventKind.STRIKE,)), "strikes"),
    ("missile drones shelling strike", Filter(kinds=(EventKind.STRIKE,)), "strikes"),
    (
        "Casualties evacuations",
        Filter(kinds=(EventKind.EVACUATION, EventKind.CASUALTIES)),
        "evacuations casualties",
    ),
    (
        "battles air-defence nuclear frontline outages deaths",
        Filter(
            kinds=(
                EventKind.CASUALTIES,
                EventKind.INFRASTRUCTURE_DAMAGE,
                EventKind.TERRITORIAL_CHANGE,
                EventKind.NUCLEAR_SAFETY,
                EventKind.AIR_DEFENSE,
                EventKind.GROUND_FIGHTING,
            )
        ),
        "casualties infrastructure territory nuclear air-defense fighting",
    ),
    ("interceptions", Filter(kinds=(EventKind.AIR_DEFENSE,)), "air-defense"),
    ("Air Defence", Filter(kinds=(EventKind.AIR_DEFENSE,)), "air-defense"),
    (
        "front line in Kyiv air defense",
        Filter(kinds=(EventKind.TERRITORIAL_CHANGE, EventKind.AIR_DEFENSE), places=(KYIV,)),
        "territory air-defense in:Kyiv",
    ),
    (
        'in:Kyiv "air defense"',
        Filter(places=(KYIV,), include=("air defense",)),
        'in:Kyiv "air defense"',
    ),
    ('in:"Nova Kakhovka', Filter(places=(NOVA_KAKHOVKA,)), 'in:"Nova Kakhovka"'),
    (
        "power recaptures",
        Filter(kinds=(EventKind.INFRASTRUCTURE_DAMAGE, EventKind.TERRITORIAL_CHANGE)),
        "infrastructure territory",
    ),
    ("in:Kyiv", Filter(places=(KYIV,)), "in:Kyiv"),
    ("in:kiev", Filter(places=(KYIV,)), "in:Kyiv"),
    ("in:Ukraine", Filter(places=(UKRAINE,)), "in:Ukraine"),
    ('in:"Nova Kakhovka"', Filter(places=(NOVA_KAKHOVKA,)), 'in:"Nova Kakhovka"'),
    ("in:“nova   kakhovka”", Filter(places=(NOVA_KAKHOVKA,)), 'in:"Nova Kakhovka"'),
    ("in:nova-kakhovka", Filter(places=(NOVA_KAKHOVKA,)), 'in:"Nova Kakhovka"'),
    ("in:Nova_Kakhovka", Filter(places=(NOVA_KAKHOVKA,)), 'in:"Nova Kakhovka"'),
    ("in:ivano-frankivsk", Filter(places=(IVANO_FRANKIVSK,)), "in:Ivano-Frankivsk"),
    (
        "strikes in Kherson Oblast",
        Filter(kinds=(EventKind.STRIKE,), places=(KHERSON_OBLAST,)),
        'strikes in:"Kherson Oblast"',
    ),
    (
        "strikes in Kherson Oblast nuclear min:urgent",
        Filter(
            kinds=(EventKind.STRIKE, EventKind.NUCLEAR_SAFETY),
            places=(KHERSON_OBLAST,),
            min_severity=Severity.URGENT,
        ),
        'strikes nuclear in:"Kherson Oblast" min:urgent',
    ),
    (
        "in Kyiv and Nova Kakhovka",
        Filter(places=(KYIV, NOVA_KAKHOVKA)),
        'in:Kyiv in:"Nova Kakhovka"',
    ),
    (
        "in Kyiv, Ukraine strikes",
        Filter(kinds=(EventKind.STRIKE,), places=(KYIV, UKRAINE)),
        "strikes in:Kyiv in:Ukraine",
    ),
    (
        'in "Nova Kakhovka" "power plant"',
        Filter(places=(NOVA_KAKHOVKA,), include=("power plant",)),
        'in:"Nova Kakhovka" "power plant"',
    ),
    (
        '+Zaporizhzhia "Power  Plant" -drill -"training exercise"',
        Filter(include=("zaporizhzhia", "power plant"), exclude=("drill", "training exercise")),
        '+zaporizhzhia "power plant" -drill -"training exercise"',
    ),
    ('+"reactor"', Filter(include=("reactor",)), "+reactor"),
    ('+“x” "a“b" -«y»', Filter(include=("x", "a b"), exclude=("y",)), '+x "a b" -y'),
    ("+.*", Filter(include=(".*",)), "+.*"),
    ("min:URGENT", Filter(min_severity=Severity.URGENT), "min:urgent"),
    ("min:flash min:urgent", Filter(min_severity=Severity.URGENT), "min:urgent"),
    ("min:routine", Filter(), "all"),
    (
        "strike strikes in:Kyiv in:kyiv +a +A -b -B",
        Filter(kinds=(EventKind.STRIKE,), places=(KYIV,), include=("a",), exclude=("b",)),
        "strikes in:Kyiv +a -b",
    ),
    (
        "min:flash in:Kyiv +x strikes all",
        Filter(
            kinds=(EventKind.STRIKE,), places=(KYIV,), include=("x",), min_severity=Severity.FLASH
        ),
        "strikes in:Kyiv +x min:flash",
    ),
]


@pytest.mark.parametrize(("text", "expected", "normalised"), VALID)
def test_parse_format_round_trip(text: str, expected: Filter, normalised: str) -> None:
    parsed = parse_filter(text, places=PLACES)

    assert parsed == expected
    assert format_filter(parsed) == normalised
    assert parse_filter(normalised, places=PLACES) == parsed


ERRORS = [
    # (typed, fragments the message must contain)
    ("bananas", ['I don\'t understand "bananas"', "Example: strikes"]),
    ("strieks", ['Did you mean "strikes"?']),
    ("in:Khersn", ['I don\'t know the place "Khersn"', "Did you mean: Kherson Oblast"]),
    ("in Kyiv and Atlantis", ['I don\'t know the place "Atlantis"']),
    ("strikes in", ["Which place?", "strikes in Kyiv"]),
    ("in:", ["Which place?", "in:Kyiv"]),
    ("in: strikes", ["Which place?"]),
    ("min:huge", ['"min:huge" is not a severity', "min:flash"]),
    ("kind:strike", ["I don't know the option kind:."]),
    ("+", ["keyword is empty"]),
    ('-""', ["keyword is empty"]),
    ("+drill -Drill", ['"drill" is both required and excluded']),
    ("/strike.*/", ['I don\'t understand "/strike.*/"']),
]


@pytest.mark.parametrize(("text", "fragments"), ERRORS)
def test_errors_are_friendly(text: str, fragments: list[str]) -> None:
    with pytest.raises(FilterError) as caught:
        parse_filter(text, places=PLACES)

    for fragment in fragments:
        assert fragment in str(caught.value)


def test_unknown_place_without_close_match_offers_no_guess() -> None:
    with pytest.raises(FilterError) as caught:
        parse_filter("in:Atlantis", places=PLACES)

    assert "Did you mean" not in str(caught.value)


def test_help_lists_every_kind_and_an_example() -> None:
    for word in ("strikes", "evacuations", "nuclear", "air-defense", "min:urgent", "in:Kyiv"):
        assert word in FILTER_HELP


def test_round_trip_holds_for_random_combinations() -> None:
    vocabulary = [
        "strikes", "drones", "evacuations", "deaths", "power", "frontline", "nuclear",
        "air defence", "battles", "in:Kyiv", "in:nova-kakhovka", 'in:"Kherson Oblast"',
        "in Ukraine", "+reactor", '"power plant"', "-drill", '-"training exercise"',
        "min:urgent", "min:flash", "all",
    ]  # fmt: skip
    rng = random.Random(20221014)
    for _ in range(300):
        text = " ".join(rng.sample(vocabulary, rng.randint(0, 6)))
        parsed = parse_filter(text, places=PLACES)

        assert parse_filter(format_filter(parsed), places=PLACES) == parsed, text
