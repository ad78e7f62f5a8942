"""Place-name keys: casefolded, diacritic-free, and Cyrillic case endings stemmed away."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Any

from bot.extract.translit import romanize

# Countries and regions with their aliases: the gazetteer and the hierarchy both read it.
REGIONS_FILE = Path(__file__).with_name("data") / "regions.yaml"

# Words that turn a base name into its region: "Kherson region", "the Zaporizhzhia oblast".
# fmt: off
REGION_WORDS = frozenset((
    "region", "regions", "oblast", "oblasts", "province", "provinces", "provincial",
    "regional", "krai", "kray", "territory", "voivodeship",
    "область", "области", "областей", "край", "краю", "крае",
))
# fmt: on

_APOSTROPHES = str.maketrans("", "", "'’ʼ`‘′")
_WORD = re.compile(r"[^\W_]+")
_CYRILLIC_VOWELS = frozenset("аеєиіїоуюяыэ")
# Case endings of Ukrainian and Russian nouns and adjectives, tried longest first so that
# "Херсонській" loses "ій", not only "й". Not a real stemmer: enough for place names.
# fmt: off
_ENDINGS = tuple(sorted((
    "ого", "ому", "ими", "ами", "ями", "ьем", "ьей", "ої", "ій", "ою", "ею", "их", "ий", "ая",
    "им", "ім",
    "ой", "ую", "ое", "ие", "ых", "ым", "ам", "ям", "ах", "ях", "ом", "ем", "ья", "ье", "ью",
    "ьи", "а", "я", "і", "и", "е", "у", "ю", "о", "ь", "й", "ї", "є", "ы",
), key=len, reverse=True))
# fmt: on
# Ukrainian turns к, г, х into ц, з, с before the locative -і (Каховка -> Каховці).
_MUTATIONS = str.maketrans("цзс", "кгх")


@functools.cache
def _fold_char(ch: str) -> str:
    if ch == "ё":
        return "е"
    if ord(ch) >= 0x400:  # Cyrillic keeps й and ї: they tell words apart.
        return ch
    return "".join(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))


def fold_word(word: str) -> str:
    """One word as the index keys it: casefolded, Latin diacritics dropped."""
    return "".join(_fold_char(c) for c in word.casefold())


def normalise(name: str) -> str:
    """The exact-match key: casefold, no diacritics or apostrophes, hyphens become spaces."""
    return " ".join(fold_word(w) for w in _WORD.findall(name.translate(_APOSTROPHES)))


def is_cyrillic(word: str) -> bool:
    return any("\u0400" <= c <= "\u052f" for c in word)


_FLEETING_O = re.compile("[бвгґджзклмнпрстфхцчшщ][оеє]к$")


@functools.lru_cache(maxsize=65536)
def stem_word(word: str, *, mutated: bool = False, shortest: int = 3) -> str:
    """A folded Cyrillic word reduced so its case forms meet: Харків/Харкові, Київ/Києві.

    mutated undoes the consonant change of the locative (Каховці -> Каховк-), which only
    the caller can try: Одесі has a real с. shortest is the least a stem keeps of the word.
    """
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= shortest:
            word = word[: -len(ending)]
            if mutated:
                word = word[:-1] + word[-1].translate(_MUTATIONS)
            break
    if word.endswith(("ець", "ец")):  # the е drops out: Марганець, Марганця, в Марганце
        word = word.removesuffix("ь")[:-2] + "ц"
    elif _FLEETING_O.search(word) and len(word) >= 5:
        # ... and the о or е before a last к: Городок, Городка; Олешки, з Олешок, Алешек
        word = word[:-2] + "к"
    # The last vowel alternates (Харків/Харкова, Київ/Києва): leave it out of the key.
    for i in range(len(word) - 1, -1, -1):
        if word[i] in _CYRILLIC_VOWELS:
            return word[:i] + "*" + word[i + 1 :]
    return word


@functools.lru_cache(maxsize=65536)
def stem_key(key: str) -> str:
    # A name's later words may be short (Часів Яр, у Часовому Яру).
    return " ".join(stem_word(w, shortest=3 if i == 0 else 2) for i, w in enumerate(key.split()))


def stem_keys(key: str) -> tuple[str, ...]:
    """stem_key, plus the variant with a locative consonant change undone when it may apply."""
    plain = stem_key(key)
    words = key.split()
    if not words or not words[-1].endswith(("ці", "зі", "сі")):
        return (plain,)
    head = stem_key(" ".join(words[:-1]))
    last = stem_word(words[-1], mutated=True, shortest=3 if len(words) == 1 else 2)
    return (plain, f"{head} {last}" if head else last)


_SOUND_VOWELS = re.compile("[аеєиіїоуюяыэёй]+")
_SOUND_DROP = str.maketrans({"ь": None, "ъ": None, "'": None, "’": None, "ʼ": None, "ґ": "г"})


@functools.lru_cache(maxsize=65536)
def sound_key(key: str) -> str | None:
    """A Cyrillic name reduced to its consonants, each run of vowels one "*", after its case
    ending: the Ukrainian and Russian spellings of a village meet (Роботине/Работино,
    Кліщіївка/Клещеевку, Андріївку/Андреевка). None when too few consonants remain to tell
    names apart."""
    words = []
    for word in key.split():
        stem = stem_word(word, shortest=2).replace("*", "а").translate(_SOUND_DROP)
        # A к before the adjective's -ськ- is ц in Ukrainian, not in Russian:
        # Великобурлуцька/Великобурлукская.
        stem = stem.replace("кск", "цк")
        sound = _SOUND_VOWELS.sub("*", stem)
        # Ukrainian puts a в before an initial у or о that Russian lacks (Вугледар/Угледар).
        words.append(sound[1:] if sound.startswith("в*") else sound)
    out = " ".join(words)
    return out if sum(c not in "* " for c in out) >= 4 else None


# Romanisations disagree on these (Zaporizhzhia/Zaporozhye/Zaporojie, Kyiv/Kiev, Hola/Gola):
# folding them lets a fuzzy match measure real misspellings rather than transliteration.
# German-style "sch" stands for the "shch" of Щ (Klischiivka, Schastia, Tschernihiw).
_SKELETON_STEPS = (
    ("shch", "s"),
    ("sch", "s"),
    ("zh", "z"),
    ("kh", "h"),
    ("ch", "c"),
    ("sh", "s"),
    ("ts", "c"),
    ("tz", "c"),
    ("ph", "f"),
    ("j", "i"),
    ("y", "i"),
    # Ukrainian -нє, -ьє and Є: Horishnie/Horishne, Sievierodonetsk/Severodonetsk, Yenakiieve.
    ("ie", "e"),
    ("w", "v"),
    ("g", "h"),
    ("x", "h"),
)


_LATIN_VOWELS = re.compile("[aeiou*]+")  # "*": a vowel a Cyrillic stem left out


@functools.lru_cache(maxsize=65536)
def latin_sound(key: str, consonants: int = 4) -> str | None:
    """A Latin name's skeleton reduced to its consonants, each run of vowels one "*": the
    Ukrainian and the older Russian-based romanisations of a village meet (Mykhailivka and
    Mikhaylovka, Vodiane and Vodyanoye, Kurakhove and Kurakhovo, Hontarivka and Gontarovka).
    Too loose for a whole country's names; used only among one oblast's. None when fewer
    than `consonants` remain to tell names apart."""
    sound = _LATIN_VOWELS.sub("*", skeleton(key))
    return sound if sum(c not in "* -" for c in sound) >= consonants else None


@functools.lru_cache(maxsize=65536)
def skeleton(key: str) -> str:
    """A Latin key with transliteration variants folded and doubled letters collapsed."""
    for old, new in _SKELETON_STEPS:
        key = key.replace(old, new)
    out: list[str] = []
    for c in key:
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out)


def spells_name(mention: str, name: str) -> bool:
    """Whether a mention is a place's own name in some form or script ("Бучанському" of
    Bucha, "Kupyansk" of Kupiansk), not another name it goes by ("Приморський район" of
    Odesa): its first letters, romanised and folded, are the name's."""
    written = normalise(romanize(mention)) if is_cyrillic(mention) else normalise(mention)
    return skeleton(written)[:4] == skeleton(normalise(name))[:4]


@functools.cache
def regions_data() -> dict[str, Any]:
    """regions.yaml as read once: the countries and regions newsalert knows by itself."""
    import yaml

    data: dict[str, Any] = yaml.safe_load(REGIONS_FILE.read_text(encoding="utf-8"))
    return data


@functools.cache
def city_regions() -> frozenset[str]:
    """The regions that are cities (Kyiv, Sevastopol, Moscow): a point on a map, unlike an
    oblast."""
    return frozenset(r["name"] for r in regions_data()["regions"] if r.get("city"))


@functools.cache
def ukraine_regions() -> tuple[tuple[str, str], ...]:
    """Ukraine's oblasts, Crimea, Kyiv and Sevastopol as (name, GeoNames admin1 code), in
    regions.yaml's order: what a region picker offers."""
    regions = regions_data()["regions"]
    return tuple((r["name"], str(r["admin1"])) for r in regions if r["country"] == "UA")
