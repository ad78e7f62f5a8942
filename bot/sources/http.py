"""Feeds fetched over HTTP: conditional GET, a body size cap, every failure a FetchError."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable, Mapping
from collections.abc import Set as AbstractSet
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any, NamedTuple
from urllib.request import getproxies

import httpx
from aiohttp import ClientSession, ClientTimeout
from httpx_aiohttp import AiohttpTransport
from httpx_aiohttp.transport import map_aiohttp_exceptions

from bot.config.schema import FetchSettings
from bot.errors import FetchError
from bot.records import Article, FetchResult, SourceState
from bot.sources.feeds import parse_feed_since

log = logging.getLogger(__name__)

MAX_REDIRECTS = 10
_REDIRECTS = frozenset((301, 302, 303, 307, 308))
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/feed+json, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8"
)
# httpx's timeouts apply to each read, so a server that drips one byte at a time could
# hold a poll forever; the whole fetch also gets this many read timeouts at most.
_DEADLINE_READS = 3


# Idle connections kept this long, so a feed polled every half minute reuses its connection.
KEEPALIVE = 60.0


class Polled:
    """A poll's answer as FeedSource reads it, whichever client carried it: status, reason,
    final URL, headers (lower-case names; a repeated header's last value) and the body."""

    __slots__ = ("_body", "headers", "reason_phrase", "status_code", "url")

    def __init__(
        self,
        status_code: int,
        reason_phrase: str,
        url: str,
        headers: dict[str, str],
        body: Callable[[], AsyncIterator[bytes]],
    ) -> None:
        self.status_code = status_code
        self.reason_phrase = reason_phrase
        self.url = url
        self.headers = headers
        self._body = body

    @property
    def is_success(self) -> bool:
        return 200 <= self.status_code < 300

    def aiter_bytes(self) -> AsyncIterator[bytes]:
        """The body, decompressed, in chunks."""
        return self._body()


def polled(response: httpx.Response) -> Polled:
    """An httpx response as a Polled."""
    return Polled(
        response.status_code,
        response.reason_phrase,
        str(response.url),
        header_map(response),
        response.aiter_bytes,
    )


class PollingClient(httpx.AsyncClient):
    """httpx's client, with a lean path for the GETs that polling repeats all day.

    Most polls are a conditional GET answered 304. Through `AsyncClient.stream` each one
    also builds the request from the client's defaults, parses its URL, runs the auth and
    redirect generators, looks up the proxy mounts and hands a urllib Request to the cookie
    jar; through httpx's transport API it still builds an httpx Request and Response whose
    headers httpx decodes again at each look. On httpx-aiohttp's transport (the default)
    `poll` sends the GET straight to the transport's aiohttp session, with the client's
    headers and timeouts worked out once, and follows redirects itself; on httpx's own
    transport it goes through the transport API. Either way cookies a feed sets are kept in
    the client's jar and sent back, and aiohttp's errors come as httpx's. When the
    environment names a proxy, `poll` is plain `stream`, so the client's proxy mounts
    apply. bench/bench_fetch.py measures the three ways.
    """

    def __init__(self, *, transport: httpx.AsyncBaseTransport | None, **kwargs: Any) -> None:
        """`transport` None: httpx's own, with the environment's proxies mounted, and
        `poll` is `stream`."""
        super().__init__(transport=transport, **kwargs)
        self._poll_transport = transport
        self._poll_urls: dict[str, httpx.URL] = {}
        # For aiohttp: the client's headers but those aiohttp writes itself, and its timeouts.
        self._poll_headers = {
            k: v
            for k, v in self.headers.items()
            if k.lower() not in ("accept-encoding", "connection", "host")
        }
        self._poll_timeout: ClientTimeout | None = None
        # Whether a poll on aiohttp ever kept a cookie: until one does, the jar is not
        # looked at (httpx walks every cookie to say whether it has any).
        self._kept_cookies = False

    def _poll_request(self, url: httpx.URL, headers: Mapping[str, str]) -> httpx.Request:
        sent = [
            *self.headers.raw,
            *((k.encode(), v.encode("latin-1")) for k, v in headers.items()),
        ]
        request = httpx.Request(
            "GET", url, headers=sent, extensions={"timeout": self.timeout.as_dict()}
        )
        if self.cookies:
            self.cookies.set_cookie_header(request)
        return request

    def _session(self) -> ClientSession | None:
        """httpx-aiohttp's aiohttp session when that is the transport, else None."""
        transport = self._poll_transport
        if not isinstance(transport, AiohttpTransport):
            return None
        if not isinstance(transport.client, ClientSession):
            transport.client = transport.get_client()
        if self._poll_timeout is None:
            timeout = self.timeout
            self._poll_timeout = ClientTimeout(
                sock_connect=timeout.connect, sock_read=timeout.read, connect=timeout.pool
            )
        return transport.client

    @asynccontextmanager
    async def poll(self, url: str, headers: Mapping[str, str]) -> AsyncIterator[Polled]:
        """GET `url` (redirects followed) as `stream("GET", ...)` would, more cheaply."""
        if self._poll_transport is None:
            async with self.stream("GET", url, headers=headers) as response:
                yield polled(response)
            return
        # (parsed once per URL: httpx's check of what the operator wrote)
        target = self._poll_urls.get(url)
        if target is None:
            target = httpx.URL(url)
            if len(self._poll_urls) < 100_000:
                self._poll_urls[url] = target
        session = self._session()
        if session is not None:
            async with self._poll_aiohttp(session, url, headers) as answer:
                yield answer
            return
        for _ in range(self.max_redirects + 1):
            request = self._poll_request(target, headers)
            response = await self._poll_transport.handle_async_request(request)
            response.request = request
            names = {k.lower() for k, _ in response.headers.raw}
            if b"set-cookie" in names:
                self.cookies.extract_cookies(response)
            if not (response.status_code in _REDIRECTS and b"location" in names):
                break
            location = response.headers["location"]
            await response.aclose()
            target = _redirected(request.url, location, request)
        else:
            raise httpx.TooManyRedirects("Exceeded maximum allowed redirects.", request=request)
        try:
            yield polled(response)
        finally:
            await response.aclose()

    @asynccontextmanager
    async def _poll_aiohttp(
        self, session: ClientSession, url: str, headers: Mapping[str, str]
    ) -> AsyncIterator[Polled]:
        """The poll on the aiohttp session: one GET per hop, cookies through httpx's jar."""
        target = url
        for _ in range(self.max_redirects + 1):
            sent = {**self._poll_headers, **headers}
            if self._kept_cookies and self.cookies:
                sent.update(self._cookie_header(target))
            with map_aiohttp_exceptions():
                response = await session.get(
                    target, headers=sent, allow_redirects=False, timeout=self._poll_timeout
                )
            got = _decoded(response.raw_headers)
            if "set-cookie" in got:
                self._keep_cookies(target, response.status, response.raw_headers)
            if not (response.status in _REDIRECTS and "location" in got):
                break
            response.release()
            target = str(_redirected(httpx.URL(target), got["location"], None))
        else:
            raise httpx.TooManyRedirects(
                "Exceeded maximum allowed redirects.", request=httpx.Request("GET", target)
            )

        async def body() -> AsyncIterator[bytes]:
            with map_aiohttp_exceptions():
                async for chunk in response.content.iter_chunked(_CHUNK):
                    yield chunk

        try:
            yield Polled(response.status, response.reason or "", str(response.url), got, body)
        finally:
            response.release()

    def _cookie_header(self, url: str) -> dict[str, str]:
        request = httpx.Request("GET", url)
        self.cookies.set_cookie_header(request)
        cookie = request.headers.get("cookie")
        return {"Cookie": cookie} if cookie else {}

    def _keep_cookies(self, url: str, status: int, raw: Any) -> None:
        self._kept_cookies = True
        response = httpx.Response(status, headers=list(raw), request=httpx.Request("GET", url))
        self.cookies.extract_cookies(response)


def _redirected(url: httpx.URL, location: str, request: httpx.Request | None) -> httpx.URL:
    """Where a redirect's Location leads from `url`; a bad one as httpx's error."""
    try:
        target = url.join(location)
    except httpx.InvalidURL as exc:
        raise httpx.RemoteProtocolError(
            f"invalid redirect Location {location!r}", request=request
        ) from exc
    if target.scheme not in ("http", "https"):
        raise httpx.UnsupportedProtocol(f"redirect to a {target.scheme!r} URL", request=request)
    return target


def _decoded(raw: Any) -> dict[str, str]:
    """Raw header pairs as a dict of lower-case names (a repeated header's last value)."""
    return {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in raw}


# Body chunks read from aiohttp at a time.
_CHUNK = 64 * 1024


def build_http_client(settings: FetchSettings) -> PollingClient:
    """The one client every HTTP source shares (connection pool, User-Agent, timeouts)."""
    limits = httpx.Limits(
        max_connections=settings.max_concurrency,
        max_keepalive_connections=settings.max_concurrency,
        keepalive_expiry=KEEPALIVE,
    )
    transport: httpx.AsyncBaseTransport | None = None
    if any(getproxies().get(scheme) for scheme in ("http", "https", "all")):
        # httpx's own transport, which mounts the environment's proxies (and honours
        # NO_PROXY); a transport given to the client would bypass them.
        log.info("HTTP proxy set in the environment: feeds are fetched through it")
    elif settings.transport == "aiohttp":
        transport = AiohttpTransport(limits=limits, trust_env=True)
    else:
        transport = httpx.AsyncHTTPTransport(limits=limits)
    return PollingClient(
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


# A server's word on when to come back is taken up to this long, never longer.
MAX_SERVER_WAIT = 86_400.0


def retry_after_of(value: str | None, now: datetime) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP date (RFC 9110 10.2.3)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_SERVER_WAIT)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return min(max((when - now).total_seconds(), 0.0), MAX_SERVER_WAIT)


def header_map(response: httpx.Response) -> dict[str, str]:
    """The response's headers as a plain dict of lower-case names (a repeated header's
    last value): read once, where each lookup in httpx.Headers decodes them all again."""
    return _decoded(response.headers.raw)


@asynccontextmanager
async def _streamed(
    client: httpx.AsyncClient, url: str, headers: Mapping[str, str]
) -> AsyncIterator[Polled]:
    """A GET through any httpx client's `stream`, as a Polled."""
    async with client.stream("GET", url, headers=headers) as response:
        yield polled(response)


def fresh_for_of(headers: Mapping[str, str], now: datetime) -> timedelta | None:
    """How long the response stays fresh: Cache-Control max-age, else Expires (RFC 9111
    5.2.2.1, 5.3); None when the server says nothing (or no-cache / no-store)."""
    control = headers.get("cache-control", "").lower()
    directives = {
        part.split("=", 1)[0].strip(): part.split("=", 1)[1].strip().strip('"')
        for part in control.split(",")
        if "=" in part
    }
    flags = {part.strip() for part in control.split(",") if "=" not in part}
    if flags & {"no-cache", "no-store"}:
        return None
    age = directives.get("max-age", "")
    if age.isdigit():
        return timedelta(seconds=min(int(age), MAX_SERVER_WAIT))
    expires = headers.get("expires")
    if expires:
        try:
            when = parsedate_to_datetime(expires)
        except (TypeError, ValueError, IndexError):
            return None  # an invalid Expires means already expired (RFC 9111 5.3)
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = (when - now).total_seconds()
        return timedelta(seconds=min(seconds, MAX_SERVER_WAIT)) if seconds > 0 else None
    return None


class Listing(NamedTuple):
    """What a source read from a body: the articles, the state they leave, and when some
    were left out as known, the key hashes of all it listed (FetchResult.listed)."""

    articles: tuple[Article, ...]
    state: SourceState
    listed: frozenset[int] | None = None


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

    def _open(self, url: str, headers: Mapping[str, str]) -> AbstractAsyncContextManager[Polled]:
        if isinstance(self._client, PollingClient):
            return self._client.poll(url, headers)
        return _streamed(self._client, url, headers)

    def _headers(self, state: SourceState) -> dict[str, str]:
        headers: dict[str, str] = {}
        if state.etag:
            headers["If-None-Match"] = state.etag
        if state.last_modified:
            headers["If-Modified-Since"] = state.last_modified
        return headers

    async def _read(self, response: Polled) -> bytes:
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

    async def _get(self, state: SourceState, known: AbstractSet[int]) -> FetchResult:
        async with self._open(self.url, self._headers(state)) as resp:
            headers = resp.headers
            etag = headers.get("etag")
            last_modified = headers.get("last-modified")
            fresh_for = fresh_for_of(headers, self._clock())
            if resp.status_code == httpx.codes.NOT_MODIFIED:
                # (most polls: the same validators, the same state, no copy made)
                kept = (
                    state
                    if etag in (None, state.etag) and last_modified in (None, state.last_modified)
                    else replace(
                        state,
                        etag=etag or state.etag,
                        last_modified=last_modified or state.last_modified,
                    )
                )
                return FetchResult(articles=(), state=kept, not_modified=True, fresh_for=fresh_for)
            self._refuse(resp)
            body = await self._read(resp)
            final_url = resp.url
            content_type = headers.get("content-type")
        articles, read, listed = await self._parsed(
            body, final_url=final_url, content_type=content_type, state=state, known=known
        )
        log.debug("fetched source=%s articles=%d bytes=%d", self.id, len(articles), len(body))
        new_state = replace(read, etag=etag, last_modified=last_modified)
        return FetchResult(articles=articles, state=new_state, fresh_for=fresh_for, listed=listed)

    def _refuse(self, resp: Polled) -> None:
        """A status that is no answer, as a FetchError (with the server's Retry-After)."""
        if resp.is_success:
            return
        wait = None
        if resp.status_code in (429, 503):
            wait = retry_after_of(resp.headers.get("retry-after"), self._clock())
        said = f" (Retry-After {wait:.0f}s)" if wait is not None else ""
        raise FetchError(
            f"HTTP {resp.status_code} {resp.reason_phrase} from {resp.url}{said}",
            retry_after=wait,
        )

    async def _parsed(
        self,
        body: bytes,
        *,
        final_url: str,
        content_type: str | None,
        state: SourceState,
        known: AbstractSet[int],
    ) -> Listing:
        """The body's articles, and the state as they leave it: a feed's items, those in
        `known` left out; other kinds of source (a channel's pages) read their own way."""
        articles, listed = parse_feed_since(
            body,
            known,
            source_id=self.id,
            fetched_at=self._clock(),
            base_url=final_url,
            content_type=content_type,
        )
        return Listing(articles, state, listed)

    async def _download(self, url: str) -> tuple[bytes, str, str | None]:
        """One more page of the same source (no validators): body, final URL, type."""
        async with self._open(url, {}) as resp:
            self._refuse(resp)
            return await self._read(resp), resp.url, resp.headers.get("content-type")

    async def fetch(
        self, state: SourceState, known: AbstractSet[int] = frozenset()
    ) -> FetchResult:
        try:
            async with asyncio.timeout(_deadline(self._client)):
                return await self._get(state, known)
        except TimeoutError as exc:
            raise FetchError(f"timed out: no complete response from {self.url}") from exc
        except httpx.HTTPError as exc:
            raise FetchError(_reason(exc)) from exc
        except httpx.InvalidURL as exc:
            raise FetchError(f"invalid URL {self.url!r}: {exc}") from exc
