"""Read-only queries for chat commands: events in a window, word search, row counts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.records import DeliveryStatus, Event, StoredArticle
from bot.store import StoreStats, codec, rows
from bot.store.database import SqlDatabase
from bot.store.tables import articles, deliveries, events, subscriptions


def _article_time() -> ColumnElement[datetime]:
    """When an article happened, as far as the store knows: undated items their fetch time."""
    return func.coalesce(articles.c.published_at, articles.c.fetched_at)


def _holds_word(forms: Sequence[str]) -> ColumnElement[bool]:
    """The title or text contains one of a word's forms in any case.

    SQLite's lower() folds ASCII only, so each form is also tried as written, capitalised
    and upper-cased: "київ" then still finds "Київ" there, while PostgreSQL folds it itself.
    """
    spellings = dict.fromkeys(
        s for word in forms for s in (word.lower(), word, word.capitalize(), word.upper())
    )
    return or_(
        *(
            func.lower(column).contains(spelling, autoescape=True)
            for column in (articles.c.title, articles.c.text)
            for spelling in spellings
        )
    )


async def _count(conn: AsyncConnection, stmt: Select[Any]) -> int:
    return int(
        (await conn.execute(select(func.count()).select_from(stmt.subquery()))).scalar_one()
    )


def _events_with_articles(*, texts: bool = True) -> Select[Any]:
    columns = (
        articles.columns
        if texts
        else [c for c in articles.columns if c.name != "text"] + [literal("").label("text")]
    )
    return select(events.c.payload, *columns).join(articles, events.c.article_id == articles.c.id)


class SqlQueries(SqlDatabase):
    """`bot.store.EventQueries` and `StatsReader` on SQL: the same statements for both databases."""

    async def events_since(
        self, since: datetime, *, limit: int, texts: bool = True
    ) -> tuple[tuple[StoredArticle, Event], ...]:
        stmt = (
            _events_with_articles(texts=texts)
            .where(_article_time() >= since)
            .order_by(_article_time().desc(), events.c.id.desc())
            .limit(limit)
        )
        return await self._event_pairs(stmt, "reading events in a window")

    async def recent_events(self, limit: int = 10) -> tuple[tuple[StoredArticle, Event], ...]:
        """The newest recorded events with their articles, newest first."""
        stmt = (
            _events_with_articles()
            .order_by(events.c.created_at.desc(), events.c.id.desc())
            .limit(limit)
        )
        return await self._event_pairs(stmt, "reading recent events")

    async def _event_pairs(
        self, stmt: Select[Any], what: str
    ) -> tuple[tuple[StoredArticle, Event], ...]:
        async with self._transaction(what) as conn:
            found = (await conn.execute(stmt)).all()
        return tuple(
            (StoredArticle(row.id, rows.article_of(row)), codec.event_from_dict(row.payload))
            for row in found
        )

    async def search(
        self, terms: Sequence[Sequence[str]], *, limit: int
    ) -> tuple[tuple[StoredArticle, Event | None], ...]:
        # A bare string is one word, not its letters.
        terms = [(t,) if isinstance(t, str) else t for t in terms]
        wanted = [f for f in ([w.strip() for w in forms if w.strip()] for forms in terms) if f]
        if not wanted or limit < 1:
            return ()
        matching = (
            select(articles)
            .where(*(_holds_word(forms) for forms in wanted))
            .order_by(_article_time().desc(), articles.c.id.desc())
            .limit(limit)
        )
        async with self._transaction("searching articles") as conn:
            found = (await conn.execute(matching)).all()
            ids = [row.id for row in found]
            of_articles = (
                select(events.c.article_id, events.c.payload)
                .where(events.c.article_id.in_(ids))
                .order_by(events.c.id)
            )
            payloads = (await conn.execute(of_articles)).all() if ids else []
        by_article: dict[int, list[Event]] = {}
        for event_row in payloads:
            event = codec.event_from_dict(event_row.payload)
            by_article.setdefault(event_row.article_id, []).append(event)
        pairs: list[tuple[StoredArticle, Event | None]] = []
        for row in found:
            stored = StoredArticle(row.id, rows.article_of(row))
            pairs.extend((stored, e) for e in by_article.get(row.id, [None]))
        return tuple(pairs)

    async def stats(self) -> StoreStats:
        chat = (subscriptions.c.platform, subscriptions.c.chat_id, subscriptions.c.thread_id)
        by_status = select(deliveries.c.status, func.count()).group_by(deliveries.c.status)
        async with self._transaction("counting rows") as conn:
            statuses = {row[0]: int(row[1]) for row in await conn.execute(by_status)}
            return StoreStats(
                articles=await _count(conn, select(articles.c.id)),
                events=await _count(conn, select(events.c.id)),
                subscriptions=await _count(conn, select(subscriptions.c.id)),
                paused_subscriptions=await _count(
                    conn, select(subscriptions.c.id).where(subscriptions.c.paused)
                ),
                chats=await _count(conn, select(*chat).distinct()),
                paused_chats=await _count(
                    conn, select(*chat).where(subscriptions.c.paused).distinct()
                ),
                pending_deliveries=statuses.get(DeliveryStatus.PENDING.value, 0),
                sent_deliveries=statuses.get(DeliveryStatus.SENT.value, 0),
                failed_deliveries=statuses.get(DeliveryStatus.FAILED.value, 0),
            )
