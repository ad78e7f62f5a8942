"""Round trips of the records the store keeps as JSON text."""

from __future__ import annotations

import json
from datetime import date

import pytest

from bot.records import (
    Aspect,
    Attribution,
    Block,
    BlockKind,
    Document,
    Event,
    EventKind,
    Figure,
    FigureName,
    Filter,
    Place,
    PlaceLevel,
    PlaceMention,
    PlaceRef,
    PlaceRole,
    Qualifier,
    Severity,
    Weapon,
)
from bot.store.codec import (
    document_from_dict,
    document_to_dict,
    event_from_dict,
    event_to_dict,
    filter_from_dict,
    filter_to_dict,
)

KHARKIV = Place(
    "Kharkiv",
    "UA",
    "Kharkiv Oblast",
    49.98,
    36.25,
    level=PlaceLevel.SETTLEMENT,
    geonameid=706483,
    population=1_430_885,
    code="UA63120270010096107",
)
BELGOROD = Place("Belgorod", "RU", "Belgorod Oblast", None, None, level=PlaceLevel.REGION)

FULL_EVENT = Event(
    kind=EventKind.STRIKE,
    places=(
        PlaceMention("Kharkiv", KHARKIV, PlaceRole.LOCATION, 0.92),
        PlaceMention("Belgorod region", BELGOROD, PlaceRole.ORIGIN),
    ),
    figures=(
        (FigureName.KILLED, Figure(3)),
        (FigureName.INJURED, Figure(20, Qualifier.MORE_THAN)),
        (FigureName.EVACUATED, Figure(100, Qualifier.UP_TO, upper=150)),
    ),
    attribution=(Attribution("Oleh Syniehubov", "governor"), Attribution("Ukrinform")),
    date=date(2024, 3, 1),
    evidence="Три людини загинули внаслідок ракетного удару по Харкову.",
    weapon=Weapon.MISSILE,
    aspect=Aspect.UNDER_ATTACK,
    also=(EventKind.CASUALTIES, EventKind.INFRASTRUCTURE_DAMAGE),
    denied=True,
    no_casualties=True,
    disputed_by=(Attribution("Russian Defence Ministry", "ministry"),),
    language="uk",
)
BARE_EVENT = Event(EventKind.EVACUATION, (), (), (), None, "")


def _through_json(data: dict[str, object]) -> dict[str, object]:
    # What the store writes is text: every dict must survive json.dumps and json.loads.
    loaded: dict[str, object] = json.loads(json.dumps(data))
    return loaded


@pytest.mark.parametrize("event", [FULL_EVENT, BARE_EVENT], ids=["full", "bare"])
def test_event_round_trip(event: Event) -> None:
    assert event_from_dict(_through_json(event_to_dict(event))) == event


def test_event_keeps_figure_order_and_unicode() -> None:
    data = event_to_dict(FULL_EVENT)
    assert [label for label, _ in data["figures"]] == ["killed", "injured", "evacuated"]
    assert "Харкову" in data["evidence"]


@pytest.mark.parametrize(
    "filter_",
    [
        Filter(),
        Filter(
            kinds=(EventKind.STRIKE, EventKind.NUCLEAR_SAFETY),
            places=(
                PlaceRef("Kharkiv Oblast", PlaceLevel.REGION, "UA", "Kharkiv Oblast"),
                PlaceRef("Odesa", PlaceLevel.SETTLEMENT, "UA", "Odesa Oblast", 698740),
            ),
            include=("zaporizhzhia npp",),
            exclude=("exercise", "drill"),
            min_severity=Severity.FLASH,
        ),
    ],
    ids=["empty", "full"],
)
def test_filter_round_trip(filter_: Filter) -> None:
    assert filter_from_dict(_through_json(filter_to_dict(filter_))) == filter_


def test_severity_is_stored_by_name() -> None:
    assert filter_to_dict(Filter(min_severity=Severity.URGENT))["min_severity"] == "urgent"


def test_document_round_trip() -> None:
    document = Document(
        (
            Block(BlockKind.HEADING, "Strike on Kharkiv", severity=Severity.FLASH),
            Block(BlockKind.TEXT, "Three people were killed."),
            Block(BlockKind.FACTS, items=("killed: 3", "injured: more than 20")),
            Block(BlockKind.SOURCE, "Ukrinform", url="https://www.ukrinform.net/x"),
            Block(BlockKind.REASON, "You follow strikes in Kharkiv Oblast"),
        )
    )
    assert document_from_dict(_through_json(document_to_dict(document))) == document
    assert document_from_dict(document_to_dict(Document())) == Document()
