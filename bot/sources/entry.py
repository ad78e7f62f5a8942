"""One feed item as a reader found it, before it is normalised into an Article."""

from __future__ import annotations

import enum
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
