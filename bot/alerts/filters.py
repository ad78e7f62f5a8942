"""The subscription filter language: text such as `strikes in:"Kherson Oblast" -drill` ⇄ Filter."""

from __future__ import annotations

import difflib
import functools
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Protocol

from bot.alerts.timing import parse_digest
from bot.errors import FilterError
from bot.extract.wordclass import lemmas
from bot.i18n import ENGLISH, Audience, Translator
from bot.kinds import KINDS
from bot.records import EventKind, Filter, Near, Place, PlaceRef, Severity


class PlaceResolver(Protocol):
    """Turns a place name a user typed into a place at any level; the gazetteer implements it.

    One that also has `locate(name) -> Place | None` (the place with its coordinates, as
    `GazetteerResolver` has) lets filters say `near:<place>`; without it only coordinates
    (`near:49.99,36.23`) can be.
    """

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
# What a Ukrainian chat is shown, and what Ukrainian and Russian speakers may type.
KIND_WORDS_UK: dict[EventKind, str] = {
    kind: spec.filter_words_uk[0] for kind, spec in KINDS.items() if spec.filter_words_uk
}
_KIND_BY_WORD = {
    word: kind
    for kind, spec in KINDS.items()
    for word in (*spec.filter_words, *spec.filter_words_uk, *spec.filter_words_ru)
}
_KIND_ORDER = {kind: i for i, kind in enumerate(EventKind)}
_ALL_WORDS = frozenset({"all", "everything", "any", "все", "всі", "усі", "усе", "всё"})
_SEVERITY_NAMES = {s.label: s for s in Severity} | {
    "звичайні": Severity.ROUTINE,
    "звичайна": Severity.ROUTINE,
    "обычные": Severity.ROUTINE,
    "термінові": Severity.URGENT,
    "термінова": Severity.URGENT,
    "срочные": Severity.URGENT,
    "блискавка": Severity.FLASH,
    "молния": Severity.FLASH,
}
SEVERITY_WORDS_UK = {
    Severity.ROUTINE: "звичайні",
    Severity.URGENT: "термінові",
    Severity.FLASH: "блискавка",
}
# `in:` and `min:` as Ukrainian and Russian speakers write them; `in` before a place too.
_IN_OPTIONS = ("in:", "в:", "у:", "во:")
_MIN_OPTIONS = ("min:", "мін:", "мин:")
_IN_WORDS = frozenset({"in", "в", "у", "во"})
_DIGEST_OPTIONS = ("digest:", "дайджест:")
_NEAR_OPTIONS = ("near:", "біля:", "поруч:", "рядом:", "около:")
_RADIUS = re.compile(r"^(\d{1,4})\s*(?:km|км)$", re.IGNORECASE)
_POINT = re.compile(r"^(-?\d{1,2}(?:\.\d+)?)\s*,\s*(-?\d{1,3}(?:\.\d+)?)$")
NEAR_KM = 25
MAX_NEAR_KM = 300
_DIGEST_KINDS = {
    "daily": "daily",
    "щодня": "daily",
    "ежедневно": "daily",
    "hourly": "hourly",
    "щогодини": "hourly",
    "ежечасно": "hourly",
}
_CLOCK_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")
# Phones turn straight quotes into curly ones; users should not have to care.
_QUOTES = {'"': '"', "“": "”", "„": "“", "«": "»", "”": "”"}
_NO_QUOTES = str.maketrans(dict.fromkeys([*_QUOTES, *_QUOTES.values()], " "))
_PLACE_SEPARATORS = re.compile(r"\s*(?:,|\band\b|&)\s*", re.IGNORECASE)


def filter_help(tr: Translator = ENGLISH.tr) -> str:
    """What a filter is made of, in the reader's language, with an example."""
    if tr.language == "uk":
        kinds = ", ".join(KIND_WORDS_UK.values())
    else:
        kinds = ", ".join(words[0] for words in KIND_WORDS.values())
    return tr.gettext(
        "A filter is made of any of:\n"
        "  kinds: {kinds} (or all)\n"
        '  places: in:Kyiv, in:"Nova Kakhovka", in:nova-kakhovka, or … in Kherson Oblast\n'
        "  nearby: near:Chuhuiv 30km (or share a location in Telegram)\n"
        '  keywords: +word or "exact phrase" to require, -word to exclude\n'
        "  severity: min:routine, min:urgent or min:flash\n"
        "  digest: digest:daily 08:00 or digest:hourly (one message at that time)\n"
        'Example: strikes evacuations in:"Kherson Oblast" -drill min:urgent',
        kinds=kinds,
    )


FILTER_HELP = filter_help()


def _not_understood(message: str, /, **values: object) -> FilterError:
    """A filter's wording not understood: the reply shows what a filter is made of too."""
    error = FilterError(message, **values)
    error.show_help = True
    error.args = (f"{error}\n{FILTER_HELP}",)
    return error


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
    digest: str | None = None
    near: Near | None = None
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
        elif word.startswith(_IN_OPTIONS):
            option = word.split(":", 1)[0]
            value = token.quoted if token.quoted is not None else token.head[len(option) + 1 :]
            refs.extend(_resolve_all(value, places, natural=False))
        elif word.startswith(_MIN_OPTIONS):
            option = word.split(":", 1)[0]
            min_severity = _severity(token.quoted or word[len(option) + 1 :])
        elif word.startswith(_NEAR_OPTIONS):
            option = word.split(":", 1)[0]
            value = token.quoted if token.quoted is not None else token.head[len(option) + 1 :]
            km = NEAR_KM
            if i < len(tokens) and (m := _RADIUS.match(tokens[i].head)):
                km = int(m.group(1))
                i += 1
            near = _near(value, km, places)
        elif word.startswith(_DIGEST_OPTIONS):
            every = _DIGEST_KINDS.get(word.split(":", 1)[1])
            if every is None:
                raise FilterError(
                    '"{option}" is not a digest; use digest:daily 08:00 or digest:hourly.',
                    option=token.head,
                )
            at = None
            if every == "daily" and i < len(tokens) and _CLOCK_TIME.match(tokens[i].head):
                at = tokens[i].head
                i += 1
            digest = parse_digest(every, at)
        elif ":" in word:
            option = word.split(":", 1)[0]
            raise _not_understood("I don't know the option {option}:.", option=option)
        elif word in _IN_WORDS:
            words: list[str] = []
            while i < len(tokens) and not _ends_place(tokens[i], first=not words):
                words.append(tokens[i].quoted or tokens[i].head)
                i += 1
            refs.extend(_resolve_all(" ".join(words), places, natural=True))
        elif (kind := kind_of(word)) is not None:
            kinds.append(kind)
        elif word not in _ALL_WORDS:
            raise _unknown_word(token.head)
    both = set(include) & set(exclude)
    if both:
        raise FilterError(
            '"{word}" is both required and excluded; pick one.', word=sorted(both)[0]
        )
    return Filter(
        kinds=tuple(sorted(set(kinds), key=_KIND_ORDER.__getitem__)),
        places=tuple(dict.fromkeys(refs)),
        include=tuple(dict.fromkeys(include)),
        exclude=tuple(dict.fromkeys(exclude)),
        min_severity=min_severity,
        digest=digest,
        near=near,
    )


def _near(value: str, km: int, places: PlaceResolver) -> Near:
    """`near:Kharkiv 30km`, `near:49.99,36.23 10km`: a point and a radius."""
    if not 1 <= km <= MAX_NEAR_KM:
        raise FilterError(
            "Pick a radius from 1 to {most} km, e.g. near:Kharkiv 30km.", most=MAX_NEAR_KM
        )
    value = " ".join(value.split())
    point = _POINT.match(value)
    if point is not None:
        lat, lon = float(point.group(1)), float(point.group(2))
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise FilterError('"{point}" is not a point on Earth.', point=value)
        return Near(lat, lon, km, f"{lat:.4f},{lon:.4f}")
    if not value:
        raise FilterError("Near what? Write a place after near:, e.g. near:Kharkiv 30km.")
    locate: Callable[[str], Place | None] | None = getattr(places, "locate", None)
    place = locate(value) if locate is not None else None
    if place is None and re.search(r"[-_]", value) and locate is not None:
        place = locate(re.sub(r"[-_]+", " ", value).strip())
    if place is None or place.lat is None or place.lon is None:
        raise unknown_place(value, places)
    return Near(place.lat, place.lon, km, place.name, place.level, place.admin1, place.code)


def kind_of(word: str) -> EventKind | None:
    """The kind a filter word names, in English, Ukrainian or Russian, in any inflection:
    "strikes", "удари", "обстрілів", "эвакуация"."""
    word = word.lower()
    kind = _KIND_BY_WORD.get(word)
    if kind is None and not word.isascii():
        by_lemma = _kinds_by_lemma()
        kind = next((by_lemma[w] for w in lemmas(word) if w in by_lemma), None)
    return kind


@functools.cache
def _kinds_by_lemma() -> dict[str, EventKind]:
    found: dict[str, EventKind] = {}
    for word, kind in _KIND_BY_WORD.items():
        if not word.isascii():
            found.setdefault(word, kind)
            for lemma in lemmas(word)[:1]:
                found.setdefault(lemma, kind)
    return found


def format_filter(f: Filter, audience: Audience = ENGLISH) -> str:
    """The normalised text of a filter, in the reader's words (`strikes in:Kharkiv`,
    `удари в:Харків`); parsing it again gives the same Filter."""
    if audience.language == "uk":
        parts = [KIND_WORDS_UK[kind] for kind in f.kinds]
        parts += [f"в:{_quote(audience.place(ref))}" for ref in f.places]
    else:
        parts = [KIND_WORDS[kind][0] for kind in f.kinds]
        parts += [f"in:{_quote(ref.name)}" for ref in f.places]
    parts += [f'"{k}"' if " " in k else f"+{k}" for k in f.include]
    parts += [f"-{_quote(k)}" for k in f.exclude]
    if f.min_severity is not Severity.ROUTINE:
        if audience.language == "uk":
            parts.append(f"мін:{SEVERITY_WORDS_UK[f.min_severity]}")
        else:
            parts.append(f"min:{f.min_severity.label}")
    if f.near is not None:
        if audience.language == "uk":
            parts.append(f"біля:{_quote(audience.place(f.near))} {f.near.km:g}км")
        else:
            parts.append(f"near:{_quote(f.near.name)} {f.near.km:g}km")
    if f.digest:
        every, _, at = f.digest.partition(" ")
        if audience.language == "uk":
            every = {"daily": "щодня", "hourly": "щогодини"}[every]
            parts.append(f"дайджест:{every}" + (f" {at}" if at else ""))
        else:
            parts.append(f"digest:{every}" + (f" {at}" if at else ""))
    return " ".join(parts) or ("все" if audience.language == "uk" else "all")


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
            '"min:{name}" is not a severity; use min:routine, min:urgent or min:flash.',
            name=name,
        ) from None


def _ends_place(token: _Token, *, first: bool) -> bool:
    word = token.head.lower()
    if token.quoted is not None:
        # `in "Nova Kakhovka"` quotes the place; a later quoted phrase is a keyword.
        return not (first and token.head == "")
    return token.is_option or word in _KIND_BY_WORD or word in _ALL_WORDS or word in _IN_WORDS


def _resolve_all(value: str, places: PlaceResolver, *, natural: bool) -> list[PlaceRef]:
    value = " ".join(value.split())
    if not value:
        hint = "strikes in Kyiv" if natural else "in:Kyiv"
        raise FilterError("Which place? Write the place after in, e.g. {example}.", example=hint)
    ref = _resolve_one(value, places)
    if ref is not None:
        return [ref]
    names = [n for n in _PLACE_SEPARATORS.split(value) if n]
    if len(names) > 1:
        refs = [_resolve_one(n, places) for n in names]
        if all(r is not None for r in refs):
            return [r for r in refs if r is not None]
        value = next(n for n, r in zip(names, refs, strict=True) if r is None)
    raise unknown_place(value, places)


def unknown_place(name: str, places: PlaceResolver, *, most: int = 5) -> FilterError:
    """A place name nobody knows, with the names it is closest to."""
    suggestions = places.suggest(name)
    if suggestions:
        return FilterError(
            'I don\'t know the place "{place}". Did you mean: {places}?',
            place=name,
            places=", ".join(suggestions[:most]),
        )
    return FilterError('I don\'t know the place "{place}".', place=name)


def _resolve_one(name: str, places: PlaceResolver) -> PlaceRef | None:
    ref = places.resolve_place(name)
    if ref is None and re.search(r"[-_]", name):
        # Hyphens stand for spaces in in:nova-kakhovka, but Ivano-Frankivsk has a real one.
        ref = places.resolve_place(re.sub(r"[-_]+", " ", name).strip())
    return ref


def _unknown_word(word: str) -> FilterError:
    close = difflib.get_close_matches(word.lower(), list(_KIND_BY_WORD), n=1, cutoff=0.75)
    if close:
        return _not_understood(
            'I don\'t understand "{word}". Did you mean "{close}"?', word=word, close=close[0]
        )
    return _not_understood('I don\'t understand "{word}".', word=word)
