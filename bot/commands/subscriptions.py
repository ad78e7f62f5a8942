"""Subscribe, unsubscribe and list: a chat's standing filters, each shown in normalised form."""

from __future__ import annotations

import logging

from bot.alerts.filters import format_filter, parse_filter
from bot.commands.args import subscription_ids
from bot.commands.context import CommandContext, UsageError
from bot.commands.documents import facts, heading, reply, text
from bot.records import ChatRef, CommandRequest, Reply, Subscription

log = logging.getLogger(__name__)


def _where(chat: ChatRef) -> str:
    return "this thread" if chat.thread_id else "this chat"


def _line(sub: Subscription, reasons: dict[int, str]) -> str:
    line = f"#{sub.id}  {sub.filter_text}"
    if sub.paused:
        reason = reasons.get(sub.id)
        line += f"  (paused: {reason})" if reason else "  (paused)"
    return line


async def subscribe(request: CommandRequest, ctx: CommandContext) -> Reply:
    """Get an alert here whenever a new event matches a filter.

    subscribe <filter>
    subscribe strikes in:kherson
    subscribe evacuations casualties in:"Kharkiv Oblast" -drill min:urgent
    subscribe all
    """
    if not request.text.strip():
        raise UsageError("Tell me what to watch for, or write all for everything.")
    wanted = parse_filter(request.text, places=ctx.places)
    normal = format_filter(wanted)
    existing = await ctx.store.subscriptions(request.chat)
    same = next((s for s in existing if s.filter == wanted or s.filter_text == normal), None)
    if same is not None:
        return reply(
            heading(f"Already subscribed (#{same.id})"),
            text(f"{_where(request.chat).capitalize()} already has #{same.id}: {normal}"),
        )
    if len(existing) >= ctx.max_subscriptions:
        return reply(
            heading("Too many subscriptions"),
            text(
                f"{_where(request.chat).capitalize()} has {len(existing)} subscriptions, the most "
                f"I keep. Remove one first: {ctx.command('unsubscribe <id>')}; see the ids with "
                f"{ctx.command('subscriptions')}."
            ),
        )
    sub = await ctx.store.add_subscription(
        request.chat, wanted, normal, created_by=request.user_id
    )
    log.info("subscribed id=%s chat=%s user=%s", sub.id, request.chat, request.user_id)
    return reply(
        heading(f"Subscribed #{sub.id}"),
        text(normal),
        text(
            f"New events that match arrive in {_where(request.chat)}. "
            f"Stop with {ctx.command(f'unsubscribe {sub.id}')}."
        ),
        ephemeral=False,
    )


async def unsubscribe(request: CommandRequest, ctx: CommandContext) -> Reply:
    """Stop one or more subscriptions of this chat, or all of them.

    unsubscribe <id|all>
    unsubscribe 3
    unsubscribe 3 5
    unsubscribe all
    """
    arg = request.text.strip()
    if not arg:
        raise UsageError("Which subscription? Give its id, or all.")
    existing = await ctx.store.subscriptions(request.chat)
    if arg.lower() == "all":
        ids: tuple[int, ...] = tuple(s.id for s in existing)
        if not ids:
            return reply(text(f"There are no subscriptions in {_where(request.chat)}."))
    else:
        ids = subscription_ids(arg)
    removed = [i for i in ids if await ctx.store.remove_subscription(request.chat, i)]
    missing = [i for i in ids if i not in removed]
    blocks = []
    if removed:
        names = ", ".join(f"#{i}" for i in removed)
        blocks.append(heading(f"Unsubscribed {names}"))
    if missing:
        names = ", ".join(f"#{i}" for i in missing)
        blocks.append(
            text(
                f"{_where(request.chat).capitalize()} has no subscription {names}. "
                f"See the ids with {ctx.command('subscriptions')}."
            )
        )
    return reply(*blocks, ephemeral=not removed)


async def subscriptions(request: CommandRequest, ctx: CommandContext) -> Reply:
    """List this chat's subscriptions with their ids.

    subscriptions
    """
    existing = await ctx.store.subscriptions(request.chat)
    if not existing:
        return reply(
            heading("No subscriptions yet"),
            text(f"Try {ctx.command('subscribe strikes in:kharkiv')}"),
        )
    reasons = (
        await ctx.store.paused_reasons(request.chat) if any(s.paused for s in existing) else {}
    )
    return reply(
        heading(f"Subscriptions in {_where(request.chat)} ({len(existing)})"),
        facts(_line(s, reasons) for s in existing),
        text(f"Remove one with {ctx.command('unsubscribe <id>')}."),
    )
