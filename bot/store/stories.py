"""The stories half of the SQL store: story cards, their timelines, and which message of a
chat shows a story (so an update can edit it)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Row, bindparam, select

from bot.records import ChatRef, DeliveryStatus, Report, Story
from bot.store import codec, rows
from bot.store.database import SqlDatabase
from bot.store.tables import deliveries, stories, story_reports


class SqlStories(SqlDatabase):
    """`bot.stories.StoryStore` and the story queries of chat commands, on SQL."""

    async def open_stories(self, since: datetime) -> tuple[tuple[Story, tuple[str, ...]], ...]:
        found = select(stories).where(stories.c.last_seen >= since).order_by(stories.c.id)
        async with self._transaction("reading open stories") as conn:
            cards = [rows.story_of(row) for row in await conn.execute(found)]
            titles: dict[int, list[str]] = {}
            if cards:
                lines = select(story_reports.c.story_id, story_reports.c.title).where(
                    story_reports.c.story_id.in_([s.id for s in cards])
                )
                for row in await conn.execute(lines.order_by(story_reports.c.id)):
                    titles.setdefault(row.story_id, []).append(row.title)
        return tuple((s, tuple(titles.get(s.id, ()))) for s in cards)

    async def save_story(self, story: Story, report: Report) -> Story:
        event = story.event
        values = {
            "kind": event.kind.value,
            "region": event.regions[0] if event.regions else None,
            "event_date": event.date,
            "card": codec.story_to_dict(story),
            "reports": story.reports,
            "verification": story.verification.value,
            "first_seen": story.first_seen,
            "last_seen": story.last_seen,
        }
        async with self._transaction("saving a story") as conn:
            if story.id == 0:
                # Values as parameters, not in the statement: the statement stays one cached
                # compilation, where `.values(...)` would build a new one for each story.
                insert = self._statement(
                    "insert_story", lambda: stories.insert().returning(stories.c.id)
                )
                new_id = (await conn.execute(insert, values)).scalar_one()
                story = Story(
                    new_id,
                    story.event,
                    story.outlets,
                    story.reports,
                    story.verification,
                    story.first_seen,
                    story.last_seen,
                    story.corrected,
                )
            else:
                update = self._statement(
                    "update_story",
                    lambda: stories.update().where(stories.c.id == bindparam("story_id")),
                )
                await conn.execute(update, {**values, "story_id": story.id})
            await conn.execute(
                self._statement("insert_report", story_reports.insert),
                dict(
                    story_id=story.id,
                    article_id=report.article_id,
                    source_id=report.source_id,
                    outlet=report.outlet,
                    title=report.title,
                    url=report.url,
                    published_at=report.published_at,
                    status=report.status.value,
                    figures=codec.figures_to_list(report.figures),
                    recorded_at=datetime.now(UTC),
                ),
            )
        return story

    async def story(self, story_id: int) -> tuple[Story, tuple[Report, ...]] | None:
        """A story with its timeline, oldest report first."""
        async with self._transaction("reading a story") as conn:
            row = (await conn.execute(select(stories).where(stories.c.id == story_id))).first()
            if row is None:
                return None
            lines = await conn.execute(
                select(story_reports)
                .where(story_reports.c.story_id == story_id)
                .order_by(story_reports.c.id)
            )
            return rows.story_of(row), tuple(rows.report_of(r) for r in lines)

    async def stories_of(self, article_ids: Sequence[int]) -> dict[int, tuple[Story, ...]]:
        """The stories each article reported, in the order it told them."""
        if not article_ids:
            return {}
        stmt = (
            select(story_reports.c.article_id, stories)
            .join(stories, story_reports.c.story_id == stories.c.id)
            .where(story_reports.c.article_id.in_(list(dict.fromkeys(article_ids))))
            .order_by(story_reports.c.id)
        )
        found: dict[int, dict[int, Story]] = {}
        async with self._transaction("reading the stories of articles") as conn:
            for row in await conn.execute(stmt):
                found.setdefault(row.article_id, {}).setdefault(row.id, rows.story_of(row))
        return {article: tuple(by_id.values()) for article, by_id in found.items()}

    async def recent_stories(
        self, *, limit: int, since: datetime | None = None
    ) -> tuple[Story, ...]:
        """The stories reported most recently (at or after `since`), newest first."""
        stmt = select(stories).order_by(stories.c.last_seen.desc(), stories.c.id.desc())
        if since is not None:
            stmt = stmt.where(stories.c.last_seen >= since)
        async with self._transaction("reading recent stories") as conn:
            return tuple(rows.story_of(row) for row in await conn.execute(stmt.limit(limit)))

    async def story_message(self, chat: ChatRef, story_id: int) -> tuple[str, ...]:
        """The messages that show this story in this chat, or (): the latest card sent (a
        card sent anew because the first was deleted takes its place)."""
        stmt = (
            select(deliveries.c.message_ids)
            .where(
                rows.in_chat(deliveries, chat),
                deliveries.c.story_id == story_id,
                deliveries.c.status == DeliveryStatus.SENT.value,
                deliveries.c.note.is_(None),
            )
            .order_by(deliveries.c.id.desc())
            .limit(1)
        )
        async with self._transaction("finding a story's message") as conn:
            found = (await conn.execute(stmt)).scalar_one_or_none()
        return tuple(found or ())

    async def story_chats(self, story_id: int) -> frozenset[ChatRef]:
        """The chats that were sent (or are about to be sent) something about the story."""
        stmt = (
            select(deliveries.c.platform, deliveries.c.chat_id, deliveries.c.thread_id)
            .where(
                deliveries.c.story_id == story_id,
                deliveries.c.status != DeliveryStatus.FAILED.value,
            )
            .distinct()
        )
        async with self._transaction("reading a story's chats") as conn:
            found = (await conn.execute(stmt)).all()
        return frozenset(rows.chat_of(cast("Row[Any]", row)) for row in found)
