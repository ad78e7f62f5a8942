"""Several workers on one PostgreSQL store: source leases, delivery claims and the leader's
lock, each worker with an engine of its own as a separate process would have."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from bot.records import Article, ChatRef, Severity, Worker
from bot.store import workers as store_workers
from bot.store.sql import SqlStore, open_store
from tests.store.support import DOC

pytestmark = pytest.mark.parametrize("db_url", ["postgresql"], indirect=True)

NOW = datetime(2026, 12, 6, 12, 0, tzinfo=UTC)
SOURCES = [f"s{n:02d}" for n in range(10)]


def worker(name: str, at: datetime = NOW) -> Worker:
    return Worker(name, "host", 1, at, at)


@pytest.fixture
async def second(db_url: str, store: SqlStore) -> AsyncIterator[SqlStore]:
    """Another worker's store on the same database (opened after the first migrated it)."""
    opened = await open_store(db_url)
    try:
        yield opened
    finally:
        await opened.close()


async def test_workers_share_the_sources_and_never_hold_one_twice(
    store: SqlStore, second: SqlStore
) -> None:
    await store.join(worker("a"))
    alive = await store.heartbeat("a", NOW, leader=False)
    assert [w.id for w in alive] == ["a"]
    held_a, surplus = await store.lease_sources("a", SOURCES, share=10, now=NOW)
    assert held_a == set(SOURCES)
    assert not surplus

    await second.join(worker("b"))
    alive = await second.heartbeat("b", NOW, leader=False)
    assert [w.id for w in alive] == ["a", "b"]
    held_b, _ = await second.lease_sources("b", SOURCES, share=5, now=NOW)
    assert held_b == frozenset()  # nothing free until a gives some back

    held_a, surplus = await store.lease_sources("a", SOURCES, share=5, now=NOW)
    assert len(surplus) == 5
    assert surplus <= held_a
    await store.release_sources("a", sorted(surplus))
    later = NOW + timedelta(seconds=5)
    held_b, _ = await second.lease_sources("b", SOURCES, share=5, now=later)
    assert held_b == surplus
    kept_a, _ = await store.lease_sources("a", SOURCES, share=5, now=later)
    assert kept_a == held_a - surplus
    assert kept_a.isdisjoint(held_b)
    assert kept_a | held_b == set(SOURCES)


async def test_a_dead_workers_sources_are_taken_once_its_leases_expire(
    store: SqlStore, second: SqlStore
) -> None:
    await store.join(worker("a"))
    await store.lease_sources("a", SOURCES, share=10, now=NOW)
    await second.join(worker("b"))
    # Within the lease, a's sources are a's, whatever b's share says.
    soon = NOW + store_workers.WORKER_TTL - timedelta(seconds=1)
    assert (await second.lease_sources("b", SOURCES, share=10, now=soon))[0] == frozenset()
    # a stopped beating: past the lease, b's beat counts one worker alive and takes all.
    late = NOW + store_workers.WORKER_TTL + timedelta(seconds=1)
    alive = await second.heartbeat("b", late, leader=False)
    assert [w.id for w in alive] == ["b"]
    held_b, _ = await second.lease_sources("b", SOURCES, share=10, now=late)
    assert held_b == set(SOURCES)
    shown = {w.id: (count, living) for w, count, living in await second.workers(late)}
    assert shown == {"a": (0, False), "b": (10, True)}


async def test_a_clean_leave_frees_sources_and_claims_at_once(
    store: SqlStore, second: SqlStore
) -> None:
    await store.join(worker("a"))
    await store.lease_sources("a", SOURCES, share=10, now=NOW)
    stored = await store.record_articles([Article("s00", "g1", None, "T", "", None, NOW)])
    await store.enqueue(
        article_id=stored[0].id,
        subscription_id=1,
        chat=ChatRef("telegram", "1"),
        severity=Severity.URGENT,
        document=DOC,
    )
    assert len(await store.pending()) == 1  # claimed by a
    await store.leave("a")
    await second.join(worker("b"))
    assert (await second.lease_sources("b", SOURCES, share=10, now=NOW))[0] == set(SOURCES)
    assert len(await second.pending()) == 1  # a's claim went with it


async def test_sources_gone_from_the_config_are_given_back(store: SqlStore) -> None:
    await store.join(worker("a"))
    await store.lease_sources("a", SOURCES, share=10, now=NOW)
    held, surplus = await store.lease_sources("a", SOURCES[:8], share=8, now=NOW)
    assert surplus == {"s08", "s09"}
    assert held - surplus == set(SOURCES[:8])


async def _queue(store: SqlStore, chats: dict[str, int]) -> None:
    """`count` deliveries for each chat, one article each."""
    n = 0
    for chat_id, count in chats.items():
        for _ in range(count):
            n += 1
            article = Article("src", f"g{n}", None, f"T{n}", "", None, NOW)
            (stored,) = await store.record_articles([article])
            await store.enqueue(
                article_id=stored.id,
                subscription_id=1,
                chat=ChatRef("telegram", chat_id),
                severity=Severity.URGENT,
                document=DOC,
            )


async def test_two_workers_claim_disjoint_deliveries_and_never_split_a_chat(
    store: SqlStore, second: SqlStore
) -> None:
    await _queue(store, {"1": 3, "2": 3, "3": 2, "4": 2})
    await store.join(worker("a"))
    await second.join(worker("b"))
    got_a, got_b = await asyncio.gather(store.pending(limit=4), second.pending(limit=4))
    ids_a, ids_b = {d.id for d in got_a}, {d.id for d in got_b}
    assert ids_a
    assert ids_b
    assert ids_a.isdisjoint(ids_b)
    chats_a, chats_b = {d.chat for d in got_a}, {d.chat for d in got_b}
    assert chats_a.isdisjoint(chats_b)
    # A chat one worker holds is left to it, even past that worker's limit.
    rest = await second.pending(limit=100)
    assert {d.chat for d in rest}.isdisjoint(chats_a)


async def test_a_chat_a_worker_holds_is_freed_by_its_sends(
    store: SqlStore, second: SqlStore
) -> None:
    await _queue(store, {"1": 3, "2": 3, "3": 2})
    await store.join(worker("a"))
    await second.join(worker("b"))
    got_a = await store.pending(limit=4)  # chat 1's three and chat 2's first
    assert [d.chat.chat_id for d in got_a] == ["1", "1", "1", "2"]
    got_b = await second.pending(limit=100)
    assert {d.chat.chat_id for d in got_b} == {"3"}  # chat 2 is a's until its send is done
    for d in got_a:
        await store.mark_sent(d.id, ["m"], NOW)
    after = await second.pending(limit=100)
    assert [d.chat.chat_id for d in after] == ["2", "2", "3", "3"]


async def test_a_dead_workers_claims_expire(store: SqlStore, second: SqlStore) -> None:
    await _queue(store, {"1": 2})
    await store.join(worker("a"))
    await second.join(worker("b"))
    now = datetime.now(UTC)
    claimed = await store.pending(limit=10, now=now)
    assert len(claimed) == 2
    assert await second.pending(limit=10, now=now) == ()
    late = now + timedelta(seconds=61)
    assert {d.id for d in await second.pending(limit=10, now=late)} == {d.id for d in claimed}


async def test_one_leader_at_a_time_and_the_next_takes_over(
    store: SqlStore, second: SqlStore
) -> None:
    first = await store.try_lead()
    assert first is not None
    assert await second.try_lead() is None
    assert await first.alive()
    await first.release()
    taken = await second.try_lead()
    assert taken is not None
    await taken.release()


async def test_a_leader_whose_session_dies_sees_it_and_another_leads(
    store: SqlStore, second: SqlStore
) -> None:
    leader = await store.try_lead()
    assert leader is not None
    assert await second.try_lead() is None
    # The leader's database session ends (a crash, a network cut): the lock goes with it.
    async with second._engine.begin() as conn:
        await conn.execute(
            text(
                "SELECT pg_terminate_backend(l.pid) FROM pg_locks l"
                " JOIN pg_database d ON d.oid = l.database"
                " WHERE l.locktype = 'advisory' AND l.objid = :key"
                " AND d.datname = current_database()"
            ),
            {"key": store_workers.LEADING & 0xFFFFFFFF},
        )
    assert not await leader.alive()
    taken = await second.try_lead()
    assert taken is not None
    await taken.release()
    await leader.release()


async def test_a_worker_counted_out_is_told_so(store: SqlStore, second: SqlStore) -> None:
    await store.join(worker("a"))
    await second.join(worker("b", NOW - store_workers.FORGET_AFTER - timedelta(minutes=1)))
    await store.heartbeat("a", NOW, leader=False)  # forgets b, not seen for over an hour
    with pytest.raises(store_workers.WorkerGone):
        await second.heartbeat("b", NOW, leader=False)
    await second.join(worker("b", NOW))
    assert [w.id for w in await second.heartbeat("b", NOW, leader=False)] == ["a", "b"]
