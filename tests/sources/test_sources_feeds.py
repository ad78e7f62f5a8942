"""parse_feed on the real corpus feeds, the golden feeds and bodies that are not feeds."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.errors import FeedParseError
from bot.records import Article
from bot.sources import parse_feed
from bot.sources.feeds import parse_feed_since

FETCHED = datetime(2026, 1, 1, tzinfo=UTC)


def _parse(path: Path, **kwargs: str) -> tuple[Article, ...]:
    return parse_feed(path.read_bytes(), source_id="test", fetched_at=FETCHED, **kwargs)


@pytest.mark.parametrize(
    ("name", "count", "undated"),
    [
        ("MatipaM_web-services-ae2__src_rss_bbc.js.xml", 54, 0),
        ("MatipaM_web-services-ae2__src_rss_cnn.js.xml", 69, 16),
        ("MatipaM_web-services-ae2__src_rss_nytimes.js.xml", 60, 0),
        ("Tehtehteh_data-import__tests_stubs_stub_liga_rss.xml", 20, 0),
        ("Tehtehteh_data-import__tests_stubs_stub_pravda_rss.xml", 20, 0),
        ("Tehtehteh_data-import__tests_stubs_stub_ukranews_rss.xml", 2, 0),
        ("Tehtehteh_data-import__tests_stubs_stub_unian_rss.xml", 50, 0),
        ("rbren_rss-parser__test_input_content-encoded.rss", 7, 0),
        ("rbren_rss-parser__test_input_encoding.rss", 40, 0),
        ("rbren_rss-parser__test_input_feedburner.atom", 25, 0),
        ("rbren_rss-parser__test_input_guardian.rss", 55, 0),
        ("rbren_rss-parser__test_input_heise.atom", 15, 0),
        ("rbren_rss-parser__test_input_reddit.rss", 24, 0),
        ("rbren_rss-parser__test_input_rss-1.rss", 69, 0),
        ("rbren_rss-parser__test_input_uolNoticias.rss", 15, 0),
    ],
)
def test_every_corpus_feed_parses(corpus_feeds: Path, name: str, count: int, undated: int) -> None:
    articles = _parse(corpus_feeds / name)

    assert len(articles) == count
    # CNN's live-blog items carry neither a date nor a description.
    assert sum(a.published_at is None for a in articles) == undated
    for a in articles:
        assert a.title, a
        assert a.url is not None, a
        assert a.url.startswith(("http://", "https://")), a
        assert "#" not in a.url
        assert "utm_" not in a.url
        if a.published_at is not None:
            assert a.published_at.tzinfo is UTC
            assert a.published_at <= FETCHED
        assert "<" not in a.title
        assert "&amp;" not in a.title
        assert a.source_id == "test"
        assert a.fetched_at == FETCHED


def test_bbc_items_keep_order_and_cdata_padding_is_trimmed(corpus_feeds: Path) -> None:
    articles = _parse(corpus_feeds / "MatipaM_web-services-ae2__src_rss_bbc.js.xml")

    kursk = next(a for a in articles if "Kursk" in a.title)
    assert kursk.title == "Third day of fighting in Kursk region, Russia says"
    assert kursk.text.startswith("Without mentioning the incursion")
    assert kursk.url == "https://www.bbc.com/news/articles/cy0ngzg9754o"
    assert kursk.guid == "https://www.bbc.com/news/articles/cy0ngzg9754o#0"
    assert kursk.published_at == datetime(2024, 8, 8, 16, 32, 41, tzinfo=UTC)


def test_pravda_windows_1251_is_decoded(corpus_feeds: Path) -> None:
    articles = _parse(corpus_feeds / "Tehtehteh_data-import__tests_stubs_stub_pravda_rss.xml")

    assert articles[0].title == 'День сердца: инфаркты и инсульты значительно "помолодели"'
    assert articles[0].text.startswith("Этот день проходит под девизом")
    assert articles[0].published_at == datetime(2020, 9, 29, 12, 0, tzinfo=UTC)


def test_unian_utf8_cyrillic_and_offset_dates(corpus_feeds: Path) -> None:
    articles = _parse(corpus_feeds / "Tehtehteh_data-import__tests_stubs_stub_unian_rss.xml")

    assert articles[0].title.startswith('"Зір вдалося зберегти": у Дніпрі лікарі рятують сапера')
    # 16:35:12 +0300 is 13:35:12 UTC.
    assert articles[0].published_at == datetime(2020, 9, 28, 13, 35, 12, tzinfo=UTC)


def test_ukranews_default_namespace_and_double_escaped_full_text(corpus_feeds: Path) -> None:
    articles = _parse(corpus_feeds / "Tehtehteh_data-import__tests_stubs_stub_ukranews_rss.xml")

    first = articles[0]
    assert first.title == "Херсонский губернатор Гусев купил квартиру в кредит"
    assert first.url == (
        "https://ukranews.com/news/728743-gubernator-hersonshhiny-gusev-kupil-kvartiru-v-kredit"
    )
    # yandex:full-text beats the description, and its escaped <p>s become paragraphs.
    assert first.text.startswith("Глава Херсонской обладминистрации Юрий Гусев купил")
    assert "\n\n" in first.text
    assert "<p>" not in first.text


def test_uol_latin1_without_declaration(corpus_feeds: Path) -> None:
    articles = _parse(corpus_feeds / "rbren_rss-parser__test_input_uolNoticias.rss")

    assert "simulações" in articles[0].title
    # Portuguese day and month names: "Seg, 24 Set 2018 19:42:40 -0300".
    assert articles[0].published_at == datetime(2018, 9, 24, 22, 42, 40, tzinfo=UTC)


def test_jn_declared_iso_8859_1(corpus_feeds: Path) -> None:
    articles = _parse(corpus_feeds / "rbren_rss-parser__test_input_encoding.rss")

    assert articles[0].title == "Mãe de utente é a nova presidente da Raríssimas"


def test_rss_1_rdf_items(corpus_feeds: Path) -> None:
    articles = _parse(corpus_feeds / "rbren_rss-parser__test_input_rss-1.rss")

    assert articles[0].title == "Food for fungi"
    assert (
        articles[0].guid == "http://science.sciencemag.org/cgi/content/short/356/6343/1134-a?rss=1"
    )
    assert articles[0].published_at == datetime(2017, 6, 15, 17, 29, 47, tzinfo=UTC)


def test_atom_entries_prefer_published_and_alternate_link(corpus_feeds: Path) -> None:
    articles = _parse(corpus_feeds / "rbren_rss-parser__test_input_feedburner.atom")

    first = articles[0]
    assert first.title == "AdWords and DFP Java client library will soon require Java 7+"
    assert first.guid is not None
    assert first.guid.startswith("tag:blogger.com")
    assert first.published_at == datetime(2016, 6, 3, 14, 38, tzinfo=UTC)
    assert first.text.startswith("After November 2016")
    assert "\n\n" in first.text


def test_content_encoded_is_preferred_over_description(corpus_feeds: Path) -> None:
    articles = _parse(corpus_feeds / "rbren_rss-parser__test_input_content-encoded.rss")

    assert len(articles[0].text) > 1000
    assert "\n\n" in articles[0].text


def test_cdata_entities_and_relative_links(golden_feeds: Path) -> None:
    articles = _parse(
        golden_feeds / "cdata-tolerant.rss", base_url="https://feeds.example.net/rss/all.xml"
    )

    assert [a.title for a in articles] == [
        "Shelling in Nikopol & Marhanets",
        "Bare ampersand: Smith & Wesson — and été",
        "",
    ]
    first, second, third = articles
    assert first.url == "https://feeds.example.net/world/nikopol.html?ref=rss"
    assert first.guid == "nikopol-42"
    # &nbsp; became U+00A0 and then an ordinary space, as all whitespace runs do.
    assert first.text == "First paragraph with a non-breaking space.\n\nSecond\nline two"
    # A bare "&" in a URL would make strict parsers (or lossy recovery) drop "&y=2".
    assert second.url == "https://news.example.net/a?x=1&y=2"
    assert second.text == "Text with escaped markup."
    assert second.published_at == FETCHED  # year 2150, clamped
    assert third.title == ""
    assert third.text == "No title, but text; no date."
    assert third.url == "https://news.example.net/permalink/9"
    assert third.published_at is None


def test_atom_xhtml_content_text_titles_and_xml_base(golden_feeds: Path) -> None:
    first, second = _parse(golden_feeds / "atom-xhtml.atom")

    assert first.title == "Grid repairs in Odesa"
    assert first.url == "https://blog.example.com/posts/odesa-grid"
    assert first.text == "Power was restored to 12,000 homes.\n\nCrews worked overnight."
    assert first.published_at == datetime(2024, 8, 8, 7, 0, tzinfo=UTC)  # from <updated>
    # type="text" is not markup: "<3" and "<b>" are what the author typed.
    assert second.title == "AT&T <3 plain text"
    assert second.text == "Line one <b> stays literal."
    assert second.published_at == datetime(2024, 8, 7, tzinfo=UTC)  # date only, UTC


def test_json_feed_1_1(golden_feeds: Path) -> None:
    articles = _parse(golden_feeds / "jsonfeed-1.1.json")

    assert len(articles) == 2  # the third item has neither title nor text
    first, second = articles
    assert first.guid == "wire-1001"
    assert first.title == "Missile strike on Kharkiv & suburbs"
    assert first.url == "https://wire.example.org/2024/08/08/kharkiv-strike?id=7"
    assert first.text == "Two people were killed.\n\nSeven were injured, the governor said."
    assert first.published_at == datetime(2024, 8, 8, 7, 15, tzinfo=UTC)
    assert second.guid == "1002"
    assert second.url == "https://other.example.com/story"
    assert second.text == "Evacuation announced.\n\nBuses leave at noon."
    assert second.published_at == datetime(2024, 8, 8, 12, 0, tzinfo=UTC)  # date_modified


def test_json_feed_1_0_plain_text_keeps_angle_brackets(golden_feeds: Path) -> None:
    (only,) = _parse(golden_feeds / "jsonfeed-1.0.json")

    assert only.text == "Plain <b>not bold</b>"
    assert only.published_at == datetime(2020, 1, 2, 3, 4, 5, tzinfo=UTC)


def test_rss_091_latin1_with_doctype(golden_feeds: Path) -> None:
    (only,) = _parse(golden_feeds / "rss-0.91.xml")

    assert only.title == "Café news"
    assert only.url == "http://old.example.com/item1"


def test_junk_before_the_document_is_skipped(golden_feeds: Path) -> None:
    (only,) = _parse(golden_feeds / "junk-before.rss")

    assert only.title == "After the warning"


def test_fallback_parser_reads_what_lxml_does_not_see_as_a_feed(golden_feeds: Path) -> None:
    (only,) = _parse(golden_feeds / "uppercase-tags.rss")

    assert only.title == "Upper-case tags"
    assert only.text == "Read by the fallback."


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"", "empty body"),
        (b"   \n\t ", "empty body"),
        (b"\x00\x01\x02 binary garbage \xff\xfe", "not XML"),
        (b"just some words", "not XML"),
        (b"<html><body><p>a page</p></body></html>", "root element is <html>"),
        (b"{not json", "not JSON"),
        (b'{"version": "1", "items": []}', "not a JSON Feed"),
        (b'{"version": "https://jsonfeed.org/version/1.1", "items": 3}', "items is not a list"),
        (b"[" * 100_000, "not XML"),
    ],
)
def test_bodies_that_are_not_feeds(body: bytes, message: str) -> None:
    with pytest.raises(FeedParseError, match=message):
        parse_feed(body, source_id="t", fetched_at=FETCHED)


def test_html_page_is_not_a_feed(golden_feeds: Path) -> None:
    with pytest.raises(FeedParseError, match="not a feed"):
        _parse(golden_feeds / "not-a-feed.html")


def test_external_entities_are_not_resolved(golden_feeds: Path) -> None:
    (only,) = _parse(golden_feeds / "xxe.rss")

    assert only.title == "Secret: end"
    assert only.text == "Remote: end"
    assert "root:" not in only.title + only.text


@pytest.mark.parametrize("name", ["billion-laughs.rss", "billion-laughs-noroot.xml"])
def test_billion_laughs_stays_small_and_fast(golden_feeds: Path, name: str) -> None:
    start = time.perf_counter()
    try:
        articles = _parse(golden_feeds / name)
    except FeedParseError:
        articles = ()
    elapsed = time.perf_counter() - start

    assert elapsed < 1.0
    assert all("lol" not in a.title + a.text for a in articles)


def test_naive_fetched_at_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        parse_feed(b"<rss/>", source_id="t", fetched_at=datetime(2024, 1, 1))  # noqa: DTZ001


def test_an_item_nested_past_the_safe_depth_does_not_hide_the_items_after_it() -> None:
    # Issue 11: recovery from a deeply nested element dropped every later item while the
    # source said ok.
    deep = "<b>" * 300 + "x" + "</b>" * 300
    body = (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>'
        "<item><guid>1</guid><title>First</title><description>one</description></item>"
        f"<item><guid>2</guid><title>Deep</title><description>{deep}</description></item>"
        "<item><guid>3</guid><title>Third</title><description>three</description></item>"
        "</channel></rss>"
    ).encode()
    articles = parse_feed(
        body, source_id="s", fetched_at=datetime.now(UTC), base_url=None, content_type=None
    )
    assert [a.title for a in articles] == ["First", "Deep", "Third"]


def _all_feeds(corpus_feeds: Path, golden_feeds: Path) -> list[Path]:
    golden = [p for p in sorted(golden_feeds.iterdir()) if "laughs" not in p.name]
    return sorted(corpus_feeds.glob("*.*")) + golden


def test_reading_since_known_items_leaves_exactly_those_out(
    corpus_feeds: Path, golden_feeds: Path
) -> None:
    """On every real feed: with the keys of every other item known, the read gives the
    rest in feed order, equal to a full read's, and lists every item's key. A key worked
    out without the article that differed from the article's would show here as an item
    never left out."""
    read = 0
    for path in _all_feeds(corpus_feeds, golden_feeds):
        body = path.read_bytes()
        try:
            whole = parse_feed(body, source_id="test", fetched_at=FETCHED)
        except FeedParseError:
            continue
        if len(whole) < 2:
            continue
        known = frozenset(hash(a.key) for a in whole[::2])
        rest, listed = parse_feed_since(body, known, source_id="test", fetched_at=FETCHED)
        assert rest == tuple(a for a in whole if hash(a.key) not in known), path.name
        assert listed == frozenset(hash(a.key) for a in whole), path.name
        read += 1
    assert read >= 15


def test_reading_since_nothing_known_is_a_whole_read(golden_feeds: Path) -> None:
    body = (golden_feeds / "cdata-tolerant.rss").read_bytes()
    articles, listed = parse_feed_since(body, frozenset(), source_id="t", fetched_at=FETCHED)
    assert articles == parse_feed(body, source_id="t", fetched_at=FETCHED)
    assert listed is None
