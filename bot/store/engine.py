"""Turns a store URL into an async engine: SQLite paths resolved, pragmas set, passwords hidden."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, event, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.errors import StoreError

# Long enough to ride out another writer's transaction, short enough to surface a stuck lock.
SQLITE_BUSY_TIMEOUT_MS = 10_000

NO_ASYNCPG = (
    "a PostgreSQL store needs the asyncpg driver: pip install 'newsalert[postgres]' "
    "(or pip install asyncpg)"
)
_EXAMPLES = "sqlite+aiosqlite:///newsalert.db or postgresql+asyncpg://user@host/db"


def redacted(url: URL) -> str:
    return url.render_as_string(hide_password=True)


def resolve_url(url: str, *, base_dir: Path | None = None) -> URL:
    """Parse a store URL, pick the async driver, and anchor a relative SQLite path at base_dir."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        # The parse error repeats the raw string, password included, so it is not passed on.
        raise StoreError(f"the store URL is not a database URL (use {_EXAMPLES})") from None
    backend = parsed.get_backend_name()
    if backend == "sqlite":
        if parsed.get_driver_name() != "aiosqlite":
            parsed = parsed.set(drivername="sqlite+aiosqlite")
        if is_sqlite_file(parsed):
            path = Path(str(parsed.database)).expanduser()
            if not path.is_absolute():
                path = (base_dir or Path.cwd()) / path
            parsed = parsed.set(database=str(path))
        return parsed
    if backend == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+asyncpg")
        return parsed
    raise StoreError(f"store {redacted(parsed)}: unsupported database (use {_EXAMPLES})")


def is_sqlite_file(url: URL) -> bool:
    database = url.database or ""
    return (
        url.get_backend_name() == "sqlite"
        and database not in ("", ":memory:")
        and not database.startswith("file:")
    )


def prepare_sqlite_dir(url: URL) -> None:
    """Create the folder of a SQLite file, so a fresh install needs no manual step."""
    if is_sqlite_file(url):
        Path(str(url.database)).parent.mkdir(parents=True, exist_ok=True)


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # The sqlite3 module only opens transactions before INSERT/UPDATE/DELETE, so DDL (every
    # migration) would run outside one; it is told to stay out and `_sqlite_begin` does it.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        # WAL lets the delivery loop read while a poll writes; foreign keys are off by default.
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _sqlite_begin(connection: Connection) -> None:
    # Deferred BEGIN: the write lock is taken by a transaction's first write, which waits out
    # busy_timeout. So write transactions in the store write first and read after.
    connection.exec_driver_sql("BEGIN")


def create_engine(url: URL) -> AsyncEngine:
    if url.get_backend_name() == "sqlite":
        engine = create_async_engine(url)
        event.listen(engine.sync_engine, "connect", _sqlite_connect)
        event.listen(engine.sync_engine, "begin", _sqlite_begin)
        return engine
    if importlib.util.find_spec("asyncpg") is None:
        raise StoreError(NO_ASYNCPG)
    # Long-running bot: a connection dropped by the server is noticed before it is used.
    return create_async_engine(url, pool_pre_ping=True)
