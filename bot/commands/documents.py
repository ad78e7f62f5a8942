"""Reply documents the commands share: short headings, fact lines with links, relative times."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime

from bot.commands.context import CommandContext
from bot.i18n import ENGLISH, Translator
from bot.records import Article, Block, BlockKind, Document, Event, Reply, StoredArticle
from bot.render.alert import fact_line


def reply(*blocks: Block | None, ephemeral: bool = True) -> Reply:
    """A reply from the blocks given; None entries are left out, so optional parts read inline.

    Answers to one user's question are ephemeral where the platform can do that; changes the
    whole chat should see (subscribing, pausing) are not.
    """
    return Reply(Document(tuple(b for b in blocks if b is not None)), ephemeral=ephemeral)


def heading(text: str) -> Block:
    return Block(BlockKind.HEADING, text=text)


def text(body: str) -> Block:
    return Block(BlockKind.TEXT, text=body)


def facts(items: Iterable[str]) -> Block | None:
    listed = tuple(items)
    return Block(BlockKind.FACTS, items=listed) if listed else None


def link(body: str, url: str | None) -> Block:
    return Block(BlockKind.SOURCE, text=body, url=url)


def article_time(article: Article) -> datetime:
    """When it happened as far as we know: its publication, else when we fetched it."""
    return (article.published_at or article.fetched_at).astimezone(UTC)


def ago(moment: datetime, now: datetime, tr: Translator | None = None) -> str:
    """`just now`, `12 min ago`, `5 h ago`, `3 d ago`; a date once it is weeks old."""
    tr = tr or ENGLISH.tr
    seconds = int((now - moment).total_seconds())
    if seconds < 60:
        return tr.gettext("just now")
    if seconds < 3600:
        return tr.gettext("{n} min ago", n=seconds // 60)
    if seconds < 2 * 86400:
        return tr.gettext("{n} h ago", n=seconds // 3600)
    if seconds < 14 * 86400:
        return tr.gettext("{n} d ago", n=seconds // 86400)
    return tr.short_date(moment.date())


def event_link(
    stored: StoredArticle, event: Event, ctx: CommandContext, *, lead: str = ""
) -> Block:
    """One event in one line, with where it was read and when: `Strike: Kharkiv — Ukrinform,
    2 h ago`, linked to the article."""
    article = stored.article
    when = article_time(article)
    line = fact_line(event, ctx.audience.day(when), ctx.audience)
    source = ctx.source_name(article.source_id)
    return link(f"{lead}{line} — {source}, {ago(when, ctx.clock(), ctx.tr)}", article.url)
