"""A Ukrainian speaker's whole experience through the real python-telegram-bot and the
loopback Bot API: the menu, replies and alerts in Ukrainian, and /lang en switching back."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from bot.app import App
from bot.config import parse_settings
from tests.platforms.support import EVACUATION, STRIKE, rss, until
from tests.platforms.telegram_fake import FakeBotApi
from tests.sources.feedserver import FeedServer, Route

CHAT = 100


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    with FakeBotApi() as api:
        api.add_chat(CHAT, "private")
        yield api


@pytest.fixture
async def app(tmp_path: Path, fake: FakeBotApi, feeds: FeedServer) -> AsyncIterator[App]:
    settings = parse_settings(
        {
            "store": {"url": f"sqlite+aiosqlite:///{tmp_path / 'tg.db'}"},
            "alerts": {"first_poll": "alert"},
            "telegram": {"token": "${TOKEN}", "base_url": fake.bot_url, "poll_timeout": "1s"},
            "sources": [{"id": "loop", "name": "Loop Wire", "url": feeds.url("/feed")}],
        },
        env={"TOKEN": fake.token},
    )
    application = await App.open(settings, base_dir=tmp_path, stream=io.StringIO())
    try:
        yield application
    finally:
        await application.close()


async def say(fake: FakeBotApi, text: str, *, language: str | None = "uk") -> str:
    before = len(fake.sent(CHAT))
    fake.push_command(CHAT, CHAT, text, language_code=language)
    await until(lambda: len(fake.sent(CHAT)) > before)
    return fake.sent(CHAT)[before].plain


async def test_a_ukrainian_speaker_reads_menu_replies_and_alerts_in_ukrainian(
    app: App, fake: FakeBotApi, feeds: FeedServer
) -> None:
    # The menu is published once per language: Ukrainian apps see Ukrainian descriptions.
    await until(lambda: bool(fake.commands(language_code="uk")))
    uk_menu = {c["command"]: c["description"] for c in fake.commands(language_code="uk")}
    en_menu = {c["command"]: c["description"] for c in fake.commands()}
    assert uk_menu["subscribe"].startswith("Отримувати сповіщення")
    assert en_menu["subscribe"].startswith("Get an alert here")
    assert uk_menu["lang"]
    assert "lang" in en_menu

    started = await say(fake, "/start")
    assert started.startswith("🔹 newsalert\nЯ читаю новини про війну")
    subscribed = await say(fake, "/subscribe все")
    assert subscribed.startswith("🔹 Підписку #1 створено")

    feeds.routes["/feed"] = Route(body=rss(STRIKE))
    await app.poll("loop")
    assert (await app.deliver()).sent == 1
    alert = fake.sent(CHAT)[-1].plain
    lines = alert.splitlines()
    assert lines[0] == "🟠 ТЕРМІНОВО · Удар · Харківська область"
    assert lines[1].startswith(
        "Ракетний удар: Харків (Харківська область) — 3 загиблих, 12 поранених"
    )
    assert "Історія #1 · 1 джерело · офіційно" in alert
    assert "відповідає вашій підписці #1: все" in alert
    assert "Київ" in alert  # the source line's time, in Kyiv's zone by default

    switched = await say(fake, "/lang en")
    assert switched.startswith("🔹 Language: English")
    feeds.routes["/feed"] = Route(body=rss(STRIKE, EVACUATION))
    await app.poll("loop")
    assert (await app.deliver()).sent == 1
    alert = fake.sent(CHAT)[-1].plain
    assert (
        alert.splitlines()[0] == "🟠 URGENT · Evacuation · Donetsk Oblast, Dnipropetrovsk Oblast"
    )
    assert "matches your subscription #1: all" in alert


async def test_sitrep_sends_its_map_as_a_photo_then_the_report(
    app: App, fake: FakeBotApi, feeds: FeedServer
) -> None:
    feeds.routes["/feed"] = Route(body=rss(STRIKE, EVACUATION))
    await app.poll("loop")

    report = await say(fake, "/sitrep Харківщина 48h")

    (photo,) = fake.photos(CHAT)
    assert photo.data.startswith(b"\x89PNG")
    assert (photo.width, photo.height) == (900, 620)
    # Telegram photos carry no alt text: the caption says what the map shows.
    assert photo.plain == (
        "Зведення · Харківська область · останні 2d\n"
        "Мапа: Харківська область; 1 випадок позначено точкою (Удар 1)."
    )
    assert report.startswith("🔹 Зведення · Харківська область · останні 2d")
    history = fake.history(CHAT)
    assert history.index(photo) < len(history) - 1  # the map comes first


async def test_a_channel_is_subscribed_by_a_command_posted_in_it(
    app: App, fake: FakeBotApi, feeds: FeedServer
) -> None:
    fake.add_chat(-1001234, "channel", title="Kharkiv alerts", username="kharkiv_alerts")
    fake.push_channel_post(-1001234, "/subscribe strikes in Kharkiv Oblast")
    await until(lambda: bool(fake.sent(-1001234)))
    assert fake.sent(-1001234)[0].plain.startswith("🔹 Subscribed #1")
    (sub,) = await app.store.subscriptions()
    assert sub.created_by == "channel:-1001234"

    feeds.routes["/feed"] = Route(body=rss(STRIKE))
    await app.poll("loop")
    assert (await app.deliver()).sent == 1
    alert = fake.sent(-1001234)[-1]
    assert "3 killed, 12 injured" in alert.plain
    # A channel's post that is no command is news for its readers, not for the bot.
    fake.push_channel_post(-1001234, "Air raid alert in Kharkiv")
    fake.push_channel_post(-1001234, "/help")
    await until(lambda: len(fake.sent(-1001234)) == 3)
    assert fake.sent(-1001234)[-1].plain.startswith("🔹 Commands")


async def test_a_shared_location_subscribes_the_chat_to_what_happens_near_it(
    app: App, fake: FakeBotApi, feeds: FeedServer
) -> None:
    # Chuhuiv, some 35 km south-east of Kharkiv: Kharkiv is out of a 25 km reach.
    fake.push_location(CHAT, CHAT, 49.8359, 36.6863)
    await until(lambda: bool(fake.sent(CHAT)))
    answer = fake.sent(CHAT)[0].plain
    assert answer.startswith("🔹 Subscribed #1")
    assert "near:49.8359,36.6863 25km" in answer
    (sub,) = await app.store.subscriptions()
    assert sub.filter.near is not None
    assert sub.filter.near.km == 25

    feeds.routes["/feed"] = Route(body=rss(STRIKE))  # Kharkiv
    await app.poll("loop")
    assert (await app.deliver()).sent == 0

    chuhuiv = (
        "c1",
        "Drones hit Chuhuiv",
        "Russian drones hit Chuhuiv overnight, injuring two people, the regional governor said.",
    )
    feeds.routes["/feed"] = Route(body=rss(STRIKE, chuhuiv))
    await app.poll("loop")
    assert (await app.deliver()).sent == 1
    alert = fake.sent(CHAT)[-1].plain
    assert "Chuhuiv" in alert
    assert "matches your subscription #1: near:49.8359,36.6863 25km" in alert

    # Typed, a place and a wider reach: Kharkiv is within 50 km of Chuhuiv.
    said = await say(fake, "/subscribe near:Chuhuiv 50km", language=None)
    assert "Subscribed #2" in said
    assert "near:Chuhuiv 50km" in said


async def test_the_subscribe_wizard_runs_on_buttons_in_one_message(
    app: App, fake: FakeBotApi, feeds: FeedServer
) -> None:
    first = await say(fake, "/subscribe")
    assert "Що відстежувати?" in first
    (wizard,) = fake.sent(CHAT)
    assert ("Удар", "wizard strike") in wizard.buttons[0] + wizard.buttons[1]

    async def press(data: str) -> None:
        before = len(fake.edits(CHAT))
        pushed = fake.push_callback_query(CHAT, CHAT, int(wizard.message_id), data)
        await until(lambda: len(fake.edits(CHAT)) > before)
        assert fake.answered(pushed.query_id or "")

    await press("wizard strike")
    assert fake.edits(CHAT)[-1].plain.endswith("Де?")
    regions = [label for row in fake.keyboard(CHAT, int(wizard.message_id)) for label, _ in row]
    assert regions[:2] == ["Уся Україна", "Черкаська область"]
    await press("wizard strike 07")
    assert fake.edits(CHAT)[-1].plain.endswith("Наскільки терміново?")
    await press("wizard strike 07 urgent")
    done = fake.edits(CHAT)[-1]
    assert done.plain.startswith(
        '🔹 Підписку #1 створено\nудари в:"Харківська область" мін:термінові'
    )
    assert done.buttons == []  # the last step leaves no buttons to press again
    assert len(fake.sent(CHAT)) == 1  # all in the one message
    (sub,) = await app.store.subscriptions()
    assert [p.name for p in sub.filter.places] == ["Kharkiv Oblast"]

    listed = await say(fake, "/subscriptions")
    assert "#1  удари" in listed
    (_, _, unsubscribe), *_ = [
        (label, m.message_id, data)
        for m in fake.sent(CHAT)[-1:]
        for row in m.buttons
        for label, data in row
    ]
    assert unsubscribe == "unsubscribe 1"
    fake.push_callback_query(CHAT, CHAT, int(fake.sent(CHAT)[-1].message_id), unsubscribe)
    await until(lambda: not fake.sent(CHAT)[-1].plain.startswith("🔹 Підписки тут"))
    assert fake.sent(CHAT)[-1].plain.startswith("🔹 Підписки скасовано: #1")
    assert await app.store.subscriptions() == ()
