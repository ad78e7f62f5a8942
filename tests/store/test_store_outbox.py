"""The outbox on real databases: one send per article and chat, order, backoff, failure."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.records import (
    Article,
    DeliveryStatus,
    Severity,
)
from bot.store.outbox import retry_delay
from bot.store.sql import SqlStore
from tests.store.support import CHAT, DOC, OTHER, T0, TOPIC, enqueue


def article(n: int) -> Article:
    return Article("ukrinform", f"guid-{n}", None, f"Headline {n}", "", None, T0)


async def test_outbox_lifecycle(store: SqlStore) -> None:
    (a,) = await store.record_articles([article(1)])
    delivery = await store.enqueue(
        article_id=a.id, subscription_id=4, chat=TOPIC, severity=Severity.FLASH, document=DOC
    )
    assert delivery is not None
    assert await store.pending() == (delivery,)

    await store.mark_sent(delivery.id, ["501", "502"], at=T0)
    assert await store.pending() == ()
    sent = await store.delivery(delivery.id)
    assert sent is not None
    assert sent.status is DeliveryStatus.SENT
    assert sent.message_ids == ("501", "502")
    assert sent.sent_at == T0
    assert sent.attempts == 1


async def test_an_article_goes_to_a_chat_once(store: SqlStore) -> None:
    (a,) = await store.record_articles([article(1)])
    await enqueue(store, a.id, CHAT)
    again = await store.enqueue(
        article_id=a.id, subscription_id=2, chat=CHAT, severity=Severity.FLASH, document=DOC
    )
    assert again is None
    # Another topic of the same chat and another platform are other destinations.
    await enqueue(store, a.id, TOPIC)
    await enqueue(store, a.id, OTHER)
    assert {d.chat for d in await store.pending()} == {CHAT, TOPIC, OTHER}


async def test_pending_is_most_severe_first_then_oldest(store: SqlStore) -> None:
    stored = await store.record_articles([article(n) for n in range(4)])
    routine = await enqueue(store, stored[0].id, severity=Severity.ROUTINE)
    urgent_old = await enqueue(store, stored[1].id, severity=Severity.URGENT)
    flash = await enqueue(store, stored[2].id, severity=Severity.FLASH)
    urgent_new = await enqueue(store, stored[3].id, severity=Severity.URGENT)
    assert [d.id for d in await store.pending()] == [flash, urgent_old, urgent_new, routine]
    assert [d.id for d in await store.pending(limit=2)] == [flash, urgent_old]


async def test_transient_failure_backs_off(store: SqlStore) -> None:
    (a,) = await store.record_articles([article(1)])
    delivery_id = await enqueue(store, a.id)

    await store.mark_failed(delivery_id, "timed out", permanent=False, at=T0)
    assert await store.pending(now=T0 + timedelta(seconds=29)) == ()
    (retry,) = await store.pending(now=T0 + timedelta(seconds=30))
    assert (retry.attempts, retry.error, retry.status) == (1, "timed out", DeliveryStatus.PENDING)

    later = T0 + timedelta(minutes=5)
    await store.mark_failed(delivery_id, "502 bad gateway", permanent=False, at=later)
    assert await store.pending(now=later + timedelta(seconds=59)) == ()
    (retry,) = await store.pending(now=later + timedelta(seconds=60))
    assert (retry.attempts, retry.error) == (2, "502 bad gateway")


async def test_permanent_failure_leaves_the_outbox(store: SqlStore) -> None:
    (a,) = await store.record_articles([article(1)])
    delivery_id = await enqueue(store, a.id)
    await store.mark_failed(delivery_id, "bot was blocked", permanent=True, at=T0)
    assert await store.pending(now=T0 + timedelta(days=1)) == ()
    failed = await store.delivery(delivery_id)
    assert failed is not None
    assert (failed.status, failed.attempts, failed.error) == (
        DeliveryStatus.FAILED,
        1,
        "bot was blocked",
    )
    # A late failure report does not bring it back.
    await store.mark_failed(delivery_id, "again", permanent=False, at=T0)
    assert await store.pending(now=T0 + timedelta(days=1)) == ()


@pytest.mark.parametrize(
    ("attempts", "seconds"),
    [(0, 30), (1, 30), (2, 60), (3, 120), (7, 1920), (8, 3600), (99, 3600)],
)
def test_retry_delay_doubles_up_to_an_hour(attempts: int, seconds: int) -> None:
    assert retry_delay(attempts) == timedelta(seconds=seconds)
