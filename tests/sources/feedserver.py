"""A loopback HTTP server with configurable routes, for fetching feeds with a real client."""

from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

_CHUNK = 64 * 1024


@dataclass(frozen=True, slots=True)
class Route:
    """What one path answers. `delay` waits before the headers; `drip` sends the body one
    byte per `drip` seconds; `stream_bytes` streams that many bytes with no Content-Length."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    gzip: bool = False
    redirect_to: str | None = None
    delay: float = 0.0
    drip: float = 0.0
    stream_bytes: int = 0
    declare_length: bool = True
    headers: tuple[tuple[str, str], ...] = ()  # more response headers (Retry-After, ...)


@dataclass(slots=True)
class Seen:
    """One request as the server received it."""

    path: str
    headers: dict[str, str] = field(default_factory=dict)


class FeedServer:
    """Serves `routes` on 127.0.0.1 from a background thread; unknown paths get a 404."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Seen] = []
        self._closing = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def base(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host!s}:{port}"

    def url(self, path: str) -> str:
        return f"{self.base}{path}"

    def start(self) -> None:
        self._thread.start()

    def close(self) -> None:
        self._closing.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def wait(self, seconds: float) -> bool:
        """Sleep unless the server is closing; True if it is."""
        return self._closing.wait(seconds)


def _handler_for(server: FeedServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            """Quiet: the tests assert on `server.requests` instead."""

        def do_GET(self) -> None:
            server.requests.append(
                Seen(self.path, {k.lower(): v for k, v in self.headers.items()})
            )
            route = server.routes.get(self.path)
            if route is None:
                self._send(404, b"not found", {"Content-Type": "text/plain"})
                return
            if route.delay and server.wait(route.delay):
                return
            if route.redirect_to:
                self._send(
                    route.status, b"", {"Location": route.redirect_to} | dict(route.headers)
                )
                return
            validators = {"ETag": route.etag, "Last-Modified": route.last_modified}
            headers = {k: v for k, v in validators.items() if v} | dict(route.headers)
            if (route.etag and self.headers.get("If-None-Match") == route.etag) or (
                route.last_modified
                and self.headers.get("If-Modified-Since") == route.last_modified
            ):
                self._send(304, b"", headers)
                return
            headers["Content-Type"] = route.content_type
            if route.stream_bytes:
                self._stream(route, headers)
                return
            body = route.body
            if route.gzip and "gzip" in self.headers.get("Accept-Encoding", ""):
                body = gzip.compress(body)
                headers["Content-Encoding"] = "gzip"
            if route.drip:
                self._drip(route, body, headers)
                return
            self._send(route.status, body, headers)

        def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _stream(self, route: Route, headers: dict[str, str]) -> None:
            self.send_response(route.status)
            for name, value in headers.items():
                self.send_header(name, value)
            if route.declare_length:
                self.send_header("Content-Length", str(route.stream_bytes))
            self.end_headers()
            sent = 0
            try:
                while sent < route.stream_bytes and not server.wait(0):
                    chunk = b"x" * min(_CHUNK, route.stream_bytes - sent)
                    self.wfile.write(chunk)
                    sent += len(chunk)
            except (BrokenPipeError, ConnectionResetError):
                return  # the client gave up at its size cap, as intended

        def _drip(self, route: Route, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(route.status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            deadline = time.monotonic() + 10  # bounded whatever the client does
            try:
                for i in range(len(body)):
                    if server.wait(route.drip) or time.monotonic() > deadline:
                        return
                    self.wfile.write(body[i : i + 1])
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

    return Handler


@contextmanager
def serving() -> Iterator[FeedServer]:
    server = FeedServer()
    server.start()
    try:
        yield server
    finally:
        server.close()
