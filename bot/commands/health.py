"""Source health for everyone, and the operator's status, pause and resume."""

from __future__ import annotations

import enum
import logging

from bot.commands.context import CommandContext, UsageError
from bot.commands.documents import ago, facts, heading, reply, text
from bot.records import CommandRequest, Reply, SourceState

log = logging.getLogger(__name__)
_ERROR_SHOWN = 160


class Health(enum.StrEnum):
    OK = "ok"
    FAILING = "failing"
    PAUSED = "paused"
    NEW = "not polled yet"


def health(state: SourceState) -> Health:
    if state.paused:
        return Health.PAUSED
    if state.consecutive_failures:
        return Health.FAILING
    return Health.OK if state.last_fetch_at else Health.NEW


async def _states(ctx: CommandContext) -> dict[str, SourceState]:
    known = {s.source_id: s for s in await ctx.store.all_source_states()}
    return {sid: known.get(sid, SourceState(sid)) for sid in ctx.sources}


def _line(state: SourceState, ctx: CommandContext, *, operator: bool) -> str:
    now = ctx.clock()
    name = ctx.source_name(state.source_id)
    if operator:
        name += f" [{state.source_id}]"
    good = f"last good {ago(state.last_ok_at, now)}" if state.last_ok_at else "never good yet"
    status = health(state)
    if status is Health.OK and state.last_ok_at:
        line = f"{name}: ok, checked {ago(state.last_ok_at, now)}"
    elif status is Health.FAILING:
        times = f" {state.consecutive_failures}×" if operator else ""
        line = f"{name}: failing{times}, {good}"
    elif status is Health.PAUSED:
        line = f"{name}: paused, {good}"
    else:
        line = f"{name}: {status.value}"
    if operator and state.error_count:
        line += f"; {state.error_count} errors"
        if state.last_error:
            when = f" ({ago(state.last_error_at, now)})" if state.last_error_at else ""
            line += f", last{when}: {state.last_error[:_ERROR_SHOWN]}"
    return line


async def sources(request: CommandRequest, ctx: CommandContext) -> Reply:
    """How fresh each news source is (operators also see errors).

    sources
    """
    if not ctx.sources:
        return reply(heading("Sources"), text("No sources are configured."))
    states = await _states(ctx)
    return reply(
        heading(f"Sources ({len(states)})"),
        facts(_line(s, ctx, operator=request.is_operator) for s in states.values()),
    )


async def status(request: CommandRequest, ctx: CommandContext) -> Reply:
    """Counts for operators: sources, articles, events, deliveries, subscriptions.

    status
    """
    states = await _states(ctx)
    by_health = {h: sum(health(s) is h for s in states.values()) for h in Health}
    stats = await ctx.store.stats()
    return reply(
        heading("Status"),
        facts(
            (
                "Sources: " + ", ".join(f"{by_health[h]} {h.value}" for h in Health),
                f"Articles: {stats.articles:,} · events: {stats.events:,}",
                f"Deliveries: {stats.pending_deliveries:,} pending, "
                f"{stats.failed_deliveries:,} failed, {stats.sent_deliveries:,} sent",
                f"Subscriptions: {stats.subscriptions:,} in {stats.chats:,} chats; "
                f"paused: {stats.paused_subscriptions:,} in {stats.paused_chats:,} chats",
            )
        ),
    )


def _source_id(arg: str, ctx: CommandContext) -> str:
    wanted = arg.strip().strip("\"'“”").lower()
    for sid, name in ctx.sources.items():
        if wanted in (sid.lower(), name.lower()):
            return sid
    listed = ", ".join(ctx.sources) or "none are configured"
    if not wanted:
        raise UsageError(f"Which source? Sources: {listed}.")
    raise UsageError(f'There is no source "{arg.strip()}". Sources: {listed}.')


async def _set_paused(request: CommandRequest, ctx: CommandContext, *, paused: bool) -> Reply:
    sid = _source_id(request.text, ctx)
    before = await ctx.store.source_state(sid)
    name = ctx.source_name(sid)
    if before.paused == paused:
        return reply(text(f"{name} is already {'paused' if paused else 'running'}."))
    await ctx.store.set_source_paused(sid, paused=paused)
    log.info("source %s source=%s by=%s", "paused" if paused else "resumed", sid, request.user_id)
    if paused:
        then = f"It is not polled until {ctx.command(f'resume {sid}')}."
        return reply(heading(f"Paused {name}"), text(then), ephemeral=False)
    return reply(
        heading(f"Resumed {name}"), text("It is polled again on its schedule."), ephemeral=False
    )


async def pause(request: CommandRequest, ctx: CommandContext) -> Reply:
    """Stop polling a source until it is resumed (operators only).

    pause <source>
    pause ukrinform
    """
    return await _set_paused(request, ctx, paused=True)


async def resume(request: CommandRequest, ctx: CommandContext) -> Reply:
    """Poll a paused source again (operators only).

    resume <source>
    resume ukrinform
    """
    return await _set_paused(request, ctx, paused=False)
