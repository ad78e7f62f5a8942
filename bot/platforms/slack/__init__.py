"""Slack through slack-bolt: `/newsalert` and mentions in, paced Block Kit alerts out."""

from __future__ import annotations

import asyncio
import logging
import re
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.config.schema import SlackSettings
from bot.errors import ChatGone, DeliveryError, MessageGone, PlatformError
from bot.platforms.pacing import Limits, Pacer
from bot.platforms.slack.blocks import ACTION_PREFIX, Message, messages
from bot.records import ChatRef, CommandRequest, Document, Picture, Reply, Severity

log = logging.getLogger(__name__)
PLATFORM = "slack"
CommandCallback = Callable[[CommandRequest], Awaitable[Reply]]
# The channel will not take the bot's messages until a person changes something.
GONE = frozenset({"channel_not_found", "not_in_channel", "is_archived", "account_inactive"})
# The message itself is wrong: sending it again cannot help.
REFUSED = frozenset(
    {
        "invalid_blocks",
        "invalid_blocks_format",
        "msg_blocks_too_long",
        "no_text",
        "msg_too_long",
        "too_many_attachments",
        "restricted_action",
    }
)
_MENTION = re.compile(r"^\s*<@[A-Z0-9]+(?:\|[^>]*)?>\s*")


def parse_command_text(text: str) -> tuple[str, str]:
    """`subscribe strikes in:kherson` → ("subscribe", "strikes in:kherson"); empty → help."""
    name, _, rest = text.strip().partition(" ")
    return name.lower().lstrip("/") or "help", rest.strip()


class SlackPlatform:
    """slack-bolt's AsyncApp in our loop: Socket Mode via connect_async (never start_async),
    or HTTP mode behind our own aiohttp runner; commands go to the shared handlers."""

    name = PLATFORM

    def __init__(
        self,
        settings: SlackSettings,
        *,
        on_command: CommandCallback,
        pacer: Pacer | None = None,
        max_wait: float = 900.0,
    ) -> None:
        self._settings = settings
        self._on_command = on_command
        self._operators = frozenset(settings.operators)
        self._pacer = pacer or Pacer(
            Limits(
                overall_per_second=settings.overall_per_second,
                per_chat_per_second=settings.per_channel_per_second,
            )
        )
        self._max_wait = max_wait
        self.client = AsyncWebClient(
            token=settings.bot_token.get_secret_value(), base_url=settings.base_url
        )
        secret = settings.signing_secret.get_secret_value() or None
        self.app = AsyncApp(
            client=self.client,
            signing_secret=secret,
            # Socket Mode messages are not signed; HTTP requests always are checked.
            request_verification_enabled=settings.mode == "http",
        )
        self.app.command(settings.command)(self._on_slash)
        self.app.event("app_mention")(self._on_mention)
        self.app.action(re.compile(f"^{ACTION_PREFIX}"))(self._on_action)
        self._socket: AsyncSocketModeHandler | None = None
        self._runner: web.AppRunner | None = None
        self.port: int | None = None

    async def start(self, *, listen: bool = True) -> None:
        try:
            await self.client.auth_test()
        except SlackApiError as exc:
            error = exc.response.get("error", "unknown")
            raise PlatformError(
                f"slack: auth.test failed ({error}). Check SLACK_BOT_TOKEN and the app's install."
            ) from exc
        except (aiohttp.ClientError, TimeoutError) as exc:
            raise PlatformError(f"slack: cannot reach the Web API: {exc}") from exc
        if listen:
            await self.listen()
        else:
            log.info("slack started, sending only")

    async def listen(self) -> None:
        if self._socket is not None or self._runner is not None:
            return
        if self._settings.mode == "socket":
            app_token = self._settings.app_token.get_secret_value()
            try:
                # slack_sdk's connect() retries a refused app token forever; one call first
                # turns a wrong SLACK_APP_TOKEN into a clear error (that URL goes unused).
                await self.client.apps_connections_open(app_token=app_token)
            except SlackApiError as exc:
                error = exc.response.get("error", "unknown")
                raise PlatformError(
                    f"slack: apps.connections.open failed ({error}). Check SLACK_APP_TOKEN"
                    " (xapp-..., connections:write) and that Socket Mode is on."
                ) from exc
            self._socket = AsyncSocketModeHandler(self.app, app_token)
            try:
                await asyncio.wait_for(self._socket.connect_async(), timeout=30)  # type: ignore[no-untyped-call]
            except TimeoutError as exc:
                await self._socket.close_async()  # type: ignore[no-untyped-call]
                self._socket = None
                raise PlatformError(
                    "slack: the Socket Mode websocket did not connect in 30 s"
                ) from exc
        else:
            self._runner = web.AppRunner(self.app.web_app(path=self._settings.http_path))
            await self._runner.setup()
            site = web.TCPSite(self._runner, self._settings.http_listen, self._settings.http_port)
            await site.start()
            self.port = self._bound_port(site)
        log.info("slack started mode=%s", self._settings.mode)

    @staticmethod
    def _bound_port(site: web.TCPSite) -> int | None:
        server = site._server  # aiohttp keeps the asyncio server here; port 0 is resolved
        sockets = getattr(server, "sockets", None) or []
        return int(sockets[0].getsockname()[1]) if sockets else None

    @property
    def rate_limited_seconds(self) -> float:
        """Seconds the service asked us to wait (its 429s), in all: a metric."""
        return self._pacer.backed_off

    async def unlisten(self) -> None:
        socket, runner = self._socket, self._runner
        self._socket = self._runner = None
        if socket is not None:
            await socket.close_async()  # type: ignore[no-untyped-call]
        if runner is not None:
            await runner.cleanup()
            self.port = None

    async def stop(self) -> None:
        await self.unlisten()

    # --- commands in ---------------------------------------------------------------------

    def request_of(self, payload: dict[str, Any], text: str) -> CommandRequest:
        name, rest = parse_command_text(text)
        user = str(payload.get("user_id") or payload.get("user") or "")
        channel = str(payload.get("channel_id") or payload.get("channel") or "")
        return CommandRequest(
            chat=ChatRef(PLATFORM, channel),
            user_id=user,
            name=name,
            text=rest,
            user_name=payload.get("user_name"),
            is_operator=user in self._operators,
            is_private=payload.get("channel_name") == "directmessage" or channel.startswith("D"),
        )

    async def _on_slash(
        self,
        ack: Callable[..., Awaitable[None]],
        command: dict[str, Any],
        respond: Callable[..., Awaitable[Any]],
    ) -> None:
        # Slack wants the 200 within 3 seconds; the answer follows through response_url.
        await ack()
        request = self.request_of(command, str(command.get("text", "")))
        log.info(
            "slack command channel=%s user=%s command=%s",
            request.chat,
            request.user_id,
            request.name,
        )
        reply = await self._on_command(request)
        if reply.picture is not None:
            await self.send_picture(request.chat, reply.picture)
        for message in messages(reply.document):
            await respond(
                text=message.text,
                blocks=list(message.blocks),
                response_type="ephemeral" if reply.ephemeral else "in_channel",
            )

    async def send_picture(
        self, chat: ChatRef, picture: Picture, *, thread: str | None = None
    ) -> bool:
        """Share the picture in the channel (files_upload_v2, with its alt text); a
        channel the bot may not post files in gets the text alone. True if shared."""
        try:
            await self.client.files_upload_v2(
                channel=chat.chat_id,
                file=picture.png,
                filename=picture.filename,
                title=picture.caption or picture.filename,
                alt_txt=picture.alt_text[:1000],
                thread_ts=thread or chat.thread_id,
            )
        except SlackApiError as exc:
            log.warning(
                "slack picture not shared channel=%s error=%r",
                chat,
                str(exc.response.get("error", "")),
            )
            return False
        except (aiohttp.ClientError, TimeoutError) as exc:
            log.warning("slack picture not shared channel=%s error=%r", chat, str(exc))
            return False
        return True

    async def _on_action(
        self,
        ack: Callable[..., Awaitable[None]],
        body: dict[str, Any],
        respond: Callable[..., Awaitable[Any]],
    ) -> None:
        """A newsalert button pressed: its value is a command line, answered like one; an
        answer that replaces (the wizard's next step) takes the place of the message."""
        await ack()
        action = (body.get("actions") or [{}])[0]
        user = str((body.get("user") or {}).get("id") or "")
        channel = str(
            (body.get("channel") or {}).get("id")
            or (body.get("container") or {}).get("channel_id")
            or ""
        )
        payload = {"user_id": user, "channel_id": channel}
        request = self.request_of(payload, str(action.get("value") or ""))
        log.info("slack button channel=%s user=%s command=%s", request.chat, user, request.name)
        reply = await self._on_command(request)
        for i, message in enumerate(messages(reply.document)):
            if reply.replace and i == 0:
                await respond(
                    text=message.text, blocks=list(message.blocks), replace_original=True
                )
            else:
                await respond(
                    text=message.text,
                    blocks=list(message.blocks),
                    response_type="ephemeral" if reply.ephemeral else "in_channel",
                    replace_original=False,
                )

    async def _on_mention(self, event: dict[str, Any], say: Callable[..., Awaitable[Any]]) -> None:
        text = _MENTION.sub("", str(event.get("text", "")))
        request = self.request_of(event, text)
        reply = await self._on_command(request)
        thread = event.get("thread_ts") or event.get("ts")
        if reply.picture is not None:
            await self.send_picture(request.chat, reply.picture, thread=thread)
        for message in messages(reply.document):
            await say(text=message.text, blocks=list(message.blocks), thread_ts=thread)

    # --- alerts out ----------------------------------------------------------------------

    async def send(
        self,
        chat: ChatRef,
        document: Document,
        *,
        severity: Severity,
        reply_to: str | None = None,
    ) -> tuple[str, ...]:
        ids = []
        for message in messages(document):
            ids.append(await self._post(chat, message, thread=reply_to))
        return tuple(ids)

    async def edit(self, chat: ChatRef, message_ids: Sequence[str], document: Document) -> None:
        """chat.update on each message the card was sent as; a card that grew past them
        posts its rest in the first one's thread."""
        parts = messages(document)
        for ts, message in zip(message_ids, parts, strict=False):
            await self._update(chat, ts, message)
        for message in parts[len(message_ids) :]:
            await self._post(chat, message, thread=message_ids[0] if message_ids else None)

    async def _update(self, chat: ChatRef, ts: str, message: Message) -> None:
        started = time.monotonic()
        while True:
            await self._pacer.wait(chat.chat_id, group=False)
            try:
                await self.client.chat_update(
                    channel=chat.chat_id, ts=ts, text=message.text, blocks=list(message.blocks)
                )
            except SlackApiError as exc:
                error = str(exc.response.get("error", ""))
                if exc.response.status_code == 429:
                    wait = float(exc.response.headers.get("Retry-After", 1))
                    self._pacer.back_off(chat.chat_id, wait)
                    if time.monotonic() - started + wait > self._max_wait:
                        raise DeliveryError(f"rate limited: retry after {wait:.0f}s") from exc
                    continue
                if error in ("message_not_found", "cant_update_message", "edit_window_closed"):
                    raise MessageGone(f"message {ts}: {error}") from exc
                if error in GONE:
                    raise ChatGone(error) from exc
                if error in REFUSED:
                    raise DeliveryError(error, permanent=True) from exc
                raise DeliveryError(error or f"HTTP {exc.response.status_code}") from exc
            except (aiohttp.ClientError, TimeoutError) as exc:
                raise DeliveryError(f"network: {exc}") from exc
            return

    async def _post(self, chat: ChatRef, message: Message, *, thread: str | None = None) -> str:
        started = time.monotonic()
        while True:
            await self._pacer.wait(chat.chat_id, group=False)
            try:
                response = await self.client.chat_postMessage(
                    channel=chat.chat_id,
                    text=message.text,
                    blocks=list(message.blocks),
                    thread_ts=thread or chat.thread_id,
                    unfurl_links=False,
                    unfurl_media=False,
                )
            except SlackApiError as exc:
                error = str(exc.response.get("error", ""))
                if exc.response.status_code == 429:
                    wait = float(exc.response.headers.get("Retry-After", 1))
                    # Rate limits are waited out, never a reason to drop the alert.
                    self._pacer.back_off(chat.chat_id, wait)
                    log.info("slack rate limited channel=%s retry_after=%.0f", chat, wait)
                    if time.monotonic() - started + wait > self._max_wait:
                        raise DeliveryError(f"rate limited: retry after {wait:.0f}s") from exc
                    continue
                if error in GONE:
                    raise ChatGone(error) from exc
                if error in REFUSED:
                    raise DeliveryError(error, permanent=True) from exc
                raise DeliveryError(error or f"HTTP {exc.response.status_code}") from exc
            except (aiohttp.ClientError, TimeoutError) as exc:
                raise DeliveryError(f"network: {exc}") from exc
            return str(response["ts"])
