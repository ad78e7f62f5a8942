"""Retention (issue 11: nothing was ever deleted): old rows pruned in batches, on SQLite and
PostgreSQL, without losing an undelivered alert or letting an old item alert again."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.records import Article, DeliveryStatus, Severity, StoryStatus
from bot.store import RetentionPolicy
from bot.store.sql import SqlStore
from bot.stories import StoryBook
from tests.store.support import CHAT, DOC, event

POLICY = RetentionPolicy(
    articles=timedelta(days=30),
    seen=timedelta(days=365),
    stories=timedelta(days=30),
    deliveries=timedelta(days=30),
    batch=10,  # small, so the 25 old articles take three batches
)


NOW = datetime.now(UTC)


def item(n: int) -> Article:
    return Article("wire", f"g{n}", f"https://wire.example/{n}", f"Strike {n}", "body", NOW, NOW)


async def test_old_rows_go_in_batches_and_nothing_waiting_or_unseen_is_lost(
    store: SqlStore,
) -> None:
    stored = await store.record_articles([item(n) for n in range(25)])
    waiting, *done = stored
    book = StoryBook(store)
    for s in stored:
        await store.record_events(s.id, [event(f"e{s.id}")])
        await book.assign(s.article, [event(f"e{s.id}")], article_id=s.id)
        await store.mark_processed(s.id)
    (unmatched,) = await store.record_articles([item(99)])  # recorded, not yet matched
    pending = await store.enqueue(
        article_id=waiting.id, subscription_id=1, chat=CHAT, severity=Severity.URGENT, document=DOC
    )
    sent = await store.enqueue(
        article_id=done[0].id, subscription_id=1, chat=CHAT, severity=Severity.URGENT, document=DOC
    )
    assert pending is not None
    assert sent is not None
    await store.mark_sent(sent.id, ("m1",), datetime.now(UTC))

    # 40 days on: texts, events, stories and sent alerts are past their age.
    later = datetime.now(UTC) + timedelta(days=40)
    report = await store.prune(later, POLICY)
    assert report.articles_emptied == 25  # not the unmatched one
    assert report.events_deleted == 25
    assert report.stories_deleted >= 1
    assert report.deliveries_deleted == 1
    assert report.articles_deleted == 0  # a year has not passed
    kept = await store.delivery(pending.id)
    assert kept is not None
    assert kept.status is DeliveryStatus.PENDING  # the undelivered alert stays
    assert await store.delivery(sent.id) is None
    stats = await store.stats()
    assert stats.events == 0
    assert stats.articles == 26
    assert [s.id for s in await store.unprocessed()] == [unmatched.id]
    # The key stays: a feed still listing the item does not make it new again.
    assert await store.record_articles([item(3)]) == ()
    # Emptied texts are found by no search; the unmatched article still is.
    assert {a.id for a, _ in await store.search([("strike",)], limit=50)} == {unmatched.id}

    # A second pass finds nothing more to do.
    assert (await store.prune(later, POLICY)).total == 0

    # After a year the rows themselves go, but not one an alert still waits on, nor one
    # not yet matched.
    report = await store.prune(datetime.now(UTC) + timedelta(days=400), POLICY)
    assert report.articles_deleted == 24
    assert (await store.stats()).articles == 2


async def test_null_keeps_everything(store: SqlStore) -> None:
    (old,) = await store.record_articles([item(1)])
    await store.record_events(old.id, [event("e")])
    await store.mark_processed(old.id)
    never = RetentionPolicy(articles=None, seen=None, stories=None, deliveries=None)
    report = await store.prune(datetime.now(UTC) + timedelta(days=4000), never)
    assert report.total == 0
    assert (await store.stats()).events == 1


async def test_a_story_still_reported_keeps_its_alerts_for_later_edits(store: SqlStore) -> None:
    (first,) = await store.record_articles([item(1)])
    book = StoryBook(store)
    ((_, change),) = await book.assign(first.article, [event("e")], article_id=first.id)
    assert change.status is StoryStatus.NEW
    card = await store.enqueue(
        article_id=first.id,
        subscription_id=1,
        chat=CHAT,
        severity=Severity.URGENT,
        document=DOC,
        story_id=change.story.id,
    )
    assert card is not None
    await store.mark_sent(card.id, ("m1",), datetime.now(UTC))
    # Reports keep coming: the story is recent even when its first alert is old.
    recent = datetime.now(UTC) + timedelta(days=40)
    found = await store.story(change.story.id)
    assert found is not None
    _, timeline = found
    await store.save_story(replace(change.story, last_seen=recent), timeline[0])
    report = await store.prune(recent + timedelta(days=1), POLICY)
    assert report.deliveries_deleted == 0
    assert await store.story_message(CHAT, change.story.id) == ("m1",)
