"""Telegram end to end: the real python-telegram-bot against the loopback fake Bot API.

A user sends /subscribe in a chat, a new item appears on a loopback feed server, and the
alert arrives in exactly the subscribed chats; commands, forum topics, blocked, migrated,
too-long, hostile-HTML, flood-controlled and failing sends each have a case here.
"""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import App
from bot.config import parse_settings
from bot.config.schema import TelegramSettings
from bot.platforms.pacing import Limits, Pacer
from bot.platforms.telegram import TelegramPlatform
from bot.records import Block, BlockKind, ChatRef, DeliveryStatus, Document, Reply, Severity
from tests.platforms.support import EVACUATION, SPORT, STRIKE, rss, until
from tests.platforms.telegram_fake import FakeBotApi
from tests.sources.feedserver import FeedServer, Route

OPERATOR = 999


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    with FakeBotApi() as api:
        yield api


@pytest.fixture
async def app(tmp_path: Path, fake: FakeBotApi, feeds: FeedServer) -> AsyncIterator[App]:
    settings = parse_settings(
        {
            "store": {"url": f"sqlite+aiosqlite:///{tmp_path / 'tg.db'}"},
            # Every poll here is news: the first-poll baseline has its own tests.
            "alerts": {"first_poll": "alert"},
            "telegram": {
                "token": "${TOKEN}",
                "base_url": fake.bot_url,
                "operators": [OPERATOR],
                "poll_timeout": "1s",
            },
            "sources": [{"id": "loop", "name": "Loop Wire", "url": feeds.url("/feed")}],
        },
        env={"TOKEN": fake.token},
    )
    application = await App.open(settings, base_dir=tmp_path, stream=io.StringIO())
    try:
        yield application
    finally:
        await application.close()


def texts(fake: FakeBotApi, chat_id: int) -> list[str]:
    return [m.plain for m in fake.sent(chat_id)]


async def command(fake: FakeBotApi, chat_id: int, user: int, text: str, **kw: object) -> str:
    """Send a command as a user and return the bot's (first) reply in that chat."""
    before = len(fake.sent(chat_id))
    fake.push_command(chat_id, user, text, **kw)  # type: ignore[arg-type]
    await until(lambda: len(fake.sent(chat_id)) > before)
    return fake.sent(chat_id)[before].plain


async def test_subscribe_then_alert_reaches_exactly_the_subscribed_chats(
    app: App, fake: FakeBotApi, feeds: FeedServer
) -> None:
    fake.add_chat(100, "private")
    fake.add_chat(-200, "supergroup", title="Newsroom")
    fake.add_chat(300, "private")
    assert "#1" in await command(fake, 100, 1, "/subscribe strikes in:kharkiv")
    assert "#2" in await command(fake, -200, 2, "/subscribe evacuations")
    menu = {c["command"] for c in fake.commands()}
    assert {"subscribe", "latest", "sitrep", "help"} <= menu

    feeds.routes["/feed"] = Route(body=rss(STRIKE, EVACUATION, SPORT))
    await app.poll("loop")
    drained = await app.deliver()
    assert drained.sent == 2

    (alert,) = fake.sent(100)[1:]
    assert alert.parse_mode == "HTML"
    assert "Kharkiv" in alert.plain
    assert "3 killed, 12 injured" in alert.plain
    assert "kills 3 & injures 12 — Loop Wire" in alert.plain  # escaped for HTML, shown as text
    assert "matches your subscription #1" in alert.plain
    group = fake.sent(-200)[1:]
    assert len(group) == 1
    assert "Druzhkivka" in group[0].plain
    assert texts(fake, 300) == []

    # A second poll of the same items alerts nobody again.
    await app.poll("loop")
    assert (await app.deliver()).sent == 0


async def test_commands_answer_in_the_chat(app: App, fake: FakeBotApi, feeds: FeedServer) -> None:
    fake.add_chat(100, "private")
    feeds.routes["/feed"] = Route(body=rss(STRIKE, EVACUATION))
    await app.poll("loop")

    assert "/subscribe" in await command(fake, 100, 1, "/help")
    assert "Kharkiv" in await command(fake, 100, 1, "/latest")
    assert "Druzhkivka" in await command(fake, 100, 1, "/search evacuation Druzhkivka")
    sitrep = await command(fake, 100, 1, "/sitrep Kharkiv Oblast 48h")
    assert "Kharkiv" in sitrep
    assert "strike" in sitrep.lower()
    await command(fake, 100, 1, "/subscribe strikes in:kharkiv -exercise")
    listed = await command(fake, 100, 1, "/subscriptions")
    assert "#1" in listed
    assert "in:" in listed
    assert "-exercise" in listed
    assert "1" in await command(fake, 100, 1, "/unsubscribe 1")
    assert "#1" not in await command(fake, 100, 1, "/subscriptions")
    bad = await command(fake, 100, 1, "/subscribe earthquakes in:atlantis")
    assert "Traceback" not in bad
    assert "subscribe" in bad.lower()
    assert "help" in (await command(fake, 100, 1, "/frobnicate")).lower()


async def test_operator_commands_are_for_operators_only(app: App, fake: FakeBotApi) -> None:
    fake.add_chat(100, "private")
    fake.add_chat(OPERATOR, "private")
    refusal = await command(fake, 100, 1, "/pause loop")
    assert "operator" in refusal.lower()
    assert not (await app.store.source_state("loop")).paused
    await command(fake, OPERATOR, OPERATOR, "/pause loop")
    assert (await app.store.source_state("loop")).paused
    report = await app.poll("loop")
    assert report.error == "paused"
    status = await command(fake, OPERATOR, OPERATOR, "/status")
    assert "sources" in status.lower()
    await command(fake, OPERATOR, OPERATOR, "/resume loop")
    assert not (await app.store.source_state("loop")).paused


async def test_forum_topic_subscription_delivers_to_that_topic(
    app: App, fake: FakeBotApi, feeds: FeedServer
) -> None:
    fake.add_chat(-300, "supergroup", is_forum=True, title="Desk")
    await command(fake, -300, 3, "/subscribe strikes", thread_id=7)
    feeds.routes["/feed"] = Route(body=rss(STRIKE))
    await app.poll("loop")
    await app.deliver()
    alert = fake.sent(-300)[-1]
    assert alert.thread_id == 7
    assert "Kharkiv" in alert.plain


async def test_blocked_chat_is_paused_not_retried(
    app: App, fake: FakeBotApi, feeds: FeedServer
) -> None:
    fake.add_chat(400, "private")
    await command(fake, 400, 4, "/subscribe all")
    fake.block(400)
    feeds.routes["/feed"] = Route(body=rss(STRIKE))
    await app.poll("loop")
    report = await app.deliver()
    assert report.failed == 1
    assert report.sent == 0
    (sub,) = await app.store.subscriptions(ChatRef("telegram", "400"))
    assert sub.paused
    assert await app.store.pending() == ()
    requests = fake.requests["sendMessage"]
    await app.deliver()
    assert fake.requests["sendMessage"] == requests  # no retry loop


async def test_migrated_group_follows_its_new_id(
    app: App, fake: FakeBotApi, feeds: FeedServer
) -> None:
    fake.add_chat(-500, "group")
    await command(fake, -500, 5, "/subscribe all")
    fake.migrate(-500, -100500)
    feeds.routes["/feed"] = Route(body=rss(STRIKE))
    await app.poll("loop")
    assert (await app.deliver()).sent == 1
    assert "Kharkiv" in fake.sent(-100500)[-1].plain
    assert await app.store.subscriptions(ChatRef("telegram", "-500")) == ()
    assert len(await app.store.subscriptions(ChatRef("telegram", "-100500"))) == 1


async def test_failing_api_is_retried_later_not_lost(
    app: App, fake: FakeBotApi, feeds: FeedServer
) -> None:
    fake.add_chat(600, "private")
    await command(fake, 600, 6, "/subscribe all")
    fake.set_failure("sendMessage", 502, "Bad Gateway", times=1)
    feeds.routes["/feed"] = Route(body=rss(STRIKE))
    await app.poll("loop")
    report = await app.deliver()
    assert report.retrying == 1
    assert report.sent == 0
    (waiting,) = await app.store.pending(now=datetime.now(UTC) + timedelta(hours=1))
    assert waiting.status is DeliveryStatus.PENDING
    assert "Bad Gateway" in (waiting.error or "")


def platform(fake: FakeBotApi, *, limits: Limits | None = None) -> TelegramPlatform:
    settings = TelegramSettings(token=fake.token, base_url=fake.bot_url)

    async def no_commands(request: object) -> Reply:
        return Reply(Document())

    pacer = Pacer(limits) if limits else None
    return TelegramPlatform(settings, on_command=no_commands, pacer=pacer)


async def test_too_long_document_is_split_and_every_part_accepted(fake: FakeBotApi) -> None:
    fake.add_chat(700, "private")
    tg = platform(fake)
    await tg.start()
    try:
        items = tuple(f"fact {i}: " + "x" * 400 for i in range(30))
        doc = Document(
            (Block(BlockKind.HEADING, text="Long"), Block(BlockKind.FACTS, items=items))
        )
        ids = await tg.send(ChatRef("telegram", "700"), doc, severity=Severity.ROUTINE)
    finally:
        await tg.stop()
    assert len(ids) >= 3
    seen = "".join(m.plain for m in fake.sent(700))
    assert all(f"fact {i}:" in seen for i in range(30))


async def test_flood_control_is_waited_out_never_dropped(fake: FakeBotApi) -> None:
    fake.add_chat(800, "private")
    # A pacer far faster than Telegram allows, so the fake's flood control must answer 429.
    tg = platform(fake, limits=Limits(overall_per_second=1000, per_chat_per_second=1000))
    await tg.start()
    try:
        chat = ChatRef("telegram", "800")
        for i in range(4):
            doc = Document((Block(BlockKind.TEXT, text=f"alert {i}"),))
            await tg.send(chat, doc, severity=Severity.URGENT)
    finally:
        await tg.stop()
    assert fake.rate_limited >= 1
    assert [m.plain for m in fake.sent(800)] == [f"alert {i}" for i in range(4)]


async def test_unknown_token_is_a_clear_start_error(fake: FakeBotApi) -> None:
    from bot.errors import PlatformError

    settings = TelegramSettings(token="42:" + "x" * 30, base_url=fake.bot_url)

    async def no_commands(request: object) -> Reply:
        return Reply(Document())

    tg = TelegramPlatform(settings, on_command=no_commands)
    with pytest.raises(PlatformError, match="token was refused"):
        await tg.start()


async def test_hostile_html_in_article_text_is_delivered_as_text(fake: FakeBotApi) -> None:
    fake.add_chat(900, "private")
    tg = platform(fake)
    await tg.start()
    try:
        doc = Document(
            (
                Block(BlockKind.HEADING, text="<b>unclosed & <i>tags", severity=Severity.FLASH),
                Block(BlockKind.TEXT, text='</a><a href="javascript:x">click</a> &amp;'),
            )
        )
        await tg.send(ChatRef("telegram", "900"), doc, severity=Severity.FLASH)
    finally:
        await tg.stop()
    (message,) = fake.sent(900)
    assert "<b>unclosed & <i>tags" in message.plain
    assert '<a href="javascript:x">click</a> &amp;' in message.plain


async def test_webhook_mode_checks_the_secret_token(fake: FakeBotApi) -> None:
    import json
    import socket

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    seen: list[str] = []

    async def on_command(request: object) -> Reply:
        seen.append(getattr(request, "text", ""))
        return Reply(Document((Block(BlockKind.TEXT, text="ok"),)))

    settings = TelegramSettings(
        token=fake.token,
        base_url=fake.bot_url,
        mode="webhook",
        webhook_url=f"http://127.0.0.1:{port}/",
        webhook_listen="127.0.0.1",
        webhook_port=port,
        webhook_secret="s3cret-token",
    )
    fake.add_chat(950, "private")
    tg = TelegramPlatform(settings, on_command=on_command)
    await tg.start()
    try:
        assert fake.webhook == f"http://127.0.0.1:{port}/"
        update = {
            "update_id": 1,
            "message": {
                "message_id": 1,
                "date": 0,
                "chat": {"id": 950, "type": "private"},
                "from": {"id": 5, "is_bot": False, "first_name": "A"},
                "text": "/latest 3",
                "entities": [{"type": "bot_command", "offset": 0, "length": 7}],
            },
        }
        body = json.dumps(update)
        headers = {"Content-Type": "application/json"}
        async with httpx.AsyncClient() as client:
            forged = await client.post(
                f"http://127.0.0.1:{port}/",
                content=body,
                headers={**headers, "X-Telegram-Bot-Api-Secret-Token": "wrong"},
            )
            assert forged.status_code == 403
            good = await client.post(
                f"http://127.0.0.1:{port}/",
                content=body,
                headers={**headers, "X-Telegram-Bot-Api-Secret-Token": "s3cret-token"},
            )
            assert good.status_code == 200
        await until(lambda: len(fake.sent(950)) == 1)
    finally:
        await tg.stop()
    assert seen == ["3"]
    assert fake.sent(950)[0].plain == "ok"


async def test_only_the_listening_worker_polls_updates_and_the_lead_can_move(
    fake: FakeBotApi,
) -> None:
    """Two workers' clients of one bot: a follower starts without polling getUpdates (a
    second poller would be refused with 409), and the lead moves by unlisten and listen."""
    fake.add_chat(910, "private")
    answered: list[str] = []

    def worker(name: str) -> TelegramPlatform:
        async def answer(request: object) -> Reply:
            answered.append(name)
            return Reply(Document((Block(BlockKind.TEXT, text=f"from {name}"),)))

        settings = TelegramSettings(token=fake.token, base_url=fake.bot_url, poll_timeout="1s")
        return TelegramPlatform(settings, on_command=answer)

    leader, follower = worker("leader"), worker("follower")
    await leader.start()
    await follower.start(listen=False)
    try:
        polls = fake.requests["getUpdates"]
        await command(fake, 910, 1, "/help")
        assert answered == ["leader"]
        # The follower can send all the same.
        note = Document((Block(BlockKind.TEXT, text="sent by the follower"),))
        await follower.send(ChatRef("telegram", "910"), note, severity=Severity.ROUTINE)
        assert fake.sent(910)[-1].plain == "sent by the follower"
        await leader.unlisten()
        await follower.listen()
        await command(fake, 910, 1, "/help")
        assert answered == ["leader", "follower"]
        assert fake.requests["getUpdates"] > polls
    finally:
        await leader.stop()
        await follower.stop()
