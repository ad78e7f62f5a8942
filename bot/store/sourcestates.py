"""Sources' poll state held in memory and written behind in batches.

A thousand feeds polled every half minute are thirty polls a second, nearly all answered
304. Reading and writing each source's row on every one of them was most of what polling
cost. So the rows are read once, kept here, and the changed ones are written together at
most every `flush_every` seconds (and when the store closes). What a crash can lose is the
last few seconds of validators and failure counts: the next poll fetches again, and the
articles it finds are already recorded, so nothing alerts twice or goes missing.

An operator's pause is written through at once, and each flush reads the paused flags back,
so a pause made by another process is seen within one flush.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import fields, replace
from operator import attrgetter

from sqlalchemy import select

from bot.errors import StoreError
from bot.records import SourceState
from bot.store import rows
from bot.store.database import SqlDatabase
from bot.store.tables import source_health

log = logging.getLogger(__name__)

FLUSH_EVERY = 10.0  # seconds between batched writes of changed source states
# ... and of states whose poll moved only its times (a 304 with the same validators)
ROUTINE_EVERY = 120.0
# What a routine poll changes: when it was polled, answered, and is due next.
_TIMES = ("last_fetch_at", "last_ok_at", "next_poll_at")


_KEPT = attrgetter(*(f.name for f in fields(SourceState) if f.name not in _TIMES))


def _routine(before: SourceState, after: SourceState) -> bool:
    """Whether a poll changed nothing of the state but its times."""
    return bool(_KEPT(before) == _KEPT(after))


class SqlSourceStates(SqlDatabase):
    """SourceHealthStore with the rows in memory; see the module's docstring."""

    flush_every: float = FLUSH_EVERY
    routine_every: float = ROUTINE_EVERY
    _states: dict[str, SourceState] | None = None
    _dirty: set[str]
    _routine: set[str]
    _flushed_at: float = 0.0
    _routine_at: float = 0.0

    async def _loaded(self) -> dict[str, SourceState]:
        if self._states is None:
            stmt = select(source_health)
            async with self._transaction("reading source states") as conn:
                found = {r.source_id: rows.state_of(r) for r in await conn.execute(stmt)}
            if self._states is None:  # not loaded by another caller meanwhile
                self._states, self._dirty, self._routine = found, set(), set()
                self._flushed_at = self._routine_at = time.monotonic()
        return self._states

    async def source_state(self, source_id: str) -> SourceState:
        return (await self._loaded()).get(source_id) or SourceState(source_id=source_id)

    async def save_source_state(self, state: SourceState) -> None:
        """Keep a poll's outcome; written with others within `flush_every` seconds. `paused`
        is the operator's: a /pause during a poll survives the poll saving its state."""
        states = await self._loaded()
        known = states.get(state.source_id)
        if known is not None and known.paused != state.paused:
            state = replace(state, paused=known.paused)
        states[state.source_id] = state
        if known is not None and _routine(known, state):
            # Only the poll's times moved (a 304, nothing else new): written with the next
            # flush of a changed state, or within `routine_every`. A crash loses at most
            # that much of when sources were polled: they are polled again sooner.
            self._routine.add(state.source_id)
        else:
            self._dirty.add(state.source_id)
        now = time.monotonic()
        if (self._dirty and now - self._flushed_at >= self.flush_every) or (
            now - self._routine_at >= self.routine_every
        ):
            await self.flush_source_states()

    async def flush_source_states(self) -> int:
        """Write every changed state now, in one transaction; how many were written. On a
        store error they stay changed and are written by a later flush."""
        if self._states is None or not (self._dirty or self._routine):
            return 0
        self._flushed_at = self._routine_at = time.monotonic()  # a failing store: later
        self._dirty |= self._routine
        self._routine = set()
        batch = [self._states[sid] for sid in sorted(self._dirty)]
        names = [f.name for f in fields(SourceState)]
        stmt = self._insert(source_health)
        stmt = stmt.on_conflict_do_update(
            index_elements=[source_health.c.source_id],
            set_={n: stmt.excluded[n] for n in names if n not in ("source_id", "paused")},
        )
        paused = select(source_health.c.source_id, source_health.c.paused)
        async with self._transaction("saving source states") as conn:
            await conn.execute(stmt, [{n: getattr(s, n) for n in names} for s in batch])
            flags = {r.source_id: bool(r.paused) for r in await conn.execute(paused)}
        for written in batch:  # saved again while this flush ran: still to be written
            if self._states.get(written.source_id) is written:
                self._dirty.discard(written.source_id)
        for sid, flag in flags.items():  # a pause another process made
            held = self._states.get(sid)
            if held is not None and held.paused != flag:
                self._states[sid] = replace(held, paused=flag)
        return len(batch)

    async def reload_source_states(self, source_ids: Sequence[str]) -> None:
        """Read these sources' states from the store again: sources another worker polled
        until now, whose validators and due times it wrote there."""
        if not source_ids:
            return
        states = await self._loaded()
        stmt = select(source_health).where(source_health.c.source_id.in_(list(source_ids)))
        async with self._transaction("reading source states") as conn:
            found = [rows.state_of(r) for r in await conn.execute(stmt)]
        for state in found:
            if state.source_id not in self._dirty and state.source_id not in self._routine:
                states[state.source_id] = state

    async def all_source_states(self) -> tuple[SourceState, ...]:
        states = await self._loaded()
        return tuple(states[sid] for sid in sorted(states))

    async def set_source_paused(self, source_id: str, *, paused: bool) -> SourceState:
        """Pause or resume now (written through): only the flag changes, the validators and
        error counts of a known source are kept."""
        states = await self._loaded()
        upsert = self._insert(source_health).values(source_id=source_id, paused=paused)
        upsert = upsert.on_conflict_do_update(
            index_elements=[source_health.c.source_id], set_={"paused": paused}
        )
        read = select(source_health).where(source_health.c.source_id == source_id)
        async with self._transaction("pausing or resuming a source") as conn:
            await conn.execute(upsert)
            stored = rows.state_of((await conn.execute(read)).one())
        current = states.get(source_id)
        states[source_id] = replace(current, paused=paused) if current is not None else stored
        log.info("source %s source=%s", "paused" if paused else "resumed", source_id)
        return states[source_id]

    async def close(self) -> None:
        try:
            await self.flush_source_states()
        except StoreError as exc:
            log.error("source states not saved at close: %s", exc)
        await super().close()
