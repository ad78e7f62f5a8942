"""The feedparser fallback directly."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import FeedParseError
from bot.sources.loosefeed import read_loose_feed


def test_atom_without_namespace() -> None:
    (entry,) = read_loose_feed(
        b"<feed><entry><title>Atom no ns</title><link href='http://a.example/1'/></entry></feed>",
        content_type=None,
    )

    assert entry.title.value == "Atom no ns"
    assert entry.link == "http://a.example/1"


def test_a_body_that_names_a_file_is_not_opened(golden_feeds: Path) -> None:
    # feedparser opens a path it is handed as bytes; we hand it a stream instead.
    path = str(golden_feeds / "cdata-tolerant.rss").encode()

    with pytest.raises(FeedParseError, match="not a feed"):
        read_loose_feed(path, content_type=None)
