"""Finds the places a text names: exact names, region phrases, inflections, misspellings."""

from __future__ import annotations

import bisect
import functools
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.extract.facilities import km_between
from bot.extract.gazetteer import Gazetteer
from bot.extract.namesakes import MAJOR, Namesakes, raion_keys, unlisted
from bot.extract.placenames import (
    REGION_WORDS,
    is_cyrillic,
    latin_sound,
    normalise,
    skeleton,
    stem_key,
    stem_word,
)
from bot.extract.placetext import APOSTROPHES, Token, tokens, words
from bot.extract.translit import romanize
from bot.extract.wordclass import never_a_name
from bot.records import Place, PlaceLevel, PlaceMention, PlaceRole


def _same_word(written: str, name: str) -> bool:
    """The written word is the name, but for a case ending ("novooleksandrivky" of
    Novooleksandrivka; not "krasnoarmeiske" of Krasnoarmeyskaya)."""
    shared = len(os.path.commonprefix([written, name]))
    return shared >= max(len(name) - 2, 5) and abs(len(written) - len(name)) <= 3


# A neighbourhood GeoNames lists on its own, this close to a city this big, is the city's.
CITY_OF_PARTS = 50_000
PART_OF_CITY_KM = 15.0


# "Kharkiv and Poltava regions", "Харківській та Полтавській областях", "над Харьковской и
# Полтавской областями" ("області", "области" are also singular: the adjective before decides).
_PLURAL_REGION_WORDS = frozenset(
    {
        "regions",
        "oblasts",
        "provinces",
        "областях",
        "областей",
        "областями",
        "областям",
        "області",
        "области",
    }
)
_LIST_WORDS = frozenset({"and", "or", "і", "та", "и"})
_OBLAST_STEM = stem_word("область")
_MAX_WORDS = 5
_FIRST_WORD = re.compile(r"[^\W\d_]+")
_APOSTROPHE = re.compile("[" + APOSTROPHES + "]")
_CONTRACTIONS = frozenset({"ve", "ll", "re", "d", "t", "m"})  # "I've" is not Iwye
_SENTENCE_MARKS = frozenset(".!?…\n:;")
_ADJECTIVE = re.compile(
    r"(?:ськ|цьк|зьк|ск|цк)(?:ий|а|ої|ій|ою|у|е|ого|ому|их|ая|ой|ую|ое|ие|і|ими|ые|ых|ыми|им)$"
)
# A long capitalised word mid-sentence that names one place only is that place, cue or not
# ("Бої за Кліщіївку тривають"); shorter ones meet common words too often.
_DISTINCTIVE = 8
_PLURAL_ADJECTIVE = ("ые", "ие", "ні", "ых", "их", "ими", "ыми")
# A town's adjective in the plural: "київські", "киевские", "харківські".
_TOWN_ADJECTIVE_PLURAL = ("ські", "цькі", "зькі", "ские", "цкие", "зкие")


def _attributive(toks: list[Token], hit: _Hit) -> bool:
    """A town's adjective in the plural before the noun it qualifies ("Київські терористи",
    "Киевские террористы"): no place, since a place named by an adjective is singular
    ("Київське", "Киевский"); a plural name goes on capitalised ("Нові Санжари")."""
    if hit.last != hit.first or hit.last + 1 >= len(toks):
        return False
    tok, after = toks[hit.first], toks[hit.last + 1]
    return (
        tok.cyr
        and tok.key.endswith(_TOWN_ADJECTIVE_PLURAL)
        and after.joined
        and not after.cap
        and after.cyr
    )


# Words after a name that make it a place: the war's axes and sectors.
_AFTER_CUES = frozenset(
    (
        *("direction", "axis", "sector", "area", "outskirts", "front"),
        # "Kotliarivka village, Pokrovsk raion": a monitor's note names the kind after it
        *("village", "town", "city", "settlement", "hamlet"),
    )
)
# Posts' abbreviations for a settlement's kind: село, місто, селище, посёлок, город.
_ABBREVIATED_CUES = frozenset(("с", "м", "смт", "сел", "пос", "пгт", "г", "п"))
_DISTRICT_WORDS = frozenset(("district", "районі", "району", "район", "районе", "района"))
# Words after a name that make it a unit: "the Polohy district", "Куп'янської громади".
_UNIT_WORDS = frozenset(
    (
        *_DISTRICT_WORDS,
        "raion",
        "rayon",
        "community",
        "hromada",
        "громада",
        "громади",
        "громаді",
        "громаду",
        "громадою",
        "громад",
        # Russian posts' cases of the word: "Великобурлукской громады"
        "громады",
        "громаде",
        "громадой",
        "районом",
        "округ",
        "округа",
        "округе",
        "округу",
    )
)
# A town's name + "щина" names the land around it: Нікопольщина, Куп'янщина, Ізюмщина.
_AREA_OF = re.compile(r"^(\w{3,}?)(?:щин|чин)(?:а|и|і|у|ою|е|ой)$")
_QUALIFIER_WORDS = frozenset(("in", "the", "of", "у", "в", "на", "во"))
# What names the area a place lies in when written after it: "X, Donetsk Oblast", "X,
# Pokrovsk raion", "X, Krasnopillia community".
_QUALIFYING_LEVELS = frozenset((PlaceLevel.REGION, PlaceLevel.DISTRICT, PlaceLevel.COMMUNITY))
# The kind of place a note writes after its name: "Kotliarivka village, Pokrovsk raion".
_KIND_AFTER = frozenset(("village", "town", "city", "settlement", "hamlet"))
_TOWN = 20_000  # an inflected town this big wins over a village its case form spells
# Consonants a name's Latin sound needs to be matched among one oblast's villages.
_OBLAST_SOUND = 3
_SMALL = 5_000  # a lone capitalised word naming only places this small needs place context
_OPENING_QUOTES = ("«", '"', "“", "„")
_UNIT_WORDS_BEFORE_NAME = (
    "группировк",
    "угрупован",
    "групп",
    "груп",
    "бригад",
    "батальон",
    "батальйон",
    "полк",
    "корпус",
    "отряд",
    "загон",
    "group",
    "grouping",
    "brigade",
    "battalion",
    "task",
)
# Every oblast's capital is bigger than this; "X, Y" names Y's region only if Y is one.
REGIONAL_CAPITAL = 50_000


@dataclass(frozen=True, slots=True)
class PlaceSpan:
    """A place mention and where it sits in the text (character offsets, end exclusive)."""

    start: int
    end: int
    mention: PlaceMention
    # Several big places or regions share the name, or the pick is a guess: the text's other
    # names should not be read in its light ("Dniprovskyi district": Kyiv? Kherson?).
    ambiguous: bool = False


@dataclass(frozen=True, slots=True)
class PlaceScan:
    """A text's tokens and its candidate names, before namesakes are decided."""

    text: str
    toks: list[Token]
    hits: tuple[_Hit, ...]
    foreign: bool = False  # names a place or country outside the configured countries

    def places_at(self, start: int) -> tuple[Place, ...]:
        """Every place the name at `start` may mean."""
        return tuple(p for h in self.hits if self.toks[h.first].start == start for p in h.places)

    def rivals(self, start: int, place: Place) -> int:
        """The largest population among the other oblasts' places that the name at `start`
        may also mean: 0 when it has none."""
        return max(
            (
                p.population
                for h in self.hits
                if self.toks[h.first].start == start
                for p in h.places
                if p.admin1 != place.admin1
            ),
            default=0,
        )


@dataclass(slots=True)
class _Hit:
    first: int
    last: int  # inclusive token index
    key: str
    places: tuple[Place, ...]
    score: float
    plural_region: bool = False
    stemmed: bool = False
    fallback: _Hit | None = None  # the exact one-word name inside an unknown longer name


_DASHES = frozenset({"-", "–", "—"})


class PlaceMatcher:
    """Finds places in text against a Gazetteer; build one and reuse it across texts.

    Exact names first (longest match, inflections via stems); a capitalised word that names
    only tiny places, or that is no name at all, counts only where the text talks of places:
    after "in"/"near"/..., before "region", or in a list beside a place already found. Only
    there is a misspelling guessed ("Hora Pristan" is Hola Prystan).
    """

    def __init__(self, gazetteer: Gazetteer, *, home_country: str = "UA") -> None:
        self._gaz = gazetteer
        self._words = words()
        self._home = home_country
        self._namesakes = Namesakes(home_country)
        self._buckets: dict[str, tuple[list[str], list[str]]] | None = None
        self._oblast_sounds: dict[str, dict[str | None, tuple[Place, ...]]] = {}
        self._cities: dict[str, tuple[Place, ...]] = {}  # each oblast's cities, for `_city_of`

    def find(self, text: str, *, context_regions: Iterable[str] = ()) -> tuple[PlaceMention, ...]:
        return tuple(s.mention for s in self.find_spans(text, context_regions=context_regions))

    def find_spans(
        self, text: str, *, context_regions: Iterable[str] = ()
    ) -> tuple[PlaceSpan, ...]:
        """Places in text order. context_regions (admin1 names) break ties between namesakes,
        as do the regions the text itself names."""
        return self.resolve(self.scan(text), context_regions=context_regions)

    def scan(self, text: str) -> PlaceScan:
        """The names in a text and every place each may mean: the costly, context-free half
        of `find_spans`, to resolve against one context or several."""
        if self._no_names(text):
            return PlaceScan(text, [], ())
        toks = tokens(text)
        lower = {t.key for t in toks if not t.cap}
        hits, pending, foreign = self._exact_pass(toks, lower)
        hits = self._guess_pass(toks, hits, pending)
        _spread_plural_regions(toks, hits, self._gaz)
        _spread_plural_adjectives(toks, hits, self._gaz)
        if _UNIT_WORD.search(text):
            _spread_plural_units(toks, hits, self._gaz)
        if _PLURAL_UNIT_WORD_EN.search(text):
            _spread_english_units(toks, hits, self._gaz)
        return PlaceScan(text, toks, tuple(hits), foreign)

    def _no_names(self, text: str) -> bool:
        """Nothing capitalised but a common first word ("The shelling went on all night."):
        every name starts with a capital, so there is nothing to look up."""
        rest = text[1:]
        if rest != rest.lower():
            return False
        first = _FIRST_WORD.match(text)
        return first is None or normalise(first.group()) in self._words.not_places

    def district_city(self, scans: Iterable[PlaceScan]) -> Place | None:
        """The one city that has every city district a text names alone: "у Приморському
        районі ... у Київському районі" are Odesa's (Kharkiv has a Kyivskyi district, and
        Mariupol a Prymorskyi, but neither has both). None unless two or more such
        districts leave exactly one city."""
        shared: set[Place] | None = None
        seen = 0
        for scanned in scans:
            toks = scanned.toks
            for h in scanned.hits:
                cities = {p for p in h.places if p.level is PlaceLevel.SETTLEMENT and p.population}
                if len(cities) < 2 or not _names_a_district(toks, h):
                    continue
                seen += 1
                shared = cities if shared is None else shared & cities
        if seen < 2 or shared is None or len(shared) != 1:
            return None
        return next(iter(shared))

    def rivals(self, scanned: PlaceScan, start: int, place: Place) -> int:
        """See `PlaceScan.rivals`: whether the name read as `place` has other oblasts'
        readings, and the largest of them."""
        return scanned.rivals(start, place)

    def elsewhere(self, scanned: PlaceScan) -> bool:
        """Whether the text named a place abroad (Gaza, Israel), outside the countries watched."""
        return scanned.foreign

    def resolve(
        self, scanned: PlaceScan, *, context_regions: Iterable[str] = ()
    ) -> tuple[PlaceSpan, ...]:
        """Picks the place each scanned name means, given the regions in context."""
        text, toks, hits = scanned.text, scanned.toks, scanned.hits
        context = set(context_regions) | {
            h.places[0].admin1
            for h in hits
            if len(h.places) == 1
            and h.places[0].admin1
            # a raion or hromada of the codifier names its oblast as surely as a town does
            and (not unlisted(h.places[0]) or h.places[0].level is not PlaceLevel.SETTLEMENT)
        }
        # A raion named beside ("Гришине Покровського району", "Синельниківський район. ...
        # Покровська громада") picks the namesake inside it: by its code's raion part.
        context |= raion_keys(h.places[0] for h in hits if len(h.places) == 1)
        rules = self._namesakes
        out = []
        for h in hits:
            # A codifier-only name got here only after a place cue, in a list of places or
            # before a region word (see `_weak`); which namesake it is, context decides.
            candidates = h.places
            # An oblast named outright is no village's misspelling: in "у Сумській, Харківській
            # та Донецькій областях" Sumy Oblast is not Kharkiv Oblast's Sumske.
            if _NICKNAME.search(h.key) and any(p.level is PlaceLevel.REGION for p in candidates):
                # "на Харківщині" is the oblast's own nickname, not Sumy Oblast's village
                # Kharkivshchyna because the post names Sumy Oblast too.
                candidates = tuple(p for p in candidates if p.level is PlaceLevel.REGION)
            oblast = all(p.level is PlaceLevel.REGION for p in candidates)
            named = None if oblast else self._qualifier(toks, h, hits)
            if named and not any(p.admin1 == named for p in candidates):
                # "Водяное Донецкой области", "Petrovka, Kharkiv Oblast": the oblast written
                # beside the name holds the village meant, whatever namesake the spelling
                # matched elsewhere (and however sure that one looked on its own).
                candidates = self._alike_in(h, {named}) or candidates
            if (
                context
                and not oblast
                and not any(p.admin1 in context for p in candidates)
                and is_cyrillic(h.key)
                # ("в Покровську" is the town of 60,000, whatever oblast the post's hospital
                # names: no village of that oblast spelt alike)
                and not any(p.country == self._home and p.population >= _TOWN for p in candidates)
            ):
                candidates = self._alike_in(h, context, local=False) or candidates
            # The oblast written beside the name is its context first of all.
            here = context | {named} if named else context
            places = rules.plausible(candidates, here)
            if len(places) > 1:
                places = (
                    self._common_name_first(text[toks[h.first].start : toks[h.last].end], places)
                    if is_cyrillic(h.key)
                    else self._own_name_first(h.key, places, here)
                )
            if not places:
                continue
            start, end = toks[h.first].start, toks[h.last].end
            district = h.key.rsplit(" ", 1)[-1] in _DISTRICT_WORDS or (
                h.last + 1 < len(toks) and toks[h.last + 1].key in _DISTRICT_WORDS
            )
            # (the cities a district's name may belong to, counted before a raion is preferred)
            cities = {p.admin1 for p in places if p.level is PlaceLevel.SETTLEMENT}
            if district:
                elsewhere = {p for other in hits if other is not h for p in other.places}
                places = self._raion_over_city_district(places, here, elsewhere)
            place = rules.choose(places, here)
            sureness = rules.sureness(place, places, here, everyone=candidates)
            if len(cities) > 1 and place.admin1 not in here and district:
                # "Дніпровський район." heading a city's post: Kherson's, Kyiv's or
                # Zaporizhzhia's district, and nothing in the text says which: a guess.
                sureness = min(sureness, 0.25)
            score = round(h.score * sureness, 3)
            place = self._city_of(place)
            mention = PlaceMention(text[start:end], place, PlaceRole.LOCATION, score)
            out.append(PlaceSpan(start, end, mention, rules.ambiguous(places, sureness)))
        return tuple(out)

    def _city_of(self, place: Place) -> Place:
        """A neighbourhood that GeoNames lists as a place of its own and the codifier does not
        (Kharkiv's Saltivka, Donetsk's Smolianskyi): the city it is part of, which is where
        it happened and what its readers subscribe to. The gazetteer build took such places'
        populations (`gazetteer_build._no_district_populations`); they have no code."""
        if (
            place.code is not None
            or place.population
            or place.level is not PlaceLevel.SETTLEMENT
            or place.country != self._home
            or place.lat is None
            or place.lon is None
            or not place.admin1
        ):
            return place
        cities = self._cities.get(place.admin1)
        if cities is None:
            cities = self._cities[place.admin1] = tuple(
                p for p in self._gaz.by_admin1(place.admin1) if p.population >= CITY_OF_PARTS
            )
        return next((c for c in cities if km_between(c, place) <= PART_OF_CITY_KM), place)

    @staticmethod
    def _raion_over_city_district(
        places: tuple[Place, ...], context: set[str], named: set[Place]
    ) -> tuple[Place, ...]:
        """ "з Покровського району": an oblast's raion (Pokrovsk Raion), not the district of
        a city that happens to bear the name (Kryvyi Rih's Pokrovskyi), unless the sentence
        names that city or the text is about its oblast and not the raion's."""
        raions = tuple(p for p in places if p.level is PlaceLevel.DISTRICT)
        if not raions or len(raions) == len(places):
            return places
        towns = [p for p in places if p.level is PlaceLevel.SETTLEMENT]
        if any(p in named for p in towns) or (
            any(p.admin1 in context for p in towns)
            and not any(p.admin1 in context for p in raions)
        ):
            return tuple(p for p in places if p not in raions)
        return raions

    def _alike_in(self, h: _Hit, context: set[str], *, local: bool = True) -> tuple[Place, ...]:
        """The villages of the regions in context that a name may spell, when none of its
        own places lies there: "Каменское в Запорожской области" is the Russian name of a
        village the codifier lists only as "Кам'янське", "у Антонівці" on Херсонщина the
        locative of Kherson Oblast's Antonivka (not the Antonivtsi its letters spell
        elsewhere), "Petrovka, Kharkiv Oblast" the Russian-based spelling of a Petrivka
        there, while the gazetteer knows Petrovkas only in Russia. `local`: also by
        `_local_sound`, a looser match kept for an oblast written beside the name."""
        cyr = is_cyrillic(h.key)
        if not cyr and any(p.level is not PlaceLevel.SETTLEMENT for p in h.places):
            return ()
        found = (
            (*self._gaz.lookup_every_stem(h.key), *self._gaz.lookup_sound(h.key)) if cyr else ()
        )
        sound = _local_sound(h.key, cyr=cyr) if local else None
        if sound:
            for region in context:
                if not region.startswith("UA"):  # an oblast, not a raion's code
                    found = (*found, *self._sounds_in(region).get(sound, ()))
        return tuple(
            dict.fromkeys(
                p for p in found if p.admin1 in context and p.level is PlaceLevel.SETTLEMENT
            )
        )

    def _own_name_first(
        self, key: str, places: tuple[Place, ...], context: set[str]
    ) -> tuple[Place, ...]:
        """ "Hrodivka" is a village of that name before it is Myrnohrad's name of old, and
        "Stanislav, Kherson" the village before Ivano-Frankivsk: places whose own name is the
        text's win over places that only once bore it, unless one of those is a major city
        and the text's regions do not point to the village. Only the home country's: a
        Russian town called Volchansk is not what "Volchansk" means in news of this war."""
        own = tuple(p for p in places if p.country == self._home and _normalised(p.name) == key)
        if not own or len(own) == len(places):
            return places
        former = [p for p in places if p not in own]
        if (
            any(p.admin1 in context for p in own)
            or all(p.population < MAJOR for p in former)
            # (a name villages bear in three oblasts is theirs: "Novooleksandrivka" is not
            # Melitopol, whatever it was once called)
            or len({p.admin1 for p in own}) >= 3
        ):
            return own
        return places

    @staticmethod
    def _common_name_first(written: str, places: tuple[Place, ...]) -> tuple[Place, ...]:
        """ "Новоолександрівка" names villages in many oblasts before it is Melitopol's name
        of old: when places in three oblasts bear the written name, as written, as their
        own, a place that only once bore it is not what the text means (an inflected name,
        "Красноармейске", may be a town's old name as much as its namesakes')."""
        if len({p.admin1 for p in places}) < 3:
            return places  # (its own places cannot lie in three oblasts either)
        key = normalise(romanize(written))
        own = [p for p in places if _same_word(key, normalise(p.name))]
        if len({p.admin1 for p in own}) < 3 or len(own) == len(places):
            return places
        return tuple(p for p in places if p in own or p.level is not PlaceLevel.SETTLEMENT)

    # --- exact names -----------------------------------------------------------------------

    def _exact_pass(
        self, toks: list[Token], lower: set[str]
    ) -> tuple[list[_Hit], list[_Hit], bool]:
        """Sure hits, the spans (weak names, unknown capitalised runs) that need context, and
        whether a foreign place was named."""
        hits: list[_Hit] = []
        pending: list[_Hit] = []
        foreign = False
        i = 0
        while i < len(toks):
            tok = toks[i]
            if not tok.cap:
                i += 1
                continue
            skip_to = self._not_a_place(toks, i)
            if skip_to:
                i = skip_to
                continue
            if (
                tok.cyr
                and (i == 0 or any(c in _SENTENCE_MARKS for c in tok.gap))
                and never_a_name(tok.key)
            ):
                i += 1  # "Вранці ворог атакував ...": capitalised as the sentence's first word
                continue
            hit = self._exact_at(toks, i)
            if hit is not None and (region := self._region_by_city_name(toks, hit)) is not None:
                hit = _Hit(hit.first, hit.last, hit.key, (region,), 0.9)
            if hit is not None and _attributive(toks, hit):
                i += 1  # "Київські терористи", "Российские войска": a town's adjective
                continue
            if hit is not None and not hit.places:  # a foreign city: not ours to find
                foreign = True
                i = hit.last + 1
                continue
            if hit is None:
                if self._may_start_name(tok) or self._before_oblast(toks, i):
                    run = i if tok.cyr else _cap_run(toks, i)
                    key = " ".join(t.key for t in toks[i : run + 1])
                    pending.append(_Hit(i, run, key, (), 0.0))
                i += 1
                continue
            if (
                hit.last == hit.first
                and tok.key in self._words.cues
                and i + 1 < len(toks)
                and toks[i + 1].cap
                and toks[i + 1].joined
            ):
                # "Город Белгород подвергся обстрелу", "Село Вовчанські Хутори": a post's
                # first word names the kind of place (a namesake village Horod is no
                # excuse), and the name follows.
                i += 1
                continue
            if hit.last == hit.first and self._name_goes_on(toks, i):
                # "Hora Pristan": "Hora" alone names a village, the pair is a misspelling.
                run = _cap_run(toks, i)
                key = " ".join(t.key for t in toks[i : run + 1])
                pending.append(_Hit(i, run, key, (), 0.0, fallback=hit))
                i = run + 1
                continue
            if not _is_compound_adjective(toks, hit):
                (pending if self._weak(toks, hit, lower) else hits).append(hit)
            i = hit.last + 1
        return hits, pending, foreign

    def _may_start_name(self, tok: Token) -> bool:
        """Worth a guess at a misspelling: a Latin word that is not a common one."""
        w = self._words
        return (
            not tok.cyr
            and len(tok.key) >= 3
            and tok.key not in w.not_places
            and tok.key not in w.cues
        )

    def _before_oblast(self, toks: list[Token], i: int) -> bool:
        """An unknown Cyrillic word right before an oblast ("Пищаное Харьковской области"):
        a village the gazetteer may know by another spelling."""
        return (
            toks[i].cyr
            and len(toks[i].key) >= 4
            and i + 2 < len(toks)
            and toks[i + 1].joined
            and toks[i + 2].joined
            and self._is_region_word(toks[i + 2])
        )

    def _name_goes_on(self, toks: list[Token], i: int) -> bool:
        if i + 1 >= len(toks):
            return False
        nxt = toks[i + 1]
        if not (nxt.joined and nxt.cap) or self._is_region_word(nxt):
            return False
        if nxt.gap.strip() in _DASHES and any(
            p.level is PlaceLevel.SETTLEMENT for p in self._gaz.lookup_key(nxt.key)
        ):
            # "the Kupiansk-Petropavlivka road", "Kramatorsk–Lviv": two places joined by a
            # dash, the ends of a route, where the pair itself names nothing.
            return False
        if i + 2 < len(toks) and toks[i + 2].joined and self._is_region_word(toks[i + 2]):
            return False  # "Кам'янському Запорізької області": a town, then its region
        if i + 2 < len(toks) and toks[i + 2].key in _UNIT_WORDS:
            return False  # "Новоселівку Краматорського району": a village, then its raion
        for n in (3, 2, 1):
            # "Новомихайловка Донецкой Народной Республики": a village, then a region's name
            if i + n < len(toks) and any(
                p.level is PlaceLevel.REGION
                for p in self._gaz.lookup_key(" ".join(t.key for t in toks[i + 1 : i + 1 + n]))
            ):
                return False
        return nxt.key not in self._words.not_places and nxt.text not in self._words.titles

    def _not_a_place(self, toks: list[Token], i: int) -> int:
        """The index after a person's name, an organisation, a river or a street starting at
        i, else 0."""
        tok, w = toks[i], self._words
        if (
            tok.key.startswith("мирн")
            and i + 1 < len(toks)
            and toks[i + 1].key.startswith(_RESIDENTS)
        ):
            return i + 1  # "Мирный житель погиб": a civilian, not the village of Myrnyi
        # "на річці Інгулець", "the Dnipro river", "на Слобожанському проспекті", "Kharkivska
        # Street": a river or a street named after a place, not the place.
        if i > 0 and tok.joined and toks[i - 1].key in _WATER_AND_STREETS:
            return _cap_run(toks, i) + 1
        run = _cap_run(toks, i)
        if (
            run + 1 < len(toks)
            and toks[run + 1].joined
            and toks[run + 1].key in _WATER_AND_STREETS | _UNIT_OR_QUARTER_AFTER
        ):
            return run + 1  # ... and "the Azov regiment", "Dnepr's Pobeda residential area"
        if i > 0 and tok.joined and toks[i - 1].key.startswith(_QUARTER_BEFORE):
            return run + 1  # "у мікрорайоні Перемога", "в микрорайоне Победа"
        if (
            i > 0
            and tok.gap
            and tok.gap.rstrip()[-1:] in _OPENING_QUOTES
            and toks[i - 1].key.startswith(_UNIT_WORDS_BEFORE_NAME)
        ):
            # "группировка «Днепр»", "угруповання «Хортиця»", "the «Dnepr» group": a unit's
            # name, not the place it is named after.
            return _cap_run(toks, i) + 1
        parts = _APOSTROPHE.split(tok.key if tok.cyr else tok.text)
        if len(parts) == 2 and parts[1].lower() in _CONTRACTIONS:
            return i + 1
        for n in range(min(_MAX_WORDS, len(toks) - i) if tok.key in w.org_starts else 0, 1, -1):
            span = toks[i : i + n]
            if (
                all(t.joined for t in span[1:])
                and " ".join(t.key for t in span) in w.organisations
            ):
                return i + n
        after_title = i > 0 and tok.joined and toks[i - 1].text in w.titles
        given = tok.text in w.given_names and i + 1 < len(toks) and toks[i + 1].joined
        if (
            given
            and toks[i + 1].gap == "-"
            and self._gaz.lookup_key(f"{tok.key} {toks[i + 1].key}")
        ):
            given = False  # "Volodymyr-Volynskyi": a town named with a given name, not a person
        if after_title or (given and toks[i + 1].cap):
            return _cap_run(toks, i) + 1
        return 0

    def _region_by_city_name(self, toks: list[Token], hit: _Hit) -> Place | None:
        """ "На Запоріжжі": the region that goes by its capital's name, which takes "на" in
        the locative where the city takes "у"/"в" ("у Запоріжжі"); "атака на Запоріжжя" is
        the city, and Russian "на Запорожье" may be either."""
        if not (
            hit.first == hit.last
            and hit.first > 0
            and toks[hit.first - 1].key == "на"
            and toks[hit.first].key.endswith("і")
        ):
            return None
        for place in hit.places:
            if (
                place.level is PlaceLevel.SETTLEMENT
                and place.admin1 in _REGION_BY_CITY_NAME
                and place.name == _REGION_BY_CITY_NAME[place.admin1]
            ):
                return self._gaz.region(place.admin1)
        return None

    def _exact_at(self, toks: list[Token], i: int) -> _Hit | None:
        end = i
        while end + 1 < len(toks) and end - i + 1 < _MAX_WORDS and self._extends(toks[end + 1]):
            end += 1
        for last in range(end, i - 1, -1):
            key = " ".join(t.key for t in toks[i : last + 1])
            region = self._region_phrase(toks, i, last, key)
            if region is not None:
                return region
            if last == i and key in self._words.not_places:
                return None
            if key in self._gaz.foreign:
                if not toks[i].cyr and (base := self._gaz.region_for_base(key)) is not None:
                    return _Hit(i, last, key, (base,), 0.9)  # "X, Volyn": not Poland's Wolin
                return _Hit(i, last, key, (), 0.0)
            places = self._gaz.lookup_key(key)
            plural = toks[last].key in _PLURAL_REGION_WORDS
            if places and toks[i].cyr and (biggest := max(p.population for p in places)) < _TOWN:
                # "во Львове" is Lviv, not the village of Lvove: an inflected big town
                # beats a small place whose name the inflection happens to spell. Both stay
                # candidates, so "в селе Львове Херсонской области" is still the village.
                inflected = self._stemmed(
                    key, single=last == i, noun_after=_noun_of_town_after(toks, last)
                )
                if any(p.population >= max(_TOWN, 20 * biggest) for p in inflected):
                    return _Hit(i, last, key, inflected, 0.9, plural, stemmed=True)
            if (
                places
                and toks[i].cyr
                and (
                    max(p.population for p in places) < _SMALL
                    or not any(p.country == self._home for p in places)
                )
                # (not an adjective's own nominative: "Приморське" is no case of "Приморський")
                and not _ADJECTIVE_NOMINATIVE.search(key)
            ):
                # "Борові" spells a hamlet exactly but is also Borova's locative: both stay
                # candidates, and the regions in context choose.
                inflected = self._stemmed(
                    key, single=last == i, noun_after=_noun_of_town_after(toks, last)
                )
                if any(p not in places for p in inflected):
                    merged = tuple(dict.fromkeys((*places, *inflected)))
                    return _Hit(i, last, key, merged, 0.9, plural, stemmed=True)
            if (
                places
                and not toks[i].cyr
                and len(key) >= 5
                and max(p.population for p in places) < MAJOR
                and (variants := self._gaz.lookup_variant(key))
                # (the gazetteer hands out one object per place: identity tells them apart)
                and not {id(p) for p in variants} <= {id(p) for p in places}
            ):
                # "Kamyanka", "Vodyane": a spelling the gazetteer lists for a few of a
                # common name's villages is every namesake's romanisation too; all stay
                # candidates (the exact ones first), and the regions in context choose.
                merged = tuple(dict.fromkeys((*places, *variants)))
                return _Hit(i, last, key, merged, 0.9, plural)
            if places:
                score = 1.0 if last > i or toks[i].cyr else 0.9
                if toks[i].cyr and not _noun_of_town_after(toks, last):
                    places = _noun_case(key, places)
                return _Hit(i, last, key, places, score, plural)
            if (
                not toks[i].cyr
                and len(key) >= 5
                and all(t.cap for t in toks[i : last + 1])
                and (places := self._gaz.lookup_variant(key))
            ):
                # Another romanisation of a known name: Zaporizhia, Kupyansk, Orykhiv.
                if not any(p.country == self._home for p in places) and (
                    base := self._gaz.region_for_base(key)
                ):
                    return _Hit(i, last, key, (base,), 0.9)  # "Volyn": not Poland's Wolin
                return _Hit(i, last, key, places, 0.85, plural)
            if toks[i].cyr and (
                places := self._stemmed(
                    key,
                    single=last == i,
                    noun_after=_noun_of_town_after(toks, last),
                    cued=_cued(toks, i),
                )
            ):
                return _Hit(i, last, key, places, 0.9, plural, stemmed=True)
            if last > i and toks[i].cyr and toks[last].key in _UNIT_WORDS:
                # "Великобурлукской громады", "Золочевского района": the Russian spelling
                # of a hromada or raion the codifier names in Ukrainian.
                units = tuple(
                    p
                    for p in self._gaz.lookup_sound(key)
                    if p.country == self._home
                    and p.level in (PlaceLevel.DISTRICT, PlaceLevel.COMMUNITY)
                )
                if units:
                    return _Hit(i, last, key, units, 0.9, plural, stemmed=True)
                if (
                    last == i + 1
                    and toks[last].key in _DISTRICT_WORDS
                    and (district := self._gaz.lookup_key(_ukrainian_district(key)))
                ):
                    # "в Куйбышевском районе" of Donetsk: a city's district, in Russian, that
                    # the gazetteer knows by its Ukrainian name ("Куйбишевський район").
                    return _Hit(i, last, key, district, 0.9, plural, stemmed=True)
                if (
                    last == i + 1
                    and toks[last].key in _DISTRICT_WORDS
                    and (raion := self._raion_by_russian_town(toks[i].key))
                ):
                    # "Николаевского района", "Запорожского района": a raion named after its
                    # town, the town in its Russian name (Николаев, Запорожье), which sounds
                    # unlike the Ukrainian (Миколаївський, Запорізький).
                    return _Hit(i, last, key, (raion,), 0.9, plural, stemmed=True)
        if toks[i].cyr:
            return (
                self._plural_genitive(toks, i)
                or self._area_of_town(toks, i)
                or self._sounds_like(toks, i, end)
            )
        return None

    def _raion_by_russian_town(self, adjective: str) -> Place | None:
        """The raion a Russian adjective names by its town: николаевского → Николаев →
        Mykolaiv Raion; запорожского → Запорожье; одесского → Одесса; никопольского →
        Никополь; синельниковского → Синельниково; днепровского → Днепр; краматорского →
        Краматорск. Only a town of home big enough to be a raion's centre."""
        stem = _RUSSIAN_ADJECTIVE_END.sub("", adjective)
        if stem == adjective or not stem.endswith("ск"):
            return None
        base = stem[:-2]
        if base.endswith("с"):  # одесск → одесс-а
            forms: tuple[str, ...] = (base + "а", base[:-1] + "а")
        else:
            forms = (base, base + "ь", base + "о", base + "е", base + "ье", base + "а", stem)
            if base.endswith("ов"):  # днепровск → Днепр
                forms += (base[:-2],)
        for form in forms:
            for town in self._gaz.lookup_key(form):
                if town.country != self._home or town.population < _TOWN:
                    continue
                raion = self._gaz.unit_of(town, PlaceLevel.DISTRICT)
                if raion is not None:
                    return raion
        return None

    def _plural_genitive(self, toks: list[Token], i: int) -> _Hit | None:
        """ "з Олешок", "из Алешек", "Кринок", "Ступочек": a plural name in -ки in its
        genitive, whose last vowel falls out (Олешки, Алешки, Кринки, Ступочки)."""
        key = toks[i].key
        m = _FLEETING_VOWEL.search(key)
        if m is None:
            return None
        for nominative in (
            key[: m.start()] + m.group(1) + "ки",
            key[: m.start()] + m.group(1) + "ка",
        ):
            places = self._gaz.lookup_key(nominative)
            if places:
                return _Hit(i, i, key, places, 0.85)
        return None

    def _area_of_town(self, toks: list[Token], i: int) -> _Hit | None:
        """ "Нікопольщина", "на Куп'янщині": the land around a town, its raion (else its
        oblast)."""
        m = _AREA_OF.match(toks[i].key)
        if m is None:
            return None
        towns = [
            p
            for base in (m.group(1), m.group(1) + "ськ", m.group(1) + "ск")
            for p in self._gaz.lookup_stem(base)
            if p.level is PlaceLevel.SETTLEMENT
            and p.country == self._home
            and p.population >= _TOWN
        ]
        if not towns:
            return None
        town = max(towns, key=lambda p: p.population)
        area = self._gaz.unit_of(town, PlaceLevel.DISTRICT) or self._gaz.region(town.admin1 or "")
        return _Hit(i, i, toks[i].key, (area,), 0.9) if area is not None else None

    def _sounds_like(self, toks: list[Token], i: int, end: int) -> _Hit | None:
        """A Russian spelling of a Ukrainian village (Работино is Роботине): a weak guess,
        counted only where the text talks of places."""
        for last in range(end, i - 1, -1):
            key = " ".join(t.key for t in toks[i : last + 1])
            if key in self._words.not_places or stem_key(key) in self._words.not_place_stems:
                continue
            places = tuple(p for p in self._gaz.lookup_sound(key) if p.country == self._home)
            if places:
                return _Hit(i, last, key, places, 0.6, stemmed=True)
        return None

    def _stemmed(
        self, key: str, *, single: bool, noun_after: bool = False, cued: bool = False
    ) -> tuple[Place, ...]:
        stem = stem_key(key)
        places = self._gaz.lookup_stem(key)
        if len(places) > 1 and _UKRAINIAN_LETTER.search(key):
            # "Хотінь" is Sumy Oblast's Khotin, spelled so, though its stem meets the bigger
            # Хотин of Chernivtsi Oblast: a name written in Ukrainian exactly as one place's
            # own wins (not a Russian case form that is some village's other name: "в
            # Россоши" is Russia's Rossosh', not Sumy Oblast's Rozsoshi).
            spelled = set(self._gaz.lookup_key(key))
            if spelled and not spelled.issuperset(places):
                places = tuple(p for p in places if p in spelled) or places
        if not places and cued and _PLURAL_CASE.search(key):
            # "до Ромнів", "в Сумах": a town with a plural name, after a preposition of place
            places = tuple(
                p
                for form in _nominatives(key)
                for p in self._gaz.lookup_key(form)
                if p.population >= _TOWN
            )
            if places:
                return places
        if not noun_after:  # "Покровському напрямку" is Pokrovsk's; "Львового" alone, Lvove
            places = _adjectival_case(key, places)
            places = _noun_case(key, places)
        if stem in self._words.not_place_stems:
            return ()
        if not single or len(stem.replace("*", "")) >= 4:
            return places
        # Short stems meet common words (Рада, Суд, Люди): only a big home city counts, or
        # a town or region whose name is the word without its case ending (Изюме, Криму), or
        # after a preposition of place, a place whose name is the word with another case
        # ending (из Суджи, з Бучі: Суджа, Буча).
        exact = {p for base in _bases(key) for p in self._gaz.lookup_key(base)}
        renamed = (
            {p for form in _nominatives(key) for p in self._gaz.lookup_key(form)}
            if cued
            else set()
        )
        return tuple(
            p
            for p in places
            if (p.country == self._home and p.population >= MAJOR)
            or (p in exact and (p.level is PlaceLevel.REGION or p.population >= _TOWN))
            or p in renamed
        )

    def _extends(self, tok: Token) -> bool:
        """Can tok continue a name: "Nova Kakhovka", "Rostov-on-Don", "Херсонській області",
        "Holosiivskyi district"."""
        if not tok.joined:
            return False
        if tok.cap or tok.gap == "-" or tok.key in _UNIT_WORDS:
            return True
        return tok.cyr and self._is_region_word(tok)

    def _region_phrase(self, toks: list[Token], i: int, last: int, key: str) -> _Hit | None:
        """ "Kherson region", "Kharkiv regional", and "the regions of Stavropol"."""
        after = last + 1
        if after < len(toks) and toks[after].joined and self._is_region_word(toks[after]):
            region = self._gaz.region_for_base(key)
            if region is not None:
                plural = toks[after].key in _PLURAL_REGION_WORDS
                return _Hit(i, after, key, (region,), 1.0, plural)
        if (
            after + 1 < len(toks)
            and toks[after].joined
            and toks[after].key.startswith(("народн", "people"))
            and toks[after + 1].key.startswith(("республик", "республік", "republic"))
        ):
            # "Донецкой народной республики", "Донецкой и Луганской народных республик", "the
            # Luhansk People's Republic": the self-proclaimed republics, the regions they
            # claim (not their capitals)
            region = self._gaz.region_for_base(key) or self._gaz.region(key + " область")
            if region is not None:
                plural = toks[after].key.endswith(("ых", "их")) or toks[after + 1].key.endswith(
                    "s"
                )
                return _Hit(i, after + 1, key, (region,), 1.0, plural)
        if i >= 2 and toks[i - 1].key == "of" and self._is_region_word(toks[i - 2]):
            region = self._gaz.region_for_base(key)
            if region is not None:
                return _Hit(i, last, key, (region,), 0.9)
        return None

    def _is_region_word(self, tok: Token) -> bool:
        if tok.key in REGION_WORDS:
            return True
        return tok.cyr and stem_word(tok.key) == _OBLAST_STEM

    def _weak(self, toks: list[Token], hit: _Hit, lower: set[str]) -> bool:
        """A lone word that needs place context to count: one the text also writes in
        lowercase, an acronym, a sentence's first word, an adjective, or a tiny place."""
        if hit.last != hit.first or hit.places[0].level is not PlaceLevel.SETTLEMENT:
            return False
        tok = toks[hit.first]
        home = any(p.country == self._home for p in hit.places)
        biggest = max(p.population for p in hit.places)
        if hit.key in lower or (tok.text.isupper() and biggest < MAJOR):
            return True
        plural = hit.key.endswith(_PLURAL_ADJECTIVE)  # "Мирные жители", "Нові правила"
        # "Донецка", "Краматорска": a town's genitive that looks like an adjective.
        adjective = _ADJECTIVE.search(hit.key) is not None and not any(
            p.population >= _TOWN for base in _bases(hit.key) for p in self._gaz.lookup_key(base)
        )
        if hit.stemmed and (adjective or plural or biggest < (10_000 if home else 50_000)):
            return True
        initial = hit.first == 0 or any(c in _SENTENCE_MARKS for c in tok.gap)
        if initial and biggest < (10_000 if home else MAJOR):
            return True
        return biggest < (1000 if home else _SMALL)

    # --- context and guesses ---------------------------------------------------------------

    def _guess_pass(self, toks: list[Token], hits: list[_Hit], pending: list[_Hit]) -> list[_Hit]:
        found = sorted(hits, key=lambda h: h.first)
        taken = {i for h in found for i in range(h.first, h.last + 1)}
        for p in pending:
            if any(i in taken for i in range(p.first, p.last + 1)):
                continue
            if not self._in_place_context(toks, p, found):
                continue
            hit = (
                _Hit(p.first, p.last, p.key, p.places, 0.7)
                if p.places
                else self._guess(toks, p, found)
            )
            if hit is None and p.fallback is not None:
                hit = _Hit(p.fallback.first, p.fallback.last, p.key, p.fallback.places, 0.7)
            if hit is not None:
                bisect.insort(found, hit, key=lambda h: h.first)
                taken.update(range(hit.first, hit.last + 1))
        return found

    def _in_place_context(self, toks: list[Token], h: _Hit, found: list[_Hit]) -> bool:
        before = toks[h.first - 1] if h.first > 0 else None
        after = toks[h.last + 1] if h.last + 1 < len(toks) else None
        if (
            len(h.places) == 1
            and len(h.key) >= _DISTINCTIVE
            and before is not None
            and not any(c in _SENTENCE_MARKS for c in toks[h.first].gap)
            and not _ADJECTIVE.search(h.key)
        ):
            return True
        if after is not None and after.joined and self._is_region_word(after):
            return True
        if after is not None and after.joined and after.key in _AFTER_CUES:
            return True  # "in the Kherson direction", "the Nikolaevka area"
        if after is not None and after.joined and after.key in _UNIT_WORDS:
            return True  # "the Polohy district", "Лозівської громади"
        if (
            after is not None
            and h.last + 2 < len(toks)
            and toks[h.last + 2].key in _UNIT_WORDS
            and _ADJECTIVE_ENDING.search(after.key)
        ):
            return True  # "Кіндрашівка Куп'янського району": a village, then its raion
        if (
            h.first == 0
            and after is not None
            and any(mark in after.gap for mark in (":", " - ", "—", "–"))
            # "Пасечник: при ракетном ударе по Луганску ...": a speaker's name that spells a
            # hamlet, before the town the headline is about, is who says so
            and not (
                any(f.first > h.last and f.places for f in found)
                and max((p.population for p in h.places), default=0) < _TOWN
            )
        ):
            return True  # "Stepove - FPV attack on a car", "Kurakhovo: a missile hit"
        # (a clause a heading's colon opens is a sentence's start: "Белгородская область:
        # Шебекино снова под ударом")
        opens = h.first == 0 or ":" in toks[h.first].gap
        if opens and after is None:
            return True  # "Шебекино." heading a post: the place it is about
        if (
            opens
            and h.places
            and not toks[h.first].key.endswith(_SURNAME_ENDINGS)
            and _PREDICATE_AFTER.match(" ".join(t.key for t in toks[h.last + 1 : h.last + 4]))
        ):
            return True  # "Шебекино вновь под обстрелом", "Orikhiv came under fire again"
        if self._region_follows(toks, h, found):
            return True  # "Semenivka in the Chernihiv region", "Tiahynka, Kherson Oblast"
        cues = self._words.cues
        if before is not None and toks[h.first].joined and self._is_cue(before):
            return True
        if (cue := _before_control_words(toks, h.first)) is not None and self._is_cue(cue):
            return True  # "in government-controlled Hnutove", "near Russian-occupied Oleshky"
        if (
            before is not None
            and before.key in _ABBREVIATED_CUES
            and toks[h.first].gap.strip() == "."
            and not (h.first >= 2 and toks[h.first - 2].text.isdigit())
        ):
            return True  # "с. Кучерівка", "смт. Козача Лопань", "пос. Разумное"
        if (
            before is not None
            and h.first >= 2
            and before.cyr
            and not before.cap
            and h.places
            and _ADJECTIVE_WORD.search(before.key)
            and toks[h.first].joined
            and self._is_cue(toks[h.first - 2])
        ):
            return True  # "з підтоплених Тягинки", "в прифронтовом Купянске"
        if (
            before is not None
            and before.key == "of"
            and h.first > 1
            and toks[h.first - 2].key in cues
        ):
            return True  # "the village of Novoselivka", "the capital of ..."
        if any(f.key == h.key and f.places for f in found):
            return True
        # A list of places: "Kherson and Nova Kakhovka, Hora Pristan and Chornovaivka".
        ends = {f.last for f in found}
        starts = {f.first for f in found}
        if h.first - 1 in ends and toks[h.first].gap.strip() == ",":
            return True
        if before is not None and before.key in _LIST_WORDS and h.first - 2 in ends:
            return True
        if after is not None and after.gap.strip() == "," and h.last + 1 in starts:
            return True
        return after is not None and after.key in _LIST_WORDS and h.last + 2 in starts

    def _is_cue(self, tok: Token) -> bool:
        """A word after which a name is a place: "near", "обстріляли" in any of its forms."""
        return tok.key in self._words.cues or (
            tok.cyr and tok.key.startswith(self._words.cue_prefixes)
        )

    def _qualifier(self, toks: list[Token], h: _Hit, found: Sequence[_Hit]) -> str | None:
        """The oblast a region named right after a name puts it in ("X, Y Oblast", "X (Y
        region)", "X village, Y oblast", "X, Donetsk": a regional capital's bare name), when
        it is one of the home country's."""
        last = h.last
        if last + 1 < len(toks) and toks[last + 1].key in _KIND_AFTER and toks[last + 1].joined:
            last += 1  # "Kotliarivka village, ..."
        if (following := _name_after(toks, last, found)) is None:
            return None
        after, _, comma = following
        if any(p.level in _QUALIFYING_LEVELS for p in after.places):
            regions = {p.admin1 for p in after.places if p.country == self._home and p.admin1}
            return regions.pop() if len(regions) == 1 else None
        if (
            comma
            and after.last == after.first
            and any(p.population >= REGIONAL_CAPITAL for p in after.places)
            and (after.last + 1 >= len(toks) or toks[after.last + 1].gap.strip()[:1] in ".,;:)")
            and (oblast := self._gaz.region_for_base(after.key)) is not None
        ):
            return oblast.name  # "Mikhaylovka, Donetsk.", "Zaymishche, Kyiv.": by its capital
        return None

    def _sounds_in(self, oblast: str) -> dict[str | None, tuple[Place, ...]]:
        """An oblast's villages by `latin_sound` of their names, built when first asked."""
        table = self._oblast_sounds.get(oblast)
        if table is None:
            grouped: dict[str | None, list[Place]] = {}
            for place in self._gaz.by_admin1(oblast):
                grouped.setdefault(_local_sound(normalise(place.name), cyr=False), []).append(
                    place
                )
            table = {k: tuple(v) for k, v in grouped.items() if k is not None}
            self._oblast_sounds[oblast] = table
        return table

    @staticmethod
    def _region_follows(toks: list[Token], h: _Hit, found: Sequence[_Hit]) -> bool:
        """A region named right after a name, as its qualifier: "X in the Y region", "X, Y
        Oblast", "X (Y region)", "X у Y області"."""
        if (following := _name_after(toks, h.last, found)) is None:
            return False
        f, between, comma = following
        if any(p.level is PlaceLevel.REGION for p in f.places):
            return True
        # "Novoselivka, Donetsk", "Новомиколаївку на Запоріжжі": a regional capital's name
        # after a village that has a namesake in that capital's region names the region.
        qualified = comma or [t.key for t in between] == ["на"]
        capitals = {p.admin1 for p in f.places if p.population >= REGIONAL_CAPITAL and p.admin1}
        return qualified and any(p.admin1 in capitals for p in h.places)

    def _guess(self, toks: list[Token], h: _Hit, hits: list[_Hit]) -> _Hit | None:
        if oblast := self._qualifier(toks, h, hits):
            # "Mikhaylovka, Donetsk Oblast", "Водяное Донецкой области": a Russian or
            # Russian-based spelling of one of the oblast's villages, which the gazetteer
            # lists in Ukrainian spellings only.
            sound = _local_sound(h.key, cyr=toks[h.first].cyr)
            places = self._sounds_in(oblast).get(sound, ()) if sound else ()
            if places:
                return _Hit(h.first, h.last, h.key, places, 0.8)
        if toks[h.first].cyr or len(h.key.replace(" ", "")) < 6:
            return None
        if h.key in self._gaz.foreign:
            return None
        after = h.last + 1
        regional = after < len(toks) and toks[after].joined and self._is_region_word(toks[after])
        found = self._fuzzy(h.key, cutoff=85.0 if regional else 88.0)
        if found is None:
            return None
        key, ratio = found
        score = round(0.85 * ratio / 100, 3)
        places = self._gaz.lookup_key(key) or self._gaz.lookup_variant(key)
        if regional:
            region = self._gaz.region_for_base(key)
            big = [p for p in places if p.admin1 and p.population >= 50_000]
            if region is None and big:
                region = self._gaz.region(big[0].admin1 or "")
            if region is not None:
                plural = toks[after].key in _PLURAL_REGION_WORDS
                return _Hit(h.first, after, key, (region,), score, plural)
        return _Hit(h.first, h.last, key, places, score) if places else None

    def _fuzzy(self, key: str, *, cutoff: float) -> tuple[str, float] | None:
        """The closest newsworthy name by transliteration skeleton, if close enough."""
        if self._buckets is None:
            buckets: dict[str, tuple[list[str], list[str]]] = {}
            for skel, name in self._gaz.fuzzy_candidates():
                skels, names = buckets.setdefault(skel[0], ([], []))
                skels.append(skel)
                names.append(name)
            self._buckets = buckets
        skel = skeleton(key)
        bucket = self._buckets.get(skel[0])
        if bucket is None:
            return None
        got = process.extractOne(skel, bucket[0], scorer=fuzz.ratio, score_cutoff=cutoff)
        if got is None:
            return None
        return bucket[1][got[2]], float(got[1])


def _name_after(
    toks: list[Token], last: int, found: Sequence[_Hit]
) -> tuple[_Hit, list[Token], bool] | None:
    """The name found right after token `last` that may qualify it, the words between ("in",
    "the", "of", "у"...) and whether a comma or bracket opens it ("X, Y Oblast", "X (Y
    region)"). None when nothing within three words may: a Latin name needs the comma or the
    words, a Cyrillic genitive needs neither ("Новоселовку Харьковской области")."""
    after = next((f for f in found if f.first > last), None)
    if after is None or after.first > last + 3:
        return None
    between = toks[last + 1 : after.first]
    if any(t.key not in _QUALIFIER_WORDS for t in between):
        return None
    comma = not between and any(c in ",(" for c in toks[after.first].gap)
    if not (comma or between or toks[after.first].cyr):
        return None
    return after, between, comma


def _local_sound(key: str, *, cyr: bool) -> str | None:
    """What a name sounds like, to be matched among one oblast's villages (`latin_sound`
    of its romanisation, a Cyrillic name's case ending and final vowel left out)."""
    # (the stem's "*", the vowel it left out, read as any vowel)
    latin = normalise(romanize(stem_key(key).replace("*", "а"))) if cyr else key
    sound = latin_sound(latin, _OBLAST_SOUND)
    return sound.rstrip("*") if sound else None


_RUSSIAN_ADJECTIVE_END = re.compile(r"(?<=[сц]к)(?:ого|ому|ом|им|ий|ой|ая|ое)$")


def _ukrainian_district(key: str) -> str:
    """A Russian "X-ском районе" as the Ukrainian nominative "X-ський район"."""
    adjective, _, _ = key.partition(" ")
    adjective = _RUSSIAN_ADJECTIVE_END.sub("", adjective.replace("ы", "и").replace("э", "е"))
    return f"{adjective[:-1]}ький район" if adjective.endswith(("ск", "цк")) else key


_PLURAL_DISTRICT_WORDS = frozenset(
    ("районах", "районів", "районов", "районы", "райони", "districts")
)
_AND_WORDS = frozenset(("та", "і", "й", "и", "and"))


def _names_a_district(toks: list[Token], h: _Hit) -> bool:
    """The name is a district's: "Приморський район", "у Приморському та Київському
    районах", "the Kyivskyi and Prymorskyi districts"."""
    if h.key.rsplit(" ", 1)[-1] in _DISTRICT_WORDS:
        return True
    after = toks[h.last + 1 : h.last + 4]
    if after and after[0].key in _DISTRICT_WORDS | _PLURAL_DISTRICT_WORDS:
        return True
    return (
        len(after) >= 3 and after[0].key in _AND_WORDS and after[2].key in _PLURAL_DISTRICT_WORDS
    )


def _nominatives(key: str) -> tuple[str, ...]:
    """The nominative a short name in another case may have: суджи/суджі/бучі -> суджа/буча;
    a plural name's (Ромни, Лиски, Суми): ромнах/ромнів/ромнам -> ромни, лисках -> лиски."""
    plural = _PLURAL_CASE.sub("", key)
    if plural != key and len(plural) >= 3:
        return (plural + "и", plural + "і", plural + "ы")
    if len(key) >= 4 and key[-1] in "иіеуюой":
        return (key[:-1] + "а", key[:-1] + "я")
    return ()


# The oblique cases of a plural noun: locative, dative, instrumental, genitive.
_PLURAL_CASE = re.compile(r"(?:ах|ях|ам|ям|ами|ями|ів|ов)$")


# A preposition of place before a capitalised word: "из Суджи", "з Бучі", "до Ірпеня".
_PLACE_PREPOSITIONS = frozenset(
    (
        "з",
        "із",
        "зі",
        "из",
        "в",
        "у",
        "во",
        "до",
        "от",
        "від",
        "біля",
        "возле",
        "около",
        "під",
        "под",
    )
)


# Nouns whose genitive complement is a town: its residents, an attack on it, its outskirts.
_OF_A_TOWN = (
    "мешканц", "жител", "обстріл", "обстрел", "околиц", "окраїн", "окраин", "евакуаці",
    "эвакуаци", "населенн", "населени",
)  # fmt: skip


def _cued(toks: list[Token], i: int) -> bool:
    """After a preposition of place, or further along a list of names that follows one
    ("із Ворзеля та Бучі", "з Ірпеня, Бучі")."""
    if i == 0:
        return False
    prev = toks[i - 1]
    if prev.key in _PLACE_PREPOSITIONS:
        return True
    if prev.cyr and prev.key.startswith(_OF_A_TOWN):
        return True  # "мешканців Суджі", "обстріл Бучі": the people or the attack of a town
    if prev.key in ("та", "і", "й", "и") and i >= 2 and toks[i - 2].cap:
        return True
    return "," in toks[i].gap and prev.cap and prev.cyr


def _bases(key: str) -> tuple[str, ...]:
    """A Cyrillic word without its one-letter case ending: изюме -> изюм, криму -> крим."""
    if len(key) > 4 and key[-1] in "аеиоуюяіьы":
        return (key[:-1],)
    return ()


# An adjective's case ending ("Львового", "Зарічного", "Торському"): the name is an adjective
# too (Lvove, Zarichne, Torske, Pervomaiskyi), not a noun its stem also spells (Lviv).
_ADJECTIVAL_CASE = re.compile(r"(?:ого|ому|ім|им|ої|ій|ую)$")
# A name that is an adjective in its nominative ("Приморське", "Приморский"): no case form of
# the adjective's other genders, which its stem also reaches.
_ADJECTIVE_NOMINATIVE = re.compile(r"(?:[сцз]ьке|[сцз]ький|[сцз]кое|[сцз]кий)$")
# A lowercase adjective between a cue and a name: "з підтоплених Тягинки".
_ADJECTIVE_WORD = re.compile(r"(?:ого|ому|ім|им|ої|ій|ую|их|ых|ом|ем|ий|ый|ая|а|е)$")
_ADJECTIVAL_NAME = re.compile(r"(?:e|yi|ii|ka|a)$")


# Nouns that take an adjective made from a town's name: "Покровському напрямку",
# "Куп'янського району", "Лозівської громади".
_NOUN_OF_TOWN = re.compile(
    r"^(?:напрям|направлен|район|громад|област|округ|сектор|общин|ділянц|участк)"
)


def _noun_of_town_after(toks: list[Token], last: int) -> bool:
    nxt = toks[last + 1] if last + 1 < len(toks) else None
    return nxt is not None and nxt.joined and _NOUN_OF_TOWN.match(nxt.key) is not None


_UKRAINIAN_LETTER = re.compile("[іїєґ]")


def _adjectival_case(key: str, places: tuple[Place, ...]) -> tuple[Place, ...]:
    last = key.rsplit(" ", 1)[-1]
    if not _ADJECTIVAL_CASE.search(last) or len(places) < 2:
        return places
    kept = tuple(p for p in places if _ADJECTIVAL_NAME.search(p.name.rsplit(" ", 1)[-1]))
    return kept or places


# "в Покровську", "в Покровске": a town in -ськ/-ск in the locative. The adjectival
# "Покровське"/"Покровское" says "Покровському", "Покровском", never "Покровську".
_NOUN_LOCATIVE = re.compile(r"(?:(?<=[сцз]ьк)у|(?<=[^ь][сц]к)е)$")
_ADJECTIVAL_ROMAN = re.compile(r"(?:ske|tske|zke|skyi|ska)$")


def _noun_case(key: str, places: tuple[Place, ...]) -> tuple[Place, ...]:
    if not _NOUN_LOCATIVE.search(key.rsplit(" ", 1)[-1]) or len(places) < 2:
        return places
    kept = tuple(p for p in places if not _ADJECTIVAL_ROMAN.search(p.name.rsplit(" ", 1)[-1]))
    return kept or places


_normalised = functools.lru_cache(maxsize=65536)(normalise)
_FLEETING_VOWEL = re.compile(r"(\w{3,}?)[оеє]к$")


# "Мирний мешканець", "мирные жители": civilians.
_RESIDENTS = ("житель", "жител", "мешкан", "населен", "громадян", "граждан")
# Words before or after a name that make it a river's or a street's.
_WATER_AND_STREETS = frozenset(
    (
        "river",
        "річка",
        "річки",
        "річці",
        "річку",
        "рікою",
        "река",
        "реки",
        "реке",
        "реку",
        "рекой",
        "street",
        "avenue",
        "вулиця",
        "вулиці",
        "вулицю",
        "вулицею",
        "вул",
        "проспект",
        "проспекту",
        "проспекті",
        "проспектом",
        "провулок",
        "провулку",
        "бульвар",
        "бульвару",
        "бульварі",
        "улица",
        "улицы",
        "улице",
        "улицу",
        "ул",
        "проспекта",
        "проспекте",
        "переулок",
        "переулке",
    )
)

# Regions called by their capital's name in Ukrainian and Russian ("на Запоріжжі").
_REGION_BY_CITY_NAME = {"Zaporizhzhia Oblast": "Zaporizhzhia"}

# What follows a name that is a unit's or a city quarter's, not a settlement's.
_UNIT_OR_QUARTER_AFTER = frozenset(
    (
        "regiment",
        "battalion",
        "brigade",
        "detachment",
        "residential",
        "neighbourhood",
        "neighborhood",
        "microdistrict",
    )
)
# What comes before a city quarter's name: "мікрорайон Перемога", "жилмассив Победа".
_QUARTER_BEFORE = ("мікрорайон", "микрорайон", "житломасив", "жилмассив", "microdistrict")

# Who holds a place, written between a cue and the name: "in government-controlled
# Hnutove", "near non-government-controlled Pikuzy", "in Russian-occupied Oleshky".
_CONTROL_WORDS = frozenset({"government", "controlled", "non", "occupied", "russian", "ukrainian"})


def _before_control_words(toks: list[Token], i: int) -> Token | None:
    """The word before a run of control words ending in "controlled" or "occupied" right
    before toks[i], if there is such a run."""
    j = i - 1
    if j < 1 or not toks[i].joined or toks[j].key not in ("controlled", "occupied"):
        return None
    while j >= 0 and toks[j].key in _CONTROL_WORDS and toks[j].joined:
        j -= 1
    return toks[j] if j >= 0 else None


def _cap_run(toks: list[Token], i: int) -> int:
    """The last index of the capitalised words joined to toks[i] (at most four)."""
    j = i
    while j + 1 < len(toks) and j - i < 3 and toks[j + 1].joined and toks[j + 1].cap:
        j += 1
    return j


def _is_compound_adjective(toks: list[Token], hit: _Hit) -> bool:
    """ "Moscow-funded", "Kremlin-backed": the name qualifies something else."""
    after = hit.last + 1
    return after < len(toks) and toks[after].gap == "-" and not toks[after].cap


# "Семенівська та Новгород-Сіверська громади", "Краснопільської та Великописарівської
# громад", "у Бучанському та Броварському районах": each adjective names a unit.
_PLURAL_UNITS = {
    **dict.fromkeys(("громади", "громад", "громадах", "громадами", "громадам"), "громада"),
    **dict.fromkeys(("райони", "районів", "районах", "районами", "районам"), "район"),
    **dict.fromkeys(("районы", "районов", "районами"), "район"),
}
# Russian names of Ukraine's raions: "в Бучанском районе" is Bucha Raion. The codifier has
# only Ukrainian names, so the adjective takes its Ukrainian ending.
_RUSSIAN_UNITS = {
    **dict.fromkeys(("район", "района", "районе", "району", "районом"), "район"),
    **dict.fromkeys(("община", "общины", "общине", "общину", "общиной"), "громада"),
}


_UNIT_WORD = re.compile(r"район|громад|общин", re.IGNORECASE)


_PLURAL_UNIT_WORD_EN = re.compile(r"\b(?:communities|hromadas|districts|raions)\b", re.IGNORECASE)
_ENGLISH_UNITS = {
    "communities": "hromada",
    "hromadas": "hromada",
    "districts": "raion",
    "raions": "raion",
}


def _spread_english_units(toks: list[Token], hits: list[_Hit], gaz: Gazetteer) -> None:
    """ "the Krasnopillia and Bilopillia communities", "Kupiansk, Izium districts": each name
    listed before a plural unit word is that unit, not its centre town."""
    for at, tok in enumerate(toks):
        unit = _ENGLISH_UNITS.get(tok.key)
        if unit is None or at == 0 or tok.cyr:
            continue
        a = at - 1
        while a >= 0 and toks[a].cap and not toks[a].cyr:
            # The name's words: "Velyka Pysarivka", "Novhorod-Siverskyi"; the longest that
            # names a unit.
            start = a
            while (
                start > 0
                and a - start < 3
                and toks[start].joined
                and toks[start - 1].cap
                and not toks[start - 1].cyr
                and toks[start - 1].key not in _LIST_WORDS
            ):
                start -= 1
            first, places = a, tuple[Place, ...]()
            for begin in range(start, a + 1):
                key = " ".join(t.key for t in toks[begin : a + 1])
                if places := gaz.lookup(f"{key} {unit}"):
                    first = begin
                    break
            if not places:
                break
            hits[:] = [x for x in hits if x.last < first or x.first > a]
            bisect.insort(hits, _Hit(first, a, key, places, 0.9), key=lambda x: x.first)
            a = first - 1
            if a >= 1 and toks[a].key in _LIST_WORDS and toks[a].joined:
                a -= 1  # "Krasnopillia and Bilopillia"
            elif a >= 0 and toks[a + 1].gap.strip() == ",":
                pass  # "Kupiansk, Izium districts"
            else:
                break


def _spread_plural_units(toks: list[Token], hits: list[_Hit], gaz: Gazetteer) -> None:
    """The adjectives listed before a plural hromada or raion word are each a unit: a
    unit lookup ("семенівська громада") replaces whatever village the adjective spells."""
    for at, tok in enumerate(toks):
        unit = _PLURAL_UNITS.get(tok.key)
        if unit is None and at > 0 and _RUSSIAN_ADJECTIVE.search(toks[at - 1].key):
            unit = _RUSSIAN_UNITS.get(tok.key)
        if unit is None or at == 0 or not tok.joined:
            continue
        a = at - 1
        while a >= 0:
            adjective = toks[a]
            if not (adjective.cyr and adjective.cap):
                break
            first = a  # "Новгород-Сіверська": the name's parts before the hyphen
            while first > 0 and toks[first].gap == "-" and toks[first - 1].cap:
                first -= 1
            head = " ".join(t.key for t in toks[first:a])
            key = f"{head} {_adjective_for(adjective.key, unit)}".strip()
            places = gaz.lookup(f"{key} {unit}")
            if not places and _RUSSIAN_ADJECTIVE.search(adjective.key):
                # "Васильевского района" is Василівський район by sound
                places = tuple(
                    p
                    for p in gaz.lookup_sound(f"{key} {unit}")
                    if p.level is not PlaceLevel.SETTLEMENT
                )
            if not places and not _ADJECTIVE_ENDING.search(adjective.key):
                break
            if places:
                hits[:] = [x for x in hits if x.last < first or x.first > a]
                bisect.insort(hits, _Hit(first, a, key, places, 0.9), key=lambda x: x.first)
            # An adjective of a unit the codifier no longer has ("Ореховского", merged into
            # Polohy Raion in 2020) names none, and the list goes on before it.
            a = first
            if a >= 2 and toks[a - 1].key in _LIST_WORDS and toks[a].joined:
                a -= 2  # "Семенівська та Новгород-Сіверська"
            elif a >= 1 and toks[a].gap.strip() == ",":
                a -= 1  # "Семенівську, Сумську та ..."
            else:
                break


# What a place opening a sentence undergoes: "вновь под обстрелом", "знову під ударом",
# "was shelled", "came under fire", "атакували дрони".
# "Петренко под обстрелом критики": a surname, whatever village its letters spell.
_SURNAME_ENDINGS = ("енко", "єнко", "enko")
_PREDICATE_AFTER = re.compile(
    r"(?:\w+ )?(?:(?:под|під|under) (?:обстрел|обстріл|удар|атак|огн|вогн|fire|attack|shelling)|"
    r"(?:подверг|зазна|обстріля|обстреля|атакува|атакова|was shelled|were shelled|came under|"
    r"comes under|was hit|was struck|was attacked))"
)
_ADJECTIVE_ENDING = re.compile(
    r"(?:ська|ської|ській|ську|ською|ського|ському|ським|ський|ськ\w*|"
    r"(?<!ь)ск(?:ий|ая|ой|ого|ому|ом|им|ую|ие|их|ими))$"
)
# An oblast's nickname: "Харківщина", "на Донеччині", "Сумщину", "Херсонщиной".
_NICKNAME = re.compile(r"(?:щин|ччин)(?:а|и|і|у|ою|ой|е)$")
_RUSSIAN_ADJECTIVE = re.compile(r"(?<!ь)ск(?:ий|ая|ой|ого|ому|ом|им|ую|ие|их|ими)$")


def _adjective_for(key: str, unit: str) -> str:
    """The adjective in the case and gender its unit's name takes: "семенівську" →
    "семенівська" (громада), "бучанському" → "бучанський" (район)."""
    ending = "ська" if unit == "громада" else "ський"
    return _ADJECTIVE_ENDING.sub(ending, key) if _ADJECTIVE_ENDING.search(key) else key


_CYRILLIC_PLURAL_REGION_WORDS = frozenset(
    w for w in _PLURAL_REGION_WORDS if not w.isascii() and w not in ("області", "области")
)


def _spread_plural_adjectives(toks: list[Token], hits: list[_Hit], gaz: Gazetteer) -> None:
    """ "у Сумській, Харківській та Донецькій областях", "Київської, Житомирської та
    Львівської областей": every adjective of the list before a plural "областях" is an
    oblast, whatever else its word may name (Sumske, Lvivske are villages too)."""
    added = False
    for w, tok in enumerate(toks):
        if tok.key not in _CYRILLIC_PLURAL_REGION_WORDS or w == 0:
            continue
        pos = w
        while pos > 0:
            k = pos - 1
            if toks[k].key in _LIST_WORDS and not toks[pos].gap.strip():
                if pos == w:
                    break  # "та областях": no adjective right before the noun
                k -= 1
            elif pos != w and toks[pos].gap.strip() != ",":
                break
            if k < 0:
                break
            t = toks[k]
            if not (t.cyr and t.cap and _ADJECTIVE.search(t.key)):
                break
            region = gaz.region(t.key + " область")
            if region is None:
                break
            covering = [i for i, h in enumerate(hits) if h.first <= k <= h.last]
            if any(hits[i].last > k and hits[i].places != (region,) for i in covering):
                break  # a longer name runs through it: not a list of oblasts
            if not covering:
                hits.append(_Hit(k, k, t.key, (region,), 1.0, True))
                added = True
            else:
                for i in covering:
                    h = hits[i]
                    hits[i] = _Hit(h.first, h.last, h.key, (region,), max(h.score, 1.0), True)
            pos = k
    if added:
        hits.sort(key=lambda h: h.first)


def _spread_plural_regions(toks: list[Token], hits: list[_Hit], gaz: Gazetteer) -> None:
    """In "Kharkiv, Donetsk and Luhansk regions" the plural makes each name a region."""
    for k in range(len(hits) - 1, 0, -1):
        h, prev = hits[k], hits[k - 1]
        between = toks[prev.last + 1 : h.first]
        if not h.plural_region or len(between) > 1:
            continue
        if between and between[0].key not in _LIST_WORDS:
            continue
        if not between and toks[h.first].gap.strip() != ",":
            continue
        region = gaz.region_for_base(prev.key)
        if region is None and toks[prev.first].cyr:  # "Київській та Миколаївській областях"
            region = gaz.region(prev.key + " область")
        if region is not None:
            hits[k - 1] = _Hit(prev.first, prev.last, prev.key, (region,), prev.score, True)
