"""A test chat, errbot-style: type a command line, read the reply's plain text."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from bot.commands import CommandContext, dispatch
from bot.extract import Extractor
from bot.records import Article, ChatRef, CommandRequest, Reply
from bot.store.sql import SqlStore
from bot.stories import StoryBook

NOW = datetime(2024, 3, 1, 18, 0, tzinfo=UTC)
CHAT = ChatRef("telegram", "-100200")
TOPIC = ChatRef("telegram", "-100200", "7")
OTHER = ChatRef("telegram", "-100300")
SOURCES = {"ukrinform": "Ukrinform", "kyiv-independent": "The Kyiv Independent"}

# (hours before NOW, source, title, text): small articles the real extractor reads.
NEWS: tuple[tuple[int, str, str, str], ...] = (
    (
        30,
        "ukrinform",
        "Shelling of Kherson",
        "Russian artillery shelled Kherson, killing one man, the regional military "
        "administration said.",
    ),
    (
        5,
        "kyiv-independent",
        "Drone attack on Chuhuiv",
        # (no one named as saying so: one outlet's word, "reported by one outlet")
        "Russian drones attacked Chuhuiv in Kharkiv Oblast overnight, injuring two people.",
    ),
    (
        4,
        "ukrinform",
        "Evacuation from Kupiansk",
        "Authorities ordered the evacuation of 3,000 residents from Kupiansk in Kharkiv Oblast.",
    ),
    (
        3,
        "ukrinform",
        "Odesa port hit",
        "A drone strike damaged the port infrastructure in Odesa, causing a power outage.",
    ),
    (
        2,
        "kyiv-independent",
        "Russian missile strike on Kharkiv kills 4",
        "A Russian missile struck a residential building in Kharkiv on Friday, killing four "
        "people and injuring 12, Governor Oleh Syniehubov said.",
    ),
)


def article(hours_ago: int, source: str, title: str, text: str) -> Article:
    slug = "-".join(title.lower().split()[:4])
    return Article(
        source_id=source,
        guid=None,
        url=f"https://news.example/{slug}",
        title=title,
        text=text,
        published_at=NOW - timedelta(hours=hours_ago),
        fetched_at=NOW,
    )


async def record(
    store: SqlStore, extractor: Extractor, news: Sequence[tuple[int, str, str, str]]
) -> None:
    """Record articles oldest first, as polling would, with the events the extractor finds
    and the stories they join."""
    book = StoryBook(store)
    for item in news:
        (stored,) = await store.record_articles([article(*item)])
        events = extractor.extract(stored.article)
        await store.record_events(stored.id, events)
        await book.assign(stored.article, events, article_id=stored.id)


def request(
    line: str,
    *,
    chat: ChatRef = CHAT,
    operator: bool = False,
    user: str = "u1",
    language: str | None = None,
) -> CommandRequest:
    """`/subscribe strikes in:kherson` as a platform hands it over; `@botname` dropped."""
    head, _, rest = line.strip().partition(" ")
    name = head.lstrip("/").split("@")[0].lower()
    return CommandRequest(
        chat=chat, user_id=user, name=name, text=rest, is_operator=operator, language=language
    )


async def run(
    ctx: CommandContext,
    line: str,
    *,
    chat: ChatRef = CHAT,
    operator: bool = False,
    user: str = "u1",
    language: str | None = None,
) -> Reply:
    return await dispatch(
        request(line, chat=chat, operator=operator, user=user, language=language), ctx
    )


async def exec_command(
    ctx: CommandContext,
    line: str,
    *,
    chat: ChatRef = CHAT,
    operator: bool = False,
    user: str = "u1",
    language: str | None = None,
) -> str:
    """The reply's plain text, as a user would read it."""
    reply = await run(ctx, line, chat=chat, operator=operator, user=user, language=language)
    return reply.document.plain_text()
