"""A neutral Document as Telegram HTML messages: split first, then escape each part."""

from __future__ import annotations

import html

from telegram.constants import MessageLimit

from bot.records import Block, BlockKind, Document, Severity
from bot.render.split import split_document

# Telegram counts a message's length after entity parsing, in UTF-16 code units.
MAX_CHARS = MessageLimit.MAX_TEXT_LENGTH
SEVERITY_MARKS = {Severity.FLASH: "🔴", Severity.URGENT: "🟠", Severity.ROUTINE: "🔹"}
_BULLET = "• "


def escape(text: str) -> str:
    """Telegram's HTML mode: `&`, `<`, `>` and nothing else (quotes too inside attributes)."""
    return html.escape(text, quote=False)


def _visible(block: Block) -> str:
    """The text a reader sees for one block, which is what Telegram's limit counts."""
    if block.kind is BlockKind.FACTS:
        lines = ([block.text] if block.text else []) + [_BULLET + item for item in block.items]
        return "\n".join(lines)
    if block.kind is BlockKind.HEADING:
        mark = SEVERITY_MARKS.get(block.severity or Severity.ROUTINE, "")
        return f"{mark} {block.text}".strip()
    if block.kind is BlockKind.SOURCE and block.url and not block.text:
        return block.url
    return block.text


def _utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def measure(block: Block) -> int:
    # The separator before each block counts too: two line breaks at most.
    return _utf16(_visible(block)) + 2


def _block_html(block: Block) -> str:
    if block.kind is BlockKind.HEADING:
        return f"<b>{escape(_visible(block))}</b>"
    if block.kind is BlockKind.FACTS:
        lines = ([f"<b>{escape(block.text)}</b>"] if block.text else []) + [
            escape(_BULLET + item) for item in block.items
        ]
        return "\n".join(lines)
    if block.kind is BlockKind.SOURCE:
        label = escape(block.text or block.url or "")
        if block.url:
            return f'<a href="{html.escape(block.url, quote=True)}">{label}</a>'
        return label
    if block.kind is BlockKind.REASON:
        return f"<i>{escape(block.text)}</i>"
    return escape(block.text)


def to_html(document: Document) -> str:
    out: list[str] = []
    for block in document.blocks:
        rendered = _block_html(block)
        if not rendered:
            continue
        # Facts and the source stand apart; heading, lead and reason sit tight.
        if out and block.kind in (BlockKind.FACTS, BlockKind.SOURCE):
            out.append("\n\n")
        elif out:
            out.append("\n")
        out.append(rendered)
    return "".join(out)


def messages(document: Document, *, max_chars: int = MAX_CHARS) -> tuple[str, ...]:
    """HTML messages of at most `max_chars` visible characters each, in reading order."""
    parts = split_document(document, max_chars=max_chars, measure=measure)
    return tuple(text for part in parts if (text := to_html(part)))
