"""Send slots within a platform's flood limits: overall per second, per chat, per group."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Limits:
    """Minimum spacing between sends; Telegram's published limits by default."""

    overall_per_second: float = 30.0
    per_chat_per_second: float = 1.0
    per_group_per_minute: float = 20.0


class Pacer:
    """Hands out send slots in call order (GCRA-style virtual scheduling).

    Each caller reserves the earliest slot that keeps every limit, then sleeps until it, so
    callers never race for a token and earlier callers (flash alerts are queued first) go
    first. A 429 from the server pushes that chat's next slot back by what it asked.
    """

    def __init__(
        self,
        limits: Limits,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._limits = limits
        self._clock = clock
        self._sleep = sleep
        # Seconds the server asked us to wait, in all (429s): a metric.
        self.backed_off = 0.0
        self._overall_next = 0.0
        self._chat_next: dict[str, float] = {}

    async def wait(self, chat: str, *, group: bool) -> None:
        gap = 1.0 / self._limits.per_chat_per_second
        if group:
            gap = max(gap, 60.0 / self._limits.per_group_per_minute)
        # The chat's own slot first, so a slow chat never holds the overall queue ...
        now = self._clock()
        own = max(now, self._chat_next.get(chat, 0.0))
        self._chat_next[chat] = own + gap
        if own > now:
            await self._sleep(own - now)
        # ... then an overall slot, reserved at the moment the chat is ready.
        now = self._clock()
        slot = max(now, self._overall_next)
        self._overall_next = slot + 1.0 / self._limits.overall_per_second
        if slot > now:
            await self._sleep(slot - now)
        self._chat_next[chat] = max(self._chat_next[chat], slot + gap)

    def back_off(self, chat: str, seconds: float) -> None:
        """The server said "retry after N": nothing goes to that chat before then."""
        self.backed_off += seconds
        until = self._clock() + seconds
        self._chat_next[chat] = max(self._chat_next.get(chat, 0.0), until)

    def pause_all(self, seconds: float) -> None:
        """A 429 without a chat (or for the whole bot) holds every send."""
        self.backed_off += seconds
        self._overall_next = max(self._overall_next, self._clock() + seconds)
