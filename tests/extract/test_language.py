"""Language detection per article: English, Ukrainian, Russian, other, or undecided."""

from __future__ import annotations

import pytest

from bot.extract.language import detect_language
from bot.sources import parse_feed
from tests.paths import CORPUS, need


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A Russian missile hit Izium on Thursday, killing three, the governor said.", "en"),
        ("Внаслідок обстрілу Херсона загинули двоє людей, повідомив голова ОВА.", "uk"),
        ("В результате атаки беспилотников на Сумы погибли три человека.", "ru"),
        # Few letters peculiar to either language: the short words decide.
        ("Обстріл Херсона: загинули та поранені", "uk"),
        ("Обстрел Херсона: что известно", "ru"),
        ("Russische Truppen haben in der Nacht die Stadt Charkiw angegriffen.", "other"),
        ("Беларускія войскі ўзмацнілі мяжу.", "other"),  # Belarusian
        ("Russian forces shelled Kharkiv overnight", "en"),
        ("Kherson", "und"),
        ("12:45 — 2024", "und"),
        # A Ukrainian article quoting an English name stays Ukrainian.
        ("Президент Джо Байден (Joe Biden) заявив, що США нададуть допомогу Україні.", "uk"),
    ],
)
def test_detect_language(text: str, expected: str) -> None:
    assert detect_language(text) == expected


@pytest.mark.parametrize(
    ("feed", "expected", "share"),
    [
        ("Tehtehteh_data-import__tests_stubs_stub_unian_rss.xml", "uk", 0.9),
        # One headline mixes in a Ukrainian word ("ультрас і ошибки") and has no text.
        ("Tehtehteh_data-import__tests_stubs_stub_pravda_rss.xml", "ru", 0.9),
        ("Tehtehteh_data-import__tests_stubs_stub_liga_rss.xml", "ru", 0.9),
        ("MatipaM_web-services-ae2__src_rss_bbc.js.xml", "en", 0.9),
        ("rbren_rss-parser__test_input_heise.atom", "other", 0.9),
    ],
)
def test_real_feeds_items_get_their_outlets_language(
    feed: str, expected: str, share: float
) -> None:
    from datetime import UTC, datetime

    path = need(CORPUS / "feeds" / feed)
    items = parse_feed(path.read_bytes(), source_id="f", fetched_at=datetime.now(UTC))
    found = [detect_language(f"{a.title}\n{a.text}") for a in items]
    assert len(found) >= 2
    assert found.count(expected) / len(found) >= share, found
