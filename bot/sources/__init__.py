"""Sources: where articles come from, and the registry that builds them from config."""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from datetime import datetime
from pathlib import Path
from typing import Protocol

import httpx

from bot.config.schema import SourceSettings
from bot.records import FetchResult, SourceState
from bot.sources.feeds import parse_feed
from bot.sources.files import FileFeedSource, resolve_path
from bot.sources.http import FeedSource, build_http_client
from bot.sources.pages import PageSource
from bot.sources.telegram import TelegramChannelSource

__all__ = [
    "SOURCE_TYPES",
    "FeedSource",
    "FileFeedSource",
    "Source",
    "SourceFactory",
    "build_http_client",
    "build_source",
    "parse_feed",
]


class Source(Protocol):
    """Something that can be polled for articles. It returns the state with new cache
    validators; health counters are the pipeline's business, not the source's."""

    @property
    def id(self) -> str: ...

    async def fetch(self, state: SourceState, known: AbstractSet[int] = ...) -> FetchResult:
        """Articles since the validators in `state`; raises FetchError or FeedParseError.
        `known` holds hash(Article.key) of items the caller has seen from this source: a
        source may leave those out of `articles`, and then says in `listed` all it lists."""
        ...


class SourceFactory(Protocol):
    def __call__(
        self,
        settings: SourceSettings,
        *,
        client: httpx.AsyncClient,
        base_dir: Path,
        max_body: int,
        clock: Callable[[], datetime],
    ) -> Source: ...


def _feed(
    settings: SourceSettings,
    *,
    client: httpx.AsyncClient,
    base_dir: Path,
    max_body: int,
    clock: Callable[[], datetime],
) -> Source:
    if settings.url.startswith(("http://", "https://")):
        return FeedSource(settings.id, settings.url, client=client, max_body=max_body, clock=clock)
    path = resolve_path(settings.url, base_dir)
    return FileFeedSource(settings.id, path, max_body=max_body, clock=clock)


def _telegram_channel(
    settings: SourceSettings,
    *,
    client: httpx.AsyncClient,
    base_dir: Path,
    max_body: int,
    clock: Callable[[], datetime],
) -> Source:
    return TelegramChannelSource(
        settings.id, settings.url, client=client, max_body=max_body, clock=clock
    )


def _page(
    settings: SourceSettings,
    *,
    client: httpx.AsyncClient,
    base_dir: Path,
    max_body: int,
    clock: Callable[[], datetime],
) -> Source:
    return PageSource(
        settings.id,
        settings.url,
        client=client,
        max_body=max_body,
        clock=clock,
        mode=settings.page_mode,
    )


SOURCE_TYPES: dict[str, SourceFactory] = {
    "feed": _feed,
    "telegram_channel": _telegram_channel,
    "page": _page,
}


def build_source(
    settings: SourceSettings,
    *,
    client: httpx.AsyncClient,
    base_dir: Path,
    max_body: int,
    clock: Callable[[], datetime],
) -> Source:
    """The source a config entry describes, built by the factory registered for its type."""
    factory = SOURCE_TYPES[settings.type]
    return factory(settings, client=client, base_dir=base_dir, max_body=max_body, clock=clock)
