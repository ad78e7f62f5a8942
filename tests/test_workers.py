"""Two workers on one PostgreSQL store, in one process: the bundled demo's sources shared
between them, each story alerted once, and the lead passed on when the leader stops."""

from __future__ import annotations

import asyncio
import io
import uuid
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from sqlalchemy import make_url

import bot.workers
from bot.alerts.filters import parse_filter
from bot.alerts.severity import severity_of
from bot.app import App
from bot.config import load_settings
from bot.config.schema import SeveritySettings, StoreSettings
from bot.extract import Extractor
from bot.pipeline import Pipeline
from bot.records import Article, ChatRef
from bot.sources import FeedSource
from bot.store.sql import SqlStore, open_store
from bot.stories import StoryBook
from tests.paths import REPO
from tests.sources.feedserver import FeedServer, Route
from tests.store.conftest import POSTGRES_URL, _admin_connection, fresh_postgres
from tests.test_pipeline import FOOTBALL, STRIKE, Places, rss

DEMO = REPO / "config" / "demo.yaml"
HEADS = ("FLASH · ", "URGENT · ", "ROUTINE · ")


@pytest.fixture
async def pg_url() -> AsyncIterator[str]:
    async with fresh_postgres() as url:
        yield url


async def until(check: Callable[[], object], what: str, limit: float = 60.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not check():
        if loop.time() > deadline:
            raise AssertionError(f"not within {limit:g}s: {what}")
        await asyncio.sleep(0.1)


def cards(out: io.StringIO) -> list[str]:
    """The story numbers of the cards printed, not counting a card edited by an update
    (the console prints an edit as "↳ re console:N (updated)" and the card again)."""
    lines = out.getvalue().splitlines()
    found = []
    for i, line in enumerate(lines):
        if line.startswith(HEADS) and not (i and lines[i - 1].startswith("↳ re")):
            story = next(s for s in lines[i + 1 : i + 4] if "Story #" in s)
            found.append(story.split("Story #")[1].split()[0])
    return found


async def test_two_workers_share_the_sources_and_alert_each_story_once(
    pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(bot.workers, "BEAT_EVERY", timedelta(seconds=0.3))
    settings = load_settings(DEMO).model_copy(update={"store": StoreSettings(url=pg_url)})
    outs = [io.StringIO(), io.StringIO()]
    apps = [
        await App.open(settings, base_dir=DEMO.parent, stream=out, workers=True) for out in outs
    ]
    stops = [asyncio.Event(), asyncio.Event()]
    runs = [
        asyncio.create_task(app.run_forever(stop)) for app, stop in zip(apps, stops, strict=True)
    ]
    try:
        await until(lambda: all(app.membership for app in apps), "both running")
        members = [app.membership for app in apps]
        assert all(m is not None for m in members)

        def held() -> list[frozenset[str]]:
            return [m.held if m is not None else frozenset() for m in members]

        await until(lambda: all(held()), "each worker polls some sources")
        a, b = held()
        assert a.isdisjoint(b)
        assert a | b == {"demo-wire", "demo-regional", "demo-briefs"}
        assert sum(1 for m in members if m is not None and m.leading) == 1
        # The leader, which also tells both workers' stories, polls half a share.
        await until(lambda: sorted(len(h) for h in held()) == [1, 2], "shares settle")
        assert next(len(m.held) for m in members if m is not None and m.leading) == 1

        stats = apps[0].store.stats
        await until(lambda: len(cards(outs[0])) + len(cards(outs[1])) >= 12, "12 cards")
        await asyncio.sleep(1.0)  # time for a card sent twice to show
        printed = cards(outs[0]) + cards(outs[1])
        assert len(printed) == 12, printed
        assert len(set(printed)) == 12, printed  # no story's card twice
        counts = await stats()
        assert counts.pending_deliveries == 0
        assert counts.sent_deliveries == 12

        # The leader stops cleanly: the other leads and polls every source.
        leader = next(i for i, m in enumerate(members) if m is not None and m.leading)
        other = members[1 - leader]
        assert other is not None
        stops[leader].set()
        await runs[leader]
        await until(lambda: other.leading, "the other worker leads")
        await until(lambda: len(other.held) == 3, "the other worker polls every source")
    finally:
        for stop in stops:
            stop.set()
        await asyncio.gather(*runs, return_exceptions=True)
        for app in apps:
            await app.close()


async def test_run_once_refuses_to_run_beside_live_workers(pg_url: str) -> None:
    from bot.errors import StoreError
    from bot.records import Worker

    settings = load_settings(DEMO).model_copy(update={"store": StoreSettings(url=pg_url)})
    app = await App.open(settings, base_dir=DEMO.parent, stream=io.StringIO())
    try:
        now = datetime.now(UTC)
        await app.store.join(Worker("elsewhere-1", "elsewhere", 4242, now, now))
        with pytest.raises(StoreError, match=r"1 worker\(s\) run on this store \(elsewhere pid"):
            await app.run_once()
        await app.store.leave("elsewhere-1")
        reports, _ = await app.run_once()  # none left: it runs
        assert len(reports) == 3
    finally:
        await app.close()


def test_the_workers_command_lists_the_workers_and_refuses_sqlite(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.cli import main
    from bot.records import Worker

    async def make_db() -> str:
        admin = await _admin_connection()
        name = f"newsalert_test_{uuid.uuid4().hex[:12]}"
        await admin.execute(f'CREATE DATABASE "{name}"')
        await admin.close()
        return name

    async def drop_db(name: str) -> None:
        admin = await _admin_connection()
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()

    async def seed(url: str) -> None:
        store = await open_store(url)
        now = datetime.now(UTC)
        await store.join(Worker("w-lead", "alpha", 11, now, now))
        await store.heartbeat("w-lead", now, leader=True)
        await store.lease_sources("w-lead", ["a", "b", "c"], share=2, now=now)
        await store.join(Worker("w-gone", "beta", 22, now, now - timedelta(minutes=5)))
        await store.close()

    name = asyncio.run(make_db())
    try:
        url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
        asyncio.run(seed(url))
        config = tmp_path / "pg.yaml"
        config.write_text(f'store: {{url: "{url}"}}\nsources: []\n', encoding="utf-8")
        assert main(["workers", "-c", str(config)]) == 0
        out = capsys.readouterr().out
        rows = {line.split()[0]: line.split() for line in out.splitlines()[1:]}
        assert rows["w-lead"][1:5] == ["alpha", "11", "leader", "2"]
        assert rows["w-gone"][3] == "gone"
    finally:
        asyncio.run(drop_db(name))
    lite = tmp_path / "lite.yaml"
    lite.write_text(
        f'store: {{url: "sqlite+aiosqlite:///{tmp_path / "x.db"}"}}\nsources: []\n',
        encoding="utf-8",
    )
    assert main(["workers", "-c", str(lite)]) == 1
    assert "workers share only a PostgreSQL store" in capsys.readouterr().err


@pytest.fixture
async def shared_stores(pg_url: str) -> AsyncIterator[tuple[SqlStore, SqlStore]]:
    """Two workers' stores on one PostgreSQL database."""
    first = await open_store(pg_url)
    second = await open_store(pg_url)
    try:
        yield first, second
    finally:
        await first.close()
        await second.close()


def shared_pipeline(store: SqlStore, extractor: Extractor) -> Pipeline:
    pipeline = Pipeline(
        store=store,
        extract=lambda item: extractor.extract(item.article),
        severity_of=lambda e: severity_of(e, SeveritySettings()),
        clock=lambda: datetime.now(UTC),
        stories=StoryBook(store),
    )
    pipeline.share(store)
    return pipeline


async def test_a_worker_extracts_and_the_leader_tells_each_article_once(
    shared_stores: tuple[SqlStore, SqlStore],
    extractor: Extractor,
    server: FeedServer,
    client: httpx.AsyncClient,
) -> None:
    worker_store, leader_store = shared_stores
    await leader_store.add_subscription(
        ChatRef("console", "terminal"), parse_filter("", places=Places()), "all", created_by="test"
    )
    worker, leader = (
        shared_pipeline(worker_store, extractor),
        shared_pipeline(leader_store, extractor),
    )
    server.routes["/feed"] = Route(body=rss(STRIKE))
    feed = FeedSource(
        "loop", server.url("/feed"), client=client, max_body=10**6, clock=lambda: datetime.now(UTC)
    )
    report = await worker.poll(feed)
    assert (report.new_articles, report.alerts) == (1, 0)  # read, not told
    assert report.events >= 1
    assert await leader_store.pending() == ()
    assert worker.extracted.is_set()
    # Two leaders at once (one that lost its lock and does not know yet): told once.
    other = shared_pipeline(worker_store, extractor)
    told = await asyncio.gather(leader.tell_extracted(), other.tell_extracted())
    assert sorted(t[0] for t in told) == [0, 1]
    assert sum(t[1] for t in told) == 1
    pending = await leader_store.pending()
    assert len(pending) == 1
    assert "Kharkiv" in pending[0].document.plain_text()
    assert await leader.tell_extracted() == (0, 0)


async def test_polls_wait_while_the_leader_is_behind(
    shared_stores: tuple[SqlStore, SqlStore],
    extractor: Extractor,
    server: FeedServer,
    client: httpx.AsyncClient,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import bot.pipeline

    store, _ = shared_stores
    monkeypatch.setattr(bot.pipeline, "UNTOLD_LIMIT", 1)
    monkeypatch.setattr(bot.pipeline, "UNTOLD_PATIENCE", 2.5)
    counts: list[int] = []
    real = store.untold_count

    async def counting(cap: int) -> int:
        counts.append(await real(cap))
        return counts[-1]

    monkeypatch.setattr(store, "untold_count", counting)
    pipeline = shared_pipeline(store, extractor)
    server.routes["/feed"] = Route(body=rss(STRIKE))
    feed = FeedSource(
        "loop", server.url("/feed"), client=client, max_body=10**6, clock=lambda: datetime.now(UTC)
    )
    await pipeline.poll(feed)  # nothing waits: at once
    assert counts == [0]
    await store.record_articles(
        [Article("other", "o1", None, "Other", "", None, datetime.now(UTC))]
    )
    server.routes["/feed"] = Route(body=rss(STRIKE, FOOTBALL))
    await asyncio.sleep(1.1)  # the count is read again once a second
    report = await pipeline.poll(feed)  # two untold now (the strike, the other): it waits
    assert counts[1:3] == [2, 2]
    assert report.new_articles == 1  # and polls once its patience runs out
