"""Which of several places of one name a text means, and how sure that choice is."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass

from bot.records import Place, PlaceLevel

# Oblasts on or near the front line since 2022, where most reported fighting and shelling is.
FRONT_LINE_OBLASTS = frozenset(
    {
        "Donetsk Oblast",
        "Luhansk Oblast",
        "Zaporizhzhia Oblast",
        "Kherson Oblast",
        "Kharkiv Oblast",
        "Sumy Oblast",
        "Dnipropetrovsk Oblast",
        "Mykolaiv Oblast",
        "Chernihiv Oblast",
    }
)
_FRONT_BONUS = 0.5
MAJOR = 100_000  # a place this big wins over a namesake in a region the text mentions
TOWN = 10_000  # a town this big is what its name means, before villages elsewhere


def unlisted(p: Place) -> bool:
    """A village only the KATOTTG codifier lists: GeoNames has no entry for it."""
    return p.geonameid is None and p.code is not None


# The gazetteer hands out the same tuple for a name every time: count its oblasts once.
_OBLASTS: dict[int, tuple[tuple[Place, ...], int]] = {}


_UNITS = frozenset({PlaceLevel.COMMUNITY, PlaceLevel.DISTRICT})


def raion_key(place: Place) -> str:
    """The raion part of a place's KATOTTG code (UA + oblast + raion: "UA1206"), as the
    context names it; "" when it has no code."""
    return place.code[:6] if place.code and place.code.startswith("UA") else ""


def raion_keys(places: Iterable[Place]) -> set[str]:
    """The raion keys of the raions among the places: what they add to a context."""
    return {raion_key(p) for p in places if p.level is PlaceLevel.DISTRICT} - {""}


def in_raion(place: Place, context: Set[str]) -> bool:
    """Whether the place lies in a raion the context names (see `raion_key`), the raion
    itself aside."""
    key = raion_key(place)
    return bool(key) and key in context and place.level is not PlaceLevel.DISTRICT


def _oblast_count(places: tuple[Place, ...]) -> int:
    """How many oblasts a name's settlements lie in."""
    got = _OBLASTS.get(id(places))
    if got is None or got[0] is not places:
        if len(_OBLASTS) > 65536:
            _OBLASTS.clear()
        count = len({p.admin1 for p in places if p.level is PlaceLevel.SETTLEMENT})
        got = _OBLASTS[id(places)] = (places, count)
    return got[1]


def _dominant(chosen: Place, candidates: Sequence[Place]) -> bool:
    """A town ten times bigger than every place of its very name is what the name means."""
    return chosen.population >= 2_000 and all(
        chosen.population >= 10 * p.population
        for p in candidates
        if p is not chosen and p.name == chosen.name
    )


@dataclass(frozen=True, slots=True)
class Namesakes:
    """The rules for one home country (whose places outweigh foreign ones of a size)."""

    home: str = "UA"

    def plausible(self, places: tuple[Place, ...], context: Set[str]) -> tuple[Place, ...]:
        """The places, less the villages known only to the codifier (often dozens of
        namesakes: Sieverne, Vesele) unless the name is unique or the text names their oblast.
        A place cue before the name ("near", "village of") says it is a place, not which."""
        if len(places) == 1:
            return places
        # Hromadas and raions of one name in a few oblasts ("Краснопільська громада" is in
        # Sumy, Vinnytsia and Zhytomyr oblasts) stay: few enough to guess among (see
        # `sureness`), where villages can number dozens.
        return tuple(
            p for p in places if not unlisted(p) or p.level in _UNITS or p.admin1 in context
        )

    def choose(self, places: Sequence[Place], context: Set[str]) -> Place:
        """The likeliest of namesakes: one inside a raion the text names, else a region over a
        settlement, else size and home country, unless a smaller namesake lies in a region the
        text mentions."""
        best = max(places, key=self.weight)
        inside = [p for p in places if in_raion(p, context)]
        if inside and best.level is not PlaceLevel.COUNTRY and best.population < MAJOR:
            # (not over a big city: a village called Zaporizhzhia lies in Polohy Raion too)
            return max(inside, key=self.weight)
        if best.level is PlaceLevel.COUNTRY or best.admin1 in context:
            return best
        local = [p for p in places if p.admin1 in context]
        # A big city wins over a village namesake in context, not over another big city
        # (Kyiv and Kherson both have a Dniprovskyi district); a city far from the war, in
        # no region the gazetteer keeps, does not ("В посёлке Октябрьский" in a Belgorod
        # governor's post is Belgorod Oblast's, not Bashkortostan's city of 100,000).
        if (
            best.level is PlaceLevel.SETTLEMENT
            and best.population >= MAJOR
            and (best.country == self.home or best.admin1 is not None)
        ):
            local = [p for p in local if p.population >= MAJOR]
        return max(local, key=self.weight) if local else best

    def sureness(
        self,
        chosen: Place,
        places: Sequence[Place],
        context: Set[str],
        *,
        everyone: Sequence[Place] = (),
    ) -> float:
        """How sure the choice is: the chosen place's share of the weight of the candidates
        left (those in the regions in context, when it is one of them). One Novoselivka of
        thirty, with nothing in the text to tell them apart, is a guess.

        everyone: all the places of the name, the codifier's villages `plausible` set aside
        included. A village whose namesakes lie in other oblasts is no surer than one oblast
        in so many, however small they are, unless the text names its oblast: a Russian
        spelling of Robotyne also spells a Rybotyn and a Ryboten elsewhere."""
        if (
            in_raion(chosen, context)
            and chosen.population < MAJOR
            and not any(in_raion(p, context) for p in places if p is not chosen)
        ):
            return 1.0  # the one inside the raion the text names
        if (
            chosen.level in _UNITS
            and chosen.admin1 not in context
            and len({p.admin1 for p in places if p.level in _UNITS}) > 1
        ):
            return 0.25  # one hromada of its name in each of three oblasts: a guess
        if chosen.level is not PlaceLevel.SETTLEMENT:
            return 1.0
        sure = 1.0
        if len(places) > 1:
            pool = [p for p in places if p.admin1 in context] if chosen.admin1 in context else []
            pool = [p for p in pool or places if p.level is PlaceLevel.SETTLEMENT]
            weights = [10 ** self.weight(p)[1] for p in pool]
            sure = max(10 ** self.weight(chosen)[1] / sum(weights), 0.01)
        if chosen.population < TOWN and chosen.admin1 not in context:
            candidates = tuple(everyone or places)
            oblasts = _oblast_count(candidates)
            if oblasts > 1 and not _dominant(chosen, candidates):
                sure = min(sure, 1 / oblasts)
        return sure

    @staticmethod
    def ambiguous(places: Sequence[Place], sureness: float) -> bool:
        """Several big places or regions share the name, or the pick is a guess: the text's
        other names should not be read in its light ("Dniprovskyi district": Kyiv? Kherson?)."""
        big = {p.admin1 for p in places if p.level is not PlaceLevel.SETTLEMENT}
        big |= {p.admin1 for p in places if p.population >= MAJOR}
        return len(big) > 1 or sureness < 0.5

    def weight(self, p: Place) -> tuple[bool, float]:
        home = 1.0 if p.country == self.home else 0.0
        # News of the war is mostly news of the front: of two villages of one name and no
        # other clue, the one in a front-line oblast is likelier (as if three times bigger).
        front = _FRONT_BONUS if p.admin1 in FRONT_LINE_OBLASTS else 0.0
        return (p.level is not PlaceLevel.SETTLEMENT, math.log10(p.population + 10) + home + front)
