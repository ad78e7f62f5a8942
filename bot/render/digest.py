"""Alerts held back (quiet hours, a digest subscription) as one message: the stories grouped
by region, one line each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bot.i18n import ENGLISH, Audience
from bot.records import Alert, Block, BlockKind, Document, Severity
from bot.render.alert import severity_word
from bot.render.summary import summary_line

# Lines a digest lists before it says how many more there are.
MAX_LINES = 40


@dataclass(frozen=True, slots=True)
class Brief:
    """What a held alert says in a digest: its region and one line, written for the chat
    when the alert was queued."""

    region: str
    line: str
    severity: Severity = Severity.ROUTINE


def render_digest(
    briefs: Sequence[Brief],
    *,
    held_for: str,
    audience: Audience = ENGLISH,
) -> Document:
    """`Quiet hours are over: 5 alerts` (or `Daily digest: …`), then each region with its
    stories' lines, most severe region first."""
    tr = audience.tr
    count = tr.ngettext("{n} alert", "{n} alerts", len(briefs))
    if held_for == "daily":
        title = tr.gettext("Daily digest: {count}", count=count)
    elif held_for == "hourly":
        title = tr.gettext("Hourly digest: {count}", count=count)
    else:
        title = tr.gettext("While this chat was quiet: {count}", count=count)
    top = max((b.severity for b in briefs), default=Severity.ROUTINE)
    blocks = [Block(BlockKind.HEADING, text=title, severity=top)]
    by_region: dict[str, list[Brief]] = {}
    for brief in briefs:
        by_region.setdefault(brief.region or tr.gettext("Elsewhere"), []).append(brief)
    ordered = sorted(by_region.items(), key=lambda kv: -max(b.severity for b in kv[1]))
    shown = 0
    for region, items in ordered:
        lines: list[str] = []
        for brief in items:
            if shown == MAX_LINES:
                break
            mark = f"{severity_word(brief.severity, audience)} · " if brief.severity > 1 else ""
            lines.append(mark + brief.line)
            shown += 1
        if lines:
            blocks.append(Block(BlockKind.FACTS, text=region, items=tuple(lines)))
    if shown < len(briefs):
        blocks.append(
            Block(
                BlockKind.TEXT,
                text=tr.ngettext(
                    "+{n} more alert: see /latest",
                    "+{n} more alerts: see /latest",
                    len(briefs) - shown,
                ),
            )
        )
    return Document(tuple(blocks))


def brief_of(alert: Alert, audience: Audience = ENGLISH) -> tuple[str, str]:
    """What a held alert will say in its digest: (its region, the story in one line)."""
    event = alert.change.story.event if alert.change is not None else alert.events[0]
    regions = list(dict.fromkeys(m.place.admin1 for m in event.places if m.place.admin1))
    region = audience.region(regions[0]) if regions else ""
    return region, summary_line(event, audience)
