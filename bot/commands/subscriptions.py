"""Subscribe, unsubscribe and list: a chat's standing filters, each shown in normalised form."""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.alerts.filters import format_filter, parse_filter
from bot.commands.args import subscription_ids
from bot.commands.context import CommandContext, UsageError
from bot.commands.documents import facts, heading, reply, text
from bot.records import Button, ChatRef, CommandRequest, Reply, Subscription

log = logging.getLogger(__name__)


def _here(chat: ChatRef, ctx: CommandContext) -> str:
    """`this chat` or `this thread`, for the middle of a sentence."""
    return ctx.tr.gettext("this thread") if chat.thread_id else ctx.tr.gettext("this chat")


def _line(sub: Subscription, reasons: dict[int, str], ctx: CommandContext) -> str:
    _ = ctx.tr.gettext
    line = f"#{sub.id}  {format_filter(sub.filter, ctx.audience)}"
    if sub.paused:
        reason = reasons.get(sub.id)
        line += "  " + (_("(paused: {reason})", reason=reason) if reason else _("(paused)"))
    return line


async def subscribe(request: CommandRequest, ctx: CommandContext) -> Reply:
    """Get an alert here whenever a new event matches a filter.

    subscribe <filter>
    subscribe strikes in:kherson
    subscribe evacuations casualties in:"Kharkiv Oblast" -drill min:urgent
    subscribe all
    """
    _ = ctx.tr.gettext
    if not request.text.strip():
        if ctx.buttons:
            from bot.commands.buttons import wizard_start

            return wizard_start(ctx)
        raise UsageError("Tell me what to watch for, or write all for everything.")
    wanted = parse_filter(request.text, places=ctx.places)
    normal = format_filter(wanted)
    shown = format_filter(wanted, ctx.audience)
    existing = await ctx.store.subscriptions(request.chat)
    same = next((s for s in existing if s.filter == wanted or s.filter_text == normal), None)
    if same is not None:
        return reply(
            heading(_("Already subscribed (#{id})", id=same.id)),
            text(
                _("This thread already has #{id}: {filter}", id=same.id, filter=shown)
                if request.chat.thread_id
                else _("This chat already has #{id}: {filter}", id=same.id, filter=shown)
            ),
        )
    if len(existing) >= ctx.max_subscriptions:
        return reply(
            heading(_("Too many subscriptions")),
            text(
                _(
                    "There are {count} subscriptions here, the most I keep. Remove one first: "
                    "{unsubscribe}; see the ids with {subscriptions}.",
                    count=len(existing),
                    unsubscribe=ctx.command("unsubscribe <id>"),
                    subscriptions=ctx.command("subscriptions"),
                )
            ),
        )
    sub = await ctx.store.add_subscription(
        request.chat, wanted, normal, created_by=request.user_id
    )
    log.info("subscribed id=%s chat=%s user=%s", sub.id, request.chat, request.user_id)
    return reply(
        heading(_("Subscribed #{id}", id=sub.id)),
        text(shown),
        text(
            _(
                "New events that match arrive in {here}. Stop with {command}.",
                here=_here(request.chat, ctx),
                command=ctx.command(f"unsubscribe {sub.id}"),
            )
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
    _ = ctx.tr.gettext
    arg = request.text.strip()
    if not arg:
        raise UsageError("Which subscription? Give its id, or all.")
    existing = await ctx.store.subscriptions(request.chat)
    if arg.lower() in ("all", "все", "всі", "усі"):
        ids: tuple[int, ...] = tuple(s.id for s in existing)
        if not ids:
            return reply(
                text(_("There are no subscriptions in {here}.", here=_here(request.chat, ctx)))
            )
    else:
        ids = subscription_ids(arg)
    removed = [i for i in ids if await ctx.store.remove_subscription(request.chat, i)]
    missing = [i for i in ids if i not in removed]
    blocks = []
    if removed:
        names = ", ".join(f"#{i}" for i in removed)
        blocks.append(heading(_("Unsubscribed {ids}", ids=names)))
    if missing:
        names = ", ".join(f"#{i}" for i in missing)
        blocks.append(
            text(
                _(
                    "There is no subscription {ids} in {here}. See the ids with {command}.",
                    ids=names,
                    here=_here(request.chat, ctx),
                    command=ctx.command("subscriptions"),
                )
            )
        )
    return reply(*blocks, ephemeral=not removed)


async def subscriptions(request: CommandRequest, ctx: CommandContext) -> Reply:
    """List this chat's subscriptions with their ids.

    subscriptions
    """
    _ = ctx.tr.gettext
    existing = await ctx.store.subscriptions(request.chat)
    if not existing:
        example = (
            "subscribe удари в:Харків"
            if ctx.audience.language == "uk"
            else "subscribe strikes in:kharkiv"
        )
        return reply(
            heading(_("No subscriptions yet")),
            text(_("Try {command}", command=ctx.command(example))),
        )
    reasons = (
        await ctx.store.paused_reasons(request.chat) if any(s.paused for s in existing) else {}
    )
    listed = reply(
        heading(
            _(
                "Subscriptions in {here} ({count})",
                here=_here(request.chat, ctx),
                count=len(existing),
            )
        ),
        facts(_line(s, reasons, ctx) for s in existing),
        text(_("Remove one with {command}.", command=ctx.command("unsubscribe <id>"))),
    )
    if not ctx.buttons:
        return listed
    from bot.commands.buttons import rows

    buttons = [Button(_("Unsubscribe #{id}", id=s.id), f"unsubscribe {s.id}") for s in existing]
    return replace(listed, document=replace(listed.document, buttons=rows(buttons)))
