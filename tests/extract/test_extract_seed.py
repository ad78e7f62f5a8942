"""The seed article: the first alert newsalert has to get right."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.extract import Extractor
from bot.records import (
    Article,
    Aspect,
    Event,
    EventKind,
    Figure,
    FigureName,
    PlaceRole,
    Qualifier,
    Weapon,
)
from bot.render.summary import summary_line
from tests.paths import SEED, need

# The AP story ran on Friday 14 October 2022; "Monday" is the 10th, "Thursday" the 13th.
PUBLISHED = datetime(2022, 10, 14, 9, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def events(extractor: Extractor) -> tuple[Event, ...]:
    title, _, body = need(SEED).read_text(encoding="utf-8").partition("\n")
    article = Article("seed", "seed", None, title.strip(), body.strip(), PUBLISHED, PUBLISHED)
    return extractor.extract(article)


def of_kind(events: tuple[Event, ...], kind: EventKind) -> list[Event]:
    return [e for e in events if e.kind is kind]


def names(event: Event, role: PlaceRole | None = None) -> set[str]:
    return {m.place.name for m in event.places if role is None or m.role is role}


def speakers(event: Event) -> str:
    return " | ".join(f"{a.who} ({a.role})" for a in event.attribution)


def test_evacuation_names_both_ends_and_who_ordered_it(events: tuple[Event, ...]) -> None:
    (evac,) = of_kind(events, EventKind.EVACUATION)
    origins = {m.place.name: m.place.admin1 for m in evac.places if m.role is PlaceRole.ORIGIN}
    for town in ("Kherson", "Nova Kakhovka", "Hola Prystan", "Chornobaivka"):
        assert origins.get(town) == "Kherson Oblast", (town, origins)
    dest_regions = {m.place.admin1 for m in evac.places if m.role is PlaceRole.DESTINATION}
    assert {"Rostov Oblast", "Krasnodar Krai", "Stavropol Krai", "Crimea"} <= dest_regions
    assert "Sardo" in speakers(evac)


def test_recaptured_settlements_per_region(events: tuple[Event, ...]) -> None:
    found = {}
    for e in of_kind(events, EventKind.TERRITORIAL_CHANGE):
        fig = e.figure(FigureName.SETTLEMENTS)
        if fig is not None:
            found[e.regions] = fig.value
    assert found.get(("Kherson Oblast",)) == 75
    assert found.get(("Kharkiv Oblast",)) == 502
    assert found.get(("Donetsk Oblast",)) == 43
    assert found.get(("Luhansk Oblast",)) == 7
    kherson = next(
        e
        for e in of_kind(events, EventKind.TERRITORIAL_CHANGE)
        if e.regions == ("Kherson Oblast",)
    )
    assert "Ministry of Reintegration" in speakers(kherson)


def test_strikes_on_zaporizhzhia_infrastructure_without_casualties(
    events: tuple[Event, ...],
) -> None:
    strikes = [e for e in of_kind(events, EventKind.STRIKE) if "Zaporizhzhia" in names(e)]
    assert len(strikes) == 1, [summary_line(e) for e in of_kind(events, EventKind.STRIKE)]
    strike = strikes[0]
    assert strike.weapon is Weapon.MISSILE
    assert strike.no_casualties
    assert strike.figure(FigureName.KILLED) is None
    assert "Oleksandr Starukh (governor)" in speakers(strike)
    assert {m.place.admin1 for m in strike.places} == {"Zaporizhzhia Oblast"}


def test_monday_toll_keeps_its_qualifier_and_ties_to_kyiv(events: tuple[Event, ...]) -> None:
    tolls = [e for e in events if e.figure(FigureName.KILLED) is not None]
    assert len(tolls) == 1
    toll = tolls[0]
    assert toll.figure(FigureName.KILLED) == Figure(19, Qualifier.EXACT)
    injured = toll.figure(FigureName.INJURED)
    assert injured is not None
    assert (injured.value, injured.qualifier) == (100, Qualifier.MORE_THAN)
    assert "Kyiv" in names(toll)
    assert toll.date == date(2022, 10, 10)


def test_nuclear_plant_on_diesel_power(events: tuple[Event, ...]) -> None:
    (nuclear,) = of_kind(events, EventKind.NUCLEAR_SAFETY)
    # The plant, and the town it stands by (its subscribers follow the plant).
    assert names(nuclear) == {"Zaporizhzhia Nuclear Power Plant", "Enerhodar"}
    assert nuclear.aspect is Aspect.DIESEL_POWER
    assert nuclear.date == date(2022, 10, 12)


def test_dates_resolve_against_publish_time(events: tuple[Event, ...]) -> None:
    (evac,) = of_kind(events, EventKind.EVACUATION)
    assert evac.date == date(2022, 10, 13)


def test_a_huge_article_is_read_only_up_to_its_cut_and_reports_a_bounded_number_of_events(
    extractor: Extractor,
) -> None:
    # Issue 11: nothing capped what extraction read, so one broken megabyte-long item cost
    # minutes of CPU at every restart, and could list hundreds of events (alerts).
    from bot.extract import MAX_EVENTS, MAX_TEXT

    towns = ["Kherson", "Nikopol", "Kharkiv", "Sumy", "Odesa", "Pokrovsk", "Izium", "Toretsk"]
    parts = [
        f"Russian forces shelled {towns[i % len(towns)]} on Monday, killing {i % 9 + 1} "
        f"civilians and injuring {i % 7 + 2}. "
        for i in range(12_000)
    ]
    body = "".join(parts)
    late = " Russian missiles struck Chernihiv on Monday, killing 44 people."
    at = datetime(2024, 9, 3, 8, tzinfo=UTC)
    events = extractor.extract(Article("s", None, None, "Shelling", body + late, at, at))
    assert 1 <= len(events) <= MAX_EVENTS
    assert len(body) > MAX_TEXT
    # What comes after the cut is not read.
    assert not any(m.place.name == "Chernihiv" for e in events for m in e.places)
