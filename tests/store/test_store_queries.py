"""Command queries on real databases: events in a window, word search, counts, pauses."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from bot.records import (
    Article,
    Block,
    BlockKind,
    Document,
    Filter,
    Severity,
    SourceState,
)
from bot.store import StoreStats
from bot.store.sql import SqlStore
from tests.store.support import CHAT, OTHER, T0, TOPIC, event

DOC = Document((Block(BlockKind.HEADING, "Strike"),))


def article(n: int, title: str, text: str = "", *, published: datetime | None = None) -> Article:
    return Article(
        source_id="ukrinform",
        guid=f"guid-{n}",
        url=f"https://example.org/{n}",
        title=title,
        text=text,
        published_at=published,
        fetched_at=T0,
    )


# --- events_since ----------------------------------------------------------------------------


async def test_events_since_uses_publication_else_fetch_time_newest_first(
    store: SqlStore,
) -> None:
    old, undated, recent = await store.record_articles(
        [
            article(1, "Old", published=T0 - timedelta(days=3)),
            article(2, "Undated"),  # counts as fetched at T0
            article(3, "Recent", published=T0 + timedelta(hours=2)),
        ]
    )
    await store.record_events(old.id, [event("old")])
    await store.record_events(undated.id, [event("undated one"), event("undated two")])
    await store.record_events(recent.id, [event("recent")])

    found = await store.events_since(T0 - timedelta(days=1), limit=10)
    assert [e.evidence for _, e in found] == ["recent", "undated two", "undated one"]
    assert found[0][0].article.title == "Recent"
    assert found[0][1] == event("recent")

    assert [e.evidence for _, e in await store.events_since(T0, limit=2)] == [
        "recent",
        "undated two",
    ]
    assert await store.events_since(T0 + timedelta(days=1), limit=10) == ()


async def test_events_since_without_texts_keeps_everything_but_the_article_text(
    store: SqlStore,
) -> None:
    (stored,) = await store.record_articles(
        [article(1, "Recent", "Shelling went on all night.", published=T0)]
    )
    await store.record_events(stored.id, [event("recent")])
    ((with_text, first),) = await store.events_since(T0, limit=10)
    ((light, second),) = await store.events_since(T0, limit=10, texts=False)
    assert with_text.article.text == "Shelling went on all night."
    assert light.article.text == ""
    assert light.article == replace(with_text.article, text="")
    assert (light.id, second) == (with_text.id, first)


# --- search ----------------------------------------------------------------------------------


async def test_search_needs_every_word_in_any_case_newest_first(store: SqlStore) -> None:
    a1, a2, a3, a4 = await store.record_articles(
        [
            article(1, "Drone attack on Kharkiv", "Power lines were hit.", published=T0),
            article(2, "KHARKIV: shelling", "A drone fell.", published=T0 + timedelta(hours=1)),
            article(3, "Odesa port", "Drone debris in the port.", published=T0),
            article(4, "Удар по Києву", "Пошкоджено енергетику.", published=T0),
        ]
    )
    await store.record_events(a1.id, [event("strike one"), event("strike two")])

    found = await store.search([("kharkiv",), ("DRONE",)], limit=10)
    assert [(s.id, e.evidence if e else None) for s, e in found] == [
        (a2.id, None),
        (a1.id, "strike one"),
        (a1.id, "strike two"),
    ]
    assert [s.id for s, _ in await store.search([("port",)], limit=10)] == [a3.id]
    # Cyrillic in the case it was written, and lower-cased as people type it.
    assert [s.id for s, _ in await store.search([("Києву",)], limit=10)] == [a4.id]
    assert [s.id for s, _ in await store.search([("києву",)], limit=10)] == [a4.id]
    assert await store.search([("kharkiv",), ("odesa",)], limit=10) == ()
    # A term is a word's forms, any of which will do; every term must be there.
    forms = ("київ", "києві", "києву")
    assert [s.id for s, _ in await store.search([forms], limit=10)] == [a4.id]
    assert [s.id for s, _ in await store.search([forms, ("енергет",)], limit=10)] == [a4.id]
    assert await store.search([forms, ("drone",)], limit=10) == ()
    # The limit counts articles, not events.
    limited = await store.search([("kharkiv",)], limit=2)
    assert [s.id for s, _ in limited] == [a2.id, a1.id, a1.id]
    assert [s.id for s, _ in await store.search([("kharkiv",)], limit=1)] == [a2.id]


@pytest.mark.parametrize("word", ["%", "_", "50%", "a_b", "\\", "/"])
async def test_search_treats_wildcards_as_plain_characters(store: SqlStore, word: str) -> None:
    (plain,) = await store.record_articles([article(1, "Nothing special here at all")])
    assert await store.search([(word,)], limit=10) == ()
    (literal,) = await store.record_articles([article(2, f"Prices up {word} today")])
    assert [s.id for s, _ in await store.search([(word,)], limit=10)] == [literal.id]
    assert plain.id != literal.id


async def test_search_without_words_finds_nothing(store: SqlStore) -> None:
    await store.record_articles([article(1, "Anything")])
    assert await store.search([], limit=10) == ()
    assert await store.search([("  ",)], limit=10) == ()


# --- sources ---------------------------------------------------------------------------------


async def test_set_source_paused_keeps_the_rest_of_the_health_row(store: SqlStore) -> None:
    failing = SourceState("bbc", etag='"x"', last_error="HTTP 503", error_count=4)
    await store.save_source_state(failing)

    paused = await store.set_source_paused("bbc", paused=True)
    assert paused == SourceState(
        "bbc", etag='"x"', last_error="HTTP 503", error_count=4, paused=True
    )
    assert await store.source_state("bbc") == paused
    assert await store.set_source_paused("bbc", paused=False) == failing

    # A source never polled yet gets a row holding only the flag.
    assert await store.set_source_paused("new", paused=True) == SourceState("new", paused=True)


# --- subscriptions and counts ----------------------------------------------------------------


async def test_paused_reasons_are_per_chat(store: SqlStore) -> None:
    first = await store.add_subscription(CHAT, Filter(), "all", created_by=None)
    topic = await store.add_subscription(TOPIC, Filter(), "all", created_by=None)
    await store.add_subscription(OTHER, Filter(), "all", created_by=None)
    assert await store.paused_reasons(CHAT) == {}

    await store.pause_chat(CHAT, "Forbidden: bot was blocked by the user")
    assert await store.paused_reasons(CHAT) == {first.id: "Forbidden: bot was blocked by the user"}
    assert await store.paused_reasons(TOPIC) == {
        topic.id: "Forbidden: bot was blocked by the user"
    }
    assert await store.paused_reasons(OTHER) == {}


async def test_stats_counts_every_table(store: SqlStore) -> None:
    assert await store.stats() == StoreStats(0, 0, 0, 0, 0, 0, 0, 0, 0)

    a1, a2, a3 = await store.record_articles([article(n, f"A{n}") for n in (1, 2, 3)])
    await store.record_events(a1.id, [event("one"), event("two")])
    await store.add_subscription(CHAT, Filter(), "all", created_by=None)
    await store.add_subscription(CHAT, Filter(), "strikes", created_by=None)
    await store.add_subscription(TOPIC, Filter(), "all", created_by=None)
    await store.add_subscription(OTHER, Filter(), "all", created_by=None)
    for item in (a1, a2, a3):
        queued = await store.enqueue(
            article_id=item.id,
            subscription_id=1,
            chat=OTHER,
            severity=Severity.URGENT,
            document=DOC,
        )
        assert queued is not None
        if item is a1:
            await store.mark_sent(queued.id, ["m1"], T0)
        if item is a2:
            await store.mark_failed(queued.id, "bad request", permanent=True, at=T0)
    await store.pause_chat(TOPIC, "Forbidden")

    assert await store.stats() == StoreStats(
        articles=3,
        events=2,
        subscriptions=4,
        paused_subscriptions=1,
        chats=3,
        paused_chats=1,
        pending_deliveries=1,
        sent_deliveries=1,
        failed_deliveries=1,
    )
