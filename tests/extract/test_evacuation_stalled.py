"""An evacuation that did not go (the corridor did not open, the buses came back empty) stays
news for the people waiting on it, and its alert must never read as a way out that works."""

from __future__ import annotations

from datetime import datetime

import pytest

from bot.extract import Extractor
from bot.i18n import Audience, translator
from bot.records import Article, Aspect, Event, EventKind
from bot.render.summary import headline, summary_line

STALLED = [
    (
        "en",
        "Efforts to open a humanitarian corridor out of Mariupol collapsed again on Sunday. "
        "Forty-five buses that had waited in Zaporizhzhia returned to their depot empty.",
    ),
    ("en", "A corridor that was to take residents of Volnovakha to Pokrovsk did not open."),
    ("uk", "Гуманітарний коридор з Волновахи до Покровська сьогодні зірвано."),
    (
        "uk",
        "Гуманітарний коридор з Маріуполя до Запоріжжя так і не відкрився.",
    ),
    ("ru", "Гуманитарный коридор из Энергодара в Запорожье сегодня не открылся."),
    ("ru", "Эвакуация из Мариуполя перенесена: колонну не пропустили на блокпосту."),
]

WENT = [
    ("en", "Buses took 300 residents out of Mariupol to Zaporizhzhia through the corridor."),
    ("uk", "З Маріуполя гуманітарним коридором до Запоріжжя виїхали 300 людей."),
    ("ru", "Из Мариуполя по гуманитарному коридору в Запорожье выехали 300 человек."),
]


def _evacuation(extractor: Extractor, text: str) -> Event:
    when = datetime.fromisoformat("2022-03-20T20:00:00+02:00")
    events = extractor.extract(Article("t", "1", None, "", text, when, when))
    found = [e for e in events if e.kind is EventKind.EVACUATION]
    assert found, f"no evacuation in {text!r}: {events}"
    return found[0]


@pytest.mark.parametrize(("lang", "text"), STALLED)
def test_a_corridor_that_did_not_open_is_an_evacuation_that_did_not_go(
    extractor: Extractor, lang: str, text: str
) -> None:
    event = _evacuation(extractor, text)
    assert event.aspect is Aspect.STALLED
    assert "did not go ahead" in summary_line(event)
    assert "не відбулася" in headline(event, Audience(translator("uk")))


@pytest.mark.parametrize(("lang", "text"), WENT)
def test_people_who_got_out_are_an_evacuation_that_went(
    extractor: Extractor, lang: str, text: str
) -> None:
    event = _evacuation(extractor, text)
    assert event.aspect is None
    assert "did not go ahead" not in summary_line(event)
