"""Alert → neutral Document: the one alert template, readable in a few seconds."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import UTC, date, datetime

from bot.alerts.filters import format_filter
from bot.i18n import ENGLISH, N_, Audience
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
from bot.render.summary import (
    WEAPON_WORDS,
    figure_text,
    format_figure,
    headline,
    role_text,
    summary_line,
)

_MAX_PLACES = 6
# More lines than this stop being readable in seconds; the link has the rest.
_MAX_FACTS = 6
_MAX_HEADING_REGIONS = 3


def render_alert(
    alert: Alert,
    *,
    severity_of: Callable[[Event], Severity] | None = None,
    source_name: str | None = None,
    audience: Audience = ENGLISH,
) -> Document:
    """Heading, lead (the first event), one fact per other event, source and reason.

    Args:
        alert: what to render.
        severity_of: per-event severity, used to order the facts; without it every event
            counts as the alert's severity and kind priority alone decides.
    """
    events = order_events(alert.events, severity_of or (lambda _e: alert.severity))
    blocks = [
        Block(BlockKind.HEADING, text=_heading(alert, events, audience), severity=alert.severity)
    ]
    published = _published(alert.article)
    day = audience.day(published) if published else None
    lead = _lead(events[0], day, audience) if events else ""
    blocks.append(Block(BlockKind.TEXT, text=lead or alert.article.title))
    # The lead already tells the first event; the facts list what else the article reports.
    others = fact_lines(events[1:], day, audience) if len(events) > 1 else ()
    if others:
        blocks.append(Block(BlockKind.FACTS, items=others))
    source = source_line(alert.article, source_name or alert.article.source_id, audience)
    blocks.append(Block(BlockKind.SOURCE, text=source, url=alert.article.url))
    if alert.reason:
        blocks.append(Block(BlockKind.REASON, text=reason(alert, audience)))
    return Document(tuple(blocks))


def reason(alert: Alert, audience: Audience = ENGLISH) -> str:
    """Why this chat got it: `matches your subscription #3: strikes in:Kharkiv`."""
    sub = alert.subscription
    shown = format_filter(sub.filter, audience)
    return audience.tr.gettext(
        "matches your subscription #{id}: {filter}", id=sub.id, filter=shown
    )


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


def _lead(event: Event, published: date | None, audience: Audience = ENGLISH) -> str:
    """The first event in a sentence, with its day: "Missile strike on Dnipro: 4 killed
    (Tuesday)."."""
    text = summary_line(event, audience)
    if event.date is None:
        return text
    when = format_day(event.date, published, audience)
    return f"{text.rstrip('.')} ({when})."


def fact_lines(
    events: tuple[Event, ...], published: date | None = None, audience: Audience = ENGLISH
) -> tuple[str, ...]:
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
            lines.append(_gains_line(gains, published, audience))
        else:
            lines.append(fact_line(event, published, audience))
    if len(lines) > _MAX_FACTS:
        hidden = len(lines) - _MAX_FACTS + 1
        more = audience.tr.ngettext(
            "+{n} more fact in the article", "+{n} more facts in the article", hidden
        )
        lines = [*lines[: _MAX_FACTS - 1], more]
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


def _gains_line(gains: list[Event], published: date | None, audience: Audience) -> str:
    """`Territorial change: 75 settlements in Kherson Oblast, 502 in Kharkiv Oblast`."""
    _ = audience.tr.gettext
    parts = []
    for i, e in enumerate(gains):
        fig = e.figure(FigureName.SETTLEMENTS)
        assert fig is not None
        where = _place_names(e, audience, PlaceRole.LOCATION, PlaceRole.ORIGIN)
        count = (
            figure_text(FigureName.SETTLEMENTS, fig, audience)
            if i == 0
            else format_figure(fig, audience)
        )
        parts.append(_("{count} in {place}", count=count, place=where) if where else count)
    label = kind_label(EventKind.TERRITORIAL_CHANGE, audience)
    line = f"{label}: " + ", ".join(parts)
    when = format_day(gains[0].date, published, audience) if gains[0].date else ""
    line += f" ({when})" if when else ""
    speakers = next((e.attribution for e in gains if e.attribution), ())
    return line + (" — " + _people(speakers, audience) if speakers else "")


def kind_label(kind: EventKind, audience: Audience = ENGLISH) -> str:
    """`Strike`, `Удар`: the kind's name in the reader's language."""
    return audience.tr.gettext(KINDS[kind].label)


def fact_line(event: Event, published: date | None = None, audience: Audience = ENGLISH) -> str:
    """One event in one line: `Casualties: 19 killed, more than 100 injured (Kyiv, Monday)`."""
    _ = audience.tr.gettext
    label = kind_label(event.kind, audience)
    if event.weapon is not None and event.weapon is not Weapon.UNKNOWN:
        label += f" ({_(WEAPON_WORDS[event.weapon])})"
    places = _place_names(event, audience, PlaceRole.LOCATION, PlaceRole.ORIGIN)
    destinations = _place_names(event, audience, PlaceRole.DESTINATION)
    where = places + (f" → {destinations}" if destinations else "")
    figures = format_figures(event.figures, no_casualties=event.no_casualties, audience=audience)
    when = format_day(event.date, published, audience) if event.date else ""
    if event.kind is EventKind.NUCLEAR_SAFETY:
        # The plant's state ("running on diesel generators") is the fact itself.
        body = headline(event, audience)
        body += f" ({when})" if when else ""
    elif event.kind is EventKind.CASUALTIES and figures:
        context = ", ".join(p for p in (where, when) if p)
        body = figures + (f" ({context})" if context else "")
    else:
        body = "; ".join(p for p in (where, figures) if p) or headline(event, audience)
        body += f" ({when})" if when else ""
    line = f"{label}: {body}" if body else label
    if event.attribution:
        line += " — " + _people(event.attribution, audience)
    if event.disputed_by:
        line += " [" + _("disputed by {who}", who=_people(event.disputed_by, audience)) + "]"
    return line + (" [" + _("denied") + "]" if event.denied else "")


def format_figures(
    figures: tuple[tuple[FigureName, Figure], ...],
    *,
    no_casualties: bool = False,
    audience: Audience = ENGLISH,
) -> str:
    """`19 killed, more than 100 injured`; zero casualties read as `no casualties reported`."""
    casualties = [f for name, f in figures if FIGURES[name].casualty]
    texts = [figure_text(name, f, audience) for name, f in figures]
    if all(f.value == 0 and f.qualifier is Qualifier.EXACT for f in casualties) and (
        casualties or no_casualties
    ):
        rest = [
            text
            for (name, _f), text in zip(figures, texts, strict=True)
            if not FIGURES[name].casualty
        ]
        return ", ".join([audience.tr.gettext("no casualties reported"), *rest])
    return ", ".join(texts)


def format_day(day: date, published: date | None, audience: Audience = ENGLISH) -> str:
    """A weekday for the week before publication (as news writes it), else a short date."""
    if published is not None and 0 <= (published - day).days < 7:
        return audience.tr.weekday(day)
    return audience.tr.short_date(day)


def severity_word(severity: Severity, audience: Audience = ENGLISH) -> str:
    """`URGENT`, `ТЕРМІНОВО`: how a heading opens."""
    return audience.tr.gettext(_SEVERITY_WORDS[severity])


_SEVERITY_WORDS = {
    Severity.FLASH: N_("FLASH"),
    Severity.URGENT: N_("URGENT"),
    Severity.ROUTINE: N_("ROUTINE"),
}


def _people(attributions: tuple[Attribution, ...], audience: Audience = ENGLISH) -> str:
    return "; ".join(
        a.who + (f", {role_text(a.role, audience)}" if a.role else "") for a in attributions[:2]
    )


def _place_names(event: Event, audience: Audience, *roles: PlaceRole) -> str:
    names = list(dict.fromkeys(audience.place(m.place) for m in event.places if m.role in roles))
    if len(names) > _MAX_PLACES:
        more = audience.tr.gettext("+{n} more", n=len(names) - _MAX_PLACES)
        names = [*names[:_MAX_PLACES], more]
    return ", ".join(names)


def _heading(alert: Alert, events: tuple[Event, ...], audience: Audience) -> str:
    parts = [severity_word(alert.severity, audience)]
    if events:
        parts.append(kind_label(events[0].kind, audience))
        where = _heading_regions(events[0], audience)
        if where:
            parts.append(where)
    return " · ".join(parts)


def _heading_regions(event: Event, audience: Audience = ENGLISH) -> str:
    """The regions where it happened; destinations only when nothing else is known."""
    located = [m for m in event.places if m.role is not PlaceRole.DESTINATION] or list(
        event.places
    )
    names: dict[str, None] = {}
    sure = {m.place.admin1 for m in located if not m.guessed}
    for m in located:
        if m.place.admin1:
            # A region known only from a guessed namesake is shown as a guess.
            region = audience.region(m.place.admin1)
            names.setdefault(region + ("" if m.place.admin1 in sure else "?"), None)
        elif m.place.level in (PlaceLevel.REGION, PlaceLevel.COUNTRY):
            names.setdefault(audience.place(m.place), None)
    if not names:
        names = dict.fromkeys(audience.place(m.place) for m in located)
    shown = list(names)[:_MAX_HEADING_REGIONS]
    extra = len(names) - len(shown)
    return ", ".join(shown) + (f" +{extra}" if extra else "")


def _published(article: Article) -> datetime | None:
    return article.published_at.astimezone(UTC) if article.published_at else None


def source_line(article: Article, name: str, audience: Audience = ENGLISH) -> str:
    """`Title — Outlet, 2024-05-20 10:00 Kyiv`: the article, who published it, and when."""
    published = _published(article)
    when = audience.time(published) if published else audience.tr.gettext("time unknown")
    return f"{article.title} — {name}, {when}"
