"""The stories stage: each event of a new article joins the open story of its incident, or
starts one; the changes it makes are what the alerts stage sees.

Open stories (reported within `quiet_after`) are kept in memory, indexed by kind family and
day, so a report is compared with the few stories that could be its incident, however many
the store holds. Every change is written through to the store before it is returned.
"""

from __future__ import annotations

import heapq
import logging
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Protocol

from bot.extract.dates import local_date
from bot.extract.triggers import kinds_in
from bot.kinds import KINDS
from bot.records import (
    Article,
    Change,
    Event,
    EventKind,
    FigureName,
    Place,
    PlaceLevel,
    Report,
    Story,
    StoryStatus,
)
from bot.stories import card
from bot.stories.same import (
    TOLL_UPDATE_DAYS,
    Frame,
    aftermath_of,
    frame_of,
    is_roundup,
    merge_frames,
    near,
    near_keys,
    one_outage,
    outlet_of,
    place_key,
    places_fit,
    scattered,
    strength,
    timed,
    toll_affinity,
)

log = logging.getLogger(__name__)


def _guess_confirmed(story: Frame, report: Frame) -> Frame:
    """A story begun by a report whose only place was a guess among namesakes ("Покровське.
    ... ворог скинув на селище дві КАБ", a dozen Pokrovskes) lies there once a later report
    names that place, or the hromada or raion around it, for sure ("Синельниківщина. ...
    атакували КАБами Покровську громаду"): the later report is the evidence the first
    lacked (the reverse of `StoryBook._confirmed`). Time, kind and weapon still decide."""
    if story.places or not story.guesses or not report.places:
        return story
    sure = tuple(
        g
        for g in story.guesses
        # (its namesake in another oblast is no evidence: Shevchenkove of Kharkiv Oblast
        # does not make the guess of Mykolaiv Oblast's sure)
        if any(g.admin1 and g.admin1 == p.admin1 and near(g, p) for p in report.places)
    )
    if not sure:
        return story
    regions = story.regions | {p.admin1 for p in sure if p.admin1}
    return replace(story, places=sure, regions=frozenset(regions))


# How far out of time order reports may arrive (feeds polled side by side, a slow feed, a
# backlog) and still find the story they belong to in memory. The clock it is counted from
# is never ahead of when articles were fetched, so a future-dated item cannot close stories
# early; a report older than this margin no longer alerts anyway (`alerts.max_age`).
LATE_MARGIN = timedelta(days=1)
# A vague report (no place) is compared with at most this many recent stories.
_VAGUE_CANDIDATES = 100
_Key = tuple[str, "date | None", str]


# An event dated this long before its report is history: a dataset's note published weeks
# later, an archive read today. Its facts are recorded; it neither starts nor updates a story.
HISTORY = timedelta(days=31)


def is_news(event: Event, at: datetime) -> bool:
    """Whether an event reported at `at` happened recently enough to be news."""
    return event.date is None or event.date >= local_date(at) - HISTORY


class StoryStore(Protocol):
    """Where stories persist: the book reloads the open ones at start."""

    async def open_stories(self, since: datetime) -> tuple[tuple[Story, tuple[str, ...]], ...]:
        """Stories last reported at or after `since`, each with its reports' titles."""
        ...

    async def save_story(self, story: Story, report: Report) -> Story:
        """Insert (id 0) or update a story and add the report to its timeline; returns it
        with its id."""
        ...


@dataclass(slots=True)
class _Open:
    story: Story
    frames: list[Frame] = field(default_factory=list)
    frame: Frame | None = None
    touched: datetime | None = None  # when its latest report was fetched

    def add(self, f: Frame) -> None:
        self.frames.append(f)
        # The wording of the latest few reports is enough to recognise a rewrite.
        self.frames = self.frames[-8:]
        merged = merge_frames(self.frames)
        # The burst is counted from the story's first report, however many came since.
        first = min(merged.first_at or merged.at, self.story.first_seen)
        # Every source that told it, however long ago: its later look back may name no place.
        feeds = merged.feeds | (self.frame.feeds if self.frame else frozenset())
        self.frame = replace(
            merged, first_at=first, timed=merged.timed and timed(first), feeds=feeds
        )


# Every kind family a story is indexed under.
_FAMILIES = frozenset(f for spec in KINDS.values() for f in spec.families)
# The country whose events a side's official sources speak for.
_SIDE_COUNTRY = {"ua": "UA", "ru": "RU"}


class StoryBook:
    """Assigns events to stories; one per process, fed articles in arrival order."""

    def __init__(
        self,
        store: StoryStore,
        *,
        quiet_after: timedelta = timedelta(hours=48),
        late_margin: timedelta = LATE_MARGIN,
        official: Mapping[str, str | None] | None = None,
    ):
        """`official`: the official sources' ids, each with its side ("ua", "ru") or None;
        their reports of their own side make a story official."""
        self._store = store
        self._official = dict(official or {})
        self._quiet_after = quiet_after
        self._late_margin = late_margin
        self._open: dict[int, _Open] = {}
        # (family, day, place key) → open stories naming that place or a unit around it.
        self._by_place: dict[_Key, set[int]] = {}
        # (family, day, region or "") → open stories a report of which named no place.
        self._placeless: dict[_Key, set[int]] = {}
        # (family, day, region, "" or "*" for any) → the latest stories reported there:
        # what a report naming no place is compared with.
        self._recent: dict[_Key, deque[int]] = {}
        self._quiet: list[tuple[datetime, int]] = []  # heap: (last report, story id)
        # Quiet stories a report fetched within `late_margin` touched: (fetched, story id,
        # last report). A backlog (a feed's first poll, one back after an outage) tells days
        # old news after newer items from other feeds; its stories wait here for its later
        # reports, however old they are by the report clock.
        self._parked: list[tuple[datetime, int, datetime]] = []
        self._newest: datetime | None = None  # the latest report time seen
        self._fetched: datetime | None = None  # the latest fetch seen

    def _of_its_side(self, article: Article, event: Event) -> bool:
        """An official source telling of its own side: Kharkiv's administration of a
        strike on Kharkiv is official; a ministry's claim about the other side's losses
        (an event in the other country) stays a report."""
        if article.source_id not in self._official:
            return False
        side = self._official[article.source_id]
        if side is None:
            return True
        countries = {m.place.country for m in event.places if m.place.country}
        return countries <= {_SIDE_COUNTRY[side]}

    async def load(self, now: datetime) -> int:
        """Reopen the stories reported within `quiet_after` of `now`; returns how many."""
        for story, titles in await self._store.open_stories(now - self._quiet_after):
            art = Article(
                "", None, None, " ".join(titles[-8:]), "", story.last_seen, story.last_seen
            )
            frame = frame_of(story.event, art, story.last_seen, first_at=story.first_seen)
            self._index(_Open(story), frame)
        return len(self._open)

    async def assign(
        self,
        article: Article,
        events: Sequence[Event],
        *,
        article_id: int | None = None,
        named: Callable[[], Sequence[Place]] | None = None,
    ) -> tuple[tuple[Event, Change], ...]:
        """Each event with what it did to its story. Several events of one article that
        tell one incident (a strike and the evacuation it caused) share its story.

        named: the places the article names, asked for only when it tells no event but
        looks back at one (a day of mourning, the power back, the residents of the damaged
        block rehoused): such an article joins that incident's story there, silently."""
        if not events:
            if named is None or (looked := aftermath_of(article)) is None:
                return ()
            at = article.published_at or article.fetched_at
            self._close_quiet(min(at, article.fetched_at), article.fetched_at)
            return await self._follow_up(article, named(), looked[0], at, article_id)
        at = article.published_at or article.fetched_at
        # An item dated ahead of when it was fetched (a wrong clock, a scheduled post) must
        # not move the clock that lets stories go.
        self._close_quiet(min(at, article.fetched_at), article.fetched_at)
        outlet = outlet_of(article)
        out: list[tuple[Event, Change]] = []
        touched: dict[int, Change] = {}
        # A roundup tells no one incident, but the night's air-defence tally in it is the
        # news of its own kind (what was launched and shot down).
        roundup = is_roundup(article)
        # ... and a day's count of evacuees told alone ("З Краснопільщини за добу евакуювали
        # 87 людей") the progress of an evacuation told before: it may join, never start.
        progress = roundup and all(e.kind is EventKind.EVACUATION for e in events)
        kept = [
            event
            for told in events
            if (event := _one_incident(told, article)) is not None
            and is_news(event, at)
            and (not roundup or event.kind is EventKind.AIR_DEFENSE or progress)
        ]
        frames = [self._confirmed(frame_of(event, article, at)) for event in kept]
        # Each event's own match first: an event that finds no story of its own may be told
        # beside one that did (the article's strike, its toll told as casualties).
        found = [self._best(frame) for frame in frames]
        feature = _feature(article)
        for event, frame, best in zip(kept, frames, found, strict=True):
            others = {e.story.id: e for e in found if e is not None}
            target = best or self._sibling(frame, touched, others)
            if target is None and (feature or _nowhere(event) or progress):
                # A feature's or an analysis's scene, or an event told of no place below a
                # country and with no figure ("sanctions on makers of drones used in strikes
                # on Ukraine"): it may join, not start, a story.
                continue
            official = self._of_its_side(article, event)
            if target is None:
                change = card.start(0, event, outlet, article, at, official=official)
            else:
                latest = at >= target.story.last_seen
                change = card.add(
                    target.story, event, outlet, article, at, latest=latest, official=official
                )
                first = touched.get(target.story.id)
                if first is not None:
                    change = _combine(first, change)
            report = Report(
                article_id,
                article.source_id,
                outlet,
                article.title,
                article.url,
                article.published_at,
                change.status,
                event.figures,
            )
            saved = await self._store.save_story(change.story, report)
            change = replace(change, story=saved)
            entry = target or _Open(saved)
            entry.story = saved
            entry.touched = max(entry.touched or article.fetched_at, article.fetched_at)
            self._index(entry, frame)
            touched[saved.id] = change
            out.append((event, change))
        return tuple(out)

    async def _follow_up(
        self,
        article: Article,
        places: Sequence[Place],
        topic: FigureName | None,
        at: datetime,
        article_id: int | None,
    ) -> tuple[tuple[Event, Change], ...]:
        """The open story at a place the article names that its look back is about: one
        with the figure its words are about (the dead it mourns, the power it says is back),
        else the latest told. It may join a story, never start one, and never alerts."""
        wanted = {(p.name, p.admin1) for p in places if p.level is not PlaceLevel.COUNTRY}
        quiet = at - self._quiet_after
        # The stories indexed at those places (see `_keys`), any family, any day still open.
        keys = {"|".join(place_key(p)) for p in places if p.level is not PlaceLevel.COUNTRY}
        first, last = local_date(quiet), local_date(at)
        days = [first + timedelta(days=d) for d in range((last - first).days + 2)]
        ids = {
            i
            for family in _FAMILIES
            for day in days
            for key in keys
            for i in self._by_place.get((family, day, key), ())
        }
        best: tuple[bool, datetime, _Open] | None = None
        for entry in (self._open[i] for i in ids if i in self._open):
            story = entry.story
            if not story.first_seen - self._late_margin <= at or story.last_seen < quiet:
                continue
            if not any((m.place.name, m.place.admin1) in wanted for m in story.event.places):
                continue
            key = (topic is not None and story.event.figure(topic) is not None, story.last_seen)
            if best is None or key > best[:2]:
                best = (*key, entry)
        if best is None:
            return ()
        entry = best[2]
        story = entry.story
        after = replace(story, reports=story.reports + 1, last_seen=max(story.last_seen, at))
        report = Report(
            article_id,
            article.source_id,
            outlet_of(article),
            article.title,
            article.url,
            article.published_at,
            StoryStatus.DUPLICATE,
            (),
        )
        saved = await self._store.save_story(after, report)
        entry.story = saved
        entry.touched = max(entry.touched or article.fetched_at, article.fetched_at)
        return ((saved.event, Change(saved, StoryStatus.DUPLICATE, before=story)),)

    @property
    def open_count(self) -> int:
        return len(self._open)

    def _best(self, frame: Frame) -> _Open | None:
        best: tuple[float, datetime, _Open] | None = None
        quiet = frame.at - self._quiet_after
        for entry in self._candidates(frame):
            assert entry.frame is not None
            if entry.story.last_seen < quiet:
                continue
            if entry.frame.guesses and not entry.frame.places:
                score = strength(
                    _guess_confirmed(entry.frame, frame),
                    frame,
                    [_guess_confirmed(f, frame) for f in entry.frames],
                )
            else:
                score = strength(entry.frame, frame, entry.frames)
            if score <= 0:
                continue
            # Of two stories that fit, the one reported nearer in time (a day's two strikes
            # on one city: the later report is more likely the later strike's).
            hours = abs((frame.at - entry.story.last_seen).total_seconds()) / 3600
            score -= 0.01 * min(hours, 48.0)
            # And of two with a toll, the one whose toll is nearer the report's.
            score += 0.1 * toll_affinity(entry.frame, frame)
            # And of two in one city, the one told of the district the report names.
            if frame.districts and entry.frame.districts:
                score += 0.5 if frame.districts & entry.frame.districts else 0.0
            key = (score, entry.story.last_seen)
            if best is None or key > best[:2]:
                best = (score, entry.story.last_seen, entry)
        return best[2] if best else None

    def _sibling(
        self, frame: Frame, touched: dict[int, Change], found: dict[int, _Open]
    ) -> _Open | None:
        """Another event of an article whose other events told a story here: the
        evacuation ordered after the strike the article reports, the strike whose toll it
        told apart."""
        for story_id in (*touched, *found):
            entry = self._open.get(story_id) or found.get(story_id)
            if entry is None or entry.frame is None:
                continue
            if frame.order and not any(f.order for f in entry.frames):
                continue  # an area's evacuation ordered is its own incident (see `strength`)
            apart = abs((frame.day - entry.frame.day).days) if frame.day and entry.frame.day else 0
            weapons = (
                frame.weapon and entry.frame.weapon and frame.weapon is not entry.frame.weapon
            )
            if apart > 1 or (apart and (frame.fresh or weapons)):
                # A strike of another week told in the background, or a new attack the
                # next night beside the last one's toll ("again, a night after the attack
                # that killed 12"): not this one.
                continue
            if apart and not frame.families & entry.frame.families:
                # An evacuation that runs for days (its trains from Pokrovsk, yesterday and
                # today) is no incident of today's missile strike on the station the article
                # tells beside it.
                continue
            if (
                frame.places
                and any(places_fit(f, frame) for f in entry.frames)
                # (a region alone, only the same day: a wire's evacuation widened today is not
                # the strike of yesterday its last paragraph recalls)
                or (not frame.places and not apart and frame.regions & entry.frame.regions)
            ):
                # Where one of its reports was: a town the story once picked up from a
                # wire's background paragraph is not enough.
                return entry
        return None

    def _confirmed(self, frame: Frame) -> Frame:
        """A report whose only places are guesses among namesakes ("розширила евакуацію в
        Краснопільській громаді", three oblasts having one) names the place of an open story
        of its kind that lies there: that story is the evidence the text lacked."""
        if frame.places or not frame.guesses:
            return frame
        told = {
            place_key(p)
            for entry in self._candidates(replace(frame, places=frame.guesses))
            for f in entry.frames
            for p in f.places
        }
        sure = tuple(p for p in frame.guesses if place_key(p) in told)
        if not sure:
            return frame
        regions = frame.regions | {p.admin1 for p in sure if p.admin1}
        return replace(frame, places=sure, regions=frozenset(regions))

    def _candidates(self, frame: Frame) -> list[_Open]:
        """Open stories of the family within a day of the report that could be its
        incident: for a report naming places, those naming one of them (or a raion or
        hromada around them) and those naming none; for a vague report, the stories of its
        regions (every region when it names none), the most recent first, at most
        `_VAGUE_CANDIDATES`."""
        days: list[date | None] = [None]
        if frame.day is not None:
            # A toll update may look back a few days to the incident it counts.
            back = TOLL_UPDATE_DAYS if frame.later_count and frame.places else 1
            days = [frame.day + timedelta(days=d) for d in range(-back, 2)]
        ids: set[int] = set()
        if frame.places:
            keys = {k for p in frame.places for k in near_keys(p)}
            for family in frame.families:
                for day in days:
                    for key in keys:
                        ids |= self._by_place.get((family, day, key), set())
                    for region in frame.regions | {""}:
                        ids |= self._placeless.get((family, day, region), set())
            return [self._open[i] for i in ids if i in self._open]
        for family in frame.families:
            for day in days:
                for region in frame.regions | {""} if frame.regions else {"*"}:
                    ids.update(self._recent.get((family, day, region), ()))
        return [self._open[i] for i in ids if i in self._open]

    def _index(self, entry: _Open, frame: Frame) -> None:
        entry.add(frame)
        story = entry.story
        self._open[story.id] = entry
        heapq.heappush(self._quiet, (story.last_seen, story.id))
        for table, key in self._keys(entry):
            table.setdefault(key, set()).add(story.id)
        for family in frame.families:
            for region in {*(frame.regions or {""}), "*"}:
                recent = self._recent.setdefault(
                    (family, frame.day, region), deque(maxlen=_VAGUE_CANDIDATES)
                )
                recent.append(story.id)

    def _keys(self, entry: _Open) -> list[tuple[dict[_Key, set[int]], _Key]]:
        """Where an open story is indexed: by each place (and the units around it) it
        names; among the placeless of its region if a report of it named none."""
        out: list[tuple[dict[_Key, set[int]], _Key]] = []
        for f in entry.frames:
            # Under each family a report of it may join: a toll's story is found by a
            # report of the strike and by one of the battle.
            for family in f.families:
                if not f.places:
                    for region in f.regions or {""}:
                        out.append((self._placeless, (family, f.day, region)))
                for p in f.places:
                    for key in near_keys(p):
                        out.append((self._by_place, (family, f.day, key)))
        return out

    def _close_quiet(self, at: datetime, fetched: datetime) -> None:
        """Stories silent for `quiet_after` are let go from memory. Whether a report may
        still join a story is decided against the report's own time (`_best`); this only
        keeps memory bounded, so it waits for a margin past the newest report seen: feeds
        polled side by side deliver their articles out of time order, and a Friday
        article from one must not close the Tuesday story a Wednesday update from
        another is about to join. A story a report fetched within the margin touched
        waits out the margin on the fetch clock too (a backlog's story, old on arrival).
        Heaps of (last report, story) and (fetched, story) find them."""
        if self._newest is None or at > self._newest:
            self._newest = at
        if self._fetched is None or fetched > self._fetched:
            self._fetched = fetched
        limit = self._newest - self._quiet_after - self._late_margin
        touched_limit = self._fetched - self._late_margin
        while self._quiet and self._quiet[0][0] < limit:
            seen, story_id = heapq.heappop(self._quiet)
            entry = self._open.get(story_id)
            if entry is None or entry.story.last_seen != seen:
                continue  # closed already, or reported again since (a newer entry waits)
            if entry.touched and entry.touched >= touched_limit:
                heapq.heappush(self._parked, (entry.touched, story_id, seen))
                continue
            self._let_go(story_id, entry)
        while self._parked and self._parked[0][0] < touched_limit:
            _, story_id, seen = heapq.heappop(self._parked)
            entry = self._open.get(story_id)
            if entry is None or entry.story.last_seen != seen:
                continue  # closed already, or reported again since (back in the first heap)
            if entry.touched and entry.touched >= touched_limit:  # an older report joined it
                heapq.heappush(self._parked, (entry.touched, story_id, seen))
                continue
            self._let_go(story_id, entry)

    def _let_go(self, story_id: int, entry: _Open) -> None:
        del self._open[story_id]
        for table, key in self._keys(entry):
            bucket = table.get(key)
            if bucket is not None:
                bucket.discard(story_id)
                if not bucket:
                    del table[key]


# A body this long under a headline that tells no event is a feature, an analysis, an
# interview: the strikes it tells are its background.
FEATURE_BODY = 600


def _feature(article: Article) -> bool:
    title = article.title.strip()
    return bool(title) and len(article.text) > FEATURE_BODY and not kinds_in(title)


def _one_incident(event: Event, article: Article) -> Event | None:
    """The event as one incident: over places far apart, the one its headline names (or
    none); over towns of two oblasts ("glide bombs kill three in Kharkiv; Moscow reports five
    dead in Belgorod"), the first one's."""
    if scattered(event) and not one_outage(event, f"{article.title}\n{article.text[:600]}"):
        return _titled(event, article)
    if event.kind is EventKind.EVACUATION:
        return event  # from one oblast to another is one evacuation
    towns = [m for m in event.places if m.place.level in _TOWNS and m.place.admin1]
    if len({m.place.admin1 for m in towns}) > 1:
        first = towns[0].place.admin1
        return replace(
            event,
            places=tuple(m for m in event.places if m.place.admin1 in (first, None)),
        )
    return event


_TOWNS = frozenset({PlaceLevel.SETTLEMENT, PlaceLevel.FACILITY, PlaceLevel.COMMUNITY})


def _nowhere(event: Event) -> bool:
    """Neither where (below a country) nor how many: nothing an alert could tell."""
    return not event.figures and all(m.place.level is PlaceLevel.COUNTRY for m in event.places)


def _titled(event: Event, article: Article) -> Event | None:
    """An event whose places lie apart is a list of places shelled, no one incident; in an
    article whose title names one of them, it is that place's incident and the rest are
    background."""
    title = article.title.casefold()
    named = tuple(m for m in event.places if m.mention and m.mention.casefold() in title)
    if not named or scattered(replace(event, places=named)):
        return None
    return replace(event, places=named)


def _combine(first: Change, later: Change) -> Change:
    """Two events of one article in one story make one change: what the article did."""
    status = first.status
    if status is StoryStatus.DUPLICATE and later.status is StoryStatus.UPDATE:
        status = StoryStatus.UPDATE
    return Change(
        later.story,
        status,
        first.before,
        tuple(dict.fromkeys((*first.rose, *later.rose))),
        tuple(dict.fromkeys((*first.new_kinds, *later.new_kinds))),
        first.upgraded or later.upgraded,
        first.corrected or later.corrected,
    )
