"""Whether a capitalised Cyrillic word is a common word, by the Ukrainian and Russian
dictionaries of pymorphy3: "Вранці ворог атакував ..." starts with "in the morning", not
with a place, whatever town abroad an alternate name of it spells.

Only words a dictionary knows, and only the parts of speech no place is named with
(adverbs, prepositions, conjunctions, particles, verbs): "Мирне" and "Зоряне" are adjectives
and nouns, and villages too.
"""

from __future__ import annotations

import functools

from bot.extract.morphology import analyzer as _analyzer

_UKRAINIAN_ONLY = frozenset("іїєґ")
_RUSSIAN_ONLY = frozenset("ыэёъ")
_NEVER_A_NAME = frozenset({"ADVB", "PREP", "CONJ", "PRCL", "INTJ", "VERB", "INFN", "PRED", "GRND"})


@functools.lru_cache(maxsize=4096)
def never_a_name(word: str) -> bool:
    """A known adverb, preposition, conjunction, particle or verb in its language's
    dictionary, read by its likeliest sense: "вранці", "уночі", "близько", "ночью"."""
    word = word.lower()
    letters = set(word)
    if letters & _UKRAINIAN_ONLY:
        langs: tuple[str, ...] = ("uk",)
    elif letters & _RUSSIAN_ONLY:
        langs = ("ru",)
    else:
        langs = ("uk", "ru")
    for lang in langs:
        analyzer = _analyzer(lang)
        if analyzer is None:
            return False
        try:
            parses = analyzer.parse(word)
        except ValueError:  # a letter pymorphy3 has no shape for: no dictionary word
            return False
        if parses and parses[0].is_known and parses[0].tag.POS in _NEVER_A_NAME:
            return True
        # a pronoun in any reading ("Усі в лікарні", "all": also a plural noun, "moustaches")
        if any(p.is_known and p.tag.POS == "NPRO" for p in parses[:3]):
            return True
    return False


@functools.lru_cache(maxsize=4096)
def lemmas(word: str) -> tuple[str, ...]:
    """The dictionary forms a Ukrainian or Russian word may be of, likeliest first:
    "удари" → "удар", "обстрілів" → "обстріл", "евакуації" → "евакуація"; () for a word
    neither dictionary knows (or without the dictionaries)."""
    word = word.lower()
    letters = set(word)
    langs = (
        ("uk",)
        if letters & _UKRAINIAN_ONLY
        else ("ru",)
        if letters & _RUSSIAN_ONLY
        else ("uk", "ru")
    )
    found: dict[str, None] = {}
    for lang in langs:
        analyzer = _analyzer(lang)
        if analyzer is None:
            break
        try:
            parses = analyzer.parse(word)[:4]
        except ValueError:  # a letter pymorphy3 has no shape for ("𗀀"): no dictionary word
            return ()
        for parse in parses:
            if parse.is_known:
                found.setdefault(parse.normal_form, None)
    return tuple(found)
