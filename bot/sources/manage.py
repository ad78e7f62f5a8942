"""Operators' tools for sources: what a URL is (a feed, a Telegram channel, a web page),
adding one to the config file with its comments kept, OPML in and out, and one test fetch
that prints what would be extracted without storing anything.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from xml.sax.saxutils import quoteattr

import httpx
from lxml import etree
from lxml import html as lxml_html

from bot.config.schema import SourceSettings
from bot.errors import FeedParseError, NewsalertError
from bot.sources.canonical import canonical_url
from bot.sources.feeds import parse_feed
from bot.sources.pages import LISTING_LINKS, listing_links, page_article
from bot.sources.telegram import channel_url, parse_channel_page

_FEED_TYPES = ("rss", "atom", "xml", "json")
_ALTERNATE = (
    "application/rss+xml",
    "application/atom+xml",
    "application/feed+json",
    "application/json",
)


class SourceProblem(NewsalertError):
    """A URL that cannot be a source, said so the operator knows what to do."""


@dataclass(frozen=True, slots=True)
class Found:
    """What a URL turned out to be: the source entry to configure, and how it was told."""

    type: str  # feed, telegram_channel, page
    url: str
    title: str
    how: str  # "a feed", "the feed the page links to", ...


async def detect(url: str, client: httpx.AsyncClient, *, max_body: int = 5 << 20) -> Found:
    """Fetch the URL once and say which kind of source it is: a Telegram channel (t.me), a
    feed, a page that links its feed (its feed, then), or a page of news (its links or its
    text). Raises SourceProblem for anything else."""
    channel = channel_url(url) if re.match(r"^(https?://)?(t|telegram)\.me/", url) else None
    if channel is not None:
        body, final, kind = await _get(client, channel, max_body)
        try:
            page = parse_channel_page(body, base_url=final, content_type=kind)
        except FeedParseError as exc:
            raise SourceProblem(f"{channel} is no public channel's preview: {exc}") from None
        name = channel.rsplit("/", 1)[1]
        return Found(
            "telegram_channel",
            channel,
            name,
            f"a Telegram channel ({len(page.posts)} posts on its page)",
        )
    if not re.match(r"^https?://", url):
        raise SourceProblem(f"{url!r} is no http(s) URL or t.me link")
    body, final, kind = await _get(client, url, max_body)
    feed = _as_feed(body, final, kind)
    if feed is not None:
        return Found("feed", final, feed, "a feed")
    if _looks_html(body, kind):
        preview = _as_channel(body, final, kind)
        if preview is not None:
            return preview
        linked = _alternate(body, final)
        if linked is not None:
            linked_body, linked_final, linked_kind = await _get(client, linked, max_body)
            title = _as_feed(linked_body, linked_final, linked_kind)
            if title is not None:
                return Found("feed", linked_final, title, "the feed the page links to")
        links = listing_links(body, base_url=final, content_type=kind)
        title = _html_title(body) or final
        if len(links) >= LISTING_LINKS:
            return Found("page", final, title, f"a page listing {len(links)} headline links")
        article = page_article(
            body, url=final, source_id="test", fetched_at=_now(), content_type=kind
        )
        if article is not None:
            return Found("page", final, title, "a page read as one article")
    raise SourceProblem(
        f"{url} is neither a feed, a Telegram channel nor a news page: it has no feed items, "
        "no headline links and no main text"
    )


async def _get(
    client: httpx.AsyncClient, url: str, max_body: int
) -> tuple[bytes, str, str | None]:
    try:
        async with client.stream("GET", url) as resp:
            if not resp.is_success:
                raise SourceProblem(f"{url} answered HTTP {resp.status_code} {resp.reason_phrase}")
            chunks, size = [], 0
            async for chunk in resp.aiter_bytes():
                size += len(chunk)
                if size > max_body:
                    raise SourceProblem(f"{url} is bigger than {max_body:,} bytes")
                chunks.append(chunk)
            return b"".join(chunks), str(resp.url), resp.headers.get("content-type")
    except httpx.HTTPError as exc:
        raise SourceProblem(f"{url} could not be fetched: {exc or type(exc).__name__}") from None


def _as_feed(body: bytes, url: str, content_type: str | None) -> str | None:
    """The feed's title if the body is a feed with items, else None."""
    kind = (content_type or "").split(";")[0].strip().lower()
    head = body.lstrip()[:200].lower()
    feedish = any(t in kind for t in _FEED_TYPES) or head.startswith(
        (b"<?xml", b"<rss", b"<feed", b"{")
    )
    if not feedish or _looks_html(body, content_type):
        return None
    try:
        articles = parse_feed(
            body, source_id="test", fetched_at=_now(), base_url=url, content_type=content_type
        )
    except FeedParseError:
        return None
    if not articles:
        return None
    title = re.search(rb"<title[^>]*>\s*(?:<!\[CDATA\[)?([^<\]]{1,200})", body)
    return title.group(1).decode("utf-8", "replace").strip() if title else url


def _as_channel(body: bytes, url: str, content_type: str | None) -> Found | None:
    """A channel's preview page on another host (a mirror): read as the channel it is."""
    if b"tgme_channel_info" not in body and b"tgme_widget_message" not in body:
        return None
    try:
        page = parse_channel_page(body, base_url=url, content_type=content_type)
    except FeedParseError:
        return None
    title = re.sub(r"\s+[–-]\s+Telegram$", "", _html_title(body) or "") or url
    return Found(
        "telegram_channel", url, title, f"a Telegram channel's preview ({len(page.posts)} posts)"
    )


def _looks_html(body: bytes, content_type: str | None) -> bool:
    kind = (content_type or "").split(";")[0].strip().lower()
    head = body.lstrip()[:500].lower()
    return (
        kind in ("text/html", "application/xhtml+xml")
        or b"<html" in head
        or head.startswith(b"<!doctype html")
    )


def _alternate(body: bytes, base: str) -> str | None:
    try:
        root = lxml_html.document_fromstring(body)
    except (etree.ParserError, ValueError):
        return None
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if (
            "alternate" in rel
            and (link.get("type") or "").lower() in _ALTERNATE
            and link.get("href")
        ):
            return canonical_url(link.get("href"), base)
    return None


def _html_title(body: bytes) -> str | None:
    try:
        root = lxml_html.document_fromstring(body)
    except (etree.ParserError, ValueError):
        return None
    found = root.findtext(".//title")
    return " ".join(found.split()) if found else None


def _now() -> datetime:
    return datetime.now(UTC)


def source_id_for(title: str, taken: Iterable[str]) -> str:
    """A config id from a title: lower-case ASCII words joined by hyphens, made unique."""
    from bot.extract.translit import romanize

    # Cyrillic romanised (Ukraine's 2010 rules), other letters stripped of their marks.
    ascii_title = unicodedata.normalize("NFKD", romanize(title)).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")[:40].strip("-") or "source"
    used = set(taken)
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


# --- the config file ------------------------------------------------------------------------


def add_to_config(path: Path, entry: dict[str, Any], *, comment: str | None = None) -> None:
    """Append one source to the config's `sources:` list, keeping the file's comments and
    layout (a ruamel.yaml round trip). The entry is checked as the config would check it,
    and the file is not written if it would not load."""
    import io

    from pydantic import ValidationError
    from ruamel.yaml import YAML
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    try:
        SourceSettings.model_validate(entry)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'entry'}: {e['msg']}" for e in exc.errors()
        )
        raise SourceProblem(f"the source would make the config invalid: {problems}") from None
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(path.read_text(encoding="utf-8")) or CommentedMap()
    sources = data.get("sources")
    if sources is None:
        sources = data["sources"] = CommentedSeq()
    if any(str(s.get("id")) == entry["id"] for s in sources):
        raise SourceProblem(f"the config has a source with id {entry['id']!r} already")
    sources.append(CommentedMap(entry))
    if comment:
        sources.yaml_set_comment_before_after_key(len(sources) - 1, before=comment, indent=2)
    out = io.StringIO()
    yaml.dump(data, out)
    path.write_text(out.getvalue(), encoding="utf-8")


# --- OPML -------------------------------------------------------------------------------------


def to_opml(sources: Sequence[SourceSettings], *, title: str = "newsalert sources") -> str:
    """OPML 2.0: feeds as `type="rss"` outlines (what feed readers import); channels and
    pages as `type="link"` with newsalert's own `newsalertType`, so a round trip keeps them."""
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        f"  <head><title>{_xml(title)}</title></head>",
        "  <body>",
    ]
    for s in sources:
        attrs = {"text": s.title, "title": s.title}
        if s.type == "feed":
            attrs |= {"type": "rss", "xmlUrl": s.url}
        else:
            attrs |= {"type": "link", "url": s.url, "newsalertType": s.type}
        attrs["newsalertId"] = s.id
        for key in ("kind", "side", "language"):
            value = getattr(s, key)
            if value:
                attrs[f"newsalert{key.capitalize()}"] = value
        rendered = " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items())
        lines.append(f"    <outline {rendered}/>")
    lines += ["  </body>", "</opml>", ""]
    return "\n".join(lines)


def from_opml(body: bytes) -> list[dict[str, Any]]:
    """The sources an OPML file lists (nested folders too), as config entries; an outline
    with neither xmlUrl nor url is skipped. Raises SourceProblem for a file that is no OPML."""
    try:
        root = etree.fromstring(body, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as exc:
        raise SourceProblem(f"not an OPML file: {exc}") from None
    tag = str(root.tag)
    if tag.lower() != "opml":
        raise SourceProblem(f"not an OPML file: its root is <{tag}>, not <opml>")
    entries: list[dict[str, Any]] = []
    taken: list[str] = []
    for outline in root.iter("outline"):
        url = outline.get("xmlUrl") or outline.get("url")
        if not url:
            continue
        title = outline.get("title") or outline.get("text") or url
        source_id = outline.get("newsalertId") or source_id_for(title, taken)
        if source_id in taken:
            source_id = source_id_for(source_id, taken)
        taken.append(source_id)
        entry: dict[str, Any] = {"id": source_id, "name": title, "url": url}
        kind = outline.get("newsalertType")
        if kind in ("telegram_channel", "page"):
            entry["type"] = kind
        for key in ("kind", "side", "language"):
            value = outline.get(f"newsalert{key.capitalize()}")
            if value:
                entry[key] = value
        entries.append(entry)
    return entries


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
