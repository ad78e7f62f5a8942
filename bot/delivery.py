"""Drain the outbox: send each pending alert through its platform and record the outcome."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from bot.errors import DeliveryError
from bot.platforms import Platform
from bot.store import Outbox

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class DrainReport:
    sent: int = 0
    failed: int = 0
    retrying: int = 0
    waiting: int = 0


class Deliverer:
    """Sends what the outbox holds, most severe first; a failure is a row, never a lost alert."""

    def __init__(
        self,
        *,
        outbox: Outbox,
        platforms: Mapping[str, Platform],
        clock: Callable[[], datetime],
    ) -> None:
        self._outbox = outbox
        self._platforms = platforms
        self._clock = clock
        self._warned: set[str] = set()

    async def drain(self) -> DrainReport:
        sent = failed = retrying = waiting = 0
        for delivery in await self._outbox.pending():
            platform = self._platforms.get(delivery.chat.platform)
            if platform is None:
                # Kept for when that platform is configured again: nothing is dropped.
                if delivery.chat.platform not in self._warned:
                    self._warned.add(delivery.chat.platform)
                    log.warning(
                        "platform not running, alerts kept in outbox platform=%s",
                        delivery.chat.platform,
                    )
                waiting += 1
                continue
            try:
                ids = await platform.send(
                    delivery.chat, delivery.document, severity=delivery.severity
                )
            except DeliveryError as exc:
                await self._outbox.mark_failed(
                    delivery.id, str(exc), permanent=exc.permanent, at=self._clock()
                )
                log.warning(
                    "delivery failed delivery=%d chat=%s permanent=%s error=%r",
                    delivery.id,
                    delivery.chat,
                    exc.permanent,
                    str(exc),
                )
                if exc.permanent:
                    failed += 1
                else:
                    retrying += 1
                continue
            await self._outbox.mark_sent(delivery.id, ids, self._clock())
            sent += 1
        return DrainReport(sent, failed, retrying, waiting)
