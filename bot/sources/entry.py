"""One feed item as a reader found it, before it is normalised into an Article."""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass


class Markup(enum.Enum):
    HTML = "html"
    PLAIN = "plain"


@dataclass(frozen=True, slots=True)
class Fragment:
    """A title or body as the feed gave it; PLAIN text is never searched for tags."""

    value: str = ""
    markup: Markup = Markup.HTML


@dataclass(frozen=True, slots=True)
class RawEntry:
    """Fields as the feed wrote them: `link` may be relative to `base`, dates are strings."""

    guid: str | None = None
    link: str | None = None
    base: str | None = None
    title: Fragment = Fragment()
    summary: Fragment = Fragment()
    content: Fragment = Fragment()
    published: str | None = None
    updated: str | None = None


@dataclass(frozen=True, slots=True)
class Listed:
    """A feed item's identity (its guid, its link and the base that link is relative to),
    read ahead of the rest of it: most items of a feed that changed were there before, and
    only the new ones need reading whole (`read`)."""

    guid: str | None
    link: str | None
    base: str | None
    read: Callable[[], RawEntry]

    @classmethod
    def whole(cls, raw: RawEntry) -> Listed:
        """An item a reader already read whole (JSON Feed, the tolerant parser)."""
        return cls(raw.guid, raw.link, raw.base, lambda: raw)
