"""Places across the whole gazetteer, as notes write them: a probe of the place finder.

Generated, not real, text: 300 villages drawn at random (a fixed seed) from the gazetteer's
Ukrainian settlements, each written in five ways analysts' notes and wires use ("X, Donetsk",
"X (Donetsk oblast)", "X in the Donetsk region", "X village, Donetsk oblast", "near X,
Donetsk"), once as the gazetteer spells it and once in an older Russian-based romanisation
(the rules of `tests/extract/test_extract_classes._russian_based`: г as g, -івка as -ovka,
-ське as -skoye...). For each, how often the village itself was found in its oblast, how often
a big city of that oblast stood in for it (the "X, Donetsk" put in Donetsk failure), and the
rest (the oblast only, or nothing). The spelling rules were written beside the matching they
probe: the figures show the class works across the gazetteer, not that real texts spell
names this way.

Run from the repo root: `python bench/probe_places.py`. Prints figures; asserts nothing.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from bot.config.schema import PlacesSettings  # noqa: E402
from bot.extract import Extractor  # noqa: E402
from bot.extract.gazetteer import Gazetteer  # noqa: E402
from bot.extract.places import PlaceMatcher  # noqa: E402
from bot.records import Article, PlaceLevel  # noqa: E402
from tests.extract.test_extract_classes import _russian_based  # noqa: E402

VILLAGES = 300
CITY = 100_000
NOW = datetime(2024, 5, 3, 18, 0, tzinfo=UTC)


def bare(oblast: str) -> str:
    return oblast.removesuffix(" Oblast")


FORMATS: dict[str, Callable[[str, str], str]] = {
    "X, Donetsk": lambda n, o: (
        f"On 3 May 2024, Russian forces shelled {n}, {bare(o)}. Casualties unknown."
    ),
    "X (Donetsk oblast)": lambda n, o: (
        f"On 3 May 2024, Russian forces shelled {n} ({bare(o)} oblast). No casualties reported."
    ),
    "X in the Donetsk region": lambda n, o: (
        f"Russian drones struck {n} in the {bare(o)} region, injuring two."
    ),
    "X village, Donetsk oblast": lambda n, o: (
        f"On 3 May 2024, {n} village, {bare(o)} oblast: a Russian drone hit a car."
    ),
    "near X, Donetsk": lambda n, o: f"Ukrainian forces repelled an assault near {n}, {bare(o)}.",
}


def main() -> int:
    settings = PlacesSettings()
    gazetteer = Gazetteer.load(settings)
    extractor = Extractor(PlaceMatcher(gazetteer), gazetteer)
    villages = [
        p
        for p in gazetteer.places()
        if p.country == "UA"
        and p.level is PlaceLevel.SETTLEMENT
        and p.admin1
        and p.admin1.endswith("Oblast")
        and p.name.isalpha()
    ]
    random.Random(7).shuffle(villages)
    sample = villages[:VILLAGES]
    for name, write in FORMATS.items():
        for spelling in ("gazetteer", "russian-based"):
            found = city = other = 0
            for village in sample:
                written = village.name if spelling == "gazetteer" else _russian_based(village.name)
                text = write(written, village.admin1 or "")
                events = extractor.extract(Article("probe", None, None, "", text, NOW, NOW))
                places = [m.place for e in events for m in e.places]
                if any((p.name, p.admin1) == (village.name, village.admin1) for p in places):
                    found += 1
                elif any(
                    p.level is PlaceLevel.SETTLEMENT
                    and p.population >= CITY
                    and p.admin1 == village.admin1
                    for p in places
                ):
                    city += 1
                else:
                    other += 1
            print(
                f"probe.places format={name!r} spelling={spelling} found={found}/{len(sample)} "
                f"city_instead={city} oblast_or_nothing={other}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
