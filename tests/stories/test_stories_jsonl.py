"""The `newsalert stories` interface: which story an article's line names."""

from __future__ import annotations

from datetime import timedelta

from bot.records import Article, EventKind
from bot.stories import card
from bot.stories.jsonl import main_change
from tests.stories.test_stories_book import DAY, IZIUM, T0, event


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


def test_a_toll_of_an_earlier_day_does_not_make_the_main_event() -> None:
    # "Drones attacked Nemyshlianskyi district overnight. ... Yesterday's strike on Saltivka
    # killed three": tonight's attack is the news, not the toll it recalls.
    article = Article("wire", None, None, "Drones attacked Kharkiv overnight", "", T0, T0)
    tonight = event(EventKind.STRIKE, IZIUM)
    before = event(EventKind.CASUALTIES, IZIUM, killed=3, day=DAY - timedelta(days=1))
    tonight_story = card.start(1, tonight, "wire", article, T0)
    before_story = card.start(2, before, "wire", article, T0)
    assert main_change(((tonight, tonight_story), (before, before_story))) is tonight_story
    same_day = event(EventKind.CASUALTIES, IZIUM, killed=3)
    same_day_story = card.start(3, same_day, "wire", article, T0)
    assert main_change(((tonight, tonight_story), (same_day, same_day_story))) is same_day_story
