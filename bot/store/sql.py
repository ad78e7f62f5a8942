"""The one Store: SQLAlchemy Core over SQLite or PostgreSQL, the same statements for both."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Coroutine, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import bindparam, func, select, text
from sqlalchemy.exc import DBAPIError

from bot.errors import StoreError
from bot.records import (
    Article,
    ChatRef,
    DeliveryStatus,
    Event,
    Filter,
    StoredArticle,
    Subscription,
)
from bot.store import codec, engine, migrate, rows
from bot.store.chats import SqlChats
from bot.store.database import unreachable
from bot.store.outbox import SqlOutbox
from bot.store.queries import SqlQueries
from bot.store.retention import SqlRetention
from bot.store.sourcestates import SqlSourceStates
from bot.store.stories import SqlStories
from bot.store.tables import articles, chat_settings, deliveries, events, subscriptions
from bot.store.workers import MIGRATING, SqlWorkers

log = logging.getLogger(__name__)
_P = ParamSpec("_P")
_T = TypeVar("_T")

# Rows per INSERT: 8 or 9 columns each stays under SQLite's oldest limit of 999 bound parameters.
_ARTICLE_CHUNK = 100
# Seconds the list of every subscription is served from memory (the pipeline reads it for
# each poll with news); a change made through this store is seen at once.
SUBSCRIPTIONS_FRESH = 30.0


def _changes_subscriptions(
    method: Callable[Concatenate[SqlStore, _P], Coroutine[Any, Any, _T]],
) -> Callable[Concatenate[SqlStore, _P], Coroutine[Any, Any, _T]]:
    """Marks a method that changes subscriptions: the cached list is dropped, and a read
    that overlapped the change is not cached."""

    async def changing(self: SqlStore, /, *args: _P.args, **kwargs: _P.kwargs) -> _T:
        self._subs_generation += 1
        self._all_subs = None
        try:
            return await method(self, *args, **kwargs)
        finally:
            self._subs_generation += 1
            self._all_subs = None

    changing.__name__, changing.__doc__ = method.__name__, method.__doc__
    return changing


class SqlStore(
    SqlSourceStates, SqlOutbox, SqlQueries, SqlStories, SqlRetention, SqlWorkers, SqlChats
):
    """Every persistence protocol of bot.store on one database; open it with `open_store`."""

    _all_subs: tuple[float, tuple[Subscription, ...]] | None = None
    _subs_generation = 0  # moves on at the start and the end of every change

    # --- ArticleLog ----------------------------------------------------------------------------

    async def record_articles(
        self, articles_: Sequence[Article], *, processed: bool = False
    ) -> tuple[StoredArticle, ...]:
        unique: dict[str, Article] = {}
        for article in articles_:
            unique.setdefault(article.key, article)
        if not unique:
            return ()
        # Inserting in key order makes concurrent batches take row locks in the same order,
        # so two PostgreSQL writers wait for each other instead of deadlocking.
        values = [rows.article_values(unique[key]) for key in sorted(unique)]
        if processed:
            done = datetime.now(UTC)
            for value in values:
                value["processed_at"] = done
        ids: dict[str, int] = {}
        # The rows go as parameters of one statement (SQLAlchemy sends them in batches of
        # multi-row INSERTs), so the statement is compiled once, not once per poll.
        stmt = self._statement(
            "record_articles",
            lambda: (
                self._insert(articles)
                .on_conflict_do_nothing(index_elements=[articles.c.key])
                .returning(articles.c.id, articles.c.key)
            ),
        )
        async with self._transaction("recording articles") as conn:
            for start in range(0, len(values), _ARTICLE_CHUNK):
                for row in await conn.execute(stmt, values[start : start + _ARTICLE_CHUNK]):
                    ids[row.key] = row.id
        return tuple(StoredArticle(ids[k], a) for k, a in unique.items() if k in ids)

    async def record_events(self, article_id: int, events_: Sequence[Event]) -> None:
        """The article's events, replacing any recorded before (a replay after a crash)."""
        now = datetime.now(UTC)
        values = [
            {
                "article_id": article_id,
                "kind": e.kind.value,
                "payload": codec.event_to_dict(e),
                "region": e.regions[0] if e.regions else None,
                "event_date": e.date,
                "created_at": now,
            }
            for e in events_
        ]
        forget = self._statement(
            "forget_events",
            lambda: events.delete().where(events.c.article_id == bindparam("article_id")),
        )
        async with self._transaction("recording events") as conn:
            await conn.execute(forget, {"article_id": article_id})
            if values:
                await conn.execute(self._statement("record_events", events.insert), values)

    async def mark_processed(self, article_id: int) -> None:
        """The article's alerts are queued: a restart must not replay it."""
        await self._stamp([article_id], "processed_at", "marking an article processed")

    async def mark_extracted(self, article_id: int) -> None:
        """The article's events are recorded; its story is the leader's to tell."""
        await self._stamp([article_id], "extracted_at", "marking an article extracted")

    async def _stamp(self, article_ids: Sequence[int], column: str, what: str) -> None:
        """Set one of the articles' moments (`processed_at`, `extracted_at`) to now."""
        if not article_ids:
            return
        stmt = self._statement(
            f"stamp_{column}",
            lambda: (
                articles.update()
                .where(articles.c.id.in_(bindparam("ids", expanding=True)))
                .values({column: bindparam("at")})
            ),
        )
        async with self._transaction(what) as conn:
            await conn.execute(stmt, {"ids": list(article_ids), "at": datetime.now(UTC)})

    async def extracted(self, limit: int) -> tuple[tuple[StoredArticle, tuple[Event, ...]], ...]:
        """Articles whose events a worker recorded and whose story is still to be told,
        oldest recorded first, with their events in the order they were extracted."""
        chosen = (
            select(articles)
            .where(articles.c.processed_at.is_(None), articles.c.extracted_at.is_not(None))
            .order_by(articles.c.id)
            .limit(limit)
        )
        async with self._transaction("reading extracted articles") as conn:
            found = (await conn.execute(chosen)).all()
            ids = [row.id for row in found]
            their_events = (
                await conn.execute(
                    select(events.c.article_id, events.c.payload)
                    .where(events.c.article_id.in_(ids))
                    .order_by(events.c.id)
                )
            ).all()
        by_article: dict[int, list[Event]] = {}
        for row in their_events:
            by_article.setdefault(row.article_id, []).append(codec.event_from_dict(row.payload))
        return tuple(
            (StoredArticle(row.id, rows.article_of(row)), tuple(by_article.get(row.id, ())))
            for row in found
        )

    async def untold(self, article_ids: Sequence[int]) -> frozenset[int]:
        """Inside a unit: those of the articles still to be told, which no other worker can
        tell until the unit ends (their rows locked on PostgreSQL; rows another worker has
        locked are left out, not waited for)."""
        stmt = select(articles.c.id).where(
            articles.c.id.in_(list(article_ids)), articles.c.processed_at.is_(None)
        )
        if self.shared:
            stmt = stmt.with_for_update(skip_locked=True)
        async with self._transaction("checking articles are still to be told") as conn:
            return frozenset(row.id for row in await conn.execute(stmt))

    async def mark_all_processed(self, article_ids: Sequence[int]) -> None:
        """`mark_processed` for many in one statement."""
        await self._stamp(article_ids, "processed_at", "marking articles processed")

    async def untold_count(self, cap: int) -> int:
        """How many articles wait to be told, counted up to `cap` (cheap however many)."""
        waiting = select(articles.c.id).where(articles.c.processed_at.is_(None)).limit(cap)
        stmt = select(func.count()).select_from(waiting.subquery())
        async with self._transaction("counting articles to tell") as conn:
            return int((await conn.execute(stmt)).scalar_one())

    async def orphans(self, recorded_before: datetime) -> tuple[StoredArticle, ...]:
        """Articles recorded before `recorded_before` but neither extracted nor told: the
        worker that recorded them stopped before it read them."""
        stmt = (
            select(articles)
            .where(
                articles.c.processed_at.is_(None),
                articles.c.extracted_at.is_(None),
                articles.c.fetched_at < recorded_before,
            )
            .order_by(articles.c.id)
            .limit(500)
        )
        async with self._transaction("reading articles left unread") as conn:
            found = (await conn.execute(stmt)).all()
        return tuple(StoredArticle(row.id, rows.article_of(row)) for row in found)

    async def unprocessed(self) -> tuple[StoredArticle, ...]:
        """Articles recorded but never matched (the process stopped in between), oldest first."""
        stmt = select(articles).where(articles.c.processed_at.is_(None)).order_by(articles.c.id)
        async with self._transaction("reading unprocessed articles") as conn:
            found = (await conn.execute(stmt)).all()
        return tuple(StoredArticle(row.id, rows.article_of(row)) for row in found)

    # --- SubscriptionStore ---------------------------------------------------------------------

    @_changes_subscriptions
    async def add_subscription(
        self, chat: ChatRef, filter_: Filter, filter_text: str, *, created_by: str | None
    ) -> Subscription:
        now = datetime.now(UTC)
        stmt = (
            subscriptions.insert()
            .values(
                platform=chat.platform,
                chat_id=chat.chat_id,
                thread_id=rows.thread_value(chat),
                filter=codec.filter_to_dict(filter_),
                filter_text=filter_text,
                created_by=created_by,
                created_at=now,
                paused=False,
            )
            .returning(subscriptions.c.id)
        )
        async with self._transaction("adding a subscription") as conn:
            new_id = (await conn.execute(stmt)).scalar_one()
        log.info("subscription added id=%s chat=%s", new_id, chat)
        return Subscription(new_id, chat, filter_, filter_text, created_by, now)

    async def subscriptions(self, chat: ChatRef | None = None) -> tuple[Subscription, ...]:
        """All chats' subscriptions come from memory: read again after any change made
        here and, on a store several workers share (another may have changed them), at
        least every SUBSCRIPTIONS_FRESH seconds. On SQLite this process is the only one
        that writes (a second instance refuses to start), so the list holds until it
        changes: with 10,000 subscriptions reading it cost a fifth of a CPU second."""
        if chat is None and self._all_subs is not None:
            at, cached = self._all_subs
            if not self.shared or time.monotonic() - at < SUBSCRIPTIONS_FRESH:
                return cached
        stmt = select(subscriptions).order_by(subscriptions.c.id)
        if chat is not None:
            stmt = stmt.where(rows.in_chat(subscriptions, chat))
        read_at, generation = time.monotonic(), self._subs_generation
        async with self._transaction("reading subscriptions") as conn:
            found = tuple(rows.subscription_of(row) for row in await conn.execute(stmt))
        if chat is None and generation == self._subs_generation:  # no change meanwhile
            self._all_subs = (read_at, found)
        return found

    async def paused_reasons(self, chat: ChatRef) -> dict[int, str]:
        stmt = (
            select(subscriptions.c.id, subscriptions.c.paused_reason)
            .where(rows.in_chat(subscriptions, chat), subscriptions.c.paused)
            .order_by(subscriptions.c.id)
        )
        async with self._transaction("reading why subscriptions are paused") as conn:
            return {row.id: row.paused_reason or "" for row in await conn.execute(stmt)}

    @_changes_subscriptions
    async def remove_subscription(self, chat: ChatRef, subscription_id: int) -> bool:
        """Remove one subscription of this chat; once a chat has none, its queue is dropped."""
        delete = subscriptions.delete().where(
            subscriptions.c.id == subscription_id, rows.in_chat(subscriptions, chat)
        )
        remaining = select(subscriptions.c.id).where(rows.in_chat(subscriptions, chat)).limit(1)
        async with self._transaction("removing a subscription") as conn:
            removed = (await conn.execute(delete)).rowcount > 0
            if removed and (await conn.execute(remaining)).first() is None:
                await self._drop_pending(conn, chat, "unsubscribed", all_threads=False)
        if removed:
            log.info("subscription removed id=%s chat=%s", subscription_id, chat)
        return removed

    @_changes_subscriptions
    async def migrate_chat(self, chat: ChatRef, new_chat_id: str) -> int:
        """The chat has a new id (a Telegram group became a supergroup): move its
        subscriptions and undelivered alerts there; returns how many subscriptions moved."""
        moved_subs = (
            subscriptions.update()
            .where(rows.in_chat(subscriptions, chat, all_threads=True))
            .values(chat_id=new_chat_id)
        )
        moved_pending = (
            deliveries.update()
            .where(rows.in_chat(deliveries, chat, all_threads=True))
            .where(deliveries.c.status == DeliveryStatus.PENDING.value)
            .values(chat_id=new_chat_id)
        )
        new_chat = ChatRef(chat.platform, new_chat_id)
        already = select(deliveries.c.article_id).where(
            rows.in_chat(deliveries, new_chat, all_threads=True)
        )
        # An alert the new id already has would break the one-per-article-and-chat rule.
        duplicates = (
            deliveries.delete()
            .where(rows.in_chat(deliveries, chat, all_threads=True))
            .where(deliveries.c.status == DeliveryStatus.PENDING.value)
            .where(deliveries.c.article_id.in_(already))
        )
        # Its settings go along, unless the new id has chosen already.
        taken = select(chat_settings.c.chat_id).where(
            chat_settings.c.platform == chat.platform, chat_settings.c.chat_id == new_chat_id
        )
        moved_settings = (
            chat_settings.update()
            .where(chat_settings.c.platform == chat.platform)
            .where(chat_settings.c.chat_id == chat.chat_id)
            .where(~taken.exists())
            .values(chat_id=new_chat_id)
        )
        async with self._transaction("migrating a chat") as conn:
            count = (await conn.execute(moved_subs)).rowcount
            await conn.execute(duplicates)
            await conn.execute(moved_pending)
            await conn.execute(moved_settings)
        self._chats_read = None
        log.info("chat migrated chat=%s new=%s subscriptions=%d", chat, new_chat_id, count)
        return count

    @_changes_subscriptions
    async def pause_chat(self, chat: ChatRef, reason: str) -> int:
        """Pause a chat the bot can no longer post to (all its threads when no thread is given).

        Its queued alerts fail with `reason`; returns how many subscriptions were paused.
        """
        whole = chat.thread_id is None
        stmt = (
            subscriptions.update()
            .where(rows.in_chat(subscriptions, chat, all_threads=whole))
            .values(paused=True, paused_reason=reason)
        )
        async with self._transaction("pausing a chat") as conn:
            count = (await conn.execute(stmt)).rowcount
            await self._drop_pending(conn, chat, reason, all_threads=whole)
        log.warning("chat paused chat=%s subscriptions=%s reason=%s", chat, count, reason)
        return count

    @_changes_subscriptions
    async def resume_chat(self, chat: ChatRef) -> int:
        """Undo `pause_chat`; returns how many subscriptions were resumed."""
        stmt = (
            subscriptions.update()
            .where(rows.in_chat(subscriptions, chat, all_threads=chat.thread_id is None))
            .values(paused=False, paused_reason=None)
        )
        async with self._transaction("resuming a chat") as conn:
            return (await conn.execute(stmt)).rowcount


async def open_store(url: str, *, base_dir: Path | None = None) -> SqlStore:
    """Open the database at `url` and migrate it to the newest schema.

    A relative SQLite path is taken relative to `base_dir` (default: the working directory).
    """
    resolved = engine.resolve_url(url, base_dir=base_dir)
    name = engine.redacted(resolved)
    try:
        engine.prepare_sqlite_dir(resolved)
    except OSError as exc:
        raise StoreError(f"store {name}: cannot create its folder: {exc}") from exc
    db = engine.create_engine(resolved)
    try:
        async with db.begin() as conn:
            if resolved.get_backend_name() == "postgresql":
                # Workers started together on a new database migrate it one at a time.
                await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATING})
            before = await conn.run_sync(migrate.current_revision)
            await conn.run_sync(migrate.upgrade)
            after = await conn.run_sync(migrate.current_revision)
    # Any failure here (driver, network, file system, alembic) means the store is unusable.
    except Exception as exc:
        await db.dispose()
        cause = exc.orig if isinstance(exc, DBAPIError) else exc
        if isinstance(cause, OSError) and not isinstance(cause, FileNotFoundError):
            raise StoreError(f"store {name}: cannot open: {unreachable(cause)}") from exc
        raise StoreError(f"store {name}: cannot open or migrate: {cause}") from exc
    if before != after:
        log.info("store migrated store=%s from=%s to=%s", name, before, after)
    log.info("store opened store=%s revision=%s", name, after)
    return SqlStore(db, name=name)
