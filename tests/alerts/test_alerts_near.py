"""`near:` subscriptions: a point (a place or a shared location) and a radius, matched by the
distance of the places an event names."""

from __future__ import annotations

import pytest

from bot.alerts.filters import format_filter, parse_filter
from bot.alerts.match import km_between, matches, near_matches
from bot.errors import FilterError
from bot.extract.gazetteer import Gazetteer
from bot.extract.placeref import GazetteerResolver
from bot.i18n import Audience, translator
from bot.records import Event, EventKind, Near, Place, PlaceLevel, PlaceMention, Severity


@pytest.fixture(scope="module")
def resolver(gazetteer: Gazetteer) -> GazetteerResolver:
    return GazetteerResolver(gazetteer)


def town(name: str, lat: float, lon: float, level: PlaceLevel = PlaceLevel.SETTLEMENT) -> Place:
    return Place(name, "UA", "Kharkiv Oblast", lat, lon, level)


KHARKIV = town("Kharkiv", 49.9935, 36.2304)
CHUHUIV = town("Chuhuiv", 49.8359, 36.6863)
OBLAST = town("Kharkiv Oblast", 49.6, 36.4, PlaceLevel.REGION)


def event(*places: Place) -> Event:
    mentions = tuple(PlaceMention(p.name, p) for p in places)
    return Event(EventKind.STRIKE, mentions, (), (), None, "")


def test_distances_are_great_circle_kilometres() -> None:
    assert km_between(49.9935, 36.2304, 49.8359, 36.6863) == pytest.approx(36.9, abs=0.5)
    assert km_between(50.45, 30.52, 50.45, 30.52) == 0


@pytest.mark.parametrize(
    ("text", "name", "km"),
    [
        ("near:Chuhuiv", "Chuhuiv", 25),
        ("strikes near:Chuhuiv 40km", "Chuhuiv", 40),
        ('near:"Nova Kakhovka" 10km', "Nova Kakhovka", 10),
        ("біля:Чугуїв 15км", "Chuhuiv", 15),
        ("near:Kyiv 30km", "Kyiv", 30),
        ("near:49.8359,36.6863 5km", "49.8359,36.6863", 5),
    ],
)
def test_near_takes_a_place_or_a_point_and_a_radius(
    resolver: GazetteerResolver, text: str, name: str, km: int
) -> None:
    f = parse_filter(text, places=resolver)
    assert f.near is not None
    assert (f.near.name, f.near.km) == (name, km)
    # Written back and read again, it is the same filter.
    assert parse_filter(format_filter(f), places=resolver) == f


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("near:Chuhuiv 500km", "from 1 to 300 km"),
        ("near:Chuhuiv 0km", "from 1 to 300 km"),
        ("near:Atlantis", 'I don\'t know the place "Atlantis"'),
        ("near:95.0,36.0", "is not a point on Earth"),
        ("near:", "Near what?"),
    ],
)
def test_a_bad_near_is_a_clear_error(resolver: GazetteerResolver, text: str, says: str) -> None:
    with pytest.raises(FilterError, match=says):
        parse_filter(text, places=resolver)


def test_an_event_matches_by_the_distance_of_its_places() -> None:
    near = Near(CHUHUIV.lat or 0, CHUHUIV.lon or 0, 25, "Chuhuiv")
    assert near_matches(near, CHUHUIV)
    assert not near_matches(near, KHARKIV)  # 37 km away
    assert not near_matches(near, OBLAST)  # an oblast is no point
    wider = Near(near.lat, near.lon, 40, "Chuhuiv")
    assert near_matches(wider, KHARKIV)
    kyiv = Place("Kyiv", "UA", "Kyiv", 50.45, 30.52, PlaceLevel.REGION)
    assert near_matches(Near(50.4, 30.6, 20, "x"), kyiv)  # a city with a region's standing


def test_near_and_in_together_want_an_event_in_either(resolver: GazetteerResolver) -> None:
    f = parse_filter("strikes in:Kupiansk near:49.8359,36.6863 10km", places=resolver)
    kupiansk = resolver.locate("Kupiansk")
    assert kupiansk is not None
    assert matches(f, event(CHUHUIV), article_text="", severity=Severity.URGENT)
    assert matches(f, event(kupiansk), article_text="", severity=Severity.URGENT)
    assert not matches(f, event(KHARKIV), article_text="", severity=Severity.URGENT)


def test_a_ukrainian_chat_reads_near_in_its_words(resolver: GazetteerResolver) -> None:
    f = parse_filter("near:Chuhuiv 15km", places=resolver)
    assert format_filter(f, Audience(translator("uk"))) == "біля:Chuhuiv 15км"
