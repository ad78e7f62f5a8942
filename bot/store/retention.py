"""Retention: old rows pruned in small batches, so the store stays the size of its window.

What goes, oldest first and a batch per transaction (a long-running bot never holds a lock
for long): stories past `stories` (by their reports and by when those reached us) with their
timelines, sent or failed alerts past `deliveries` whose story is gone, the text and events
of articles past `articles` (their keys stay, so a feed that still lists one does not make
it news again), and whole articles past `seen`. Never pruned: alerts still waiting to be sent, articles not yet matched (a restart
replays them), the articles pending alerts belong to.
"""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any

from sqlalchemy import and_, delete, exists, select, update

from bot.records import DeliveryStatus
from bot.store import PruneReport, RetentionPolicy
from bot.store.database import SqlDatabase
from bot.store.tables import articles, deliveries, events, stories, story_reports

_DONE = (DeliveryStatus.SENT.value, DeliveryStatus.FAILED.value)


class SqlRetention(SqlDatabase):
    """`bot.store.Retention` on SQL."""

    async def prune(self, now: datetime, policy: RetentionPolicy) -> PruneReport:
        stories_deleted = deliveries_deleted = emptied = events_deleted = articles_deleted = 0
        if policy.stories is not None:
            stories_deleted = await self._batches(
                "pruning stories", self._old_stories(now - policy.stories), policy.batch
            )
        if policy.deliveries is not None:
            deliveries_deleted = await self._batches(
                "pruning deliveries", self._old_deliveries(now - policy.deliveries), policy.batch
            )
        if policy.articles is not None:
            emptied, events_deleted = await self._empty_articles(
                now - policy.articles, policy.batch
            )
        if policy.seen is not None:
            articles_deleted = await self._batches(
                "pruning articles", self._old_articles(now - policy.seen), policy.batch
            )
        return PruneReport(
            articles_emptied=emptied,
            articles_deleted=articles_deleted,
            events_deleted=events_deleted,
            stories_deleted=stories_deleted,
            deliveries_deleted=deliveries_deleted,
        )

    async def _batches(self, what: str, ids_of: Any, batch: int) -> int:
        """Delete the rows `ids_of` selects, `batch` at a time, each in its own transaction."""
        target = ids_of.selected_columns[0].table
        total = 0
        while True:
            async with self._transaction(what) as conn:
                ids = [row[0] for row in await conn.execute(ids_of.limit(batch))]
                if ids:
                    await conn.execute(delete(target).where(target.c.id.in_(ids)))
            total += len(ids)
            if len(ids) < batch:
                return total
            await asyncio.sleep(0)  # let polls and deliveries in between batches

    @staticmethod
    def _old_deliveries(cutoff: datetime) -> Any:
        # A story still kept may be updated: its alerts are the messages an update edits.
        kept_story = exists().where(stories.c.id == deliveries.c.story_id)
        return (
            select(deliveries.c.id)
            .where(deliveries.c.status.in_(_DONE), deliveries.c.created_at < cutoff, ~kept_story)
            .order_by(deliveries.c.id)
        )

    @staticmethod
    def _old_stories(cutoff: datetime) -> Any:
        # Old by its reports' dates and by when they reached us: an archive fed in today
        # (the demo's) keeps its stories for the window too.
        recent = exists().where(
            and_(story_reports.c.story_id == stories.c.id, story_reports.c.recorded_at >= cutoff)
        )
        return (
            select(stories.c.id)
            .where(stories.c.last_seen < cutoff, ~recent)
            .order_by(stories.c.id)
        )

    @staticmethod
    def _old_articles(cutoff: datetime) -> Any:
        waiting = exists().where(
            and_(
                deliveries.c.article_id == articles.c.id,
                deliveries.c.status == DeliveryStatus.PENDING.value,
            )
        )
        return (
            select(articles.c.id)
            .where(articles.c.fetched_at < cutoff, articles.c.processed_at.is_not(None), ~waiting)
            .order_by(articles.c.id)
        )

    async def _empty_articles(self, cutoff: datetime, batch: int) -> tuple[int, int]:
        """Articles past `cutoff` lose their text and events; their keys stay."""
        full = (
            select(articles.c.id)
            .where(
                articles.c.fetched_at < cutoff,
                articles.c.processed_at.is_not(None),
                (articles.c.text != "") | (articles.c.title != ""),
            )
            .order_by(articles.c.id)
        )
        emptied = dropped = 0
        while True:
            async with self._transaction("emptying old articles") as conn:
                ids = [row[0] for row in await conn.execute(full.limit(batch))]
                if ids:
                    gone = await conn.execute(delete(events).where(events.c.article_id.in_(ids)))
                    dropped += gone.rowcount or 0
                    await conn.execute(
                        update(articles).where(articles.c.id.in_(ids)).values(title="", text="")
                    )
            emptied += len(ids)
            if len(ids) < batch:
                return emptied, dropped
            await asyncio.sleep(0)
