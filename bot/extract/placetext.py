"""A text as tokens for place matching, and the word lists that tell names from other words."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from bot.extract.placenames import is_cyrillic, normalise, stem_key

_WORDS_FILE = Path(__file__).with_name("data") / "words.yaml"
_TOKEN = re.compile(r"[^\W\d_]+(?:['’ʼ`][^\W\d_]+)*")
_JOINER = re.compile(r"[ \u00a0]{1,3}|[-‐‑]")
APOSTROPHES = "'’ʼ"


@dataclass(frozen=True, slots=True)
class Words:
    """words.yaml, normalised."""

    cues: frozenset[str]
    cue_prefixes: tuple[str, ...]  # Cyrillic: any word starting so is a cue
    not_places: frozenset[str]
    not_place_stems: frozenset[str]
    given_names: frozenset[str]
    titles: frozenset[str]
    organisations: frozenset[str]
    org_starts: frozenset[str]
    front_sectors: tuple[tuple[str, str], ...]  # (name start, oblast), longest first

    def front_sector(self, name: str) -> str | None:
        """The oblast of the front sector a name before "direction" starts ("Лиманському")."""
        key = normalise(name)
        return next(
            (oblast for start, oblast in self.front_sectors if key.startswith(start)), None
        )


@functools.cache
def words() -> Words:
    data = yaml.safe_load(_WORDS_FILE.read_text(encoding="utf-8"))
    organisations = frozenset(normalise(w) for w in data["organisations"])
    not_places = frozenset(normalise(w) for w in data["not_places"])
    return Words(
        cues=frozenset(normalise(w) for w in data["cues"]),
        cue_prefixes=tuple(normalise(w) for w in data["cue_prefixes"]),
        not_places=not_places,
        not_place_stems=frozenset(stem_key(w) for w in not_places if is_cyrillic(w)),
        given_names=frozenset(data["given_names"]),
        titles=frozenset(data["titles"]),
        organisations=organisations,
        org_starts=frozenset(o.split()[0] for o in organisations),
        front_sectors=tuple(
            sorted(
                (
                    (normalise(start), oblast)
                    for oblast, starts in data["front_sectors"].items()
                    for start in starts
                ),
                key=lambda pair: -len(pair[0]),
            )
        ),
    )


@functools.lru_cache(maxsize=65536)
def _key(word: str) -> str:
    return normalise(word)


@dataclass(slots=True)
class Token:
    """A word of the text; a possessive "'s" is left out of it."""

    start: int
    end: int
    text: str
    key: str
    cap: bool
    cyr: bool
    joined: bool  # only a space or a hyphen parts it from the previous token
    gap: str


def tokens(text: str) -> list[Token]:
    out: list[Token] = []
    append, key, joiner = out.append, _key, _JOINER.fullmatch
    prev = 0
    possessive = False
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        word = m.group()
        gap = text[prev:start]
        # A name ends at its possessive: "Ukraine's Kharkiv" is two names, not one.
        joined = not possessive and (
            gap == " " or gap == "-" or (len(gap) < 4 and joiner(gap) is not None)
        )
        possessive = word[-1] == "s" and len(word) > 3 and word[-2] in APOSTROPHES
        if possessive:  # "Donetsk's"
            word = word[:-2]
        first = word[0]
        cyr = "\u0400" <= first <= "\u052f"
        append(Token(start, start + len(word), word, key(word), first.isupper(), cyr, joined, gap))
        prev = end
    if out:
        out[0].joined = False
    return out
