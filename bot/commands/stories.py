"""Stories in commands: `/story <id>` and the story an event of `/latest` or `/sitrep` is part of."""

from __future__ import annotations

from collections.abc import Sequence

from bot.commands.context import CommandContext, UsageError
from bot.records import CommandRequest, Event, Reply, Report, StoredArticle, Story
from bot.render.story import timeline

_MAX_ID = 10**12


async def story(request: CommandRequest, ctx: CommandContext) -> Reply:
    """Show a story: where it stands now, and every report of it, oldest first.

    story <id>
    story 12
    """
    card, reports = await story_named(request, ctx)
    return Reply(timeline(card, reports, ctx.audience))


async def story_named(
    request: CommandRequest, ctx: CommandContext
) -> tuple[Story, tuple[Report, ...]]:
    """The story a command's text names by its number (`12`, `#12`), and its reports."""
    raw = request.text.strip().lstrip("#")
    if not raw.isdigit() or not 0 < int(raw) < _MAX_ID:
        raise UsageError("Which story? Give its number, as alerts and /latest show it.")
    found = await ctx.store.story(int(raw))
    if found is None:
        raise UsageError("There is no story #{id}.", id=int(raw))
    return found


async def stories_by_article(
    ctx: CommandContext, found: Sequence[tuple[StoredArticle, Event]]
) -> dict[int, tuple[Story, ...]]:
    return await ctx.store.stories_of([stored.id for stored, _ in found])


def story_of(event: Event, stories: Sequence[Story]) -> Story | None:
    """The story of the article's that tells this event: the first of its kind."""
    return next((s for s in stories if event.kind in s.event.kinds), None)
