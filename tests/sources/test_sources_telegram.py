"""Public Telegram channels through their preview pages, served on loopback: posts read with
their numbers, times and text, the cursor, paging back after a pause, edits, and a changed
page that fails loudly. The pages are written here after the real markup (see
telegram_pages.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from bot.config import parse_settings
from bot.errors import FeedParseError
from bot.records import SourceState
from bot.sources import build_source
from bot.sources.telegram import (
    TelegramChannelSource,
    channel_url,
    parse_channel_page,
    post_article,
)
from tests.sources.feedserver import FeedServer, Route
from tests.sources.telegram_pages import FakePost, changed_markup_page, preview_page

NOW = datetime(2024, 5, 20, 12, 0, tzinfo=UTC)
HTML = "text/html; charset=utf-8"
CHANNEL = "synegubov"


def posts(first: int, last: int, *, at: datetime = NOW) -> list[FakePost]:
    return [
        FakePost(
            n, f"Пост {n}\nУдар по Харкову, повідомлення {n}.", at - timedelta(minutes=last - n)
        )
        for n in range(first, last + 1)
    ]


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as c:
        yield c


def source(server: FeedServer, client: httpx.AsyncClient, **kw: int) -> TelegramChannelSource:
    return TelegramChannelSource(
        "kharkiv-ova", server.url(f"/s/{CHANNEL}"), client=client, max_body=1 << 20,
        clock=lambda: NOW, **kw,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("given", "url"),
    [
        ("synegubov", "https://t.me/s/synegubov"),
        ("@synegubov", "https://t.me/s/synegubov"),
        ("t.me/synegubov", "https://t.me/s/synegubov"),
        ("https://t.me/s/kpszsu/", "https://t.me/s/kpszsu"),
        ("https://telegram.me/kpszsu", "https://t.me/s/kpszsu"),
        ("a b", None),
        ("abc", None),  # too short to be a public name
        ("https://example.org/s/kpszsu", None),
    ],
)
def test_a_channel_is_named_as_people_write_it(given: str, url: str | None) -> None:
    assert channel_url(given) == url


def test_config_takes_a_channel_by_name_link_or_preview_url_on_any_host() -> None:
    settings = parse_settings(
        {
            "sources": [
                {"id": "a", "telegram_channel": "synegubov", "kind": "official", "side": "ua"},
                {"id": "b", "url": "https://t.me/kpszsu"},
                {"id": "c", "type": "telegram_channel", "url": "http://127.0.0.1:9/s/mirror"},
            ]
        }
    )
    a, b, c = settings.sources
    assert (a.type, a.url, a.kind, a.side) == (
        "telegram_channel",
        "https://t.me/s/synegubov",
        "official",
        "ua",
    )
    assert (b.type, b.url) == ("telegram_channel", "https://t.me/s/kpszsu")
    assert (c.type, c.url) == ("telegram_channel", "http://127.0.0.1:9/s/mirror")


def test_a_page_gives_each_posts_number_time_text_and_edit() -> None:
    page = preview_page(
        CHANNEL,
        [
            FakePost(1001, "Ворог атакував Харків.\nПоранено 3 людей.", NOW),
            FakePost(1002, "", NOW, photo_only=True),
            FakePost(1003, "Уточнення: поранено 5 людей.", NOW, edited=True),
        ],
        older=1001,
    )
    read = parse_channel_page(page, base_url=f"https://t.me/s/{CHANNEL}")
    assert [p.number for p in read.posts] == [1001, 1002, 1003]
    first, photo, edited = read.posts
    assert first.text == "Ворог атакував Харків.\nПоранено 3 людей."
    assert first.published == NOW
    assert first.url == f"https://t.me/{CHANNEL}/1001"
    assert not first.edited
    assert edited.edited
    assert read.older == f"https://t.me/s/{CHANNEL}?before=1001"
    article = post_article(first, source_id="kh", fetched_at=NOW)
    assert article is not None
    assert article.title == "Ворог атакував Харків."
    assert article.guid == f"tg:{CHANNEL}/1001"
    assert post_article(photo, source_id="kh", fetched_at=NOW) is None  # nothing to read
    edited_article = post_article(edited, source_id="kh", fetched_at=NOW)
    assert edited_article is not None
    assert edited_article.guid.startswith(f"tg:{CHANNEL}/1003#edit-")  # type: ignore[union-attr]


def test_a_changed_page_is_an_error_and_an_empty_channel_is_not() -> None:
    with pytest.raises(FeedParseError, match="markup changed"):
        parse_channel_page(changed_markup_page(), base_url="https://t.me/s/x")
    assert parse_channel_page(preview_page(CHANNEL, []), base_url="https://t.me/s/x").posts == ()
    blocks_without_times = preview_page(CHANNEL, posts(1, 2)).replace(b"<time", b"<span")
    with pytest.raises(FeedParseError, match="none with its number and time"):
        parse_channel_page(blocks_without_times, base_url="https://t.me/s/x")


async def test_polls_read_past_the_cursor_and_remember_the_newest(
    server: FeedServer, client: httpx.AsyncClient
) -> None:
    server.routes[f"/s/{CHANNEL}"] = Route(
        preview_page(CHANNEL, posts(101, 120), older=101), content_type=HTML
    )
    first = await source(server, client).fetch(SourceState("kharkiv-ova"))
    assert len(first.articles) == 20
    assert first.state.cursor == "120"

    server.routes[f"/s/{CHANNEL}"] = Route(
        preview_page(CHANNEL, posts(105, 124), older=105), content_type=HTML
    )
    second = await source(server, client).fetch(first.state)
    assert [a.guid for a in second.articles] == [f"tg:{CHANNEL}/{n}" for n in range(121, 125)]
    assert second.state.cursor == "124"


async def test_after_a_long_pause_it_pages_back_to_the_cursor_and_no_further(
    server: FeedServer, client: httpx.AsyncClient
) -> None:
    server.routes[f"/s/{CHANNEL}"] = Route(
        preview_page(CHANNEL, posts(141, 160), older=141), content_type=HTML
    )
    server.routes[f"/s/{CHANNEL}?before=141"] = Route(
        preview_page(CHANNEL, posts(121, 140), older=121), content_type=HTML
    )
    server.routes[f"/s/{CHANNEL}?before=121"] = Route(
        preview_page(CHANNEL, posts(101, 120), older=101), content_type=HTML
    )
    server.routes[f"/s/{CHANNEL}?before=101"] = Route(
        preview_page(CHANNEL, posts(81, 100), older=81), content_type=HTML
    )

    read = await source(server, client).fetch(SourceState("kharkiv-ova", cursor="110"))

    numbers = [int(str(a.guid).rsplit("/", 1)[1]) for a in read.articles]
    assert numbers == list(range(111, 161))
    asked = [r.path for r in server.requests]
    assert asked == [f"/s/{CHANNEL}", f"/s/{CHANNEL}?before=141", f"/s/{CHANNEL}?before=121"]
    assert read.state.cursor == "160"


async def test_paging_back_stops_at_its_limit(
    server: FeedServer, client: httpx.AsyncClient
) -> None:
    server.routes[f"/s/{CHANNEL}"] = Route(
        preview_page(CHANNEL, posts(141, 160), older=141), content_type=HTML
    )
    server.routes[f"/s/{CHANNEL}?before=141"] = Route(
        preview_page(CHANNEL, posts(121, 140), older=121), content_type=HTML
    )

    read = await source(server, client, max_pages=2).fetch(SourceState("kharkiv-ova", cursor="10"))

    assert len(read.articles) == 40
    assert len(server.requests) == 2


async def test_an_edited_post_before_the_cursor_comes_again_with_its_new_text(
    server: FeedServer, client: httpx.AsyncClient
) -> None:
    page = posts(101, 120)
    page[4] = FakePost(105, "Уточнення: загиблих 5.", NOW, edited=True)
    server.routes[f"/s/{CHANNEL}"] = Route(preview_page(CHANNEL, page), content_type=HTML)

    read = await source(server, client).fetch(SourceState("kharkiv-ova", cursor="120"))

    (edit,) = read.articles
    assert edit.text == "Уточнення: загиблих 5."
    assert str(edit.guid).startswith(f"tg:{CHANNEL}/105#edit-")


async def test_the_registry_builds_a_channel_source_from_config(
    server: FeedServer, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    (settings,) = parse_settings(
        {"sources": [{"id": "kh", "type": "telegram_channel", "url": server.url(f"/s/{CHANNEL}")}]}
    ).sources
    built = build_source(
        settings, client=client, base_dir=tmp_path, max_body=1 << 20, clock=lambda: NOW
    )
    assert isinstance(built, TelegramChannelSource)


def test_a_channel_is_polled_at_most_once_a_minute() -> None:
    from bot.errors import ConfigError

    with pytest.raises(ConfigError, match="at most once a minute"):
        parse_settings(
            {"sources": [{"id": "a", "telegram_channel": "synegubov", "interval": "30s"}]}
        )
    (ok,) = parse_settings(
        {"sources": [{"id": "a", "telegram_channel": "synegubov", "interval": "2m"}]}
    ).sources
    assert ok.interval is not None
