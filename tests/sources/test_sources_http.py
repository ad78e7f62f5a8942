"""FeedSource against a real loopback HTTP server with a real httpx client."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from bot.config.schema import FetchSettings
from bot.errors import FeedParseError, FetchError
from bot.records import SourceState
from bot.sources.http import FeedSource, build_http_client
from tests.sources.feedserver import FeedServer, Route

NOW = datetime(2026, 1, 1, 12, tzinfo=UTC)
MAX_BODY = 256 * 1024


def _clock() -> datetime:
    return NOW


@pytest.fixture(params=["aiohttp", "httpx"])
async def client(request: pytest.FixtureRequest) -> AsyncIterator[httpx.AsyncClient]:
    """Every test here runs on both HTTP stacks the config offers (`fetch.transport`)."""
    settings = FetchSettings(timeout=timedelta(seconds=0.5), transport=request.param)
    async with build_http_client(settings) as c:
        yield c


@pytest.fixture
def feed(golden_feeds: Path) -> bytes:
    return (golden_feeds / "cdata-tolerant.rss").read_bytes()


def _source(client: httpx.AsyncClient, url: str, max_body: int = MAX_BODY) -> FeedSource:
    return FeedSource("wire", url, client=client, max_body=max_body, clock=_clock)


async def test_fetch_parses_and_keeps_validators(
    feed_server: FeedServer, client: httpx.AsyncClient, feed: bytes
) -> None:
    feed_server.routes["/rss"] = Route(
        body=feed, etag='"v1"', last_modified="Thu, 08 Aug 2024 15:00:00 GMT"
    )

    result = await _source(client, feed_server.url("/rss")).fetch(SourceState("wire"))

    assert not result.not_modified
    assert [a.title for a in result.articles][0] == "Shelling in Nikopol & Marhanets"
    assert result.articles[0].source_id == "wire"
    assert result.articles[0].fetched_at == NOW
    # Relative links resolve against the URL that was fetched.
    assert result.articles[0].url == f"{feed_server.base}/world/nikopol.html?ref=rss"
    assert result.state.etag == '"v1"'
    assert result.state.last_modified == "Thu, 08 Aug 2024 15:00:00 GMT"
    assert result.state.consecutive_failures == 0
    seen = feed_server.requests[0].headers
    assert seen["user-agent"].startswith("newsalert/")
    assert "if-none-match" not in seen


async def test_conditional_get_yields_not_modified(
    feed_server: FeedServer, client: httpx.AsyncClient, feed: bytes
) -> None:
    feed_server.routes["/rss"] = Route(body=feed, etag='"v1"')
    source = _source(client, feed_server.url("/rss"))

    first = await source.fetch(SourceState("wire"))
    second = await source.fetch(first.state)

    assert second.not_modified
    assert second.articles == ()
    assert second.state.etag == '"v1"'
    assert feed_server.requests[1].headers["if-none-match"] == '"v1"'


async def test_if_modified_since_alone_yields_not_modified(
    feed_server: FeedServer, client: httpx.AsyncClient, feed: bytes
) -> None:
    stamp = "Thu, 08 Aug 2024 15:00:00 GMT"
    feed_server.routes["/rss"] = Route(body=feed, last_modified=stamp)

    result = await _source(client, feed_server.url("/rss")).fetch(
        SourceState("wire", last_modified=stamp)
    )

    assert result.not_modified
    assert result.state.last_modified == stamp
    assert feed_server.requests[0].headers["if-modified-since"] == stamp


async def test_changed_feed_drops_stale_validators(
    feed_server: FeedServer, client: httpx.AsyncClient, feed: bytes
) -> None:
    feed_server.routes["/rss"] = Route(body=feed)

    result = await _source(client, feed_server.url("/rss")).fetch(
        SourceState("wire", etag='"old"', last_modified="Mon, 01 Jan 2024 00:00:00 GMT")
    )

    assert not result.not_modified
    assert result.state.etag is None
    assert result.state.last_modified is None


async def test_gzip_body_is_decoded(
    feed_server: FeedServer, client: httpx.AsyncClient, feed: bytes
) -> None:
    feed_server.routes["/rss"] = Route(body=feed, gzip=True)

    result = await _source(client, feed_server.url("/rss")).fetch(SourceState("wire"))

    assert len(result.articles) == 3
    assert "gzip" in feed_server.requests[0].headers["accept-encoding"]


async def test_redirects_are_followed_and_links_resolve_at_the_target(
    feed_server: FeedServer, client: httpx.AsyncClient, feed: bytes
) -> None:
    feed_server.routes["/old"] = Route(status=301, redirect_to="/new/feed.xml")
    feed_server.routes["/new/feed.xml"] = Route(body=feed)

    result = await _source(client, feed_server.url("/old")).fetch(SourceState("wire"))

    assert len(result.articles) == 3
    assert [r.path for r in feed_server.requests] == ["/old", "/new/feed.xml"]


async def test_redirect_loop_is_a_fetch_error(
    feed_server: FeedServer, client: httpx.AsyncClient
) -> None:
    feed_server.routes["/a"] = Route(status=302, redirect_to="/b")
    feed_server.routes["/b"] = Route(status=302, redirect_to="/a")

    with pytest.raises(FetchError, match="more than 10 redirects"):
        await _source(client, feed_server.url("/a")).fetch(SourceState("wire"))
    assert len(feed_server.requests) == 11


async def test_a_cookie_set_on_the_way_is_sent_back(
    feed_server: FeedServer, client: httpx.AsyncClient, feed: bytes
) -> None:
    """A feed behind a consent redirect that sets a cookie gets the cookie on the next hop
    and on later polls, and every request carries the client's User-Agent and Accept."""
    feed_server.routes["/gate"] = Route(
        status=302, redirect_to="/feed.xml", headers=(("Set-Cookie", "consent=yes; Path=/"),)
    )
    feed_server.routes["/feed.xml"] = Route(body=feed)
    source = _source(client, feed_server.url("/gate"))

    await source.fetch(SourceState("wire"))
    await source.fetch(SourceState("wire"))

    assert [r.path for r in feed_server.requests] == ["/gate", "/feed.xml"] * 2
    first, second, third, _ = (r.headers for r in feed_server.requests)
    assert "cookie" not in first
    assert second["cookie"] == third["cookie"] == "consent=yes"
    assert first["user-agent"] == FetchSettings().user_agent
    assert "application/rss+xml" in first["accept"]


@pytest.mark.parametrize("transport", ["aiohttp", "httpx"])
async def test_a_proxy_named_in_the_environment_is_used(
    feed_server: FeedServer, feed: bytes, monkeypatch: pytest.MonkeyPatch, transport: str
) -> None:
    """With HTTP_PROXY set, polls go through the client's proxy, not around it: a proxy
    that refuses connections makes the poll fail, where a direct GET would succeed."""
    feed_server.routes["/feed.xml"] = Route(body=feed)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        dead = s.getsockname()[1]
    monkeypatch.setenv("HTTP_PROXY", f"http://127.0.0.1:{dead}")
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    settings = FetchSettings(timeout=timedelta(seconds=0.5), transport=transport)
    async with build_http_client(settings) as proxied:
        with pytest.raises(FetchError):
            await _source(proxied, feed_server.url("/feed.xml")).fetch(SourceState("wire"))
    assert feed_server.requests == []


@pytest.mark.parametrize(("status", "reason"), [(404, "Not Found"), (500, "Internal")])
async def test_error_status_is_a_fetch_error(
    feed_server: FeedServer, client: httpx.AsyncClient, status: int, reason: str
) -> None:
    feed_server.routes["/rss"] = Route(body=b"oops", status=status)

    with pytest.raises(FetchError, match=f"HTTP {status} {reason}"):
        await _source(client, feed_server.url("/rss")).fetch(SourceState("wire"))


async def test_declared_length_over_the_cap(
    feed_server: FeedServer, client: httpx.AsyncClient
) -> None:
    feed_server.routes["/huge"] = Route(stream_bytes=MAX_BODY * 8)

    with pytest.raises(FetchError, match=f"exceeds the {MAX_BODY}-byte cap"):
        await _source(client, feed_server.url("/huge")).fetch(SourceState("wire"))


async def test_streamed_body_over_the_cap(
    feed_server: FeedServer, client: httpx.AsyncClient
) -> None:
    feed_server.routes["/huge"] = Route(stream_bytes=MAX_BODY * 8, declare_length=False)

    with pytest.raises(FetchError, match=f"body exceeds the {MAX_BODY}-byte cap"):
        await _source(client, feed_server.url("/huge")).fetch(SourceState("wire"))


async def test_gzip_bomb_is_capped_after_decompression(
    feed_server: FeedServer, client: httpx.AsyncClient
) -> None:
    feed_server.routes["/bomb"] = Route(body=b"<rss>" + b" " * (MAX_BODY * 4), gzip=True)

    with pytest.raises(FetchError, match="cap"):
        await _source(client, feed_server.url("/bomb")).fetch(SourceState("wire"))


async def test_slow_headers_time_out(
    feed_server: FeedServer, client: httpx.AsyncClient, feed: bytes
) -> None:
    feed_server.routes["/slow"] = Route(body=feed, delay=3)

    with pytest.raises(FetchError, match="timed out"):
        await _source(client, feed_server.url("/slow")).fetch(SourceState("wire"))


async def test_dripping_body_hits_the_overall_deadline(
    feed_server: FeedServer, client: httpx.AsyncClient, feed: bytes
) -> None:
    # Each byte arrives well within the 0.5 s read timeout; the whole never does.
    feed_server.routes["/drip"] = Route(body=feed, drip=0.1)

    with pytest.raises(FetchError, match="timed out"):
        await _source(client, feed_server.url("/drip")).fetch(SourceState("wire"))


async def test_connection_refused(client: httpx.AsyncClient) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # Nothing listens on the port once the socket is closed.

    with pytest.raises(FetchError, match="connection failed"):
        await _source(client, f"http://127.0.0.1:{port}/rss").fetch(SourceState("wire"))


async def test_html_page_is_a_parse_error(
    feed_server: FeedServer, client: httpx.AsyncClient
) -> None:
    feed_server.routes["/page"] = Route(body=b"<html><p>hi</p></html>", content_type="text/html")

    with pytest.raises(FeedParseError, match="not a feed"):
        await _source(client, feed_server.url("/page")).fetch(SourceState("wire"))


async def test_http_charset_is_used(feed_server: FeedServer, client: httpx.AsyncClient) -> None:
    body = "<rss><channel><item><title>Запоріжжя</title></item></channel></rss>".encode("cp1251")
    feed_server.routes["/rss"] = Route(body=body, content_type="text/xml; charset=windows-1251")

    result = await _source(client, feed_server.url("/rss")).fetch(SourceState("wire"))

    assert result.articles[0].title == "Запоріжжя"


def test_build_http_client_settings() -> None:
    settings = FetchSettings(user_agent="test-agent/1", timeout=timedelta(seconds=7))
    client = build_http_client(settings)

    assert client.headers["user-agent"] == "test-agent/1"
    assert client.timeout.read == 7
    assert client.follow_redirects
    assert client.max_redirects == 10


async def test_invalid_url_is_a_fetch_error(client: httpx.AsyncClient) -> None:
    with pytest.raises(FetchError, match="invalid URL"):
        await _source(client, "http://exa mple.org:notaport/rss").fetch(SourceState("wire"))
