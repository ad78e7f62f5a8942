"""SqlStore on real databases: dedup, concurrency, time zones, outbox, health, subscriptions."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import pytest

from bot.errors import StoreError
from bot.records import (
    Article,
    DeliveryStatus,
    EventKind,
    Filter,
    Severity,
    SourceState,
)
from bot.store import Store
from bot.store.sql import SqlStore, open_store
from tests.store.support import CHAT, OTHER, T0, TOPIC, enqueue, event

KYIV = timezone(timedelta(hours=3))


def article(n: int, *, guid: str | None = "", url: str | None = None, title: str = "") -> Article:
    return Article(
        source_id="kyiv-independent",
        guid=f"guid-{n}" if guid == "" else guid,
        url=url if url is not None else f"https://example.org/news/{n}",
        title=title or f"Headline {n}",
        text=f"Body of article {n}.",
        published_at=T0 + timedelta(minutes=n),
        fetched_at=T0 + timedelta(hours=1),
    )


async def test_sql_store_is_the_store_the_app_needs(store: SqlStore) -> None:
    # mypy checks the protocol here; the run checks the instance is usable through it.
    as_protocol: Store = store
    assert await as_protocol.subscriptions() == ()


# --- articles --------------------------------------------------------------------------------


async def test_record_articles_returns_only_unseen_in_input_order(store: SqlStore) -> None:
    first = await store.record_articles([article(2), article(1)])
    assert [s.article.guid for s in first] == ["guid-2", "guid-1"]
    assert len({s.id for s in first}) == 2

    again = await store.record_articles([article(1), article(3), article(2)])
    assert [s.article for s in again] == [article(3)]


async def test_record_articles_dedups_within_a_batch_keeping_the_first(store: SqlStore) -> None:
    batch = [article(1), article(2), article(1, title="Updated headline"), article(2)]
    stored = await store.record_articles(batch)
    assert [s.article for s in stored] == [article(1), article(2)]
    assert await store.record_articles([]) == ()


async def test_article_key_is_guid_else_url(store: SqlStore) -> None:
    same_url_new_guid = article(1, guid="other-guid")
    no_guid = article(5, guid=None, url="https://example.org/x")
    no_guid_again = article(6, guid=None, url="https://example.org/x")
    stored = await store.record_articles([article(1), same_url_new_guid, no_guid, no_guid_again])
    assert [s.article for s in stored] == [article(1), same_url_new_guid, no_guid]


async def test_dedup_survives_a_restart(db_url: str) -> None:
    async with await open_store(db_url) as store:
        assert len(await store.record_articles([article(1), article(2)])) == 2
    async with await open_store(db_url) as store:
        stored = await store.record_articles([article(2), article(3), article(1)])
    assert [s.article for s in stored] == [article(3)]


async def test_concurrent_callers_each_get_an_article_once(db_url: str) -> None:
    # Two stores, so two connections really race; more rows than one INSERT chunk.
    items = [article(n) for n in range(250)]
    async with await open_store(db_url) as one, await open_store(db_url) as two:
        results = await asyncio.gather(
            one.record_articles(items),
            two.record_articles(list(reversed(items))),
            one.record_articles(items[100:200]),
        )
    keys = [s.article.key for result in results for s in result]
    ids = [s.id for result in results for s in result]
    assert sorted(keys) == sorted(a.key for a in items)
    assert len(set(ids)) == len(items)


async def test_datetimes_come_back_aware_and_equal(store: SqlStore) -> None:
    local = Article("s", "g", None, "t", "x", datetime(2024, 3, 1, 9, 30, tzinfo=KYIV), T0)
    (stored,) = await store.record_articles([local])
    await store.record_events(stored.id, [event("Strike")])
    ((back, _),) = await store.recent_events()
    assert back.article == local
    assert back.article.published_at is not None
    assert back.article.published_at.utcoffset() == timedelta(0)
    assert back.article.published_at == datetime(2024, 3, 1, 6, 30, tzinfo=UTC)


async def test_naive_datetimes_are_refused(store: SqlStore) -> None:
    naive = Article("s", "g", None, "t", "x", None, datetime(2024, 3, 1, 12, 0))  # noqa: DTZ001
    with pytest.raises(StoreError, match="naive datetime"):
        await store.record_articles([naive])


async def test_recent_events_are_newest_first_with_their_article(store: SqlStore) -> None:
    a1, a2 = await store.record_articles([article(1), article(2)])
    await store.record_events(a1.id, [event("first"), event("second", region="Sumy Oblast")])
    await store.record_events(a2.id, [event("third")])
    recent = await store.recent_events(limit=2)
    assert [(s.id, e.evidence) for s, e in recent] == [(a2.id, "third"), (a1.id, "second")]
    assert recent[1][1] == event("second", region="Sumy Oblast")


async def test_recording_events_again_replaces_them(store: SqlStore) -> None:
    (a1,) = await store.record_articles([article(1)])
    await store.record_events(a1.id, [event("first"), event("second")])
    await store.record_events(a1.id, [event("again")])
    assert [e.evidence for _, e in await store.recent_events(limit=10)] == ["again"]
    await store.record_events(a1.id, [])
    assert await store.recent_events(limit=10) == ()


async def test_events_need_an_existing_article(store: SqlStore) -> None:
    with pytest.raises(StoreError, match="recording events failed"):
        await store.record_events(999, [event("orphan")])


# --- source health ---------------------------------------------------------------------------


async def test_source_state_round_trip(store: SqlStore) -> None:
    assert await store.source_state("ukrinform") == SourceState("ukrinform")
    failing = SourceState(
        "ukrinform",
        etag='W/"abc"',
        last_modified="Fri, 01 Mar 2024 09:00:00 GMT",
        last_fetch_at=datetime(2024, 3, 1, 15, 0, tzinfo=KYIV),
        last_ok_at=T0 - timedelta(hours=2),
        last_error="HTTP 503",
        last_error_at=T0,
        consecutive_failures=3,
        error_count=7,
        paused=True,
    )
    await store.save_source_state(failing)
    assert await store.source_state("ukrinform") == failing

    # A poll saving its outcome leaves an operator's pause alone ...
    healthy = SourceState("ukrinform", etag='"def"', last_ok_at=T0, error_count=7)
    await store.save_source_state(healthy)
    await store.save_source_state(SourceState("bbc"))
    assert await store.source_state("ukrinform") == replace(healthy, paused=True)
    # ... which only /resume lifts.
    await store.set_source_paused("ukrinform", paused=False)
    assert await store.all_source_states() == (SourceState("bbc"), healthy)


# --- subscriptions ---------------------------------------------------------------------------


async def test_subscriptions_add_list_remove_in_their_own_chat(store: SqlStore) -> None:
    wanted = Filter(kinds=(EventKind.STRIKE,), include=("kharkiv",), min_severity=Severity.URGENT)
    mine = await store.add_subscription(CHAT, wanted, "strike kharkiv", created_by="u1")
    topic = await store.add_subscription(TOPIC, Filter(), "", created_by=None)
    theirs = await store.add_subscription(OTHER, Filter(), "", created_by="U9")

    assert await store.subscriptions() == (mine, topic, theirs)
    assert await store.subscriptions(CHAT) == (mine,)
    assert (await store.subscriptions(TOPIC))[0].chat == TOPIC
    assert mine.filter == wanted
    assert mine.created_at.tzinfo is not None

    assert await store.remove_subscription(OTHER, mine.id) is False
    assert await store.remove_subscription(TOPIC, mine.id) is False
    assert await store.remove_subscription(CHAT, mine.id) is True
    assert await store.remove_subscription(CHAT, mine.id) is False
    assert await store.subscriptions() == (topic, theirs)


async def test_last_unsubscribe_drops_the_chats_queue(store: SqlStore) -> None:
    a1, a2 = await store.record_articles([article(1), article(2)])
    first = await store.add_subscription(CHAT, Filter(), "", created_by=None)
    second = await store.add_subscription(CHAT, Filter(), "", created_by=None)
    await enqueue(store, a1.id, CHAT)
    await enqueue(store, a2.id, OTHER)

    await store.remove_subscription(CHAT, first.id)
    assert len(await store.pending()) == 2
    await store.remove_subscription(CHAT, second.id)
    assert [d.chat for d in await store.pending()] == [OTHER]


async def test_pause_chat_pauses_its_subscriptions_and_fails_its_queue(store: SqlStore) -> None:
    (a,) = await store.record_articles([article(1)])
    await store.add_subscription(CHAT, Filter(), "", created_by=None)
    await store.add_subscription(TOPIC, Filter(), "", created_by=None)
    await store.add_subscription(OTHER, Filter(), "", created_by=None)
    queued = await enqueue(store, a.id, TOPIC)

    assert await store.pause_chat(CHAT, "bot was kicked") == 2
    assert [s.paused for s in await store.subscriptions()] == [True, True, False]
    assert await store.pending() == ()
    failed = await store.delivery(queued)
    assert failed is not None
    assert (failed.status, failed.error) == (DeliveryStatus.FAILED, "bot was kicked")

    assert await store.resume_chat(TOPIC) == 1
    assert [s.paused for s in await store.subscriptions()] == [True, False, False]
