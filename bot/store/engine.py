"""Turns a store URL into an async engine: SQLite paths resolved, pragmas set, passwords hidden."""

from __future__ import annotations

import importlib.util
import sqlite3
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import aiosqlite
from sqlalchemy import URL, Connection, event, make_url
from sqlalchemy.dialects.sqlite.aiosqlite import SQLiteDialect_aiosqlite
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


class LeanConnection(aiosqlite.Connection):
    """aiosqlite's connection, sending to its thread only the calls that can wait.

    aiosqlite runs every call in a worker thread and wakes the event loop with each
    result. A one-row UPDATE makes about eight such trips (BEGIN, a cursor, the statement,
    closing the cursor, COMMIT, the pool's reset) and they, not SQLite, were most of what
    a small transaction cost: half of its CPU or more (bench/bench_store_calls.py).
    What can wait is taking the write lock, which waits up to busy_timeout for another
    process's transaction, and a commit, which writes the file. So a transaction's first
    write and its commit go to the thread; the rest runs where it is called: reads (in WAL
    mode a reader never waits for a lock), a deferred BEGIN, the writes of a transaction
    that holds the lock already, cursor bookkeeping and rollbacks.
    """

    _holds_lock = False

    async def _execute(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        name = getattr(fn, "__name__", "")
        if name in ("execute", "executemany") and args and isinstance(args[0], str):
            if self._holds_lock or _cannot_wait(args[0]):
                return self._here(fn, *args, **kwargs)
            result = await super()._execute(fn, *args, **kwargs)  # type: ignore[no-untyped-call]
            self._holds_lock = True
            return result
        if name == "commit" and self._holds_lock:
            try:
                return await super()._execute(fn, *args, **kwargs)  # type: ignore[no-untyped-call]
            finally:
                self._holds_lock = False
        if name in ("commit", "rollback"):
            self._holds_lock = False
            return self._here(fn, *args, **kwargs)
        if name in _CURSOR_CALLS:
            return self._here(fn, *args, **kwargs)
        return await super()._execute(fn, *args, **kwargs)  # type: ignore[no-untyped-call]

    def _here(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        if not self._running or self._connection is None:
            raise ValueError("Connection closed")
        return fn(*args, **kwargs)


# Calls on a cursor that only read what SQLite has, or let go of it.
_CURSOR_CALLS = frozenset(("cursor", "close", "fetchall", "fetchone", "fetchmany"))
_READS = ("SELECT", "BEGIN", "PRAGMA", "SAVEPOINT", "RELEASE", "ROLLBACK")


def _cannot_wait(sql: str) -> bool:
    """A statement that takes no lock it may wait for: a read, a deferred BEGIN, a
    savepoint, a pragma (but not a checkpoint, nor a BEGIN that locks at once)."""
    head = sql.lstrip()[:21].upper()
    if head.startswith(("BEGIN IMMEDIATE", "BEGIN EXCLUSIVE", "PRAGMA WAL_CHECKPOINT")):
        return False
    return head.startswith(_READS)


def _lean_creator(url: URL) -> Callable[[], LeanConnection] | None:
    """LeanConnection's maker for the URL's database; None (aiosqlite's own connection)
    if this aiosqlite is not the one it was written against."""
    probe = aiosqlite.Connection(partial(sqlite3.connect, ":memory:"), 64)
    if not all(hasattr(probe, name) for name in ("_execute", "_running", "_thread")):
        return None
    args, kwargs = SQLiteDialect_aiosqlite().create_connect_args(url)
    # The calls kept here run on the event loop's thread, not the one that connected.
    kwargs["check_same_thread"] = False

    def create() -> LeanConnection:
        connection = LeanConnection(partial(sqlite3.connect, *args, **kwargs), 64)
        connection._thread.daemon = True  # as SQLAlchemy does for aiosqlite's own
        return connection

    return create


def create_engine(url: URL) -> AsyncEngine:
    if url.get_backend_name() == "sqlite":
        engine = create_async_engine(url, async_creator=_lean_creator(url))
        event.listen(engine.sync_engine, "connect", _sqlite_connect)
        event.listen(engine.sync_engine, "begin", _sqlite_begin)
        return engine
    if importlib.util.find_spec("asyncpg") is None:
        raise StoreError(NO_ASYNCPG)
    # Long-running bot: a connection dropped by the server is noticed before it is used.
    return create_async_engine(url, pool_pre_ping=True)
