"""The operator's HTTP endpoints: `/healthz` (the process answers), `/readyz` (the store
answers, the platforms and the scheduler run) and `/metrics` (Prometheus), on a port of
their own so a load balancer or an orchestrator can probe the bot without a chat token.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Awaitable, Callable, Mapping

from aiohttp import web

from bot.errors import NewsalertError

log = logging.getLogger(__name__)

# What readiness is made of: each part "ok", or why it is not.
Readiness = Callable[[], Awaitable[Mapping[str, str]]]
MetricsText = Callable[[], Awaitable[bytes]]
_PROMETHEUS = "text/plain; version=0.0.4; charset=utf-8"


class OpsError(NewsalertError):
    """The ops endpoints cannot be served (the port is taken)."""


class OpsServer:
    def __init__(
        self, *, listen: str, port: int, readiness: Readiness, metrics: MetricsText
    ) -> None:
        self._listen = listen
        self._wanted_port = port
        self._readiness = readiness
        self._metrics = metrics
        self._runner: web.AppRunner | None = None
        self.port: int | None = None  # the bound port (port 0 picks a free one)

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/healthz", self._healthz)
        app.router.add_get("/readyz", self._readyz)
        app.router.add_get("/metrics", self._metrics_page)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self._listen, self._wanted_port)
        try:
            await site.start()
        except OSError as exc:
            await self._runner.cleanup()
            self._runner = None
            raise OpsError(
                f"ops: cannot listen on {self._listen}:{self._wanted_port}: "
                f"{exc.strerror or exc} (set ops.port to a free port, or ops.enabled: false)"
            ) from exc
        server = site._server  # aiohttp keeps the asyncio server here; port 0 is resolved
        sockets = getattr(server, "sockets", None) or []
        self.port = int(sockets[0].getsockname()[1]) if sockets else self._wanted_port
        log.info("ops endpoints listening address=%s port=%s", self._listen, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _healthz(self, request: web.Request) -> web.Response:
        return web.Response(text="ok\n")

    async def _readyz(self, request: web.Request) -> web.Response:
        try:
            parts = dict(await self._readiness())
        except Exception as exc:  # a probe must answer, whatever broke
            log.exception("readiness check failed")
            parts = {"check": f"failed: {type(exc).__name__}"}
        ready = all(v == "ok" for v in parts.values())
        body = json.dumps({"ready": ready, **parts}, sort_keys=True) + "\n"
        return web.Response(
            text=body, status=200 if ready else 503, content_type="application/json"
        )

    async def _metrics_page(self, request: web.Request) -> web.Response:
        return web.Response(body=await self._metrics(), headers={"Content-Type": _PROMETHEUS})
