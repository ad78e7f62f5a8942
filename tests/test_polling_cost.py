"""Polling that costs next to nothing (issue 12): a 304, or a feed listing only items it
listed before, touches neither the store's articles nor the extractor; source states are
kept in memory and written behind in batches; a source's backlog is recorded unread."""

from __future__ import annotations

import inspect
from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.alerts.severity import severity_of
from bot.config.schema import SeveritySettings
from bot.extract import Extractor
from bot.pipeline import Pipeline
from bot.records import Event, SourceState, StoredArticle
from bot.store.sql import SqlStore, open_store
from bot.stories import StoryBook
from tests.sources.feedserver import FeedServer, Route
from tests.test_pipeline import FOOTBALL, STRIKE, now, rss, source, subscribe


class Counting:
    """The real store, with a count of each call the pipeline makes to it."""

    def __init__(self, store: SqlStore) -> None:
        self.store = store
        self.calls: Counter[str] = Counter()

    def __getattr__(self, name: str) -> Any:
        real = getattr(self.store, name)
        if not inspect.iscoroutinefunction(real):
            return real

        async def counted(*args: object, **kwargs: object) -> object:
            self.calls[name] += 1
            return await real(*args, **kwargs)

        return counted


def counted_pipeline(
    store: SqlStore, extractor: Extractor, *, first_poll_alerts: bool = True
) -> tuple[Pipeline, Counting, Counter[str]]:
    counting = Counting(store)
    extracted: Counter[str] = Counter()

    def extract(item: StoredArticle) -> tuple[Event, ...]:
        extracted[item.article.title] += 1
        return extractor.extract(item.article)

    pipeline = Pipeline(
        store=counting,
        extract=extract,
        severity_of=lambda e: severity_of(e, SeveritySettings()),
        clock=now,
        stories=StoryBook(store),
        first_poll_alerts=first_poll_alerts,
    )
    return pipeline, counting, extracted


async def test_a_304_and_a_feed_of_known_items_touch_neither_articles_nor_the_extractor(
    server: FeedServer, client: httpx.AsyncClient, store: SqlStore, extractor: Extractor
) -> None:
    await subscribe(store, "strikes")
    pipeline, counting, extracted = counted_pipeline(store, extractor)
    server.routes["/feed"] = Route(body=rss(STRIKE, FOOTBALL), etag='"v1"')
    first = await pipeline.poll(source(server, client))
    assert (first.new_articles, first.alerts) == (2, 1)
    assert sum(extracted.values()) == 2
    counting.calls.clear()

    not_modified = await pipeline.poll(source(server, client))
    assert not_modified.not_modified
    # The server saw the validator: it was kept (in memory) from the first poll.
    assert server.requests[-1].headers.get("if-none-match") == '"v1"'
    server.routes["/feed"] = Route(body=rss(FOOTBALL, STRIKE), etag='"v2"')  # same items
    same = await pipeline.poll(source(server, client))
    assert (same.not_modified, same.new_articles) == (False, 0)
    touched = {n for n in counting.calls if n not in ("source_state", "save_source_state")}
    assert touched == set(), counting.calls
    assert sum(extracted.values()) == 2

    sumy = ("s2", "Drone strike on Sumy injures 2", "Russian drones hit Sumy on Tuesday.")
    server.routes["/feed"] = Route(body=rss(sumy, FOOTBALL, STRIKE), etag='"v3"')
    grown = await pipeline.poll(source(server, client))
    assert (grown.new_articles, grown.alerts) == (1, 1)
    assert extracted["Drone strike on Sumy injures 2"] == 1
    assert counting.calls["record_articles"] == 1


async def test_a_feed_that_gained_an_item_makes_an_article_of_that_item_only(
    server: FeedServer,
    client: httpx.AsyncClient,
    store: SqlStore,
    extractor: Extractor,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The items a feed listed before are known by their keys and not made into articles
    again (their text, dates and URLs were most of reading a changed feed); a failed poll
    leaves them unknown, so nothing the store did not take is skipped."""
    from bot.sources import feeds

    made: Counter[str] = Counter()
    real = feeds._article

    def counting(raw: Any, **kwargs: Any) -> Any:
        made[raw.guid] += 1
        return real(raw, **kwargs)

    monkeypatch.setattr(feeds, "_article", counting)
    await subscribe(store, "strikes")
    pipeline, _, extracted = counted_pipeline(store, extractor)
    server.routes["/feed"] = Route(body=rss(STRIKE, FOOTBALL), etag='"v1"')
    await pipeline.poll(source(server, client))
    assert made == {"s1": 1, "f1": 1}

    sumy = ("s2", "Drone strike on Sumy injures 2", "Russian drones hit Sumy on Tuesday.")
    server.routes["/feed"] = Route(body=rss(sumy, FOOTBALL, STRIKE), etag='"v2"')
    grown = await pipeline.poll(source(server, client))
    assert (grown.new_articles, grown.alerts) == (1, 1)
    assert made == {"s1": 1, "f1": 1, "s2": 1}

    # A poll whose articles the store refused: the next one makes them again.
    kyiv = ("k9", "Missile strike on Kyiv", "A missile hit Kyiv on Wednesday.")
    server.routes["/feed"] = Route(body=rss(kyiv, sumy, FOOTBALL, STRIKE), etag='"v3"')
    record = store.record_articles

    async def refuse(*args: object, **kwargs: object) -> object:
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "record_articles", refuse)
    with pytest.raises(RuntimeError):
        await pipeline.poll(source(server, client))
    monkeypatch.setattr(store, "record_articles", record)
    again = await pipeline.poll(source(server, client))
    assert again.new_articles == 1
    assert made["k9"] == 2
    assert made["s2"] == 1
    assert extracted["Missile strike on Kyiv"] == 1


async def test_a_first_poll_records_the_backlog_unread_and_nothing_is_left_to_resume(
    server: FeedServer, client: httpx.AsyncClient, store: SqlStore, extractor: Extractor
) -> None:
    await subscribe(store, "strikes")
    pipeline, _, extracted = counted_pipeline(store, extractor, first_poll_alerts=False)
    server.routes["/feed"] = Route(body=rss(STRIKE, FOOTBALL))
    report = await pipeline.poll(source(server, client))
    assert (report.new_articles, report.alerts) == (2, 0)
    assert not extracted
    assert await store.unprocessed() == ()  # a restart does not read the backlog either
    assert len(await store.search([["Kharkiv"]], limit=5)) == 1  # known, found by /search


async def test_source_states_are_written_in_batches_and_on_close(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'states.db'}"
    writer = await open_store(url)
    writer.flush_every = 3600.0
    await writer.save_source_state(SourceState("a", etag='"1"'))
    await writer.save_source_state(SourceState("a", etag='"2"'))
    await writer.save_source_state(SourceState("b", etag='"x"'))
    reader = await open_store(url)
    try:
        seen = {s.source_id: s.etag for s in await reader.all_source_states()}
        assert seen == {}  # the saves wait for the batch
        assert await writer.flush_source_states() == 2
        assert await writer.flush_source_states() == 0  # nothing changed since
        await writer.save_source_state(SourceState("b", etag='"y"'))
        await writer.close()  # closing writes what is left
        fresh = await open_store(url)
        assert {s.source_id: s.etag for s in await fresh.all_source_states()} == {
            "a": '"2"',
            "b": '"y"',
        }
        await fresh.close()
    finally:
        await reader.close()


async def test_a_polls_times_alone_wait_longer_than_a_changed_state(tmp_path: Path) -> None:
    """A 304 that moved only when the source was polled is written within `routine_every`
    (or with the next changed state); new validators within `flush_every`."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'states.db'}"
    at = datetime(2026, 1, 1, 12, tzinfo=UTC)
    writer = await open_store(url)
    writer.flush_every, writer.routine_every = 0.0, 3600.0
    reader = await open_store(url)
    try:
        await writer.save_source_state(SourceState("a", etag='"1"', last_fetch_at=at))
        polled = SourceState("a", etag='"1"', last_fetch_at=at + timedelta(seconds=30))
        await writer.save_source_state(polled)  # a 304: only its time moved
        stored = await reader.source_state("a")
        assert stored.last_fetch_at == at  # not written yet

        await writer.save_source_state(SourceState("b", etag='"x"'))  # changed: written now
        reader2 = await open_store(url)
        assert (await reader2.source_state("a")).last_fetch_at == polled.last_fetch_at
        await reader2.close()

        writer.routine_every = 0.0  # and on its own timer
        later = replace(polled, last_fetch_at=at + timedelta(seconds=60))
        await writer.save_source_state(later)
        reader3 = await open_store(url)
        assert (await reader3.source_state("a")).last_fetch_at == later.last_fetch_at
        await reader3.close()
    finally:
        await writer.close()
        await reader.close()


async def test_a_pause_survives_a_poll_saving_its_state_and_one_from_elsewhere_is_seen(
    tmp_path: Path,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'states.db'}"
    bot = await open_store(url)
    bot.flush_every = 0.0  # every save is written: the pause from elsewhere is read back
    operator = await open_store(url)
    try:
        before = await bot.source_state("wire")
        await bot.set_source_paused("wire", paused=True)
        await bot.save_source_state(replace(before, etag='"after-poll"'))  # a poll in flight
        state = await bot.source_state("wire")
        assert (state.paused, state.etag) == (True, '"after-poll"')

        await operator.set_source_paused("wire", paused=False)  # another process resumes it
        await bot.save_source_state(replace(state, etag='"next"'))
        assert not (await bot.source_state("wire")).paused
    finally:
        await bot.close()
        await operator.close()


async def test_a_store_down_at_flush_keeps_the_states_to_write_later(tmp_path: Path) -> None:
    from bot.errors import StoreError

    url = f"sqlite+aiosqlite:///{tmp_path / 'states.db'}"
    store = await open_store(url)
    store.flush_every = 3600.0
    await store.source_state("a")  # loaded
    await store.save_source_state(SourceState("a", etag='"1"'))
    real = store._transaction

    def refuse(what: str) -> Any:
        raise StoreError(f"store test: {what} failed: disk I/O error")

    store._transaction = refuse  # type: ignore[method-assign]
    with pytest.raises(StoreError):
        await store.flush_source_states()
    store._transaction = real  # type: ignore[method-assign]
    assert await store.flush_source_states() == 1
    await store.close()
    again = await open_store(url)
    assert (await again.source_state("a")).etag == '"1"'
    await again.close()


@pytest.mark.parametrize("database", ["sqlite", "postgresql"])
async def test_subscriptions_are_read_once_and_a_change_is_seen_at_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database: str
) -> None:
    """Read once, then from memory; a change made through the store is seen at once. On
    SQLite nothing else writes (a second instance refuses to start): the list holds. Where
    several workers share PostgreSQL, another's change is seen once the list is stale."""
    from contextlib import AsyncExitStack

    from bot.alerts.filters import parse_filter
    from bot.records import ChatRef
    from bot.store import sql
    from tests.store.conftest import fresh_postgres

    async with AsyncExitStack() as stack:
        if database == "sqlite":
            url = f"sqlite+aiosqlite:///{tmp_path / 'subs.db'}"
        else:
            url = await stack.enter_async_context(fresh_postgres())
        bot, other = await open_store(url), await open_store(url)
        stack.push_async_callback(bot.close)
        stack.push_async_callback(other.close)
        chat = ChatRef("telegram", "1")
        everything = parse_filter("", places=None)  # type: ignore[arg-type]
        reads: list[str] = []
        real = bot._transaction

        def counted(what: str) -> Any:
            reads.append(what)
            return real(what)

        bot._transaction = counted  # type: ignore[method-assign]
        assert await bot.subscriptions() == ()
        added = await bot.add_subscription(chat, everything, "", created_by="t")
        assert await bot.subscriptions() == (added,)  # its own change: seen at once
        read = reads.count("reading subscriptions")
        assert await bot.subscriptions() == (added,)
        assert reads.count("reading subscriptions") == read  # served from memory
        theirs = await other.add_subscription(chat, everything, "", created_by="t")
        monkeypatch.setattr(sql, "SUBSCRIPTIONS_FRESH", 0.0)
        if database == "sqlite":
            assert await bot.subscriptions() == (added,)  # the only writer: still memory
            assert reads.count("reading subscriptions") == read
            await bot.remove_subscription(chat, added.id)
            assert await bot.subscriptions() == (theirs,)  # a change here: read again
        else:
            assert await bot.subscriptions() == (added, theirs)  # another's, once stale
            await bot.remove_subscription(chat, added.id)
            assert await bot.subscriptions() == (theirs,)


async def test_an_articles_writes_are_one_transaction_all_or_nothing(tmp_path: Path) -> None:
    from bot.errors import StoreError
    from bot.records import Article

    store = await open_store(f"sqlite+aiosqlite:///{tmp_path / 'unit.db'}")
    try:
        (item,) = await store.record_articles([Article("s", "g", None, "t", "x", now(), now())])

        async def processed_then_failing() -> None:
            async with store.unit("test"):
                await store.mark_processed(item.id)
                raise StoreError("the next write failed")

        with pytest.raises(StoreError):
            await processed_then_failing()
        assert [a.id for a in await store.unprocessed()] == [item.id]  # rolled back
        async with store.unit("test"):
            await store.mark_processed(item.id)
        assert await store.unprocessed() == ()
    finally:
        await store.close()
