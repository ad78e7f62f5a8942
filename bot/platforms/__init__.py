"""The Platform protocol every chat adapter (console, Telegram, Slack) implements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from bot.records import ChatRef, Document, Severity


class Platform(Protocol):
    """Where alerts go: started and stopped once by the app, sends whole documents.

    Each adapter splits and escapes the neutral document in its own dialect, so the limits
    and markup of one chat service never leak into the others.
    """

    name: str

    async def start(self, *, listen: bool = True) -> None:
        """Ready to send; with `listen`, also receiving commands (see `listen`)."""
        ...

    async def listen(self) -> None:
        """Receive commands from now on (Telegram's getUpdates or webhook, Slack's Socket
        Mode or HTTP endpoint). Of several workers sharing a store only the leader listens:
        Telegram lets one client poll a bot's updates."""
        ...

    async def unlisten(self) -> None:
        """Stop receiving commands; sending goes on."""
        ...

    async def stop(self) -> None: ...

    async def send(
        self,
        chat: ChatRef,
        document: Document,
        *,
        severity: Severity,
        reply_to: str | None = None,
    ) -> tuple[str, ...]:
        """Deliver one document, split into as many messages as needed; returns their ids.
        With `reply_to`, the messages answer that one (a Telegram reply, a Slack thread).

        Raises:
            DeliveryError: the send failed; `permanent` says whether retrying can help.
        """
        ...

    async def edit(self, chat: ChatRef, message_ids: Sequence[str], document: Document) -> None:
        """Make sent messages show a new document (a story's card as it stands now).

        Raises:
            MessageGone: a message is deleted or can no longer be edited.
            DeliveryError: the edit failed otherwise.
        """
        ...
