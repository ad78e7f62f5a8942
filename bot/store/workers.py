"""Several workers on one PostgreSQL store: who is alive, who polls which source, who leads.

Each `newsalert run` on PostgreSQL is a worker with a row it keeps fresh. Sources are leased:
a worker polls only the sources it holds, renews their leases while it lives, and gives up
those beyond its fair share when others join; a lease left to expire (its worker died) is
taken by the others. One worker leads, by holding a session advisory lock on a connection
of its own: PostgreSQL drops the lock when that session ends, however the worker ends, and
the next worker to ask takes over. Deliveries are claimed by the worker sending them (see
`SqlOutbox.pending`). SQLite has none of this: one process per store (`bot.store.lock`).
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Row, delete, func, select, text, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.errors import StoreError
from bot.records import Worker
from bot.store.database import SqlDatabase
from bot.store.tables import deliveries, source_leases, workers

log = logging.getLogger(__name__)

# Advisory lock keys, one per thing they guard (bigints; "na" for newsalert).
MIGRATING = 0x6E61_0001  # one worker migrates a new database at a time
LEADING = 0x6E61_0002  # held for as long as a worker leads
CLAIMING = 0x6E61_0003  # delivery claims, one at a time, so two never split one chat
LEASING = 0x6E61_0004  # source leases, one worker's turn at a time

# A worker not seen for this long is counted out (its leases expire at the same age).
WORKER_TTL = timedelta(seconds=30)
# Rows of workers gone this long are removed: `newsalert workers` shows the recent past.
FORGET_AFTER = timedelta(hours=1)


class WorkerGone(StoreError):
    """This worker's row is gone (not seen for FORGET_AFTER, say after a long cut from the
    database): it joins again."""


class Leadership:
    """The session holding the leader's advisory lock; closing it lets another lead."""

    def __init__(self, conn: AsyncConnection) -> None:
        self._conn = conn

    async def alive(self) -> bool:
        """False when the session (and so the lock) is gone: the database restarted or
        the link to it broke."""
        try:
            await self._conn.execute(text("SELECT 1"))
        except (SQLAlchemyError, OSError) as exc:
            log.warning("leader's session lost error=%r", str(exc))
            return False
        return True

    async def release(self) -> None:
        # A session already gone has dropped the lock with it.
        with contextlib.suppress(SQLAlchemyError, OSError):
            await self._conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": LEADING})
        with contextlib.suppress(SQLAlchemyError, OSError):
            await self._conn.close()


class SqlWorkers(SqlDatabase):
    """The workers' half of the store (PostgreSQL only; see the module's docstring)."""

    # The worker this process is, once it has joined: deliveries are claimed in its name.
    claimant: str | None = None

    @property
    def shared(self) -> bool:
        """Several workers may run on this store (PostgreSQL)."""
        return self._engine.dialect.name == "postgresql"

    async def join(self, worker: Worker) -> None:
        stmt = self._insert(workers).values(
            id=worker.id,
            host=worker.host,
            pid=worker.pid,
            started_at=worker.started_at,
            seen_at=worker.seen_at,
            leader=False,
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[workers.c.id],
            set_={"seen_at": worker.seen_at, "pid": worker.pid, "host": worker.host},
        )
        async with self._transaction("joining the workers") as conn:
            await conn.execute(stmt)
        self.claimant = worker.id

    async def heartbeat(
        self, worker_id: str, now: datetime, *, leader: bool
    ) -> tuple[Worker, ...]:
        """Say this worker lives (and whether it leads); the workers alive now."""
        beat = (
            update(workers)
            .where(workers.c.id == worker_id)
            .values(seen_at=now, leader=leader)
            .returning(workers.c.id)
        )
        forget = delete(workers).where(workers.c.seen_at < now - FORGET_AFTER)
        alive = select(workers).where(workers.c.seen_at >= now - WORKER_TTL).order_by(workers.c.id)
        async with self._transaction("saying the worker lives") as conn:
            if (await conn.execute(beat)).first() is None:
                raise WorkerGone(f"worker {worker_id} is no longer among the workers")
            await conn.execute(forget)
            found = (await conn.execute(alive)).all()
        return tuple(_worker_of(row) for row in found)

    async def workers(self, now: datetime) -> tuple[tuple[Worker, int, bool], ...]:
        """Every worker known, with how many sources it holds and whether it is alive."""
        held = (
            select(source_leases.c.worker_id, func.count().label("sources"))
            .where(source_leases.c.expires_at >= now)
            .group_by(source_leases.c.worker_id)
            .subquery()
        )
        stmt = (
            select(workers, func.coalesce(held.c.sources, 0).label("sources"))
            .outerjoin(held, held.c.worker_id == workers.c.id)
            .order_by(workers.c.started_at)
        )
        async with self._transaction("reading the workers") as conn:
            found = (await conn.execute(stmt)).all()
        return tuple(
            (_worker_of(row), int(row.sources), row.seen_at >= now - WORKER_TTL) for row in found
        )

    async def lease_sources(
        self, worker_id: str, source_ids: Sequence[str], *, share: int, now: datetime
    ) -> tuple[frozenset[str], frozenset[str]]:
        """Renew this worker's leases and take free ones (never held, or expired) up to
        `share`; returns the sources it holds and, of those, the ones beyond its share,
        which it should stop polling and `release_sources`."""
        until = now + WORKER_TTL
        wanted = set(source_ids)
        async with self._transaction("leasing sources") as conn:
            await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LEASING})
            await conn.execute(delete(source_leases).where(source_leases.c.expires_at < now))
            taken = {
                row.source_id: row.worker_id
                for row in await conn.execute(
                    select(source_leases.c.source_id, source_leases.c.worker_id)
                )
            }
            mine = sorted(sid for sid, holder in taken.items() if holder == worker_id)
            free = [sid for sid in source_ids if sid not in taken][: max(share - len(mine), 0)]
            if mine:
                await conn.execute(
                    update(source_leases)
                    .where(source_leases.c.worker_id == worker_id)
                    .values(expires_at=until)
                )
            if free:
                await conn.execute(
                    source_leases.insert(),
                    [{"source_id": s, "worker_id": worker_id, "expires_at": until} for s in free],
                )
        held = [sid for sid in mine if sid in wanted] + free
        # Sources no longer configured go first, then the last in order beyond the share.
        gone = [sid for sid in mine if sid not in wanted]
        surplus = gone + held[share:]
        return frozenset(held) | frozenset(gone), frozenset(surplus)

    async def release_sources(self, worker_id: str, source_ids: Sequence[str]) -> None:
        if not source_ids:
            return
        stmt = delete(source_leases).where(
            source_leases.c.worker_id == worker_id, source_leases.c.source_id.in_(source_ids)
        )
        async with self._transaction("releasing sources") as conn:
            await conn.execute(stmt)

    async def leave(self, worker_id: str) -> None:
        """A clean stop: the worker's sources and unsent claims are free at once."""
        async with self._transaction("leaving the workers") as conn:
            await conn.execute(delete(source_leases).where(source_leases.c.worker_id == worker_id))
            await conn.execute(
                update(deliveries)
                .where(deliveries.c.claimed_by == worker_id)
                .values(claimed_by=None, claimed_until=None)
            )
            await conn.execute(delete(workers).where(workers.c.id == worker_id))
        self.claimant = None

    async def try_lead(self) -> Leadership | None:
        """The leader's lock if no other worker holds it now; None otherwise."""
        try:
            conn = await self._engine.connect()
        except (SQLAlchemyError, OSError) as exc:
            raise StoreError(f"store {self.name}: asking to lead failed: {exc}") from exc
        try:
            conn = await conn.execution_options(isolation_level="AUTOCOMMIT")
            got = (
                await conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": LEADING})
            ).scalar()
        except (SQLAlchemyError, OSError) as exc:
            await conn.close()
            raise StoreError(f"store {self.name}: asking to lead failed: {exc}") from exc
        if not got:
            await conn.close()
            return None
        return Leadership(conn)


def _worker_of(row: Row[Any]) -> Worker:
    return Worker(row.id, row.host, row.pid, row.started_at, row.seen_at, bool(row.leader))
