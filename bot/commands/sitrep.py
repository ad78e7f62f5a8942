"""A situation report for one place over a time window, from the events already recorded."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

from bot.alerts.match import place_matches
from bot.alerts.severity import severity_of
from bot.commands.args import format_window, split_window
from bot.commands.context import CommandContext, UsageError
from bot.commands.documents import (
    article_time,
    event_link,
    facts,
    heading,
    plural,
    reply,
    text,
)
from bot.commands.stories import stories_by_article, story_of
from bot.kinds import FIGURES, KINDS, PRIORITY
from bot.records import (
    Block,
    CommandRequest,
    Event,
    FigureName,
    PlaceRef,
    Reply,
    StoredArticle,
    Story,
)
from bot.render.alert import fact_line

DEFAULT_WINDOW = timedelta(hours=24)
# A month of a busy front is a few thousand events; beyond that the report says it is partial.
_SCAN = 5000
_STRONGEST = 3
_LATEST_FIGURES = 3
_CASUALTIES = tuple(name for name, spec in FIGURES.items() if spec.casualty)

Found = tuple[StoredArticle, Event]


async def sitrep(request: CommandRequest, ctx: CommandContext) -> Reply:
    """A situation report for a place: events by kind, reported figures, the strongest events.

    sitrep <place> [window]
    sitrep kharkiv
    sitrep "Kherson Oblast" 12h
    sitrep ukraine 3d
    """
    name, window = split_window(request.text, default=DEFAULT_WINDOW)
    place = _resolve(name, ctx)
    since = ctx.clock() - window
    scanned = await ctx.store.events_since(since, limit=_SCAN, texts=False)
    found = [
        (stored, event)
        for stored, event in scanned
        if any(place_matches(place, mention.place, within=ctx.within) for mention in event.places)
    ]
    title = f"Sitrep · {place.name} · last {format_window(window)}"
    partial = " (the window holds more; these are the newest)" if len(scanned) == _SCAN else ""
    if not found:
        return reply(
            heading(title), text(f"No events recorded for {place.name} in this window{partial}.")
        )
    stories = await stories_by_article(ctx, found)
    articles = {stored.id for stored, _ in found}
    kinds = Counter(event.kind for _, event in found)
    counts = " · ".join(f"{KINDS[k].label} {kinds[k]}" for k in PRIORITY if kinds[k])
    strongest = _strongest(found, ctx)
    return reply(
        heading(title),
        text(
            f"{plural(len(found), 'event')} in {plural(len(articles), 'article')}{partial}: "
            f"{counts}"
        ),
        _casualties(found, stories),
        *(
            event_link(stored, event, ctx, lead=f"{severity_of(event, ctx.severity).name} · ")
            for stored, event in strongest
        ),
        facts(_latest_figures([pair for pair in found if pair not in strongest])),
    )


def _resolve(name: str, ctx: CommandContext) -> PlaceRef:
    cleaned = " ".join(name.strip("\"'“”«» ").split())
    lowered = cleaned.lower()
    for prefix in ("in:", "in "):
        if lowered.startswith(prefix):
            cleaned = cleaned[len(prefix) :].strip("\"'“”«» ")
            break
    if not cleaned:
        raise UsageError("Which place? Give a town, an oblast or a country.")
    place = ctx.places.resolve_place(cleaned)
    if place is None:
        close = ctx.places.suggest(cleaned)
        hint = f" Did you mean: {', '.join(close[:3])}?" if close else ""
        raise UsageError(f'I don\'t know the place "{cleaned}".{hint}')
    return place


def _casualties(found: list[Found], stories: dict[int, tuple[Story, ...]]) -> Block | None:
    """Tolls added up over incidents: each story once, at its latest count (a toll five
    outlets reported counts once); an event recorded before stories, as its report gave it."""
    totals: dict[str, int] = {}
    counted: set[int] = set()
    incidents = 0
    for stored, event in found:
        its = story_of(event, stories.get(stored.id, ()))
        if its is not None:
            if its.id in counted:
                continue
            counted.add(its.id)
            event = its.event
        figures = [(label, event.figure(label)) for label in _CASUALTIES]
        present = [(label, f) for label, f in figures if f is not None and f.value > 0]
        incidents += bool(present)
        for label, figure in present:
            top = figure.upper if figure.upper is not None else figure.value
            totals[label] = totals.get(label, 0) + top
    if not totals:
        return None
    summed = ", ".join(f"{totals[label]:,} {label}" for label in _CASUALTIES if label in totals)
    return text(
        f"Reported: {summed} in {plural(incidents, 'incident')}, each counted once at its "
        "latest toll."
    )


def _latest_figures(found: list[Found]) -> list[str]:
    """The newest events that carry numbers, as their fact lines (the strongest are linked
    above them already)."""
    lines: list[str] = []
    for stored, event in found:
        if event.figures and len(lines) < _LATEST_FIGURES:
            line = fact_line(event, article_time(stored.article).date())
            if line not in lines:
                lines.append(line)
    return lines


def _strongest(found: list[Found], ctx: CommandContext) -> list[Found]:
    """The most severe events, one per article; newest first among equals."""

    def rank(pair: tuple[int, Found]) -> tuple[int, bool, int, int, int]:
        index, (_, event) = pair
        killed = event.figure(FigureName.KILLED)
        return (
            -severity_of(event, ctx.severity),
            event.denied,
            -(killed.value if killed else 0),
            PRIORITY.index(event.kind),
            index,
        )

    picked: list[Found] = []
    seen: set[int] = set()
    for _, (stored, event) in sorted(enumerate(found), key=rank):
        if stored.id not in seen and len(picked) < _STRONGEST:
            seen.add(stored.id)
            picked.append((stored, event))
    return picked
