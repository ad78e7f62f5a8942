"""Several `newsalert run` workers sharing one PostgreSQL store, beat by beat.

Every few seconds each worker says it lives, renews the leases of the sources it polls and
takes free ones up to its share (the sources over the workers alive, the leader a third of
that), and gives back those beyond it when another worker joins. A worker that dies stops renewing:
within `WORKER_TTL` its leases expire and the others take its sources. One worker leads
(an advisory lock on a session of its own; see `bot.store.workers`): it receives the
chats' commands and tells the stories of what every worker extracted, so one incident
reported on two workers' sources is one story. Any worker sends alerts, claiming them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import os
import socket
import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime, timedelta
from typing import Protocol

from bot.errors import StoreError
from bot.records import Worker
from bot.store.workers import Leadership, WorkerGone

log = logging.getLogger(__name__)

# The leader's part of a fair share of the sources: it also tells every worker's stories.
# With two workers each capped at 0.4 of a core (bench/bench_workers.py --cpu-per-worker),
# a leader polling half a share was the one at its cap, the untold articles passed the
# limit at which polls wait, and the other worker idled: 1.79x one worker's work. At a
# third of a share, 2.03-2.13x.
LEADER_SHARE = 1 / 3

BEAT_EVERY = timedelta(seconds=5)


class WorkerStore(Protocol):
    async def join(self, worker: Worker) -> None: ...

    async def heartbeat(
        self, worker_id: str, now: datetime, *, leader: bool
    ) -> tuple[Worker, ...]: ...

    async def lease_sources(
        self, worker_id: str, source_ids: Sequence[str], *, share: int, now: datetime
    ) -> tuple[frozenset[str], frozenset[str]]: ...

    async def release_sources(self, worker_id: str, source_ids: Sequence[str]) -> None: ...

    async def leave(self, worker_id: str) -> None: ...

    async def try_lead(self) -> Leadership | None: ...

    async def flush_source_states(self) -> int: ...

    async def reload_source_states(self, source_ids: Sequence[str]) -> None: ...


def this_worker(now: datetime) -> Worker:
    """This process as a worker: host and pid for people, a random suffix for uniqueness."""
    host = socket.gethostname()
    return Worker(f"{host}-{os.getpid()}-{uuid.uuid4().hex[:6]}", host, os.getpid(), now, now)


class Membership:
    """This worker's place among the others: its sources and whether it leads.

    `polls`/`drops` are told the sources this worker starts and stops polling; `lead` and
    `follow` when it becomes the leader and when it stops being one.
    """

    def __init__(
        self,
        store: WorkerStore,
        *,
        sources: Callable[[], Sequence[str]],
        polls: Callable[[frozenset[str]], Awaitable[None]],
        drops: Callable[[frozenset[str]], Awaitable[None]],
        lead: Callable[[], Awaitable[None]],
        follow: Callable[[], Awaitable[None]],
        clock: Callable[[], datetime],
        every: timedelta | None = None,
    ) -> None:
        self._store = store
        self._sources = sources
        self._polls = polls
        self._drops = drops
        self._lead = lead
        self._follow = follow
        self._clock = clock
        self._every = (every or BEAT_EVERY).total_seconds()
        self.worker = this_worker(clock())
        self.held: frozenset[str] = frozenset()
        self.alive: tuple[Worker, ...] = ()
        self._leadership: Leadership | None = None

    @property
    def leading(self) -> bool:
        return self._leadership is not None

    async def join(self) -> None:
        await self._store.join(self.worker)
        log.info("worker joined id=%s", self.worker.id)

    async def run(self, stop: asyncio.Event) -> None:
        """Beat until `stop` is set, then give everything back: the others take this
        worker's sources and the lead at their next beat, not after a lease expires."""
        try:
            while not stop.is_set():
                try:
                    await self.beat()
                except StoreError as exc:
                    # Leases run out if this goes on: the others take the sources, and this
                    # worker's polls are then repeats (recorded once, told once).
                    log.error("worker beat failed: %s", exc)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=self._every)
        finally:
            await self.leave()

    async def beat(self) -> None:
        await self._check_lead()
        now = self._clock()
        try:
            self.alive = await self._store.heartbeat(self.worker.id, now, leader=self.leading)
        except WorkerGone:
            log.warning("worker was counted out, joining again id=%s", self.worker.id)
            await self.join()
            self.alive = await self._store.heartbeat(self.worker.id, now, leader=self.leading)
        sources = list(self._sources())
        share = self._share(len(sources))
        held, surplus = await self._store.lease_sources(
            self.worker.id, sources, share=share, now=now
        )
        keep = held - surplus
        stop, start = self.held - keep, keep - self.held
        if stop:
            await self._drops(stop)
        if surplus:
            # What this worker learnt of them (validators, due times) is the next holder's.
            await self._store.flush_source_states()
            await self._store.release_sources(self.worker.id, sorted(surplus))
        if start:
            await self._store.reload_source_states(sorted(start))
        self.held = keep
        if start:
            await self._polls(start)
        if start or stop:
            log.info(
                "worker sources id=%s holds=%d started=%d stopped=%d workers=%d",
                self.worker.id,
                len(keep),
                len(start),
                len(stop),
                len(self.alive),
            )

    def _share(self, sources: int) -> int:
        """How many sources this worker should poll: the leader, which also tells every
        worker's stories, LEADER_SHARE of a fair share; the others the rest between them."""
        alive = max(len(self.alive), 1)
        if alive == 1:
            return sources
        leader_share = math.ceil(sources / alive * LEADER_SHARE)
        if self.leading:
            return leader_share
        if not any(w.leader for w in self.alive):
            return math.ceil(sources / alive)
        return math.ceil((sources - leader_share) / (alive - 1))

    async def _check_lead(self) -> None:
        if self._leadership is not None:
            if await self._leadership.alive():
                return
            self._leadership = None
            log.warning("worker no longer leads id=%s", self.worker.id)
            await self._follow()
        leadership = await self._store.try_lead()
        if leadership is None:
            return
        log.info("worker leads id=%s", self.worker.id)
        try:
            await self._lead()
        except BaseException:
            # Half a leader is none: the lock goes back, to be asked for again next beat.
            await self._follow()
            await leadership.release()
            raise
        self._leadership = leadership

    async def leave(self) -> None:
        if self._leadership is not None:
            leadership, self._leadership = self._leadership, None
            await self._follow()
            await leadership.release()
        if self.held:
            await self._drops(self.held)
        try:
            await self._store.flush_source_states()
            await self._store.leave(self.worker.id)
        except StoreError as exc:
            log.error("worker could not say it left (its leases expire instead): %s", exc)
        self.held = frozenset()
        log.info("worker left id=%s", self.worker.id)
