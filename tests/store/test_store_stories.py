"""Stories in the SQL store (SQLite and PostgreSQL): cards and timelines survive a restart,
a chat's card is found for an update, and a waiting card takes the newer facts."""

from __future__ import annotations

from datetime import timedelta

from bot.records import (
    Article,
    Block,
    BlockKind,
    Delivery,
    Document,
    Event,
    EventKind,
    Figure,
    FigureName,
    Severity,
    StoryStatus,
)
from bot.store.sql import SqlStore, open_store
from bot.stories import StoryBook
from tests.store.support import CHAT, DOC, OTHER, T0, event

NOTE = Document((Block(BlockKind.TEXT, "Update: 5 killed (was 3) · 2 sources"),))
NEWER = Document(
    (Block(BlockKind.HEADING, "Strike on Kharkiv: 5 killed", severity=Severity.FLASH),)
)


def article(n: int, minutes: int, title: str = "") -> Article:
    at = T0 + timedelta(minutes=minutes)
    url = f"https://outlet{n}.example/{minutes}"
    return Article(f"outlet-{n}", None, url, title or f"Report {n}", "", at, at)


async def queue(
    store: SqlStore,
    article_id: int,
    document: Document,
    *,
    story_id: int,
    severity: Severity = Severity.URGENT,
    note: Document | None = None,
) -> Delivery | None:
    """One story alert for CHAT."""
    return await store.enqueue(
        article_id=article_id,
        subscription_id=1,
        chat=CHAT,
        severity=severity,
        document=document,
        story_id=story_id,
        note=note,
    )


def strike(killed: int, kind: EventKind = EventKind.STRIKE) -> Event:
    base = event("missile")
    return Event(
        kind=kind,
        places=base.places,
        figures=((FigureName.KILLED, Figure(killed)),),
        attribution=base.attribution,
        date=T0.date(),
        evidence="",
    )


async def test_stories_and_their_timelines_survive_a_restart(store: SqlStore, db_url: str) -> None:
    book = StoryBook(store)
    ((_, first),) = await book.assign(article(1, 0), [strike(3)])
    # "The toll rose to 5": a later count of the same strike.
    ((_, second),) = await book.assign(
        article(2, 30, "Kharkiv strike: death toll rises to 5"), [strike(5, EventKind.CASUALTIES)]
    )
    assert first.story.id > 0
    assert second.story.id == first.story.id
    assert second.status is StoryStatus.UPDATE

    reopened = await open_store(db_url)
    try:
        again = StoryBook(reopened)
        assert await again.load(T0 + timedelta(hours=1)) == 1
        ((_, third),) = await again.assign(article(3, 60), [strike(5)])
        assert third.story.id == first.story.id
        assert third.story.reports == 3
        assert third.story.sources == 3
        found = await reopened.story(first.story.id)
        assert found is not None
        card, reports = found
        assert dict(card.event.figures)[FigureName.KILLED] == Figure(5)
        assert [r.status for r in reports] == [
            StoryStatus.NEW,
            StoryStatus.UPDATE,
            StoryStatus.DUPLICATE,
        ]
        assert [r.outlet for r in reports] == [
            "outlet1.example",
            "outlet2.example",
            "outlet3.example",
        ]
    finally:
        await reopened.close()


async def test_a_chats_card_is_found_for_updates_and_a_waiting_card_takes_the_newer_facts(
    store: SqlStore,
) -> None:
    (a, b) = await store.record_articles([article(1, 0), article(2, 30)])
    card = await queue(store, a.id, DOC, story_id=7)
    assert card is not None
    assert await store.story_chats(7) == {CHAT}
    assert OTHER not in await store.story_chats(7)
    assert await store.story_message(CHAT, 7) == ()  # not sent yet
    # An update while the card still waits: the card takes the newer facts, no second row.
    merged = await queue(store, b.id, NEWER, story_id=7, severity=Severity.FLASH, note=NOTE)
    assert merged is not None
    assert merged.id == card.id
    (pending,) = await store.pending()
    assert pending.document == NEWER
    assert pending.severity is Severity.FLASH
    assert pending.note is None
    await store.mark_sent(card.id, ["41"], T0)
    assert await store.story_message(CHAT, 7) == ("41",)
    # Once sent, an update is a row of its own that replies to the card.
    update = await queue(store, b.id, NEWER, story_id=7, severity=Severity.URGENT, note=NOTE)
    assert update is not None
    assert update.id != card.id
    (waiting,) = await store.pending()
    assert waiting.note == NOTE
    assert waiting.story_id == 7
    await store.mark_sent(update.id, ["42"], T0, card=False)
    assert await store.story_message(CHAT, 7) == ("41",)  # still the card, not the reply


async def test_one_article_may_alert_a_chat_once_per_story(store: SqlStore) -> None:
    (a,) = await store.record_articles([article(1, 0)])
    for story_id in (1, 2):
        queued = await queue(store, a.id, DOC, story_id=story_id)
        assert queued is not None
    again = await queue(store, a.id, DOC, story_id=2)
    assert again is None
    assert len(await store.pending()) == 2
