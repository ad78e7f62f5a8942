"""Store URLs and opening: drivers, relative SQLite paths, pragmas, errors that hide passwords."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.errors import StoreError
from bot.records import Article
from bot.store.engine import create_engine, resolve_url
from bot.store.sql import open_store


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite+aiosqlite:///data/news.db", "sqlite+aiosqlite:////srv/bot/data/news.db"),
        ("sqlite:///news.db", "sqlite+aiosqlite:////srv/bot/news.db"),
        ("sqlite+aiosqlite:////var/lib/news.db", "sqlite+aiosqlite:////var/lib/news.db"),
        ("sqlite+aiosqlite://", "sqlite+aiosqlite://"),
        ("sqlite+aiosqlite:///:memory:", "sqlite+aiosqlite:///:memory:"),
        ("postgresql://bot@db/news", "postgresql+asyncpg://bot@db/news"),
        ("postgresql+asyncpg://bot@db:5433/news", "postgresql+asyncpg://bot@db:5433/news"),
    ],
)
def test_resolve_url(url: str, expected: str) -> None:
    resolved = resolve_url(url, base_dir=Path("/srv/bot"))
    assert resolved == make_url(expected)


def test_relative_sqlite_path_defaults_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert resolve_url("sqlite:///n.db").database == str(tmp_path / "n.db")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("mysql+aiomysql://bot:hunter2@db/news", "unsupported database"),
        ("hunter2 is not a url", "not a database URL"),
    ],
)
def test_bad_urls_are_store_errors_without_the_password(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message) as caught:
        resolve_url(url)
    assert "hunter2" not in str(caught.value)


async def test_open_creates_folders_and_sets_sqlite_pragmas(tmp_path: Path) -> None:
    async with await open_store("sqlite:///state/deep/news.db", base_dir=tmp_path) as store:
        now = datetime.now(UTC)
        assert len(await store.record_articles([Article("s", "g", None, "t", "", None, now)])) == 1
    path = tmp_path / "state" / "deep" / "news.db"
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert {"articles", "events", "source_health", "subscriptions", "deliveries"} <= tables


async def test_in_memory_store_works(tmp_path: Path) -> None:
    async with await open_store("sqlite+aiosqlite://") as store:
        now = datetime.now(UTC)
        item = Article("s", "g", None, "t", "", None, now)
        assert len(await store.record_articles([item])) == 1
        assert await store.record_articles([item]) == ()


async def test_unwritable_path_is_a_store_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(StoreError, match="not-a-folder") as caught:
        await open_store(f"sqlite:///{blocker}/news.db")
    assert "cannot create its folder" in str(caught.value)


async def test_a_file_that_is_not_a_database_is_a_store_error(tmp_path: Path) -> None:
    garbage = tmp_path / "news.db"
    garbage.write_bytes(b"\x00\x01 this is not sqlite " * 100)
    with pytest.raises(StoreError, match="cannot open or migrate"):
        await open_store(f"sqlite:///{garbage}")


async def test_unreachable_postgres_is_a_store_error_without_the_password() -> None:
    # Port 1 on loopback refuses at once; nothing leaves the machine.
    url = "postgresql+asyncpg://bot:hunter2@127.0.0.1:1/news"
    with pytest.raises(StoreError, match="127.0.0.1:1/news") as caught:
        await open_store(url)
    assert "hunter2" not in str(caught.value)
    assert "***" in str(caught.value)


async def _create_table_then_fail(db: AsyncEngine) -> None:
    async with db.begin() as conn:
        await conn.exec_driver_sql("CREATE TABLE half (id INTEGER)")
        raise RuntimeError("migration failed midway")


async def test_sqlite_ddl_rolls_back_so_a_failed_migration_leaves_no_half_schema(
    tmp_path: Path,
) -> None:
    db = create_engine(resolve_url(f"sqlite:///{tmp_path / 'ddl.db'}"))
    try:
        with pytest.raises(RuntimeError, match="midway"):
            await _create_table_then_fail(db)
        async with db.connect() as conn:
            names = await conn.exec_driver_sql("SELECT name FROM sqlite_master")
            assert names.all() == []
    finally:
        await db.dispose()


async def test_a_connection_left_read_only_is_replaced_after_the_failure(tmp_path: Path) -> None:
    # Issue 11: after the SQLite file was unwritable for a while, every later write failed
    # ("attempt to write a readonly database") until a restart: the pool kept the
    # connections that had opened it read-only. `query_only` leaves a pooled connection in
    # that state the same way.
    from sqlalchemy import text

    async with await open_store(f"sqlite:///{tmp_path / 'news.db'}") as store:
        engine: AsyncEngine = store._engine
        async with engine.connect() as conn:
            await conn.execute(text("PRAGMA query_only = ON"))
        now = datetime.now(UTC)
        with pytest.raises(StoreError, match="readonly"):
            await store.record_articles([Article("s", "g1", None, "t", "", None, now)])
        # The fault is gone: the next write works without a restart.
        (stored,) = await store.record_articles([Article("s", "g2", None, "t", "", None, now)])
        assert stored.id > 0


async def test_an_unreachable_server_is_said_plainly() -> None:
    # Issue 11: a PostgreSQL outage was logged as a raw ConnectionRefusedError.
    with pytest.raises(StoreError) as caught:
        await open_store("postgresql+asyncpg://bot@127.0.0.1:1/news")
    assert "the database server is not reachable (connection refused)" in str(caught.value)


async def test_postgres_without_its_driver_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Issue 11: a postgresql+asyncpg:// store without asyncpg installed was a traceback.
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "asyncpg" else real(name, *a)
    )
    with pytest.raises(StoreError, match=r"pip install 'newsalert\[postgres\]'"):
        await open_store("postgresql+asyncpg://bot@127.0.0.1:1/news")
    from bot.config.loader import parse_settings
    from bot.errors import ConfigError

    with pytest.raises(ConfigError, match=r"newsalert\[postgres\]"):
        parse_settings({"store": {"url": "postgresql://bot@db/news"}}, env={})


async def test_a_write_waiting_for_another_process_s_lock_leaves_the_loop_free(
    tmp_path: Path,
) -> None:
    """Calls that cannot wait run on the loop's thread (LeanConnection); taking the write
    lock can, so it waits in aiosqlite's thread: while another connection holds the lock,
    the loop goes on (polls, deliveries), reads are answered at once, and the write goes
    through when the lock is let go."""
    import asyncio

    path = tmp_path / "news.db"
    async with await open_store(f"sqlite:///{path}") as store:
        now = datetime.now(UTC)
        (first,) = await store.record_articles([Article("s", "g1", None, "t", "", None, now)])
        other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        other.execute("BEGIN IMMEDIATE")  # another process's write transaction
        ticks = 0

        async def tick() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.01)
                ticks += 1

        ticker = asyncio.create_task(tick())
        asyncio.get_running_loop().call_later(0.5, other.execute, "COMMIT")
        try:
            writing = asyncio.create_task(store.mark_processed(first.id))
            await asyncio.sleep(0.2)
            assert not writing.done()  # waiting for the lock...
            assert ticks >= 10  # ...without holding up the loop
            assert await store.unprocessed() == (first,)  # a read does not wait
            await asyncio.wait_for(writing, 5)
        finally:
            ticker.cancel()
            other.close()
        assert await store.unprocessed() == ()
        # The connection that waited is back to normal: writes, reads, rollbacks.
        (second,) = await store.record_articles([Article("s", "g2", None, "t", "", None, now)])

        async def fails_halfway() -> None:
            async with store.unit("a write that fails halfway"):
                await store.mark_processed(second.id)
                await store.record_articles([Article("s", "g3", None, "t", "", None, now)])
                raise StoreError("the unit fails")

        with pytest.raises(StoreError):
            await fails_halfway()
        assert await store.unprocessed() == (second,)
        assert [a.article.guid for a in await store.unprocessed()] == ["g2"]


@pytest.mark.parametrize(
    ("sql", "here"),
    [
        ("SELECT id FROM articles", True),
        ("  select 1", True),
        ("BEGIN", True),
        ("SAVEPOINT sa_1", True),
        ("PRAGMA foreign_keys=ON", True),
        ("INSERT INTO articles (key) VALUES (?)", False),
        ("UPDATE articles SET processed_at = ?", False),
        ("DELETE FROM events WHERE article_id = ?", False),
        ("WITH old AS (SELECT 1) DELETE FROM events", False),
        ("BEGIN IMMEDIATE", False),
        ("PRAGMA wal_checkpoint(TRUNCATE)", False),
    ],
)
def test_only_statements_that_take_no_lock_run_on_the_loop(sql: str, here: bool) -> None:
    from bot.store.engine import _cannot_wait

    assert _cannot_wait(sql) is here
