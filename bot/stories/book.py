"""The stories stage: each event of a new article joins the open story of its incident, or
starts one; the changes it makes are what the alerts stage sees.

Open stories (reported within `quiet_after`) are kept in memory, indexed by kind family and
day, so a report is compared with the few stories that could be its incident, however many
the store holds. Every change is written through to the store before it is returned.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Protocol

from bot.records import Article, Change, Event, Report, Story, StoryStatus
from bot.stories import card
from bot.stories.same import Frame, frame_of, merge_frames, outlet_of, strength

log = logging.getLogger(__name__)
_SWEEP_EVERY = timedelta(minutes=5)


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

    def add(self, f: Frame) -> None:
        self.frames.append(f)
        # The wording of the latest few reports is enough to recognise a rewrite.
        self.frames = self.frames[-8:]
        self.frame = merge_frames(self.frames)


class StoryBook:
    """Assigns events to stories; one per process, fed articles in arrival order."""

    def __init__(self, store: StoryStore, *, quiet_after: timedelta = timedelta(hours=48)):
        self._store = store
        self._quiet_after = quiet_after
        self._open: dict[int, _Open] = {}
        # (family, day, region or "") → open story ids; (family, day) → its regions.
        self._by_key: dict[tuple[str, date | None, str], set[int]] = {}
        self._regions: dict[tuple[str, date | None], set[str]] = {}
        self._swept: datetime | None = None

    async def load(self, now: datetime) -> int:
        """Reopen the stories reported within `quiet_after` of `now`; returns how many."""
        for story, titles in await self._store.open_stories(now - self._quiet_after):
            art = Article(
                "", None, None, " ".join(titles[-8:]), "", story.last_seen, story.last_seen
            )
            self._index(_Open(story), frame_of(story.event, art, story.last_seen))
        return len(self._open)

    async def assign(
        self, article: Article, events: Sequence[Event], *, article_id: int | None = None
    ) -> tuple[tuple[Event, Change], ...]:
        """Each event with what it did to its story. Several events of one article that
        tell one incident (a strike and the evacuation it caused) share its story."""
        at = article.published_at or article.fetched_at
        self._close_quiet(at)
        outlet = outlet_of(article)
        out: list[tuple[Event, Change]] = []
        touched: dict[int, Change] = {}
        for event in events:
            frame = frame_of(event, article, at)
            target = self._best(frame) or self._sibling(frame, touched)
            if target is None:
                change = card.start(0, event, outlet, article, at)
            else:
                latest = at >= target.story.last_seen
                change = card.add(target.story, event, outlet, article, at, latest=latest)
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
            change = _with_story(change, saved)
            entry = target or _Open(saved)
            entry.story = saved
            self._index(entry, frame)
            touched[saved.id] = change
            out.append((event, change))
        return tuple(out)

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
            score = strength(entry.frame, frame, entry.frames)
            if score <= 0:
                continue
            key = (score, entry.story.last_seen)
            if best is None or key > best[:2]:
                best = (score, entry.story.last_seen, entry)
        return best[2] if best else None

    def _sibling(self, frame: Frame, touched: dict[int, Change]) -> _Open | None:
        """Another kind of event in an article that already told a story here: the
        evacuation ordered after the strike the article reports."""
        for story_id in touched:
            entry = self._open.get(story_id)
            if entry is None or entry.frame is None:
                continue
            if (
                frame.places
                and any(p in entry.frame.places for p in frame.places)
                or (not frame.places and frame.regions & entry.frame.regions)
            ):
                return entry
        return None

    def _candidates(self, frame: Frame) -> list[_Open]:
        """Open stories of the family, within a day of the report, in its regions (and
        those with no region); a report with no region looks at every region."""
        days: list[date | None] = [None]
        if frame.day is not None:
            days = [frame.day - timedelta(days=1), frame.day, frame.day + timedelta(days=1)]
        ids: set[int] = set()
        for day in days:
            regions = self._regions.get((frame.family, day), set())
            wanted = (frame.regions & regions) | {""} if frame.regions else regions
            for region in wanted:
                ids |= self._by_key.get((frame.family, day, region), set())
        return [self._open[i] for i in ids if i in self._open]

    def _index(self, entry: _Open, frame: Frame) -> None:
        entry.add(frame)
        story = entry.story
        self._open[story.id] = entry
        for key in self._keys(entry):
            self._by_key.setdefault(key, set()).add(story.id)
            self._regions.setdefault(key[:2], set()).add(key[2])

    @staticmethod
    def _keys(entry: _Open) -> set[tuple[str, date | None, str]]:
        assert entry.frame is not None
        family = entry.frame.family
        return {(family, f.day, region) for f in entry.frames for region in (f.regions or {""})}

    def _close_quiet(self, now: datetime) -> None:
        """Stories silent for `quiet_after` are closed: a later report starts a new one.
        Swept every few minutes of report time; `_best` skips quiet ones in between."""
        if self._swept is not None and now - self._swept < _SWEEP_EVERY:
            return
        self._swept = now
        limit = now - self._quiet_after
        for story_id in [i for i, e in self._open.items() if e.story.last_seen < limit]:
            entry = self._open.pop(story_id)
            for key in self._keys(entry):
                bucket = self._by_key.get(key)
                if bucket is not None:
                    bucket.discard(story_id)
                    if not bucket:
                        del self._by_key[key]
                        self._regions.get(key[:2], set()).discard(key[2])


def _with_story(change: Change, story: Story) -> Change:
    return Change(
        story,
        change.status,
        change.before,
        change.rose,
        change.new_kinds,
        change.upgraded,
        change.corrected,
    )


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
