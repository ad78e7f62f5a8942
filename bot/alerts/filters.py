"""The subscription filter language: text such as `strikes in:"Kherson Oblast" -drill` ⇄ Filter."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from bot.errors import FilterError
from bot.kinds import KINDS
from bot.records import EventKind, Filter, PlaceRef, Severity


class PlaceResolver(Protocol):
    """Turns a place name a user typed into a place at any level; the gazetteer implements it."""

    def resolve_place(self, name: str) -> PlaceRef | None: ...

    def suggest(self, name: str) -> tuple[str, ...]:
        """Close matches for a name that did not resolve, best first; may be empty."""
        ...


# The first word of each kind is the one format_filter writes (bot/kinds.py). Two-word forms
# typed with a space ("air defense", "front line") are joined with a hyphen before lookup.
KIND_WORDS: dict[EventKind, tuple[str, ...]] = {
    kind: spec.filter_words
    for kind, spec in sorted(KINDS.items(), key=lambda kv: list(EventKind).index(kv[0]))
}
_KIND_BY_WORD = {word: kind for kind, words in KIND_WORDS.items() for word in words}
_KIND_ORDER = {kind: i for i, kind in enumerate(EventKind)}
_ALL_WORDS = frozenset({"all", "everything", "any"})
_SEVERITY_NAMES = {s.label: s for s in Severity}
# Phones turn straight quotes into curly ones; users should not have to care.
_QUOTES = {'"': '"', "“": "”", "„": "“", "«": "»", "”": "”"}
_NO_QUOTES = str.maketrans(dict.fromkeys([*_QUOTES, *_QUOTES.values()], " "))
_PLACE_SEPARATORS = re.compile(r"\s*(?:,|\band\b|&)\s*", re.IGNORECASE)

FILTER_HELP = (
    "A filter is made of any of:\n"
    "  kinds: " + ", ".join(words[0] for words in KIND_WORDS.values()) + " (or all)\n"
    '  places: in:Kyiv, in:"Nova Kakhovka", in:nova-kakhovka, or … in Kherson Oblast\n'
    '  keywords: +word or "exact phrase" to require, -word to exclude\n'
    "  severity: min:routine, min:urgent or min:flash\n"
    'Example: strikes evacuations in:"Kherson Oblast" -drill min:urgent'
)


@dataclass(frozen=True, slots=True)
class _Token:
    head: str
    quoted: str | None = None

    @property
    def is_option(self) -> bool:
        return self.quoted is not None or self.head.startswith(("+", "-")) or ":" in self.head


def _tokens(text: str) -> Iterator[_Token]:
    """Whitespace-separated tokens; a quote after nothing, `+`, `-` or `name:` opens a value."""
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] not in _QUOTES:
            i += 1
        head = text[start:i]
        if i < n and text[i] in _QUOTES and (head in ("", "+", "-") or head.endswith(":")):
            close = _QUOTES[text[i]]
            end = text.find(close, i + 1)
            end = n if end < 0 else end  # an unclosed quote runs to the end: be forgiving
            yield _Token(head, " ".join(text[i + 1 : end].split()))
            i = end + 1
        elif head:
            yield _Token(head)
        else:
            i += 1  # a stray quote after a word: skip it


def _join_kind_pairs(tokens: list[_Token]) -> list[_Token]:
    """`air defense` and `front line` typed as two words mean the hyphenated kind word."""
    joined: list[_Token] = []
    for token in tokens:
        if joined and token.quoted is None and joined[-1].quoted is None:
            pair = f"{joined[-1].head}-{token.head}"
            if pair.lower() in _KIND_BY_WORD:
                joined[-1] = _Token(pair)
                continue
        joined.append(token)
    return joined


def parse_filter(text: str, *, places: PlaceResolver) -> Filter:
    """Parse what a user typed; raises FilterError with a message meant for that user."""
    kinds: list[EventKind] = []
    refs: list[PlaceRef] = []
    include: list[str] = []
    exclude: list[str] = []
    min_severity = Severity.ROUTINE
    tokens = _join_kind_pairs(list(_tokens(text)))
    i = 0
    while i < len(tokens):
        token = tokens[i]
        i += 1
        word = token.head.lower()
        if token.quoted is not None and word in ("", "+"):
            include.append(_keyword(token.quoted))
        elif token.quoted is not None and word == "-":
            exclude.append(_keyword(token.quoted))
        elif word.startswith("+"):
            include.append(_keyword(token.head[1:]))
        elif word.startswith("-"):
            exclude.append(_keyword(token.head[1:]))
        elif word.startswith("in:"):
            value = token.quoted if token.quoted is not None else token.head[3:]
            refs.extend(_resolve_all(value, places, natural=False))
        elif word.startswith("min:"):
            min_severity = _severity(token.quoted or word[4:])
        elif ":" in word:
            option = word.split(":", 1)[0]
            raise FilterError(f"I don't know the option {option}:.\n{FILTER_HELP}")
        elif word == "in":
            words: list[str] = []
            while i < len(tokens) and not _ends_place(tokens[i], first=not words):
                words.append(tokens[i].quoted or tokens[i].head)
                i += 1
            refs.extend(_resolve_all(" ".join(words), places, natural=True))
        elif word in _KIND_BY_WORD:
            kinds.append(_KIND_BY_WORD[word])
        elif word not in _ALL_WORDS:
            raise FilterError(_unknown_word(token.head))
    both = set(include) & set(exclude)
    if both:
        raise FilterError(f'"{sorted(both)[0]}" is both required and excluded; pick one.')
    return Filter(
        kinds=tuple(sorted(set(kinds), key=_KIND_ORDER.__getitem__)),
        places=tuple(dict.fromkeys(refs)),
        include=tuple(dict.fromkeys(include)),
        exclude=tuple(dict.fromkeys(exclude)),
        min_severity=min_severity,
    )


def format_filter(f: Filter) -> str:
    """The normalised text of a filter; parsing it again gives the same Filter."""
    parts = [KIND_WORDS[kind][0] for kind in f.kinds]
    parts += [f"in:{_quote(ref.name)}" for ref in f.places]
    parts += [f'"{k}"' if " " in k else f"+{k}" for k in f.include]
    parts += [f"-{_quote(k)}" for k in f.exclude]
    if f.min_severity is not Severity.ROUTINE:
        parts.append(f"min:{f.min_severity.label}")
    return " ".join(parts) or "all"


def _quote(value: str) -> str:
    return f'"{value}"' if " " in value else value


def _keyword(raw: str) -> str:
    # Quote marks inside a keyword could not be written back; they separate words instead.
    keyword = " ".join(raw.translate(_NO_QUOTES).split()).lower()
    if not keyword:
        raise FilterError('A keyword is empty: write +word, -word or "exact phrase".')
    return keyword


def _severity(name: str) -> Severity:
    try:
        return _SEVERITY_NAMES[name.strip().lower()]
    except KeyError:
        raise FilterError(
            f'"min:{name}" is not a severity; use min:routine, min:urgent or min:flash.'
        ) from None


def _ends_place(token: _Token, *, first: bool) -> bool:
    word = token.head.lower()
    if token.quoted is not None:
        # `in "Nova Kakhovka"` quotes the place; a later quoted phrase is a keyword.
        return not (first and token.head == "")
    return token.is_option or word in _KIND_BY_WORD or word in _ALL_WORDS or word == "in"


def _resolve_all(value: str, places: PlaceResolver, *, natural: bool) -> list[PlaceRef]:
    value = " ".join(value.split())
    if not value:
        hint = "strikes in Kyiv" if natural else "in:Kyiv"
        raise FilterError(f"Which place? Write the place after in, e.g. {hint}.")
    ref = _resolve_one(value, places)
    if ref is not None:
        return [ref]
    names = [n for n in _PLACE_SEPARATORS.split(value) if n]
    if len(names) > 1:
        refs = [_resolve_one(n, places) for n in names]
        if all(r is not None for r in refs):
            return [r for r in refs if r is not None]
        value = next(n for n, r in zip(names, refs, strict=True) if r is None)
    suggestions = places.suggest(value)
    hint = f" Did you mean: {', '.join(suggestions[:5])}?" if suggestions else ""
    raise FilterError(f'I don\'t know the place "{value}".{hint}')


def _resolve_one(name: str, places: PlaceResolver) -> PlaceRef | None:
    ref = places.resolve_place(name)
    if ref is None and re.search(r"[-_]", name):
        # Hyphens stand for spaces in in:nova-kakhovka, but Ivano-Frankivsk has a real one.
        ref = places.resolve_place(re.sub(r"[-_]+", " ", name).strip())
    return ref


def _unknown_word(word: str) -> str:
    close = difflib.get_close_matches(word.lower(), list(_KIND_BY_WORD), n=1, cutoff=0.75)
    hint = f' Did you mean "{close[0]}"?' if close else ""
    return f'I don\'t understand "{word}".{hint}\n{FILTER_HELP}'
