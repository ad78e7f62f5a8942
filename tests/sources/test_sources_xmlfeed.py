"""The lxml reader directly: the namespaces and repairs parse_feed relies on."""

from __future__ import annotations

import pytest

from bot.errors import FeedParseError
from bot.sources.entry import Markup
from bot.sources.xmlfeed import read_xml_feed


def test_atom_0_3_issued_and_escaped_content() -> None:
    (entry,) = read_xml_feed(
        '<feed version="0.3" xmlns="http://purl.org/atom/ns#"><entry><title>Old atom</title>'
        '<link rel="alternate" href="http://a.example/1"/><id>tag:a,1</id>'
        "<issued>2005-01-01T00:00:00Z</issued>"
        '<content type="text/html" mode="escaped">&lt;p&gt;Hi&lt;/p&gt;</content></entry></feed>',
        None,
    )

    assert entry.title.value == "Old atom"
    assert entry.link == "http://a.example/1"
    assert entry.published == "2005-01-01T00:00:00Z"
    assert entry.content.value == "<p>Hi</p>"
    assert entry.content.markup is Markup.HTML


def test_prefixed_rss_namespace_is_still_rss() -> None:
    (entry,) = read_xml_feed(
        "<x:rss xmlns:x='urn:x'><x:channel><x:item><x:title>NS</x:title>"
        "<x:guid>g-1</x:guid></x:item></x:channel></x:rss>",
        None,
    )

    assert entry.title.value == "NS"
    assert entry.guid == "g-1"


def test_extension_titles_do_not_shadow_the_item_title() -> None:
    (entry,) = read_xml_feed(
        '<rss xmlns:media="http://search.yahoo.com/mrss/"><channel><item>'
        "<media:title>Photo caption</media:title><title>Real title</title>"
        "</item></channel></rss>",
        None,
    )

    assert entry.title.value == "Real title"


def test_relative_links_fall_back_to_the_channel_link() -> None:
    (entry,) = read_xml_feed(
        "<rss><channel><link>https://site.example/news/</link>"
        "<item><title>t</title><link>story-1</link></item></channel></rss>",
        None,
    )

    assert entry.link == "story-1"
    assert entry.base == "https://site.example/news/"


def test_inline_xhtml_in_description_is_kept_as_markup() -> None:
    (entry,) = read_xml_feed(
        "<rss><channel><item><description>Lead <p>para</p> tail</description></item>"
        "</channel></rss>",
        None,
    )

    assert entry.summary.value == "Lead <p>para</p> tail"


def test_empty_document() -> None:
    with pytest.raises(FeedParseError, match="not XML"):
        read_xml_feed("<", None)
