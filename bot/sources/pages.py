"""Web pages without a feed: a listing page whose new links are new articles (a ministry's
news list, the IAEA's Ukraine updates), or a page that is itself the article and changes.

A listing's links are told apart from its navigation by staying on the site and having a
headline's length of text; those not among the links seen last time (the source's cursor
keeps short hashes of them) are fetched, a few per poll, and their main text extracted with
trafilatura. A page with too few such links is read as one article, and a change of its
text is a new report. A page with neither links nor text is an error on the health row.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import urldefrag, urljoin, urlsplit

import httpx
from lxml import html as lxml_html
from lxml.etree import ParserError

from bot.cleantext import clean_text
from bot.errors import FeedParseError, FetchError
from bot.records import Article, SourceState
from bot.sources.canonical import canonical_url
from bot.sources.dates import clamp, parse_date
from bot.sources.encoding import decode_body
from bot.sources.http import FeedSource, Listing

log = logging.getLogger(__name__)

# A link whose text is this long reads as a headline, not as navigation ("News", "Home").
HEADLINE_CHARS = 25
# Fewer headline links than this: the page is an article, not a list.
LISTING_LINKS = 3
# New links fetched per poll; the rest wait for the next (the cursor does not take them).
PER_POLL = 8
# Links remembered: enough for a listing's first page.
REMEMBERED = 40
_HASH = 8
_SKIPPED = re.compile(r"\.(?:pdf|docx?|xlsx?|zip|jpe?g|png|gif|mp4|mp3)(?:$|\?)", re.I)


@dataclass(frozen=True, slots=True)
class Link:
    url: str
    text: str

    @property
    def mark(self) -> str:
        return hashlib.sha1(self.url.encode()).hexdigest()[:_HASH]


def _document(body: bytes, content_type: str | None) -> lxml_html.HtmlElement:
    try:
        return lxml_html.document_fromstring(decode_body(body, content_type))
    except (ParserError, ValueError) as exc:
        raise FeedParseError(f"not an HTML page: {exc}") from None


def listing_links(body: bytes, *, base_url: str, content_type: str | None = None) -> list[Link]:
    """The page's headline links on its own site, in page order, each once."""
    root = _document(body, content_type)
    host = urlsplit(base_url).netloc.lower().removeprefix("www.")
    found: dict[str, Link] = {}
    for a in root.iter("a"):
        href = a.get("href")
        if not href or href.startswith(("mailto:", "javascript:", "tel:", "#")):
            continue
        url = urldefrag(urljoin(base_url, href))[0]
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or _SKIPPED.search(parts.path):
            continue
        if parts.netloc.lower().removeprefix("www.") != host or url.rstrip("/") == base_url.rstrip(
            "/"
        ):
            continue
        text = " ".join(a.text_content().split())
        if len(text) >= HEADLINE_CHARS and url not in found:
            found[url] = Link(url, text)
    return list(found.values())


def page_article(
    body: bytes,
    *,
    url: str,
    source_id: str,
    fetched_at: datetime,
    content_type: str | None = None,
    title: str | None = None,
) -> Article | None:
    """A page's main text as an article (trafilatura), its title from the page or the link
    that led to it; None when the page has no main text."""
    import trafilatura

    text = decode_body(body, content_type)
    document = trafilatura.bare_extraction(text, url=url, with_metadata=True)
    main = clean_text(getattr(document, "text", None) or "") if document is not None else ""
    if not main:
        return None
    found_title = getattr(document, "title", None)
    heading = " ".join((found_title or title or main.split("\n", 1)[0]).split())[:300]
    published = _published(str(getattr(document, "date", "") or ""), fetched_at)
    return Article(
        source_id=source_id,
        guid=None,
        url=canonical_url(url, None),
        title=heading,
        text=main,
        published_at=clamp(published, fetched_at),
        fetched_at=fetched_at,
    )


class PageSource(FeedSource):
    """A web page polled like a feed (conditional GET, Retry-After, backoff); its new
    links, or its own changed text, are the articles."""

    def __init__(
        self,
        id: str,
        url: str,
        *,
        client: httpx.AsyncClient,
        max_body: int,
        clock: Callable[[], datetime],
        per_poll: int = PER_POLL,
        mode: str = "auto",
    ) -> None:
        """`mode`: "list" (its links are the news), "article" (the page is), or "auto":
        a list when it has at least LISTING_LINKS headline links."""
        super().__init__(id, url, client=client, max_body=max_body, clock=clock)
        self._per_poll = per_poll
        self._mode = mode

    async def _parsed(
        self,
        body: bytes,
        *,
        final_url: str,
        content_type: str | None,
        state: SourceState,
        known: AbstractSet[int],
    ) -> Listing:
        links = listing_links(body, base_url=final_url, content_type=content_type)
        fetched = self._clock()
        if self._mode == "article" or (self._mode == "auto" and len(links) < LISTING_LINKS):
            return Listing(*self._single(body, final_url, content_type, state, fetched))
        seen = set((state.cursor or "").split(",")) if state.cursor else set()
        new = [link for link in links if link.mark not in seen][: self._per_poll]
        articles: list[Article] = []
        taken: set[str] = set()
        for link in new:
            try:
                page, url, kind = await self._download(link.url)
            except FetchError as exc:
                # One article page that fails is skipped, and tried again next poll.
                log.warning(
                    "page link failed source=%s url=%s error=%r", self.id, link.url, str(exc)
                )
                continue
            article = page_article(
                page,
                url=url,
                source_id=self.id,
                fetched_at=fetched,
                content_type=kind,
                title=link.text,
            )
            articles.append(article or _headline(link, self.id, fetched))
            taken.add(link.mark)
        # Remembered: the links read now and before, as the page lists them, most recent
        # first; a link left for the next poll is not among them.
        marks = [link.mark for link in links if link.mark in taken or link.mark in seen]
        return Listing(
            tuple(articles), replace(state, cursor=",".join(marks[:REMEMBERED]) or None)
        )

    def _single(
        self,
        body: bytes,
        url: str,
        content_type: str | None,
        state: SourceState,
        fetched: datetime,
    ) -> tuple[tuple[Article, ...], SourceState]:
        article = page_article(
            body, url=url, source_id=self.id, fetched_at=fetched, content_type=content_type
        )
        if article is None:
            raise FeedParseError(
                "the page has neither headline links nor a main text: not a news page, or its "
                "markup changed"
            )
        version = hashlib.sha1(article.text.encode()).hexdigest()[:_HASH]
        if state.cursor == version:
            return (), state  # the same text as last time
        # A changed page is a new report of it: the text's hash tells the versions apart.
        return (replace(article, guid=f"{url}#{version}"),), replace(state, cursor=version)


def _headline(link: Link, source_id: str, fetched: datetime) -> Article:
    """A link whose page has no readable main text: its headline alone."""
    return Article(source_id, None, link.url, link.text, "", None, fetched)


def _published(found: str, fetched_at: datetime) -> datetime | None:
    """The page's date (trafilatura gives a day, "2024-05-20"): a day with no time that is
    today's is taken as now, not as its midnight, or a morning's update would be hours old
    before it was read."""
    when = parse_date(found) if found else None
    if when is None:
        return None
    if len(found.strip()) == 10 and when.date() == fetched_at.date():
        return None  # published today, at a time the page does not say: fetched_at
    return when
