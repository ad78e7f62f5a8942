"""Property tests (issue 11): whatever arrives (a chat message, a config file, a feed body, an
article), the bot answers with a result or its own clear error, never another exception, and
its answers stay bounded.

Hypothesis generates the inputs; each property runs a bounded number of examples so the
suite stays fast, and a failing example is shrunk and printed for a regression test.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.alerts.filters import format_filter, parse_filter
from bot.commands import COMMANDS, CommandContext, dispatch
from bot.config.loader import parse_settings
from bot.config.schema import SeveritySettings
from bot.errors import ConfigError, FeedParseError, FilterError
from bot.extract import MAX_EVENTS, Extractor
from bot.extract.gazetteer import Gazetteer
from bot.extract.placeref import GazetteerResolver
from bot.records import Article, ChatRef, CommandRequest
from bot.sources import parse_feed
from bot.store.sql import open_store


@pytest.fixture(scope="session")
def resolver(gazetteer: Gazetteer) -> GazetteerResolver:
    return GazetteerResolver(gazetteer)


FUZZ = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# What people type: words of the filter language, places, numbers, and any text at all.
TOKENS = st.sampled_from(
    [
        "strikes", "evacuations", "nuclear", "in:", "in:kharkiv", "in:\"Kherson Oblast\"",
        "-", "min:", "min:urgent", "min:flash", "#", "12h", "3d", "99999999999999999999", "9" * 5000, "-5", "0",
        "Харків", "обстріл", "\"", "'", "«", "\u202e", "\x00", "🚀", "in:atlantis", ",", ":",
    ]
)  # fmt: skip
TYPED = st.one_of(
    st.text(max_size=200),
    st.lists(TOKENS, max_size=12).map(" ".join),
)


@given(text=TYPED)
@FUZZ
def test_the_filter_language_answers_with_a_filter_or_its_own_error(
    resolver: GazetteerResolver, text: str
) -> None:
    try:
        f = parse_filter(text, places=resolver)
    except FilterError as exc:
        error = str(exc)
    else:
        # What it understood reads back as a filter that means the same.
        assert parse_filter(format_filter(f), places=resolver) == f
        return
    assert error  # a message the user reads


@given(name=st.sampled_from(sorted(COMMANDS)), text=TYPED, operator=st.booleans())
@FUZZ
def test_every_command_answers_anything_briefly_and_never_fails(
    resolver: GazetteerResolver, tmp_path: Path, name: str, text: str, operator: bool
) -> None:
    async def answer() -> str:
        store = await open_store(f"sqlite+aiosqlite:///{tmp_path / 'fuzz.db'}")
        try:
            ctx = CommandContext(
                store=store,
                places=resolver,
                severity=SeveritySettings(),
                sources={"wire": "Wire"},
                clock=lambda: datetime(2026, 3, 10, 12, tzinfo=UTC),
                platform="telegram",
            )
            request = CommandRequest(
                chat=ChatRef("telegram", "1"),
                user_id="u",
                name=name,
                text=text,
                is_operator=operator,
            )
            reply = await dispatch(request, ctx)
        finally:
            await store.close()
        return "\n".join(b.text for b in reply.document.blocks)

    said = asyncio.run(answer())
    assert "something went wrong" not in said.lower()
    assert len(said) < 4000


CONFIG_VALUES: Any = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=30),
        st.sampled_from(["5m", "1h", "0s", ".inf", "-1", "sqlite://", "1e400", "${X}", "[]"]),
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(
            st.sampled_from(
                ["store", "url", "fetch", "timeout", "sources", "id", "interval", "severity",
                 "rules", "stories", "alerts", "retention", "ops", "logs", "port", "console",
                 "telegram", "token", "slack", "x"]
            ),
            children,
            max_size=4,
        ),
    ),
    max_leaves=12,
)  # fmt: skip


@given(data=CONFIG_VALUES)
@FUZZ
def test_a_config_is_settings_or_a_config_error(data: object) -> None:
    try:
        parse_settings(data, env={"X": "1"})
    except ConfigError as exc:
        error = str(exc)
    else:
        return
    assert error


FEED_BITS = st.sampled_from(
    [
        b'<?xml version="1.0"?>', b"<rss version=\"2.0\">", b"<channel>", b"<item>", b"</item>",
        b"<title>", b"</title>", b"<link>https://x.example/a</link>", b"<guid>", b"</guid>",
        b"<description><![CDATA[<p>Shelling of Kherson</p>]]></description>", b"&amp;",
        b"&nbsp;", b"<!DOCTYPE x [<!ENTITY a \"aaaa\">]>", b"&a;", b"<feed xmlns=\"http://www.w3.org/2005/Atom\">",
        b"<entry>", b"</entry>", b"{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [",
        b"{\"id\": \"1\", \"title\": \"\\ud800\"}", b"]}", b"\xff\xfe", b"\x00", b"</channel></rss>",
    ]
)  # fmt: skip


@given(body=st.one_of(st.binary(max_size=400), st.lists(FEED_BITS, max_size=16).map(b"".join)))
@FUZZ
def test_a_feed_body_is_articles_or_a_parse_error(body: bytes) -> None:
    try:
        articles = parse_feed(
            body,
            source_id="fuzz",
            fetched_at=datetime(2026, 3, 10, tzinfo=UTC),
            base_url="https://x.example/feed",
            content_type=None,
        )
    except FeedParseError as exc:
        articles, error = (), str(exc)
    else:
        error = "parsed"
    assert error  # a parse error says what is wrong
    for a in articles:
        a.title.encode("utf-8")  # storable and printable: no lone surrogates
        a.text.encode("utf-8")
        assert a.url is None or a.url.startswith(("http://", "https://"))


WORDS = st.sampled_from(
    [
        "Russian", "forces", "shelled", "Kherson", "Kharkiv", "killing", "two", "civilians",
        "injuring", "5", "more than 100", "evacuation", "from", "to", "Crimea", "missile",
        "drone", "strike", "on", "Monday", "governor", "said", "Обстріл", "Харкова", "загинули",
        "двоє", "погибли", "трое", ",", ".", "\n", "village", "Novoselivka", "Donetsk",
        "nuclear", "plant", "diesel", "power", "substation", "without", "1,500", "1 500",
    ]
)  # fmt: skip


@given(title=st.lists(WORDS, max_size=12).map(" ".join), body=st.one_of(
    st.lists(WORDS, max_size=80).map(" ".join), st.text(max_size=300)
))  # fmt: skip
@settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_extraction_returns_bounded_events_for_any_text(
    extractor: Extractor, title: str, body: str
) -> None:
    at = datetime(2026, 3, 10, 12, tzinfo=UTC)
    events = extractor.extract(Article("fuzz", None, None, title, body, at, at))
    assert len(events) <= MAX_EVENTS
    for e in events:
        for _, figure in e.figures:
            assert figure.value >= 0
