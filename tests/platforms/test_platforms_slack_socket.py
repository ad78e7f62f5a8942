"""Slack in Socket Mode: the real slack_sdk Socket Mode client against loopback fakes.

The platform fetches its WebSocket URL from the fake Web API with the app token, acks each
envelope within Slack's 3 seconds, answers through response_url or in the mention's thread,
follows a `disconnect` to a new connection, and closes its socket on stop().
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import AsyncIterator, Iterator

import pytest

from bot.config.schema import SlackSettings
from bot.errors import PlatformError
from bot.platforms.slack import SlackPlatform
from bot.records import Block, BlockKind, CommandRequest, Document, Reply
from tests.platforms.slack_fake import DEFAULT_TOKEN, FakeSlackApi, clear_proxy_env
from tests.platforms.slack_socket_fake import FakeSocketMode
from tests.platforms.support import until

CHANNEL = "C1"
USER = "U1"


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_proxy_env(monkeypatch)


@pytest.fixture
def api() -> Iterator[FakeSlackApi]:
    with FakeSlackApi() as fake:
        fake.add_channel(CHANNEL, name="news")
        yield fake


@pytest.fixture
def socket(api: FakeSlackApi) -> Iterator[FakeSocketMode]:
    with FakeSocketMode(api) as fake:
        yield fake


class Commands:
    """Answers every command with its own name and arguments, and keeps what it was asked."""

    def __init__(self) -> None:
        self.seen: list[CommandRequest] = []

    async def __call__(self, request: CommandRequest) -> Reply:
        self.seen.append(request)
        text = f"answer to {request.name} {request.text}".strip()
        return Reply(Document((Block(BlockKind.TEXT, text=text),)))


@pytest.fixture
def commands() -> Commands:
    return Commands()


def socket_platform(
    api: FakeSlackApi, socket: FakeSocketMode, commands: Commands, *, app_token: str = ""
) -> SlackPlatform:
    settings = SlackSettings(
        enabled=True,
        bot_token=DEFAULT_TOKEN,
        app_token=app_token or socket.app_token,
        mode="socket",
        base_url=api.api_url,
    )
    return SlackPlatform(settings, on_command=commands)


@pytest.fixture
async def slack(
    api: FakeSlackApi, socket: FakeSocketMode, commands: Commands
) -> AsyncIterator[SlackPlatform]:
    platform = socket_platform(api, socket, commands)
    await platform.start()
    try:
        await until(lambda: socket.connected == 1, seconds=5)
        yield platform
    finally:
        await platform.stop()


async def slash(api: FakeSlackApi, socket: FakeSocketMode, text: str) -> str:
    """Push `/newsalert <text>`; check its ack; return the text posted to its response_url."""
    url = api.response_url(channel=CHANNEL)
    envelope_id = socket.send_slash_command(
        text, user_id=USER, channel_id=CHANNEL, response_url=url
    )
    await until(lambda: socket.ack(envelope_id), seconds=5)
    ack = socket.ack(envelope_id)
    assert ack is not None
    assert ack.seconds is not None
    assert ack.seconds < 3.0  # Slack shows the user an error when the ack is later
    await until(lambda: api.responses(url), seconds=5)
    (response,) = api.responses(url)
    assert not response.problems, response.problems
    return response.text or ""


@pytest.mark.usefixtures("slack")
async def test_slash_command_is_acked_and_answered_through_response_url(
    api: FakeSlackApi, socket: FakeSocketMode, commands: Commands
) -> None:
    assert "answer to help" in await slash(api, socket, "help")
    (request,) = commands.seen
    assert (request.name, request.chat.chat_id, request.user_id) == ("help", CHANNEL, USER)
    (ack,) = socket.acks()
    assert ack.payload is None  # bolt acks empty and answers through response_url
    assert socket.connections == 1


@pytest.mark.usefixtures("slack")
async def test_app_mention_gets_a_threaded_reply(
    api: FakeSlackApi, socket: FakeSocketMode, commands: Commands
) -> None:
    ts = "1700000123.000200"
    envelope_id = socket.send_app_mention(
        "subscribe strikes", user_id=USER, channel_id=CHANNEL, ts=ts
    )
    await until(lambda: api.messages(CHANNEL), seconds=5)
    (reply,) = api.messages(CHANNEL)
    assert reply.thread_ts == ts
    assert "answer to subscribe strikes" in str(reply.blocks)
    assert socket.ack(envelope_id) is not None
    (request,) = commands.seen
    assert (request.name, request.text) == ("subscribe", "strikes")


async def test_stop_closes_the_websocket_cleanly(
    api: FakeSlackApi, socket: FakeSocketMode, commands: Commands
) -> None:
    platform = socket_platform(api, socket, commands)
    await platform.start()
    await until(lambda: socket.connected == 1, seconds=5)
    opened = api.requests["apps.connections.open"]
    await platform.stop()
    await until(lambda: socket.connected == 0, seconds=5)
    assert socket.close_codes == (1000,)
    # Unclosed aiohttp sessions would surface here as warnings, which the suite makes errors.
    await asyncio.sleep(0.2)
    gc.collect()
    assert api.requests["apps.connections.open"] == opened  # and it did not reconnect
    assert socket.connections == 1


@pytest.mark.usefixtures("slack")
async def test_refresh_requested_disconnect_reconnects_and_keeps_answering(
    api: FakeSlackApi, socket: FakeSocketMode, commands: Commands
) -> None:
    opened = api.requests["apps.connections.open"]
    socket.disconnect("refresh_requested")
    await until(lambda: socket.connections == 2 and socket.connected == 1, seconds=5)
    assert api.requests["apps.connections.open"] == opened + 1  # a fresh URL, not the old one
    assert socket.close_codes == (1000,)  # the client left the old socket itself
    assert "answer to latest 3" in await slash(api, socket, "latest 3")
    assert [r.name for r in commands.seen] == ["latest"]


async def test_wrong_app_token_is_a_clear_error_at_start(
    api: FakeSlackApi, socket: FakeSocketMode, commands: Commands
) -> None:
    platform = socket_platform(api, socket, commands, app_token="xapp-1-A0FAKE-1-revoked")
    try:
        with pytest.raises(PlatformError, match="apps.connections.open"):
            await asyncio.wait_for(platform.start(), 2)
    finally:
        await platform.stop()
    assert socket.connections == 0
