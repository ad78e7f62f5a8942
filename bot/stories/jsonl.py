"""The stable `newsalert stories` interface: JSON Lines articles in arrival order, one line
out each saying which story it joined and what it did there."""

from __future__ import annotations

import functools
import json
import logging
from collections.abc import AsyncIterator, Iterable
from typing import Any

from bot.cleantext import clean_text
from bot.extract import Extractor
from bot.extract.home import HomeRegions
from bot.extract.jsonl import article_from_json, echoed_id, error_result, event_to_json
from bot.kinds import CASUALTY_FIGURES
from bot.records import Article, Change, Event, StoryStatus
from bot.stories.book import StoryBook

logger = logging.getLogger(__name__)


async def story_lines(
    lines: Iterable[str],
    extractor: Extractor,
    book: StoryBook,
    *,
    homes: HomeRegions | None = None,
) -> AsyncIterator[str]:
    """`{"id", "story", "status", "events"}` per article: `story` is the id of the story its
    main event joined (null with status "none": no alertable event); each event also says
    its own `story` and `status`. Fields may be added, never renamed or removed.

    homes: each `source`'s home region (`bot.extract.home`); by default guessed from its
    name and learned over the stream, as the bot does."""
    if homes is None:
        homes = HomeRegions(guess=extractor.named_region, town=extractor.named_town)
    for raw in lines:
        if not raw.strip():
            continue
        ident: object = None
        try:
            data = json.loads(raw)
            if isinstance(data, dict):
                ident = echoed_id(data.get("id"))
            article = _article(data)
            events = extractor.extract(
                article,
                home=homes.of(article.source_id),
                own=homes.own_place(article.source_id),
            )
            homes.learn(article.source_id, events)
            changes = await book.assign(
                article, events, named=functools.partial(extractor.places_named, article)
            )
            out_events = []
            for event, change in changes if events else ():
                item = event_to_json(event)
                item["story"] = change.story.id
                item["status"] = change.status.value
                out_events.append(item)
            # The article's main event is its first (the headline's); the others may tell
            # other incidents, each with its own story in `events`.
            main = main_change(changes)
            result: dict[str, Any] = {
                "id": ident,
                "story": main.story.id if main else None,
                "status": main.status.value if main else "none",
                "events": out_events,
            }
            if main is not None:
                result["sources"] = main.story.sources
                result["verification"] = main.story.verification.value
        except Exception as exc:  # one bad article must not stop the stream
            result = error_result(ident, exc)
        yield json.dumps(result, ensure_ascii=False)


def _article(data: object) -> Article:
    article = article_from_json(data)
    assert isinstance(data, dict)
    source = data.get("source")
    if source is not None and not isinstance(source, str):
        raise ValueError("'source' must be a string or null")
    # The outlet is the link's site, else the source named: two lines of one source are
    # one outlet however many stories they tell.
    return Article(
        source_id=clean_text(source) if source else "stories",
        guid=article.guid,
        url=article.url,
        title=article.title,
        text=article.text,
        published_at=article.published_at,
        fetched_at=article.fetched_at,
    )


def main_change(changes: tuple[tuple[Event, Change], ...]) -> Change | None:
    """The change of the article's main event: its first (the headline's), unless that one
    counts no victims and another of its day does ("Evacuation convoy shelled near
    Vasylivka, two killed": the shelling is the news, the convoy its target)."""
    if not changes:
        return None
    first_event, first = changes[0]
    if not CASUALTY_FIGURES & {name for name, _ in first_event.figures}:
        for event, change in changes[1:]:
            earlier = event.date and first_event.date and event.date < first_event.date
            # (not a toll told of an earlier day: "... Yesterday's strike killed three"; nor
            # a known story's toll told again in the background: "Hours earlier, a guided
            # bomb hit an apartment block in Pokrovsk, killing three people")
            if (
                CASUALTY_FIGURES & {name for name, _ in event.figures}
                and not earlier
                and change.status is not StoryStatus.DUPLICATE
            ):
                return change
    return first
