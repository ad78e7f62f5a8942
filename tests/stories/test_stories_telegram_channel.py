"""A public Telegram channel as a source, end to end: an oblast administration's posts on
loopback (pages written here after the real preview's markup) become stories and alerts in
a Telegram chat; an edited post that raises the toll updates the story; a long pause is
read back without alerting twice; a changed page shows as the source's error."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.app import App
from bot.config import parse_settings
from bot.records import ChatRef, EventKind, Filter, Verification
from tests.platforms.support import until
from tests.platforms.telegram_fake import FakeBotApi
from tests.sources.feedserver import FeedServer, Route, serving
from tests.sources.telegram_pages import FakePost, changed_markup_page, preview_page

CHAT = 100
CHANNEL = "synegubov"
PAGE = f"/s/{CHANNEL}"
HTML = "text/html; charset=utf-8"


@pytest.fixture(autouse=True)
def _env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture
def pages() -> Iterator[FeedServer]:
    with serving() as server:
        server.routes[PAGE] = Route(preview_page(CHANNEL, []), content_type=HTML)
        yield server


@pytest.fixture
def telegram() -> Iterator[FakeBotApi]:
    with FakeBotApi() as api:
        api.add_chat(CHAT, "private")
        yield api


@pytest.fixture
async def app(tmp_path: Path, telegram: FakeBotApi, pages: FeedServer) -> AsyncIterator[App]:
    config = {
        "store": {"url": f"sqlite+aiosqlite:///{tmp_path / 'channel.db'}"},
        "console": {"enabled": False},
        "telegram": {"token": "${TOKEN}", "base_url": telegram.bot_url, "poll_timeout": "1s"},
        "sources": [
            {
                "id": "kharkiv-ova",
                "name": "Kharkiv OVA",
                "type": "telegram_channel",
                "url": pages.url(PAGE),
                "kind": "official",
                "side": "ua",
                "language": "uk",
            }
        ],
    }
    opened = await App.open(
        parse_settings(config, env={"TOKEN": telegram.token}), base_dir=tmp_path
    )
    try:
        yield opened
    finally:
        await opened.close()


def post(number: int, text: str, minutes_ago: float, *, edited: bool = False) -> FakePost:
    return FakePost(number, text, datetime.now(UTC) - timedelta(minutes=minutes_ago), edited)


STRIKE = "Росіяни завдали ракетного удару по Харкову.\nПоранено 3 людей, серед них дитина."
EDITED = "Росіяни завдали ракетного удару по Харкову.\nПоранено 7 людей, серед них дитина."


async def _poll(app: App, pages: FeedServer, body: bytes) -> int:
    pages.routes[PAGE] = Route(body, content_type=HTML)
    await app.poll("kharkiv-ova")
    return (await app.deliver()).sent


async def test_a_channels_post_alerts_and_its_edit_updates_the_story(
    app: App, pages: FeedServer, telegram: FakeBotApi
) -> None:
    await app.poll("kharkiv-ova")  # the first poll: what the channel had is the past
    await app.store.add_subscription(
        ChatRef("telegram", str(CHAT)),
        Filter(kinds=(EventKind.STRIKE,)),
        "strikes",
        created_by="t",
    )
    assert await _poll(app, pages, preview_page(CHANNEL, [post(501, STRIKE, 30)])) == 1
    (card,) = telegram.sent(CHAT)
    assert "Kharkiv" in card.plain
    assert "3 injured" in card.plain
    assert "official" in card.plain  # the oblast administration's own channel

    # The post is edited: the toll rose. The same card is edited and answered.
    page = preview_page(CHANNEL, [post(501, EDITED, 30, edited=True)])
    assert await _poll(app, pages, page) == 1
    (edit,) = telegram.edits(CHAT)
    assert "7 injured" in edit.plain
    reply = telegram.sent(CHAT)[-1]
    assert reply.reply_to == card.message_id
    assert "Update: 7 injured (was 3)" in reply.plain
    # Seen again, the same edit is nothing new.
    assert await _poll(app, pages, page) == 0
    story = (await app.store.stories_of([2]))[2][0]
    assert story.verification is Verification.OFFICIAL


async def test_after_a_pause_older_pages_are_read_and_nothing_alerts_twice(
    app: App, pages: FeedServer, telegram: FakeBotApi
) -> None:
    await app.poll("kharkiv-ova")
    await app.store.add_subscription(
        ChatRef("telegram", str(CHAT)), Filter(), "all", created_by="t"
    )
    towns = ["Ізюм", "Куп'янськ", "Чугуїв", "Балаклія", "Лозова"]
    first = [post(600, "Обстріл міста Вовчанськ. Поранено 1 людину.", 300)]
    assert await _poll(app, pages, preview_page(CHANNEL, first)) == 1
    # While the bot was down the channel posted more than one page holds.
    later = [
        post(600 + i, f"Ракетний удар по місту {towns[i % 5]}. Поранено {i} людей.", 200 - i)
        for i in range(1, 26)
    ]
    pages.routes[f"{PAGE}?before=606"] = Route(
        preview_page(CHANNEL, first + later[:5], older=600), content_type=HTML
    )
    pages.routes[PAGE] = Route(preview_page(CHANNEL, later[5:], older=606), content_type=HTML)
    await app.poll("kharkiv-ova")
    await app.deliver()
    asked = [r.path for r in pages.requests]
    assert f"{PAGE}?before=606" in asked
    assert f"{PAGE}?before=600" not in asked  # the cursor was on that page: no further
    recorded = await app.store.search([["вовчанськ"]], limit=10)
    assert len({stored.id for stored, _ in recorded}) == 1  # the first post, once
    assert (await app.store.stats()).articles == 26  # every post, each once
    state = await app.store.source_state("kharkiv-ova")
    assert state.cursor == "625"
    # Polled again: nothing new, nothing sent twice.
    before = len(telegram.sent(CHAT))
    await app.poll("kharkiv-ova")
    assert (await app.deliver()).sent == 0
    assert len(telegram.sent(CHAT)) == before


async def test_a_changed_page_is_the_sources_error_and_a_good_page_recovers(
    app: App, pages: FeedServer, telegram: FakeBotApi
) -> None:
    await app.poll("kharkiv-ova")
    pages.routes[PAGE] = Route(changed_markup_page(), content_type=HTML)
    report = await app.poll("kharkiv-ova")
    assert report.error is not None
    assert "markup changed" in report.error
    state = await app.store.source_state("kharkiv-ova")
    assert state.consecutive_failures == 1
    assert "markup changed" in (state.last_error or "")
    telegram.push_command(CHAT, CHAT, "/sources")
    await until(lambda: bool(telegram.sent(CHAT)))
    assert "Kharkiv OVA: failing" in telegram.sent(CHAT)[-1].plain

    pages.routes[PAGE] = Route(preview_page(CHANNEL, [post(700, STRIKE, 5)]), content_type=HTML)
    report = await app.poll("kharkiv-ova")
    assert report.error is None
    assert (await app.store.source_state("kharkiv-ova")).consecutive_failures == 0


async def test_a_web_page_without_a_feed_alerts_its_new_item(
    tmp_path: Path, telegram: FakeBotApi, pages: FeedServer
) -> None:
    from tests.sources.web_pages import article, listing

    pages.routes["/ukraine"] = Route(
        listing([("/updates/229", "Update 229 – IAEA Director General Statement on Ukraine")]),
        content_type=HTML,
    )
    pages.routes["/updates/229"] = Route(
        article("Update 229", "IAEA experts continued their rotation at the site."),
        content_type=HTML,
    )
    config = {
        "store": {"url": f"sqlite+aiosqlite:///{tmp_path / 'page.db'}"},
        "console": {"enabled": False},
        "telegram": {"token": "${TOKEN}", "base_url": telegram.bot_url, "poll_timeout": "1s"},
        "sources": [
            {
                "id": "iaea",
                "name": "IAEA",
                "page": pages.url("/ukraine"),
                "page_mode": "list",  # a list with one item yet: "auto" would read it as a page
                "kind": "official",
            }
        ],
    }
    app = await App.open(parse_settings(config, env={"TOKEN": telegram.token}), base_dir=tmp_path)
    try:
        await app.poll("iaea")  # the first poll: the list as it stands is the past
        await app.store.add_subscription(
            ChatRef("telegram", str(CHAT)), Filter(), "all", created_by="t"
        )
        pages.routes["/ukraine"] = Route(
            listing(
                [
                    ("/updates/230", "Update 230 – Zaporizhzhia plant loses off-site power again"),
                    ("/updates/229", "Update 229 – IAEA Director General Statement on Ukraine"),
                ]
            ),
            content_type=HTML,
        )
        pages.routes["/updates/230"] = Route(
            article(
                "Update 230 – Zaporizhzhia plant loses off-site power again",
                "The Zaporizhzhia Nuclear Power Plant lost all off-site power for the eighth "
                "time and is running on emergency diesel generators, IAEA Director General "
                "Rafael Grossi said.",
                date=datetime.now(UTC).date().isoformat(),
            ),
            content_type=HTML,
        )
        await app.poll("iaea")
        assert (await app.deliver()).sent == 1
        (alert,) = telegram.sent(CHAT)
        assert alert.plain.startswith("🔴 FLASH · Nuclear safety")
        assert "diesel generators" in alert.plain
        assert "official" in alert.plain
    finally:
        await app.close()
