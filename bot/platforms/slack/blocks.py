"""A neutral Document as Slack Block Kit messages: split to Slack's limits, then escape."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from bot.records import Block, BlockKind, Document, Severity
from bot.render.split import split_document

# Slack's documented limits, with room for the bullets and escapes we add.
MAX_BLOCKS = 50
SECTION_CHARS = 3000
HEADER_CHARS = 150
# Slack has refused messages around 13,200 characters in all, under every per-block limit.
MESSAGE_CHARS = 12000
SEVERITY_EMOJI = {
    Severity.FLASH: ":red_circle:",
    Severity.URGENT: ":large_orange_circle:",
    Severity.ROUTINE: ":small_blue_diamond:",
}
_BULLET = "• "

JSONBlock = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Message:
    """One chat.postMessage: the blocks, and the text Slack shows in notifications."""

    text: str
    blocks: tuple[JSONBlock, ...]


def escape(text: str) -> str:
    """mrkdwn: `&`, `<`, `>` and nothing else."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def link(url: str, label: str) -> str:
    # `|` and `>` would end the link early; Slack reads them escaped.
    safe_url = url.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C")
    return f"<{safe_url}|{escape(label)}>"


def _mrkdwn(block: Block) -> str:
    if block.kind is BlockKind.FACTS:
        lines = ([f"*{escape(block.text)}*"] if block.text else []) + [
            escape(_BULLET + item) for item in block.items
        ]
        return "\n".join(lines)
    if block.kind is BlockKind.SOURCE:
        if block.url:
            return link(block.url, block.text or block.url)
        return escape(block.text)
    if block.kind is BlockKind.REASON:
        return f"_{escape(block.text)}_"
    return escape(block.text)


def _size(block: Block) -> int:
    return len(_mrkdwn(block)) + 8


def _heading(block: Block) -> list[JSONBlock]:
    emoji = SEVERITY_EMOJI.get(block.severity or Severity.ROUTINE, "")
    text = f"{emoji} {block.text}".strip()
    if len(text) <= HEADER_CHARS:
        return [{"type": "header", "text": {"type": "plain_text", "text": text, "emoji": True}}]
    # A header holds 150 characters: cut at a word, and give the whole title below it.
    short = text[: HEADER_CHARS - 1].rsplit(" ", 1)[0] + "…"
    return [
        {"type": "header", "text": {"type": "plain_text", "text": short, "emoji": True}},
        {"type": "section", "text": {"type": "mrkdwn", "text": escape(block.text)}},
    ]


def to_blocks(block: Block) -> list[JSONBlock]:
    if block.kind is BlockKind.HEADING:
        return _heading(block)
    text = _mrkdwn(block)
    if not text:
        return []
    if block.kind in (BlockKind.SOURCE, BlockKind.REASON):
        return [{"type": "context", "elements": [{"type": "mrkdwn", "text": text}]}]
    return [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]


def _pieces(document: Document) -> list[Block]:
    """Every block cut to fit one section, at item, sentence or word boundaries."""
    out: list[Block] = []
    for block in document.blocks:
        if block.kind is BlockKind.HEADING:
            out.append(replace(block))
            continue
        for part in split_document(
            Document((block,)), max_chars=SECTION_CHARS - 100, measure=_size
        ):
            out.extend(part.blocks)
    return out


# Block Kit: 25 elements per actions block, 75 characters of button text, 2,000 of value.
BUTTONS_PER_BLOCK = 25
BUTTON_TEXT = 75
BUTTON_VALUE = 2000
# The action_id every newsalert button carries (with its position): one bolt listener.
ACTION_PREFIX = "newsalert_"


def button_blocks(document: Document) -> list[JSONBlock]:
    """The document's buttons as actions blocks, each press's command line as its value."""
    elements = [
        {
            "type": "button",
            "text": {"type": "plain_text", "text": b.label[:BUTTON_TEXT], "emoji": True},
            "action_id": f"{ACTION_PREFIX}{i}",
            "value": b.action,
        }
        for i, b in enumerate(b for row in document.buttons for b in row)
        if len(b.action) <= BUTTON_VALUE
    ]
    return [
        {"type": "actions", "elements": elements[i : i + BUTTONS_PER_BLOCK]}
        for i in range(0, len(elements), BUTTONS_PER_BLOCK)
    ]


def messages(document: Document) -> tuple[Message, ...]:
    """Messages within 50 blocks and Slack's total size, in reading order; the buttons
    under the last."""
    fallback = _fallback(document)
    out: list[Message] = []
    current: list[JSONBlock] = []
    used = 0
    for piece in _pieces(document):
        blocks = to_blocks(piece)
        size = sum(len(str(b)) for b in blocks)
        if current and (len(current) + len(blocks) > MAX_BLOCKS or used + size > MESSAGE_CHARS):
            out.append(Message(fallback, tuple(current)))
            current, used = [], 0
        current.extend(blocks)
        used += size
    buttons = button_blocks(document)
    if buttons and current and len(current) + len(buttons) > MAX_BLOCKS:
        out.append(Message(fallback, tuple(current)))
        current = []
    current.extend(buttons)
    if current:
        out.append(Message(fallback, tuple(current)))
    return tuple(out)


def _fallback(document: Document) -> str:
    """What a notification shows: the heading and the lead, plain."""
    parts = [b.text for b in document.blocks if b.kind in (BlockKind.HEADING, BlockKind.TEXT)]
    text = " — ".join(p for p in parts[:2] if p) or document.plain_text()
    return escape(text[:3000])
