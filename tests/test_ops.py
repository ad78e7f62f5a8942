"""The operator's endpoints (issue 11): /healthz, /readyz and Prometheus /metrics, served
by a real aiohttp server on loopback while the demo app polls its bundled feeds."""

from __future__ import annotations

import asyncio
import io
from pathlib import Path

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.app import App
from bot.config.schema import OpsSettings
from tests.test_app import DEMO, demo_settings


def samples(page: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    out = {}
    for family in text_string_to_metric_families(page):
        for s in family.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


async def ops_app(tmp_path: Path, port: int = 0) -> App:
    """The demo app, opened, with its ops endpoints on `port` (0: a free one)."""
    settings = demo_settings(tmp_path).model_copy(
        update={"ops": OpsSettings(enabled=True, port=port)}
    )
    return await App.open(settings, base_dir=DEMO.parent, stream=io.StringIO())


async def test_health_readiness_and_metrics_tell_what_the_bot_did(tmp_path: Path) -> None:
    app = await ops_app(tmp_path)
    try:
        assert app.ops is not None
        base = f"http://127.0.0.1:{app.ops.port}"
        async with httpx.AsyncClient(base_url=base, trust_env=False) as client:
            alive = await client.get("/healthz")
            assert alive.status_code == 200
            # Opened but not scheduling yet: not ready, and it says why.
            waiting = await client.get("/readyz")
            assert waiting.status_code == 503
            body = waiting.json()
            assert body["store"] == "ok"
            assert body["platform.console"] == "ok"
            assert body["scheduler"] == "not running"

            stop = asyncio.Event()
            running = asyncio.create_task(app.run_forever(stop))
            for _ in range(100):
                if (await client.get("/readyz")).status_code == 200:
                    break
                await asyncio.sleep(0.05)
            assert (await client.get("/readyz")).json()["ready"] is True
            await app.run_once()  # every source polled, alerts delivered to the console
            page = (await client.get("/metrics")).text
            stop.set()
            await running
    finally:
        await app.close()
    got = samples(page)
    polls_ok = sum(
        v for (name, labels), v in got.items()
        if name == "newsalert_polls_total" and ("outcome", "ok") in labels
    )  # fmt: skip
    assert polls_ok >= 3  # the three demo sources
    assert sum(v for (n, _), v in got.items() if n == "newsalert_articles_total") >= 10
    assert got[("newsalert_events_total", (("kind", "nuclear_safety"),))] >= 1
    assert sum(v for (n, _), v in got.items() if n == "newsalert_alerts_queued_total") >= 1
    sent = got[("newsalert_deliveries_total", (("outcome", "sent"), ("platform", "console")))]
    assert sent >= 1
    assert got[("newsalert_outbox_pending", ())] == 0
    assert got[("newsalert_extract_seconds_count", ())] >= 10
    assert ("newsalert_story_changes_total", (("status", "new"),)) in got


async def test_a_store_that_does_not_answer_makes_the_bot_not_ready(tmp_path: Path) -> None:
    from bot.errors import StoreError

    app = await ops_app(tmp_path)
    try:
        assert app.ops is not None

        async def down() -> None:
            raise StoreError("store sqlite: checking the store failed: disk I/O error")

        app.store.ping = down  # type: ignore[method-assign]
        async with httpx.AsyncClient(trust_env=False) as client:
            answer = await client.get(f"http://127.0.0.1:{app.ops.port}/readyz")
            assert (
                await client.get(f"http://127.0.0.1:{app.ops.port}/healthz")
            ).status_code == 200
    finally:
        await app.close()
    assert answer.status_code == 503
    assert "disk I/O error" in answer.json()["store"]


async def test_a_taken_port_is_a_clear_error_not_a_traceback(tmp_path: Path) -> None:
    import socket

    from bot.ops import OpsError

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    port = taken.getsockname()[1]
    try:
        # App.open closes what it had opened (store, platforms) before the error goes on.
        with pytest.raises(OpsError, match=f"cannot listen on 127.0.0.1:{port}"):
            await ops_app(tmp_path, port)
    finally:
        taken.close()


def test_the_metrics_page_grows_by_a_few_lines_a_source() -> None:
    """A thousand sources' metrics make a page Prometheus reads every few seconds: per
    source only counters and a gauge (a histogram per source was 15 series each and most of
    the page), so the page stays a few lines a source and cheap to make."""
    from prometheus_client import generate_latest

    from bot.metrics import Metrics

    metrics = Metrics()
    for n in range(1000):
        source = f"feed{n}"
        metrics.polls.labels(source, "ok").inc()
        metrics.polls.labels(source, "not_modified").inc()
        metrics.source_failing.labels(source).set(0)
        metrics.articles.labels(source).inc()
        metrics.poll_seconds.observe(0.02)
    lines = generate_latest(metrics.registry).decode().splitlines()
    per_source = [line for line in lines if 'source="feed7"' in line]
    assert len(per_source) <= 8, per_source
    assert len(lines) < 8 * 1000 + 200
    assert any(line.startswith("newsalert_poll_seconds_count 1000.0") for line in lines)
