"""A story as a card (what alerts, /latest and /story show) and a change as a one-line update."""

from __future__ import annotations

from datetime import UTC

from bot.kinds import FIGURES, KINDS
from bot.records import (
    Alert,
    Block,
    BlockKind,
    Change,
    Document,
    Report,
    Story,
    Verification,
)
from bot.render.alert import format_day
from bot.render.summary import summary_line

_STATE_WORDS = {
    Verification.REPORTED: "reported by one outlet",
    Verification.CORROBORATED: "corroborated",
    Verification.OFFICIAL: "official",
    Verification.DISPUTED: "disputed",
}
_MAX_OUTLETS = 3


def render_story(alert: Alert, *, source_name: str | None = None) -> Document:
    """Heading, the story in one sentence, where it stands, the latest report, the reason."""
    change = alert.change
    assert change is not None, "render_story needs an alert about a story"
    story = change.story
    event = story.event
    published = alert.article.published_at
    day = published.astimezone(UTC).date() if published else None
    lead = summary_line(event)
    if event.date is not None:
        lead = f"{lead.rstrip('.')} ({format_day(event.date, day)})."
    blocks = [
        Block(BlockKind.HEADING, text=_heading(alert), severity=alert.severity),
        Block(BlockKind.TEXT, text=lead),
    ]
    # Kinds of another family joined later: the evacuation ordered after the strike.
    families = KINDS[event.kind].families
    others = [KINDS[k].label for k in event.also if not KINDS[k].families & families]
    facts = [f"Also: {', '.join(others)}"] if others else []
    if event.disputed_by:
        facts.append("Denied by " + "; ".join(a.who for a in event.disputed_by[:2]))
    facts.append(standing(story))
    blocks.append(Block(BlockKind.FACTS, items=tuple(facts)))
    when = f"{published.astimezone(UTC):%Y-%m-%d %H:%M} UTC" if published else "time unknown"
    name = source_name or alert.article.source_id
    blocks.append(
        Block(
            BlockKind.SOURCE, text=f"{alert.article.title} — {name}, {when}", url=alert.article.url
        )
    )
    if alert.reason:
        blocks.append(Block(BlockKind.REASON, text=alert.reason))
    return Document(tuple(blocks))


def standing(story: Story) -> str:
    """`Story #12 · 3 sources · official`."""
    sources = "1 source" if story.sources == 1 else f"{story.sources} sources"
    return f"Story #{story.id} · {sources} · {_STATE_WORDS[story.verification]}"


def update_note(change: Change) -> Document:
    """The one line an update replies with: `Update: 5 killed (was 3) · 2 sources`."""
    return Document((Block(BlockKind.TEXT, text=update_line(change)),))


def update_line(change: Change) -> str:
    story, before = change.story, change.before
    parts: list[str] = []
    was = dict(before.event.figures) if before else {}
    now = dict(story.event.figures)
    for name in change.rose:
        figure = now.get(name)
        if figure is None:
            continue
        text = f"{figure} {FIGURES[name].words}"
        old = was.get(name)
        parts.append(f"{text} (was {old})" if old is not None else text)
    parts.extend(f"also {KINDS[k].label.lower()}" for k in change.new_kinds)
    if change.corrected:
        parts.append("correction or denial reported")
    if change.upgraded:
        parts.append(_STATE_WORDS[story.verification])
    sources = "1 source" if story.sources == 1 else f"{story.sources} sources"
    return "Update: " + ", ".join(parts or ["new report"]) + f" · {sources}"


def timeline(story: Story, reports: tuple[Report, ...]) -> Document:
    """`/story <id>`: the card, then one line per report, oldest first."""
    lines = []
    for r in reports:
        when = f"{r.published_at.astimezone(UTC):%m-%d %H:%M}" if r.published_at else "--"
        figures = ", ".join(f"{f} {FIGURES[n].words}" for n, f in r.figures)
        lines.append(
            f"{when} {r.outlet} [{r.status.value}]: {r.title}"
            + (f" ({figures})" if figures else "")
        )
    return Document(
        (
            Block(BlockKind.HEADING, text=f"Story #{story.id} · {KINDS[story.event.kind].label}"),
            Block(BlockKind.TEXT, text=summary_line(story.event)),
            Block(BlockKind.FACTS, items=(standing(story), *lines)),
        )
    )


def _heading(alert: Alert) -> str:
    assert alert.change is not None
    event = alert.change.story.event
    regions = list(dict.fromkeys(m.place.admin1 for m in event.places if m.place.admin1))[:3]
    parts = [alert.severity.name, KINDS[event.kind].label]
    if regions:
        parts.append(", ".join(regions))
    return " · ".join(parts)
