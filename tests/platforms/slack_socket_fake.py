"""A loopback fake of Slack's Socket Mode that the real slack_sdk Socket Mode client connects to."""

# The wire protocol (PLATFORMS.md 2.7, and slack_sdk/socket_mode/ as installed): the client
# calls apps.connections.open with the app-level token and gets a one-use WebSocket URL;
# the server greets with `hello`, pushes envelopes {envelope_id, type, payload,
# accepts_response_payload}, and the client acks each with {envelope_id[, payload]}. A
# `disconnect` message asks the client to fetch a new URL and reconnect.

from __future__ import annotations

import asyncio
import contextlib
import json
import threading
import time
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Self
from urllib.parse import parse_qsl

from aiohttp import WSCloseCode, WSMsgType, web

from tests.platforms.loopback_http import JSON, ServerThread, ThreadedFake
from tests.platforms.slack_fake import (
    APP_ID,
    FakeSlackApi,
    signed_app_mention,
    signed_slash_command,
)

DEFAULT_APP_TOKEN = "xapp-1-A0FAKE-1-fake-newsalert"
# Socket Mode payloads are the HTTP-mode bodies without a signature; this key signs nothing.
_UNUSED_SECRET = "socket-mode-is-not-signed"


@dataclass(frozen=True, slots=True)
class Ack:
    """One acknowledgement; `seconds` is how long after its envelope it came (None: unknown)."""

    envelope_id: str
    payload: JSON | None
    seconds: float | None


@dataclass(slots=True)
class _Connection:
    number: int
    socket: web.WebSocketResponse


class FakeSocketMode(ThreadedFake):
    """Socket Mode for one app on 127.0.0.1, served from its own thread and loop.

    start() registers it with `api` (the FakeSlackApi that slack_sdk's web client points at),
    so apps.connections.open with `app_token` hands out this server's URLs. Envelopes go to
    the newest open connection; every public method is thread-safe.
    """

    def __init__(
        self, api: FakeSlackApi, app_token: str = DEFAULT_APP_TOKEN, *, host: str = "127.0.0.1"
    ) -> None:
        self.app_token = app_token
        self._api = api
        self._host = host
        self._port = 0
        self._lock = threading.Lock()
        self._tickets: set[str] = set()
        self._open: list[_Connection] = []
        self._accepted = 0
        self._close_codes: list[int | None] = []
        self._sent: dict[str, float] = {}
        self._acks: list[Ack] = []
        self._envelopes = 0
        self._server = ServerThread(
            self._listening, title="the fake Socket Mode server", thread_name="slack-socket-fake"
        )

    # ------------------------------------------------------------ lifecycle

    def start(self) -> Self:
        super().start()
        self._api.open_connections(self.app_token, self.issue_url)
        return self

    @contextlib.asynccontextmanager
    async def _listening(self) -> AsyncIterator[None]:
        app = web.Application()
        app.router.add_get("/link/", self._serve)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, self._host, 0)
        await site.start()
        self._port = runner.addresses[0][1]
        try:
            yield
        finally:
            with self._lock:
                still_open = [c.socket for c in self._open]
            # Slack ends connections with 1001 when it goes away; a clean client has left.
            for socket in still_open:
                await socket.close(code=WSCloseCode.GOING_AWAY)
            await runner.cleanup()

    # ------------------------------------------------------------ test controls

    def issue_url(self) -> str:
        """A fresh one-use WebSocket URL, as apps.connections.open returns it."""
        ticket = uuid.uuid4().hex
        with self._lock:
            self._tickets.add(ticket)
        return f"ws://{self._host}:{self._port}/link/?ticket={ticket}&app_id={APP_ID}"

    def send(self, envelope: JSON) -> None:
        """Push one message to the newest open connection; fails when none is open."""
        loop = self._server.loop
        with self._lock:
            if loop is None or not self._open:
                raise RuntimeError("no Socket Mode connection is open")
            socket = self._open[-1].socket
            if "envelope_id" in envelope:
                self._sent[str(envelope["envelope_id"])] = time.monotonic()
        sending = asyncio.run_coroutine_threadsafe(socket.send_str(json.dumps(envelope)), loop)
        sending.result(5)

    def send_slash_command(
        self,
        text: str,
        *,
        user_id: str,
        channel_id: str,
        response_url: str,
        command: str = "/newsalert",
    ) -> str:
        """A `slash_commands` envelope; returns its envelope_id."""
        body, _ = signed_slash_command(
            _UNUSED_SECRET,
            text=text,
            user_id=user_id,
            channel_id=channel_id,
            response_url=response_url,
            command=command,
        )
        payload = dict(parse_qsl(body.decode(), keep_blank_values=True))
        return self._send_envelope("slash_commands", payload, accepts_response_payload=True)

    def send_app_mention(
        self,
        text: str,
        *,
        user_id: str,
        channel_id: str,
        ts: str = "1700000000.000100",
        thread_ts: str | None = None,
    ) -> str:
        """An `events_api` envelope holding an `app_mention`; returns its envelope_id."""
        body, _ = signed_app_mention(
            _UNUSED_SECRET,
            text=text,
            user_id=user_id,
            channel_id=channel_id,
            ts=ts,
            thread_ts=thread_ts,
        )
        return self._send_envelope("events_api", json.loads(body), accepts_response_payload=False)

    def disconnect(self, reason: str = "refresh_requested") -> None:
        """Ask the client to reconnect, as Slack does every few hours; the socket stays open."""
        self.send({"type": "disconnect", "reason": reason, "debug_info": {"host": "fake"}})

    def _send_envelope(self, kind: str, payload: JSON, *, accepts_response_payload: bool) -> str:
        with self._lock:
            self._envelopes += 1
            envelope_id = str(uuid.UUID(int=self._envelopes))
        envelope: JSON = {
            "envelope_id": envelope_id,
            "type": kind,
            "payload": payload,
            "accepts_response_payload": accepts_response_payload,
        }
        if kind == "events_api":
            envelope.update(retry_attempt=0, retry_reason="")
        self.send(envelope)
        return envelope_id

    # ------------------------------------------------------------ what the fake saw

    @property
    def connected(self) -> int:
        """WebSocket connections open now."""
        with self._lock:
            return len(self._open)

    @property
    def connections(self) -> int:
        """WebSocket connections accepted so far."""
        with self._lock:
            return self._accepted

    @property
    def close_codes(self) -> tuple[int | None, ...]:
        """How each ended connection closed, in order (1000: the client closed it normally)."""
        with self._lock:
            return tuple(self._close_codes)

    def acks(self) -> list[Ack]:
        with self._lock:
            return list(self._acks)

    def ack(self, envelope_id: str) -> Ack | None:
        return next((a for a in self.acks() if a.envelope_id == envelope_id), None)

    # ------------------------------------------------------------ the server

    async def _serve(self, request: web.Request) -> web.StreamResponse:
        ticket = request.query.get("ticket", "")
        with self._lock:
            known = ticket in self._tickets
            self._tickets.discard(ticket)
        if not known:
            # Each URL is good for one connection; a reused or made-up one is refused.
            return web.Response(status=401, text="invalid ticket")
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        with self._lock:
            self._accepted += 1
            connection = _Connection(self._accepted, socket)
            self._open.append(connection)
            count = len(self._open)
        hello = {
            "type": "hello",
            "num_connections": count,
            "debug_info": {"host": "applink-fake", "approximate_connection_time": 18060},
            "connection_info": {"app_id": APP_ID},
        }
        await socket.send_str(json.dumps(hello))
        try:
            async for message in socket:
                if message.type == WSMsgType.TEXT:
                    self._receive(str(message.data))
        finally:
            with self._lock:
                self._open.remove(connection)
                self._close_codes.append(socket.close_code)
        return socket

    def _receive(self, data: str) -> None:
        message = json.loads(data)
        if not isinstance(message, dict) or "envelope_id" not in message:
            return  # a client sends nothing else in Socket Mode
        envelope_id = str(message["envelope_id"])
        now = time.monotonic()
        with self._lock:
            sent = self._sent.get(envelope_id)
            seconds = None if sent is None else now - sent
            self._acks.append(Ack(envelope_id, message.get("payload"), seconds))
