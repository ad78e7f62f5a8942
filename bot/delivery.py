"""Drain the outbox: send each pending alert through its platform and record the outcome."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Literal, Protocol

from bot.errors import ChatGone, ChatMoved, DeliveryError, MessageGone, StoreError
from bot.i18n import ENGLISH, Audience
from bot.metrics import Metrics
from bot.opsnotify import OpsNotifier
from bot.platforms import Platform
from bot.records import ChatRef, Delivery, Severity
from bot.render.digest import Brief, render_digest
from bot.store import Outbox

log = logging.getLogger(__name__)


class DeliveryStore(Outbox, Protocol):
    """The outbox, plus what a platform's verdict on a chat changes."""

    async def pause_chat(self, chat: ChatRef, reason: str) -> int: ...

    async def migrate_chat(self, chat: ChatRef, new_chat_id: str) -> int: ...

    async def story_message(self, chat: ChatRef, story_id: int) -> tuple[str, ...]: ...


@dataclass(frozen=True, slots=True)
class DrainReport:
    sent: int = 0
    failed: int = 0
    retrying: int = 0
    waiting: int = 0


@dataclass(slots=True)
class _Tally:
    sent: int = 0
    failed: int = 0
    retrying: int = 0
    waiting: int = 0
    # Chats that failed this drain: their later alerts wait, so order within a chat holds.
    held: set[ChatRef] = field(default_factory=set)


class Deliverer:
    """Sends what the outbox holds; a failure is a row, never a lost alert.

    Chats are served concurrently, each chat's alerts in order, most severe first; the
    platforms pace themselves within their flood limits.
    """

    def __init__(
        self,
        *,
        outbox: DeliveryStore,
        platforms: Mapping[str, Platform],
        clock: Callable[[], datetime],
        concurrency: int = 64,
        batch: int = 500,
        updates: Literal["edit", "reply", "both"] = "both",
        metrics: Metrics | None = None,
        ops: OpsNotifier | None = None,
        audiences: Callable[[ChatRef], Awaitable[Audience]] | None = None,
    ) -> None:
        """`updates`: how a story's update reaches a chat that has its card: the card's
        message edited, a one-line reply to it, or both; `audiences`: each chat's language,
        which its digests are written in (None: English)."""
        self._updates = updates
        self._audiences = audiences
        self._metrics = metrics or Metrics()
        self._ops = ops
        self._outbox = outbox
        self._platforms = platforms
        self._clock = clock
        self._concurrency = concurrency
        self._batch = batch
        self._warned: set[str] | None = None  # platforms warned of; None: not yet looked
        # Sent, but the store refused to record it (a disk full): recorded at the next drain,
        # never sent again. Kept in memory: a restart in between may send one copy more.
        self._unrecorded: dict[int, tuple[tuple[str, ...], datetime, bool]] = {}
        # After a drain that found nothing due: when the first waiting alert comes due
        # (None: none waits), and how many are kept for platforms not running.
        self._quiet: tuple[datetime | None, int] | None = None

    async def drain(self, *, if_due: bool = False) -> DrainReport:
        """Send until nothing due is left (or nothing more can be sent now).

        `if_due`: the periodic drain, which asks the store nothing while the last drain
        found nothing due and no waiting alert (a retry, a held digest) has come due since.
        Whoever queues alerts drains (without `if_due`) once they are committed, so an idle
        bot's periodic drains cost nothing; on a store shared with other workers, which
        queue alerts of their own, every drain asks."""
        if if_due and self._quiet is not None:
            next_due, kept = self._quiet
            if next_due is None or self._clock() < next_due:
                return DrainReport(waiting=kept)
        self._quiet = None
        tally = _Tally()
        found = False
        while True:
            before = tally.sent + tally.failed
            # Due by this deliverer's clock: a held alert's time, like a retry's, is its.
            # Only the running platforms' alerts: those kept for one that is not running
            # would otherwise fill every batch and starve the rest.
            due = await self._outbox.pending(
                limit=self._batch, now=self._clock(), platforms=tuple(self._platforms)
            )
            found = found or bool(due)
            sendable = [d for d in due if d.chat not in tally.held]
            if not sendable:
                break
            await self._send_batch(sendable, tally)
            # Retries wait out their backoff in the outbox; stop when a round moved nothing.
            if tally.sent + tally.failed == before or len(due) < self._batch:
                break
        if self._warned is None or tally.sent + tally.failed == 0:
            tally.waiting = await self._kept()
        if not found and not self._unrecorded:
            await self._rest(tally.waiting)
        return DrainReport(tally.sent, tally.failed, tally.retrying, tally.waiting)

    async def _rest(self, kept: int) -> None:
        """Nothing was due: remember until when nothing will be (see `drain`)."""
        if getattr(self._outbox, "shared", False):
            return  # other workers queue alerts this one is not told of
        self._quiet = (await self._outbox.next_due(tuple(self._platforms)), kept)

    async def _kept(self) -> int:
        """The due alerts of platforms not running (kept for when one is configured again:
        nothing is dropped), each such platform warned of once."""
        kept = await self._outbox.waiting(tuple(self._platforms), now=self._clock())
        warned = self._warned = self._warned or set()
        for platform, count in sorted(kept.items()):
            if platform not in warned:
                warned.add(platform)
                log.warning(
                    "platform not running, alerts kept platform=%s count=%d", platform, count
                )
        return sum(kept.values())

    async def _send_batch(self, deliveries: list[Delivery], tally: _Tally) -> None:
        by_chat: dict[ChatRef, list[Delivery]] = {}
        for d in deliveries:  # pending() is most severe first; dict keeps that order
            by_chat.setdefault(d.chat, []).append(d)
        slots = asyncio.Semaphore(self._concurrency)

        async def serve(items: list[Delivery]) -> None:
            async with slots:
                for group in _digests_first(items):
                    if len(group) > 1 or group[0].held_until is not None:
                        delivered = await self._deliver_digest(group, tally)
                    else:
                        delivered = await self._deliver(group[0], tally)
                    if not delivered:
                        tally.held.add(group[0].chat)
                        break

        await asyncio.gather(*(serve(items) for items in by_chat.values()))

    async def _deliver(self, delivery: Delivery, tally: _Tally) -> bool:
        """Send one alert; False when its chat should get nothing more in this drain."""
        platform = self._platforms[delivery.chat.platform]
        if delivery.id in self._unrecorded:
            return await self._record_sent(delivery, *self._unrecorded[delivery.id], tally)
        try:
            try:
                ids, card = await self._send(platform, delivery)
            except ChatMoved as moved:
                # A Telegram group became a supergroup: follow it everywhere, then resend.
                await self._outbox.migrate_chat(delivery.chat, moved.new_chat_id)
                delivery = replace(
                    delivery, chat=replace(delivery.chat, chat_id=moved.new_chat_id)
                )
                log.info("chat migrated chat=%s new=%s", delivery.chat, moved.new_chat_id)
                ids, card = await self._send(platform, delivery)
        except Exception as exc:  # ChatGone, DeliveryError, or a platform bug
            return await self._failed([delivery], exc, tally)
        return await self._record_sent(delivery, ids, self._clock(), card, tally)

    async def _deliver_digest(self, group: list[Delivery], tally: _Tally) -> bool:
        """The alerts a chat's quiet hours or a digest subscription held until now, as one
        message; each is recorded as sent with it (a digest is no story card: a later
        update of one of its stories comes as the card itself)."""
        chat = group[0].chat
        platform = self._platforms[chat.platform]
        audience = ENGLISH if self._audiences is None else await self._audiences(chat)
        briefs = [
            Brief(d.brief[0], d.brief[1], d.severity)
            if d.brief
            else Brief("", d.document.plain_text().splitlines()[0], d.severity)
            for d in group
        ]
        document = render_digest(briefs, held_for=group[0].held_for or "quiet", audience=audience)
        severity = max(d.severity for d in group)
        try:
            ids = await platform.send(chat, document, severity=min(severity, Severity.URGENT))
        except Exception as exc:  # ChatGone, DeliveryError, or a platform bug
            return await self._failed(group, exc, tally)
        at = self._clock()
        log.info("digest sent chat=%s alerts=%d reason=%s", chat, len(group), group[0].held_for)
        for d in group:
            if not await self._record_sent(d, ids, at, False, tally):
                return False
        return True

    async def _failed(self, deliveries: list[Delivery], exc: Exception, tally: _Tally) -> bool:
        """A send that failed, for the alerts it carried (one, or a digest's): a chat gone
        pauses its subscriptions; a permanent refusal gives them up; anything else leaves
        them queued for a retry. False when the chat should get nothing more this drain."""
        chat, at = deliveries[0].chat, self._clock()
        if isinstance(exc, ChatGone):
            for d in deliveries:
                await self._outbox.mark_failed(d.id, str(exc), permanent=True, at=at)
                self._count(d, "chat_gone")
            paused = await self._outbox.pause_chat(chat, str(exc))
            log.warning("chat gone, subscriptions paused chat=%s paused=%d", chat, paused)
            if self._ops is not None:
                await self._ops.chat_gone(chat, str(exc), paused)
            tally.failed += len(deliveries)
            return False
        permanent = isinstance(exc, DeliveryError) and exc.permanent
        ids = ",".join(str(d.id) for d in deliveries)
        if not isinstance(exc, DeliveryError):
            log.exception("platform send raised delivery=%s chat=%s", ids, chat)
        reason = str(exc) or type(exc).__name__
        for d in deliveries:
            await self._outbox.mark_failed(d.id, reason, permanent=permanent, at=at)
            self._count(d, "failed" if permanent else "retrying")
        log.warning(
            "delivery failed delivery=%s chat=%s permanent=%s error=%r",
            ids,
            chat,
            permanent,
            str(exc),
        )
        if permanent:
            if self._ops is not None:
                await self._ops.gave_up(chat, reason)
            tally.failed += len(deliveries)
            return True
        tally.retrying += len(deliveries)
        return False

    async def _record_sent(
        self, delivery: Delivery, ids: tuple[str, ...], at: datetime, card: bool, tally: _Tally
    ) -> bool:
        try:
            await self._outbox.mark_sent(delivery.id, ids, at, card=card)
        except StoreError as exc:
            if delivery.id not in self._unrecorded:
                log.error(
                    "delivery sent but not recorded, not sending it again delivery=%d chat=%s "
                    "error=%r",
                    delivery.id,
                    delivery.chat,
                    str(exc),
                )
            self._unrecorded[delivery.id] = (ids, at, card)
            self._count(delivery, "unrecorded")
            if self._ops is not None:
                await self._ops.store_failed("recording sends", str(exc))
            tally.retrying += 1
            return False  # the chat's next alerts wait: order within a chat holds
        if self._unrecorded.pop(delivery.id, None) is not None:
            log.info("delivery recorded late delivery=%d chat=%s", delivery.id, delivery.chat)
            if self._ops is not None:
                await self._ops.store_ok("recording sends")
        self._count(delivery, "sent")
        tally.sent += 1
        return True

    def _count(self, delivery: Delivery, outcome: str) -> None:
        self._metrics.deliveries.labels(delivery.chat.platform, outcome).inc()

    async def _send(self, platform: Platform, delivery: Delivery) -> tuple[tuple[str, ...], bool]:
        """Send one delivery; returns the message ids and whether they show a story's card
        (which later updates edit and reply to)."""
        chat, severity = delivery.chat, delivery.severity
        original: tuple[str, ...] = ()
        if delivery.note is not None and delivery.story_id is not None:
            original = await self._outbox.story_message(chat, delivery.story_id)
        if not original or delivery.note is None:
            # A first alert, or an update whose card the chat never got: the card itself.
            return await platform.send(chat, delivery.document, severity=severity), True
        if self._updates in ("edit", "both"):
            try:
                await platform.edit(chat, original, delivery.document)
            except MessageGone as exc:
                log.info("story card gone, sending anew chat=%s error=%r", chat, str(exc))
                return await platform.send(chat, delivery.document, severity=severity), True
            if self._updates == "edit":
                return original, False
        ids = await platform.send(chat, delivery.note, severity=severity, reply_to=original[0])
        return ids, False


def _digests_first(items: list[Delivery]) -> list[list[Delivery]]:
    """A chat's due alerts as what to send, in order: each set held until the same moment
    for the same reason is one digest, where the first of them stood; the rest alone."""
    groups: list[list[Delivery]] = []
    digests: dict[tuple[object, str | None], list[Delivery]] = {}
    for d in items:
        if d.held_until is None:
            groups.append([d])
            continue
        key = (d.held_until, d.held_for)
        if key not in digests:
            digests[key] = []
            groups.append(digests[key])
        digests[key].append(d)
    return groups
