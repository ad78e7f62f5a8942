"""Whether a report tells an incident already known: kind family, place, day, weapon, wording.

Decided on the frame the extractor already normalises, so an English wire and a Ukrainian
post of one strike meet without translation; wording only adds evidence where places are
vague. Conservative by design: two strikes wrongly joined hide one from the people who
needed it, while a duplicate alert only costs a glance.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

from bot.kinds import CASUALTY_FIGURES, KINDS
from bot.records import (
    Article,
    Event,
    EventKind,
    FigureName,
    Place,
    PlaceLevel,
    PlaceRole,
    Weapon,
)

# Places below a region that say where an incident happened (a region alone is vague).
_PRECISE = frozenset(
    {PlaceLevel.SETTLEMENT, PlaceLevel.FACILITY, PlaceLevel.DISTRICT, PlaceLevel.COMMUNITY}
)
# Wording alone may join a vague report to a story when this much of it is shared.
SIMILAR = 0.4
# So much shared wording is one story rewritten, even where the counts disagree.
REWRITE = 0.6
# In a city this big, reports of one day join only on a common toll or this much wording.
BUSY_CITY = 100_000
BUSY_SIMILAR = 0.25
# A report dated the day before or after the story joins it only within one news cycle.
_NEXT_DAY_CYCLE = timedelta(hours=18)
_WORD = re.compile(r"\w+")
# A count that updates an earlier one: "toll rises to 5", "зросла до", "died in hospital".
_LATER_COUNT = re.compile(
    r"\b(?:ris(?:e|es|en)|rose|climb\w*|increas\w*|reach\w*|jump\w*|bringing|more bodies|"
    r"died (?:of|from|in)|succumbed|зрос\w*|збільш\w*|сягнул\w*|возросл\w*|вырос\w*|"
    r"увелич\w*|достиг\w*|помер\w*|скончал\w*|ще \w+ тіл|еще \w+ тел)",
    re.IGNORECASE,
)
# Second-level labels under which the outlet is the third label from the right.
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "in", "kiev", "kyiv", "ac"})


PlaceKey = tuple[str, str]
_UNITS = frozenset({PlaceLevel.DISTRICT, PlaceLevel.COMMUNITY})


@dataclass(frozen=True, slots=True)
class Frame:
    """An event reduced to what identifies its incident."""

    family: str
    kinds: frozenset[EventKind]
    places: tuple[Place, ...]  # below region level, where it happened
    regions: frozenset[str]
    day: date | None
    weapon: Weapon | None
    words: frozenset[int]
    at: datetime  # when it was reported
    tolls: tuple[tuple[FigureName, int, int], ...] = ()  # casualty counts: name, low, high
    later_count: bool = False  # a toll update ("toll rises to 5"): a higher count fits


def frame_of(event: Event, article: Article, at: datetime) -> Frame:
    where = [m for m in event.places if m.role is not PlaceRole.DESTINATION and not m.guessed]
    places = tuple(m.place for m in where if m.place.level in _PRECISE)
    regions = frozenset(m.place.admin1 for m in where if m.place.admin1)
    weapon = event.weapon if event.weapon not in (None, Weapon.UNKNOWN) else None
    return Frame(
        family=KINDS[event.kind].family,
        kinds=frozenset(event.kinds),
        places=places,
        regions=regions,
        day=event.date,
        weapon=weapon,
        words=shingles(f"{article.title} {article.text[:400]}"),
        at=at,
        tolls=tolls_of(event),
        later_count=_LATER_COUNT.search(f"{article.title} {event.evidence}") is not None,
    )


def tolls_of(event: Event) -> tuple[tuple[FigureName, int, int], ...]:
    return tuple(
        (name, f.value, f.upper if f.upper is not None else f.value)
        for name, f in event.figures
        if name in CASUALTY_FIGURES
    )


def place_key(place: Place) -> PlaceKey:
    if place.geonameid is not None:
        return ("g", str(place.geonameid))
    if place.code is not None:
        return ("c", place.code)
    return ("n", f"{place.name.casefold()}|{(place.admin1 or '').casefold()}")


def near_keys(place: Place) -> tuple[str, ...]:
    """Keys two places that are `near` share at least one of: the place itself, and for
    codifier places the raion and hromada they lie in (or are); for a unit named after a
    town, that town's name in its oblast."""
    keys = ["|".join(place_key(place))]
    if place.code:
        keys.append(f"r|{place.code[:6]}")
        if place.level is not PlaceLevel.DISTRICT:
            keys.append(f"h|{place.code[:9]}")
    base = place.name.rsplit(" ", 1)[0] if place.level in _UNITS else place.name
    keys.append(f"t|{base.casefold()}|{(place.admin1 or '').casefold()}")
    return tuple(keys)


def near(a: Place, b: Place) -> bool:
    """The same place, or a settlement and the raion or hromada it lies in."""
    if place_key(a) == place_key(b):
        return True
    if a.admin1 != b.admin1:
        return False  # namesakes in two oblasts are two places
    for unit, town in ((a, b), (b, a)):
        if unit.level not in (PlaceLevel.DISTRICT, PlaceLevel.COMMUNITY):
            continue
        if unit.code and town.code:
            # KATOTTG: UA, oblast (2), raion (2), hromada (3), settlement (3) ...
            width = 6 if unit.level is PlaceLevel.DISTRICT else 9
            if town.code[:width] == unit.code[:width]:
                return True
        base = unit.name.rsplit(" ", 1)[0]  # "Kupiansk Raion" is named after Kupiansk
        if town.level is PlaceLevel.SETTLEMENT and town.name == base:
            return True
    return False


def shingles(text: str) -> frozenset[int]:
    """Word trigrams of a text, hashed stably (the same across runs and machines)."""
    words = _WORD.findall(text.casefold())
    grams = (" ".join(words[i : i + 3]) for i in range(max(1, len(words) - 2)))
    return frozenset(zlib.crc32(g.encode()) for g in grams if g)


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    """The share of the shorter wording found in the other: a story's wording grows with
    each report, and a new report is compared with all of it."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def outlet_of(article: Article) -> str:
    """Who published it: the site of its link (two feeds of one outlet are one outlet),
    else the source it came from."""
    host = urlsplit(article.url).hostname if article.url else None
    if not host:
        return article.source_id
    labels = host.casefold().removeprefix("www.").split(".")
    if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def strength(story: Frame, report: Frame, frames: Sequence[Frame] = ()) -> float:
    """How surely the report tells the story's incident; 0 when it does not (or may not).

    `story` is the story's merged frame (its tolls as they stand now), `frames` its reports'
    own frames: places are compared report by report, so a story that grew to name many
    places does not swallow every report that names one of them."""
    if story.family != report.family:
        return 0.0
    if story.weapon and report.weapon and story.weapon is not report.weapon:
        return 0.0  # a morning missile strike and an evening drone attack: two stories
    if story.regions and report.regions and not story.regions & report.regions:
        return 0.0
    day_apart = _days_apart(story.day, report.day)
    if day_apart > 1:
        return 0.0
    if day_apart == 1 and abs(report.at - story.at) > _NEXT_DAY_CYCLE:
        return 0.0  # the same city's strikes on consecutive days are two stories
    words = similarity(story.words, report.words)
    counts = _counts_fit(story, report)
    if counts is False and words < REWRITE:
        return 0.0  # 2 killed and 1 killed in one city on one day: two strikes
    bonus = 0.5 if counts else 0.0
    if story.places and report.places:
        fitting = [f for f in frames or (story,) if _places_fit(f, report)]
        if not fitting:
            return 0.0  # two towns of one oblast, two districts of one city
        if _busy(fitting, report) and not counts and words < BUSY_SIMILAR:
            # A city shelled many times a day: its name and the day are not enough.
            return 0.0
        return 2.0 + words + bonus
    # One side says only the region (or nothing): the wording must say it is the same.
    if not (story.regions & report.regions):
        # No place in common at all ("soldiers killed in the east"): only a rewrite joins.
        return 1.0 + words + bonus if words >= REWRITE and counts is not False else 0.0
    if words >= SIMILAR:
        return 1.0 + words + bonus
    return 0.0


def _busy(frames: Sequence[Frame], report: Frame) -> bool:
    """The only places shared are big cities, where several incidents a day are usual."""
    shared = [b for f in frames for b in report.places for a in f.places if near(a, b)]
    return all(p.population >= BUSY_CITY for p in shared)


def _places_fit(story: Frame, report: Frame) -> bool:
    """They share a place, and neither names a place the other lacks that is not near
    one of the other's: "Kalininsky district of Donetsk" and "Kuibyshevsky district of
    Donetsk" share the city and are still two incidents."""
    if not any(near(a, b) for a in story.places for b in report.places):
        return False
    own = [a for a in story.places if not any(near(a, b) for b in report.places)]
    theirs = [b for b in report.places if not any(near(a, b) for a in story.places)]
    return not (own and theirs)


def _counts_fit(story: Frame, report: Frame) -> bool | None:
    """True when a toll both give is the same (or the report's is a later, higher count),
    False when they differ otherwise, None when they give no common toll."""
    mine = {name: (low, high) for name, low, high in story.tolls}
    verdict: bool | None = None
    for name, low, high in report.tolls:
        if name not in mine:
            continue
        s_low, s_high = mine[name]
        if (
            (low <= s_high and s_low <= high)
            or (report.later_count and low > s_high)
            or (report.at < story.at and high < s_low)
        ):
            # The same count, "the toll rose to 5", or a report older than the story's
            # latest that still gives the earlier count.
            verdict = True
        else:
            return False
    return verdict


def _days_apart(a: date | None, b: date | None) -> int:
    if a is None or b is None:
        return 0
    return abs((a - b).days)


def merge_frames(frames: Iterable[Frame]) -> Frame:
    """A story's frame: every place and region its reports named, its first day and weapon,
    the wording of its reports, the time of the latest."""
    items = list(frames)
    first = items[0]
    places: dict[PlaceKey, Place] = {}
    for f in items:
        for p in f.places:
            places.setdefault(place_key(p), p)
    return Frame(
        family=first.family,
        kinds=frozenset(k for f in items for k in f.kinds),
        places=tuple(places.values()),
        regions=frozenset(r for f in items for r in f.regions),
        day=next((f.day for f in items if f.day is not None), None),
        weapon=next((f.weapon for f in items if f.weapon is not None), None),
        words=frozenset(w for f in items for w in f.words),
        at=max(f.at for f in items),
        tolls=_latest_tolls(items),
    )


def _latest_tolls(frames: Sequence[Frame]) -> tuple[tuple[FigureName, int, int], ...]:
    """Each toll as the latest report that gave it: counts are replaced, not added."""
    latest: dict[FigureName, tuple[int, int]] = {}
    for f in sorted(frames, key=lambda f: f.at):
        for name, low, high in f.tolls:
            latest[name] = (low, high)
    return tuple((name, low, high) for name, (low, high) in latest.items())
