"""Real wire headlines from UCDP, grouped into stories: headlines its coders cited for one
event should share a story and those of different events should not. The figures are
bench/eval_stories.py's; this guards its pairwise precision from sliding back unseen (it
fell from 0.955 to 0.507 over two sessions once, when a feed's headlines that carry only a
date were read as minutes apart)."""

from __future__ import annotations

import asyncio
import sys
from datetime import timedelta

from bot.extract import Extractor
from bot.stories import MemoryStories, StoryBook
from tests.paths import CORPUS, REPO, need

sys.path.insert(0, str(REPO / "bench"))
import eval_stories  # noqa: E402


def test_headlines_of_different_coded_events_rarely_share_a_story(extractor: Extractor) -> None:
    keys, events_of, stream = eval_stories.ucdp_stream(
        extractor, need(CORPUS / "ucdp_ukraine.csv")
    )
    book = StoryBook(MemoryStories(), quiet_after=timedelta(hours=48))
    stories = asyncio.run(eval_stories.assign_all(book, stream))
    result = eval_stories.score(keys, events_of, stories)
    assert result["pairs_same_story"] >= 40  # enough pairs for the share to mean something
    assert result["precision"] >= 0.9, result
