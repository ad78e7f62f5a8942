"""Subscribe, unsubscribe and list through dispatch, on a real store and gazetteer."""

from __future__ import annotations

import pytest

from bot.commands import CommandContext
from bot.records import BlockKind, EventKind, PlaceLevel
from bot.store.sql import SqlStore
from tests.commands.chat import CHAT, OTHER, TOPIC, exec_command, run


async def test_subscribe_stores_the_filter_and_lists_it_normalised(
    ctx: CommandContext, store: SqlStore
) -> None:
    reply = await run(ctx, '/subscribe Strikes evacuations in "kharkiv oblast" -Drill min:URGENT')
    normal = 'evacuations strikes in:"Kharkiv Oblast" -drill min:urgent'
    (sub,) = await store.subscriptions(CHAT)
    assert reply.document.blocks[0].text == f"Subscribed #{sub.id}"
    assert normal in reply.document.plain_text()
    assert not reply.ephemeral  # the chat sees what it now receives
    assert sub.filter_text == normal
    assert sub.created_by == "u1"
    assert sub.filter.kinds == (EventKind.EVACUATION, EventKind.STRIKE)
    assert sub.filter.places[0].level is PlaceLevel.REGION

    listed = await run(ctx, "/subscriptions")
    assert listed.document.blocks[1].kind is BlockKind.FACTS
    assert listed.document.blocks[1].items == (f"#{sub.id}  {normal}",)


@pytest.mark.parametrize(
    ("typed", "again"),
    [
        ("strikes in:kherson", "/subscribe strike in Kherson"),
        ("strikes in:kherson", "/sub missiles in:KHERSON"),
        ("all", "/subscribe everything"),
        ('casualties in:"Kharkiv Oblast" -drill', '/subscribe killed -drill in:"kharkiv oblast"'),
    ],
)
async def test_the_same_filter_twice_is_not_duplicated(
    ctx: CommandContext, store: SqlStore, typed: str, again: str
) -> None:
    await exec_command(ctx, f"/subscribe {typed}")
    (first,) = await store.subscriptions(CHAT)
    said = await exec_command(ctx, again)
    assert f"already has #{first.id}" in said
    assert await store.subscriptions(CHAT) == (first,)


async def test_the_normalised_text_round_trips(ctx: CommandContext, store: SqlStore) -> None:
    await exec_command(ctx, "/subscribe air defense front line in:nova-kakhovka +reservoir")
    (sub,) = await store.subscriptions(CHAT)
    # Typing back what /subscriptions shows gives the same subscription, not a new one.
    said = await exec_command(ctx, f"/subscribe {sub.filter_text}")
    assert "already has" in said
    assert len(await store.subscriptions(CHAT)) == 1


async def test_the_same_filter_in_another_chat_or_topic_is_its_own(
    ctx: CommandContext, store: SqlStore
) -> None:
    for chat in (CHAT, TOPIC, OTHER):
        said = await exec_command(ctx, "/subscribe strikes", chat=chat)
        assert said.startswith("Subscribed #")
    assert "this thread" in await exec_command(ctx, "/subscriptions", chat=TOPIC)
    assert len(await store.subscriptions()) == 3


async def test_a_chat_has_at_most_max_subscriptions(ctx: CommandContext, store: SqlStore) -> None:
    small = CommandContext(
        store=ctx.store,
        places=ctx.places,
        severity=ctx.severity,
        sources=ctx.sources,
        clock=ctx.clock,
        platform=ctx.platform,
        max_subscriptions=2,
    )
    await exec_command(small, "/subscribe strikes")
    await exec_command(small, "/subscribe evacuations")
    said = await exec_command(small, "/subscribe casualties")
    assert "the most I keep" in said
    assert "/unsubscribe <id>" in said
    assert len(await store.subscriptions(CHAT)) == 2


async def test_unsubscribe_by_id_only_in_its_own_chat(
    ctx: CommandContext, store: SqlStore
) -> None:
    await exec_command(ctx, "/subscribe strikes")
    await exec_command(ctx, "/subscribe evacuations")
    await exec_command(ctx, "/subscribe strikes", chat=OTHER)
    mine, second = await store.subscriptions(CHAT)
    (theirs,) = await store.subscriptions(OTHER)

    said = await exec_command(ctx, f"/unsubscribe {theirs.id}")
    assert f"no subscription #{theirs.id}" in said
    assert await store.subscriptions(OTHER) == (theirs,)

    reply = await run(ctx, f"/unsub #{mine.id}")
    assert reply.document.blocks[0].text == f"Unsubscribed #{mine.id}"
    assert await store.subscriptions(CHAT) == (second,)

    said = await exec_command(ctx, f"/unsubscribe {mine.id}, 999")
    assert f"no subscription #{mine.id}, #999" in said
    assert "/subscriptions" in said


async def test_unsubscribe_all_clears_only_this_chat(ctx: CommandContext, store: SqlStore) -> None:
    await exec_command(ctx, "/subscribe strikes")
    await exec_command(ctx, "/subscribe evacuations")
    await exec_command(ctx, "/subscribe strikes", chat=OTHER)
    first, second = await store.subscriptions(CHAT)

    said = await exec_command(ctx, "/unsubscribe ALL")
    assert said.startswith(f"Unsubscribed #{first.id}, #{second.id}")
    assert await store.subscriptions(CHAT) == ()
    assert len(await store.subscriptions(OTHER)) == 1
    assert "no subscriptions" in await exec_command(ctx, "/unsubscribe all")


async def test_subscriptions_mark_paused_ones_with_the_reason(
    ctx: CommandContext, store: SqlStore
) -> None:
    assert "Try /subscribe" in await exec_command(ctx, "/subscriptions")
    await exec_command(ctx, "/subscribe strikes in:kharkiv")
    await store.pause_chat(CHAT, "Forbidden: bot was kicked from the group chat")
    await exec_command(ctx, "/subscribe evacuations")
    first, second = await store.subscriptions(CHAT)

    listed = (await run(ctx, "/list")).document.blocks[1].items
    assert listed == (
        f"#{first.id}  strikes in:Kharkiv  (paused: Forbidden: bot was kicked from the group chat)",
        f"#{second.id}  evacuations",
    )
