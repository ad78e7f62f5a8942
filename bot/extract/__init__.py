"""Facts from articles: `Extractor.extract(article)` returns the events the article reports."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, Protocol, TypeVar

from bot.extract.aspects import aspect_of
from bot.extract.dates import local_date
from bot.extract.events import (
    Draft,
    adopt_listed_origins,
    assign_roles,
    mark_no_casualties,
    merge_drafts,
    sentence_drafts,
    settle_places,
    split_per_region,
)
from bot.extract.language import detect_language
from bot.extract.sentences import split_sentences
from bot.extract.triggers import is_about_war, may_be_war, names_a_party
from bot.records import (
    Article,
    Attribution,
    Event,
    EventKind,
    FigureName,
    Place,
    PlaceLevel,
    PlaceMention,
)

__all__ = ["Extractor", "LocatedMention", "PlaceFinder", "PlaceLookup"]

# "KYIV, Ukraine (AP) — " names where the reporter is, not where anything happened.
_DATELINE = re.compile(
    r"^\s*(?:[A-ZА-ЯІЇЄҐ][\w’'. -]{1,40}(?:,\s*[\w’'. -]{2,30})?\s*\([^)]{1,30}\)"
    r"|[A-ZА-ЯІЇЄҐ]{3,}[A-ZА-ЯІЇЄҐ’'. -]*(?:,\s*[\w’'. -]{2,30})?(?:\s*\([^)]{1,30}\))?)"
    r"\s*[—–-]{1,2}\s+"
)


def strip_dateline(text: str) -> str:
    m = _DATELINE.match(text)
    return text[m.end() :] if m and m.end() < 80 else text


_CAPITAL_CITIES = frozenset({"Kyiv", "Moscow", "Minsk", "Washington", "London", "Brussels"})
_GOVERNMENT_AFTER = re.compile(
    r"^(?:['’]s)?\s+(?:forces|troops|military|army|says|said|claims|claimed|regime|authorities|"
    r"government|officials|shelling|shellings|attacks?|artillery|side|denies|denied|accuses|soldiers|reports?|reported|"
    r"accused|wants|will|has|have|is|was|must|should|insists?|backed|controlled)\b",
    re.IGNORECASE,
)
_IN_REGION = re.compile(
    r"\s*(?:,?\s*(?:in|of)\s+(?:the\s+)?|,\s*|\(\s*|\s+(?:на|в|у|во)\s+)", re.IGNORECASE
)
# Between a settlement and the region that qualifies it: "Selydove, Donetsk", "X (Donetsk".
_QUALIFIER_GAP = re.compile(r"\s*(?:,|\()\s*(?:the\s+)?", re.IGNORECASE)
_LIST_GOES_ON = re.compile(r"\s*(?:,|\band\b|\bor\b|&|і|та|и)\s*", re.IGNORECASE)
_DISTRICT = re.compile(r"^\s+(?:district|raion|район\w*)\b", re.IGNORECASE)
_CAPITAL_OF = re.compile(
    r"(?:capital|centre|center|administrative centre) of (?:the )?$", re.IGNORECASE
)
# Regions not named after their capital.
_CAPITALS = {"Crimea": "Simferopol", "Volyn Oblast": "Lutsk", "Zakarpattia Oblast": "Uzhhorod"}
_KIND_ORDER = list(EventKind)
S = TypeVar("S")


class LocatedMention(Protocol):
    @property
    def start(self) -> int: ...

    @property
    def mention(self) -> PlaceMention: ...

    @property
    def ambiguous(self) -> bool: ...


class PlaceFinder(Protocol[S]):
    """Finds gazetteer places in text; `places.PlaceMatcher` is the real one.

    `scan` does the costly reading once per sentence; `resolve` decides namesakes against
    the regions in context, first without any, then with the article's."""

    def scan(self, text: str) -> S: ...

    def resolve(
        self, scanned: S, *, context_regions: Iterable[str] = ()
    ) -> Sequence[LocatedMention]: ...

    def elsewhere(self, scanned: S) -> bool: ...


class PlaceLookup(Protocol):
    def lookup(self, name: str) -> tuple[Place, ...]: ...

    def region(self, name: str) -> Place | None: ...


class Extractor:
    """Rule-based extraction: sentences → kinds, figures, places, speakers, dates → events."""

    def __init__(
        self, places: PlaceFinder[Any], gazetteer: PlaceLookup, *, home_country: str = "UA"
    ) -> None:
        self._places = places
        self._gazetteer = gazetteer
        self._home = home_country

    def extract(self, article: Article) -> tuple[Event, ...]:
        whole = f"{article.title}\n{article.text}"
        about_war = is_about_war(whole)
        if not about_war and not may_be_war(whole):
            return ()
        language = detect_language(whole)
        sentences = split_sentences(article.title, strip_dateline(article.text))
        scans = [self._places.scan(s.text) for s in sentences]
        context = self._article_places(scans)
        if not about_war and (
            any(self._places.elsewhere(scanned) for scanned in scans)
            or not any(
                p.country == self._home and p.level is not PlaceLevel.COUNTRY for p in context
            )
        ):
            return ()  # "attack" and "killed" with no place of the war: a crime, a match
        if (
            not context
            and not names_a_party(whole)
            and any(self._places.elsewhere(scanned) for scanned in scans)
        ):
            return ()  # another war: "Israeli strikes near Gaza" names nothing of this one
        places_of: dict[int, list[tuple[int, PlaceMention]]] = {}
        drafts: list[Draft] = []
        known: list[Attribution] = []
        for s, scanned in zip(sentences, scans, strict=True):
            mentions = self._mentions(s.text, scanned, context)
            places_of[s.index] = mentions
            found = sentence_drafts(
                s, mentions, published_at=article.published_at, known_speakers=known
            )
            for d in found:
                if d.kind is EventKind.TERRITORIAL_CHANGE:
                    drafts.extend(split_per_region(d, s.text, mentions))
                else:
                    drafts.append(d)
            if not found:
                mark_no_casualties(drafts, s)
        drafts = merge_drafts(drafts)
        adopt_listed_origins(drafts, sentences, places_of)
        default_date = local_date(article.published_at) if article.published_at else None
        for d in drafts:
            assign_roles(d)
            settle_places(d, context, whole)
        return tuple(self._event(d, default_date, language) for d in drafts if self._worth(d))

    def _article_places(self, scans: Sequence[Any]) -> list[Place]:
        found: list[Place] = []
        for scanned in scans:
            for located in self._places.resolve(scanned):
                # A name several big places share says nothing yet about the article.
                if not located.ambiguous and located.mention.place not in found:
                    found.append(located.mention.place)
        return found

    def _mentions(
        self, text: str, scanned: Any, context: Sequence[Place]
    ) -> list[tuple[int, PlaceMention]]:
        out: list[tuple[int, PlaceMention]] = []
        # Regions the article names outright decide between namesakes; failing those, the
        # regions of every place it names.
        named = {p.name for p in context if p.level is PlaceLevel.REGION}
        regions = named or {p.admin1 for p in context if p.admin1}
        spans = list(self._places.resolve(scanned, context_regions=regions))
        qualifiers = self._qualifying_regions(text, spans)
        for located in spans:
            pm = located.mention
            if id(located) in qualifiers:
                # "Vuhledar, Donetsk": the name after the comma is the region, not its capital.
                pm = PlaceMention(pm.mention, qualifiers[id(located)], pm.role, pm.score)
                out.append((located.start, pm))
                continue
            if self._city_district(text, located, spans) or self._metonym(text, located):
                continue
            stated = self._stated_region(text, located, spans, qualifiers)
            if stated is not None:
                # "Novoandriivka in Zaporizhzhia region", "Selydove, Donetsk": the text says
                # which namesake it is.
                namesakes = [
                    p
                    for p in self._gazetteer.lookup(pm.mention)
                    if p.admin1 == stated.name and p.level is PlaceLevel.SETTLEMENT
                ]
                if pm.place.admin1 != stated.name:
                    if not namesakes:
                        continue
                    pm = PlaceMention(pm.mention, namesakes[0], pm.role, max(pm.score, 0.9))
                else:
                    # Sure of the region; of the village only if the region has one such.
                    sure = 0.9 if len(namesakes) <= 1 else 0.5
                    pm = PlaceMention(pm.mention, pm.place, pm.role, max(pm.score, sure))
            if pm.place.level is PlaceLevel.REGION and _CAPITAL_OF.search(text[: located.start]):
                capital = self._capital(pm.place)
                if capital is not None:
                    pm = PlaceMention(pm.mention, capital, pm.role, pm.score)
            out.append((located.start, pm))
        return out

    def _qualifying_regions(self, text: str, spans: Sequence[LocatedMention]) -> dict[int, Place]:
        """Spans that name a region by its capital's name right after a settlement of it:
        "Selydove, Donetsk", "Kupiansk (Kharkiv)". A list of cities ("Kharkiv, Donetsk and
        Luhansk") goes on with another place, and then they are cities."""
        out: dict[int, Place] = {}
        for a, b in zip(spans, spans[1:], strict=False):
            pa, pb = a.mention.place, b.mention.place
            if pa.level is not PlaceLevel.SETTLEMENT or pb.level is not PlaceLevel.SETTLEMENT:
                continue
            gap = text[a.start + len(a.mention.mention) : b.start]
            if not _QUALIFIER_GAP.fullmatch(gap):
                continue
            region = self._gazetteer.region(b.mention.mention + " region")
            if region is None or pb.admin1 != region.name:
                continue
            if not any(
                p.admin1 == region.name and p.level is PlaceLevel.SETTLEMENT
                for p in self._gazetteer.lookup(a.mention.mention)
            ):
                continue
            end = b.start + len(b.mention.mention)
            if _LIST_GOES_ON.match(text, end) and any(s.start > end for s in spans):
                nxt = next(s for s in spans if s.start > end)
                if _LIST_GOES_ON.fullmatch(text[end : nxt.start]):
                    continue
            out[id(b)] = region
        return out

    @staticmethod
    def _city_district(
        text: str, located: LocatedMention, spans: Sequence[LocatedMention]
    ) -> bool:
        """ "the city's Dniprovskyi district" names a part of a city, not a namesake elsewhere."""
        after = text[located.start + len(located.mention.mention) :]
        if not _DISTRICT.match(after):
            return False
        admin1 = located.mention.place.admin1
        others = {s.mention.place.admin1 for s in spans if s is not located}
        return admin1 not in others

    @staticmethod
    def _stated_region(
        text: str,
        located: LocatedMention,
        spans: Sequence[LocatedMention],
        qualifiers: dict[int, Place],
    ) -> Place | None:
        if located.mention.place.level is not PlaceLevel.SETTLEMENT:
            return None
        end = located.start + len(located.mention.mention)
        m = _IN_REGION.match(text, end)
        if m is None:
            return None
        region = next((s for s in spans if s.start == m.end()), None)
        if region is None:
            return None
        if id(region) in qualifiers:
            return qualifiers[id(region)]
        if region.mention.place.level is not PlaceLevel.REGION:
            return None
        return region.mention.place

    @staticmethod
    def _metonym(text: str, located: LocatedMention) -> bool:
        """ "Kiev forces shell DPR", "Moscow says": a capital standing for its government."""
        if located.mention.place.name not in _CAPITAL_CITIES:
            return False
        end = located.start + len(located.mention.mention)
        if _GOVERNMENT_AFTER.match(text[end:]) or text[: located.start].endswith("pro-"):
            return True
        # A headline's closing source: "Two soldiers killed in the east: Kiev".
        return (
            re.match(r"^\s*(?:military|army|says)?\s*$", text[end:]) is not None
            and re.search(r"(?:[:–—-])\s*$", text[: located.start]) is not None
        )

    def _capital(self, region: Place) -> Place | None:
        name = _CAPITALS.get(
            region.name, region.name.removesuffix(" Oblast").removesuffix(" Krai")
        )
        candidates = [
            p
            for p in self._gazetteer.lookup(name)
            if p.admin1 == region.name and p.level is PlaceLevel.SETTLEMENT
        ]
        return max(candidates, key=lambda p: p.population, default=None)

    @staticmethod
    def _worth(d: Draft) -> bool:
        # A kind word with nothing concrete attached (no place, figure or speaker) is noise.
        return bool(
            d.places or d.figures or (d.speakers and d.kind is not EventKind.GROUND_FIGHTING)
        )

    @staticmethod
    def _event(d: Draft, default_date: date | None, language: str) -> Event:
        evidence = " ".join(s.text for s in d.sentences if not s.is_title) or d.sentences[0].text
        figures = tuple(sorted(d.figures.items(), key=lambda kv: _FIGURE_ORDER.index(kv[0])))
        return Event(
            kind=d.kind,
            places=tuple(d.places),
            figures=figures,
            attribution=tuple(d.speakers),
            date=min(d.dates) if d.dates else default_date,
            evidence=evidence,
            weapon=d.weapon,
            aspect=aspect_of(d.kind, evidence),
            denied=d.denied,
            no_casualties=d.no_casualties,
            disputed_by=tuple(d.disputed_by),
            language=language,
        )


_FIGURE_ORDER = tuple(FigureName)
