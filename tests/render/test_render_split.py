"""Splitting a Document to a size limit: block boundaries, then items, sentences, words."""

from __future__ import annotations

import pytest

from bot.records import Block, BlockKind, Document, Severity
from bot.render.split import split_document


def size(block: Block) -> int:
    """A toy platform: every character counts, block and item separators are free."""
    return len(block.text) + sum(len(i) for i in block.items) + len(block.url or "")


def text(t: str, kind: BlockKind = BlockKind.TEXT) -> Block:
    return Block(kind, text=t)


def facts(*items: str) -> Block:
    return Block(BlockKind.FACTS, items=items)


CASES = [
    # (name, blocks, max_chars, expected parts as tuples of blocks)
    ("fits whole", (text("abc"), facts("de", "fg")), 10, [(text("abc"), facts("de", "fg"))]),
    (
        "block boundary",
        (text("aaaaaa"), text("bbbbbb")),
        10,
        [(text("aaaaaa"),), (text("bbbbbb"),)],
    ),
    (
        "blocks are packed greedily",
        (text("aaa"), text("bbb"), text("ccc")),
        7,
        [(text("aaa"), text("bbb")), (text("ccc"),)],
    ),
    (
        "a block that fits alone moves whole",
        (text("aaaaaa"), facts("bbbb", "cccc")),
        10,
        [(text("aaaaaa"),), (facts("bbbb", "cccc"),)],
    ),
    (
        "facts split between items",
        (facts("aaaa", "bbbb", "cccc"),),
        9,
        [(facts("aaaa", "bbbb"),), (facts("cccc"),)],
    ),
    (
        "a facts title stays above the first items",
        (Block(BlockKind.FACTS, text="Facts", items=("aaaa", "bbbb")),),
        9,
        [(Block(BlockKind.FACTS, text="Facts", items=("aaaa",)),), (facts("bbbb"),)],
    ),
    (
        "sentences",
        (text("One two. Three four. Five six."),),
        12,
        [(text("One two."),), (text("Three four."),), (text("Five six."),)],
    ),
    (
        "sentences packed",
        (text("One. Two. Three. Four."),),
        10,
        [(text("One. Two."),), (text("Three."),), (text("Four."),)],
    ),
    (
        "words when a sentence is too long",
        (text("alpha beta gamma delta"),),
        11,
        [(text("alpha beta"),), (text("gamma delta"),)],
    ),
    (
        "inside a word only when it alone is too long",
        (text("aaaaaaaaaaaa bb"),),
        5,
        [(text("aaaaa"),), (text("aaaaa"),), (text("aa bb"),)],
    ),
    (
        "a long fact is cut at words into several items",
        (facts("short", "one two three four"),),
        9,
        [(facts("short"),), (facts("one two"),), (facts("three", "four"),)],
    ),
    (
        "link stays whole on the last piece",
        (Block(BlockKind.SOURCE, text="Title words", url="http://x"),),
        15,
        [
            (Block(BlockKind.SOURCE, text="Title"),),
            (Block(BlockKind.SOURCE, text="words", url="http://x"),),
        ],
    ),
    (
        "a link too long for any part goes out whole",
        (Block(BlockKind.SOURCE, url="http://example.org/long"),),
        10,
        [(Block(BlockKind.SOURCE, url="http://example.org/long"),)],
    ),
    ("empty document", (), 10, []),
]


@pytest.mark.parametrize(
    ("blocks", "max_chars", "expected"),
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_split_table(
    blocks: tuple[Block, ...], max_chars: int, expected: list[tuple[Block, ...]]
) -> None:
    parts = split_document(Document(blocks), max_chars=max_chars, measure=size)

    assert [p.blocks for p in parts] == expected


def test_cut_pieces_keep_their_kind_and_severity() -> None:
    heading = Block(BlockKind.HEADING, text="FLASH · Nuclear safety", severity=Severity.FLASH)

    parts = split_document(Document((heading,)), max_chars=14, measure=size)

    assert len(parts) == 2
    assert all(p.blocks[0].kind is BlockKind.HEADING for p in parts)
    assert all(p.blocks[0].severity is Severity.FLASH for p in parts)


def test_measure_decides_not_character_count() -> None:
    # An escaping platform: each '&' costs five characters (&amp;).
    def escaped(block: Block) -> int:
        return size(block) + 4 * (block.text.count("&") + sum(i.count("&") for i in block.items))

    doc = Document((text("a&b"), text("c&d")))

    assert len(split_document(doc, max_chars=12, measure=size)) == 1
    assert len(split_document(doc, max_chars=12, measure=escaped)) == 2


def test_long_document_parts_fit_and_lose_no_words() -> None:
    sentence = "Missile strikes hit infrastructure in Zaporizhzhia overnight, officials said."
    doc = Document(
        (
            Block(BlockKind.HEADING, text="URGENT · Strike · Zaporizhzhia Oblast"),
            text(" ".join([sentence] * 12)),
            facts(*(f"Strike {i}: {sentence}" for i in range(40))),
            Block(BlockKind.SOURCE, text="Some title — ap", url="https://example.org/a"),
        )
    )

    parts = split_document(doc, max_chars=200, measure=size)

    assert len(parts) > 5
    assert all(sum(size(b) for b in p.blocks) <= 200 for p in parts)
    assert _words(*parts) == _words(doc)


def _words(*docs: Document) -> list[str]:
    return [w for d in docs for w in d.plain_text().split() if w != "•"]


def test_rejects_a_non_positive_limit() -> None:
    with pytest.raises(ValueError, match="max_chars"):
        split_document(Document((text("a"),)), max_chars=0, measure=size)
