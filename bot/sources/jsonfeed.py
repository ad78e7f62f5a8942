"""JSON Feed 1.0 and 1.1 (https://jsonfeed.org) read into raw entries."""

from __future__ import annotations

import json
from typing import Any

from bot.errors import FeedParseError
from bot.sources.entry import Fragment, Markup, RawEntry


def _str(value: object) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)  # 1.0 feeds in the wild use numeric ids
    return None


def _entry(item: dict[str, Any]) -> RawEntry:
    content_html = _str(item.get("content_html"))
    content = (
        Fragment(content_html)
        if content_html
        else Fragment(_str(item.get("content_text")) or "", Markup.PLAIN)
    )
    return RawEntry(
        guid=_str(item.get("id")),
        link=_str(item.get("url")) or _str(item.get("external_url")),
        title=Fragment(_str(item.get("title")) or "", Markup.PLAIN),
        summary=Fragment(_str(item.get("summary")) or "", Markup.PLAIN),
        content=content,
        published=_str(item.get("date_published")),
        updated=_str(item.get("date_modified")),
    )


def read_json_feed(text: str) -> tuple[list[RawEntry], str | None]:
    """Entries of a JSON Feed and its `home_page_url`; FeedParseError when it is not one."""
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise FeedParseError(f"not JSON: {exc}") from exc
    if not isinstance(document, dict):
        raise FeedParseError("not a JSON Feed: the document is not an object")
    version = document.get("version")
    if not isinstance(version, str) or not version.startswith("https://jsonfeed.org/version/"):
        raise FeedParseError(f"not a JSON Feed: version is {version!r}")
    items = document.get("items")
    if not isinstance(items, list):
        raise FeedParseError("not a JSON Feed: items is not a list")
    home = _str(document.get("home_page_url"))
    return [_entry(item) for item in items if isinstance(item, dict)], home
