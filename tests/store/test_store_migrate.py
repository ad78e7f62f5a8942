"""Migrations: idempotent at open, reversible, and in step with the tables module."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

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
