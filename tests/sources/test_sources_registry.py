"""build_source and the SOURCE_TYPES registry of bot.sources."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import httpx

from bot.config.schema import FetchSettings, SourceSettings
from bot.records import SourceState
from bot.sources import SOURCE_TYPES, FeedSource, FileFeedSource, Source, build_source
from bot.sources import build_http_client as exported_builder


def _clock() -> datetime:
    return datetime(2026, 1, 1, tzinfo=UTC)


async def test_http_url_builds_a_feed_source(tmp_path: Path) -> None:
    async with exported_builder(FetchSettings()) as client:
        source = build_source(
            SourceSettings(id="wire", url="https://example.org/rss"),
            client=client, base_dir=tmp_path, max_body=1000, clock=_clock,
        )  # fmt: skip

    assert isinstance(source, FeedSource)
    assert source.id == "wire"
    assert source.url == "https://example.org/rss"


async def test_relative_path_builds_a_file_source(golden_feeds: Path) -> None:
    async with httpx.AsyncClient() as client:
        source: Source = build_source(
            SourceSettings(id="local", url="feeds/atom-xhtml.atom"),
            client=client, base_dir=golden_feeds.parent, max_body=100_000, clock=_clock,
        )  # fmt: skip

    assert isinstance(source, FileFeedSource)
    assert source.path == golden_feeds / "atom-xhtml.atom"
    result = await source.fetch(SourceState("local"))
    assert [a.title for a in result.articles] == ["Grid repairs in Odesa", "AT&T <3 plain text"]


def test_registry_is_explicit() -> None:
    assert set(SOURCE_TYPES) == {"feed", "telegram_channel", "page"}
