"""A situation report for one place over a time window, from the events already recorded."""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from dataclasses import replace
from datetime import timedelta

from bot.alerts.filters import unknown_place
from bot.alerts.match import place_matches
from bot.alerts.severity import severity_of
from bot.commands.args import format_window, split_window
from bot.commands.context import CommandContext, UsageError
from bot.commands.documents import (
    article_time,
    event_link,
    facts,
    heading,
    reply,
    text,
)
from bot.commands.stories import stories_by_article, story_of
from bot.kinds import FIGURES, PRIORITY
from bot.records import (
    Block,
    CommandRequest,
    Event,
    EventKind,
    FigureName,
    Picture,
    PlaceLevel,
    PlaceRef,
    PlaceRole,
    Reply,
    StoredArticle,
    Story,
)
from bot.render.alert import fact_line, kind_label, severity_word
from bot.render.map import MapPoint, render_map
from bot.render.summary import FIGURE_WORDS

log = logging.getLogger(__name__)
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
    _, tr = ctx.tr.gettext, ctx.tr
    name, window = split_window(request.text, default=DEFAULT_WINDOW)
    place = _resolve(name, ctx)
    place_name = ctx.audience.place(place)
    since = ctx.clock() - window
    scanned = await ctx.store.events_since(since, limit=_SCAN, texts=False)
    found = [
        (stored, event)
        for stored, event in scanned
        if any(place_matches(place, mention.place, within=ctx.within) for mention in event.places)
    ]
    title = _("Sitrep · {place} · last {window}", place=place_name, window=format_window(window))
    partial = (
        " " + _("(the window holds more; these are the newest)") if len(scanned) == _SCAN else ""
    )
    if not found:
        return reply(
            heading(title),
            text(
                _("No events recorded for {place} in this window.", place=place_name).rstrip(".")
                + partial
                + "."
            ),
        )
    stories = await stories_by_article(ctx, found)
    articles = {stored.id for stored, _event in found}
    kinds = Counter(event.kind for _stored, event in found)
    counts = " · ".join(f"{kind_label(k, ctx.audience)} {kinds[k]}" for k in PRIORITY if kinds[k])
    strongest = _strongest(found, ctx)
    picture = await _map(place, found, stories, title, ctx) if ctx.maps else None
    tally = " ".join(
        (
            tr.ngettext("{n} event", "{n} events", len(found)),
            tr.ngettext("in {n} article", "in {n} articles", len(articles)),
        )
    )
    answer = reply(
        heading(title),
        text(f"{tally}{partial}: {counts}"),
        _casualties(found, stories, ctx),
        *(
            event_link(
                stored,
                event,
                ctx,
                lead=f"{severity_word(severity_of(event, ctx.severity), ctx.audience)} · ",
            )
            for stored, event in strongest
        ),
        facts(_latest_figures([pair for pair in found if pair not in strongest], ctx)),
    )
    return replace(answer, picture=picture)


async def _map(
    place: PlaceRef,
    found: list[Found],
    stories: dict[int, tuple[Story, ...]],
    title: str,
    ctx: CommandContext,
) -> Picture | None:
    """The report's map: the place's region highlighted, a dot per incident where it
    happened, sized by its toll and coloured by its kind. None if it cannot be drawn: the
    text answers anyway."""
    points: list[MapPoint] = []
    seen: set[int] = set()
    for stored, event in found:
        its = story_of(event, stories.get(stored.id, ()))
        if its is not None:
            if its.id in seen:
                continue  # one dot per incident, however many outlets told it
            seen.add(its.id)
            event = its.event
        # Where it happened inside the place asked about: a strike on Sumy told with a
        # Poltava evacuation is a dot in Sumy.
        where = next(
            (
                m.place
                for m in event.places
                if m.role is not PlaceRole.DESTINATION
                and place_matches(place, m.place, within=ctx.within)
                and m.place.lat is not None
                and m.place.lon is not None
                and m.place.level not in (PlaceLevel.COUNTRY, PlaceLevel.REGION)
            ),
            None,
        )
        if where is None or where.lat is None or where.lon is None:
            continue
        toll = sum(f.value for name in _CASUALTIES if (f := event.figure(name)) is not None)
        points.append(MapPoint(where.lat, where.lon, event.kind, weight=toll))
    region = place.name if place.level is PlaceLevel.REGION else place.admin1
    highlight = (region,) if region and place.level is not PlaceLevel.COUNTRY else ()
    labels = {kind: kind_label(kind, ctx.audience) for kind in EventKind}
    try:
        image = await asyncio.to_thread(
            render_map,
            points,
            highlight=highlight,
            title=title,
            legend_labels=labels,
            zoom_to_highlight=bool(highlight),
        )
    except Exception:  # a map is a bonus: its failure must not cost the report
        log.exception("sitrep map failed place=%s", place.name)
        return None
    tr = ctx.tr
    kinds = Counter(p.kind for p in points)
    counts = ", ".join(f"{labels[k]} {kinds[k]}" for k in PRIORITY if kinds[k])
    alt = tr.gettext(
        "Map of {place}: {dots}{counts}.",
        place=ctx.audience.place(place),
        dots=tr.ngettext("{n} incident as a dot", "{n} incidents as dots", len(points)),
        counts=f" ({counts})" if counts else "",
    )
    return Picture(image.png, alt_text=alt, caption=title, filename="sitrep-map.png")


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
        raise unknown_place(cleaned, ctx.places, most=3)
    return place


def _casualties(
    found: list[Found], stories: dict[int, tuple[Story, ...]], ctx: CommandContext
) -> Block | None:
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
    tr = ctx.tr
    summed = ", ".join(
        tr.ngettext(*FIGURE_WORDS[label], totals[label])
        for label in _CASUALTIES
        if label in totals
    )
    return text(
        tr.gettext(
            "Reported: {figures} in {incidents}, each counted once at its latest toll.",
            figures=summed,
            incidents=tr.ngettext("{n} incident", "{n} incidents", incidents),
        )
    )


def _latest_figures(found: list[Found], ctx: CommandContext) -> list[str]:
    """The newest events that carry numbers, as their fact lines (the strongest are linked
    above them already)."""
    lines: list[str] = []
    for stored, event in found:
        if event.figures and len(lines) < _LATEST_FIGURES:
            day = ctx.audience.day(article_time(stored.article))
            line = fact_line(event, day, ctx.audience)
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
