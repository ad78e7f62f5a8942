"""Source health for everyone, and the operator's status, pause and resume."""

from __future__ import annotations

import enum
import logging

from bot.commands.context import CommandContext, UsageError
from bot.commands.documents import ago, facts, heading, reply, text
from bot.i18n import N_
from bot.records import CommandRequest, Reply, SourceState

log = logging.getLogger(__name__)
_ERROR_SHOWN = 160


class Health(enum.StrEnum):
    OK = N_("ok")
    FAILING = N_("failing")
    PAUSED = N_("paused")
    NEW = N_("not polled yet")


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
    _, tr = ctx.tr.gettext, ctx.tr
    now = ctx.clock()
    name = ctx.source_name(state.source_id)
    if operator:
        name += f" [{state.source_id}]"
    good = (
        _("last good {ago}", ago=ago(state.last_ok_at, now, tr))
        if state.last_ok_at
        else _("never good yet")
    )
    status = health(state)
    if status is Health.OK and state.last_ok_at:
        line = _("{name}: ok, checked {ago}", name=name, ago=ago(state.last_ok_at, now, tr))
    elif status is Health.FAILING:
        times = f" {state.consecutive_failures}×" if operator else ""
        line = _("{name}: failing{times}, {good}", name=name, times=times, good=good)
    elif status is Health.PAUSED:
        line = _("{name}: paused, {good}", name=name, good=good)
    else:
        line = f"{name}: {_(status.value)}"
    if operator and state.error_count:
        line += "; " + tr.ngettext("{n} error", "{n} errors", state.error_count)
        if state.last_error:
            when = f" ({ago(state.last_error_at, now, tr)})" if state.last_error_at else ""
            line += ", " + _(
                "last{when}: {error}", when=when, error=state.last_error[:_ERROR_SHOWN]
            )
    return line


async def sources(request: CommandRequest, ctx: CommandContext) -> Reply:
    """How fresh each news source is (operators also see errors).

    sources
    """
    _ = ctx.tr.gettext
    if not ctx.sources:
        return reply(heading(_("Sources")), text(_("No sources are configured.")))
    states = await _states(ctx)
    return reply(
        heading(_("Sources ({count})", count=len(states))),
        facts(_line(s, ctx, operator=request.is_operator) for s in states.values()),
    )


async def status(request: CommandRequest, ctx: CommandContext) -> Reply:
    """Counts for operators: sources, articles, events, deliveries, subscriptions.

    status
    """
    _, n = ctx.tr.gettext, ctx.tr.number
    states = await _states(ctx)
    by_health = {h: sum(health(s) is h for s in states.values()) for h in Health}
    stats = await ctx.store.stats()
    return reply(
        heading(_("Status")),
        facts(
            (
                _(
                    "Sources: {counts}",
                    counts=", ".join(f"{by_health[h]} {_(h.value)}" for h in Health),
                ),
                _(
                    "Articles: {articles} · events: {events}",
                    articles=n(stats.articles),
                    events=n(stats.events),
                ),
                _(
                    "Deliveries: {pending} pending, {failed} failed, {sent} sent",
                    pending=n(stats.pending_deliveries),
                    failed=n(stats.failed_deliveries),
                    sent=n(stats.sent_deliveries),
                ),
                _(
                    "Subscriptions: {subscriptions} in {chats} chats; paused: {paused} in {paused_chats} chats",
                    subscriptions=n(stats.subscriptions),
                    chats=n(stats.chats),
                    paused=n(stats.paused_subscriptions),
                    paused_chats=n(stats.paused_chats),
                ),
            )
        ),
    )


def _source_id(arg: str, ctx: CommandContext) -> str:
    wanted = arg.strip().strip("\"'“”").lower()
    for sid, name in ctx.sources.items():
        if wanted in (sid.lower(), name.lower()):
            return sid
    listed = ", ".join(ctx.sources) or "-"
    if not wanted:
        raise UsageError("Which source? Sources: {sources}.", sources=listed)
    raise UsageError(
        'There is no source "{source}". Sources: {sources}.', source=arg.strip(), sources=listed
    )


async def _set_paused(request: CommandRequest, ctx: CommandContext, *, paused: bool) -> Reply:
    _ = ctx.tr.gettext
    sid = _source_id(request.text, ctx)
    before = await ctx.store.source_state(sid)
    name = ctx.source_name(sid)
    if before.paused == paused:
        if paused:
            return reply(text(_("{name} is already paused.", name=name)))
        return reply(text(_("{name} is already running.", name=name)))
    await ctx.store.set_source_paused(sid, paused=paused)
    log.info("source %s source=%s by=%s", "paused" if paused else "resumed", sid, request.user_id)
    if paused:
        then = _("It is not polled until {command}.", command=ctx.command(f"resume {sid}"))
        return reply(heading(_("Paused {name}", name=name)), text(then), ephemeral=False)
    return reply(
        heading(_("Resumed {name}", name=name)),
        text(_("It is polled again on its schedule.")),
        ephemeral=False,
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
