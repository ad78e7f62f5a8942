"""Slack end to end: slack-bolt and slack_sdk against the loopback fake Slack Web API.

Signed `/newsalert` requests arrive over real HTTP (HTTP mode), a new feed item becomes a
Block Kit alert in exactly the subscribed channels, every subcommand answers, forged
requests are refused, and archived, not-joined, unknown, oversize and rate-limited cases
each have a test. One config runs Telegram and Slack together.
"""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.app import App
from bot.config import parse_settings
from bot.config.schema import SlackSettings
from bot.errors import PlatformError
from bot.platforms.pacing import Limits, Pacer
from bot.platforms.slack import SlackPlatform
from bot.records import Block, BlockKind, ChatRef, Document, Reply, Severity
from tests.platforms.slack_fake import (
    DEFAULT_TOKEN,
    FakeSlackApi,
    clear_proxy_env,
    signed_app_mention,
    signed_slash_command,
)
from tests.platforms.support import EVACUATION, STRIKE, rss, until
from tests.sources.feedserver import FeedServer, Route

SECRET = "s3cret-signing"
OPERATOR = "UOPERATOR"


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_proxy_env(monkeypatch)


@pytest.fixture
def fake() -> Iterator[FakeSlackApi]:
    with FakeSlackApi() as api:
        for channel in ("C1", "C2", "C3", "C4"):
            api.add_channel(channel, name=channel.lower())
        yield api


def slack_config(fake: FakeSlackApi) -> dict[str, Any]:
    return {
        "enabled": True,
        "bot_token": "${SLACK_BOT_TOKEN}",
        "signing_secret": "${SLACK_SIGNING_SECRET}",
        "mode": "http",
        "http_listen": "127.0.0.1",
        "http_port": 0,
        "base_url": fake.api_url,
        "operators": [OPERATOR],
    }


ENV = {"SLACK_BOT_TOKEN": DEFAULT_TOKEN, "SLACK_SIGNING_SECRET": SECRET}


@pytest.fixture
async def app(tmp_path: Path, fake: FakeSlackApi, feeds: FeedServer) -> AsyncIterator[App]:
    settings = parse_settings(
        {
            "store": {"url": f"sqlite+aiosqlite:///{tmp_path / 'slack.db'}"},
            # Every poll here is news: the first-poll baseline has its own tests.
            "alerts": {"first_poll": "alert"},
            "slack": slack_config(fake),
            "sources": [{"id": "loop", "name": "Loop Wire", "url": feeds.url("/feed")}],
        },
        env=ENV,
    )
    application = await App.open(settings, base_dir=tmp_path, stream=io.StringIO())
    try:
        yield application
    finally:
        await application.close()


def events_url(app: App) -> str:
    platform = app.platforms["slack"]
    assert isinstance(platform, SlackPlatform)
    return f"http://127.0.0.1:{platform.port}/slack/events"


async def slash(
    app: App, fake: FakeSlackApi, text: str, *, channel: str = "C1", user: str = "U1"
) -> str:
    """Send a signed /newsalert command; return the text of the reply through response_url."""
    url = fake.response_url(channel=channel)
    body, headers = signed_slash_command(
        SECRET, text=text, user_id=user, channel_id=channel, response_url=url
    )
    async with httpx.AsyncClient() as client:
        ack = await client.post(events_url(app), content=body, headers=headers)
    assert ack.status_code == 200, ack.text
    await until(lambda: fake.responses(url))
    (response,) = fake.responses(url)[:1]
    assert not response.problems, response.problems
    return f"{response.text}\n{response.blocks}"


async def test_subscribe_then_block_kit_alert_in_exactly_those_channels(
    app: App, fake: FakeSlackApi, feeds: FeedServer
) -> None:
    assert "#1" in await slash(app, fake, "subscribe strikes in:kharkiv", channel="C1")
    assert "#2" in await slash(app, fake, "subscribe evacuations", channel="C2")
    feeds.routes["/feed"] = Route(body=rss(STRIKE, EVACUATION))
    await app.poll("loop")
    assert (await app.deliver()).sent == 2

    (alert,) = fake.messages("C1")
    assert not alert.problems, alert.problems
    header = alert.blocks[0]
    assert header["type"] == "header"
    assert "Strike" in header["text"]["text"]
    sections = " ".join(b["text"]["text"] for b in alert.blocks if b["type"] == "section")
    assert "3 killed, 12 injured" in sections
    context = " ".join(
        e["text"] for b in alert.blocks if b["type"] == "context" for e in b["elements"]
    )
    assert "<https://example.org/k1|" in context
    assert "&amp; injures 12" in context
    assert "matches your subscription #1" in context
    assert "Kharkiv" in (alert.text or "")  # the notification fallback
    (evacuation,) = fake.messages("C2")
    assert "Druzhkivka" in str(evacuation.blocks)
    assert fake.messages("C3") == []


async def test_a_channel_that_chose_ukrainian_gets_its_answers_and_alerts_in_ukrainian(
    app: App, fake: FakeSlackApi, feeds: FeedServer
) -> None:
    assert "Мова: Українська" in await slash(app, fake, "lang uk", channel="C1")
    assert "Підписку #1 створено" in await slash(app, fake, "subscribe удари в:Харківщина")
    assert "Subscribed #2" in await slash(app, fake, "subscribe strikes", channel="C2")
    feeds.routes["/feed"] = Route(body=rss(STRIKE))
    await app.poll("loop")
    assert (await app.deliver()).sent == 2

    (alert,) = fake.messages("C1")
    assert not alert.problems, alert.problems
    assert alert.blocks[0]["text"]["text"].endswith("ТЕРМІНОВО · Удар · Харківська область")
    sections = " ".join(b["text"]["text"] for b in alert.blocks if b["type"] == "section")
    assert "Ракетний удар: Харків (Харківська область) — 3 загиблих, 12 поранених" in sections
    (other,) = fake.messages("C2")
    assert "3 killed, 12 injured" in str(other.blocks)


async def test_sitrep_shares_its_map_with_alt_text_then_answers(
    app: App, fake: FakeSlackApi, feeds: FeedServer
) -> None:
    feeds.routes["/feed"] = Route(body=rss(STRIKE, EVACUATION))
    await app.poll("loop")

    answer = await slash(app, fake, "sitrep Kharkiv Oblast 48h", channel="C1")

    (shared,) = fake.files("C1")
    assert shared.data.startswith(b"\x89PNG")
    assert shared.filename == "sitrep-map.png"
    assert shared.title == "Sitrep · Kharkiv Oblast · last 2d"
    assert shared.alt_txt == "Map of Kharkiv Oblast: 1 incident as a dot (Strike 1)."
    assert "Sitrep · Kharkiv Oblast" in answer


async def test_a_map_slack_refuses_leaves_the_text_answer(
    app: App, fake: FakeSlackApi, feeds: FeedServer
) -> None:
    feeds.routes["/feed"] = Route(body=rss(STRIKE))
    await app.poll("loop")
    fake.fail_next("files.getUploadURLExternal", "not_in_channel")

    answer = await slash(app, fake, "sitrep Kharkiv Oblast 48h", channel="C1")

    assert fake.files("C1") == []
    assert "Sitrep · Kharkiv Oblast" in answer


async def test_a_raion_subscription_alerts_for_its_villages(
    app: App, fake: FakeSlackApi, feeds: FeedServer
) -> None:
    """The Slack equivalent of `/subscribe in:<raion>`: Klishchiivka, which GeoNames does
    not list, is in Bakhmut Raion; Robotyne is not."""
    assert "Bakhmut Raion" in await slash(app, fake, "subscribe in:bakhmut-raion", channel="C1")
    assert "Polohy Raion" in await slash(app, fake, "subscribe in:polohy-raion", channel="C2")
    feeds.routes["/feed"] = Route(
        body=rss(
            (
                "v1",
                "Shelling of Klishchiivka",
                "Russian artillery shelled Klishchiivka, south of Bakhmut, injuring 2 soldiers, "
                "the General Staff said.",
            )
        )
    )
    await app.poll("loop")
    assert (await app.deliver()).sent == 1
    (alert,) = fake.messages("C1")
    assert "Klishchiivka" in (alert.text or "")
    assert fake.messages("C2") == []


async def test_every_subcommand_answers(app: App, fake: FakeSlackApi, feeds: FeedServer) -> None:
    feeds.routes["/feed"] = Route(body=rss(STRIKE, EVACUATION))
    await app.poll("loop")
    assert "subscribe" in await slash(app, fake, "help")
    assert "subscribe" in await slash(app, fake, "")
    assert "Kharkiv" in await slash(app, fake, "latest 3")
    assert "Druzhkivka" in await slash(app, fake, "search evacuation Druzhkivka")
    assert "Kharkiv" in await slash(app, fake, "sitrep Kharkiv Oblast 48h")
    assert "#1" in await slash(app, fake, "subscribe strikes")
    assert "#1" in await slash(app, fake, "subscriptions")
    assert "1" in await slash(app, fake, "unsubscribe 1")
    assert "Loop Wire" in await slash(app, fake, "sources")
    assert "operator" in (await slash(app, fake, "status")).lower()
    assert "sources" in (await slash(app, fake, "status", user=OPERATOR)).lower()
    await slash(app, fake, "pause loop", user=OPERATOR)
    assert (await app.store.source_state("loop")).paused
    await slash(app, fake, "resume loop", user=OPERATOR)
    assert not (await app.store.source_state("loop")).paused


async def test_forged_or_stale_requests_are_refused(app: App, fake: FakeSlackApi) -> None:
    url = fake.response_url(channel="C1")
    body, headers = signed_slash_command(
        "not-the-secret", text="subscribe all", user_id="U1", channel_id="C1", response_url=url
    )
    stale_body, stale = signed_slash_command(
        SECRET,
        text="subscribe all",
        user_id="U1",
        channel_id="C1",
        response_url=url,
        timestamp=int(datetime.now(UTC).timestamp()) - 600,
    )
    async with httpx.AsyncClient() as client:
        assert (
            await client.post(events_url(app), content=body, headers=headers)
        ).status_code == 401
        forged = await client.post(events_url(app), content=stale_body, headers=stale)
        assert forged.status_code == 401
    assert await app.store.subscriptions() == ()


async def test_mention_with_a_subcommand_answers_in_the_thread(
    app: App, fake: FakeSlackApi
) -> None:
    body, headers = signed_app_mention(SECRET, text="help", user_id="U1", channel_id="C1")
    async with httpx.AsyncClient() as client:
        assert (
            await client.post(events_url(app), content=body, headers=headers)
        ).status_code == 200
    await until(lambda: fake.messages("C1"))
    (reply,) = fake.messages("C1")
    assert "subscribe" in str(reply.blocks)
    assert reply.thread_ts is not None


@pytest.mark.parametrize(
    ("break_channel", "error"),
    [
        (lambda f: f.archive("C4"), "is_archived"),
        (lambda f: f.kick("C4"), "not_in_channel"),
        (lambda f: None, "channel_not_found"),
    ],
)
async def test_unusable_channel_pauses_its_subscriptions(
    app: App,
    fake: FakeSlackApi,
    feeds: FeedServer,
    break_channel: Callable[[FakeSlackApi], None],
    error: str,
) -> None:
    channel = "C4" if error != "channel_not_found" else "C9"
    from bot.records import Filter

    await app.store.add_subscription(ChatRef("slack", channel), Filter(), "all", created_by="t")
    break_channel(fake)
    feeds.routes["/feed"] = Route(body=rss(STRIKE))
    await app.poll("loop")
    report = await app.deliver()
    assert (report.sent, report.failed) == (0, 1)
    (sub,) = await app.store.subscriptions(ChatRef("slack", channel))
    assert sub.paused
    posts = fake.requests["chat.postMessage"]
    await app.deliver()
    assert fake.requests["chat.postMessage"] == posts


def platform(fake: FakeSlackApi, *, limits: Limits | None = None) -> SlackPlatform:
    settings = SlackSettings(
        enabled=True,
        bot_token=DEFAULT_TOKEN,
        signing_secret=SECRET,
        mode="http",
        http_listen="127.0.0.1",
        http_port=0,
        base_url=fake.api_url,
    )

    async def no_commands(request: object) -> Reply:
        return Reply(Document())

    return SlackPlatform(settings, on_command=no_commands, pacer=Pacer(limits) if limits else None)


async def test_oversize_document_is_split_into_valid_messages(fake: FakeSlackApi) -> None:
    slack = platform(fake)
    await slack.start()
    try:
        items = tuple(f"fact {i}: " + "word " * 150 for i in range(60))
        doc = Document(
            (Block(BlockKind.HEADING, text="H " * 120), Block(BlockKind.FACTS, items=items))
        )
        ts = await slack.send(ChatRef("slack", "C1"), doc, severity=Severity.ROUTINE)
    finally:
        await slack.stop()
    posted = fake.messages("C1")
    assert len(ts) == len(posted) >= 2
    assert all(not p.problems and len(p.blocks) <= 50 for p in posted)
    seen = " ".join(str(p.blocks) for p in posted)
    assert all(f"fact {i}:" in seen for i in range(60))


async def test_rate_limit_is_waited_out_never_dropped(fake: FakeSlackApi) -> None:
    slack = platform(fake, limits=Limits(overall_per_second=1000, per_chat_per_second=1000))
    await slack.start()
    try:
        for i in range(4):
            doc = Document((Block(BlockKind.TEXT, text=f"alert {i}"),))
            await slack.send(ChatRef("slack", "C1"), doc, severity=Severity.URGENT)
    finally:
        await slack.stop()
    assert fake.rate_limited >= 1
    assert [p.blocks[0]["text"]["text"] for p in fake.messages("C1")] == [
        f"alert {i}" for i in range(4)
    ]


async def test_invalid_auth_at_start_is_a_clear_error(fake: FakeSlackApi) -> None:
    fake.revoke_token()
    slack = platform(fake)
    with pytest.raises(PlatformError, match="auth.test failed"):
        await slack.start()


async def test_telegram_and_slack_run_together_from_one_config(
    tmp_path: Path, fake: FakeSlackApi, feeds: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.platforms.telegram_fake import FakeBotApi

    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    with FakeBotApi() as tg:
        tg.add_chat(100, "private")
        settings = parse_settings(
            {
                "store": {"url": f"sqlite+aiosqlite:///{tmp_path / 'both.db'}"},
                # Every poll here is news: the first-poll baseline has its own tests.
                "alerts": {"first_poll": "alert"},
                "slack": slack_config(fake),
                "telegram": {"token": "${TG}", "base_url": tg.bot_url, "poll_timeout": "1s"},
                "sources": [{"id": "loop", "url": feeds.url("/feed")}],
            },
            env={**ENV, "TG": tg.token},
        )
        both = await App.open(settings, base_dir=tmp_path, stream=io.StringIO())
        try:
            assert set(both.platforms) == {"telegram", "slack"}
            await slash(both, fake, "subscribe strikes", channel="C1")
            tg.push_command(100, 1, "/subscribe strikes")
            await until(lambda: tg.sent(100))
            feeds.routes["/feed"] = Route(body=rss(STRIKE))
            await both.poll("loop")
            assert (await both.deliver()).sent == 2
        finally:
            await both.close()
        assert "Kharkiv" in tg.sent(100)[-1].plain
    assert "Kharkiv" in str(fake.messages("C1")[-1].blocks)
