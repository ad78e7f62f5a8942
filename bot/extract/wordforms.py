"""Every written form a word a user searches for may take in an article.

Ukrainian and Russian inflect: "Харків" is written "Харкова", "Харкові", "Харковом" after a
preposition, and a search for the word as typed misses most of what was written about the
city. The forms come from pymorphy3 and its Ukrainian and Russian dictionaries (OpenCorpora
and the Ukrainian brown-uk lexicon). A word that names a place the gazetteer knows also
stands for the place's other names: "Kharkiv" finds "Kharkov", "Харків" and "Харьков" with
their case forms, so one search reads news in all three languages.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from bot.extract import morphology
from bot.extract.placenames import is_cyrillic, normalise
from bot.extract.translit import romanize

if TYPE_CHECKING:
    from bot.extract.gazetteer import Gazetteer

# Letters only one of the two languages writes: which dictionary a word is looked up in.
_UKRAINIAN_ONLY = frozenset("іїєґ")
_RUSSIAN_ONLY = frozenset("ыэёъ")
_APOSTROPHES = ("'", "’", "ʼ")
# Forms of one word at most: a search stays a few dozen LIKEs per word.
MAX_FORMS = 48
_CACHED = 4096
_VOWELS = re.compile(r"[aeiouyjh'’ʼ\W]")
_REPEATS = re.compile(r"(.)\1+")
_APOSTROPHE_PLACE = re.compile(r"([бпвмфр])([яюєї])")
# How alike (0-100, romanised) another name must be to be a spelling of the same name.
_SPELLING = 75
# Words shorter than this are taken as typed: "ЗСУ", "АЕС" and such are not inflected.
_SHORTEST = 4
_SHORTEST_LATIN = 5


class WordForms:
    """The forms of a search word, lower-cased, the word itself first."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self._gazetteer = gazetteer
        self._cache: dict[str, tuple[str, ...]] = {}

    def forms(self, word: str) -> tuple[str, ...]:
        word = word.casefold()
        found = self._cache.get(word)
        if found is None:
            if len(self._cache) >= _CACHED:
                self._cache.clear()
            found = self._cache[word] = self._forms(word)
        return found

    def _forms(self, word: str) -> tuple[str, ...]:
        found: dict[str, None] = {word: None}
        if len(word) >= _SHORTEST:
            names = self._place_names(word)
            if is_cyrillic(word):
                # A word that names a place is inflected as that name only: "Суми" the
                # city, not "суми" the sums.
                inflected = self._inflections(word, nouns_only=bool(names))
                found.update(dict.fromkeys(inflected))
                # "Харкові" names the city as much as "Харків" does.
                for lemma in self._lemmas(word):
                    names = names or self._place_names(lemma)
            for name in names:
                found[name] = None
                if is_cyrillic(name):
                    found.update(dict.fromkeys(self._inflections(name, nouns_only=True)))
        return _fewest(_with_apostrophes(found), word)[:MAX_FORMS]

    def _place_names(self, word: str) -> list[str]:
        """The other spellings of the place a word names outright (not by a guess): one
        word each, sounding like the word (no nicknames, no former names), the closest
        first. A phrase ("nova kakhovka") gets the phrases of as many words."""
        if self._gazetteer is None:
            return []
        typed = romanize(word)
        scored = []
        for name in self._gazetteer.names_of(normalise(word)):
            if name == word or name.count(" ") != word.count(" "):
                continue  # one word for one word: no "Odesa Mama" for "Odesa"
            if len(name) < (_SHORTEST if is_cyrillic(name) else _SHORTEST_LATIN):
                continue  # "Sumo" is a spelling of Sumy, and a sport
            spelled = romanize(name)
            score = fuzz.ratio(typed, spelled)
            skeleton = _consonants(spelled)
            if score >= _SPELLING or (len(skeleton) >= 3 and skeleton == _consonants(typed)):
                scored.append((-score, name))
        names = [name for _, name in sorted(scored)]
        # The gazetteer's keys drop apostrophes; Ukrainian writes one between a labial or
        # р and я, ю, є, ї: "купянськ" is written "Куп'янськ".
        return names + [
            spelled for name in names if (spelled := _APOSTROPHE_PLACE.sub(r"\1'\2", name)) != name
        ]

    def _lemmas(self, word: str) -> list[str]:
        """The dictionary forms of a known noun in any case: "Харкові" → "харків"."""
        out: list[str] = []
        for lang in ("uk", "ru"):
            analyzer = morphology.analyzer(lang)
            if analyzer is None:
                break
            for parse in analyzer.parse(word)[:4]:
                if parse.is_known and parse.tag.POS == "NOUN" and parse.normal_form != word:
                    out.append(parse.normal_form)
        return list(dict.fromkeys(out))

    def _inflections(self, word: str, *, nouns_only: bool) -> Iterable[str]:
        letters = set(word)
        langs = ["uk", "ru"]
        if letters & _UKRAINIAN_ONLY:
            langs = ["uk"]
        elif letters & _RUSSIAN_ONLY:
            langs = ["ru"]
        for lang in langs:
            analyzer = morphology.analyzer(lang)
            if analyzer is None:
                return
            for parse in analyzer.parse(word)[:4]:
                if nouns_only:
                    # A place's name, as its nominative noun: "Суми" is no case of "сума",
                    # nor of "суметь"; "Харков" no case of a guessed "харк".
                    if parse.tag.POS != "NOUN" or parse.normal_form != word:
                        continue
                elif not (parse.is_known or parse.normal_form == word):
                    continue  # a guess at an unknown word's paradigm
                for form in parse.lexeme:
                    # Not a stub of the name ("Сум" of "Суми" finds "сумний" too).
                    if len(form.word) >= max(_SHORTEST, len(word) - 1):
                        yield form.word


def _with_apostrophes(forms: Iterable[str]) -> Iterable[str]:
    """Each form with every apostrophe Ukrainian is written with: Куп'янськ, Куп’янськ."""
    for form in forms:
        yield form
        if any(a in form for a in _APOSTROPHES):
            for a in _APOSTROPHES:
                for b in _APOSTROPHES:
                    if a != b and a in form:
                        yield form.replace(a, b)


def _fewest(forms: Iterable[str], word: str) -> tuple[str, ...]:
    """The forms that are not found inside a shorter one (articles are searched for the
    words as parts of longer ones: "харков" finds "Харкова" and "Харкові"), the word as
    typed first."""
    kept: list[str] = []
    for form in sorted(dict.fromkeys(forms), key=len):
        if not any(k in form for k in kept):
            kept.append(form)
    return tuple(sorted(kept, key=lambda f: (f != word, not any(f in word for _ in "_"))))


def _consonants(romanised: str) -> str:
    """A name's consonant skeleton, which romanisations of one name share: Zaporizhzhia
    and Zaporozhye, Kharkiv and Kharkov."""
    bare = _VOWELS.sub("", romanised.casefold())
    return _REPEATS.sub(r"\1", bare)
