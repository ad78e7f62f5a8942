"""One poll over a loopback feed server: new vs repeat articles, failures as health data, replay."""

from __future__ import annotations

import socket
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.alerts.filters import parse_filter
from bot.alerts.severity import severity_of
from bot.config.schema import SeveritySettings
from bot.delivery import Deliverer
from bot.errors import DeliveryError, StoreError
from bot.extract import Extractor
from bot.pipeline import KeyHashes, Pipeline
from bot.records import ChatRef, DeliveryStatus, Document, Severity, StoredArticle
from bot.sources import FeedSource
from bot.store.sql import SqlStore
from bot.stories import StoryBook
from tests.sources.feedserver import FeedServer, Route

CHAT = ChatRef("console", "terminal")
ITEM = """<item><guid>{guid}</guid><title>{title}</title><link>https://example.org/{guid}</link>
<pubDate>Tue, 10 Mar 2026 08:00:00 +0200</pubDate><description>{text}</description></item>"""


def rss(*items: tuple[str, str, str]) -> bytes:
    body = "".join(ITEM.format(guid=g, title=t, text=x) for g, t, x in items)
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{body}</channel></rss>'.encode()


STRIKE = (
    "s1",
    "Missile strike on Kharkiv kills 3",
    "A Russian missile hit Kharkiv on Tuesday, killing 3 people and injuring 12, governor Oleh Syniehubov said.",
)
FOOTBALL = (
    "f1",
    "Shakhtar win the cup",
    "Shakhtar beat Dynamo 2-1 in the cup final in Lviv on Tuesday.",
)


def now() -> datetime:
    return datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


@pytest.fixture
def pipeline(store: SqlStore, extractor: Extractor) -> Pipeline:
    return Pipeline(
        store=store,
        extract=lambda item: extractor.extract(item.article),
        severity_of=lambda e: severity_of(e, SeveritySettings()),
        clock=now,
        stories=StoryBook(store),
    )


class Places:
    """A resolver for the one place these tests subscribe to."""

    def resolve_place(self, name: str):  # type: ignore[no-untyped-def]
        from bot.records import PlaceLevel, PlaceRef

        return (
            PlaceRef("Kharkiv Oblast", PlaceLevel.REGION, "UA", "Kharkiv Oblast")
            if "kharkiv" in name.lower()
            else None
        )

    def suggest(self, name: str) -> tuple[str, ...]:
        return ()


async def subscribe(store: SqlStore, text: str) -> None:
    await store.add_subscription(
        CHAT, parse_filter(text, places=Places()), text, created_by="test"
    )


def source(server: FeedServer, client: httpx.AsyncClient, path: str = "/feed") -> FeedSource:
    return FeedSource("loop", server.url(path), client=client, max_body=1_000_000, clock=now)


async def test_new_articles_alert_once_and_repeats_are_dropped(
    server: FeedServer, client: httpx.AsyncClient, store: SqlStore, pipeline: Pipeline
) -> None:
    await subscribe(store, "strikes in:kharkiv")
    server.routes["/feed"] = Route(body=rss(STRIKE, FOOTBALL), etag='"v1"')
    first = await pipeline.poll(source(server, client))
    assert (first.new_articles, first.alerts, first.error) == (2, 1, None)
    pending = await store.pending()
    assert len(pending) == 1
    assert pending[0].severity is Severity.URGENT
    assert "3 killed, 12 injured" in pending[0].document.plain_text()
    second = await pipeline.poll(source(server, client))
    assert second.not_modified
    assert second.new_articles == 0
    assert server.requests[-1].headers.get("if-none-match") == '"v1"'
    # The same items under a new ETag are still not new: the store decides.
    server.routes["/feed"] = Route(body=rss(STRIKE, FOOTBALL), etag='"v2"')
    third = await pipeline.poll(source(server, client))
    assert (third.new_articles, third.alerts) == (0, 0)
    assert len(await store.pending()) == 1


@pytest.mark.parametrize(
    ("route", "error"),
    [
        (Route(body=b"<html><body>Not a feed</body></html>", content_type="text/html"), "feed"),
        (Route(body=b"\x00\x01garbage"), "feed"),
        (Route(status=500, body=b"oops"), "HTTP 500"),
        (Route(body=b"x" * 2_000_000), "1000000"),
    ],
)
async def test_broken_source_becomes_health_data_and_recovers(
    server: FeedServer,
    client: httpx.AsyncClient,
    store: SqlStore,
    pipeline: Pipeline,
    route: Route,
    error: str,
) -> None:
    server.routes["/feed"] = route
    report = await pipeline.poll(source(server, client))
    assert report.error is not None
    assert error in report.error
    state = await store.source_state("loop")
    assert (state.consecutive_failures, state.error_count) == (1, 1)
    assert state.last_error == report.error
    assert state.last_ok_at is None
    server.routes["/feed"] = Route(body=rss(STRIKE))
    ok = await pipeline.poll(source(server, client))
    assert ok.error is None
    assert ok.new_articles == 1
    healed = await store.source_state("loop")
    assert (healed.consecutive_failures, healed.error_count) == (0, 1)
    assert healed.last_ok_at == now()


async def test_unreachable_source_is_recorded_not_raised(
    client: httpx.AsyncClient, store: SqlStore, pipeline: Pipeline
) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    dead = FeedSource(
        "loop", f"http://127.0.0.1:{port}/feed", client=client, max_body=1000, clock=now
    )
    report = await pipeline.poll(dead)
    assert report.error is not None
    assert (await store.source_state("loop")).consecutive_failures == 1


async def test_articles_recorded_before_a_crash_are_matched_on_restart(
    store: SqlStore, pipeline: Pipeline
) -> None:
    from bot.records import Article

    await subscribe(store, "all")
    article = Article("loop", STRIKE[0], None, STRIKE[1], STRIKE[2], now(), now())
    # The process died right after recording: nothing was queued yet.
    stored = await store.record_articles([article])
    assert len(stored) == 1
    assert await store.pending() == ()
    events, alerts = await pipeline.resume_unprocessed()
    assert events >= 1
    assert alerts == 1
    assert await pipeline.resume_unprocessed() == (0, 0)
    assert len(await store.pending()) == 1


class FlakyPlatform:
    name = "console"

    def __init__(self, error: Exception | None) -> None:
        self.error = error
        self.sent: list[Document] = []

    async def start(self, *, listen: bool = True) -> None: ...

    async def listen(self) -> None: ...

    async def unlisten(self) -> None: ...

    async def stop(self) -> None: ...

    async def send(
        self,
        chat: ChatRef,
        document: Document,
        *,
        severity: Severity,
        reply_to: str | None = None,
    ) -> tuple[str, ...]:
        if self.error is not None:
            raise self.error
        self.sent.append(document)
        return (f"m{len(self.sent)}",)

    async def edit(self, chat: ChatRef, message_ids: Sequence[str], document: Document) -> None:
        self.sent.append(document)


async def queue_one(store: SqlStore) -> int:
    from bot.records import Article

    (stored,) = await store.record_articles([Article("loop", "g", None, "t", "x", now(), now())])
    assert isinstance(stored, StoredArticle)
    return await queue_for(store, stored.id, CHAT, Severity.URGENT)


async def queue_for(store: SqlStore, article_id: int, chat: ChatRef, severity: Severity) -> int:
    """One alert of the article queued for a chat subscribed to everything."""
    sub = await store.add_subscription(
        chat, parse_filter("all", places=Places()), "all", created_by=None
    )
    d = await store.enqueue(
        article_id=article_id,
        subscription_id=sub.id,
        chat=chat,
        severity=severity,
        document=Document(),
    )
    assert d is not None
    return d.id


@pytest.mark.parametrize(
    ("error", "status", "pending"),
    [
        (None, DeliveryStatus.SENT, 0),
        (DeliveryError("timeout"), DeliveryStatus.PENDING, 1),
        (DeliveryError("chat not found", permanent=True), DeliveryStatus.FAILED, 0),
        # A bug in a platform is not a verdict on the alert: it stays queued.
        (RuntimeError("platform bug"), DeliveryStatus.PENDING, 1),
    ],
)
async def test_delivery_outcomes_are_rows(
    store: SqlStore, error: Exception | None, status: DeliveryStatus, pending: int
) -> None:
    delivery_id = await queue_one(store)
    deliverer = Deliverer(outbox=store, platforms={"console": FlakyPlatform(error)}, clock=now)
    await deliverer.drain()
    row = await store.delivery(delivery_id)
    assert row is not None
    assert row.status is status
    if error is not None:
        assert row.error == str(error)
    # A transient failure waits out its backoff, then is due again.
    assert await store.pending(now=now()) == ()
    assert len(await store.pending(now=now() + timedelta(hours=2))) == pending
    if status is DeliveryStatus.PENDING:
        assert row.attempts == 1


async def test_alerts_for_a_platform_not_running_are_kept(store: SqlStore) -> None:
    delivery_id = await queue_one(store)
    report = await Deliverer(outbox=store, platforms={}, clock=now).drain()
    assert report.waiting == 1
    row = await store.delivery(delivery_id)
    assert row is not None
    assert row.status is DeliveryStatus.PENDING
    assert row.attempts == 0


async def test_alerts_kept_for_a_platform_not_running_do_not_starve_the_others(
    store: SqlStore,
) -> None:
    """A thousand alerts kept for Telegram (its token removed) come first in the outbox;
    the console's alert queued after them still goes out, and the kept ones stay."""
    from bot.records import Article

    (stored,) = await store.record_articles([Article("loop", "g", None, "t", "x", now(), now())])
    assert isinstance(stored, StoredArticle)
    for n in range(1000):
        await queue_for(store, stored.id, ChatRef("telegram", str(1000 + n)), Severity.FLASH)
    console_id = await queue_for(store, stored.id, CHAT, Severity.ROUTINE)
    platform = FlakyPlatform(None)
    report = await Deliverer(
        outbox=store, platforms={"console": platform}, clock=now, batch=100
    ).drain()
    assert (report.sent, report.waiting) == (1, 1000)
    row = await store.delivery(console_id)
    assert row is not None
    assert row.status is DeliveryStatus.SENT
    assert len(await store.pending(limit=5000, now=now())) == 1000
    assert await store.waiting(("console",), now=now()) == {"telegram": 1000}


class CountingReads:
    """The store, counting the outbox reads a deliverer makes."""

    def __init__(self, store: SqlStore) -> None:
        self._store = store
        self.reads = 0

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._store, name)

    async def pending(self, **kwargs):  # type: ignore[no-untyped-def]
        self.reads += 1
        return await self._store.pending(**kwargs)


async def test_the_periodic_drain_of_an_idle_outbox_asks_the_store_nothing(
    store: SqlStore,
) -> None:
    """Issue 12: the drain every five seconds read the outbox each time, with nothing in it.
    After a drain that found nothing due, the periodic one asks nothing until a waiting
    alert (here a retry after its backoff) comes due; a drain after queueing always asks."""
    clock = [now()]
    outbox = CountingReads(store)
    platform = FlakyPlatform(DeliveryError("timeout"))
    deliverer = Deliverer(outbox=outbox, platforms={"console": platform}, clock=lambda: clock[0])
    assert (await deliverer.drain(if_due=True)).sent == 0
    reads = outbox.reads
    for _ in range(3):
        await deliverer.drain(if_due=True)
    assert outbox.reads == reads  # idle: not asked again

    delivery_id = await queue_one(store)
    report = await deliverer.drain()  # whoever queued drains: it is sent (and fails)
    assert report.retrying == 1
    await deliverer.drain(if_due=True)  # nothing due now: the retry waits its backoff
    reads = outbox.reads
    clock[0] += timedelta(seconds=20)
    await deliverer.drain(if_due=True)
    assert outbox.reads == reads  # not due yet: not asked
    platform.error = None
    clock[0] += timedelta(seconds=15)  # the 30 s backoff is over
    assert (await deliverer.drain(if_due=True)).sent == 1
    row = await store.delivery(delivery_id)
    assert row is not None
    assert row.status is DeliveryStatus.SENT


async def test_an_article_the_extractor_chokes_on_does_not_stop_the_source(
    server: FeedServer, client: httpx.AsyncClient, store: SqlStore
) -> None:
    def explode(item: StoredArticle):  # type: ignore[no-untyped-def]
        raise RuntimeError("extractor bug")

    broken = Pipeline(
        store=store,
        extract=explode,
        severity_of=lambda e: severity_of(e, SeveritySettings()),
        clock=now,
        stories=StoryBook(store),
    )
    server.routes["/feed"] = Route(body=rss(STRIKE))
    report = await broken.poll(source(server, client))
    assert report.error is None
    assert report.new_articles == 1
    assert report.events == 0
    assert await store.unprocessed() == ()  # kept, and not replayed forever at each start


async def test_replaying_an_article_does_not_duplicate_its_events(
    store: SqlStore, pipeline: Pipeline
) -> None:
    from bot.records import Article

    article = Article("loop", STRIKE[0], None, STRIKE[1], STRIKE[2], now(), now())
    (stored,) = await store.record_articles([article])
    await pipeline.process([stored])
    first = len(await store.recent_events(50))
    await pipeline.process([stored])  # as after a crash before mark_processed
    assert len(await store.recent_events(50)) == first > 0


def configured(
    store: SqlStore,
    extractor: Extractor,
    *,
    max_age: timedelta | None = None,
    first_poll_alerts: bool = True,
) -> Pipeline:
    """The real pipeline with the alert settings under test."""
    return Pipeline(
        store=store,
        extract=lambda item: extractor.extract(item.article),
        severity_of=lambda e: severity_of(e, SeveritySettings()),
        clock=now,
        stories=StoryBook(store),
        max_age=max_age,
        first_poll_alerts=first_poll_alerts,
    )


@pytest.mark.parametrize(("max_age", "alerts"), [(timedelta(hours=5), 0), (timedelta(hours=7), 1)])
async def test_an_article_older_than_max_age_alerts_nothing_but_is_recorded(
    server: FeedServer,
    client: httpx.AsyncClient,
    store: SqlStore,
    extractor: Extractor,
    max_age: timedelta,
    alerts: int,
) -> None:
    """The strike was published at 06:00 UTC and the clock says 12:00: six hours old."""
    aged = configured(store, extractor, max_age=max_age)
    await subscribe(store, "strikes in:kharkiv")
    server.routes["/feed"] = Route(body=rss(STRIKE))
    report = await aged.poll(source(server, client))
    assert (report.new_articles, report.events, report.alerts) == (1, 1, alerts)
    assert len(await store.pending()) == alerts
    assert await store.recent_stories(limit=5)  # told as a story all the same


async def test_a_first_poll_is_a_baseline_when_asked_and_the_next_one_alerts(
    server: FeedServer, client: httpx.AsyncClient, store: SqlStore, extractor: Extractor
) -> None:
    baseline = configured(store, extractor, first_poll_alerts=False)
    await subscribe(store, "strikes")
    server.routes["/feed"] = Route(body=rss(STRIKE))
    assert (await baseline.poll(source(server, client))).alerts == 0
    fresh = (
        "s2",
        "Drone strike on Sumy injures 2",
        "Russian drones hit Sumy on Tuesday, injuring two people, the regional administration said.",
    )
    server.routes["/feed"] = Route(body=rss(STRIKE, fresh))
    report = await baseline.poll(source(server, client))
    assert (report.new_articles, report.alerts) == (1, 1)


async def test_a_lone_surrogate_in_a_json_feed_title_blocks_nothing(
    server: FeedServer, client: httpx.AsyncClient, store: SqlStore, pipeline: Pipeline
) -> None:
    # Issue 11: "\ud800" in one item's title made recording raise UnicodeEncodeError, so
    # the whole source failed every poll and its good items never alerted.
    await subscribe(store, "strikes in:kharkiv")
    feed = (
        '{"version": "https://jsonfeed.org/version/1.1", "title": "t", "items": ['
        '{"id": "bad", "title": "Broken \\ud800 title \\u202eevil", "content_text": "x",'
        ' "date_published": "2026-03-10T08:00:00+02:00"},'
        f'{{"id": "s1", "title": "{STRIKE[1]}", "content_text": "{STRIKE[2]}",'
        ' "date_published": "2026-03-10T08:00:00+02:00"}]}'
    )
    server.routes["/feed"] = Route(body=feed.encode(), content_type="application/feed+json")
    report = await pipeline.poll(source(server, client))
    assert (report.new_articles, report.alerts, report.error) == (2, 1, None)
    titles = {a.article.title for a, _ in await store.search([("title",)], limit=5)}
    # The surrogate is shown as U+FFFD, the override that would reverse the text is gone.
    assert titles == {"Broken \ufffd title evil"}
    state = await store.source_state("loop")
    assert state.last_error is None
    assert state.last_ok_at is not None


class RefusingWrites:
    """The store, refusing to record a send `refusals` times (a full disk)."""

    def __init__(self, store: SqlStore, refusals: int) -> None:
        self._store = store
        self.refusals = refusals

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._store, name)

    async def mark_sent(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if self.refusals > 0:
            self.refusals -= 1
            raise StoreError("store sqlite: marking a delivery sent failed: disk is full")
        return await self._store.mark_sent(*args, **kwargs)


async def test_a_send_the_store_cannot_record_is_recorded_later_not_sent_again(
    store: SqlStore,
) -> None:
    # Issue 11: with the store refusing writes after a send, every drain sent the alert
    # again (14 copies in 70 s).
    delivery_id = await queue_one(store)
    platform = FlakyPlatform(None)
    outbox = RefusingWrites(store, refusals=5)
    deliverer = Deliverer(outbox=outbox, platforms={"console": platform}, clock=now)
    for _ in range(5):
        report = await deliverer.drain()
        assert report.sent == 0
    assert len(platform.sent) == 1
    row = await store.delivery(delivery_id)
    assert row is not None
    assert row.status is DeliveryStatus.PENDING
    # The disk has room again: the send is recorded with its message id, nothing resent.
    report = await deliverer.drain()
    assert report.sent == 1
    assert len(platform.sent) == 1
    row = await store.delivery(delivery_id)
    assert row is not None
    assert row.status is DeliveryStatus.SENT
    assert row.message_ids == ("m1",)


MOURNING = (
    "m1",
    "",
    "Харків оголосив 11 березня днем жалоби за загиблими внаслідок ракетного удару.",
)


async def test_a_look_back_joins_its_story_in_the_store_and_alerts_nothing(
    server: FeedServer, client: httpx.AsyncClient, store: SqlStore, extractor: Extractor
) -> None:
    # A day of mourning tells no event: it is the strike's story's report, never an alert.
    looking = Pipeline(
        store=store,
        extract=lambda item: extractor.extract(item.article),
        severity_of=lambda e: severity_of(e, SeveritySettings()),
        clock=now,
        stories=StoryBook(store),
        places_named=extractor.places_named,
    )
    await subscribe(store, "everything")
    server.routes["/feed"] = Route(body=rss(STRIKE), etag='"v1"')
    first = await looking.poll(source(server, client))
    assert first.alerts == 1
    server.routes["/feed"] = Route(body=rss(STRIKE, MOURNING), etag='"v2"')
    second = await looking.poll(source(server, client))
    assert (second.new_articles, second.alerts) == (1, 0)
    [story] = await store.recent_stories(limit=5)
    found = await store.story(story.id)
    assert found is not None
    _, reports = found
    assert [r.status.value for r in reports] == ["new", "duplicate"]
    assert len(await store.pending()) == 1


@given(
    listed=st.lists(st.integers(min_value=-(2**63), max_value=2**63 - 1), max_size=60),
    asked=st.lists(st.integers(min_value=-(2**63), max_value=2**63 - 1), max_size=20),
)
def test_a_sources_packed_listing_answers_as_a_set_of_its_keys_would(
    listed: list[int], asked: list[int]
) -> None:
    packed = KeyHashes(listed)
    assert len(packed) == len(set(listed))
    assert set(packed) == set(listed)
    for value in listed + asked + [hash("farm-1-2")]:
        assert (value in packed) == (value in set(listed))
    assert "not a hash" not in packed  # type: ignore[comparison-overlap]
