"""Migrations: idempotent at open, reversible, and in step with the tables module."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.records import ChatRef, Filter
from bot.store import engine, migrate
from bot.store.sql import SqlStore, open_store
from bot.store.tables import metadata


@asynccontextmanager
async def _engine(url: str) -> AsyncIterator[AsyncEngine]:
    db = engine.create_engine(engine.resolve_url(url))
    try:
        yield db
    finally:
        await db.dispose()


def _schema_diff(connection: Connection) -> list[object]:
    return list(compare_metadata(MigrationContext.configure(connection), metadata))


def _downgrade_to_base(connection: Connection) -> None:
    command.downgrade(migrate.alembic_config(connection), "base")


async def test_opening_twice_keeps_data_and_revision(db_url: str) -> None:
    chat = ChatRef("console", "local")
    async with await open_store(db_url) as store:
        added = await store.add_subscription(chat, Filter(), "", created_by=None)
    async with await open_store(db_url) as store:
        assert await store.subscriptions() == (added,)
    async with _engine(db_url) as db, db.connect() as conn:
        assert await conn.run_sync(migrate.current_revision) == migrate.head_revision()


async def test_migrations_build_exactly_the_tables_module(store: SqlStore, db_url: str) -> None:
    async with _engine(db_url) as db, db.connect() as conn:
        assert await conn.run_sync(_schema_diff) == []


async def test_downgrade_then_upgrade(store: SqlStore, db_url: str) -> None:
    async with _engine(db_url) as db, db.begin() as conn:
        await conn.run_sync(_downgrade_to_base)
        assert await conn.run_sync(migrate.current_revision) is None
        await conn.run_sync(migrate.upgrade)
        assert await conn.run_sync(migrate.current_revision) == migrate.head_revision()
    assert await store.subscriptions() == ()


def test_the_newest_migration_file_is_alembics_head() -> None:
    # The store is checked against LATEST without alembic; the two must never drift apart.
    assert migrate.head_revision() == migrate.LATEST


def test_opening_a_current_store_does_not_load_alembic(tmp_path: Path) -> None:
    # The running bot is spared alembic's memory once its store is migrated.
    import subprocess
    import sys

    url = f"sqlite+aiosqlite:///{tmp_path / 'current.db'}"
    probe = (
        "import asyncio, sys\n"
        "from bot.store.sql import open_store\n"
        "async def main():\n"
        f"    await (await open_store({url!r})).close()\n"
        "asyncio.run(main())\n"
        "print('alembic' in sys.modules)\n"
    )
    first = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    again = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert first.stdout.split() == ["True"]  # a new store is migrated: alembic ran
    assert again.stdout.split() == ["False"]
