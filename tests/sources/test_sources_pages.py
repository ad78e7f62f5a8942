"""Web pages without feeds, served on loopback: a news list's new links read as articles (a
few per poll, remembered), a page that is itself the article read again when its text
changes, and a page with neither an error. Pages written here (see web_pages.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest

from bot.config import parse_settings
from bot.errors import FeedParseError
from bot.records import SourceState
from bot.sources.pages import PageSource, listing_links
from tests.sources.feedserver import FeedServer, Route
from tests.sources.web_pages import article, empty_shell, listing

NOW = datetime(2024, 5, 20, 12, 0, tzinfo=UTC)
HTML = "text/html; charset=utf-8"
ITEMS = [
    (f"/news/{n}", f"Evacuation of families with children from Kupiansk, update {n}")
    for n in range(1, 6)
]


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient() as c:
        yield c


def serve_articles(server: FeedServer, items: list[tuple[str, str]]) -> None:
    for path, headline in items:
        number = path.rsplit("/", 1)[1]
        server.routes[path] = Route(
            article(
                headline,
                f"Authorities ordered the mandatory evacuation of {number}00 children and their "
                "parents from Kupiansk in Kharkiv Oblast, the regional administration said.",
                "Buses leave from the railway station every morning.",
            ),
            content_type=HTML,
        )


def source(
    server: FeedServer, client: httpx.AsyncClient, path: str = "/news", *, per_poll: int = 8
) -> PageSource:
    return PageSource(
        "ministry",
        server.url(path),
        client=client,
        max_body=1 << 20,
        clock=lambda: NOW,
        per_poll=per_poll,
    )


def test_config_takes_a_page() -> None:
    (page,) = parse_settings(
        {"sources": [{"id": "iaea", "page": "https://www.iaea.org/ukraine", "kind": "official"}]}
    ).sources
    assert (page.type, page.url, page.kind) == ("page", "https://www.iaea.org/ukraine", "official")


def test_headline_links_are_told_from_navigation_files_and_other_sites() -> None:
    links = listing_links(listing(ITEMS), base_url="https://mod.example/news")
    assert [link.url for link in links] == [f"https://mod.example{p}" for p, _ in ITEMS]
    assert links[0].text == ITEMS[0][1]


async def test_a_lists_new_links_are_read_as_articles_a_few_per_poll(
    server: FeedServer, client: httpx.AsyncClient
) -> None:
    server.routes["/news"] = Route(listing(ITEMS), content_type=HTML)
    serve_articles(server, ITEMS)

    first = await source(server, client, per_poll=3).fetch(SourceState("ministry"))

    assert [a.url for a in first.articles] == [server.url(p) for p, _ in ITEMS[:3]]
    read = first.articles[0]
    assert read.title == ITEMS[0][1]
    assert "mandatory evacuation of 100 children" in read.text
    assert "Privacy" not in read.text
    assert "Home" not in read.text
    # The next poll takes the rest, and nothing read before.
    second = await source(server, client, per_poll=3).fetch(first.state)
    assert [a.url for a in second.articles] == [server.url(p) for p, _ in ITEMS[3:]]
    third = await source(server, client, per_poll=3).fetch(second.state)
    assert third.articles == ()

    # A new item on top: that one alone is fetched.
    fresh = [("/news/6", "Shelling of Kupiansk: evacuation buses rerouted, update 6"), *ITEMS]
    server.routes["/news"] = Route(listing(fresh), content_type=HTML)
    serve_articles(server, fresh[:1])
    before = len(server.requests)
    fourth = await source(server, client, per_poll=3).fetch(third.state)
    assert [a.url for a in fourth.articles] == [server.url("/news/6")]
    assert [r.path for r in server.requests[before:]] == ["/news", "/news/6"]


async def test_a_link_whose_page_fails_is_tried_again_next_poll(
    server: FeedServer, client: httpx.AsyncClient
) -> None:
    server.routes["/news"] = Route(listing(ITEMS[:3]), content_type=HTML)
    serve_articles(server, ITEMS[1:3])  # /news/1 answers 404

    first = await source(server, client).fetch(SourceState("ministry"))
    assert [a.url for a in first.articles] == [server.url(p) for p, _ in ITEMS[1:3]]
    serve_articles(server, ITEMS[:1])
    second = await source(server, client).fetch(first.state)
    assert [a.url for a in second.articles] == [server.url("/news/1")]


async def test_a_page_that_is_the_article_is_read_again_when_its_text_changes(
    server: FeedServer, client: httpx.AsyncClient
) -> None:
    update = article(
        "Update 230 – IAEA Director General Statement on Situation in Ukraine",
        "The Zaporizhzhia Nuclear Power Plant lost all off-site power for the eighth time, "
        "forcing it to rely on emergency diesel generators, the Director General said.",
    )
    server.routes["/ukraine"] = Route(update, content_type=HTML)
    first = await source(server, client, "/ukraine").fetch(SourceState("iaea"))
    (read,) = first.articles
    assert read.title.startswith("Update 230")
    assert "diesel generators" in read.text
    assert (await source(server, client, "/ukraine").fetch(first.state)).articles == ()

    server.routes["/ukraine"] = Route(
        article("Update 231 – IAEA Director General Statement", "Off-site power was restored."),
        content_type=HTML,
    )
    (changed,) = (await source(server, client, "/ukraine").fetch(first.state)).articles
    assert changed.title.startswith("Update 231")
    assert changed.guid != read.guid


async def test_a_page_with_neither_links_nor_text_is_an_error(
    server: FeedServer, client: httpx.AsyncClient
) -> None:
    server.routes["/app"] = Route(empty_shell(), content_type=HTML)
    with pytest.raises(FeedParseError, match="neither headline links nor a main text"):
        await source(server, client, "/app").fetch(SourceState("x"))


async def test_the_operator_can_say_what_a_page_is(
    server: FeedServer, client: httpx.AsyncClient
) -> None:
    server.routes["/news"] = Route(listing(ITEMS[:1]), content_type=HTML)
    serve_articles(server, ITEMS[:1])
    # One link only: "auto" would take the page for an article; "list" reads its link.
    as_list = PageSource(
        "m", server.url("/news"), client=client, max_body=1 << 20, clock=lambda: NOW, mode="list"
    )
    (read,) = (await as_list.fetch(SourceState("m"))).articles
    assert read.url == server.url(ITEMS[0][0])
    server.routes["/news"] = Route(listing(ITEMS), content_type=HTML)
    as_page = PageSource(
        "m",
        server.url("/news"),
        client=client,
        max_body=1 << 20,
        clock=lambda: NOW,
        mode="article",
    )
    (whole,) = (await as_page.fetch(SourceState("m"))).articles
    assert whole.url == server.url("/news")
