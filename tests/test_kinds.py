"""Every kind of event is complete in its spec (bot/kinds.py), and every stage reads it."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.alerts.filters import parse_filter
from bot.alerts.severity import severity_of
from bot.config.schema import SeveritySettings
from bot.extract.triggers import kinds_in
from bot.kinds import FIGURES, KINDS, PRIORITY
from bot.records import (
    Aspect,
    Event,
    EventKind,
    Figure,
    FigureName,
    Place,
    PlaceMention,
    PlaceRef,
)
from bot.render.alert import fact_line, format_figures
from bot.render.summary import ASPECT_WORDS, FIGURE_WORDS, headline, summary_line
from bot.store.codec import event_from_dict, event_to_dict

LANGUAGES = ("en", "uk", "ru")
KHARKIV = Place("Kharkiv", "UA", "Kharkiv Oblast", 49.99, 36.23)


def test_every_kind_has_one_spec_and_a_priority() -> None:
    assert set(KINDS) == set(EventKind)
    assert all(spec.kind is kind for kind, spec in KINDS.items())
    assert sorted(PRIORITY) == sorted(EventKind)


@pytest.mark.parametrize("kind", list(EventKind))
def test_spec_is_complete(kind: EventKind) -> None:
    spec = KINDS[kind]
    assert spec.label
    assert spec.label[0].isupper()
    assert spec.filter_words
    assert all(w == w.lower() and " " not in w for w in spec.filter_words)
    for lang in LANGUAGES:
        triggers = spec.triggers.of(lang)
        assert triggers, f"{kind} has no {lang} triggers"
        for pattern in triggers:
            re.compile(pattern)
        (example,) = getattr(spec.examples, lang)
        assert kind in kinds_in(example), f"{lang} example of {kind}: {example}"


def test_labels_and_filter_words_belong_to_one_kind_each() -> None:
    labels = [spec.label for spec in KINDS.values()]
    assert len(set(labels)) == len(labels)
    words = [w for spec in KINDS.values() for w in spec.filter_words]
    assert len(set(words)) == len(words), sorted(w for w in words if words.count(w) > 1)


class _NoPlaces:
    def resolve_place(self, name: str) -> PlaceRef | None:
        return None

    def suggest(self, name: str) -> tuple[str, ...]:
        return ()


@pytest.mark.parametrize("kind", list(EventKind))
def test_every_filter_word_subscribes_to_its_kind(kind: EventKind) -> None:
    for word in KINDS[kind].filter_words:
        assert parse_filter(word, places=_NoPlaces()).kinds == (kind,), word


def test_every_figure_has_words_and_belongs_to_a_kind() -> None:
    assert set(FIGURES) == set(FigureName)
    used = set().union(*(spec.figures for spec in KINDS.values()))
    assert used == set(FigureName)
    assert all(spec.words for spec in FIGURES.values())


def test_every_figure_and_plant_state_has_render_words() -> None:
    assert set(FIGURE_WORDS) == set(FigureName)
    nuclear = {
        a for a in Aspect if a not in (Aspect.POWER, Aspect.GAINED, Aspect.LOST, Aspect.STALLED)
    }
    assert set(ASPECT_WORDS) == nuclear


def _event(kind: EventKind, *, aspect: Aspect | None = None) -> Event:
    figures = tuple((name, Figure(i + 2)) for i, name in enumerate(sorted(KINDS[kind].figures)))
    return Event(
        kind=kind,
        places=(PlaceMention("Kharkiv", KHARKIV),),
        figures=figures,
        attribution=(),
        date=date(2024, 3, 1),
        evidence="",
        aspect=aspect,
    )


@pytest.mark.parametrize("kind", list(EventKind))
def test_default_severity_is_the_specs(kind: EventKind) -> None:
    bare = Event(kind, (PlaceMention("Kharkiv", KHARKIV),), (), (), None, "")
    assert severity_of(bare, SeveritySettings()) is KINDS[kind].severity


@pytest.mark.parametrize("kind", list(EventKind))
def test_render_and_store_handle_every_kind(kind: EventKind) -> None:
    event = _event(kind)
    line = fact_line(event)
    assert line.startswith(KINDS[kind].label)
    assert headline(event)
    assert summary_line(event).endswith(".")
    for name, figure in event.figures:
        assert f"{figure} {FIGURES[name].words}" in format_figures(event.figures)
    assert event_from_dict(event_to_dict(event)) == event


@pytest.mark.parametrize("aspect", list(Aspect))
def test_render_words_every_aspect(aspect: Aspect) -> None:
    kind = _KIND_OF_ASPECT[aspect]
    event = _event(kind, aspect=aspect)
    # Each aspect reads differently from the others its kind may have; power damage from
    # damage of no named system.
    siblings = [a for a in Aspect if a is not aspect and _KIND_OF_ASPECT.get(a) is kind]
    others = [headline(_event(kind, aspect=a)) for a in siblings]
    if aspect in (Aspect.POWER, Aspect.STALLED):
        others.append(headline(_event(kind)))  # and from the kind's event with no aspect
    assert others
    assert headline(event) not in others
    assert event_from_dict(event_to_dict(event)) == event


_KIND_OF_ASPECT = {
    a: {
        Aspect.POWER: EventKind.INFRASTRUCTURE_DAMAGE,
        Aspect.GAINED: EventKind.TERRITORIAL_CHANGE,
        Aspect.LOST: EventKind.TERRITORIAL_CHANGE,
        Aspect.STALLED: EventKind.EVACUATION,
    }.get(a, EventKind.NUCLEAR_SAFETY)
    for a in Aspect
}


def test_every_kind_has_a_story_family_shared_only_where_one_incident_can_be_told_so() -> None:
    families = {kind: KINDS[kind].family for kind in EventKind}
    assert all(families.values())
    # A strike, its toll and the outage it caused are one incident; an evacuation is not.
    assert families[EventKind.STRIKE] == families[EventKind.CASUALTIES]
    assert families[EventKind.STRIKE] == families[EventKind.INFRASTRUCTURE_DAMAGE]
    assert families[EventKind.EVACUATION] != families[EventKind.STRIKE]
