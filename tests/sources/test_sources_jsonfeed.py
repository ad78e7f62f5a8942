"""The JSON Feed reader directly."""

from __future__ import annotations

import pytest

from bot.errors import FeedParseError
from bot.sources.entry import Markup
from bot.sources.jsonfeed import read_json_feed


def test_items_that_are_not_objects_are_skipped_and_home_page_returned() -> None:
    entries, home = read_json_feed(
        '{"version": "https://jsonfeed.org/version/1.1", "home_page_url": "https://h.example/",'
        ' "items": [1, "x", {"id": 7, "title": "T", "content_text": "a < b"}]}'
    )

    assert home == "https://h.example/"
    (entry,) = entries
    assert entry.guid == "7"
    assert entry.content.value == "a < b"
    assert entry.content.markup is Markup.PLAIN


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[]", "not an object"),
        ('{"items": []}', "version is None"),
        ('{"version": "https://jsonfeed.org/version/1.1"}', "items is not a list"),
    ],
)
def test_not_a_json_feed(text: str, message: str) -> None:
    with pytest.raises(FeedParseError, match=message):
        read_json_feed(text)
