"""Quiet hours and digests end to end, with a controlled clock: the real python-telegram-bot
against the loopback Bot API. Alerts held at night come as one digest when the night ends;
a flash breaks through; a digest subscription gets one message at its time."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import App
from bot.config import parse_settings
from bot.i18n import zone_of
from tests.platforms.support import EVACUATION, STRIKE, rss, until
from tests.platforms.telegram_fake import FakeBotApi
from tests.sources.feedserver import FeedServer, Route

KYIV = zone_of("Europe/Kyiv")
NIGHT_OWL = 100  # quiet 23:00-07:00
MORNING = 200  # a daily digest at 08:00
NUCLEAR = (
    "n1",
    "Zaporizhzhia nuclear plant loses off-site power",
    "The Zaporizhzhia nuclear power plant lost off-site power overnight and is running on "
    "diesel generators, the IAEA said.",
)


class Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def clock() -> Clock:
    assert KYIV is not None
    return Clock(datetime(2024, 5, 21, 2, 0, tzinfo=KYIV).astimezone(UTC))


@pytest.fixture
def fake() -> Iterator[FakeBotApi]:
    with FakeBotApi() as api:
        api.add_chat(NIGHT_OWL, "private")
        api.add_chat(MORNING, "private")
        yield api


@pytest.fixture
async def app(
    tmp_path: Path, fake: FakeBotApi, feeds: FeedServer, clock: Clock
) -> AsyncIterator[App]:
    settings = parse_settings(
        {
            "store": {"url": f"sqlite+aiosqlite:///{tmp_path / 'tg.db'}"},
            "alerts": {"first_poll": "alert"},
            "telegram": {"token": "${TOKEN}", "base_url": fake.bot_url, "poll_timeout": "1s"},
            "sources": [{"id": "loop", "name": "Loop Wire", "url": feeds.url("/feed")}],
        },
        env={"TOKEN": fake.token},
    )
    application = await App.open(settings, base_dir=tmp_path, stream=io.StringIO(), clock=clock)
    try:
        yield application
    finally:
        await application.close()


async def say(fake: FakeBotApi, chat: int, text: str) -> str:
    before = len(fake.sent(chat))
    fake.push_command(chat, chat, text)
    await until(lambda: len(fake.sent(chat)) > before)
    return fake.sent(chat)[before].plain


async def test_quiet_hours_hold_alerts_for_one_digest_and_a_flash_breaks_through(
    app: App, fake: FakeBotApi, feeds: FeedServer, clock: Clock
) -> None:
    set_quiet = await say(fake, NIGHT_OWL, "/quiet 23:00-07:00")
    assert "Quiet hours: 23:00-07:00" in set_quiet
    assert "FLASH alerts still come at once" in set_quiet
    await say(fake, NIGHT_OWL, "/subscribe all")
    await say(fake, MORNING, "/subscribe all digest:daily 08:00")
    replies = {NIGHT_OWL: len(fake.sent(NIGHT_OWL)), MORNING: len(fake.sent(MORNING))}

    # 02:00 in Kyiv: a strike and an evacuation (urgent) wait; the plant (flash) does not.
    feeds.routes["/feed"] = Route(body=rss(STRIKE, EVACUATION, NUCLEAR))
    await app.poll("loop")
    assert (await app.deliver()).sent == 2  # the flash, once in each chat
    (flash,) = fake.sent(NIGHT_OWL)[replies[NIGHT_OWL] :]
    assert flash.plain.startswith("🔴 FLASH · Nuclear safety")
    (flash_too,) = fake.sent(MORNING)[replies[MORNING] :]
    assert flash_too.plain.startswith("🔴 FLASH · Nuclear safety")

    # 06:59: still night.
    clock.at += timedelta(hours=4, minutes=59)
    assert (await app.deliver()).sent == 0

    # 07:00: the night's two alerts as one message, grouped by region.
    clock.at += timedelta(minutes=1)
    assert (await app.deliver()).sent == 2
    (digest,) = fake.sent(NIGHT_OWL)[replies[NIGHT_OWL] + 1 :]
    lines = digest.plain.splitlines()
    assert lines[0] == "🟠 While this chat was quiet: 2 alerts"
    assert "Kharkiv Oblast" in lines
    assert "Donetsk Oblast" in lines
    assert any(line.startswith("• URGENT · Missile strike on Kharkiv") for line in lines)
    assert any("Evacuation from Druzhkivka" in line for line in lines)
    assert fake.sent(MORNING)[replies[MORNING] + 1 :] == []

    # 08:00: the daily digest, once.
    clock.at += timedelta(hours=1)
    assert (await app.deliver()).sent == 2
    (daily,) = fake.sent(MORNING)[replies[MORNING] + 1 :]
    assert daily.plain.startswith("🟠 Daily digest: 2 alerts")
    assert (await app.deliver()).sent == 0

    # Quiet hours off: the next alert comes at once, in the night too.
    assert "Quiet hours off" in await say(fake, NIGHT_OWL, "/quiet off")
