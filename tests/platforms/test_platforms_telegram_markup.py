"""Telegram HTML: every piece of text escaped, documents split before escaping."""

from __future__ import annotations

import html
import re

import pytest

from bot.platforms.telegram.markup import MAX_CHARS, escape, messages, to_html
from bot.records import Block, BlockKind, Document, Severity


def visible(html_text: str) -> str:
    """What Telegram counts: the text after its HTML entities are parsed."""
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


def utf16(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
        ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
        ('quotes "stay"', 'quotes "stay"'),
        ("&amp; already", "&amp;amp; already"),
    ],
)
def test_escape(text: str, escaped: str) -> None:
    assert escape(text) == escaped


def test_alert_layout_escapes_every_block() -> None:
    doc = Document(
        (
            Block(BlockKind.HEADING, text="FLASH · <b>x</b>", severity=Severity.FLASH),
            Block(BlockKind.TEXT, text="Lead & more"),
            Block(BlockKind.FACTS, items=("one < two",)),
            Block(BlockKind.SOURCE, text="Kyiv <Independent>", url='https://e.org/a?b=1&c="2"'),
            Block(BlockKind.REASON, text="matches #1: strikes"),
        )
    )
    out = to_html(doc)
    assert out.startswith("<b>🔴 FLASH · &lt;b&gt;x&lt;/b&gt;</b>\nLead &amp; more")
    assert "• one &lt; two" in out
    assert '<a href="https://e.org/a?b=1&amp;c=&quot;2&quot;">Kyiv &lt;Independent&gt;</a>' in out
    assert out.endswith("<i>matches #1: strikes</i>")


def test_long_documents_split_under_the_limit_counting_utf16() -> None:
    # Emoji are two UTF-16 units each: a naive len() would overfill the message.
    items = tuple(f"fact {i} 🔥🔥 " + "x" * 300 for i in range(40))
    doc = Document((Block(BlockKind.HEADING, text="H"), Block(BlockKind.FACTS, items=items)))
    parts = messages(doc)
    assert len(parts) > 2
    assert all(utf16(visible(p)) <= MAX_CHARS for p in parts)
    joined = "".join(visible(p) for p in parts)
    assert all(f"fact {i} " in joined for i in range(40))


def test_one_huge_paragraph_is_cut_between_words() -> None:
    text = " ".join(f"word{i}" for i in range(2000))
    parts = messages(Document((Block(BlockKind.TEXT, text=text),)))
    assert len(parts) >= 3
    assert all(utf16(visible(p)) <= MAX_CHARS for p in parts)
    words = " ".join(visible(p) for p in parts).split()
    assert words == text.split()


def test_a_keyboard_leaves_off_actions_telegram_cannot_carry() -> None:
    from bot.platforms.telegram import CALLBACK_BYTES, keyboard
    from bot.records import Button, Document

    fits = "subscribe " + "а" * 27  # 10 + 54 bytes
    too_long = "subscribe " + "а" * 28  # 66 bytes
    document = Document(
        (), buttons=((Button("Yes", fits), Button("No", too_long)), (Button("Gone", too_long),))
    )
    markup = keyboard(document)
    assert markup is not None
    ((button,),) = markup.inline_keyboard
    assert button.callback_data == fits
    assert len(fits.encode()) == CALLBACK_BYTES
    assert keyboard(Document(())) is None
