"""The outbox half of the SQL store: alerts written before they are sent, retried with backoff."""

from __future__ import annotations

import logging
from collections.abc import Collection, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select, text
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.records import ChatRef, Delivery, DeliveryStatus, Document, Severity
from bot.store import codec, rows
from bot.store.database import SqlDatabase
from bot.store.tables import deliveries
from bot.store.workers import CLAIMING

log = logging.getLogger(__name__)

RETRY_BASE = timedelta(seconds=30)
# How long a worker sharing the store holds the deliveries it claimed: far longer than
# sending them takes, short enough that a dead worker's alerts go out soon after.
CLAIM_FOR = timedelta(seconds=60)
RETRY_CAP = timedelta(hours=1)


def retry_delay(attempts: int) -> timedelta:
    """Wait before the next try after `attempts` failed ones: 30s, 1m, 2m... capped at 1h."""
    exponent = min(max(attempts - 1, 0), 16)
    delay: timedelta = RETRY_BASE * 2**exponent
    return min(delay, RETRY_CAP)


class SqlOutbox(SqlDatabase):
    """`bot.store.Outbox` on SQL: one row per article and chat, whatever subscriptions matched."""

    async def enqueue(
        self,
        *,
        article_id: int,
        subscription_id: int,
        chat: ChatRef,
        severity: Severity,
        document: Document,
        story_id: int | None = None,
        note: Document | None = None,
        held_until: datetime | None = None,
        held_for: str | None = None,
        brief: tuple[str, str] | None = None,
    ) -> Delivery | None:
        now = datetime.now(UTC)
        if story_id is not None and note is not None:
            waiting = await self._coalesce(chat, story_id, severity, document, brief)
            if waiting is not None:
                return waiting
        values = {
            "article_id": article_id,
            "subscription_id": subscription_id,
            "platform": chat.platform,
            "chat_id": chat.chat_id,
            "thread_id": rows.thread_value(chat),
            "severity": int(severity),
            "document": codec.document_to_dict(document),
            "status": DeliveryStatus.PENDING.value,
            "attempts": 0,
            "message_ids": [],
            "created_at": now,
            "story_id": story_id or 0,
            "note": codec.document_to_dict(note) if note is not None else None,
            # Not due before then: `pending` leaves it until its digest.
            "next_attempt_at": held_until,
            "held_until": held_until,
            "held_for": held_for,
            "brief": list(brief) if brief is not None else None,
        }
        async with self._transaction("queueing a delivery") as conn:
            new_id = (await conn.execute(self._enqueue_statement(), values)).scalar_one_or_none()
        if new_id is None:
            return None
        return Delivery(
            new_id,
            article_id,
            subscription_id,
            chat,
            severity,
            document,
            created_at=now,
            story_id=story_id,
            note=note,
            held_until=held_until,
            held_for=held_for,
            brief=brief,
        )

    def _enqueue_statement(self) -> Any:
        """The INSERT of one delivery, built once: building it anew with each row's values
        was most of what fanning a story out to thousands of chats cost."""
        return self._statement(
            "enqueue",
            lambda: (
                self._insert(deliveries)
                .on_conflict_do_nothing(
                    index_elements=[
                        deliveries.c.article_id,
                        deliveries.c.story_id,
                        deliveries.c.platform,
                        deliveries.c.chat_id,
                        deliveries.c.thread_id,
                    ]
                )
                .returning(deliveries.c.id)
            ),
        )

    async def _coalesce(
        self,
        chat: ChatRef,
        story_id: int,
        severity: Severity,
        document: Document,
        brief: tuple[str, str] | None = None,
    ) -> Delivery | None:
        """A story's card still waiting for this chat takes the newer card: the chat gets
        one message with the facts as they stand, not a card and then its update."""
        waiting = (
            select(deliveries.c.id)
            .where(
                rows.in_chat(deliveries, chat),
                deliveries.c.story_id == story_id,
                deliveries.c.status == DeliveryStatus.PENDING.value,
                deliveries.c.note.is_(None),
                # A card a worker is sending now is left to it; the update goes after it.
                or_(
                    deliveries.c.claimed_until.is_(None),
                    deliveries.c.claimed_until < datetime.now(UTC),
                ),
            )
            .order_by(deliveries.c.id)
            .limit(1)
            .scalar_subquery()
        )
        # One statement that writes first: a SQLite reader turning writer can fail at once
        # under contention, while a writer waits out busy_timeout.
        stmt = (
            deliveries.update()
            .where(deliveries.c.id == waiting)
            .values(
                document=codec.document_to_dict(document),
                # A held card's line in its digest says what the newer card says.
                brief=list(brief) if brief is not None else deliveries.c.brief,
                severity=func.max(deliveries.c.severity, int(severity))
                if self._engine.dialect.name == "sqlite"
                else func.greatest(deliveries.c.severity, int(severity)),
            )
            .returning(*deliveries.c)
        )
        async with self._transaction("updating a waiting story card") as conn:
            row = (await conn.execute(stmt)).first()
        return rows.delivery_of(row) if row is not None else None

    async def pending(
        self,
        *,
        limit: int = 500,
        now: datetime | None = None,
        platforms: Collection[str] | None = None,
    ) -> tuple[Delivery, ...]:
        """Deliveries due at `now` (default: the current time), most severe first, then oldest;
        of these `platforms` only, when given. A worker sharing the store claims them (see
        `_claim`)."""
        due = now or datetime.now(UTC)
        claimant = getattr(self, "claimant", None)
        if claimant is not None:
            return await self._claim(claimant, limit, due, platforms)
        stmt = (
            select(deliveries)
            .where(
                deliveries.c.status == DeliveryStatus.PENDING.value,
                or_(deliveries.c.next_attempt_at.is_(None), deliveries.c.next_attempt_at <= due),
                *_of_platforms(platforms),
            )
            .order_by(deliveries.c.severity.desc(), deliveries.c.id)
            .limit(limit)
        )
        async with self._transaction("reading pending deliveries") as conn:
            return tuple(rows.delivery_of(row) for row in await conn.execute(stmt))

    async def waiting(
        self, platforms: Collection[str], *, now: datetime | None = None
    ) -> dict[str, int]:
        """Due deliveries of platforms other than `platforms`, counted per platform: the
        alerts kept for a platform that is not running."""
        due = now or datetime.now(UTC)
        stmt = (
            select(deliveries.c.platform, func.count())
            .where(
                deliveries.c.status == DeliveryStatus.PENDING.value,
                or_(deliveries.c.next_attempt_at.is_(None), deliveries.c.next_attempt_at <= due),
                deliveries.c.platform.not_in(list(platforms)),
            )
            .group_by(deliveries.c.platform)
        )
        async with self._transaction("counting alerts kept for platforms not running") as conn:
            return {platform: int(n) for platform, n in await conn.execute(stmt)}

    async def next_due(self, platforms: Collection[str]) -> datetime | None:
        """When the first of these platforms' undelivered alerts that waits (a retry's
        backoff, a held digest) comes due; None when none waits."""
        stmt = select(func.min(deliveries.c.next_attempt_at)).where(
            deliveries.c.status == DeliveryStatus.PENDING.value,
            *_of_platforms(platforms),
        )
        async with self._transaction("reading when the next alert is due") as conn:
            return _moment((await conn.execute(stmt)).scalar_one_or_none())

    async def _claim(
        self,
        worker_id: str,
        limit: int,
        now: datetime,
        platforms: Collection[str] | None = None,
    ) -> tuple[Delivery, ...]:
        """Due deliveries claimed for this worker until CLAIM_FOR from now, leaving out
        every chat another worker holds a claim in: a chat's alerts go out in order, from
        one worker at a time. Claims are made one worker at a time (an advisory lock), so
        two workers never split a chat between them; a dead worker's claims expire."""
        other = deliveries.alias("other")
        busy = (
            select(other.c.id)
            .where(
                other.c.status == DeliveryStatus.PENDING.value,
                other.c.platform == deliveries.c.platform,
                other.c.chat_id == deliveries.c.chat_id,
                other.c.thread_id == deliveries.c.thread_id,
                other.c.claimed_by != worker_id,
                other.c.claimed_until > now,
            )
            .exists()
        )
        chosen = (
            select(deliveries.c.id)
            .where(
                deliveries.c.status == DeliveryStatus.PENDING.value,
                or_(deliveries.c.next_attempt_at.is_(None), deliveries.c.next_attempt_at <= now),
                ~busy,
                *_of_platforms(platforms),
            )
            .order_by(deliveries.c.severity.desc(), deliveries.c.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
        stmt = (
            deliveries.update()
            .where(deliveries.c.id.in_(chosen.scalar_subquery()))
            .values(claimed_by=worker_id, claimed_until=now + CLAIM_FOR)
            .returning(*deliveries.c)
        )
        async with self._transaction("claiming pending deliveries") as conn:
            await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CLAIMING})
            found = [rows.delivery_of(row) for row in await conn.execute(stmt)]
        found.sort(key=lambda d: (-int(d.severity), d.id))
        return tuple(found)

    async def backlog(self) -> tuple[int, datetime | None]:
        """How many alerts wait to be sent, and when the oldest of them was queued."""
        stmt = select(func.count(), func.min(deliveries.c.created_at)).where(
            deliveries.c.status == DeliveryStatus.PENDING.value
        )
        async with self._transaction("reading the outbox backlog") as conn:
            count, oldest = (await conn.execute(stmt)).one()
        return int(count), _moment(oldest)

    async def delivery(self, delivery_id: int) -> Delivery | None:
        """One delivery in any status, for status commands and tests."""
        stmt = select(deliveries).where(deliveries.c.id == delivery_id)
        async with self._transaction("reading a delivery") as conn:
            row = (await conn.execute(stmt)).first()
        return rows.delivery_of(row) if row else None

    async def mark_sent(
        self, delivery_id: int, message_ids: Sequence[str], at: datetime, *, card: bool = True
    ) -> None:
        """`card`: the messages show a story's card (an update sent as a fresh card becomes
        the one later updates edit), rather than a reply to one."""
        extra: dict[str, Any] = {"note": None} if card else {}
        stmt = (
            deliveries.update()
            .where(deliveries.c.id == delivery_id)
            .values(
                status=DeliveryStatus.SENT.value,
                attempts=deliveries.c.attempts + 1,
                message_ids=list(message_ids),
                error=None,
                sent_at=at,
                next_attempt_at=None,
                claimed_by=None,
                claimed_until=None,
                **extra,
            )
        )
        async with self._transaction("marking a delivery sent") as conn:
            await conn.execute(stmt)

    async def mark_failed(
        self, delivery_id: int, error: str, *, permanent: bool, at: datetime
    ) -> None:
        """Count a failed try: transient ones are retried after `retry_delay`."""
        # The write comes first in the transaction: a SQLite reader that later wants to write
        # can fail at once under contention, while a writer waits out busy_timeout.
        count = (
            deliveries.update()
            .where(
                deliveries.c.id == delivery_id,
                deliveries.c.status == DeliveryStatus.PENDING.value,
            )
            .values(
                attempts=deliveries.c.attempts + 1,
                error=error,
                claimed_by=None,
                claimed_until=None,
            )
            .returning(deliveries.c.attempts)
        )
        async with self._transaction("marking a delivery failed") as conn:
            attempts = (await conn.execute(count)).scalar_one_or_none()
            if attempts is None:
                return
            if permanent:
                values: dict[str, Any] = {
                    "status": DeliveryStatus.FAILED.value,
                    "next_attempt_at": None,
                }
            else:
                values = {"next_attempt_at": at + retry_delay(attempts)}
            await conn.execute(
                deliveries.update().where(deliveries.c.id == delivery_id).values(values)
            )
        log.info(
            "delivery failed id=%s attempts=%s permanent=%s error=%s",
            delivery_id,
            attempts,
            permanent,
            error,
        )

    # Used when a chat unsubscribes or is paused: nothing more should go there.
    async def _drop_pending(
        self, conn: AsyncConnection, chat: ChatRef, reason: str, *, all_threads: bool
    ) -> None:
        await conn.execute(
            deliveries.update()
            .where(
                rows.in_chat(deliveries, chat, all_threads=all_threads),
                deliveries.c.status == DeliveryStatus.PENDING.value,
            )
            .values(status=DeliveryStatus.FAILED.value, error=reason, next_attempt_at=None)
        )


def _moment(value: datetime | str | None) -> datetime | None:
    """An aggregate's time (MIN of a column) as a UTC datetime: SQLite's MIN() hands back
    the stored text, without its zone."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


def _of_platforms(platforms: Collection[str] | None) -> tuple[ColumnElement[bool], ...]:
    """The condition that keeps a query to these platforms' deliveries (none: every one)."""
    return () if platforms is None else (deliveries.c.platform.in_(list(platforms)),)
