"""The buttons' commands, platform-neutral: the subscription wizard, unsubscribe buttons,
"mute this story" and "more like this"."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.commands import CommandContext
from bot.commands.buttons import MAX_ACTION_BYTES
from bot.records import ChatRef, EventKind, PlaceLevel, Reply, Severity
from bot.store.sql import SqlStore
from tests.commands.chat import CHAT, run


@pytest.fixture
def bctx(ctx: CommandContext) -> CommandContext:
    return replace(ctx, buttons=True)


def actions(answer: Reply) -> list[str]:
    return [b.action for row in answer.document.buttons for b in row]


def labels(answer: Reply) -> list[str]:
    return [b.label for row in answer.document.buttons for b in row]


async def test_subscribe_alone_walks_kind_region_severity_and_subscribes(
    bctx: CommandContext, store: SqlStore
) -> None:
    first = await run(bctx, "/subscribe")
    assert "What should I watch for?" in first.document.plain_text()
    assert "wizard strike" in actions(first)
    assert "wizard all" in actions(first)
    assert len(actions(first)) == len(EventKind) + 1

    where = await run(bctx, "/wizard strike")
    assert where.replace
    assert labels(where)[0] == "All of Ukraine"
    assert "Kharkiv Oblast" in labels(where)
    assert "wizard strike 07" in actions(where)
    assert len(actions(where)) == 28

    urgency = await run(bctx, "/wizard strike 07")
    assert actions(urgency) == [
        "wizard strike 07 routine",
        "wizard strike 07 urgent",
        "wizard strike 07 flash",
    ]

    done = await run(bctx, "/wizard strike 07 urgent")
    assert done.replace
    assert done.document.plain_text().startswith("Subscribed #1")
    (sub,) = await store.subscriptions(CHAT)
    assert sub.filter.kinds == (EventKind.STRIKE,)
    assert [(p.name, p.level) for p in sub.filter.places] == [
        ("Kharkiv Oblast", PlaceLevel.REGION)
    ]
    assert sub.filter.min_severity is Severity.URGENT
    # Every button's action fits Telegram's 64 bytes.
    for answer in (first, where, urgency):
        assert all(len(a.encode()) <= MAX_ACTION_BYTES for a in actions(answer))


async def test_everything_everywhere_and_a_stale_button(
    bctx: CommandContext, store: SqlStore
) -> None:
    done = await run(bctx, "/wizard all ua routine")
    assert done.document.plain_text().startswith("Subscribed #1\nall")
    stale = await run(bctx, "/wizard strike 99 urgent")
    assert "That button is out of date" in stale.document.plain_text()
    assert len(await store.subscriptions(CHAT)) == 1


async def test_the_wizard_speaks_the_chats_language(bctx: CommandContext) -> None:
    await run(bctx, "/lang uk")
    first = await run(bctx, "/subscribe")
    assert "Удар" in labels(first)
    assert "Що відстежувати?" in first.document.plain_text()
    where = await run(bctx, "/wizard strike")
    assert labels(where)[0] == "Уся Україна"


async def test_without_buttons_subscribe_alone_still_asks_for_a_filter(
    ctx: CommandContext,
) -> None:
    answer = await run(ctx, "/subscribe")
    assert answer.document.buttons == ()
    assert "Tell me what to watch for" in answer.document.plain_text()


async def test_each_subscription_has_its_unsubscribe_button(
    bctx: CommandContext, store: SqlStore
) -> None:
    await run(bctx, "/subscribe strikes in:kharkiv")
    await run(bctx, "/subscribe evacuations")
    listed = await run(bctx, "/subscriptions")
    assert actions(listed) == ["unsubscribe 1", "unsubscribe 2"]
    assert labels(listed) == ["Unsubscribe #1", "Unsubscribe #2"]
    await run(bctx, "/unsubscribe 1")
    assert [s.id for s in await store.subscriptions(CHAT)] == [2]


@pytest.mark.usefixtures("news")
async def test_mute_stops_a_storys_updates_here_only(
    bctx: CommandContext, store: SqlStore
) -> None:
    story = (await store.stories_of([5]))[5][0]  # the Kharkiv missile strike
    said = (await run(bctx, f"/mute {story.id}")).document.plain_text()
    assert said == f"Story #{story.id} muted: its updates no longer come here."
    assert await store.muted_chats(story.id) == frozenset({CHAT})
    again = (await run(bctx, f"/mute {story.id}")).document.plain_text()
    assert "muted here already" in again
    assert "There is no story #999" in (await run(bctx, "/mute 999")).document.plain_text()
    # A thread of the chat is the chat: the mute holds there too; another chat is free.
    assert ChatRef("telegram", "-100200") in await store.muted_chats(story.id)
    assert ChatRef("telegram", "-100300") not in await store.muted_chats(story.id)


@pytest.mark.usefixtures("news")
async def test_more_like_this_lists_the_kind_in_the_region_and_offers_to_subscribe(
    bctx: CommandContext, store: SqlStore
) -> None:
    story = (await store.stories_of([5]))[5][0]
    answer = await run(bctx, f"/more {story.id}")
    shown = answer.document.plain_text()
    assert shown.startswith('Latest 2 events · strikes in:"Kharkiv Oblast"')
    assert "Chuhuiv" in shown
    assert "Odesa" not in shown
    assert actions(answer) == ['subscribe strikes in:"Kharkiv Oblast"']
    assert labels(answer) == ['Subscribe: strikes in:"Kharkiv Oblast"']
