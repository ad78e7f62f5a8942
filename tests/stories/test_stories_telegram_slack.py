"""Issue 10's scenario end to end: one strike reported by two outlets and updated once is one
alert and one update, in Telegram (edit + reply) and Slack (chat.update + thread), whatever
the language; a new source's backlog alerts nothing."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.app import App
from bot.config import parse_settings
from bot.records import ChatRef, EventKind, Filter
from tests.platforms.slack_fake import DEFAULT_TOKEN, FakeSlackApi, clear_proxy_env
from tests.platforms.support import until
from tests.platforms.telegram_fake import FakeBotApi
from tests.sources.feedserver import FeedServer, Route, serving
from tests.stories.scenario import empty_feed, old_items, report_feed

CHAT = 100
STRIKES = Filter(kinds=(EventKind.STRIKE,))


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    clear_proxy_env(monkeypatch)


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    with serving() as server:
        for path in ("/a", "/b"):
            server.routes[path] = Route(body=empty_feed())
        yield server


@pytest.fixture
def telegram() -> Iterator[FakeBotApi]:
    with FakeBotApi() as api:
        api.add_chat(CHAT, "private")
        yield api


@pytest.fixture
def slack() -> Iterator[FakeSlackApi]:
    with FakeSlackApi() as api:
        api.add_channel("C1", name="newsroom")
        yield api


def _settings(tmp_path: Path, feeds: FeedServer, **platform: Any) -> dict[str, Any]:
    return {
        "store": {"url": f"sqlite+aiosqlite:///{tmp_path / 'stories.db'}"},
        "console": {"enabled": False},
        "sources": [
            {"id": "outlet-a", "name": "Outlet A", "url": feeds.url("/a")},
            {"id": "outlet-b", "name": "Outlet B", "url": feeds.url("/b")},
        ],
        **platform,
    }


@pytest.fixture
async def tg_app(tmp_path: Path, telegram: FakeBotApi, feeds: FeedServer) -> AsyncIterator[App]:
    config = _settings(
        tmp_path,
        feeds,
        telegram={"token": "${TOKEN}", "base_url": telegram.bot_url, "poll_timeout": "1s"},
    )
    app = await App.open(parse_settings(config, env={"TOKEN": telegram.token}), base_dir=tmp_path)
    try:
        yield app
    finally:
        await app.close()


@pytest.fixture
async def slack_app(tmp_path: Path, slack: FakeSlackApi, feeds: FeedServer) -> AsyncIterator[App]:
    config = _settings(
        tmp_path,
        feeds,
        slack={
            "enabled": True,
            "bot_token": "${SLACK_BOT_TOKEN}",
            "signing_secret": "s3cret",
            "mode": "http",
            "http_listen": "127.0.0.1",
            "http_port": 0,
            "base_url": slack.api_url,
        },
    )
    app = await App.open(
        parse_settings(config, env={"SLACK_BOT_TOKEN": DEFAULT_TOKEN}),
        base_dir=tmp_path,
        stream=io.StringIO(),
    )
    try:
        yield app
    finally:
        await app.close()


async def _baseline(app: App) -> None:
    """Both sources polled once while empty: their later items are news."""
    for source in ("outlet-a", "outlet-b"):
        await app.poll(source)


async def _report(app: App, feeds: FeedServer, lang: str, index: int, at: datetime) -> int:
    outlet, body = report_feed(lang, index, at)
    feeds.routes[f"/{outlet}"] = Route(body=body)
    await app.poll(f"outlet-{outlet}")
    return (await app.deliver()).sent


@pytest.mark.parametrize("lang", ["en", "uk", "ru"])
async def test_telegram_one_alert_then_an_edit_and_a_reply_when_the_toll_rises(
    tg_app: App, telegram: FakeBotApi, feeds: FeedServer, lang: str
) -> None:
    await _baseline(tg_app)
    await tg_app.store.add_subscription(
        ChatRef("telegram", str(CHAT)), STRIKES, "strikes", created_by="t"
    )
    start = datetime.now(UTC) - timedelta(hours=2)
    assert await _report(tg_app, feeds, lang, 0, start) == 1
    # Outlet B, twenty minutes later, with the same facts: no message at all.
    assert await _report(tg_app, feeds, lang, 1, start + timedelta(minutes=20)) == 0
    (card,) = telegram.sent(CHAT)
    assert "3 killed" in card.plain
    assert telegram.edits(CHAT) == []
    # Outlet A in the afternoon: the toll rose.
    assert await _report(tg_app, feeds, lang, 2, start + timedelta(minutes=90)) == 1
    (edit,) = telegram.edits(CHAT)
    assert edit.message_id == card.message_id
    assert "5 killed" in edit.plain
    assert "3 killed" not in edit.plain
    assert "2 sources" in edit.plain
    first, reply = telegram.sent(CHAT)
    assert first.message_id == card.message_id  # no second card: the first was edited
    assert reply.reply_to == card.message_id
    assert "Update: 5 killed (was 3)" in reply.plain
    assert "2 sources" in reply.plain


@pytest.mark.parametrize("lang", ["en", "uk", "ru"])
async def test_slack_one_alert_then_chat_update_and_a_thread_reply(
    slack_app: App, slack: FakeSlackApi, feeds: FeedServer, lang: str
) -> None:
    await _baseline(slack_app)
    await slack_app.store.add_subscription(
        ChatRef("slack", "C1"), STRIKES, "strikes", created_by="t"
    )
    start = datetime.now(UTC) - timedelta(hours=2)
    assert await _report(slack_app, feeds, lang, 0, start) == 1
    assert await _report(slack_app, feeds, lang, 1, start + timedelta(minutes=20)) == 0
    (card,) = slack.messages("C1")
    assert "3 killed" in (card.text or "")
    assert await _report(slack_app, feeds, lang, 2, start + timedelta(minutes=90)) == 1
    (update,) = slack.updates("C1")
    assert update.ts == card.ts
    assert not update.problems, update.problems
    current = slack.message("C1", card.ts)
    assert current is not None
    assert "5 killed" in str(current)
    first, reply = slack.messages("C1")
    assert first.ts == card.ts  # no second card: the first was updated
    assert reply.thread_ts == card.ts
    assert "Update: 5 killed (was 3)" in (reply.text or "")


async def test_a_new_sources_backlog_alerts_nothing_but_its_next_item_does(
    tg_app: App, telegram: FakeBotApi, feeds: FeedServer
) -> None:
    await tg_app.store.add_subscription(
        ChatRef("telegram", str(CHAT)), Filter(), "all", created_by="t"
    )
    now = datetime.now(UTC)
    feeds.routes["/a"] = Route(body=old_items(50, now=now))
    report = await tg_app.poll("outlet-a")
    assert report.new_articles == 50
    assert (await tg_app.deliver()).sent == 0
    assert telegram.sent(CHAT) == []
    # The source's next poll brings one fresh item: that one alerts.
    outlet, body = report_feed("en", 0, now - timedelta(minutes=5))
    feeds.routes["/a"] = Route(body=body)
    await tg_app.poll("outlet-a")
    assert (await tg_app.deliver()).sent == 1
    await until(lambda: telegram.sent(CHAT))
    assert "Kharkiv" in telegram.sent(CHAT)[0].plain


async def test_telegram_edit_of_a_missing_message_is_message_gone_and_same_text_is_fine(
    tg_app: App, telegram: FakeBotApi
) -> None:
    from bot.errors import MessageGone
    from bot.records import Block, BlockKind, Document, Severity

    platform = tg_app.platforms["telegram"]
    doc = Document((Block(BlockKind.TEXT, text="Strike on Kharkiv: 3 killed"),))
    (sent,) = await platform.send(ChatRef("telegram", str(CHAT)), doc, severity=Severity.URGENT)
    # Editing to what it already shows is not an error ("message is not modified").
    await platform.edit(ChatRef("telegram", str(CHAT)), (sent,), doc)
    with pytest.raises(MessageGone):
        await platform.edit(ChatRef("telegram", str(CHAT)), ("999999",), doc)


async def test_slack_update_of_a_missing_message_is_message_gone(
    slack_app: App, slack: FakeSlackApi
) -> None:
    from bot.errors import MessageGone
    from bot.records import Block, BlockKind, Document

    platform = slack_app.platforms["slack"]
    doc = Document((Block(BlockKind.TEXT, text="Strike on Kharkiv: 3 killed"),))
    with pytest.raises(MessageGone):
        await platform.edit(ChatRef("slack", "C1"), ("1234.000001",), doc)


async def test_telegram_mute_this_story_stops_its_update_in_that_chat_only(
    tg_app: App, telegram: FakeBotApi, feeds: FeedServer
) -> None:
    telegram.add_chat(300, "private")
    await _baseline(tg_app)
    for chat in (CHAT, 300):
        await tg_app.store.add_subscription(
            ChatRef("telegram", str(chat)), STRIKES, "strikes", created_by="t"
        )
    start = datetime.now(UTC) - timedelta(hours=2)
    assert await _report(tg_app, feeds, "en", 0, start) == 2
    (card,) = telegram.sent(CHAT)
    assert [label for row in card.buttons for label, _ in row] == [
        "Mute this story",
        "More like this",
    ]
    (mute_action,) = [
        data for row in card.buttons for label, data in row if label.startswith("Mute")
    ]
    assert mute_action == "mute 1"

    pushed = telegram.push_callback_query(CHAT, CHAT, int(card.message_id), mute_action)
    await until(lambda: len(telegram.sent(CHAT)) == 2)
    assert telegram.answered(pushed.query_id or "")
    assert telegram.sent(CHAT)[1].plain == "Story #1 muted: its updates no longer come here."

    # The toll rises: the chat that muted hears nothing; the other gets its edit and reply.
    assert await _report(tg_app, feeds, "en", 2, start + timedelta(minutes=90)) == 1
    assert telegram.edits(CHAT) == []
    assert len(telegram.sent(CHAT)) == 2
    assert len(telegram.edits(300)) == 1
    # The edited card keeps its buttons.
    (edit,) = telegram.edits(300)
    assert [label for row in edit.buttons for label, _ in row] == [
        "Mute this story",
        "More like this",
    ]


async def test_telegram_more_like_this_answers_with_the_latest_and_a_subscribe_button(
    tg_app: App, telegram: FakeBotApi, feeds: FeedServer
) -> None:
    await _baseline(tg_app)
    await tg_app.store.add_subscription(
        ChatRef("telegram", str(CHAT)), STRIKES, "strikes", created_by="t"
    )
    start = datetime.now(UTC) - timedelta(hours=2)
    assert await _report(tg_app, feeds, "en", 0, start) == 1
    (card,) = telegram.sent(CHAT)
    telegram.push_callback_query(CHAT, CHAT, int(card.message_id), "more 1")
    await until(lambda: len(telegram.sent(CHAT)) == 2)
    more = telegram.sent(CHAT)[1]
    assert more.plain.startswith('🔹 Latest 1 event · strikes in:"Kharkiv Oblast"')
    assert more.buttons == [
        [('Subscribe: strikes in:"Kharkiv Oblast"', 'subscribe strikes in:"Kharkiv Oblast"')]
    ]
    telegram.push_callback_query(CHAT, CHAT, int(more.message_id), more.buttons[0][0][1])
    await until(lambda: len(telegram.sent(CHAT)) == 3)
    assert telegram.sent(CHAT)[2].plain.startswith("🔹 Subscribed #2")


async def test_slack_buttons_mute_a_story_from_its_alert(
    slack_app: App, slack: FakeSlackApi, feeds: FeedServer
) -> None:
    from bot.platforms.slack import SlackPlatform

    platform = slack_app.platforms["slack"]
    assert isinstance(platform, SlackPlatform)
    await _baseline(slack_app)
    await slack_app.store.add_subscription(
        ChatRef("slack", "C1"), STRIKES, "strikes", created_by="t"
    )
    start = datetime.now(UTC) - timedelta(hours=2)
    assert await _report(slack_app, feeds, "en", 0, start) == 1
    (card,) = slack.messages("C1")
    actions = [b for b in card.blocks if b["type"] == "actions"]
    assert [e["value"] for e in actions[0]["elements"]] == ["mute 1", "more 1"]

    press = slack.press_button(
        "s3cret", user_id="U1", channel_id="C1", message_ts=card.ts, action_id="newsalert_0"
    )
    async with httpx.AsyncClient() as client:
        answer = await client.post(
            f"http://127.0.0.1:{platform.port}/slack/events",
            content=press.body,
            headers=press.headers,
        )
    assert answer.status_code == 200
    await until(lambda: slack.responses(press.response_url))
    (said,) = slack.responses(press.response_url)
    assert "Story #1 muted" in (said.text or "")
    assert await slack_app.store.muted_chats(1) == frozenset({ChatRef("slack", "C1")})
    assert await _report(slack_app, feeds, "en", 2, start + timedelta(minutes=90)) == 0


async def test_slack_the_wizard_steps_replace_their_message_until_subscribed(
    slack_app: App, slack: FakeSlackApi
) -> None:
    from bot.commands.buttons import wizard_start
    from bot.commands.context import CommandContext
    from bot.platforms.slack import SlackPlatform
    from bot.records import Severity

    platform = slack_app.platforms["slack"]
    assert isinstance(platform, SlackPlatform)
    ctx = CommandContext(
        store=slack_app.store,
        places=slack_app.resolver,
        severity=slack_app.settings.severity,
        sources={},
        clock=lambda: datetime.now(UTC),
        platform="slack",
    )
    # The wizard's first step, as a channel message with its buttons.
    (ts,) = await platform.send(
        ChatRef("slack", "C1"), wizard_start(ctx).document, severity=Severity.ROUTINE
    )

    async def press(value: str) -> str:
        message = slack.message("C1", ts)
        assert message is not None
        (action_id,) = [
            e["action_id"]
            for b in message["blocks"]
            if b["type"] == "actions"
            for e in b["elements"]
            if e["value"] == value
        ]
        pressed = slack.press_button(
            "s3cret", user_id="U1", channel_id="C1", message_ts=ts, action_id=action_id
        )
        async with httpx.AsyncClient() as client:
            answer = await client.post(
                f"http://127.0.0.1:{platform.port}/slack/events",
                content=pressed.body,
                headers=pressed.headers,
            )
        assert answer.status_code == 200
        await until(lambda: slack.responses(pressed.response_url))
        now = slack.message("C1", ts)
        assert now is not None
        return str(now)

    assert "Where?" in await press("wizard strike")
    assert "How urgent?" in await press("wizard strike 07")
    assert "Subscribed #1" in await press("wizard strike 07 flash")
    (sub,) = await slack_app.store.subscriptions()
    assert sub.chat == ChatRef("slack", "C1")
    assert sub.filter.min_severity is Severity.FLASH
    assert len(slack.messages("C1")) == 1  # every step in the one message
