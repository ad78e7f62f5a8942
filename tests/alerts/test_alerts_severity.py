"""Severity rules: in order, first match wins, every condition of a rule must hold."""

from __future__ import annotations

import pytest

from bot.alerts.severity import severity_of
from bot.config.schema import SeverityRule, SeveritySettings
from bot.records import (
    Event,
    EventKind,
    Figure,
    FigureName,
    Place,
    PlaceLevel,
    PlaceMention,
    Qualifier,
    Severity,
)

NOVA = Place("Nova Kakhovka", "UA", "Kherson Oblast", None, None)
KYIV = Place("Kyiv", "UA", "Kyiv City", None, None)
KHERSON_REGION = Place("Kherson Oblast", "UA", None, None, None, level=PlaceLevel.REGION)


def event(
    kind: EventKind, *, place: Place = NOVA, denied: bool = False, **figures: Figure
) -> Event:
    return Event(
        kind=kind,
        places=(PlaceMention(place.name, place),),
        figures=tuple((FigureName(name), f) for name, f in figures.items()),
        attribution=(),
        date=None,
        evidence="",
        denied=denied,
    )


DEFAULTS = SeveritySettings()


@pytest.mark.parametrize(
    ("e", "expected"),
    [
        (event(EventKind.NUCLEAR_SAFETY), Severity.FLASH),
        (event(EventKind.CASUALTIES, killed=Figure(19)), Severity.FLASH),
        (event(EventKind.CASUALTIES, killed=Figure(9, Qualifier.MORE_THAN)), Severity.FLASH),
        (event(EventKind.CASUALTIES, killed=Figure(9)), Severity.URGENT),
        (event(EventKind.CASUALTIES, killed=Figure(9, Qualifier.ABOUT)), Severity.URGENT),
        (event(EventKind.CASUALTIES, injured=Figure(100, Qualifier.MORE_THAN)), Severity.FLASH),
        (event(EventKind.CASUALTIES, killed=Figure(0), injured=Figure(3)), Severity.URGENT),
        (event(EventKind.EVACUATION), Severity.URGENT),
        (event(EventKind.STRIKE, killed=Figure(0)), Severity.URGENT),
        (event(EventKind.TERRITORIAL_CHANGE, settlements=Figure(75)), Severity.ROUTINE),
        (event(EventKind.AIR_DEFENSE), Severity.ROUTINE),
        (event(EventKind.NUCLEAR_SAFETY, denied=True), Severity.ROUTINE),
        (event(EventKind.CASUALTIES, denied=True, killed=Figure(40)), Severity.ROUTINE),
    ],
)
def test_default_rules(e: Event, expected: Severity) -> None:
    assert severity_of(e, DEFAULTS) is expected


def rules(*rs: SeverityRule, default: Severity = Severity.ROUTINE) -> SeveritySettings:
    return SeveritySettings(rules=rs, default=default)


@pytest.mark.parametrize(
    ("settings", "e", "expected"),
    [
        # The first rule that matches wins, even when a later one would say more.
        (
            rules(
                SeverityRule(severity=Severity.URGENT, kinds=(EventKind.STRIKE,)),
                SeverityRule(severity=Severity.FLASH, min_killed=1),
            ),
            event(EventKind.STRIKE, killed=Figure(5)),
            Severity.URGENT,
        ),
        # Every condition of one rule must hold: kind and count.
        (
            rules(SeverityRule(severity=Severity.FLASH, kinds=(EventKind.STRIKE,), min_killed=3)),
            event(EventKind.STRIKE, killed=Figure(2)),
            Severity.ROUTINE,
        ),
        (
            rules(SeverityRule(severity=Severity.FLASH, kinds=(EventKind.STRIKE,), min_killed=3)),
            event(EventKind.CASUALTIES, killed=Figure(3)),
            Severity.ROUTINE,
        ),
        (
            rules(SeverityRule(severity=Severity.FLASH, kinds=(EventKind.STRIKE,), min_killed=3)),
            event(EventKind.STRIKE, killed=Figure(3)),
            Severity.FLASH,
        ),
        # A count the article does not give does not meet a minimum.
        (
            rules(SeverityRule(severity=Severity.FLASH, min_injured=1)),
            event(EventKind.STRIKE, killed=Figure(4)),
            Severity.ROUTINE,
        ),
        (
            rules(SeverityRule(severity=Severity.URGENT, min_evacuated=1000)),
            event(EventKind.EVACUATION, evacuated=Figure(60000, Qualifier.ABOUT)),
            Severity.URGENT,
        ),
        # Regions: by a place's admin1, or a region-level place itself, case-insensitively.
        (
            rules(SeverityRule(severity=Severity.FLASH, regions=("kyiv city",))),
            event(EventKind.STRIKE, place=KYIV),
            Severity.FLASH,
        ),
        (
            rules(SeverityRule(severity=Severity.FLASH, regions=("Kyiv City",))),
            event(EventKind.STRIKE, place=NOVA),
            Severity.ROUTINE,
        ),
        (
            rules(SeverityRule(severity=Severity.URGENT, regions=("Kherson Oblast",))),
            event(EventKind.GROUND_FIGHTING, place=KHERSON_REGION),
            Severity.URGENT,
        ),
        (rules(default=Severity.URGENT), event(EventKind.AIR_DEFENSE), Severity.URGENT),
        (rules(default=Severity.FLASH), event(EventKind.STRIKE, denied=True), Severity.ROUTINE),
    ],
)
def test_custom_rules(settings: SeveritySettings, e: Event, expected: Severity) -> None:
    assert severity_of(e, settings) is expected
