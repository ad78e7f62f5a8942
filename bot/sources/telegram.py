"""Public Telegram channels through their web preview (`https://t.me/s/<channel>`), with no
account and no phone number.

The preview lists a channel's latest posts, each with its id, time, text and link; `?before=
<id>` pages further back. A poll reads the first page and, after a pause longer than a page
covers, pages back to the post it saw last (the source's cursor), a few pages at most. A
post edited since it was read comes again with the edit's text: a changed toll is an update
of its story, the same text is recognised and dropped. A page with no posts and no channel
header is not an empty channel but a changed page: an error on the source's health row, not
a silent nothing.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Callable
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import datetime
from urllib.parse import urljoin

import httpx
from lxml import html as lxml_html
from lxml.etree import ParserError

from bot.cleantext import clean_text
from bot.errors import FeedParseError
from bot.records import Article, SourceState
from bot.sources.dates import clamp, parse_date
from bot.sources.encoding import decode_body
from bot.sources.http import FeedSource, Listing
from bot.sources.text import html_to_text

log = logging.getLogger(__name__)

PREVIEW = "https://t.me/s/"
# Telegram's rules for a public username: 5-32 letters, digits and underscores.
CHANNEL_NAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{4,31}$")
_TME = re.compile(r"^(?:https?://)?(?:t\.me|telegram\.me)/(?:s/)?(@?[A-Za-z0-9_]+)/?(?:[?#].*)?$")
# Pages read back to the cursor after a pause; a channel posting 200 times in one pause
# loses its oldest, said in the log.
MAX_PAGES = 5
# A post's first line, cut to this many characters, is its title.
TITLE_CHARS = 140


def channel_url(name_or_url: str) -> str | None:
    """`synegubov`, `@synegubov`, `t.me/synegubov` or `https://t.me/s/synegubov` → the
    preview URL; None for anything else."""
    text = name_or_url.strip()
    m = _TME.match(text)
    name = m.group(1) if m else text
    name = name.lstrip("@")
    return PREVIEW + name if CHANNEL_NAME.match(name) else None


@dataclass(frozen=True, slots=True)
class Post:
    """One post of a channel as its preview shows it."""

    channel: str
    number: int
    url: str
    text: str
    published: datetime | None
    edited: bool

    @property
    def guid(self) -> str:
        """The post's identity; an edited post's includes its text, so that an edit that
        changes it is news and the same edit seen twice is not."""
        base = f"tg:{self.channel}/{self.number}"
        if not self.edited:
            return base
        return f"{base}#edit-{hashlib.sha1(self.text.encode()).hexdigest()[:10]}"


@dataclass(frozen=True, slots=True)
class ChannelPage:
    posts: tuple[Post, ...]
    # The page's link to older posts (`?before=<id>`), when it has one.
    older: str | None


def parse_channel_page(
    body: bytes, *, base_url: str, content_type: str | None = None
) -> ChannelPage:
    """The posts of one preview page, oldest first. Raises FeedParseError for a page that is
    no channel preview (or whose markup changed): a body with neither posts nor the channel
    header, or posts none of which has its number and time where they used to be."""
    text = decode_body(body, content_type)
    try:
        root = lxml_html.document_fromstring(text)
    except (ParserError, ValueError) as exc:
        raise FeedParseError(f"not an HTML page: {exc}") from None
    blocks = root.xpath(
        '//div[contains(concat(" ", @class, " "), " tgme_widget_message ")][@data-post]'
    )
    header = root.xpath('//div[contains(@class, "tgme_channel_info")]')
    if not blocks:
        if header:
            return ChannelPage((), None)  # a channel that has posted nothing
        raise FeedParseError(
            "no channel posts and no channel header in the page: not a Telegram channel "
            "preview, or its markup changed"
        )
    posts = [p for p in (_post(b, base_url) for b in blocks) if p is not None]
    if not posts:
        raise FeedParseError(
            f"{len(blocks)} post blocks but none with its number and time: the preview's "
            "markup changed"
        )
    older = root.xpath('//link[@rel="prev"]/@href') or root.xpath(
        '//a[contains(@class, "tme_messages_more")][@data-before]/@href'
    )
    return ChannelPage(
        tuple(sorted(posts, key=lambda p: p.number)),
        urljoin(base_url, str(older[0])) if older else None,
    )


def _post(block: lxml_html.HtmlElement, base_url: str) -> Post | None:
    channel, _, number = str(block.get("data-post", "")).rpartition("/")
    if not channel or not number.isdigit():
        return None
    times = block.xpath('.//a[contains(@class, "tgme_widget_message_date")]//time/@datetime')
    links = block.xpath('.//a[contains(@class, "tgme_widget_message_date")]/@href')
    if not times:
        return None
    bodies = block.xpath('.//div[contains(@class, "tgme_widget_message_text")]')
    text = ""
    if bodies:
        fragment = lxml_html.tostring(bodies[-1], encoding="unicode")
        text = clean_text(html_to_text(fragment))
    meta = " ".join(block.xpath('.//span[contains(@class, "tgme_widget_message_meta")]//text()'))
    return Post(
        channel=channel,
        number=int(number),
        url=urljoin(base_url, str(links[0])) if links else f"https://t.me/{channel}/{number}",
        text=text,
        published=parse_date(str(times[0])),
        edited="edited" in meta.lower(),
    )


def post_article(post: Post, *, source_id: str, fetched_at: datetime) -> Article | None:
    """A post with text as an article: its first line the title (a post has none)."""
    if not post.text:
        return None  # a photo or a video alone: nothing to read
    first = post.text.split("\n", 1)[0].strip()
    title = (
        first if len(first) <= TITLE_CHARS else first[: TITLE_CHARS - 1].rsplit(" ", 1)[0] + "…"
    )
    return Article(
        source_id=source_id,
        guid=post.guid,
        url=post.url,
        title=title,
        text=post.text,
        published_at=clamp(post.published, fetched_at),
        fetched_at=fetched_at,
    )


class TelegramChannelSource(FeedSource):
    """A public channel's preview pages, polled with the shared client like a feed:
    conditional requests where the site answers them, its Retry-After obeyed, and the
    pipeline's backoff on failures."""

    def __init__(
        self,
        id: str,
        url: str,
        *,
        client: httpx.AsyncClient,
        max_body: int,
        clock: Callable[[], datetime],
        max_pages: int = MAX_PAGES,
    ) -> None:
        super().__init__(id, url, client=client, max_body=max_body, clock=clock)
        self._max_pages = max_pages

    async def _parsed(
        self,
        body: bytes,
        *,
        final_url: str,
        content_type: str | None,
        state: SourceState,
        known: AbstractSet[int],
    ) -> Listing:
        page = parse_channel_page(body, base_url=final_url, content_type=content_type)
        cursor = int(state.cursor) if state.cursor and state.cursor.isdigit() else None
        posts = list(page.posts)
        older, pages = page.older, 1
        # After a pause: older pages, until the post read last is among them.
        while cursor is not None and posts and posts[0].number > cursor + 1 and older:
            if pages == self._max_pages:
                log.warning(
                    "channel pages left unread source=%s read_back_to=%d cursor=%d",
                    self.id,
                    posts[0].number,
                    cursor,
                )
                break
            more_body, more_url, more_type = await self._download(older)
            more = parse_channel_page(more_body, base_url=more_url, content_type=more_type)
            fresh = [p for p in more.posts if p.number < posts[0].number]
            if not fresh:
                break
            posts = fresh + posts
            older, pages = more.older, pages + 1
        fetched = self._clock()
        articles = tuple(
            a
            for post in posts
            # Posts before the cursor were read; edited ones come again (deduplicated by
            # their text, see Post.guid).
            if cursor is None or post.number > cursor or post.edited
            if (a := post_article(post, source_id=self.id, fetched_at=fetched)) is not None
        )
        newest = max((p.number for p in posts), default=cursor)
        return Listing(
            articles, replace(state, cursor=str(newest) if newest is not None else None)
        )
