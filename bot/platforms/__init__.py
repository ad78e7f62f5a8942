"""The Platform protocol every chat adapter (console, Telegram, Slack) implements."""

from __future__ import annotations

from typing import Protocol

from bot.records import ChatRef, Document, Severity


class Platform(Protocol):
    """Where alerts go: started and stopped once by the app, sends whole documents.

    Each adapter splits and escapes the neutral document in its own dialect, so the limits
    and markup of one chat service never leak into the others.
    """

    name: str

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def send(
        self, chat: ChatRef, document: Document, *, severity: Severity
    ) -> tuple[str, ...]:
        """Deliver one document, split into as many messages as needed; returns their ids.

        Raises:
            DeliveryError: the send failed; `permanent` says whether retrying can help.
        """
        ...
