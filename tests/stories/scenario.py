"""One missile strike told three times, in English, Ukrainian or Russian: outlet A first,
outlet B twenty minutes later with the same facts, A again with a higher toll."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from typing import Any

from bot.extract import Extractor
from bot.stories import MemoryStories, StoryBook
from bot.stories.jsonl import story_lines

ITEM = """<item><guid>{guid}</guid><title>{title}</title><link>{link}</link>
<pubDate>{date}</pubDate><description>{text}</description></item>"""

REPORTS = {
    "en": (
        (
            "a",
            "Russian missile strike on Kharkiv kills 3, injures 12",
            "A Russian missile hit an apartment block in Kharkiv on {day}, killing three "
            "people and injuring 12, regional governor Oleh Syniehubov said.",
        ),
        (
            "b",
            "Three killed as missile hits Kharkiv apartment block",
            "Three people were killed when a Russian missile struck a residential building in "
            "Kharkiv on {day}, officials said.",
        ),
        (
            "a",
            "Kharkiv strike: death toll rises to 5",
            "The death toll from {day_s} Russian missile strike on Kharkiv rose to five, "
            "governor Oleh Syniehubov said.",
        ),
    ),
    "uk": (
        (
            "a",
            "Ракетний удар по Харкову: троє загиблих, 12 поранених",
            "Російська ракета влучила в житловий будинок у Харкові, загинули троє людей, ще 12 "
            "поранені, повідомив голова ОВА Олег Синєгубов.",
        ),
        (
            "b",
            "У Харкові ракета влучила в багатоповерхівку, троє загиблих",
            "Унаслідок ракетного удару по Харкову загинули троє людей, повідомили в ОВА.",
        ),
        (
            "a",
            "Кількість загиблих у Харкові зросла до п'яти",
            "Кількість загиблих унаслідок ракетного удару по Харкову зросла до п'яти, "
            "повідомив Олег Синєгубов.",
        ),
    ),
    "ru": (
        (
            "a",
            "Ракетный удар по Харькову: трое погибших, 12 раненых",
            "Российская ракета попала в жилой дом в Харькове, погибли трое человек, ещё 12 "
            "ранены, сообщил глава ОВА Олег Синегубов.",
        ),
        (
            "b",
            "В Харькове ракета попала в многоэтажку, трое погибших",
            "В результате ракетного удара по Харькову погибли три человека, сообщили в ОВА.",
        ),
        (
            "a",
            "Число погибших в Харькове выросло до пяти",
            "Число погибших в результате ракетного удара по Харькову выросло до пяти, "
            "сообщил Олег Синегубов.",
        ),
    ),
}


def report_feed(lang: str, index: int, published: datetime) -> tuple[str, bytes]:
    """The outlet ("a" or "b") and its feed after report `index` (0-2) of `lang`."""
    outlet, title, text = REPORTS[lang][index]
    day = published.astimezone(UTC).strftime("%A")
    body = text.format(day=day, day_s=f"{day}'s")
    item = ITEM.format(
        guid=f"{lang}-{index}",
        title=title,
        link=f"https://{outlet}-news.example/{lang}/{index}",
        date=format_datetime(published),
        text=body,
    )
    feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>{outlet}</title>{item}</channel></rss>'
    return outlet, feed.encode()


def empty_feed() -> bytes:
    return b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>'


def old_items(count: int, *, now: datetime) -> bytes:
    """`count` strike reports from last month: a source's backlog."""
    items = "".join(
        ITEM.format(
            guid=f"old-{i}",
            title=f"Russian drones hit Sumy, {i} injured",
            link=f"https://old.example/{i}",
            date=format_datetime(now - timedelta(days=30, hours=i)),
            text=f"Russian drones struck Sumy, injuring {i + 1} people, the regional "
            "administration said.",
        )
        for i in range(count)
    )
    return (
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>old</title>{items}</channel></rss>'
    ).encode()


def channel_posts(texts: Iterable[str], times: Iterable[str]) -> list[str]:
    """`newsalert stories` input lines: one untitled post per text, each from its own
    channel (`s0`, `s1`, ...), published at the matching ISO time."""
    return [
        json.dumps(
            {"id": f"a{i}", "source": f"s{i}", "title": "", "text": text, "published": at},
            ensure_ascii=False,
        )
        for i, (text, at) in enumerate(zip(texts, times, strict=True))
    ]


async def run_stories(extractor: Extractor, lines: Iterable[str]) -> list[dict[str, Any]]:
    """JSON Lines articles through `newsalert stories` with a fresh book: one result each."""
    book = StoryBook(MemoryStories())
    return [json.loads(line) async for line in story_lines(list(lines), extractor, book)]
