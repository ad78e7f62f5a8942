"""The region a source mostly writes about, for the namesakes its posts leave open.

A military administration's channel writes "Корабельний район", "Дніпровський район" or a
village that three oblasts share, and never says which oblast: its readers know. So does a
bot that has read its last posts. `HomeRegions` keeps, per source, the oblasts of its recent
events that the text placed surely, and names one when it clearly dominates; until a source
has said enough, its name stands in ("kherson_mva_tg", "Сумська ОВА", "suspilne_dnipro");
an operator may also set it (`region:` on a source). The extractor uses it only when an
article names no place that tells the oblast (`Extractor.extract(..., home=)`).
"""

from __future__ import annotations

import re
import threading
from collections import Counter, deque
from collections.abc import Callable, Iterable, Mapping
from typing import Protocol

from bot.extract.placenames import is_cyrillic
from bot.records import Event, Place, PlaceLevel

SURE = 0.9  # a place this sure says which oblast the source wrote about
WINDOW = 20  # the source's last articles that placed something surely
LEAST = 3  # fewer than this say nothing yet about a source
SHARE = 0.6  # the oblast of at least this share of them is the source's own
CITY = 50_000  # a town this big in a source's name is its home ("nikopol_rva", "kharkiv_today")
_TOKEN = re.compile(r"[^\W\d_]{4,}")
_WORD = re.compile(r"[^\W\d_]{2,}")


class RegionLookup(Protocol):
    def region(self, name: str) -> Place | None: ...

    def lookup(self, name: str) -> tuple[Place, ...]: ...


# Words that make a name a local authority's or a regional newsroom's: a national outlet named
# after its city ("The Kyiv Independent", "Kyiv Post") writes about the whole country.
_LOCAL = re.compile(
    r"(?:^|[\W_])(?:ova|oda|mva|rva|vca|vtsa|ова|ода|мва|рва|вца|police|npu|police|поліці\w*|"
    r"полици\w*|dsns|sesu|дснс|гсчс|mchs|мчс|rada|рада|hromada|громад\w*|city|council|mayor|"
    r"міськ\w*|городск\w*|обласн\w*|областн\w*|районн\w*|oblast|region|regional|"
    r"administration|admin|адміністрац\w*|администрац\w*|адмін\w*|админ\w*|prosecutors?|прокуратур\w*|oblenergo|"
    # a city's defence council ("Рада оборони Кривого Рогу")
    r"defen[cs]e|оборон\w*|"
    r"обленерго|облэнерго|suspilne|суспільне|governor|губернатор\w*|glava|голова|глава)"
    r"(?=$|[\W_])",
    re.IGNORECASE,
)


def _big_town_region(towns: Iterable[Place]) -> str | None:
    """The oblast of the one town of at least `CITY` people among these, if one; of several,
    the one in Ukraine ("pokrovsk_mva": Pokrovsk of Donetsk Oblast, not Engels, which was
    Pokrovsk until 1931)."""
    big = [p for p in towns if p.population >= CITY and p.admin1]
    if len(big) > 1:
        big = [p for p in big if p.country == "UA"]
    return big[0].admin1 if len(big) == 1 else None


# Words that make a local source a city's or a town's, not its oblast's ("kherson_mva" is the
# city's military administration, "kherson_ova" the oblast's).
_CITY_BODY = re.compile(
    r"(?:^|[\W_])(?:city|mva|мва|міськ\w*|городск\w*|mayor|мер|міськрада|горсовет|hromada|"
    r"громад\w*|council)(?=$|[\W_])",
    re.IGNORECASE,
)
_OBLAST_BODY = re.compile(
    r"(?:^|[\W_])(?:ova|oda|ова|ода|обл\w*|oblast|region|regional|governor|губернатор\w*|police|"
    r"npu|поліці\w*|полици\w*|dsns|sesu|дснс|гсчс|mchs|мчс|prosecutors?|прокуратур\w*|oblenergo|"
    r"обленерго|облэнерго|suspilne|суспільне)(?=$|[\W_])",
    re.IGNORECASE,
)
TOWN = 10_000  # a town this big named in a local channel's name is where its posts are from


def named_town(name: str, gazetteer: RegionLookup) -> Place | None:
    """The one town a local source's name or id names ("kostiantynivka_mva_tg",
    "horlivka_admin"), of at least `TOWN` people, the one in Ukraine when it has namesakes
    abroad; None when it names none or several, when nothing in the name says the source is
    local, or when the source is an oblast's body named as its capital ("dnipro_ova"). A
    city's channel writes "ворог скинув на центральну частину міста дві авіабомби" without its
    city's name: its readers know. (An adjective, "Горлівська міська адміністрація", is not
    read.)"""
    if _LOCAL.search(name) is None:
        return None
    city = _CITY_BODY.search(name) is not None
    if not city and _OBLAST_BODY.search(name):
        return None  # "dnipro_ova_tg", "police_donetsk": an oblast's body, named as its capital
    words = _WORD.findall(name)
    candidates = [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    candidates += [w for w in words if len(w) >= 4]
    found: dict[str, Place] = {}
    paired: set[str] = set()
    for candidate in candidates:
        if " " not in candidate and candidate in paired:
            continue
        town = one_town(
            p
            for p in gazetteer.lookup(candidate)
            if p.population >= TOWN and p.name.casefold().replace("-", " ") == candidate.casefold()
        )
        if town is not None and not city and gazetteer.region(candidate) is not None:
            continue  # "kherson_admin": the oblast's as likely as the city's
        if town is not None:
            found[town.name] = town
            if " " in candidate:
                paired.update(candidate.split())
    return next(iter(found.values())) if len(found) == 1 else None


def one_town(places: Iterable[Place]) -> Place | None:
    """The one town (a settlement with an oblast) these places leave: of namesakes, the one in
    Ukraine, then the one city among towns (Kostiantynivka of Donetsk Oblast, not of
    Zaporizhzhia Oblast); None when that leaves none or several."""
    towns = [p for p in places if p.level is PlaceLevel.SETTLEMENT and p.admin1]
    if len(towns) > 1:
        towns = [p for p in towns if p.country == "UA"]
    if len(towns) > 1:
        towns = [p for p in towns if p.population >= CITY]
    return towns[0] if len(towns) == 1 else None


def named_region(name: str, gazetteer: RegionLookup) -> str | None:
    """The one region a local source's name or id names, by an oblast's adjective ("Сумська
    ОВА", "Губернатор Белгородской области"), a region ("kherson_ova_tg") or a big town in it
    ("nikopol_rva_tg"); None when it names none or several, or when nothing in the name says
    the source is local (an authority, a city council, a regional newsroom)."""
    if _LOCAL.search(name) is None:
        return None
    found: set[str] = set()
    # a town of two words first ("kryvyi_rih_defence", "bilhorod_dnistrovskyi_rada"): its
    # words alone are other places (Bilhorod is Belgorod)
    words = _WORD.findall(name)
    paired: set[str] = set()
    for first, second in zip(words, words[1:], strict=False):
        for joined in (f"{first} {second}", f"{first}-{second}"):
            # (the name itself, not what the lookup's spelling variants reach)
            towns = [
                p
                for p in gazetteer.lookup(joined)
                if p.level is PlaceLevel.SETTLEMENT
                and p.admin1
                and p.name.casefold().replace("-", " ") == joined.casefold().replace("-", " ")
            ]
            if towns:
                paired.update((first, second))
            # (the name's own towns are sure enough when they all lie in one oblast)
            if (one := _big_town_region(towns)) or len({p.admin1 for p in towns}) == 1:
                found.add(one or towns[0].admin1 or "")
    for token in _TOKEN.findall(name):
        if token in paired:
            continue
        region = gazetteer.region(f"{token} область" if is_cyrillic(token) else token)
        if region is None:
            if one := _big_town_region(
                [p for p in gazetteer.lookup(token) if p.level is PlaceLevel.SETTLEMENT]
            ):
                found.add(one)
            continue
        found.add(region.name if region.level is PlaceLevel.REGION else region.admin1 or "")
    found.discard("")
    return found.pop() if len(found) == 1 else None


class HomeRegions:
    """Each source's home region: configured, else learned from its last `WINDOW` articles
    with a surely placed event (an oblast that at least `SHARE` of them, and `LEAST` at
    least, were about), else what `guess` makes of its id (`named_region`) until `LEAST`
    such articles have come. Memory: `WINDOW` small sets per source."""

    def __init__(
        self,
        configured: Mapping[str, str] | None = None,
        *,
        guess: Callable[[str], str | None] | None = None,
        town: Callable[[str], Place | None] | None = None,
        window: int = WINDOW,
        least: int = LEAST,
        share: float = SHARE,
    ) -> None:
        self._configured = dict(configured or {})
        self._guess = guess  # a source's name → its region, until its articles tell
        self._guessed: dict[str, str | None] = {}
        self._town = town  # a source's name → the town its posts are from, if it names one
        self._towns: dict[str, Place | None] = {}
        self._window, self._least, self._share = window, least, share
        self._seen: dict[str, deque[frozenset[str]]] = {}
        self._lock = threading.Lock()  # articles are extracted in worker threads

    def of(self, source_id: str) -> str | None:
        """The source's home region, or None (a national outlet, or too few articles yet)."""
        if (fixed := self._configured.get(source_id)) is not None:
            return fixed
        with self._lock:
            seen = tuple(self._seen.get(source_id, ()))
        if len(seen) < self._least:
            return self.own(source_id)
        counts = Counter(region for regions in seen for region in regions)
        region, n = counts.most_common(1)[0]
        return region if n >= self._share * len(seen) else None

    def own(self, source_id: str) -> str | None:
        """The region a source is an authority or newsroom of, by its config or its name
        (never learned from its posts: a national outlet may write mostly of one oblast)."""
        if (fixed := self._configured.get(source_id)) is not None:
            return fixed
        if self._guess is None:
            return None
        with self._lock:
            if source_id not in self._guessed:
                self._guessed[source_id] = self._guess(source_id)
            return self._guessed[source_id]

    def own_town(self, source_id: str) -> str | None:
        """The town a city's or a town's channel is of, by its name ("sloviansk_mva_tg"),
        when that is all its name says (never learned; a configured `region:` wins, and a
        town outside it is not the source's)."""
        if self._town is None:
            return None
        with self._lock:
            if source_id not in self._towns:
                self._towns[source_id] = self._town(source_id)
            town = self._towns[source_id]
        if town is None:
            return None
        fixed = self._configured.get(source_id)
        return town.name if fixed is None or fixed == town.admin1 else None

    def own_place(self, source_id: str) -> str | None:
        """What a post of the source that names no place is about: its town, else its
        region (`Extractor.extract(..., own=)`)."""
        return self.own_town(source_id) or self.own(source_id)

    def learn(self, source_id: str, events: Iterable[Event]) -> None:
        """Count an article's sure oblasts (one vote each, however many events name it)."""
        regions = frozenset(
            m.place.admin1 for e in events for m in e.places if m.place.admin1 and m.score >= SURE
        )
        if regions:
            with self._lock:
                seen = self._seen.setdefault(source_id, deque(maxlen=self._window))
                seen.append(regions)


def configured_regions(
    regions: Iterable[tuple[str, str | None]], gazetteer: RegionLookup
) -> tuple[list[str], dict[str, str]]:
    """The `region:` of each source (id, region as written), by the gazetteer's name, and a
    problem for each it does not know ("sources[2].region: ..."): one list for the config's
    errors."""
    problems: list[str] = []
    known: dict[str, str] = {}
    for i, (source_id, written) in enumerate(regions):
        if written is None:
            continue
        region = gazetteer.region(written)
        if region is None or region.level is not PlaceLevel.REGION:
            problems.append(
                f"sources[{i}].region: {written!r} is not a region newsalert knows "
                "(write an oblast as 'Kherson Oblast', or Crimea, Kyiv, Sevastopol)"
            )
        else:
            known[source_id] = region.name
    return problems, known
