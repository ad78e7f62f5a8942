"""What the platform end-to-end tests share: sample war items, an RSS builder, a waiter."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

ITEM = """<item><guid>{guid}</guid><title>{title}</title><link>https://example.org/{guid}</link>
<pubDate>{date}</pubDate><description>{text}</description></item>"""
STRIKE = (
    "k1",
    "Missile strike on Kharkiv kills 3 &amp; injures 12",
    "A Russian missile hit Kharkiv on Tuesday, killing 3 people and injuring 12, governor "
    "Oleh Syniehubov said.",
)
EVACUATION = (
    "e1",
    "Evacuation ordered in Druzhkivka",
    "Authorities ordered the evacuation of 1,200 residents from Druzhkivka in Donetsk region "
    "to Dnipro, regional governor Vadym Filashkin said on Tuesday.",
)
SPORT = ("s1", "Dynamo win the cup", "Dynamo beat Shakhtar 2-1 in the cup final on Tuesday.")


def rss(*items: tuple[str, str, str]) -> bytes:
    """A feed of (guid, title, escaped description) items, published an hour ago, so
    /latest and /sitrep, which look at recent days, see them."""
    date = format_datetime(datetime.now(UTC) - timedelta(hours=1))
    body = "".join(ITEM.format(guid=g, title=t, text=x, date=date) for g, t, x in items)
    channel = f"<channel><title>t</title>{body}</channel>"
    return f'<?xml version="1.0"?><rss version="2.0">{channel}</rss>'.encode()


async def until(check: Callable[[], object], *, seconds: float = 15.0) -> None:
    """Wait for a fake server to have seen something; fail after `seconds`."""
    deadline = asyncio.get_running_loop().time() + seconds
    while not check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("timed out waiting for the fake server")
        await asyncio.sleep(0.05)
