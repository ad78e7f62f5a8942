"""Looking back: the latest events that match a filter, and a word search over articles."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from bot.alerts.filters import format_filter, parse_filter
from bot.alerts.match import matches
from bot.alerts.severity import severity_of
from bot.commands.args import split_count, words
from bot.commands.context import CommandContext, UsageError
from bot.commands.documents import (
    ago,
    article_time,
    event_link,
    heading,
    link,
    reply,
    text,
)
from bot.commands.stories import stories_by_article, story_of
from bot.records import Block, CommandRequest, Event, Filter, Reply, StoredArticle, Story
from bot.render.alert import kind_label
from bot.render.story import standing

LATEST_DEFAULT = 5
LATEST_MAX = 20
# Filtering happens here, not in SQL: the newest events are read first, and a narrow filter
# looks further back (eight times as far each time) up to this far for its N events.
_LATEST_FIRST_SCAN = 40
_LATEST_SCAN = 1000
SEARCH_LIMIT = 10
_SEARCH_MAX_WORDS = 8


async def latest(request: CommandRequest, ctx: CommandContext) -> Reply:
    """Show the newest events already seen, optionally only those matching a filter.

    latest [filter] [N]
    latest
    latest strikes in:kharkiv 10
    latest casualties min:urgent
    """
    _ = ctx.tr.gettext
    rest, count = split_count(request.text, default=LATEST_DEFAULT, maximum=LATEST_MAX)
    wanted = parse_filter(rest, places=ctx.places) if rest else Filter()
    # Most answers are found among the newest few events; a narrow filter reads further back.
    # Each read starts again from the newest, so events recorded meanwhile cannot repeat.
    scan = _LATEST_FIRST_SCAN
    while True:
        recent = await ctx.store.recent_events(limit=scan)
        picked = await _pick_latest(recent, wanted, count, ctx)
        if len(picked) == count or len(recent) < scan or scan >= _LATEST_SCAN:
            break
        scan = min(scan * 8, _LATEST_SCAN)
    described = f" · {format_filter(wanted, ctx.audience)}" if rest else ""
    if not picked:
        return reply(
            heading(_("Latest events") + described),
            text(_("Nothing seen yet that matches.") if rest else _("Nothing seen yet.")),
        )
    return reply(
        heading(ctx.tr.ngettext("Latest {n} event", "Latest {n} events", len(picked)) + described),
        *(_latest_line(stored, event, its, ctx) for stored, event, its in picked),
    )


async def _pick_latest(
    recent: Sequence[tuple[StoredArticle, Event]], wanted: Filter, count: int, ctx: CommandContext
) -> list[tuple[StoredArticle, Event, Story | None]]:
    """Up to `count` of the events that match, newest first: one per story, however many
    outlets told it."""
    stories = await stories_by_article(ctx, recent)
    picked: list[tuple[StoredArticle, Event, Story | None]] = []
    seen: set[int] = set()
    for stored, event in recent:
        article = stored.article
        if not matches(
            wanted,
            event,
            article_text=f"{article.title}\n{article.text}",
            severity=severity_of(event, ctx.severity),
            within=ctx.within,
        ):
            continue
        its = story_of(event, stories.get(stored.id, ()))
        if its is not None and its.id in seen:
            continue
        if its is not None:
            seen.add(its.id)
        picked.append((stored, event, its))
        if len(picked) == count:
            break
    return picked


def _latest_line(
    stored: StoredArticle, event: Event, its: Story | None, ctx: CommandContext
) -> Block:
    """The event as its story now stands (the latest toll), with the story's standing."""
    if its is None:
        return event_link(stored, event, ctx)
    block = event_link(stored, its.event, ctx)
    return replace(block, text=f"{block.text} · {standing(its, ctx.audience)}")


async def search(request: CommandRequest, ctx: CommandContext) -> Reply:
    """Find articles and their events that contain all the words, newest first.

    search <words>
    search zaporizhzhia power
    search nova kakhovka evacuation
    search Харків обстріл
    """
    _ = ctx.tr.gettext
    wanted = words(request.text)
    if not wanted:
        raise UsageError("What should I look for? Give one or more words.")
    if len(wanted) > _SEARCH_MAX_WORDS:
        raise UsageError("Use at most {most} words.", most=_SEARCH_MAX_WORDS)
    # Each word as written and in its other forms: "Харків" finds "у Харкові", "Kharkiv"
    # finds "Харьков".
    terms = [ctx.word_forms(w) if ctx.word_forms else (w,) for w in wanted]
    found = await ctx.store.search(terms, limit=SEARCH_LIMIT)
    shown = " ".join(wanted)
    if not found:
        return reply(
            heading(_("Search · {words}", words=shown)),
            text(_("No article contains all of these words.")),
        )
    by_article: dict[int, tuple[StoredArticle, list[Event]]] = {}
    for stored, event in found:
        _stored, events = by_article.setdefault(stored.id, (stored, []))
        if event is not None:
            events.append(event)
    now = ctx.clock()
    lines = []
    for stored, events in by_article.values():
        article = stored.article
        kinds = ", ".join(
            dict.fromkeys(kind_label(k, ctx.audience) for e in events for k in e.kinds)
        )
        about = f" [{kinds}]" if kinds else ""
        source = ctx.source_name(article.source_id)
        when = ago(article_time(article), now, ctx.tr)
        lines.append(link(f"{article.title}{about} — {source}, {when}", article.url))
    found_count = ctx.tr.ngettext("{n} article", "{n} articles", len(lines))
    return reply(heading(_("Search · {words}", words=shown) + f" ({found_count})"), *lines)
