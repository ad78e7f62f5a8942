"""APScheduler in the app's loop: one job per source at its interval with jitter, plus delivery."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler

log = logging.getLogger(__name__)


class PollSchedule:
    """Owns the scheduler; jobs never overlap themselves and missed runs are coalesced."""

    def __init__(self) -> None:
        self._scheduler = AsyncIOScheduler(timezone=UTC)

    def add_source(
        self,
        source_id: str,
        poll: Callable[[], Awaitable[object]],
        *,
        interval: timedelta,
        jitter: timedelta,
        first_run: datetime | None = None,
    ) -> None:
        self._scheduler.add_job(
            poll,
            "interval",
            seconds=interval.total_seconds(),
            jitter=int(jitter.total_seconds()) or None,
            id=f"source:{source_id}",
            name=f"poll {source_id}",
            next_run_time=first_run or datetime.now(UTC),
            max_instances=1,
            coalesce=True,
            misfire_grace_time=int(interval.total_seconds()),
        )

    def remove_source(self, source_id: str) -> None:
        """No more polls of the source; a poll running now finishes."""
        job = self._scheduler.get_job(f"source:{source_id}")
        if job is not None:
            job.remove()

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
