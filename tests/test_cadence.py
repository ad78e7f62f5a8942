"""When sources are polled (issue 12): adaptive intervals within the operator's bounds,
backoff on failure, the server's Retry-After and freshness honoured, and the poll loop."""

from __future__ import annotations

import asyncio
import io
from collections import Counter
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

import httpx
import pytest

from bot.app import App
from bot.config.schema import FetchSettings, SourceSettings
from bot.errors import FetchError
from bot.records import SourceState
from bot.scheduler import PollLoop
from bot.sources.cadence import Cadence, Outcome, plan
from bot.sources.http import FeedSource, build_http_client, fresh_for_of, retry_after_of
from tests.sources.feedserver import Route, serving
from tests.test_app import DEMO, demo_settings

T0 = datetime(2026, 3, 10, 12, tzinfo=UTC)
ADAPTIVE = Cadence(timedelta(minutes=10), timedelta(minutes=2), timedelta(hours=1))


def test_a_busy_source_speeds_up_and_a_quiet_one_slows_down_within_the_bounds() -> None:
    interval: float | None = None
    for _ in range(10):  # news every poll
        _, interval = plan(ADAPTIVE, interval, Outcome(new_items=3), T0)
    assert interval == 120.0  # the fastest bound, never below
    for _ in range(40):  # nothing new for a long while
        _, interval = plan(ADAPTIVE, interval, Outcome(), T0)
    assert interval == 3600.0  # the slowest bound, never above
    due, after_news = plan(ADAPTIVE, interval, Outcome(new_items=1), T0)
    assert after_news == 1800.0
    assert due == T0 + timedelta(minutes=30)


def test_a_failing_source_backs_off_exponentially_and_its_server_is_heard() -> None:
    fixed = Cadence.fixed(timedelta(minutes=1))
    waits = [plan(fixed, None, Outcome(failures=n), T0)[0] - T0 for n in (1, 2, 3, 4, 12)]
    assert waits[:4] == [timedelta(minutes=m) for m in (1, 2, 4, 8)]
    assert waits[4] == timedelta(hours=6)  # capped
    due, _ = plan(fixed, None, Outcome(failures=1, retry_after=3600), T0)
    assert due == T0 + timedelta(hours=1)  # the 429's Retry-After, not a minute
    due, _ = plan(ADAPTIVE, None, Outcome(fresh_for=timedelta(minutes=30)), T0)
    assert due == T0 + timedelta(minutes=30)  # max-age: fresh for 30 minutes
    due, _ = plan(ADAPTIVE, None, Outcome(fresh_for=timedelta(days=7)), T0)
    assert due == T0 + timedelta(hours=1)  # but never past the operator's slowest bound


def test_retry_after_and_freshness_headers_are_read_as_the_rfcs_say() -> None:
    assert retry_after_of("120", T0) == 120.0
    assert retry_after_of(format_datetime(T0 + timedelta(minutes=5), usegmt=True), T0) == 300
    assert retry_after_of("99999999", T0) == 86_400.0  # a day at most
    assert retry_after_of("soon", T0) is None
    assert fresh_for_of(httpx.Headers({"Cache-Control": "public, max-age=600"}), T0) == (
        timedelta(minutes=10)
    )
    assert fresh_for_of(httpx.Headers({"Cache-Control": "no-cache, max-age=600"}), T0) is None
    expires = format_datetime(T0 + timedelta(minutes=15), usegmt=True)
    assert fresh_for_of(httpx.Headers({"Expires": expires}), T0) == timedelta(minutes=15)
    assert fresh_for_of(httpx.Headers({"Expires": "0"}), T0) is None


async def test_a_429_says_how_long_to_wait_and_a_200_how_long_it_stays_fresh() -> None:
    with serving() as server:
        server.routes["/busy"] = Route(status=429, headers=(("Retry-After", "3600"),))
        server.routes["/feed"] = Route(
            body=b'<rss version="2.0"><channel><title>t</title></channel></rss>',
            headers=(("Cache-Control", "max-age=900"),),
        )
        async with build_http_client(FetchSettings()) as client:

            def source(path: str) -> FeedSource:
                return FeedSource(
                    "s", server.url(path), client=client, max_body=10**6, clock=lambda: T0
                )

            with pytest.raises(FetchError, match=r"HTTP 429 .*Retry-After 3600s") as caught:
                await source("/busy").fetch(SourceState("s"))
            assert caught.value.retry_after == 3600.0
            result = await source("/feed").fetch(SourceState("s"))
            assert result.fresh_for == timedelta(minutes=15)


async def test_the_loop_polls_what_is_due_once_at_a_time_and_forgets_removed_sources() -> None:
    polled: Counter[str] = Counter()
    running: set[str] = set()
    overlapped = []

    async def poll(source_id: str) -> datetime | None:
        if source_id in running:
            overlapped.append(source_id)
        running.add(source_id)
        polled[source_id] += 1
        await asyncio.sleep(0.05)
        running.discard(source_id)
        if source_id == "slow":
            return datetime.now(UTC) + timedelta(hours=1)  # e.g. a Retry-After
        return datetime.now(UTC) + timedelta(seconds=0.2)

    loop = PollLoop(
        poll,
        concurrency=2,
        jitter=timedelta(0),
        fallback=lambda _: timedelta(seconds=1),
        tick=0.05,
    )
    for name in ("a", "b", "c", "slow"):
        loop.add(name)
    stop = asyncio.Event()
    task = asyncio.create_task(loop.run(stop))
    await asyncio.sleep(0.6)
    loop.remove("c")
    removed_at = polled["c"]
    await asyncio.sleep(0.6)
    stop.set()
    await task
    assert polled["slow"] == 1
    assert polled["a"] >= 3
    assert polled["b"] >= 3
    assert polled["c"] == removed_at  # nothing after its removal
    assert not overlapped
    assert loop.next_due("slow") is not None
    assert loop.next_due("c") is None


async def test_many_due_sources_wait_in_line_not_as_tasks() -> None:
    """Fifty sources due at once with room for three: never more than three polls run,
    the others wait without a task each, all fifty are polled, and those still waiting
    when the loop stops are not started."""
    now_running: set[str] = set()
    most = 0
    tasks_seen = 0
    polled: list[str] = []

    async def poll(source_id: str) -> datetime | None:
        nonlocal most, tasks_seen
        now_running.add(source_id)
        most = max(most, len(now_running))
        tasks_seen = max(tasks_seen, len(asyncio.all_tasks()))
        await asyncio.sleep(0.01)
        now_running.discard(source_id)
        polled.append(source_id)
        return datetime.now(UTC) + timedelta(hours=1)

    loop = PollLoop(
        poll, concurrency=3, jitter=timedelta(0), fallback=lambda _: timedelta(hours=1)
    )
    for n in range(50):
        loop.add(f"s{n}")
    stop = asyncio.Event()
    task = asyncio.create_task(loop.run(stop))
    for _ in range(200):
        await asyncio.sleep(0.01)
        if len(polled) == 50:
            break
    assert sorted(polled) == sorted(f"s{n}" for n in range(50))
    assert most == 3
    # this test, the loop's run, its two waiters and three polls
    assert tasks_seen <= 3 + 4

    for n in range(50, 100):
        loop.add(f"s{n}")
    await asyncio.sleep(0.015)
    stop.set()
    await task
    started_late = len(polled) - 50
    await asyncio.sleep(0.05)
    assert len(polled) - 50 == started_late < 50


async def _until_running(app: App, deadline: float = 60.0) -> None:
    """Until the bot's scheduler runs (what /readyz says), at most `deadline` seconds."""
    loop = asyncio.get_running_loop()
    end = loop.time() + deadline
    while (await app.readiness()).get("scheduler") != "ok":
        assert loop.time() < end, "the bot did not start"
        await asyncio.sleep(0.05)


async def test_a_source_answering_429_is_not_asked_again_before_its_retry_after(
    tmp_path: Path,
) -> None:
    # Issue 12: a 429 with Retry-After 3600 was fetched six times a minute, a redirect loop
    # 66 times. Now the 429 is fetched once; the loop backs off.
    with serving() as server:
        server.routes["/busy"] = Route(status=429, headers=(("Retry-After", "3600"),))
        server.routes["/loop"] = Route(status=302, redirect_to="/loop")
        settings = demo_settings(tmp_path).model_copy(
            update={
                "sources": (
                    SourceSettings(id="busy", url=server.url("/busy"), interval="10s"),
                    SourceSettings(id="loop", url=server.url("/loop"), interval="10s"),
                ),
                "fetch": FetchSettings(jitter="0s"),
            }
        )
        for run in range(2):  # the second run: the wait outlives a restart
            app = await App.open(settings, base_dir=DEMO.parent, stream=io.StringIO())
            try:
                stop = asyncio.Event()
                running = asyncio.create_task(app.run_forever(stop))
                # 1.5 s of polling once the bot runs: a cold start (a fresh checkout's first
                # warm-up) once took longer than the whole window.
                await _until_running(app)
                await asyncio.sleep(1.5)
                stop.set()
                await running
                busy = await app.store.source_state("busy")
                looping = await app.store.source_state("loop")
            finally:
                await app.close()
            if run == 0:
                first_hits = Counter(r.path for r in server.requests)
        hits = Counter(r.path for r in server.requests)
    assert hits["/busy"] == 1
    assert busy.next_poll_at is not None
    assert busy.next_poll_at - busy.last_fetch_at >= timedelta(hours=1)  # type: ignore[operator]
    assert first_hits["/loop"] == 11  # one poll followed ten redirects and gave up
    assert looping.consecutive_failures == 1  # its retry waits the interval: not yet
