"""The operations channel: what an operator must hear about goes to the chats they named
(`ops.notify`), not only to a log nobody reads at 3 a.m. — a source failing again and again
and its recovery, the store refusing work (down, full, read-only) and its recovery, a chat gone and its subscriptions paused, an alert given up on, the bot
starting and stopping.

Each topic (a source's failures, a chat) speaks at most once per `every`, so a feed down for
a day is one message and its recovery another, not a flood. Sent straight through the
platforms, never through the outbox: an operator's note must not queue behind the alerts,
and a failing platform only costs a log line.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime, timedelta

from bot.platforms import Platform
from bot.records import Block, BlockKind, ChatRef, Document, Severity

log = logging.getLogger(__name__)


class OpsNotifier:
    def __init__(
        self,
        *,
        chats: Sequence[ChatRef],
        platforms: Mapping[str, Platform],
        clock: Callable[[], datetime],
        every: timedelta = timedelta(hours=1),
        failures: int = 3,
    ) -> None:
        """`failures`: consecutive failed polls of a source before it is reported."""
        self._chats = tuple(chats)
        self._platforms = platforms
        self._clock = clock
        self._every = every
        self.failures = failures
        self._last: dict[str, datetime] = {}
        self._failing: set[str] = set()  # sources reported failing, awaiting recovery
        self._store_failing: set[str] = set()  # work the store refused, awaiting recovery

    async def tell(self, topic: str, text: str, *, always: bool = False) -> bool:
        """Send `text` to every ops chat unless `topic` spoke within `every`; whether it
        was sent. `always` skips the rate limit (start and stop)."""
        now = self._clock()
        last = self._last.get(topic)
        if not always and last is not None and now - last < self._every:
            return False
        self._last[topic] = now
        document = Document((Block(BlockKind.TEXT, f"newsalert ops: {text}"),))
        sent = False
        for chat in self._chats:
            platform = self._platforms.get(chat.platform)
            if platform is None:
                log.warning("ops chat on a platform not running chat=%s", chat)
                continue
            try:
                await platform.send(chat, document, severity=Severity.ROUTINE)
                sent = True
            except Exception as exc:  # the ops channel failing must not stop the bot
                log.warning("ops message not sent chat=%s error=%r", chat, str(exc))
        return sent

    async def source_failed(self, source_id: str, consecutive: int, error: str) -> None:
        if consecutive >= self.failures:
            self._failing.add(source_id)
            await self.tell(
                f"source:{source_id}",
                f"source {source_id} has failed {consecutive} times in a row: {error}",
            )

    async def source_ok(self, source_id: str) -> None:
        if source_id in self._failing:
            self._failing.discard(source_id)
            self._last.pop(f"source:{source_id}", None)
            await self.tell(f"source:{source_id}", f"source {source_id} works again", always=True)

    async def store_failed(self, work: str, error: str) -> None:
        """The store refused `work` ("polls", "deliveries", "recording sends", ...)."""
        self._store_failing.add(work)
        await self.tell(f"store:{work}", f"the store is failing ({work}): {error}")

    async def store_ok(self, work: str) -> None:
        """`work` went through the store again: said once if it had been reported failing."""
        if work in self._store_failing:
            self._store_failing.discard(work)
            self._last.pop(f"store:{work}", None)
            await self.tell(f"store:{work}", f"the store works again ({work})", always=True)

    async def chat_gone(self, chat: ChatRef, reason: str, paused: int) -> None:
        await self.tell(
            f"chat:{chat}", f"chat {chat} is gone ({reason}); {paused} subscription(s) paused"
        )

    async def gave_up(self, chat: ChatRef, error: str) -> None:
        await self.tell(f"dead:{chat}", f"an alert to {chat} was given up on: {error}")
