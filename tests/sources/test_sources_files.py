"""FileFeedSource: local feed files with mtime as the validator."""

from __future__ import annotations

import os
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.errors import FetchError
from bot.records import SourceState
from bot.sources.files import FileFeedSource, resolve_path

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _source(path: Path, max_body: int = 1024 * 1024) -> FileFeedSource:
    return FileFeedSource("local", path, max_body=max_body, clock=lambda: NOW)


async def test_unchanged_file_is_not_modified(golden_feeds: Path, tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    shutil.copy(golden_feeds / "cdata-tolerant.rss", path)
    source = _source(path)

    first = await source.fetch(SourceState("local"))
    second = await source.fetch(first.state)

    assert len(first.articles) == 3
    assert first.state.etag is not None
    assert second.not_modified
    assert second.articles == ()


async def test_touched_file_is_read_again(golden_feeds: Path, tmp_path: Path) -> None:
    path = tmp_path / "feed.rss"
    shutil.copy(golden_feeds / "cdata-tolerant.rss", path)
    source = _source(path)
    first = await source.fetch(SourceState("local"))
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))

    second = await source.fetch(first.state)

    assert not second.not_modified
    assert len(second.articles) == 3
    assert second.state.etag != first.state.etag


async def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="no such file"):
        await _source(tmp_path / "absent.xml").fetch(SourceState("local"))


async def test_file_over_the_cap(golden_feeds: Path) -> None:
    with pytest.raises(FetchError, match="exceeds the 100-byte cap"):
        await _source(golden_feeds / "cdata-tolerant.rss", max_body=100).fetch(
            SourceState("local")
        )


async def test_directory_is_a_fetch_error(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match=str(tmp_path)):
        await _source(tmp_path).fetch(SourceState("local"))


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        ("feeds/a.xml", "/base/feeds/a.xml"),
        ("/abs/a.xml", "/abs/a.xml"),
        ("file:///abs/with%20space.xml", "/abs/with space.xml"),
        ("file://feeds/a.xml", "/base/feeds/a.xml"),
    ],
)
def test_resolve_path(location: str, expected: str) -> None:
    assert resolve_path(location, Path("/base")) == Path(expected)
