"""Feeds fetched over HTTP: conditional GET, a body size cap, every failure a FetchError."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

import httpx

from bot.config.schema import FetchSettings
from bot.errors import FetchError
from bot.records import FetchResult, SourceState
from bot.sources.feeds import parse_feed

log = logging.getLogger(__name__)

MAX_REDIRECTS = 10
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"
)
# httpx's timeouts apply to each read, so a server that drips one byte at a time could
# hold a poll forever; the whole fetch also gets this many read timeouts at most.
_DEADLINE_READS = 3


# Idle connections kept this long, so a feed polled every half minute reuses its connection.
KEEPALIVE = 60.0


def build_http_client(settings: FetchSettings) -> httpx.AsyncClient:
    """The one client every HTTP source shares (connection pool, User-Agent, timeouts)."""
    limits = httpx.Limits(
        max_connections=settings.max_concurrency,
        max_keepalive_connections=settings.max_concurrency,
        keepalive_expiry=KEEPALIVE,
    )
    transport: httpx.AsyncBaseTransport | None = None
    if settings.transport == "aiohttp":
        from httpx_aiohttp import AiohttpTransport

        transport = AiohttpTransport(limits=limits, trust_env=True)
    return httpx.AsyncClient(
        transport=transport,
        headers={"User-Agent": settings.user_agent, "Accept": _ACCEPT},
        timeout=httpx.Timeout(settings.timeout.total_seconds()),
        follow_redirects=True,
        max_redirects=MAX_REDIRECTS,
        limits=limits,
    )


def _deadline(client: httpx.AsyncClient) -> float | None:
    read = client.timeout.read
    return None if read is None else read * _DEADLINE_READS


def _reason(exc: httpx.HTTPError) -> str:
    cause = exc.__cause__
    if cause is not None and type(cause).__module__.startswith("aiohttp"):
        # The aiohttp transport names its errors loosely (a refused connection comes as a
        # ConnectTimeout): the error underneath says what happened.
        import aiohttp

        if isinstance(cause, aiohttp.ClientConnectorError):
            return f"connection failed: {cause.os_error.strerror or cause.os_error}"
        if isinstance(cause, aiohttp.ServerTimeoutError | TimeoutError):
            return f"timed out ({type(cause).__name__})"
        if isinstance(cause, aiohttp.ServerDisconnectedError):
            return "the server closed the connection before answering"
        return f"{type(cause).__name__}: {cause}" if str(cause) else type(cause).__name__
    if isinstance(exc, httpx.TimeoutException):
        return f"timed out ({type(exc).__name__})"
    if isinstance(exc, httpx.TooManyRedirects):
        return f"more than {MAX_REDIRECTS} redirects"
    if isinstance(exc, httpx.ConnectError):
        return f"connection failed: {exc or 'refused'}"
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


class FeedSource:
    """A feed polled over HTTP with the shared client; sends the validators it was given."""

    def __init__(
        self,
        id: str,
        url: str,
        *,
        client: httpx.AsyncClient,
        max_body: int,
        clock: Callable[[], datetime],
    ) -> None:
        self.id = id
        self.url = url
        self._client = client
        self._max_body = max_body
        self._clock = clock

    def _headers(self, state: SourceState) -> dict[str, str]:
        headers: dict[str, str] = {}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        return headers

    async def _read(self, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > self._max_body:
            raise FetchError(f"body of {declared} bytes exceeds the {self._max_body}-byte cap")
        chunks: list[bytes] = []
        size = 0
        # Counted after decompression, so a small gzip bomb is stopped too.
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > self._max_body:
                raise FetchError(f"body exceeds the {self._max_body}-byte cap")
            chunks.append(chunk)
        return b"".join(chunks)

    async def _get(self, state: SourceState) -> FetchResult:
        async with self._client.stream("GET", self.url, headers=self._headers(state)) as resp:
            etag = resp.headers.get("etag")
            last_modified = resp.headers.get("last-modified")
            if resp.status_code == httpx.codes.NOT_MODIFIED:
                kept = replace(
                    state,
                    etag=etag or state.etag,
                    last_modified=last_modified or state.last_modified,
                )
                return FetchResult(articles=(), state=kept, not_modified=True)
            if not resp.is_success:
                raise FetchError(f"HTTP {resp.status_code} {resp.reason_phrase} from {resp.url}")
            body = await self._read(resp)
            final_url = str(resp.url)
            content_type = resp.headers.get("content-type")
        articles = parse_feed(
            body,
            source_id=self.id,
            fetched_at=self._clock(),
            base_url=final_url,
            content_type=content_type,
        )
        log.debug("fetched source=%s articles=%d bytes=%d", self.id, len(articles), len(body))
        new_state = replace(state, etag=etag, last_modified=last_modified)
        return FetchResult(articles=articles, state=new_state)

    async def fetch(self, state: SourceState) -> FetchResult:
        try:
            async with asyncio.timeout(_deadline(self._client)):
                return await self._get(state)
        except TimeoutError as exc:
            raise FetchError(f"timed out: no complete response from {self.url}") from exc
        except httpx.HTTPError as exc:
            raise FetchError(_reason(exc)) from exc
        except httpx.InvalidURL as exc:
            raise FetchError(f"invalid URL {self.url!r}: {exc}") from exc
