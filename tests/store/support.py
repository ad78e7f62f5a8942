"""Constants and helpers the store tests share."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.records import (
    Block,
    BlockKind,
    ChatRef,
    Document,
    Event,
    EventKind,
    Place,
    PlaceMention,
    Severity,
)
from bot.store.sql import SqlStore

T0 = datetime(2024, 3, 1, 12, 0, tzinfo=UTC)
CHAT = ChatRef("telegram", "-100200")
TOPIC = ChatRef("telegram", "-100200", "7")
OTHER = ChatRef("slack", "C0123")
DOC = Document((Block(BlockKind.HEADING, "Strike on Kharkiv", severity=Severity.URGENT),))


async def enqueue(
    store: SqlStore, article_id: int, chat: ChatRef = CHAT, severity: Severity = Severity.URGENT
) -> int:
    """Queue DOC for an article in a chat; the delivery's id."""
    delivery = await store.enqueue(
        article_id=article_id, subscription_id=1, chat=chat, severity=severity, document=DOC
    )
    assert delivery is not None
    return delivery.id


def event(evidence: str, region: str = "Kharkiv Oblast") -> Event:
    """A strike in Kharkiv (placed in `region`) whose evidence is `evidence`."""
    place = Place("Kharkiv", "UA", region, 49.99, 36.23)
    return Event(
        kind=EventKind.STRIKE,
        places=(PlaceMention("Kharkiv", place),),
        figures=(),
        attribution=(),
        date=datetime.now(UTC).date(),  # news: a story takes only recent events
        evidence=evidence,
    )
