"""Split a neutral Document into parts that each fit a platform's limit, before any escaping."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from bot.records import Block, Document

_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def split_document(
    doc: Document, *, max_chars: int, measure: Callable[[Block], int]
) -> tuple[Document, ...]:
    """Parts of at most `max_chars`, as `measure` counts them, in reading order.

    A part's size is the sum of its blocks' measures, so `measure` should include whatever a
    platform adds around a block (markup, escaping, line breaks). Cuts fall between blocks;
    a block too big for a part of its own is cut between FACTS items, then between sentences,
    then between words, and inside a word only when that word alone is too long. A URL is
    never cut: a block whose URL alone is too long goes out whole, over the limit.

    Args:
        doc: the document to split.
        max_chars: the platform's limit for one message.
        measure: the size of one block as the platform will send it.
    """
    if max_chars < 1:
        raise ValueError(f"max_chars must be positive, got {max_chars}")
    parts: list[list[Block]] = []
    used = 0
    for block in doc.blocks:
        for piece in _cut(block, max_chars, measure):
            size = measure(piece)
            if parts and used + size <= max_chars:
                parts[-1].append(piece)
                used += size
            else:
                parts.append([piece])
                used = size
    return tuple(Document(tuple(blocks)) for blocks in parts)


def _cut(block: Block, limit: int, measure: Callable[[Block], int]) -> list[Block]:
    if measure(block) <= limit:
        return [block]
    if block.items:
        return _cut_items(block, limit, measure)
    if block.url is not None:
        return _cut_linked(block, limit, measure)
    texts = _cut_text(block.text, lambda t: measure(replace(block, text=t)) <= limit)
    return [replace(block, text=t) for t in texts]


def _cut_items(block: Block, limit: int, measure: Callable[[Block], int]) -> list[Block]:
    def piece(items: tuple[str, ...], *, first: bool) -> Block:
        # A FACTS title, if any, stays above the first items only.
        return replace(block, items=items, text=block.text if first else "")

    def fits_alone(item: str) -> bool:
        return measure(piece((item,), first=False)) <= limit

    # An item too long for a part of its own becomes several items, cut like text.
    items: list[str] = []
    for item in block.items:
        items.extend([item] if fits_alone(item) else _cut_text(item, fits_alone) or [item])
    pieces: list[Block] = []
    current: tuple[str, ...] = ()
    for item in items:
        candidate = (*current, item)
        if not current or measure(piece(candidate, first=not pieces)) <= limit:
            current = candidate
        else:
            pieces.append(piece(current, first=not pieces))
            current = (item,)
    if current:
        pieces.append(piece(current, first=not pieces))
    return pieces


def _cut_linked(block: Block, limit: int, measure: Callable[[Block], int]) -> list[Block]:
    """Text first; the link stays whole, beside the last words when they fit with it."""

    def bare(t: str) -> bool:
        return measure(replace(block, text=t, url=None)) <= limit

    def linked(t: str) -> bool:
        return measure(replace(block, text=t)) <= limit

    texts = _cut_text(block.text, bare)
    if not texts:
        return [block]
    tail = _cut_text(texts[-1], linked) if linked("") else []
    # Only when no word had to be broken to make room for the link.
    if tail and " ".join(tail).split() == texts[-1].split():
        texts, last = [*texts[:-1], *tail[:-1]], replace(block, text=tail[-1])
    else:
        last = replace(block, text="")
    return [*(replace(block, text=t, url=None) for t in texts), last]


def _cut_text(text: str, fits: Callable[[str], bool]) -> list[str]:
    """Greedy cut at sentence, then word, then character boundaries; [] for empty text."""
    return _pack(text, fits, level=0)


def _pack(text: str, fits: Callable[[str], bool], *, level: int) -> list[str]:
    if level == 0:
        units = [u for u in _SENTENCE_END.split(text.strip()) if u]
    elif level == 1:
        units = text.split()
    else:
        return _cut_word(text, fits)
    chunks: list[str] = []
    current = ""
    for unit in units:
        candidate = f"{current} {unit}" if current else unit
        if fits(candidate):
            current = candidate
            continue
        if current:
            chunks.append(current)
        if fits(unit):
            current = unit
        else:
            *done, current = _pack(unit, fits, level=level + 1)
            chunks.extend(done)
    if current:
        chunks.append(current)
    return chunks


def _cut_word(word: str, fits: Callable[[str], bool]) -> list[str]:
    chunks: list[str] = []
    while word:
        # Longest prefix that fits, by bisection; at least one character so the loop ends.
        low, high = 1, len(word)
        while low < high:
            mid = (low + high + 1) // 2
            if fits(word[:mid]):
                low = mid
            else:
                high = mid - 1
        chunks.append(word[:low])
        word = word[low:]
    return chunks
