"""When things run: sources polled as each comes due (PollLoop), and the periodic jobs
(delivery, pruning, flushing) on APScheduler in the app's loop."""

from __future__ import annotations

import asyncio
import collections
import heapq
import itertools
import logging
import random
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

log = logging.getLogger(__name__)


class PollSchedule:
    """The periodic jobs on APScheduler; a job never overlaps itself and missed runs are
    coalesced."""

    def __init__(self) -> None:
        self._scheduler = AsyncIOScheduler(timezone=UTC)

    def add_periodic(
        self, name: str, job: Callable[[], Awaitable[object]], *, every: timedelta
    ) -> None:
        self._scheduler.add_job(
            job,
            "interval",
            seconds=every.total_seconds(),
            id=name,
            name=name,
            max_instances=1,
            coalesce=True,
        )

    def job_ids(self) -> Sequence[str]:
        return [job.id for job in self._scheduler.get_jobs()]

    def start(self) -> None:
        self._scheduler.start()

    def pause(self) -> None:
        """No new runs; those running go on. Call before `shutdown`, which cancels them."""
        if self._scheduler.running:
            self._scheduler.pause()

    def shutdown(self) -> None:
        if self._scheduler.running:
            self._scheduler.shutdown(wait=False)


class PollLoop:
    """Polls each source when it is due. One task sleeps until the earliest due time and
    starts every poll due within the next `tick` together (at most `concurrency` at once),
    so a thousand sources cost a wake-up a second, not one per poll; each finished poll
    says when its source is due next (`poll` returns that time, or None for `fallback`).

    A source is never polled twice at once, and one removed while polling is not put back.
    """

    def __init__(
        self,
        poll: Callable[[str], Awaitable[datetime | None]],
        *,
        concurrency: int,
        jitter: timedelta,
        fallback: Callable[[str], timedelta],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        tick: float = 1.0,
    ) -> None:
        self._poll = poll
        self._concurrency = concurrency
        self._ready: collections.deque[str] = collections.deque()  # due, waiting for a slot
        self._jitter = jitter.total_seconds()
        self._fallback = fallback
        self._clock = clock
        self._tick = tick
        self._heap: list[tuple[float, int, str]] = []
        self._due: dict[str, float] = {}  # the source's entry in the heap that counts
        self._polling: set[str] = set()
        self._running: set[asyncio.Task[None]] = set()
        self._wake = asyncio.Event()
        # When the sleeping loop wakes on its own: a source added for later needs no
        # wake-up (a finished poll puts its source back half a minute or more ahead).
        self._sleeping_until = float("inf")
        self._seq = itertools.count()
        self._random = random.Random()

    def add(self, source_id: str, due: datetime | None = None, *, spread: bool = False) -> None:
        """Poll `source_id` at `due` (now when None); `spread` adds up to one jitter, so
        sources added together do not all go at once."""
        when = (due or self._clock()).timestamp()
        if spread:
            when += self._random.uniform(0, self._jitter)
        self._due[source_id] = when
        heapq.heappush(self._heap, (when, next(self._seq), source_id))
        if when < self._sleeping_until:
            self._wake.set()

    def remove(self, source_id: str) -> None:
        """No more polls of the source; a poll running now finishes."""
        self._due.pop(source_id, None)

    def next_due(self, source_id: str) -> datetime | None:
        when = self._due.get(source_id)
        return datetime.fromtimestamp(when, UTC) if when is not None else None

    async def run(self, stop: asyncio.Event) -> None:
        """Poll until `stop` is set, then wait for the polls running to finish."""
        try:
            while not stop.is_set():
                now = self._clock().timestamp()
                while self._heap and self._heap[0][0] <= now + self._tick:
                    when, _, source_id = heapq.heappop(self._heap)
                    if self._due.get(source_id) != when or source_id in self._polling:
                        continue  # superseded (moved or removed), or still polling
                    self._polling.add(source_id)
                    self._ready.append(source_id)
                self._launch()
                wait = max(self._heap[0][0] - now if self._heap else 3600.0, self._tick / 10)
                self._sleeping_until = now + wait
                self._wake.clear()
                sleeper = asyncio.ensure_future(self._wake.wait())
                stopper = asyncio.ensure_future(stop.wait())
                try:
                    await asyncio.wait(
                        (sleeper, stopper),
                        timeout=wait,
                        return_when=asyncio.FIRST_COMPLETED,
                    )
                finally:
                    self._sleeping_until = float("-inf")
                    sleeper.cancel()
                    stopper.cancel()
        finally:
            while self._ready:  # waiting ones do not start once stopping
                self._polling.discard(self._ready.popleft())
            if self._running:
                await asyncio.gather(*self._running, return_exceptions=True)

    def _launch(self) -> None:
        """Start waiting polls while fewer than `concurrency` run. The rest wait in a queue,
        not as tasks on a semaphore: a thousand sources due at once would otherwise be a
        thousand tasks, each acquire scanning the others."""
        while self._ready and len(self._running) < self._concurrency:
            task = asyncio.create_task(self._one(self._ready.popleft()))
            self._running.add(task)
            task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._running.discard(task)
        self._launch()

    async def _one(self, source_id: str) -> None:
        due: datetime | None = None
        try:
            if source_id not in self._due:
                return  # removed while it waited its turn
            due = await self._poll(source_id)
        except Exception:  # the caller logs its own failures; the source stays scheduled
            log.exception("poll failed source=%s", source_id)
        finally:
            self._polling.discard(source_id)
        if source_id in self._due:
            when = due or self._clock() + self._fallback(source_id)
            # Jitter keeps sources that fell into step from staying in step.
            self.add(source_id, when, spread=True)
