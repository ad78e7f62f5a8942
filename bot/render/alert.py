"""Alert → neutral Document: the one alert template, readable in a few seconds."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime

from bot.kinds import FIGURES, KINDS, PRIORITY
from bot.records import (
    Alert,
    Article,
    Attribution,
    Block,
    BlockKind,
    Document,
    Event,
    EventKind,
    Figure,
    FigureName,
    PlaceLevel,
    PlaceRole,
    Qualifier,
    Severity,
    Weapon,
)
from bot.render.summary import headline, summary_line

_MAX_PLACES = 6
# More lines than this stop being readable in seconds; the link has the rest.
_MAX_FACTS = 6
_MAX_HEADING_REGIONS = 3


def render_alert(
    alert: Alert,
    *,
    severity_of: Callable[[Event], Severity] | None = None,
    source_name: str | None = None,
) -> Document:
    """Heading, lead (the first event), one fact per other event, source and reason.

    Args:
        alert: what to render.
        severity_of: per-event severity, used to order the facts; without it every event
            counts as the alert's severity and kind priority alone decides.
    """
    events = order_events(alert.events, severity_of or (lambda _e: alert.severity))
    blocks = [Block(BlockKind.HEADING, text=_heading(alert, events), severity=alert.severity)]
    published = _published(alert.article)
    day = published.date() if published else None
    lead = _lead(events[0], day) if events else ""
    blocks.append(Block(BlockKind.TEXT, text=lead or alert.article.title))
    # The lead already tells the first event; the facts list what else the article reports.
    others = fact_lines(events[1:], day) if len(events) > 1 else ()
    if others:
        blocks.append(Block(BlockKind.FACTS, items=others))
    source = _source(alert.article, source_name or alert.article.source_id)
    blocks.append(Block(BlockKind.SOURCE, text=source, url=alert.article.url))
    if alert.reason:
        blocks.append(Block(BlockKind.REASON, text=alert.reason))
    return Document(tuple(blocks))


def order_events(
    events: Iterable[Event], severity_of: Callable[[Event], Severity]
) -> tuple[Event, ...]:
    """Most severe first; then by kind priority, confirmed before denied, more killed first."""
    indexed = list(enumerate(events))

    def key(pair: tuple[int, Event]) -> tuple[int, bool, int, int, int]:
        index, event = pair
        killed = event.figure(FigureName.KILLED)
        return (
            -severity_of(event),
            event.denied,
            PRIORITY.index(event.kind),
            -(killed.value if killed else 0),
            index,
        )

    return tuple(event for _, event in sorted(indexed, key=key))


def _lead(event: Event, published: date | None) -> str:
    """The first event in a sentence, with its day: "Missile strike on Dnipro: 4 killed
    (Tuesday)."."""
    text = summary_line(event)
    if event.date is None:
        return text
    when = format_day(event.date, published)
    return f"{text.rstrip('.')} ({when})."


def fact_lines(events: tuple[Event, ...], published: date | None = None) -> tuple[str, ...]:
    """The facts worth a reader's seconds: covered and vague events dropped, per-region
    territorial gains joined into one line, at most `_MAX_FACTS` lines."""
    kept = [e for e in events if not _covered(e, events)]
    lines: list[str] = []
    gains = [
        e
        for e in kept
        if e.kind is EventKind.TERRITORIAL_CHANGE and e.figure(FigureName.SETTLEMENTS)
    ]
    for event in kept:
        if event in gains[1:]:
            continue
        if event is (gains[0] if gains else None) and len(gains) > 1:
            lines.append(_gains_line(gains, published))
        else:
            lines.append(fact_line(event, published))
    if len(lines) > _MAX_FACTS:
        hidden = len(lines) - _MAX_FACTS + 1
        lines = [*lines[: _MAX_FACTS - 1], f"+{hidden} more facts in the article"]
    return tuple(lines)


def _covered(event: Event, events: tuple[Event, ...]) -> bool:
    """Say nothing twice, and nothing vague when something precise is said."""
    precise = [e for e in events if e is not event and _has_specific_place(e)]
    if not _has_specific_place(event) and not event.figures and precise:
        return True  # "Strike: Ukraine" next to named towns adds nothing
    return any(
        other.kind is EventKind.STRIKE
        and event.kind is EventKind.INFRASTRUCTURE_DAMAGE
        and event.evidence in other.evidence
        and all(label in dict(other.figures) for label, _ in event.figures)
        for other in events
        if other is not event
    )


def _has_specific_place(event: Event) -> bool:
    return any(m.place.level is not PlaceLevel.COUNTRY for m in event.places)


def _gains_line(gains: list[Event], published: date | None) -> str:
    """`Territorial change: 75 settlements in Kherson Oblast, 502 in Kharkiv Oblast`."""
    parts = []
    for i, e in enumerate(gains):
        fig = e.figure(FigureName.SETTLEMENTS)
        assert fig is not None
        where = _place_names(e, PlaceRole.LOCATION, PlaceRole.ORIGIN)
        unit = " settlements" if i == 0 else ""
        parts.append(f"{format_figure(fig)}{unit} in {where}" if where else format_figure(fig))
    line = f"{KINDS[EventKind.TERRITORIAL_CHANGE].label}: " + ", ".join(parts)
    when = format_day(gains[0].date, published) if gains[0].date else ""
    line += f" ({when})" if when else ""
    speakers = next((e.attribution for e in gains if e.attribution), ())
    return line + (" — " + _people(speakers) if speakers else "")


def fact_line(event: Event, published: date | None = None) -> str:
    """One event in one line: `Casualties: 19 killed, more than 100 injured (Kyiv, Monday)`."""
    label = KINDS[event.kind].label
    if event.weapon is not None and event.weapon is not Weapon.UNKNOWN:
        label += f" ({event.weapon.value})"
    places = _place_names(event, PlaceRole.LOCATION, PlaceRole.ORIGIN)
    destinations = _place_names(event, PlaceRole.DESTINATION)
    where = places + (f" → {destinations}" if destinations else "")
    figures = format_figures(event.figures, no_casualties=event.no_casualties)
    when = format_day(event.date, published) if event.date else ""
    if event.kind is EventKind.NUCLEAR_SAFETY:
        # The plant's state ("running on diesel generators") is the fact itself.
        body = headline(event)
        body += f" ({when})" if when else ""
    elif event.kind is EventKind.CASUALTIES and figures:
        context = ", ".join(p for p in (where, when) if p)
        body = figures + (f" ({context})" if context else "")
    else:
        body = "; ".join(p for p in (where, figures) if p) or headline(event)
        body += f" ({when})" if when else ""
    line = f"{label}: {body}" if body else label
    if event.attribution:
        line += " — " + _people(event.attribution)
    if event.disputed_by:
        line += f" [disputed by {_people(event.disputed_by)}]"
    return line + (" [denied]" if event.denied else "")


def format_figure(figure: Figure) -> str:
    """`more than 100`, `about 20`, `10–15`, `up to 5`, `1,200`."""
    return str(figure)


def format_figures(
    figures: tuple[tuple[FigureName, Figure], ...], *, no_casualties: bool = False
) -> str:
    """`19 killed, more than 100 injured`; zero casualties read as `no casualties reported`."""
    casualties = [f for name, f in figures if FIGURES[name].casualty]
    if all(f.value == 0 and f.qualifier is Qualifier.EXACT for f in casualties) and (
        casualties or no_casualties
    ):
        rest = [(name, f) for name, f in figures if not FIGURES[name].casualty]
        return ", ".join(["no casualties reported", *(_figure(lbl, f) for lbl, f in rest)])
    return ", ".join(_figure(label, f) for label, f in figures)


def format_day(day: date, published: date | None) -> str:
    """A weekday for the week before publication (as news writes it), else a short date."""
    if published is not None and 0 <= (published - day).days < 7:
        return day.strftime("%A")
    return f"{day.day} {day:%b %Y}"


def _people(attributions: tuple[Attribution, ...]) -> str:
    return "; ".join(a.who + (f", {a.role}" if a.role else "") for a in attributions[:2])


def _figure(name: FigureName, figure: Figure) -> str:
    return f"{format_figure(figure)} {FIGURES[name].words}"


def _place_names(event: Event, *roles: PlaceRole) -> str:
    names = list(dict.fromkeys(m.place.name for m in event.places if m.role in roles))
    if len(names) > _MAX_PLACES:
        names = [*names[:_MAX_PLACES], f"+{len(names) - _MAX_PLACES} more"]
    return ", ".join(names)


def _heading(alert: Alert, events: tuple[Event, ...]) -> str:
    parts = [alert.severity.name]
    if events:
        parts.append(KINDS[events[0].kind].label)
        where = _heading_regions(events[0])
        if where:
            parts.append(where)
    return " · ".join(parts)


def _heading_regions(event: Event) -> str:
    """The regions where it happened; destinations only when nothing else is known."""
    located = [m for m in event.places if m.role is not PlaceRole.DESTINATION] or list(
        event.places
    )
    names: dict[str, None] = {}
    sure = {m.place.admin1 for m in located if not m.guessed}
    for m in located:
        if m.place.admin1:
            # A region known only from a guessed namesake is shown as a guess.
            names.setdefault(m.place.admin1 + ("" if m.place.admin1 in sure else "?"), None)
        elif m.place.level in (PlaceLevel.REGION, PlaceLevel.COUNTRY):
            names.setdefault(m.place.name, None)
    if not names:
        names = dict.fromkeys(m.place.name for m in located)
    shown = list(names)[:_MAX_HEADING_REGIONS]
    extra = len(names) - len(shown)
    return ", ".join(shown) + (f" +{extra}" if extra else "")


def _published(article: Article) -> datetime | None:
    return article.published_at.astimezone(UTC) if article.published_at else None


def _source(article: Article, name: str) -> str:
    published = _published(article)
    when = f"{published:%Y-%m-%d %H:%M} UTC" if published else "time unknown"
    return f"{article.title} — {name}, {when}"
