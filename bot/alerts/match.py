"""Which subscriptions want which events of an article: at most one alert per article and chat."""

from __future__ import annotations

import heapq
import logging
import math
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache

from bot.alerts.filters import format_filter
from bot.extract.placenames import city_regions
from bot.records import (
    Alert,
    Change,
    ChatRef,
    Event,
    EventKind,
    Filter,
    Near,
    Place,
    PlaceLevel,
    PlaceRef,
    Severity,
    StoredArticle,
    Subscription,
)

log = logging.getLogger(__name__)


# Whether a raion or hromada a subscription names contains a place (the gazetteer knows).
Containment = Callable[[PlaceRef, Place], bool]


def matches(
    f: Filter,
    event: Event,
    *,
    article_text: str,
    severity: Severity,
    within: Containment | None = None,
) -> bool:
    """Whether one event passes every part of a filter; empty parts let everything through."""
    if severity < f.min_severity:
        return False
    if f.kinds and not set(event.kinds) & set(f.kinds):
        return False
    if (f.places or f.near) and not (
        any(
            place_matches(ref, mention.place, within=within)
            for ref in f.places
            for mention in event.places
            if not mention.guessed
        )
        or (
            f.near is not None
            and any(near_matches(f.near, m.place) for m in event.places if not m.guessed)
        )
    ):
        return False
    if not all(_keyword(k).search(article_text) for k in f.include):
        return False
    return not any(_keyword(k).search(article_text) for k in f.exclude)


def near_matches(near: Near, place: Place) -> bool:
    """A town, village or facility within the radius (Kyiv too); an oblast or a country is
    no point."""
    if place.lat is None or place.lon is None or place.level is PlaceLevel.COUNTRY:
        return False
    if place.level is PlaceLevel.REGION and place.name not in city_regions():
        return False
    return km_between(near.lat, near.lon, place.lat, place.lon) <= near.km


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) on a 6,371 km sphere."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def place_matches(ref: PlaceRef, place: Place, *, within: Containment | None = None) -> bool:
    """A place a subscription names contains, or is, a place an event names."""
    if ref.country and place.country and ref.country.casefold() != place.country.casefold():
        return False
    if ref.level is PlaceLevel.COUNTRY:
        return True
    if ref.level in (PlaceLevel.DISTRICT, PlaceLevel.COMMUNITY):
        return within is not None and within(ref, place)
    if ref.level is PlaceLevel.REGION:
        region = (ref.admin1 or ref.name).casefold()
        if place.admin1 and place.admin1.casefold() in (region, ref.name.casefold()):
            return True
        return place.level is PlaceLevel.REGION and place.name.casefold() == ref.name.casefold()
    if ref.geonameid is not None and place.geonameid is not None:
        return ref.geonameid == place.geonameid
    if ref.code is not None and place.code is not None:  # a village only the codifier lists
        return ref.code == place.code
    return place.name.casefold() == ref.name.casefold() and _same(ref.admin1, place.admin1)


def match_article(
    subscriptions: Sequence[Subscription],
    stored: StoredArticle,
    events: Sequence[Event],
    severity_of: Callable[[Event], Severity],
    *,
    within: Containment | None = None,
) -> tuple[Alert, ...]:
    """One alert per chat that wants any event of this article, from its lowest-id subscription.

    Each alert holds only the events its subscription matched; its severity is theirs at most.
    """
    if not events:
        return ()
    article = stored.article
    text = f"{article.title}\n{article.text}"
    severities = [severity_of(e) for e in events]
    alerted: set[ChatRef] = set()
    alerts: list[Alert] = []
    for sub in _by_kind(subscriptions).wanting(k for e in events for k in e.kinds):
        if sub.paused or sub.chat in alerted:
            continue
        picked = [
            (event, sev)
            for event, sev in zip(events, severities, strict=True)
            if matches(sub.filter, event, article_text=text, severity=sev, within=within)
        ]
        if not picked:
            continue
        alerted.add(sub.chat)
        alerts.append(
            Alert(
                article_id=stored.id,
                article=article,
                events=tuple(event for event, _ in picked),
                severity=max(sev for _, sev in picked),
                subscription=sub,
                reason=f"matches your subscription #{sub.id}: {_described(sub.filter)}",
            )
        )
        log.debug(
            "alert matched article=%s subscription=%s chat=%s events=%d",
            stored.id,
            sub.id,
            sub.chat,
            len(picked),
        )
    return tuple(alerts)


class _ByKind:
    """Subscriptions by the kinds of event their filters ask for: an event is matched
    against those asking for one of its kinds and those asking for none, not against all.
    `bench/bench_match.py` (10,000 subscriptions over six filters, a strike that alerts
    3,334 chats): 23.4-24.6 ms of CPU a story before, 18.2-18.4 with it, and 14.7-15.4 with
    each filter's text made once (`_described`); the rest is the alerts themselves. The
    order is the subscriptions' ids, as without it."""

    def __init__(self, subscriptions: Sequence[Subscription]) -> None:
        self.subscriptions = subscriptions
        ordered = sorted(subscriptions, key=_by_id)
        self._any = tuple(s for s in ordered if not s.filter.kinds)
        by_kind: dict[EventKind, list[Subscription]] = {}
        for sub in ordered:
            for kind in dict.fromkeys(sub.filter.kinds):
                by_kind.setdefault(kind, []).append(sub)
        self._by_kind = {kind: tuple(subs) for kind, subs in by_kind.items()}

    def wanting(self, kinds: Iterable[EventKind]) -> Iterable[Subscription]:
        """Those that may want an event of these kinds, lowest id first, each once."""
        lists = [
            self._any,
            *(self._by_kind[k] for k in dict.fromkeys(kinds) if k in self._by_kind),
        ]
        if len(lists) == 1:
            return lists[0]
        return _once_each(heapq.merge(*lists, key=_by_id))


def _by_id(sub: Subscription) -> int:
    return sub.id


def _once_each(subs: Iterable[Subscription]) -> Iterable[Subscription]:
    last: Subscription | None = None
    for sub in subs:
        if sub is not last:
            yield sub
        last = sub


_indexed: _ByKind | None = None


def _by_kind(subscriptions: Sequence[Subscription]) -> _ByKind:
    """The index of these subscriptions. The store hands out one tuple until they change,
    so the last one built is kept for the same tuple (a list may change: built anew)."""
    global _indexed
    if _indexed is not None and _indexed.subscriptions is subscriptions:
        return _indexed
    index = _ByKind(subscriptions)
    if isinstance(subscriptions, tuple):
        _indexed = index
    return index


def match_story(
    subscriptions: Sequence[Subscription],
    stored: StoredArticle,
    change: Change,
    severity_of: Callable[[Event], Severity],
    *,
    within: Containment | None = None,
) -> tuple[Alert, ...]:
    """One alert per chat that wants the story as it now stands, from its lowest-id
    subscription; keywords are looked for in the article that changed it."""
    card = change.story.event
    severity = severity_of(card)
    article = stored.article
    text = f"{article.title}\n{article.text}"
    alerted: set[ChatRef] = set()
    alerts: list[Alert] = []
    for sub in _by_kind(subscriptions).wanting(card.kinds):
        if sub.paused or sub.chat in alerted:
            continue
        if not matches(sub.filter, card, article_text=text, severity=severity, within=within):
            continue
        alerted.add(sub.chat)
        alerts.append(
            Alert(
                article_id=stored.id,
                article=article,
                events=(card,),
                severity=severity,
                subscription=sub,
                reason=f"matches your subscription #{sub.id}: {_described(sub.filter)}",
                change=change,
            )
        )
    return tuple(alerts)


@lru_cache(maxsize=4096)
def _described(f: Filter) -> str:
    """A filter's text, made once for the many subscriptions that share it (a story that
    alerts thousands of chats gives each its reason)."""
    return format_filter(f)


@lru_cache(maxsize=1024)
def _keyword(keyword: str) -> re.Pattern[str]:
    # Lookarounds rather than \b, so keywords that start or end with a symbol still match.
    body = r"\s+".join(re.escape(word) for word in keyword.split())
    return re.compile(rf"(?<!\w){body}(?!\w)", re.IGNORECASE)


def _same(a: str | None, b: str | None) -> bool:
    return (a or "").casefold() == (b or "").casefold()
