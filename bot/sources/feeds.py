"""Feed bodies (RSS, Atom, JSON Feed) parsed into normalised Articles."""

from __future__ import annotations

import logging
from collections.abc import Set as AbstractSet
from datetime import datetime

from bot.cleantext import clean_optional, clean_text
from bot.errors import FeedParseError
from bot.records import Article
from bot.sources.canonical import canonical_url
from bot.sources.dates import clamp, parse_date
from bot.sources.encoding import decode_body
from bot.sources.entry import Fragment, Listed, Markup, RawEntry
from bot.sources.jsonfeed import read_json_feed
from bot.sources.loosefeed import read_loose_feed
from bot.sources.text import html_to_text, plain_text
from bot.sources.xmlfeed import list_xml_feed

log = logging.getLogger(__name__)


def _readable(fragment: Fragment) -> str:
    if fragment.markup is Markup.PLAIN:
        return plain_text(fragment.value)
    return html_to_text(fragment.value)


def _article(
    raw: RawEntry, *, source_id: str, fetched_at: datetime, base_url: str | None
) -> Article | None:
    title = " ".join(clean_text(_readable(raw.title)).split())
    # Full content beats the teaser: extraction needs the numbers buried in paragraph five.
    text = clean_text(_readable(raw.content) or _readable(raw.summary))
    if not title and not text:
        return None
    guid = " ".join(clean_text(raw.guid).split()) if raw.guid else None
    published = parse_date(raw.published) or parse_date(raw.updated)
    return Article(
        source_id=source_id,
        guid=guid or None,
        url=canonical_url(clean_optional(raw.link), raw.base or base_url),
        title=title,
        text=text,
        published_at=clamp(published, fetched_at),
        fetched_at=fetched_at,
    )


def _entries(
    body: bytes, text: str, *, source_id: str, base_url: str | None, content_type: str | None
) -> tuple[list[Listed], str | None]:
    if text.startswith("{"):
        entries, home_page = read_json_feed(text)
        return [Listed.whole(e) for e in entries], base_url or home_page
    try:
        return list_xml_feed(text, base_url), base_url
    except FeedParseError as strict_error:
        try:
            entries = read_loose_feed(body, content_type=content_type)
        except FeedParseError:
            raise strict_error from None
        log.info("fallback parser used source=%s reason=%r", source_id, str(strict_error))
        return [Listed.whole(e) for e in entries], base_url


def entry_key(item: Listed, base_url: str | None) -> str:
    """The key (Article.key) the item's article has, without making the article: its
    guid, else its canonical URL, else its title (the one time the item is read whole)."""
    guid = " ".join(clean_text(item.guid).split()) if item.guid else None
    if guid:
        return f"guid:{guid}"
    url = canonical_url(clean_optional(item.link), item.base or base_url)
    if url:
        return f"url:{url}"
    title = item.read().title
    return "title:" + " ".join(clean_text(_readable(title)).split()).strip().lower()


def _read(
    body: bytes, *, source_id: str, base_url: str | None, content_type: str | None
) -> tuple[list[Listed], str | None]:
    text = decode_body(body, content_type).lstrip()
    if not text:
        raise FeedParseError("empty body")
    return _entries(body, text, source_id=source_id, base_url=base_url, content_type=content_type)


def parse_feed_since(
    body: bytes,
    known: AbstractSet[int],
    *,
    source_id: str,
    fetched_at: datetime,
    base_url: str | None = None,
    content_type: str | None = None,
) -> tuple[tuple[Article, ...], frozenset[int] | None]:
    """parse_feed, leaving out the items whose key hash (hash(Article.key)) is in `known`;
    with them the hashes of every item listed. Most of a feed that changed is what it held
    before, and making its articles (their text, dates and URLs) was most of a read.
    With nothing known, every article and None."""
    if not known:
        return parse_feed(
            body,
            source_id=source_id,
            fetched_at=fetched_at,
            base_url=base_url,
            content_type=content_type,
        ), None
    if fetched_at.tzinfo is None:
        raise ValueError("fetched_at must be timezone-aware")
    entries, base = _read(body, source_id=source_id, base_url=base_url, content_type=content_type)
    articles: list[Article] = []
    listed: set[int] = set()
    for item in entries:
        key = hash(entry_key(item, base))
        if key in known:
            listed.add(key)
            continue
        article = _article(item.read(), source_id=source_id, fetched_at=fetched_at, base_url=base)
        if article is not None:
            articles.append(article)
            listed.add(hash(article.key))
    return tuple(articles), frozenset(listed)


def parse_feed(
    body: bytes,
    *,
    source_id: str,
    fetched_at: datetime,
    base_url: str | None = None,
    content_type: str | None = None,
) -> tuple[Article, ...]:
    """The articles of an RSS 0.9x/1.0/2.0, Atom or JSON Feed body, in feed order.

    Raises FeedParseError when the body is empty or not a feed. Items with neither a title
    nor any text are skipped.
    """
    if fetched_at.tzinfo is None:
        raise ValueError("fetched_at must be timezone-aware")
    entries, base = _read(body, source_id=source_id, base_url=base_url, content_type=content_type)
    articles = (
        _article(item.read(), source_id=source_id, fetched_at=fetched_at, base_url=base)
        for item in entries
    )
    return tuple(a for a in articles if a is not None)
