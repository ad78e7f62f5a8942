"""Story updates through the Deliverer: edit the chat's card and reply to it (or one of the
two, as the operator chose); a card that is gone is sent anew and becomes the one to edit."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Literal

import pytest

from bot.delivery import Deliverer
from bot.errors import MessageGone
from bot.records import Article, Block, BlockKind, ChatRef, Document, Severity
from bot.store.sql import SqlStore

CHAT = ChatRef("telegram", "100")
NOW = datetime(2024, 5, 20, 12, 0, tzinfo=UTC)
CARD = Document((Block(BlockKind.HEADING, "Strike on Kharkiv: 3 killed"),))
NEW_CARD = Document((Block(BlockKind.HEADING, "Strike on Kharkiv: 5 killed"),))
NOTE = Document((Block(BlockKind.TEXT, "Update: 5 killed (was 3) · 2 sources"),))


class Recorder:
    """A platform at our own seam: records sends and edits; `gone` ids cannot be edited."""

    name = "telegram"

    def __init__(self) -> None:
        self.sent: list[tuple[Document, str | None]] = []
        self.edited: list[tuple[tuple[str, ...], Document]] = []
        self.gone: set[str] = set()

    async def start(self, *, listen: bool = True) -> None: ...

    async def listen(self) -> None: ...

    async def unlisten(self) -> None: ...

    async def stop(self) -> None: ...

    async def send(
        self, chat: ChatRef, document: Document, *, severity: Severity, reply_to: str | None = None
    ) -> tuple[str, ...]:
        self.sent.append((document, reply_to))
        return (str(len(self.sent)),)

    async def edit(self, chat: ChatRef, message_ids: Sequence[str], document: Document) -> None:
        if set(message_ids) & self.gone:
            raise MessageGone(f"message {message_ids[0]}: message to edit not found")
        self.edited.append((tuple(message_ids), document))


async def _update(store: SqlStore, article_id: int) -> None:
    """The story's newer card and its one-line update, queued for CHAT."""
    await store.enqueue(
        article_id=article_id,
        subscription_id=1,
        chat=CHAT,
        severity=Severity.URGENT,
        document=NEW_CARD,
        story_id=3,
        note=NOTE,
    )


async def _card_then_update(
    store: SqlStore, platform: Recorder, mode: Literal["edit", "reply", "both"]
) -> Deliverer:
    a, b = await store.record_articles(
        [Article("s", None, f"https://x.example/{i}", f"t{i}", "", NOW, NOW) for i in (1, 2)]
    )
    deliverer = Deliverer(
        outbox=store, platforms={"telegram": platform}, clock=lambda: NOW, updates=mode
    )
    await store.enqueue(
        article_id=a.id,
        subscription_id=1,
        chat=CHAT,
        severity=Severity.URGENT,
        document=CARD,
        story_id=3,
    )
    assert (await deliverer.drain()).sent == 1
    await _update(store, b.id)
    assert (await deliverer.drain()).sent == 1
    return deliverer


@pytest.mark.parametrize(
    ("mode", "edits", "replies"), [("both", 1, 1), ("edit", 1, 0), ("reply", 0, 1)]
)
async def test_an_update_edits_the_card_and_or_replies_to_it(
    store: SqlStore, mode: Literal["edit", "reply", "both"], edits: int, replies: int
) -> None:
    platform = Recorder()
    await _card_then_update(store, platform, mode)
    assert platform.sent[0] == (CARD, None)
    assert platform.edited == [(("1",), NEW_CARD)] * edits
    assert platform.sent[1:] == [(NOTE, "1")] * replies


async def test_a_card_that_is_gone_is_sent_anew_and_later_updates_edit_that(
    store: SqlStore,
) -> None:
    platform = Recorder()
    platform.gone.add("1")
    deliverer = await _card_then_update(store, platform, "both")
    assert platform.edited == []
    assert platform.sent == [(CARD, None), (NEW_CARD, None)]  # the new card, not a bare note
    (c,) = await store.record_articles(
        [Article("s", None, "https://x.example/3", "t3", "", NOW, NOW)]
    )
    await _update(store, c.id)
    assert (await deliverer.drain()).sent == 1
    # The card sent anew ("2") is the chat's card now: the next update edits and replies to it.
    assert platform.edited == [(("2",), NEW_CARD)]
    assert platform.sent[-1] == (NOTE, "2")
