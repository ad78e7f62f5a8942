"""The shared core of the SQL store: one engine, transactions that raise StoreError, upserts."""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager, contextmanager
from contextvars import ContextVar
from types import TracebackType
from typing import Any, Self

from sqlalchemy import Executable, Table, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError, SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from bot.errors import StoreError

# The transaction a `unit()` opened in this task: the store calls inside it join it.
_UNIT: ContextVar[AsyncConnection | None] = ContextVar("store_unit", default=None)
# Set by `answered()`: the transactions of this task that went through.
_ANSWERED: ContextVar[list[str] | None] = ContextVar("store_answered", default=None)


@contextmanager
def answered() -> Iterator[list[str]]:
    """The store transactions (by what they did) that went through in this task while the
    block ran: a job that read or wrote nothing (a 304 poll) says nothing of the store."""
    done: list[str] = []
    token = _ANSWERED.set(done)
    try:
        yield done
    finally:
        _ANSWERED.reset(token)


class SqlDatabase:
    """An open database the store's parts run their statements on; `name` hides any password."""

    def __init__(self, engine: AsyncEngine, *, name: str) -> None:
        self._engine = engine
        self.name = name
        self._statements: dict[str, Executable] = {}

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self.close()

    async def close(self) -> None:
        await self._engine.dispose()

    @asynccontextmanager
    async def unit(self, what: str) -> AsyncIterator[None]:
        """Every store call inside (in this task) runs in one transaction: one commit for
        an article's events, story, alerts and processed mark instead of one each, and
        all of them or none if one fails."""
        if _UNIT.get() is not None:
            yield
            return
        async with self._transaction(what) as conn:
            token = _UNIT.set(conn)
            try:
                yield
            finally:
                _UNIT.reset(token)

    @asynccontextmanager
    async def _transaction(self, what: str) -> AsyncIterator[AsyncConnection]:
        joined = _UNIT.get()
        if joined is not None:  # inside a unit: its transaction, committed when it ends
            yield joined
            return
        try:
            async with self._engine.begin() as conn:
                yield conn
            done = _ANSWERED.get()
            if done is not None:
                done.append(what)
        except OSError as exc:
            # The server could not be reached (refused, reset, timed out): said plainly.
            await self._engine.dispose()
            raise StoreError(f"store {self.name}: {what} failed: {unreachable(exc)}") from exc
        except SQLAlchemyError as exc:
            cause = exc.orig if isinstance(exc, DBAPIError) else exc
            if isinstance(cause, OSError):
                await self._engine.dispose()
                raise StoreError(
                    f"store {self.name}: {what} failed: {unreachable(cause)}"
                ) from exc
            if isinstance(exc, OperationalError | InterfaceError):
                # The database or the link to it failed (a file made read-only, a disk
                # full, a server restarted): pooled connections may keep that state, so the
                # next transaction opens fresh ones and recovers once the fault is gone.
                await self._engine.dispose()
            raise StoreError(f"store {self.name}: {what} failed: {cause}") from exc

    async def ping(self) -> None:
        """Raises StoreError when the database cannot answer a trivial query now."""
        async with self._transaction("checking the store") as conn:
            await conn.execute(text("SELECT 1"))

    def _statement(self, name: str, build: Callable[[], Executable]) -> Any:
        """A statement built once and kept: building one anew at each call, and working out
        its cache key, cost as much as running it. Its values come as parameters."""
        statements = self._statements
        stmt = statements.get(name)
        if stmt is None:
            stmt = statements[name] = build()
        return stmt

    def _insert(self, table: Table) -> sqlite.Insert | postgresql.Insert:
        # ON CONFLICT is dialect syntax; both dialects spell it the same way in SQLAlchemy.
        if self._engine.dialect.name == "postgresql":
            return postgresql.insert(table)
        return sqlite.insert(table)


def unreachable(exc: OSError) -> str:
    """A network error as an operator reads it: "the database server is not reachable
    (connection refused)", not a raw `[Errno 111] Connect call failed ...`."""
    reason = os.strerror(exc.errno) if exc.errno else exc.strerror or type(exc).__name__
    return f"the database server is not reachable ({reason.lower()})"
