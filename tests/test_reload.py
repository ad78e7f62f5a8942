"""Reloading the config while running (issue 11): sources added, removed and changed take
effect without a restart; a bad new config is refused and the old one keeps running."""

from __future__ import annotations

import asyncio
import io
import logging
import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from bot.app import App
from bot.config import Settings
from bot.config.schema import SourceSettings
from bot.errors import ConfigError
from tests.test_app import DEMO, demo_settings


async def wait_for(check: Callable[[], Awaitable[bool]]) -> None:
    for _ in range(400):  # 20 s
        if await check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("timed out")


async def test_sources_change_on_reload_and_a_bad_config_is_refused(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = demo_settings(tmp_path)
    extra = tmp_path / "extra.xml"
    shutil.copy(DEMO.parent / "demo" / "wire.xml", extra)
    app = await App.open(settings, base_dir=DEMO.parent, stream=io.StringIO())
    stop, reload = asyncio.Event(), asyncio.Event()
    configs: list[Settings | ConfigError] = []

    def load() -> Settings:
        item = configs.pop(0)
        if isinstance(item, ConfigError):
            raise item
        return item

    running = asyncio.create_task(app.run_forever(stop, reload=reload, load=load))
    try:
        await wait_for(lambda: _polled(app, "demo-briefs"))
        kept = [s for s in settings.sources if s.id != "demo-briefs"]
        added = SourceSettings(id="extra", url=str(extra))
        configs.append(settings.model_copy(update={"sources": (*kept, added)}))
        with caplog.at_level(logging.INFO, logger="bot.app"):
            reload.set()
            await wait_for(lambda: _polled(app, "extra"))
        assert "demo-briefs" not in app.sources
        assert "extra" in app.sources
        assert "config reloaded added=extra removed=demo-briefs" in caplog.text
        # A bad config: refused whole, the sources as they were.
        configs.append(ConfigError(["sources[0].interval: 'soon' is not a duration"]))
        with caplog.at_level(logging.ERROR, logger="bot.app"):
            reload.set()
            await wait_for(lambda: _logged(caplog, "reload refused"))
        assert set(app.sources) == {"demo-wire", "demo-regional", "extra"}
    finally:
        stop.set()
        await running
        await app.close()


async def _polled(app: App, source_id: str) -> bool:
    state = await app.store.source_state(source_id)
    return state.last_ok_at is not None


async def _logged(caplog: pytest.LogCaptureFixture, text: str) -> bool:
    return text in caplog.text


async def test_sections_other_than_sources_are_named_as_needing_a_restart(
    tmp_path: Path,
) -> None:
    settings = demo_settings(tmp_path)
    app = await App.open(settings, base_dir=DEMO.parent, stream=io.StringIO())
    try:
        from datetime import timedelta

        from bot.config.schema import StorySettings

        changed = settings.model_copy(
            update={"stories": StorySettings(quiet_after=timedelta(hours=24))}
        )
        report = app.apply(changed)
    finally:
        await app.close()
    assert report.restart_needed == ("stories",)
    assert report.added == report.removed == report.changed == ()
