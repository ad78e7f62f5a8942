"""What the buttons do: a subscription wizard (kind → region → severity), "mute this story"
and "more like this". Each button's action is a command line, so every platform's press
comes back through `dispatch` like a typed command."""

from __future__ import annotations

import logging
from dataclasses import replace

from bot.alerts.filters import format_filter
from bot.commands.context import CommandContext, UsageError
from bot.commands.documents import heading, reply, text
from bot.commands.stories import story_named
from bot.extract.placenames import ukraine_regions
from bot.i18n import N_
from bot.kinds import PRIORITY
from bot.records import (
    Button,
    CommandRequest,
    EventKind,
    Filter,
    PlaceLevel,
    PlaceRef,
    Reply,
    Severity,
    Story,
)
from bot.render.alert import kind_label

log = logging.getLogger(__name__)

# Telegram carries a button's action in 64 bytes.
MAX_ACTION_BYTES = 64
_ALL = "all"
_EVERYWHERE = "ua"
_SEVERITIES = (
    (Severity.ROUTINE, N_("All alerts")),
    (Severity.URGENT, N_("Urgent and flash")),
    (Severity.FLASH, N_("Flash only")),
)
_PER_ROW = 3


def fits(action: str) -> bool:
    return len(action.encode("utf-8")) <= MAX_ACTION_BYTES


def rows(buttons: list[Button], per_row: int = _PER_ROW) -> tuple[tuple[Button, ...], ...]:
    return tuple(tuple(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row))


def wizard_start(ctx: CommandContext) -> Reply:
    """The wizard's first step: what to watch for."""
    _ = ctx.tr.gettext
    kinds = [Button(kind_label(k, ctx.audience), f"wizard {k.value}") for k in PRIORITY]
    kinds.append(Button(_("Everything"), f"wizard {_ALL}"))
    document = reply(
        heading(_("New subscription")),
        text(
            _(
                "What should I watch for? (Or type a filter: {command})",
                command=ctx.command("help subscribe"),
            )
        ),
    ).document
    return Reply(replace(document, buttons=rows(kinds, 2)))


async def wizard(request: CommandRequest, ctx: CommandContext) -> Reply:
    """The subscription wizard's steps, as its buttons press them.

    wizard <kind> [region] [severity]
    """
    _ = ctx.tr.gettext
    parts = request.text.split()
    if not parts:
        return wizard_start(ctx)
    kind = parts[0]
    if kind != _ALL and kind not in {k.value for k in EventKind}:
        raise UsageError(
            "That button is out of date; start again with {command}.",
            command=ctx.command("subscribe"),
        )
    if len(parts) == 1:
        regions = [
            Button(ctx.audience.region(name), f"wizard {kind} {code}")
            for name, code in ukraine_regions()
        ]
        regions.insert(0, Button(_("All of Ukraine"), f"wizard {kind} {_EVERYWHERE}"))
        document = reply(heading(_("New subscription")), text(_("Where?"))).document
        return Reply(replace(document, buttons=rows(regions)), replace=True)
    region = parts[1]
    if len(parts) == 2:
        levels = [
            Button(_(label), f"wizard {kind} {region} {severity.label}")
            for severity, label in _SEVERITIES
        ]
        document = reply(heading(_("New subscription")), text(_("How urgent?"))).document
        return Reply(replace(document, buttons=rows(levels)), replace=True)
    wanted = _filter(kind, region, parts[2])
    if wanted is None:
        raise UsageError(
            "That button is out of date; start again with {command}.",
            command=ctx.command("subscribe"),
        )
    from bot.commands.subscriptions import subscribe

    made = await subscribe(replace(request, name="subscribe", text=format_filter(wanted)), ctx)
    return replace(made, replace=True)


def _filter(kind: str, region: str, severity: str) -> Filter | None:
    names = {code: name for name, code in ukraine_regions()}
    if region != _EVERYWHERE and region not in names:
        return None
    levels = {s.label: s for s in Severity}
    if severity not in levels:
        return None
    places: tuple[PlaceRef, ...] = ()
    if region != _EVERYWHERE:
        name = names[region]
        places = (PlaceRef(name, PlaceLevel.REGION, "UA", name),)
    kinds = () if kind == _ALL else (EventKind(kind),)
    return Filter(kinds=kinds, places=places, min_severity=levels[severity])


async def mute(request: CommandRequest, ctx: CommandContext) -> Reply:
    """Stop a story's updates in this chat (its alerts' "mute" button).

    mute <story>
    mute 12
    """
    _ = ctx.tr.gettext
    story_id = (await _story(request, ctx)).id
    fresh = await ctx.store.mute_story(request.chat, story_id)
    log.info("story muted story=%s chat=%s by=%s", story_id, request.chat, request.user_id)
    said = (
        _("Story #{id} muted: its updates no longer come here.", id=story_id)
        if fresh
        else _("Story #{id} is muted here already.", id=story_id)
    )
    return reply(text(said), ephemeral=False)


async def more(request: CommandRequest, ctx: CommandContext) -> Reply:
    """The latest events like a story's: its kind, in its region (its alerts' button).

    more <story>
    more 12
    """
    _ = ctx.tr.gettext
    event = (await _story(request, ctx)).event
    regions = list(dict.fromkeys(m.place.admin1 for m in event.places if m.place.admin1))
    places = (
        (PlaceRef(regions[0], PlaceLevel.REGION, "UA", regions[0]),)
        if regions and regions[0] in dict(ukraine_regions())
        else ()
    )
    like = Filter(kinds=(event.kind,), places=places)
    from bot.commands.queries import latest

    shown = await latest(replace(request, name="latest", text=format_filter(like)), ctx)
    action = f"subscribe {format_filter(like)}"
    if not fits(action):
        return shown
    label = _("Subscribe: {filter}", filter=format_filter(like, ctx.audience))
    return replace(shown, document=replace(shown.document, buttons=((Button(label, action),),)))


async def _story(request: CommandRequest, ctx: CommandContext) -> Story:
    """The story a button (or `mute 12`) names, as it stands."""
    card, _reports = await story_named(request, ctx)
    return card
