"""/sources for everyone and operators; /status, /pause and /resume for operators only."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.commands import CommandContext
from bot.records import ChatRef, Filter, SourceState
from bot.store.sql import SqlStore
from tests.commands.chat import CHAT, NOW, article, exec_command, run

HEALTHY = SourceState(
    "ukrinform", last_fetch_at=NOW - timedelta(minutes=12), last_ok_at=NOW - timedelta(minutes=12)
)
FAILING = SourceState(
    "kyiv-independent",
    last_fetch_at=NOW - timedelta(minutes=5),
    last_ok_at=NOW - timedelta(hours=3),
    last_error="HTTP 503 from https://kyivindependent.com/feed",
    last_error_at=NOW - timedelta(minutes=5),
    consecutive_failures=3,
    error_count=7,
)


@pytest.fixture
async def polled(store: SqlStore) -> SqlStore:
    await store.save_source_state(HEALTHY)
    await store.save_source_state(FAILING)
    return store


async def test_sources_show_names_and_freshness_to_everyone(
    ctx: CommandContext, polled: SqlStore
) -> None:
    reply = await run(ctx, "/sources")
    assert reply.document.blocks[0].text == "Sources (2)"
    assert reply.document.blocks[1].items == (
        "Ukrinform: ok, checked 12 min ago",
        "The Kyiv Independent: failing, last good 3 h ago",
    )
    assert "503" not in reply.document.plain_text()


async def test_operators_also_see_ids_and_errors(ctx: CommandContext, polled: SqlStore) -> None:
    reply = await run(ctx, "/sources", operator=True)
    assert reply.document.blocks[1].items == (
        "Ukrinform [ukrinform]: ok, checked 12 min ago",
        "The Kyiv Independent [kyiv-independent]: failing 3×, last good 3 h ago; 7 errors, "
        "last (5 min ago): HTTP 503 from https://kyivindependent.com/feed",
    )


async def test_sources_never_polled_and_none_configured(ctx: CommandContext) -> None:
    assert "Ukrinform: not polled yet" in await exec_command(ctx, "/sources")
    bare = CommandContext(
        store=ctx.store,
        places=ctx.places,
        severity=ctx.severity,
        sources={},
        clock=ctx.clock,
        platform=ctx.platform,
    )
    assert "No sources are configured." in await exec_command(bare, "/sources")


@pytest.mark.parametrize("line", ["/status", "/pause ukrinform", "/resume ukrinform"])
async def test_operator_commands_refuse_others_politely(
    ctx: CommandContext, polled: SqlStore, line: str
) -> None:
    said = await exec_command(ctx, line)
    assert said.startswith(f"Sorry, {line.split()[0]} is only for this bot's operators.")
    assert (await polled.source_state("ukrinform")).paused is False


async def test_status_counts_sources_rows_and_chats(ctx: CommandContext, polled: SqlStore) -> None:
    await polled.record_articles([article(1, "ukrinform", "Anything", "")])
    await polled.add_subscription(CHAT, Filter(), "all", created_by="u1")
    await polled.add_subscription(ChatRef("telegram", "9"), Filter(), "all", created_by="u2")
    await polled.pause_chat(ChatRef("telegram", "9"), "Forbidden")

    reply = await run(ctx, "/status", operator=True)
    assert reply.document.blocks[1].items == (
        "Sources: 1 ok, 1 failing, 0 paused, 0 not polled yet",
        "Articles: 1 · events: 0",
        "Deliveries: 0 pending, 0 failed, 0 sent",
        "Subscriptions: 2 in 2 chats; paused: 1 in 1 chats",
    )


async def test_pause_and_resume_set_the_source_health_flag(
    ctx: CommandContext, polled: SqlStore
) -> None:
    reply = await run(ctx, "/pause Ukrinform", operator=True)
    assert reply.document.plain_text() == (
        "Paused Ukrinform\nIt is not polled until /resume ukrinform."
    )
    assert not reply.ephemeral
    paused = await polled.source_state("ukrinform")
    assert paused.paused is True
    assert paused.last_ok_at == HEALTHY.last_ok_at  # the rest of its health is kept

    assert "Ukrinform: paused, last good 12 min ago" in await exec_command(ctx, "/sources")
    assert "already paused" in await exec_command(ctx, "/pause ukrinform", operator=True)
    assert "0 ok, 1 failing, 1 paused" in await exec_command(ctx, "/status", operator=True)

    said = await exec_command(ctx, "/resume ukrinform", operator=True)
    assert said.startswith("Resumed Ukrinform")
    assert await polled.source_state("ukrinform") == HEALTHY
    assert "already running" in await exec_command(ctx, "/resume ukrinform", operator=True)


@pytest.mark.parametrize("line", ["/pause bbc", "/resume bbc", "/pause"])
async def test_an_unknown_source_gets_the_list_of_ids(ctx: CommandContext, line: str) -> None:
    said = await exec_command(ctx, line, operator=True)
    assert "Sources: ukrinform, kyiv-independent." in said
    assert "Example: /pause ukrinform" in said or "Example: /resume ukrinform" in said
    assert await ctx.store.all_source_states() == ()
