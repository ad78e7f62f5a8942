"""The `newsalert stories` interface: which story an article's line names."""

from __future__ import annotations

from bot.records import Article, EventKind
from bot.stories import card
from bot.stories.jsonl import main_change
from tests.stories.test_stories_book import IZIUM, T0, event


def test_an_articles_story_is_the_one_its_victims_are_counted_in() -> None:
    article = Article("wire", None, None, "Evacuation convoy shelled, two killed", "", T0, T0)
    convoy = event(EventKind.EVACUATION, IZIUM)
    shelling = event(EventKind.STRIKE, IZIUM, killed=2)
    convoy_story = card.start(7, convoy, "wire", article, T0)
    shelling_story = card.start(3, shelling, "wire", article, T0)
    # The convoy is told first; the shelling that killed two is the news.
    assert main_change(((convoy, convoy_story), (shelling, shelling_story))) is shelling_story
    # Without victims on either, the first event (the headline's) is the main one.
    quiet_event = event(EventKind.STRIKE, IZIUM)
    quiet = card.start(3, quiet_event, "wire", article, T0)
    assert main_change(((convoy, convoy_story), (quiet_event, quiet))) is convoy_story
    assert main_change(()) is None
