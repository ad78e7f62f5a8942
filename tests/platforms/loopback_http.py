"""Plumbing the loopback fakes share: HTTP/1.1 keep-alive, a server thread, clocks, buckets."""

# The fakes differ in what they answer, not in how they listen: each hands a `respond`
# function to LoopbackHttpServer and keeps its own error shapes and routes.

from __future__ import annotations

import asyncio
import contextlib
import email.parser
import email.policy
import json
import math
import signal
import threading
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from enum import StrEnum
from http import HTTPStatus
from types import TracebackType
from typing import Any, Protocol, Self, TypeVar
from urllib.parse import parse_qsl, urlsplit

JSON = dict[str, Any]

# ---------------------------------------------------------------- time and rate limits


class ManualClock:
    """A monotonic clock that tests move by hand, so flood and rate-limit tests need not sleep."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += seconds


@dataclass(slots=True)
class TokenBucket:
    """`capacity` tokens at most, refilled at `per_second`; one request takes one token."""

    capacity: float
    per_second: float
    tokens: float
    stamp: float

    @classmethod
    def full(cls, capacity: float, per_second: float, now: float) -> TokenBucket:
        return cls(capacity, per_second, capacity, now)

    def wait(self, now: float) -> float:
        """Seconds until a token is free (0 when one is free now)."""
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.per_second)
        self.stamp = now
        # The epsilon absorbs float drift, so waiting exactly the advertised retry-after
        # always succeeds.
        return 0.0 if self.tokens >= 1 - 1e-9 else (1 - self.tokens) / self.per_second

    def take(self) -> None:
        self.tokens -= 1


def take_from_all(buckets: Sequence[TokenBucket], now: float) -> int | None:
    """Takes one token from every bucket and returns None, or takes none and returns the
    whole seconds (at least 1) until every bucket has one, as a 429's retry-after."""
    wait = max((bucket.wait(now) for bucket in buckets), default=0.0)
    if wait > 0:
        return max(1, math.ceil(wait - 1e-9))
    for bucket in buckets:
        bucket.take()
    return None


class _Countdown(Protocol):
    times: int


_Scripted = TypeVar("_Scripted", bound=_Countdown)


def next_scripted(queues: dict[str, list[_Scripted]], name: str) -> _Scripted | None:
    """The scripted failure due for one call of `name`, used up after `times` calls."""
    queue = queues.get(name)
    if not queue:
        return None
    failure = queue[0]
    failure.times -= 1
    if failure.times <= 0:
        queue.pop(0)
    return failure


# ---------------------------------------------------------------- HTTP/1.1 wire format


@dataclass(frozen=True, slots=True)
class Request:
    """One HTTP/1.1 request; header names are lower-cased, a chunked body is joined."""

    method: str
    target: str
    headers: dict[str, str]
    body: bytes
    keep_alive: bool


@dataclass(frozen=True, slots=True)
class HttpResponse:
    """What a fake answers; the server adds the Connection header per request."""

    status: int
    payload: bytes
    content_type: str
    retry_after: int | None = None

    def encode(self, *, keep_alive: bool) -> bytes:
        lines = [
            f"HTTP/1.1 {self.status} {HTTPStatus(self.status).phrase}",
            f"Content-Type: {self.content_type}",
            f"Content-Length: {len(self.payload)}",
            f"Connection: {'keep-alive' if keep_alive else 'close'}",
        ]
        if self.retry_after is not None:
            lines.append(f"Retry-After: {self.retry_after}")
        return ("\r\n".join(lines) + "\r\n\r\n").encode() + self.payload


def json_payload(body: object) -> bytes:
    return json.dumps(body, ensure_ascii=False).encode()


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    chunks: list[bytes] = []
    while True:
        size = int((await reader.readline()).split(b";")[0].strip(), 16)
        if size == 0:
            while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                pass
            return b"".join(chunks)
        chunks.append(await reader.readexactly(size))
        await reader.readexactly(2)


async def read_request(reader: asyncio.StreamReader) -> Request | None:
    """The next request on a connection, or None once the client has closed it."""
    line = await reader.readline()
    if not line.strip():
        return None
    method, target, version = line.decode("latin-1").split()
    headers: dict[str, str] = {}
    while (raw := await reader.readline()) not in (b"\r\n", b"\n", b""):
        name, _, value = raw.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = await _read_chunked(reader)
    else:
        body = await reader.readexactly(int(headers.get("content-length") or 0))
    keep_alive = version == "HTTP/1.1" and headers.get("connection", "").lower() != "close"
    return Request(method.upper(), target, headers, body, keep_alive)


class BodyProblem(StrEnum):
    NOT_JSON = "not_json"
    NOT_OBJECT = "not_object"


class BodyError(Exception):
    """A JSON body that is not a JSON object; each fake words the reply as its API does."""

    def __init__(self, problem: BodyProblem) -> None:
        super().__init__(problem.value)
        self.problem = problem


def decode_params(request: Request, *, multipart: bool = False) -> JSON:
    """Query string, then a JSON, form or (with `multipart`) multipart/form-data body."""
    raw: JSON = dict(parse_qsl(urlsplit(request.target).query, keep_blank_values=True))
    if not request.body:
        return raw
    content_type = request.headers.get("content-type", "")
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            data = json.loads(request.body)
        except json.JSONDecodeError:
            raise BodyError(BodyProblem.NOT_JSON) from None
        if not isinstance(data, dict):
            raise BodyError(BodyProblem.NOT_OBJECT)
        raw.update(data)
    elif multipart and kind == "multipart/form-data":
        head = f"Content-Type: {content_type}\r\n\r\n".encode()
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            head + request.body
        )
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            if isinstance(name, str) and part.get_filename() is None:
                # Form fields are UTF-8 (HTML's default, and what the Bot API reads) unless
                # the part says otherwise; clients such as PTB send no charset at all.
                payload = part.get_payload(decode=True)
                charset = part.get_content_charset() or "utf-8"
                raw[name] = (
                    payload.decode(charset, errors="replace")
                    if isinstance(payload, bytes)
                    else part.get_content()
                )
    else:
        raw.update(parse_qsl(request.body.decode(), keep_blank_values=True))
    return raw


# ---------------------------------------------------------------- servers


class DropConnection(Exception):
    """Close the connection without a reply, as a broken network would."""


class ServerThread:
    """Runs one server on its own thread and asyncio loop, so that synchronous tests and
    clients on other loops can share it; `serving` sets the server up on entry and tears it
    down on exit, and start() returns once it listens (or raises what stopped it)."""

    def __init__(
        self,
        serving: Callable[[], AbstractAsyncContextManager[object]],
        *,
        title: str,
        thread_name: str,
        on_start: Callable[[], None] | None = None,
    ) -> None:
        self._serving = serving
        self._title = title
        self._thread_name = thread_name
        self._on_start = on_start
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stopping: asyncio.Event | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    @property
    def loop(self) -> asyncio.AbstractEventLoop | None:
        """The server's loop while it serves, for call_soon_threadsafe from other threads."""
        return self._loop

    def start(self) -> None:
        if self._thread is not None:
            raise RuntimeError(f"{self._title} is already running")
        self._thread = threading.Thread(target=self._run, name=self._thread_name, daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError(f"{self._title} did not start within 10 s")
        if self._error is not None:
            raise self._error

    def stop(self) -> None:
        loop, stopping = self._loop, self._stopping
        if loop is not None and stopping is not None:
            with contextlib.suppress(RuntimeError):
                loop.call_soon_threadsafe(stopping.set)
        if self._thread is not None:
            self._thread.join(10)
            self._thread = None

    def run(self, *, on_ready: Callable[[], None] | None = None) -> None:
        """Serves in this thread until SIGINT/SIGTERM."""
        asyncio.run(self._main(handle_signals=True, on_ready=on_ready))

    def _run(self) -> None:
        try:
            asyncio.run(self._main(handle_signals=False, on_ready=None))
        except BaseException as error:  # reported to start(); a thread has nowhere else
            self._error = error
            self._ready.set()

    async def _main(self, *, handle_signals: bool, on_ready: Callable[[], None] | None) -> None:
        loop = asyncio.get_running_loop()
        self._stopping = asyncio.Event()
        if self._on_start is not None:
            self._on_start()
        async with self._serving():
            if handle_signals:
                for signum in (signal.SIGINT, signal.SIGTERM):
                    loop.add_signal_handler(signum, self._stopping.set)
            self._loop = loop
            self._ready.set()
            if on_ready is not None:
                on_ready()
            try:
                await self._stopping.wait()
            finally:
                self._loop = None


Responder = Callable[[Request], Awaitable[HttpResponse]]


class LoopbackHttpServer(ServerThread):
    """HTTP/1.1 with keep-alive on its own thread; `respond` answers each request on the
    server loop and raises DropConnection to hang up instead."""

    def __init__(
        self,
        respond: Responder,
        *,
        title: str,
        thread_name: str,
        host: str = "127.0.0.1",
        port: int = 0,
        on_start: Callable[[], None] | None = None,
        on_connect: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(self._listening, title=title, thread_name=thread_name, on_start=on_start)
        self._respond = respond
        self._on_connect = on_connect
        self._host = host
        self._port = port
        self._tasks: set[asyncio.Task[Any]] = set()

    @property
    def port(self) -> int:
        return self._port

    @property
    def base(self) -> str:
        return f"http://{self._host}:{self._port}"

    @contextlib.asynccontextmanager
    async def _listening(self) -> AsyncIterator[None]:
        server = await asyncio.start_server(self._serve, self._host, self._port)
        self._port = server.sockets[0].getsockname()[1]
        try:
            yield
        finally:
            server.close()
            # Keep-alive connections would hold wait_closed() open (3.12+); end them first.
            tasks = list(self._tasks)
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)
            await server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        if self._on_connect is not None:
            self._on_connect()
        try:
            while (request := await read_request(reader)) is not None:
                try:
                    response = await self._respond(request)
                except DropConnection:
                    break
                writer.write(response.encode(keep_alive=request.keep_alive))
                await writer.drain()
                if not request.keep_alive:
                    break
        except (ConnectionError, asyncio.IncompleteReadError, ValueError):
            pass  # the client went away or spoke something that is not HTTP/1.1
        except asyncio.CancelledError:
            # Only stop() cancels; ending quietly spares 3.11's streams callback a traceback.
            pass
        finally:
            if task is not None:
                self._tasks.discard(task)
            writer.close()


class ThreadedFake:
    """start()/stop() and `with` for a fake whose server runs in a ServerThread."""

    _server: ServerThread

    def start(self) -> Self:
        self._server.start()
        return self

    def stop(self) -> None:
        self._server.stop()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


class HttpFake(ThreadedFake):
    """A ThreadedFake served by a LoopbackHttpServer, with its address."""

    _server: LoopbackHttpServer

    @property
    def port(self) -> int:
        return self._server.port

    @property
    def base(self) -> str:
        return self._server.base
