"""The composition root: the only place that builds concrete pieces and wires them together."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import signal
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import cached_property, partial
from pathlib import Path
from typing import TextIO

import httpx

from bot.alerts.filters import format_filter, parse_filter
from bot.alerts.severity import severity_of
from bot.commands import dispatch, help_entries
from bot.commands.context import CommandContext
from bot.config.schema import Settings, SlackSettings, SourceSettings, TelegramSettings
from bot.delivery import Deliverer, DrainReport
from bot.errors import ConfigError, FilterError, StoreError
from bot.extract import Extractor
from bot.extract.gazetteer import Gazetteer
from bot.extract.hierarchy import Hierarchy
from bot.extract.home import HomeRegions, configured_regions
from bot.extract.placeref import GazetteerResolver, HierarchyContainment, UkrainianNames
from bot.extract.places import PlaceMatcher
from bot.extract.wordforms import WordForms
from bot.i18n import LANGUAGES, Audience, audience_of, translator, zone_of
from bot.memory import release_free_memory, settle_heap
from bot.metrics import Metrics
from bot.ops import OpsServer
from bot.opsnotify import OpsNotifier
from bot.pipeline import Pipeline, PollReport
from bot.platforms import Platform
from bot.platforms.console import ConsolePlatform
from bot.records import (
    ChatRef,
    ChatSettings,
    CommandRequest,
    Event,
    Place,
    Reply,
    Severity,
    StoredArticle,
)
from bot.scheduler import PollLoop, PollSchedule
from bot.sources import Source, build_http_client, build_source
from bot.sources.cadence import Cadence
from bot.store import PruneReport, RetentionPolicy
from bot.store.database import answered
from bot.store.engine import is_sqlite_file, prepare_sqlite_dir, redacted, resolve_url
from bot.store.lock import InstanceLock
from bot.store.sql import SqlStore, open_store
from bot.stories import StoryBook, StoryStore
from bot.workers import Membership

log = logging.getLogger(__name__)
CONSOLE_CHAT = ChatRef("console", "terminal")
# The leader tells stories in batches of this many articles, and looks for more at least
# every TELL_WAIT seconds (at once when this worker extracted some).
TELL_BATCH = 200
TELL_WAIT = 0.5
# How often the leader looks for articles a stopped worker recorded but never read.
ORPHANS_EVERY = timedelta(minutes=1)


def utc_now() -> datetime:
    return datetime.now(UTC)


def console_wanted(settings: Settings) -> bool:
    if settings.console.enabled == "auto":
        # The console is the default platform: on whenever no chat platform is configured.
        chat_platforms = (settings.telegram, settings.slack)
        return not any(p is not None and p.active for p in chat_platforms)
    return bool(settings.console.enabled)


def color_wanted(settings: Settings, stream: TextIO) -> bool:
    if settings.console.color == "auto":
        return stream.isatty() and "NO_COLOR" not in os.environ
    return bool(settings.console.color)


class Parts:
    """Each concrete piece the settings describe, built once on first need. The running
    `App` and every one-off CLI command (`extract`, `stories`, `prune`, `sources`,
    `check-config`) take their pieces from here, so there is one way to build each."""

    def __init__(self, settings: Settings, base_dir: Path) -> None:
        self.settings = settings
        self.base_dir = base_dir

    @cached_property
    def gazetteer(self) -> Gazetteer:
        return Gazetteer.load(self.settings.places)

    @cached_property
    def hierarchy(self) -> Hierarchy:
        cache = self.settings.places.cache_dir
        return Hierarchy.load(cache_dir=Path(cache) if cache else None)

    @cached_property
    def extractor(self) -> Extractor:
        return Extractor(PlaceMatcher(self.gazetteer), self.gazetteer)

    @cached_property
    def home_regions(self) -> HomeRegions:
        """Each source's home region: its `region:`, else guessed from its name and learned
        from its posts. An unknown `region:` is a config error."""
        sources = self.settings.sources
        problems, configured = configured_regions(
            ((s.id, s.region) for s in sources), self.gazetteer
        )
        if problems:
            raise ConfigError(problems)
        names = {s.id: f"{s.name or ''} {s.id}" for s in sources}

        def guess(source_id: str) -> str | None:
            named = names.get(source_id, source_id)
            return self.extractor.named_region(named)

        def town(source_id: str) -> Place | None:
            return self.extractor.named_town(names.get(source_id, source_id))

        return HomeRegions(configured, guess=guess, town=town)

    @cached_property
    def resolver(self) -> GazetteerResolver:
        """Place names as users type them (filters, /sitrep)."""
        return GazetteerResolver(self.gazetteer, self.hierarchy)

    @cached_property
    def within(self) -> HierarchyContainment:
        return HierarchyContainment(self.hierarchy)

    @cached_property
    def place_names(self) -> UkrainianNames:
        """Places' Ukrainian names, for readers who read Ukrainian."""
        return UkrainianNames(self.hierarchy)

    def audience(self, chosen: ChatSettings, *, user_language: str | None = None) -> Audience:
        """A chat's reader, from what it chose and the operator's defaults."""
        chats = self.settings.chats
        return audience_of(
            chosen,
            user_language=user_language,
            default_language=chats.language,
            default_zone=zone_of(chats.timezone) or UTC,
            names=self.place_names,
        )

    @cached_property
    def word_forms(self) -> WordForms:
        return WordForms(self.gazetteer)

    async def load_places(self, *, hierarchy: bool = True) -> None:
        """The gazetteer, the extractor and (unless not needed) the hierarchy, built off the
        event loop: they take a second or two."""

        def load() -> None:
            _ = self.extractor
            if hierarchy:
                _ = self.resolver

        await asyncio.to_thread(load)
        # Building the index left much memory freed but held: hand it back.
        release_free_memory()

    async def open_store(self, url: str | None = None) -> SqlStore:
        """The configured store, or the one at `url`."""
        return await open_store(url or self.settings.store.url, base_dir=self.base_dir)

    def instance_lock(self) -> InstanceLock:
        """Held while the bot runs: on a SQLite store, a second bot stops with a clear
        error instead of sending alerts twice (PostgreSQL takes several workers)."""
        url = resolve_url(self.settings.store.url, base_dir=self.base_dir)
        if not is_sqlite_file(url):
            return InstanceLock.none()
        try:
            prepare_sqlite_dir(url)
        except OSError as exc:
            raise StoreError(f"store {redacted(url)}: cannot create its folder: {exc}") from exc
        return InstanceLock(Path(str(url.database))).acquire()

    def retention(self) -> RetentionPolicy:
        r = self.settings.retention
        return RetentionPolicy(r.articles, r.seen, r.stories, r.deliveries, r.batch)

    def story_book(self, store: StoryStore) -> StoryBook:
        stories = self.settings.stories
        official = {s.id: s.side for s in self.settings.sources if s.kind == "official"}
        return StoryBook(
            store,
            quiet_after=stories.quiet_after,
            late_margin=stories.late_margin,
            official=official,
        )


class App:
    """The running bot: every piece built and started. `App.open()` builds one, `close()`
    tears it down in order."""

    def __init__(
        self,
        parts: Parts,
        *,
        store: SqlStore,
        client: httpx.AsyncClient,
        platforms: dict[str, Platform],
        notifier: OpsNotifier | None,
        metrics: Metrics,
        clock: Callable[[], datetime],
    ) -> None:
        self.parts = parts
        self.settings = parts.settings
        self.base_dir = parts.base_dir
        self.store = store
        self.resolver = parts.resolver  # place names users type
        self.platforms = platforms
        self.notifier = notifier
        self.metrics = metrics
        self._clock = clock
        self._client = client
        self.sources: dict[str, Source] = {
            s.id: self._build_source(s) for s in self.settings.sources if s.enabled
        }
        self._cadence_of = self._cadences()  # each source's polling bounds, by id
        settings = self.settings
        extractor = parts.extractor
        self._warm_up = extractor.warm

        homes = parts.home_regions

        def extract(item: StoredArticle) -> tuple[Event, ...]:
            source = item.article.source_id
            events = extractor.extract(
                item.article, home=homes.of(source), own=homes.own_place(source)
            )
            homes.learn(source, events)
            return events

        def rate(event: Event) -> Severity:
            return severity_of(event, settings.severity)

        self.stories = parts.story_book(store)
        self.pipeline = Pipeline(
            store=store,
            extract=extract,
            severity_of=rate,
            clock=clock,
            stories=self.stories,
            source_names={s.id: s.title for s in settings.sources},
            within=parts.within,
            max_age=settings.alerts.max_age,
            first_poll_alerts=settings.alerts.first_poll == "alert",
            metrics=metrics,
            ops=notifier,
            cadences=self._cadence_of,
            audiences=self._audience,
            breakthrough=settings.chats.quiet_breakthrough,
            places_named=extractor.places_named,
        )
        self.deliverer = Deliverer(
            outbox=store,
            platforms=platforms,
            clock=clock,
            updates=settings.alerts.updates,
            metrics=metrics,
            ops=notifier,
            audiences=self._audience,
        )
        self.ops: OpsServer | None = None
        self._jobs: set[asyncio.Task[object]] = set()
        self._stopping = False
        self._deliver_lock = asyncio.Lock()
        self._started: set[str] = set()  # platforms whose start() returned
        self._scheduling = False  # run_forever's scheduler is running
        self._rate_limited: dict[str, float] = {}  # what /metrics counted so far
        self._schedule: PollSchedule | None = None
        self.polls: PollLoop | None = None  # while run_forever runs
        self._lock = InstanceLock.none()
        # Sharing a PostgreSQL store with other workers (`open(workers=True)`): this worker
        # polls the sources it leases and leads when elected (see `bot.workers`).
        self.shared = False
        self.membership: Membership | None = None
        self._telling: asyncio.Task[None] | None = None
        self._stop_telling = asyncio.Event()
        self._told = 0  # articles the leader's last round told

    def _cadences(self) -> dict[str, Cadence]:
        """Each enabled source's polling bounds, from `fetch` and its own interval."""
        fetch = self.settings.fetch
        cadences = {}
        for source in self.settings.sources:
            interval = self.settings.interval(source)
            cadences[source.id] = (
                Cadence(interval, min(fetch.fastest, interval), max(fetch.slowest, interval))
                if fetch.adaptive
                else Cadence.fixed(interval)
            )
        return cadences

    @classmethod
    async def open(
        cls,
        settings: Settings,
        *,
        base_dir: Path,
        stream: TextIO | None = None,
        clock: Callable[[], datetime] = utc_now,
        workers: bool = False,
    ) -> App:
        """Build every piece from the settings and start it: the store, places, sources,
        pipeline, platforms, outbox and (if on) the ops endpoints. On a failure, what was
        opened is closed again before the error goes on. `workers`: a long run that, on
        PostgreSQL, shares the store's work with the other workers (see `bot.workers`)."""
        parts = Parts(settings, base_dir)
        lock = parts.instance_lock()
        try:
            store = await parts.open_store()
        except BaseException:
            lock.release()
            raise
        try:
            await parts.load_places()
            platforms: dict[str, Platform] = {}
            notifier = (
                OpsNotifier(
                    chats=[_chat_ref(ref) for ref in settings.ops.notify],
                    platforms=platforms,  # filled below; read when the notifier speaks
                    clock=clock,
                    every=settings.ops.notify_every,
                    failures=settings.ops.notify_after,
                )
                if settings.ops.notify
                else None
            )
            app = cls(
                parts,
                store=store,
                client=build_http_client(settings.fetch),
                platforms=platforms,
                notifier=notifier,
                metrics=Metrics(),
                clock=clock,
            )
            app._lock = lock
            app.shared = workers and store.shared
        except BaseException:
            await store.close()
            lock.release()
            raise
        try:
            await app._start(stream or sys.stdout)
        except BaseException:
            await app.close()
            raise
        return app

    async def _start(self, stream: TextIO) -> None:
        settings = self.settings
        if self.shared:
            # The leader, once elected, reopens the stories and listens for commands.
            self.pipeline.share(self.store)
        else:
            reopened = await self.stories.load(self._clock())
            log.info("stories reopened count=%d", reopened)
        if settings.telegram is not None and settings.telegram.active:
            self.platforms["telegram"] = self._telegram(settings.telegram)
        if settings.slack is not None and settings.slack.active:
            self.platforms["slack"] = self._slack(settings.slack)
        if console_wanted(settings):
            console = ConsolePlatform(stream, color=color_wanted(settings, stream))
            self.platforms[console.name] = console
            if not self.shared:
                await self._sync_console_subscriptions()
        for name, platform in self.platforms.items():
            await platform.start(listen=not (self.shared and self._listens_alone(name)))
            self._started.add(name)
        if settings.ops.enabled:
            self.ops = OpsServer(
                listen=settings.ops.listen,
                port=settings.ops.port,
                readiness=self.readiness,
                metrics=self.metrics_text,
            )
            await self.ops.start()
        await self.pipeline.resume_unprocessed()

    def _build_source(self, source: SourceSettings) -> Source:
        return build_source(
            source,
            client=self._client,
            base_dir=self.base_dir,
            max_body=self.settings.fetch.max_body,
            clock=self._clock,
        )

    async def _audience(self, chat: ChatRef) -> Audience:
        """Who reads a chat's alerts; a store that cannot say leaves the defaults."""
        try:
            chosen = await self.store.chat_settings(chat)
        except StoreError as exc:
            log.warning("chat settings unreadable chat=%s error=%r", chat, str(exc))
            chosen = ChatSettings()
        return self.parts.audience(chosen)

    def commands(
        self, platform: str, *, prefix: str = "/"
    ) -> Callable[[CommandRequest], Awaitable[Reply]]:
        """The platform-neutral command handlers, bound to this app's store and places."""
        context = CommandContext(
            store=self.store,
            places=self.resolver,
            severity=self.settings.severity,
            sources={s.id: s.title for s in self.settings.sources},
            clock=self._clock,
            platform=platform,
            command_prefix=prefix,
            within=self.parts.within,
            word_forms=self.parts.word_forms.forms,
            default_language=self.settings.chats.language,
            default_timezone=zone_of(self.settings.chats.timezone) or UTC,
            place_names=self.parts.place_names,
            breakthrough=self.settings.chats.quiet_breakthrough,
            buttons=platform in ("telegram", "slack"),
        )

        async def on_command(request: CommandRequest) -> Reply:
            return await dispatch(request, context)

        return on_command

    def _slack(self, settings: SlackSettings) -> Platform:
        # Imported when configured: a bot without Slack does not carry its client's memory.
        from bot.platforms.slack import SlackPlatform

        on_command = self.commands("slack", prefix=f"{settings.command} ")
        return SlackPlatform(settings, on_command=on_command)

    def _telegram(self, settings: TelegramSettings) -> Platform:
        from bot.platforms.telegram import TelegramPlatform

        on_command = self.commands("telegram")
        menus = {
            language: [
                (e.name, translator(language).gettext(e.summary))
                for e in help_entries()
                if not e.operator_only
            ]
            for language in LANGUAGES
        }
        # Everyone else sees the operator's language.
        default = menus[self.settings.chats.language]
        return TelegramPlatform(settings, on_command=on_command, commands=default, menus=menus)

    async def _sync_console_subscriptions(self) -> None:
        """Console subscriptions live in the config: the store mirrors exactly that list."""
        resolver = self.resolver
        wanted: dict[str, str] = {}
        problems = []
        for i, text in enumerate(self.settings.console.subscriptions):
            try:
                wanted[format_filter(parse_filter(text, places=resolver))] = text
            except FilterError as exc:
                problems.append(f"console.subscriptions[{i}]: {text!r}: {exc}")
        if problems:
            raise ConfigError(problems)
        existing = {s.filter_text: s for s in await self.store.subscriptions(CONSOLE_CHAT)}
        for normal, sub in existing.items():
            if normal not in wanted:
                await self.store.remove_subscription(CONSOLE_CHAT, sub.id)
        for normal, text in wanted.items():
            if normal not in existing:
                await self.store.add_subscription(
                    CONSOLE_CHAT, parse_filter(text, places=resolver), normal, created_by="config"
                )

    async def readiness(self) -> dict[str, str]:
        """Each part the bot needs, "ok" or why not: what /readyz answers."""
        parts: dict[str, str] = {}
        try:
            await self.store.ping()
            parts["store"] = "ok"
        except Exception as exc:
            parts["store"] = str(exc)
        for name in self.platforms:
            parts[f"platform.{name}"] = "ok" if name in self._started else "not started"
        parts["scheduler"] = "ok" if self._scheduling else "not running"
        return parts

    async def metrics_text(self) -> bytes:
        """The Prometheus page, with the outbox and rate-limit figures read now."""
        try:
            pending, oldest = await self.store.backlog()
            self.metrics.outbox(pending, oldest, self._clock())
        except StoreError:
            self.metrics.store_errors.labels("metrics").inc()
        for name, platform in self.platforms.items():
            # Platforms with a pacer say how long their service made them wait in all.
            total = float(getattr(platform, "rate_limited_seconds", 0.0))
            if total > self._rate_limited.get(name, 0.0):
                self.metrics.rate_limited.labels(name).inc(
                    total - self._rate_limited.get(name, 0.0)
                )
                self._rate_limited[name] = total
        return self.metrics.render()

    async def close(self) -> None:
        if self.ops is not None:
            await self.ops.stop()
        await self._finish_jobs()
        for name, platform in self.platforms.items():
            # One platform failing to stop must not keep the store from closing cleanly.
            try:
                await platform.stop()
            except Exception:
                log.exception("platform stop failed platform=%s", name)
        await self._client.aclose()
        await self.store.close()
        self._lock.release()

    async def poll(self, source_id: str) -> PollReport:
        return await self.pipeline.poll(self.sources[source_id])

    async def deliver(self, *, if_due: bool = False) -> DrainReport:
        """Send what the outbox holds; `if_due`: the periodic drain (`Deliverer.drain`)."""
        async with self._deliver_lock:
            return await self.deliverer.drain(if_due=if_due)

    async def prune(self) -> PruneReport:
        """Old rows out of the store, as `retention` in the config says (on a shared store,
        by the leader)."""
        if self.membership is not None and not self.membership.leading:
            return PruneReport()
        report = await self.store.prune(self._clock(), self.parts.retention())
        release_free_memory()
        for table, count in (
            ("articles_emptied", report.articles_emptied),
            ("articles", report.articles_deleted),
            ("events", report.events_deleted),
            ("stories", report.stories_deleted),
            ("deliveries", report.deliveries_deleted),
        ):
            if count:
                self.metrics.pruned.labels(table).inc(count)
        if report.total:
            log.info(
                "pruned articles_emptied=%d articles=%d events=%d stories=%d deliveries=%d",
                report.articles_emptied,
                report.articles_deleted,
                report.events_deleted,
                report.stories_deleted,
                report.deliveries_deleted,
            )
        return report

    async def _job(self, work: Callable[[], Awaitable[object]], what: str) -> None:
        """A scheduled run of `what` ("polls", "deliveries", "pruning"): none start once
        stopping, and shutdown waits for those running, so nothing is left half-written and
        no task is cancelled mid-transaction. A store refusing the work is told to the ops
        channel, and so is its recovery."""
        if self._stopping:
            return
        task = asyncio.current_task()
        if task is not None:
            self._jobs.add(task)
        try:
            with answered() as used:
                await work()
        except StoreError as exc:  # the store is down or full: said once, no traceback
            self.metrics.store_errors.labels("job").inc()
            log.error("scheduled job failed: %s", exc)
            if self.notifier is not None:
                await self.notifier.store_failed(what, str(exc))
        except Exception:  # a job's failure is logged; the schedule goes on
            log.exception("scheduled job failed")
        else:
            # Recovered only if the store answered this job: a 304 poll touches nothing.
            if self.notifier is not None and used:
                await self.notifier.store_ok(what)
        finally:
            if task is not None:
                self._jobs.discard(task)

    async def _finish_jobs(self) -> None:
        self._stopping = True
        current = asyncio.current_task()
        running = [t for t in self._jobs if t is not current]
        if running:
            await asyncio.gather(*running, return_exceptions=True)

    async def run_once(self) -> tuple[Sequence[PollReport], DrainReport]:
        """Poll every source once (bounded concurrency), then deliver everything queued.
        Not beside workers running on the same store: it would poll their sources and tell
        their stories a second time."""
        if self.store.shared:
            running = [w for w, _, alive in await self.store.workers(self._clock()) if alive]
            if running:
                where = ", ".join(f"{w.host} pid {w.pid}" for w in running)
                raise StoreError(
                    f"{len(running)} worker(s) run on this store ({where}): `run --once` "
                    "would repeat their work; stop them first, or leave the polling to them"
                )
        limit = asyncio.Semaphore(self.settings.fetch.max_concurrency)

        async def one(source_id: str) -> PollReport:
            async with limit:
                return await self.poll(source_id)

        reports = await asyncio.gather(*(one(sid) for sid in self.sources))
        return reports, await self.deliver()

    async def run_forever(
        self,
        stop: asyncio.Event,
        *,
        reload: asyncio.Event | None = None,
        load: Callable[[], Settings] | None = None,
    ) -> None:
        """Poll, deliver and prune on schedule until `stop` is set. Each time `reload` is
        set, `load` reads the config again and `apply` takes its sources in."""
        # The word dictionaries and name indexes load now, not when the first news comes.
        await asyncio.to_thread(self._warm_up)
        log.debug("heap settled objects=%d", settle_heap())
        schedule = PollSchedule()
        self._schedule = schedule
        polls = self.polls = PollLoop(
            self._poll_job,
            concurrency=self.settings.fetch.max_concurrency,
            jitter=self.settings.fetch.jitter,
            fallback=lambda sid: self._cadence_of[sid].interval,
            clock=self._clock,
        )
        polls_stop = asyncio.Event()
        beating: asyncio.Task[None] | None = None
        if self.shared:
            # Polls start as the worker's leases come; the first beat comes at once.
            membership = self.membership = self._membership(polls)
            await membership.join()
            beating = asyncio.create_task(membership.run(polls_stop))
        else:
            # Due where the last run left them (a Retry-After or backoff outlives a restart).
            known = {s.source_id: s for s in await self.store.all_source_states()}
            for source_id in self.sources:
                state = known.get(source_id)
                polls.add(source_id, state.next_poll_at if state else None)
        polling = asyncio.create_task(polls.run(polls_stop))

        async def deliver_job() -> None:
            await self._job(partial(self.deliver, if_due=True), "deliveries")

        async def prune_job() -> None:
            await self._job(self.prune, "pruning")

        async def flush_job() -> None:
            await self._job(self.store.flush_source_states, "saving source states")

        schedule.add_periodic("deliver", deliver_job, every=timedelta(seconds=5))
        schedule.add_periodic("flush", flush_job, every=timedelta(seconds=30))
        schedule.add_periodic("prune", prune_job, every=self.settings.retention.every)
        schedule.start()
        self._scheduling = True
        log.info("running sources=%d platforms=%s", len(self.sources), ",".join(self.platforms))
        if self.notifier is not None:
            await self.notifier.tell(
                "lifecycle",
                f"started: {len(self.sources)} sources, platforms {', '.join(self.platforms)}",
                always=True,
            )
        try:
            while not stop.is_set():
                waits = [asyncio.ensure_future(stop.wait())]
                if reload is not None:
                    waits.append(asyncio.ensure_future(reload.wait()))
                try:
                    await asyncio.wait(waits, return_when=asyncio.FIRST_COMPLETED)
                finally:
                    for w in waits:
                        w.cancel()
                if reload is not None and reload.is_set() and not stop.is_set():
                    reload.clear()
                    self._reload(load)
        finally:
            log.info("stopping: finishing work in flight")
            polls_stop.set()
            await polling  # no new polls; those running finish
            if beating is not None:
                await beating  # leases, claims and the lead given back
                self.membership = None
            self.polls = None
            # APScheduler's shutdown cancels running jobs, so let them finish first.
            schedule.pause()
            self._scheduling = False
            await self._finish_jobs()
            schedule.shutdown()
            self._schedule = None
            if self.notifier is not None:
                await self.notifier.tell("lifecycle", "stopped", always=True)

    def _listens_alone(self, platform: str) -> bool:
        """Whether only one worker may receive this platform's commands: Telegram's
        getUpdates allows one client. Webhooks, Slack's HTTP endpoint and Socket Mode (which
        spreads events over up to ten connections) take several, so every worker listens."""
        telegram = self.settings.telegram
        return platform == "telegram" and telegram is not None and telegram.mode == "polling"

    def _membership(self, polls: PollLoop) -> Membership:
        async def start_polling(source_ids: frozenset[str]) -> None:
            for source_id in sorted(source_ids):
                state = await self.store.source_state(source_id)
                polls.add(source_id, state.next_poll_at, spread=True)
            self.metrics.worker_sources.inc(len(source_ids))

        async def stop_polling(source_ids: frozenset[str]) -> None:
            for source_id in source_ids:
                polls.remove(source_id)
            self.metrics.worker_sources.dec(len(source_ids))

        return Membership(
            self.store,
            sources=lambda: list(self.sources),
            polls=start_polling,
            drops=stop_polling,
            lead=self._lead,
            follow=self._follow,
            clock=self._clock,
        )

    async def _lead(self) -> None:
        """This worker was elected: it tells every worker's stories from now on, receives
        Telegram's updates (when polled for) and keeps the console's subscriptions."""
        await self._reopen_stories()
        self.pipeline.reopen_stories = self._reopen_stories
        if "console" in self.platforms:
            await self._sync_console_subscriptions()
        self._stop_telling = asyncio.Event()
        self._telling = asyncio.create_task(self._tell_stories(self._stop_telling))
        await self._listen_alone(True)
        self.metrics.worker_leading.set(1)
        if self.notifier is not None:
            await self.notifier.tell("lifecycle", "this worker leads", always=True)

    async def _reopen_stories(self) -> StoryBook:
        """A story book read afresh from the store: the leader's at election, and again
        after a failed write left the one in memory ahead of the store."""
        book = self.parts.story_book(self.store)
        reopened = await book.load(self._clock())
        log.info("stories reopened count=%d", reopened)
        self.stories = self.pipeline.stories = book
        return book

    async def _follow(self) -> None:
        """Leadership lost or given back: stop telling stories and polling Telegram."""
        self._stop_telling.set()
        if self._telling is not None:
            await asyncio.gather(self._telling, return_exceptions=True)
            self._telling = None
        self.metrics.worker_leading.set(0)
        await self._listen_alone(False)

    async def _listen_alone(self, on: bool) -> None:
        """Start or stop receiving on the platforms only the leader may receive on; one
        platform's failure is logged and leaves the others be."""
        for name, platform in self.platforms.items():
            if self._listens_alone(name):
                try:
                    await (platform.listen() if on else platform.unlisten())
                except Exception:
                    log.exception("platform listening failed platform=%s on=%s", name, on)

    async def _tell_stories(self, stop: asyncio.Event) -> None:
        """The leader's loop: every worker's extracted articles told as stories and their
        alerts queued and sent; articles a stopped worker left unread are read here."""
        extracted = self.pipeline.extracted
        next_orphans = 0.0
        loop = asyncio.get_running_loop()
        while not stop.is_set():
            extracted.clear()
            self._told = 0
            await self._job(self._tell_once, "telling stories")
            if loop.time() >= next_orphans:
                next_orphans = loop.time() + ORPHANS_EVERY.total_seconds()
                await self._job(self._adopt_orphans, "reading left articles")
            if self._told >= TELL_BATCH:
                continue  # more are waiting
            # Woken by this worker's own extraction at once, by the others' within TELL_WAIT.
            waits = [asyncio.ensure_future(extracted.wait()), asyncio.ensure_future(stop.wait())]
            try:
                await asyncio.wait(waits, timeout=TELL_WAIT, return_when=asyncio.FIRST_COMPLETED)
            finally:
                for w in waits:
                    w.cancel()

    async def _tell_once(self) -> None:
        self._told, alerts = await self.pipeline.tell_extracted(limit=TELL_BATCH)
        if alerts:
            await self.deliver()

    async def _adopt_orphans(self) -> None:
        await self.pipeline.adopt_orphans(older_than=ORPHANS_EVERY * 2)

    async def _poll_job(self, source_id: str) -> datetime | None:
        """One scheduled poll (and, if it queued alerts, their delivery); when the source
        is due next, None when the poll could not say (its interval then)."""
        reports: list[PollReport] = []

        async def poll_and_deliver() -> None:
            if source_id in self.sources:  # removed by a reload since it was scheduled
                report = await self.poll(source_id)
                reports.append(report)
                if report.alerts:  # sent now; a poll that queued nothing leaves the outbox be
                    await self.deliver()

        await self._job(poll_and_deliver, "polls")
        return reports[0].next_poll_at if reports else None

    def _reload(self, load: Callable[[], Settings] | None) -> None:
        if load is None:
            log.warning("reload asked, but this run has no config file to read again")
            return
        try:
            new = load()
        except ConfigError as exc:
            # A bad new config is refused whole; the running one goes on unchanged.
            log.error("reload refused, still running the old config: %s", exc)
            return
        self.apply(new)

    def apply(self, new: Settings) -> ReloadReport:
        """Take in a changed config's sources without dropping work in flight: sources
        added start polling, removed ones stop (a poll running finishes), changed ones
        restart with their new settings. Other sections need a restart, and the log says
        which."""
        old = {s.id: s for s in self.settings.sources if s.enabled}
        wanted = {s.id: s for s in new.sources if s.enabled}
        added = [i for i in wanted if i not in old]
        removed = [i for i in old if i not in wanted]
        changed = [i for i in wanted if i in old and wanted[i] != old[i]]
        restart = [
            name
            for name in type(new).model_fields
            if name != "sources" and getattr(new, name) != getattr(self.settings, name)
        ]
        self.settings = self.settings.model_copy(update={"sources": new.sources})
        self._cadence_of = self._cadences()
        self.pipeline.set_sources({s.id: s.title for s in new.sources}, self._cadence_of)
        for source_id in removed:
            if self.polls is not None:
                self.polls.remove(source_id)
            self.sources.pop(source_id, None)
        for source_id in [*added, *changed]:
            self.sources[source_id] = self._build_source(wanted[source_id])
            # A worker sharing the store polls only what it leases: an added source is
            # leased at the next beat, by whichever worker has room; a changed one it holds
            # restarts here.
            held = self.membership is None or source_id in self.membership.held
            if self.polls is not None and held:
                self.polls.add(source_id)
        report = ReloadReport(tuple(added), tuple(removed), tuple(changed), tuple(restart))
        log.info(
            "config reloaded added=%s removed=%s changed=%s",
            ",".join(added) or "-",
            ",".join(removed) or "-",
            ",".join(changed) or "-",
        )
        if restart:
            log.warning(
                "config sections changed that take effect on restart: %s", ", ".join(restart)
            )
        return report


def _chat_ref(ref: str) -> ChatRef:
    """ "telegram:-100123/42" as a chat (and thread); the config checked its form."""
    platform, _, rest = ref.partition(":")
    chat, _, thread = rest.partition("/")
    return ChatRef(platform, chat.strip(), thread.strip() or None)


def install_stop_signals(stop: asyncio.Event, reload: asyncio.Event | None = None) -> None:
    """SIGINT and SIGTERM set `stop`; SIGHUP sets `reload` (the config is read again),
    never ending the bot as its default would."""
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        # Not on the main thread, or on Windows: the default handlers stay.
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(sig, stop.set)
    hangup = getattr(signal, "SIGHUP", None)
    if hangup is not None:
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(hangup, _hangup, reload)


def _hangup(reload: asyncio.Event | None) -> None:
    if reload is None:
        log.warning("SIGHUP received: still running; this run cannot read its config again")
        return
    log.info("SIGHUP received: reading the config again")
    reload.set()


@dataclass(frozen=True, slots=True)
class ReloadReport:
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    restart_needed: tuple[str, ...] = ()  # config sections that take effect on restart
