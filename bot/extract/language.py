"""Which language an article is written in: English, Ukrainian, Russian, or another one.

Newsalert's sources write in these three (and the occasional other one, such as a German
feed in the same list). Script decides first; within Cyrillic, the letters only one of the
two languages has (і ї є ґ against ы э ё ъ) and their commonest short words decide, which
takes a sentence or two. It is a cheap test run on every article, not a general detector.
"""

from __future__ import annotations

import re

ENGLISH, UKRAINIAN, RUSSIAN, OTHER, UNKNOWN = "en", "uk", "ru", "other", "und"

_WORD = re.compile(r"[^\W\d_]+")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_UKRAINIAN_LETTERS = frozenset("іїєґ")
_RUSSIAN_LETTERS = frozenset("ыэёъ")
# Short, frequent words one language has and the other lacks (or spells otherwise).
_UKRAINIAN_WORDS = _words(
    "та що як це від до його її які який яка але або також було були вже ще чи щодо під час "
    "через між після біля внаслідок загинули повідомив повідомила заявив області і й з із зі "
    "року буде може всі вони вона він ми"
)
_RUSSIAN_WORDS = (
    _words(
        "что как это от его ее её которые который которая но или также было были уже еще ещё "
        "через между после около результате погибли сообщил сообщила заявил области и с к из "
        "года году будет может все всех они она он мы кто"
    )
    - _UKRAINIAN_WORDS
)
_ENGLISH_WORDS = _words(
    "the and of to in a is was were that for on with by from at as has have said says "
    "after were are it its their been"
)
# The same for the Latin-script languages a feed list may mix in.
_OTHER_LATIN_WORDS = (
    _words(
        "der die das und den dem des ist nicht mit auf zu ein eine einem einen für von im oder "
        "werden wird kann sein wenn nach bei aus auch noch sich le la les des et est une du dans el los "
        "las y una por con para il di che della nel w na i z się nie jest że"
    )
    - _ENGLISH_WORDS
)
_OTHER_LATIN_LETTERS = frozenset("äöüßàâçèéêëîïôûùœñáíóúãõąćęłńśźżčšžřěůő")
_MIN_LETTERS = 12  # below this (a bare name, a number) nothing can be told


# Letters counted by deleting everything else in runs, which is far quicker in Python than a
# loop over characters. Latin letters are those whose lowercase lies in a-z: that takes in the
# Kelvin sign and İ (whose lowercase is "i" plus a dot).
_NOT_LATIN = re.compile("[^A-Za-z\u0130\u212a]+")
_NOT_CYRILLIC = re.compile("[^\u0400-\u04ff]+")
_NOT_OTHER_LATIN = re.compile(f"[^{''.join(sorted(_OTHER_LATIN_LETTERS))}]+")


def _count(others: re.Pattern[str], text: str) -> int:
    """How many characters of `text` the class `others` excludes."""
    return len(others.sub("", text))


def detect_language(text: str) -> str:
    """An ISO 639-1 code ("en", "uk", "ru"), "other" for another language, or "und"."""
    latin = _count(_NOT_LATIN, text)
    cyrillic = _count(_NOT_CYRILLIC, text)
    if latin + cyrillic < _MIN_LETTERS:
        return UNKNOWN
    if cyrillic > latin:
        return _cyrillic(text)
    words = _WORD.findall(text.lower())
    english = sum(1 for w in words if w in _ENGLISH_WORDS)
    other = sum(1 for w in words if w in _OTHER_LATIN_WORDS)
    other += _count(_NOT_OTHER_LATIN, text)
    # A headline may have no small words at all: Latin script alone means English here.
    return ENGLISH if english >= other else OTHER


def _cyrillic(text: str) -> str:
    lower = text.lower()
    uk = sum(lower.count(ch) for ch in _UKRAINIAN_LETTERS)
    ru = sum(lower.count(ch) for ch in _RUSSIAN_LETTERS)
    for w in _WORD.findall(lower):
        if w in _UKRAINIAN_WORDS:
            uk += 2
        elif w in _RUSSIAN_WORDS:
            ru += 2
    if "ў" in lower:  # Belarusian has і and ы both; ў is its own
        return OTHER
    if uk == ru:
        return UNKNOWN
    return UKRAINIAN if uk > ru else RUSSIAN
