"""A chat's own choices: the language it reads, its time zone and its quiet hours."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import tzinfo

from bot.alerts.timing import parse_quiet
from bot.commands.context import CommandContext, UsageError
from bot.commands.documents import heading, reply, text
from bot.errors import UserError
from bot.i18n import LANGUAGE_NAMES, LANGUAGES, Audience, language_of, translator, zone_of
from bot.records import CommandRequest, Reply
from bot.render.alert import severity_word

log = logging.getLogger(__name__)

# What people type for a language, in the languages they may type it in.
_LANGUAGE_WORDS = {
    "english": "en",
    "англійська": "en",
    "английский": "en",
    "ukrainian": "uk",
    "українська": "uk",
    "украинский": "uk",
    "ua": "uk",
}
# Zones people name by their city, not the IANA key; any IANA key works as well.
_ZONE_WORDS = {
    "kyiv": "Europe/Kyiv",
    "kiev": "Europe/Kyiv",
    "київ": "Europe/Kyiv",
    "киев": "Europe/Kyiv",
    "utc": "UTC",
    "gmt": "UTC",
}


async def lang(request: CommandRequest, ctx: CommandContext) -> Reply:
    """Choose the language this chat reads: replies, help and alerts.

    lang <uk|en>
    lang uk
    lang en
    """
    _ = ctx.tr.gettext
    wanted = request.text.strip().lower()
    if not wanted:
        return reply(
            text(
                _(
                    "This chat reads {language}. Choose with {command}.",
                    language=LANGUAGE_NAMES[ctx.audience.language],
                    command=ctx.command("lang uk|en"),
                )
            )
        )
    language = language_of(_LANGUAGE_WORDS.get(wanted, wanted))
    if language is None:
        raise UsageError(
            'I don\'t speak "{language}" yet; I speak {languages}.',
            language=wanted,
            languages=", ".join(f"{code} ({LANGUAGE_NAMES[code]})" for code in LANGUAGES),
        )
    settings = await ctx.store.chat_settings(request.chat)
    await ctx.store.save_chat_settings(request.chat, replace(settings, language=language))
    log.info("chat language chat=%s language=%s by=%s", request.chat, language, request.user_id)
    tr = translator(language)  # the answer is in the language just chosen
    return reply(
        heading(tr.gettext("Language: {language}", language=LANGUAGE_NAMES[language])),
        text(tr.gettext("Replies and alerts in this chat are now in this language.")),
        ephemeral=False,
    )


async def timezone(request: CommandRequest, ctx: CommandContext) -> Reply:
    """Choose the time zone this chat's times are shown in.

    timezone <zone>
    timezone Europe/Kyiv
    timezone UTC
    timezone Europe/Berlin
    """
    _ = ctx.tr.gettext
    wanted = request.text.strip()
    now = ctx.clock()
    if not wanted:
        return reply(
            text(
                _(
                    "Times here are shown in {zone} (now {time}). Choose with {command}.",
                    zone=_zone_key(ctx.audience.zone),
                    time=ctx.audience.time(now, with_date=False),
                    command=ctx.command("timezone Europe/Kyiv"),
                )
            )
        )
    key = _ZONE_WORDS.get(wanted.lower(), wanted)
    zone = zone_of(key) or zone_of(_title_case(key))
    if zone is None:
        raise UsageError(
            '"{zone}" is not a time zone I know; write it as Region/City, e.g. Europe/Kyiv.',
            zone=wanted,
        )
    settings = await ctx.store.chat_settings(request.chat)
    await ctx.store.save_chat_settings(request.chat, replace(settings, timezone=_zone_key(zone)))
    log.info("chat timezone chat=%s zone=%s by=%s", request.chat, _zone_key(zone), request.user_id)
    shown = Audience(ctx.tr, zone, ctx.place_names)
    return reply(
        heading(_("Time zone: {zone}", zone=_zone_key(zone))),
        text(_("Times here are now shown like this: {time}.", time=shown.time(now))),
        ephemeral=False,
    )


def _zone_key(zone: tzinfo) -> str:
    return getattr(zone, "key", None) or str(zone)


def _title_case(key: str) -> str:
    """`europe/kyiv` → `Europe/Kyiv`: IANA keys are case-sensitive, people's typing is not."""
    return "/".join("_".join(w.capitalize() for w in part.split("_")) for part in key.split("/"))


async def quiet(request: CommandRequest, ctx: CommandContext) -> Reply:
    """Hold alerts at night and get them as one digest when the quiet hours end.

    quiet <from-until|off>
    quiet 23:00-07:00
    quiet off
    """
    _ = ctx.tr.gettext
    wanted = request.text.strip().lower()
    settings = await ctx.store.chat_settings(request.chat)
    if not wanted:
        if settings.quiet is None:
            return reply(
                text(
                    _(
                        "No quiet hours here: alerts come as they happen. Set some with {command}.",
                        command=ctx.command("quiet 23:00-07:00"),
                    )
                )
            )
        return reply(
            text(
                _(
                    "Quiet hours here: {quiet} ({zone}). Stop them with {command}.",
                    quiet=settings.quiet,
                    zone=_zone_key(ctx.audience.zone),
                    command=ctx.command("quiet off"),
                )
            )
        )
    if wanted in ("off", "none", "вимк", "вимкнути", "ні", "выкл"):
        await ctx.store.save_chat_settings(request.chat, replace(settings, quiet=None))
        log.info("chat quiet hours off chat=%s by=%s", request.chat, request.user_id)
        return reply(
            heading(_("Quiet hours off")), text(_("Alerts come as they happen.")), ephemeral=False
        )
    try:
        hours = parse_quiet(wanted)
    except UserError as exc:
        raise UsageError(exc.message, **exc.values) from None
    await ctx.store.save_chat_settings(request.chat, replace(settings, quiet=str(hours)))
    log.info("chat quiet hours chat=%s quiet=%s by=%s", request.chat, hours, request.user_id)
    start, end = hours.start.strftime("%H:%M"), hours.end.strftime("%H:%M")
    return reply(
        heading(_("Quiet hours: {quiet}", quiet=str(hours))),
        text(
            _(
                "From {start} to {end} ({zone}) alerts wait and come as one digest at {end}; "
                "{breakthrough} alerts still come at once.",
                start=start,
                end=end,
                zone=_zone_key(ctx.audience.zone),
                breakthrough=severity_word(ctx.breakthrough, ctx.audience),
            )
        ),
        ephemeral=False,
    )
