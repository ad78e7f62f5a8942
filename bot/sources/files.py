"""Feeds read from local files, for offline runs and demos; mtime stands in for an ETag."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bot.errors import FetchError
from bot.records import FetchResult, SourceState
from bot.sources.feeds import parse_feed_since


def resolve_path(location: str, base_dir: Path) -> Path:
    """A plain path or a file:// URL as a path; relative ones are relative to `base_dir`."""
    if location.startswith("file://"):
        parts = urlsplit(location)
        # file://relative/x.xml puts "relative" in the host slot; read it as a path anyway.
        location = unquote(f"{parts.netloc}{parts.path}" if parts.netloc else parts.path)
    path = Path(location).expanduser()
    return path if path.is_absolute() else base_dir / path


def _validator(stat: os.stat_result) -> str:
    return f'"file-{stat.st_mtime_ns}-{stat.st_size}"'


class FileFeedSource:
    """A feed file on disk; an unchanged mtime and size yields not_modified."""

    def __init__(
        self, id: str, path: Path, *, max_body: int, clock: Callable[[], datetime]
    ) -> None:
        self.id = id
        self.path = path
        self._max_body = max_body
        self._clock = clock

    def _read(self, state: SourceState) -> tuple[str, bytes | None]:
        try:
            stat = self.path.stat()
            validator = _validator(stat)
            if validator == state.etag:
                return validator, None
            if stat.st_size > self._max_body:
                raise FetchError(
                    f"{self.path}: {stat.st_size} bytes exceeds the {self._max_body}-byte cap"
                )
            return validator, self.path.read_bytes()
        except FileNotFoundError as exc:
            raise FetchError(f"{self.path}: no such file") from exc
        except OSError as exc:
            raise FetchError(f"{self.path}: {exc.strerror or exc}") from exc

    async def fetch(
        self, state: SourceState, known: AbstractSet[int] = frozenset()
    ) -> FetchResult:
        validator, body = await asyncio.to_thread(self._read, state)
        if body is None:
            return FetchResult(articles=(), state=state, not_modified=True)
        articles, listed = parse_feed_since(
            body, known, source_id=self.id, fetched_at=self._clock()
        )
        return FetchResult(articles=articles, state=replace(state, etag=validator), listed=listed)
