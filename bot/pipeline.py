"""One poll of one source: fetch → record new → extract → stories → match → queue alerts."""

from __future__ import annotations

import asyncio
import bisect
import functools
import logging
import time
from array import array
from collections.abc import Awaitable, Callable, Iterable, Iterator, Mapping, Sequence, Set
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Protocol

from bot.alerts.match import Containment, match_story
from bot.alerts.timing import Hold, hold, parse_quiet
from bot.errors import SourceError, StoreError, UserError
from bot.i18n import ENGLISH, Audience
from bot.metrics import Metrics
from bot.opsnotify import OpsNotifier
from bot.records import (
    Alert,
    Article,
    Change,
    ChatRef,
    Event,
    Place,
    Severity,
    SourceState,
    StoredArticle,
    StoryStatus,
    Subscription,
)
from bot.render.digest import brief_of
from bot.render.story import render_story, update_note
from bot.sources import Source
from bot.sources.cadence import Cadence, Outcome, plan
from bot.store import ArticleLog, Outbox, SourceHealthStore, SubscriptionStore
from bot.stories import StoryBook

log = logging.getLogger(__name__)

# On a store several workers share: polls wait while more articles than this wait to be
# told, but no longer than UNTOLD_PATIENCE seconds.
UNTOLD_LIMIT = 400
UNTOLD_PATIENCE = 60.0


class KeyHashes(Set[int]):
    """The hashed keys of the items a source listed, packed: a sorted array of 8-byte ints
    (a feed of 50 items in 0.5 KB, where a frozenset of them took 4 KB; a thousand feeds
    held 3.9 MB that way), asked by bisection."""

    __slots__ = ("_sorted",)

    def __init__(self, hashes: Iterable[int] = ()) -> None:
        self._sorted = array("q", sorted(set(hashes)))

    def __contains__(self, value: object) -> bool:
        if not isinstance(value, int):
            return False
        at = bisect.bisect_left(self._sorted, value)
        return at < len(self._sorted) and self._sorted[at] == value

    def __iter__(self) -> Iterator[int]:
        return iter(self._sorted)

    def __len__(self) -> int:
        return len(self._sorted)


_NONE_KNOWN = KeyHashes()


class PipelineStore(ArticleLog, SourceHealthStore, SubscriptionStore, Outbox, Protocol):
    """The parts of the store one poll touches."""

    async def mark_processed(self, article_id: int) -> None: ...

    def unit(self, what: str) -> AbstractAsyncContextManager[None]:
        """The store calls inside run in one transaction."""
        ...

    async def unprocessed(self) -> tuple[StoredArticle, ...]: ...

    async def story_chats(self, story_id: int) -> frozenset[ChatRef]: ...

    async def muted_chats(self, story_id: int) -> frozenset[ChatRef]: ...


class SharedPipelineStore(PipelineStore, Protocol):
    """What a poll touches when several workers share the store: one extracts, the leader
    tells the stories (see `Pipeline.tell_extracted`)."""

    async def mark_extracted(self, article_id: int) -> None: ...

    async def extracted(
        self, limit: int
    ) -> tuple[tuple[StoredArticle, tuple[Event, ...]], ...]: ...

    async def untold(self, article_ids: Sequence[int]) -> frozenset[int]: ...

    async def mark_all_processed(self, article_ids: Sequence[int]) -> None: ...

    async def orphans(self, recorded_before: datetime) -> tuple[StoredArticle, ...]: ...

    async def untold_count(self, cap: int) -> int: ...


@dataclass(frozen=True, slots=True)
class PollReport:
    source_id: str
    new_articles: int = 0
    events: int = 0
    alerts: int = 0
    not_modified: bool = False
    error: str | None = None
    next_poll_at: datetime | None = None  # when the source is due again (None: its interval)


class Pipeline:
    """Turns polls into queued alerts; failures become source-health data, never crashes."""

    def __init__(
        self,
        *,
        store: PipelineStore,
        extract: Callable[[StoredArticle], tuple[Event, ...]],
        severity_of: Callable[[Event], Severity],
        clock: Callable[[], datetime],
        stories: StoryBook,
        source_names: Mapping[str, str] | None = None,
        within: Containment | None = None,
        max_age: timedelta | None = None,
        first_poll_alerts: bool = True,
        metrics: Metrics | None = None,
        ops: OpsNotifier | None = None,
        cadences: Mapping[str, Cadence] | None = None,
        audiences: Callable[[ChatRef], Awaitable[Audience]] | None = None,
        breakthrough: Severity = Severity.FLASH,
        places_named: Callable[[Article], Sequence[Place]] | None = None,
    ) -> None:
        """`places_named`: the places an article names, for one that tells no event but
        may look back at a story's incident (see `StoryBook.assign`);
        `max_age`: no article published longer ago alerts (None: any age);
        `first_poll_alerts`: False records a source's first poll as already known;
        `audiences`: each chat's language and time zone, which its alerts are written in,
        and its quiet hours (None: English and UTC, never quiet); `breakthrough`: the
        severity from which an alert ignores quiet hours and digests."""
        self._store = store
        # Several workers on one store: a poll records its articles' events and stops there
        # (`share`); the leader tells their stories (`tell_extracted`).
        self._shared: SharedPipelineStore | None = None
        self.extracted = asyncio.Event()  # set when a shared poll recorded events
        self._untold: tuple[float, int] = (0.0, 0)  # (when counted, articles still to tell)
        # A fresh story book from the store, for when a failed write left the one in memory
        # ahead of it (set by the app; None keeps the book).
        self.reopen_stories: Callable[[], Awaitable[StoryBook]] | None = None
        self._metrics = metrics or Metrics()
        self._ops = ops
        self.stories = stories
        self._max_age = max_age
        self._first_poll_alerts = first_poll_alerts
        self._source_names = dict(source_names or {})
        self._cadences = dict(cadences or {})
        self._within = within
        self._audiences = audiences
        self._breakthrough = breakthrough
        self._extract = extract
        self._places_named = places_named
        self._severity_of = severity_of
        self._clock = clock
        # One poll per source at a time, even if a slow poll overlaps its next turn.
        self._locks: dict[str, asyncio.Lock] = {}
        # Each source's items as it listed them last (hashed keys): only others can be new.
        self._listed: dict[str, KeyHashes] = {}

    def share(self, store: SharedPipelineStore) -> None:
        """From now on polls only extract, into `store`, and the leader tells the stories
        (`tell_extracted`)."""
        self._shared = store

    def set_sources(self, names: Mapping[str, str], cadences: Mapping[str, Cadence]) -> None:
        """The sources' display names and polling bounds, after a config reload."""
        self._source_names = dict(names)
        self._cadences = dict(cadences)

    def _plan(self, state: SourceState, outcome: Outcome, at: datetime) -> SourceState:
        """The state with when the source is due next and its interval from now on."""
        due, interval = self._next(state.source_id, state, outcome, at)
        return replace(state, next_poll_at=due, interval_seconds=interval)

    def _next(
        self, source_id: str, state: SourceState, outcome: Outcome, at: datetime
    ) -> tuple[datetime | None, float | None]:
        """When the source is due next and its interval from now on (as `state` has them
        when no cadence is known)."""
        cadence = self._cadences.get(source_id)
        if cadence is None:
            return state.next_poll_at, state.interval_seconds
        return plan(cadence, state.interval_seconds, outcome, at)

    async def poll(self, source: Source) -> PollReport:
        lock = self._locks.get(source.id)
        if lock is None:
            lock = self._locks[source.id] = asyncio.Lock()
        async with lock:
            return await self._poll(source)

    async def _poll(self, source: Source) -> PollReport:
        if self._shared is not None:
            await self._wait_for_teller(self._shared)
        state = await self._store.source_state(source.id)
        if state.paused:
            self._metrics.polls.labels(source.id, "paused").inc()
            return PollReport(source.id, error="paused")
        started = self._clock()
        timer = time.monotonic()
        try:
            known = self._listed.get(source.id, _NONE_KNOWN)
            result = await source.fetch(state, known)
        except SourceError as exc:
            state = await self._record_failure(state, exc, started)
            self._metrics.polls.labels(source.id, "error").inc()
            self._metrics.source_failing.labels(source.id).set(state.consecutive_failures)
            self._metrics.poll_seconds.observe(time.monotonic() - timer)
            if self._ops is not None:
                await self._ops.source_failed(source.id, state.consecutive_failures, str(exc))
            return PollReport(source.id, error=str(exc), next_poll_at=state.next_poll_at)
        # Only what this source did not list last time can be new: a 304, or a feed whose
        # items were all there before, touches neither the store's articles nor the extractor.
        fresh = [a for a in result.articles if hash(a.key) not in known]
        events = alerts = 0
        stored: tuple[StoredArticle, ...] = ()
        if fresh:
            # A source never polled before: what it holds now is its past, known but not
            # news, recorded without reading it (a thousand new feeds would otherwise spend
            # minutes extracting articles that cannot alert).
            baseline = state.last_ok_at is None and not self._first_poll_alerts
            stored = await self._store.record_articles(fresh, processed=baseline)
            if stored and not baseline:
                events, alerts = await self.process(stored)
        if not result.not_modified:
            self._listed[source.id] = KeyHashes(
                result.listed
                if result.listed is not None
                else (hash(a.key) for a in result.articles)
            )
        # (one copy of the state per poll: most polls are 304s, and each copy costs)
        due, interval = self._next(
            source.id,
            state,
            Outcome(new_items=len(stored), fresh_for=result.fresh_for),
            started,
        )
        saved = replace(
            result.state,
            last_fetch_at=started,
            last_ok_at=started,
            consecutive_failures=0,
            error_count=state.error_count,
            paused=state.paused,
            last_error=state.last_error,
            last_error_at=state.last_error_at,
            interval_seconds=interval,
            next_poll_at=due,
        )
        await self._store.save_source_state(saved)
        if self._ops is not None:
            await self._ops.source_ok(source.id)
        outcome = "not_modified" if result.not_modified else "ok"
        self._metrics.polled(source.id, outcome, articles=len(stored))
        self._metrics.poll_seconds.observe(time.monotonic() - timer)
        log.log(
            logging.INFO if stored else logging.DEBUG,
            "polled source=%s new=%d events=%d alerts=%d not_modified=%s",
            source.id,
            len(stored),
            events,
            alerts,
            result.not_modified,
        )
        return PollReport(
            source.id, len(stored), events, alerts, result.not_modified, None, saved.next_poll_at
        )

    async def process(
        self, stored: Sequence[StoredArticle], *, alert: bool = True
    ) -> tuple[int, int]:
        """Extract, tell stories, match and queue each new article; mark it processed only
        once queued. `alert` False records the articles and their stories without alerts.
        On a shared store only the events are recorded; the leader does the rest."""
        if self._shared is not None:
            return await self._extract_only(self._shared, stored), 0
        subscriptions = await self._store.subscriptions()
        events_total = alerts_total = 0
        for item in _oldest_first(stored):
            events = await self._read(item)
            # One transaction for all the article's writes: its events, its story, its
            # alerts and its processed mark are committed together or not at all.
            async with self._store.unit("recording an article's events, story and alerts"):
                await self._store.record_events(item.id, events)
                alerts_total += await self._tell(item, events, subscriptions, alert=alert)
            events_total += len(events)
        return events_total, alerts_total

    async def _read(self, item: StoredArticle) -> tuple[Event, ...]:
        timer = time.monotonic()
        try:
            events = await asyncio.to_thread(self._extract, item)
        except Exception:
            self._metrics.extract_errors.inc()
            # One article the extractor cannot handle must not stop the source (or, on
            # restart, the bot): it is kept, without events, and the error is logged.
            log.exception("extract failed article=%d source=%s", item.id, item.article.source_id)
            events = ()
        self._metrics.extract_seconds.observe(time.monotonic() - timer)
        for event in events:
            self._metrics.events.labels(event.kind.value).inc()
        return events

    async def _tell(
        self,
        item: StoredArticle,
        events: Sequence[Event],
        subscriptions: Sequence[Subscription],
        *,
        alert: bool = True,
        mark: bool = True,
    ) -> int:
        """Inside the article's unit: its stories, its alerts, its processed mark (unless
        `mark` is False: the caller marks a batch at once)."""
        named = self._places_named
        changes = await self.stories.assign(
            item.article,
            events,
            article_id=item.id,
            named=functools.partial(named, item.article) if named is not None else None,
        )
        queued = (
            await self._queue(item, changes, subscriptions) if alert and self._fresh(item) else 0
        )
        if mark:
            await self._store.mark_processed(item.id)
        for _, change in changes:
            self._metrics.stories.labels(change.status.value).inc()
        return queued

    async def _extract_only(
        self, store: SharedPipelineStore, stored: Sequence[StoredArticle]
    ) -> int:
        total = 0
        for item in stored:
            events = await self._read(item)
            async with store.unit("recording an article's events"):
                await store.record_events(item.id, events)
                await store.mark_extracted(item.id)
            total += len(events)
        if stored:
            self.extracted.set()
        return total

    async def _wait_for_teller(self, store: SharedPipelineStore) -> None:
        """Hold a poll while more than UNTOLD_LIMIT articles wait for the leader: the
        workers read no faster than the leader tells (on one core, the leader's own polls
        would otherwise starve its telling), and the backlog stays small. After
        UNTOLD_PATIENCE the poll goes on anyway: a store with no leader still records what
        the feeds list, before it leaves them."""
        loop = asyncio.get_running_loop()
        give_up = loop.time() + UNTOLD_PATIENCE
        while loop.time() < give_up:
            at, untold = self._untold
            if loop.time() - at >= 1.0:
                untold = await store.untold_count(UNTOLD_LIMIT + 1)
                self._untold = (loop.time(), untold)
            if untold <= UNTOLD_LIMIT:
                return
            await asyncio.sleep(0.5)

    async def tell_extracted(self, *, limit: int = 200) -> tuple[int, int]:
        """The leader's part on a shared store: tell the stories of articles other workers
        (or this one) extracted, match and queue their alerts; (articles told, alerts).

        A batch is told in one transaction. If it fails, the story book (ahead of the store
        now) is read again; a store error then goes up (the next round tries again), any
        other error has the batch told article by article, and an article that still fails
        is logged and marked processed without alerts, so it cannot stop the telling."""
        store = self._shared
        if store is None:
            return 0, 0
        batch = await store.extracted(limit)
        if not batch:
            return 0, 0
        events_of = {item.id: events for item, events in batch}
        subscriptions = await store.subscriptions()
        ordered = _oldest_first([item for item, _ in batch])
        try:
            return await self._tell_batch(store, ordered, events_of, subscriptions)
        except StoreError:
            await self._reopen()
            raise
        except Exception:
            log.exception("telling a batch failed; telling its articles one at a time")
            await self._reopen()
        told = alerts = 0
        for item in ordered:
            try:
                one = await self._tell_batch(store, [item], events_of, subscriptions)
            except StoreError:
                await self._reopen()
                raise
            except Exception:
                log.exception("telling failed, article left untold article=%d", item.id)
                await self._reopen()
                await store.mark_all_processed([item.id])
                continue
            told, alerts = told + one[0], alerts + one[1]
        return told, alerts

    async def _tell_batch(
        self,
        store: SharedPipelineStore,
        items: Sequence[StoredArticle],
        events_of: Mapping[int, tuple[Event, ...]],
        subscriptions: Sequence[Subscription],
    ) -> tuple[int, int]:
        alerts = 0
        async with store.unit("telling articles' stories and alerts"):
            # Told meanwhile (by a leader that lost its lock and does not know yet) or being
            # told now: left out.
            mine = await store.untold([item.id for item in items])
            for item in items:
                if item.id in mine:
                    alerts += await self._tell(item, events_of[item.id], subscriptions, mark=False)
            await store.mark_all_processed(sorted(mine))
        return len(mine), alerts

    async def _reopen(self) -> None:
        if self.reopen_stories is not None:
            self.stories = await self.reopen_stories()

    async def adopt_orphans(self, *, older_than: timedelta) -> int:
        """On a shared store: articles a worker recorded but stopped before reading are
        read here (the leader does this now and then); how many."""
        store = self._shared
        if store is None:
            return 0
        orphans = await store.orphans(self._clock() - older_than)
        if orphans:
            log.info("reading articles a stopped worker left count=%d", len(orphans))
            await self._extract_only(store, orphans)
        return len(orphans)

    async def resume_unprocessed(self) -> tuple[int, int]:
        """Articles recorded before a crash but never matched are matched now (on a shared
        store the leader does it, by `tell_extracted` and `adopt_orphans`)."""
        if self._shared is not None:
            return 0, 0
        leftover = await self._store.unprocessed()
        if leftover:
            log.info("resuming unprocessed articles count=%d", len(leftover))
        return await self.process(leftover)

    def _fresh(self, item: StoredArticle) -> bool:
        if self._max_age is None:
            return True
        article = item.article
        return (article.published_at or article.fetched_at) >= self._clock() - self._max_age

    async def _queue(
        self,
        item: StoredArticle,
        changes: Sequence[tuple[Event, Change]],
        subscriptions: Sequence[Subscription],
    ) -> int:
        """One alert per story the article changed and chat that wants it: a new story (or
        one new to this chat) as its card; a story the chat has as an update of that card."""
        latest: dict[int, Change] = {}
        for _, change in changes:
            latest[change.story.id] = change  # the article's last change holds the others
        queued = 0
        audiences: dict[ChatRef, Audience] = {}
        for change in latest.values():
            if not change.alerts:
                continue  # the same facts from another outlet: the card's counts only
            told = await self._store.story_chats(change.story.id)
            muted = await self._store.muted_chats(change.story.id)
            for alert in match_story(
                subscriptions, item, change, self._severity_of, within=self._within
            ):
                chat = alert.subscription.chat
                if ChatRef(chat.platform, chat.chat_id) in muted:
                    continue  # the chat pressed "mute this story"
                update = change.status is StoryStatus.UPDATE and chat in told
                audience = audiences.get(chat)
                if audience is None:
                    audience = audiences[chat] = await self._audience(chat)
                document = render_story(
                    alert,
                    source_name=self._source_names.get(item.article.source_id),
                    audience=audience,
                )
                held = self._hold(alert, audience)
                delivery = await self._store.enqueue(
                    article_id=item.id,
                    subscription_id=alert.subscription.id,
                    chat=chat,
                    severity=alert.severity,
                    document=document,
                    story_id=change.story.id,
                    note=update_note(change, audience) if update else None,
                    held_until=held.until if held else None,
                    held_for=held.reason if held else None,
                    brief=brief_of(alert, audience) if held else None,
                )
                if delivery is not None:
                    queued += 1
                    self._metrics.alerts.labels(alert.severity.label).inc()
        return queued

    def _hold(self, alert: Alert, audience: Audience) -> Hold | None:
        """Whether the chat's quiet hours or the subscription's digest hold this alert."""
        quiet = None
        if audience.quiet:
            try:
                quiet = parse_quiet(audience.quiet)
            except UserError:
                log.warning("unreadable quiet hours ignored quiet=%r", audience.quiet)
        return hold(
            self._clock(),
            severity=alert.severity,
            zone=audience.zone,
            quiet=quiet,
            digest=alert.subscription.filter.digest,
            breakthrough=self._breakthrough,
        )

    async def _audience(self, chat: ChatRef) -> Audience:
        return ENGLISH if self._audiences is None else await self._audiences(chat)

    async def _record_failure(
        self, state: SourceState, exc: SourceError, at: datetime
    ) -> SourceState:
        error = str(exc)
        failures = state.consecutive_failures + 1
        failed = self._plan(
            replace(
                state,
                last_fetch_at=at,
                last_error=error,
                last_error_at=at,
                consecutive_failures=failures,
                error_count=state.error_count + 1,
            ),
            Outcome(failures=failures, retry_after=getattr(exc, "retry_after", None)),
            at,
        )
        await self._store.save_source_state(failed)
        log.warning(
            "source failed source=%s error=%r consecutive=%d",
            state.source_id,
            error,
            failed.consecutive_failures,
        )
        return failed


def _oldest_first(stored: Sequence[StoredArticle]) -> list[StoredArticle]:
    """Oldest first, whatever order the feed lists them in: a story is told as it grew."""
    return sorted(stored, key=lambda s: s.article.published_at or s.article.fetched_at)
