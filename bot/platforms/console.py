"""The console platform: prints each alert to a terminal or log stream, readable at a glance."""

from __future__ import annotations

import contextlib
import itertools
import logging
import unicodedata
from collections.abc import Sequence
from typing import TextIO

from bot.errors import DeliveryError
from bot.records import BlockKind, ChatRef, Document, Severity

log = logging.getLogger(__name__)

_RESET = "\x1b[0m"
_DIM = "\x1b[2m"
_BOLD = "\x1b[1m"
BADGE_STYLES: dict[Severity, str] = {
    Severity.FLASH: "\x1b[1;97;41m",  # bold white on red: impossible to miss
    Severity.URGENT: "\x1b[1;30;43m",  # bold black on yellow
    Severity.ROUTINE: "\x1b[2m",
}
_WIDTH = 60
_FANCY_CHARS = "─•·→–"


class ConsolePlatform:
    """Writes documents as plain lines; ANSI colour only when the caller turns it on.

    Whether colour is wanted (a TTY, NO_COLOR unset) is the caller's decision, so this class
    never looks at the environment.
    """

    name = "console"

    def __init__(self, stream: TextIO, *, color: bool) -> None:
        self._stream = stream
        self._color = color
        self._ids = itertools.count(1)
        self._fancy = _encodable(stream, _FANCY_CHARS)

    async def start(self, *, listen: bool = True) -> None:
        log.debug("console platform started color=%s", self._color)

    async def listen(self) -> None:
        """The console takes no commands."""

    async def unlisten(self) -> None:
        """The console takes no commands."""

    async def stop(self) -> None:
        # The stream may already be gone at shutdown; nothing is left to save then.
        with contextlib.suppress(OSError, ValueError):
            self._stream.flush()

    async def send(
        self,
        chat: ChatRef,
        document: Document,
        *,
        severity: Severity,
        reply_to: str | None = None,
    ) -> tuple[str, ...]:
        text = self.format(document, severity=severity)
        if reply_to is not None:
            text = f"↳ re {reply_to}\n{text}" if self._fancy else f"> re {reply_to}\n{text}"
        try:
            self._stream.write(text)
            self._stream.flush()
        except UnicodeEncodeError:
            self._write_replacing(text)
        except ValueError as exc:  # write to a closed file
            raise DeliveryError(f"console stream is closed: {exc}", permanent=True) from exc
        except OSError as exc:
            raise DeliveryError(f"console write failed: {exc}") from exc
        message_id = f"console:{next(self._ids)}"
        log.debug("console sent chat=%s message=%s", chat, message_id)
        return (message_id,)

    async def edit(self, chat: ChatRef, message_ids: Sequence[str], document: Document) -> None:
        """A terminal cannot change what it printed: the new card is printed, marked as the
        card of the earlier message."""
        heading = next((b.severity for b in document.blocks if b.severity), Severity.ROUTINE)
        first = message_ids[0] if message_ids else "?"
        await self.send(chat, document, severity=heading, reply_to=f"{first} (updated)")

    def format(self, document: Document, *, severity: Severity) -> str:
        """The document as the lines `send` writes, ending with a separator line."""
        bullet = "•" if self._fancy else "*"
        lines: list[str] = []
        for block in document.blocks:
            text = _clean(block.text)
            if block.kind is BlockKind.HEADING:
                lines.append(self._heading(text, block.severity or severity))
            elif block.kind is BlockKind.SOURCE:
                lines.append(f"Source: {text}" if text else "Source:")
            elif block.kind is BlockKind.REASON:
                lines.append(self._style(_DIM, f"Why: {text}"))
            elif text:
                lines.append(text)
            lines.extend(f"  {bullet} {_clean(item)}" for item in block.items)
            if block.url:
                lines.append(f"  {_clean(block.url)}")
        lines.append(("─" if self._fancy else "-") * _WIDTH)
        return "\n".join(lines) + "\n"

    def _heading(self, text: str, severity: Severity) -> str:
        if not self._color:
            return text
        badge = self._style(BADGE_STYLES[severity], f" {severity.name} ")
        label = severity.name
        # Headings start with the severity word; the badge replaces it rather than repeating it.
        rest = text[len(label) :].lstrip(" ·") if text.upper().startswith(label) else text
        return f"{badge} {self._style(_BOLD, rest)}" if rest else badge

    def _style(self, code: str, text: str) -> str:
        return f"{code}{text}{_RESET}" if self._color else text

    def _write_replacing(self, text: str) -> None:
        encoding = getattr(self._stream, "encoding", None) or "ascii"
        safe = text.encode(encoding, errors="replace").decode(encoding, errors="replace")
        try:
            self._stream.write(safe)
            self._stream.flush()
        except (OSError, ValueError, UnicodeError) as exc:
            raise DeliveryError(f"console write failed: {exc}") from exc


def _clean(text: str) -> str:
    """Article text must not drive the terminal: control characters but newline become spaces."""
    return "".join(" " if ch != "\n" and unicodedata.category(ch) == "Cc" else ch for ch in text)


def _encodable(stream: TextIO, chars: str) -> bool:
    encoding = getattr(stream, "encoding", None)
    if not encoding:
        return True  # StringIO and friends hold any text
    try:
        chars.encode(encoding)
    except (UnicodeEncodeError, LookupError):
        return False
    return True
