"""The `newsalert stories` interface: which story an article's line names."""

from __future__ import annotations

from datetime import UTC, date, datetime

from bot.records import Article, Event, EventKind, Figure, FigureName, Place, PlaceMention
from bot.stories import card
from bot.stories.jsonl import main_change

AT = datetime(2022, 3, 10, 9, 40, tzinfo=UTC)
VASYLIVKA = Place("Vasylivka", "UA", "Zaporizhzhia Oblast", 47.44, 35.27)


def _event(kind: EventKind, killed: int | None = None) -> Event:
    figures = ((FigureName.KILLED, Figure(killed)),) if killed is not None else ()
    return Event(
        kind=kind,
        places=(PlaceMention("Vasylivka", VASYLIVKA),),
        figures=figures,
        attribution=(),
        date=date(2022, 3, 10),
        evidence="",
    )


def test_an_articles_story_is_the_one_its_victims_are_counted_in() -> None:
    article = Article("wire", None, None, "Evacuation convoy shelled, two killed", "", AT, AT)
    convoy = _event(EventKind.EVACUATION)
    shelling = _event(EventKind.STRIKE, killed=2)
    convoy_story = card.start(7, convoy, "wire", article, AT)
    shelling_story = card.start(3, shelling, "wire", article, AT)
    # The convoy is told first; the shelling that killed two is the news.
    assert main_change(((convoy, convoy_story), (shelling, shelling_story))) is shelling_story
    # Without victims on either, the first event (the headline's) is the main one.
    quiet = card.start(3, _event(EventKind.STRIKE), "wire", article, AT)
    assert main_change(((convoy, convoy_story), (_event(EventKind.STRIKE), quiet))) is convoy_story
    assert main_change(()) is None
