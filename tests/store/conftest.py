"""Store fixtures: every store test runs on a SQLite file and on a fresh PostgreSQL database."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import make_url

from bot.store.sql import SqlStore, open_store

POSTGRES_URL = os.environ.get(
    "NEWSALERT_TEST_POSTGRES_URL", "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
)
_unreachable: list[str] = []


async def _admin_connection() -> Any:
    asyncpg = pytest.importorskip(
        "asyncpg", reason="asyncpg (the postgres extra) is not installed"
    )
    if _unreachable:
        pytest.skip(_unreachable[0])
    url = make_url(POSTGRES_URL)
    try:
        return await asyncpg.connect(
            host=url.host,
            port=url.port or 5432,
            user=url.username,
            password=url.password,
            database=url.database,
            timeout=3,
        )
    except (OSError, asyncpg.PostgresError) as exc:
        where = url.render_as_string(hide_password=True)
        _unreachable.append(f"PostgreSQL is not reachable at {where}: {exc}")
        pytest.skip(_unreachable[0])


@asynccontextmanager
async def fresh_postgres() -> AsyncIterator[str]:
    """The URL of a PostgreSQL database of its own, dropped afterwards (the test skips when
    no server answers)."""
    admin = await _admin_connection()
    name = f"newsalert_test_{uuid.uuid4().hex[:12]}"
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture(params=["sqlite", "postgresql"])
async def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A URL of an empty database; for PostgreSQL a database of its own, dropped afterwards."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'store.db'}"
        return
    async with fresh_postgres() as url:
        yield url


@pytest.fixture
async def store(db_url: str) -> AsyncIterator[SqlStore]:
    opened = await open_store(db_url)
    try:
        yield opened
    finally:
        await opened.close()
