"""The tolerant fallback: feedparser reads what lxml could not see as a feed."""

from __future__ import annotations

import io
from typing import Any

from bot.errors import FeedParseError
from bot.sources.entry import Fragment, Markup, RawEntry


def _fragment(detail: Any, value: Any) -> Fragment:
    text = value if isinstance(value, str) else ""
    kind = detail.get("type", "") if isinstance(detail, dict) else ""
    return Fragment(text, Markup.PLAIN if kind == "text/plain" else Markup.HTML)


def _entry(entry: Any) -> RawEntry:
    contents = entry.get("content") or []
    content = contents[0] if contents else {}
    return RawEntry(
        guid=entry.get("id") or None,
        link=entry.get("link") or None,
        title=_fragment(entry.get("title_detail"), entry.get("title")),
        summary=_fragment(entry.get("summary_detail"), entry.get("summary")),
        content=_fragment(content, content.get("value")),
        published=entry.get("published") or None,
        updated=entry.get("updated") or None,
    )


def read_loose_feed(body: bytes, *, content_type: str | None) -> list[RawEntry]:
    """Entries feedparser finds; FeedParseError when it finds no feed either."""
    import feedparser  # only for feeds lxml could not read: most runs never need it

    headers = {"content-type": content_type} if content_type else {}
    # A stream, never bytes: feedparser treats a bytes argument as a possible file name.
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
    if not parsed.get("version"):
        reason = parsed.get("bozo_exception")
        raise FeedParseError(f"not a feed{f': {reason}' if reason else ''}")
    return [_entry(e) for e in parsed.entries]
