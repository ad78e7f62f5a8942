"""Cheap word tests that let costly regexes skip sentences they cannot match.

Python's `re` tries every alternative of a big table at every position of a sentence, and
most sentences match none of the tables. Nearly every alternative starts with `\\b` and a
literal stem, so a match needs a word of the text that starts with that stem: one lowercase
pass over the words of a sentence tells which tables can match at all. Stems are read from
the patterns themselves; a pattern whose start is not a plain stem gives none and its table
always runs, so the test only ever skips tables that cannot match.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_TOKEN = re.compile(r"\w+")
_WORD_CHAR = re.compile(r"\w")
# Characters re.IGNORECASE equates with an ASCII or Cyrillic letter although str.lower() does
# not turn them into it (dotless ı matches "i", long ſ "s", İ lowers to two characters, old
# Cyrillic variants ᲀ-ᲈ match в д о с т ъ ѣ ꙋ): a text with one is left to the full regexes.
_FOLD_UNSAFE = re.compile("[\u0130\u0131\u017f\u1c80-\u1c88]")
# Stems are only taken from these letters, whose lowercase re.IGNORECASE agrees with.
_STEM_CHARS = re.compile(r"[0-9a-z_\u0400-\u04ff]+")
_QUANTIFIERS = ("?", "*", "+", "{")
_MAX_STEMS = 512

_stem_lengths: tuple[int, ...] = ()
_all_stems: set[str] = set()
_word_stems: dict[str, frozenset[str]] = {}
# Words seen, with the stems they start with: about 200 bytes each, so ~10 MB when full,
# then emptied (a long run meets new names every day).
_WORD_CACHE_LIMIT = 50_000


@lru_cache(maxsize=1024)
def words(text: str) -> frozenset[str] | None:
    """The lowercase words (`\\w+` runs) of `text`; None when lowercasing could miss a match."""
    if not text.isascii() and _FOLD_UNSAFE.search(text):
        return None
    return frozenset(_TOKEN.findall(text.lower()))


def split_top(pattern: str) -> list[str]:
    """`pattern`'s alternatives at the top level (outside groups and character classes)."""
    out: list[str] = []
    depth, start, i = 0, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(pattern, i) + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
        i += 1
    out.append(pattern[start:])
    return out


def _class_end(pattern: str, i: int) -> int:
    """Index of the `]` closing the class opened at `i` (or the last index if unclosed)."""
    j = i + 1
    if pattern[j : j + 1] == "^":
        j += 1
    if pattern[j : j + 1] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return min(j, len(pattern) - 1)


def _group_end(pattern: str, i: int) -> int | None:
    depth, j = 0, i
    while j < len(pattern):
        c = pattern[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = _class_end(pattern, j) + 1
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0:
                return j
        j += 1
    return None


def _expand(pattern: str, i: int, prefix: str) -> set[str]:
    """Lowercase stems a match of `pattern[i:]` can start with, given the literal `prefix`.

    Anything other than literal word characters, plain classes of them, groups and zero-width
    assertions ends the stem; an empty stem means "any word" to the caller.
    """
    while i < len(pattern):
        c, nxt = pattern[i], pattern[i + 1 : i + 2]
        if c == "(":
            end = _group_end(pattern, i)
            if end is None:
                return {prefix}
            inner = pattern[i + 1 : end]
            after = pattern[end + 1 : end + 2]
            if inner.startswith(("?=", "?!", "?<=", "?<!")):
                if after in _QUANTIFIERS:
                    return {prefix}
                i = end + 1  # zero-width: skipping it can only let more through
                continue
            if inner.startswith("?:"):
                inner = inner[2:]
            elif inner.startswith("?P<"):
                inner = inner[inner.index(">") + 1 :]
            elif inner.startswith("?"):
                return {prefix}
            rest = pattern[end + 1 :]
            alternatives = split_top(inner)
            if after == "?":
                rest, alternatives = rest[1:], [*alternatives, ""]
            elif after in _QUANTIFIERS:
                return {prefix}
            found: set[str] = set()
            for alt in alternatives:
                found |= _expand(alt + rest, 0, prefix)
                if len(found) > _MAX_STEMS:
                    return {""}
            return found
        if c == "\\":
            if nxt == "b":
                i += 2  # zero-width
                continue
            if nxt == "s" and not prefix and pattern[i + 2 : i + 3] in ("?", "*"):
                # "\b\s?strikes": the stem still starts a word, right after the space.
                i += 3
                continue
            return {prefix}
        if c == " " and not prefix and nxt in ("?", "*"):
            i += 2
            continue
        if c == "[":
            end = _class_end(pattern, i)
            body = pattern[i + 1 : end]
            if (
                not body
                or pattern[end : end + 1] != "]"
                or pattern[end + 1 : end + 2] in _QUANTIFIERS
                or any(not _WORD_CHAR.fullmatch(ch) for ch in body)
            ):
                return {prefix}
            found = set()
            for ch in dict.fromkeys(body.lower()):
                found |= _expand(pattern, end + 1, prefix + ch)
            return found
        if not _WORD_CHAR.fullmatch(c) or nxt in ("?", "*", "{"):
            return {prefix}
        prefix += c.lower()
        if nxt == "+":
            return {prefix}
        i += 1
    return {prefix}


def stems(pattern: str) -> frozenset[str] | None:
    """Word starts (lowercase) one of which every match of `pattern` (matched with
    re.IGNORECASE) has in the text; None when the pattern does not tell."""
    found: set[str] = set()
    for alt in split_top(pattern):
        if not alt.startswith(r"\b"):
            return None
        heads = _expand(alt, 2, "")
        if any(not h or not _STEM_CHARS.fullmatch(h) for h in heads):
            return None
        found |= heads
    return frozenset(found)


def register(keys: frozenset[str]) -> None:
    """Make `present` report these stems too."""
    global _stem_lengths
    if keys <= _all_stems:
        return
    _all_stems.update(keys)
    _stem_lengths = tuple(sorted({len(k) for k in _all_stems}))
    _word_stems.clear()
    present.cache_clear()


def _stems_of_word(word: str) -> frozenset[str]:
    got = _word_stems.get(word)
    if got is None:
        got = frozenset(
            s for n in _stem_lengths if n <= len(word) and (s := word[:n]) in _all_stems
        )
        if not word[:1].isdigit():  # "2024", "6001": numbers are new in every article
            if len(_word_stems) >= _WORD_CACHE_LIMIT:
                _word_stems.clear()
            _word_stems[word] = got
    return got


@lru_cache(maxsize=8192)
def present(text: str) -> frozenset[str] | None:
    """The registered stems some word of `text` starts with; None means "assume all"."""
    found = words(text)
    if found is None:
        return None
    out: set[str] = set()
    for w in found:
        hit = _stems_of_word(w)
        if hit:
            out |= hit
    return frozenset(out)


def may_match(keys: frozenset[str] | None, text: str) -> bool:
    """Whether a table with these stems (None: unknown) can match `text`."""
    if keys is None:
        return True
    found = present(text)
    return found is None or not keys.isdisjoint(found)


@dataclass(frozen=True, slots=True)
class Gated:
    """A regex that runs only on texts with a word starting with one of its stems: most
    sentences lack every stem of a rule, and then it costs a set lookup, not a search."""

    rx: re.Pattern[str]
    keys: frozenset[str] | None

    def search(self, text: str) -> re.Match[str] | None:
        return self.rx.search(text) if may_match(self.keys, text) else None

    def sub(self, repl: str, text: str) -> str:
        return self.rx.sub(repl, text) if may_match(self.keys, text) else text


def gated(pattern: str) -> Gated:
    """A case-insensitive regex gated by the stems its matches must start with."""
    keys = stems(pattern)
    if keys is not None:
        register(keys)
    return Gated(re.compile(pattern, re.IGNORECASE), keys)
