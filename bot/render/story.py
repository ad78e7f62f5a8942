"""A story as a card (what alerts, /latest and /story show) and a change as a one-line update."""

from __future__ import annotations

from bot.i18n import ENGLISH, N_, Audience
from bot.kinds import KINDS
from bot.records import (
    Alert,
    Block,
    BlockKind,
    Button,
    Change,
    Document,
    Report,
    Story,
    Verification,
)
from bot.render.alert import (
    format_day,
    kind_label,
    reason,
    severity_word,
    source_line,
)
from bot.render.summary import figure_text, format_figure, summary_line

_STATE_WORDS = {
    Verification.REPORTED: N_("reported by one outlet"),
    Verification.CORROBORATED: N_("corroborated"),
    Verification.OFFICIAL: N_("official"),
    Verification.DISPUTED: N_("disputed"),
}
_MAX_OUTLETS = 3
# How a report's line in /story says what it did.
_REPORT_STATUS = {
    "new": N_("new"),
    "update": N_("update"),
    "duplicate": N_("duplicate"),
}


def render_story(
    alert: Alert, *, source_name: str | None = None, audience: Audience = ENGLISH
) -> Document:
    """Heading, the story in one sentence, where it stands, the latest report, the reason."""
    _ = audience.tr.gettext
    change = alert.change
    assert change is not None, "render_story needs an alert about a story"
    story = change.story
    event = story.event
    published = alert.article.published_at
    day = audience.day(published) if published else None
    lead = summary_line(event, audience)
    if event.date is not None:
        lead = f"{lead.rstrip('.')} ({format_day(event.date, day, audience)})."
    blocks = [
        Block(BlockKind.HEADING, text=_heading(alert, audience), severity=alert.severity),
        Block(BlockKind.TEXT, text=lead),
    ]
    # Kinds of another family joined later: the evacuation ordered after the strike.
    families = KINDS[event.kind].families
    others = [kind_label(k, audience) for k in event.also if not KINDS[k].families & families]
    facts = [_("Also: {kinds}", kinds=", ".join(others))] if others else []
    if event.disputed_by:
        facts.append(_("Denied by {who}", who="; ".join(a.who for a in event.disputed_by[:2])))
    facts.append(standing(story, audience))
    blocks.append(Block(BlockKind.FACTS, items=tuple(facts)))
    name = source_name or alert.article.source_id
    blocks.append(
        Block(
            BlockKind.SOURCE,
            text=source_line(alert.article, name, audience),
            url=alert.article.url,
        )
    )
    if alert.reason:
        blocks.append(Block(BlockKind.REASON, text=reason(alert, audience)))
    buttons = (
        Button(_("Mute this story"), f"mute {story.id}"),
        Button(_("More like this"), f"more {story.id}"),
    )
    return Document(tuple(blocks), buttons=(buttons,))


def sources_count(n: int, audience: Audience = ENGLISH) -> str:
    return audience.tr.ngettext("{n} source", "{n} sources", n)


def standing(story: Story, audience: Audience = ENGLISH) -> str:
    """`Story #12 · 3 sources · official`."""
    _ = audience.tr.gettext
    return _(
        "Story #{id} · {sources} · {state}",
        id=story.id,
        sources=sources_count(story.sources, audience),
        state=_(_STATE_WORDS[story.verification]),
    )


def update_note(change: Change, audience: Audience = ENGLISH) -> Document:
    """The one line an update replies with: `Update: 5 killed (was 3) · 2 sources`."""
    return Document((Block(BlockKind.TEXT, text=update_line(change, audience)),))


def update_line(change: Change, audience: Audience = ENGLISH) -> str:
    _ = audience.tr.gettext
    story, before = change.story, change.before
    parts: list[str] = []
    was = dict(before.event.figures) if before else {}
    now = dict(story.event.figures)
    for name in change.rose:
        figure = now.get(name)
        if figure is None:
            continue
        text = figure_text(name, figure, audience)
        old = was.get(name)
        if old is not None:
            text = _("{now} (was {before})", now=text, before=format_figure(old, audience))
        parts.append(text)
    parts.extend(_("also {kind}", kind=kind_label(k, audience).lower()) for k in change.new_kinds)
    if change.widened:
        parts.append(_("now also {places}", places=", ".join(change.widened)))
    if change.corrected:
        parts.append(_("correction or denial reported"))
    if change.upgraded:
        parts.append(_(_STATE_WORDS[story.verification]))
    return _(
        "Update: {changes} · {sources}",
        changes=", ".join(parts or [_("new report")]),
        sources=sources_count(story.sources, audience),
    )


def timeline(story: Story, reports: tuple[Report, ...], audience: Audience = ENGLISH) -> Document:
    """`/story <id>`: the card, then one line per report, oldest first."""
    lines = []
    for r in reports:
        when = (
            f"{r.published_at.astimezone(audience.zone):%m-%d %H:%M}" if r.published_at else "--"
        )
        figures = ", ".join(figure_text(n, f, audience) for n, f in r.figures)
        status = audience.tr.gettext(_REPORT_STATUS.get(r.status.value, r.status.value))
        lines.append(
            f"{when} {r.outlet} [{status}]: {r.title}" + (f" ({figures})" if figures else "")
        )
    heading = audience.tr.gettext(
        "Story #{id} · {kind}", id=story.id, kind=kind_label(story.event.kind, audience)
    )
    return Document(
        (
            Block(BlockKind.HEADING, text=heading),
            Block(BlockKind.TEXT, text=summary_line(story.event, audience)),
            Block(BlockKind.FACTS, items=(standing(story, audience), *lines)),
        )
    )


def _heading(alert: Alert, audience: Audience) -> str:
    assert alert.change is not None
    event = alert.change.story.event
    regions = list(dict.fromkeys(m.place.admin1 for m in event.places if m.place.admin1))[:3]
    parts = [severity_word(alert.severity, audience), kind_label(event.kind, audience)]
    if regions:
        parts.append(", ".join(audience.region(r) for r in regions))
    return " · ".join(parts)
