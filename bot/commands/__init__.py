"""Chat commands for every platform: `await dispatch(request, context)` answers a CommandRequest."""

from __future__ import annotations

import difflib
import inspect
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from bot.alerts.filters import filter_help
from bot.commands.buttons import more, mute, wizard
from bot.commands.context import CommandContext, CommandStore, Handler, UsageError
from bot.commands.documents import facts, heading, reply, text
from bot.commands.health import pause, resume, sources, status
from bot.commands.queries import latest, search
from bot.commands.settings import lang, quiet, timezone
from bot.commands.sitrep import sitrep
from bot.commands.stories import story
from bot.commands.subscriptions import subscribe, subscriptions, unsubscribe
from bot.errors import FilterError, StoreError
from bot.i18n import Audience, audience_of, language_of
from bot.records import ChatSettings, CommandRequest, Reply

__all__ = [
    "COMMANDS",
    "OPERATOR_ONLY",
    "CommandContext",
    "CommandStore",
    "HIDDEN",
    "HelpEntry",
    "UsageError",
    "dispatch",
    "help_entries",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class HelpEntry:
    """One command as its handler's docstring describes it: the first line is the summary,
    the next the usage, any further lines examples (all written without the "/" prefix)."""

    name: str
    summary: str
    usage: str
    examples: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    operator_only: bool = False


async def start(request: CommandRequest, ctx: CommandContext) -> Reply:
    """What this bot does, with examples to try.

    start
    """
    _ = ctx.tr.gettext
    examples = (
        ("subscribe удари в:Харківщина", "latest 5", "sitrep Херсонщина 12h", "search Харків")
        if ctx.audience.language == "uk"
        else (
            "subscribe strikes in:kharkiv",
            "latest 5",
            "sitrep kherson oblast 12h",
            "search zaporizhzhia power",
        )
    )
    return reply(
        heading("newsalert"),
        text(
            _(
                "I read news about the war in Ukraine, pick out the facts (strikes, casualties, "
                "evacuations, outages, front-line changes) and alert this chat when something "
                "matches what it subscribed to."
            )
        ),
        facts(ctx.command(example) for example in examples),
        text(
            _(
                "All commands: {help}; one of them: {example}",
                help=ctx.command("help"),
                example=ctx.command("help subscribe"),
            )
        ),
        text(_("Language: {command}", command=ctx.command("lang uk|en"))),
    )


async def help_(request: CommandRequest, ctx: CommandContext) -> Reply:
    """List the commands, or explain one.

    help [command]
    help
    help subscribe
    """
    _ = ctx.tr.gettext
    entries = help_entries()
    wanted = request.text.strip().lstrip("/").lower()
    if not wanted:
        shown = [e for e in entries if request.is_operator or not e.operator_only]
        return reply(
            heading(_("Commands")),
            facts(f"{ctx.command(e.usage)} — {_(e.summary)}" for e in shown),
            text(_("More on one command: {example}", example=ctx.command("help subscribe"))),
        )
    entry = next((e for e in entries if wanted == e.name or wanted in e.aliases), None)
    if entry is None:
        raise UsageError(
            'There is no command "{name}". {hint}', name=wanted, hint=_did_you_mean(wanted, ctx)
        )
    also = (
        _("Also: {commands}.", commands=", ".join(ctx.command(a) for a in entry.aliases))
        if entry.aliases
        else None
    )
    title = ctx.command(entry.name)
    return reply(
        heading(_("{command} (operators only)", command=title) if entry.operator_only else title),
        text(_(entry.summary)),
        text(_("Usage: {usage}", usage=ctx.command(entry.usage))),
        facts(ctx.command(e) for e in entry.examples),
        text(also) if also else None,
        text(filter_help(ctx.tr)) if entry.name in _TAKES_FILTER else None,
    )


COMMANDS: Mapping[str, Handler] = {
    "start": start,
    "help": help_,
    "subscribe": subscribe,
    "sub": subscribe,
    "unsubscribe": unsubscribe,
    "unsub": unsubscribe,
    "subscriptions": subscriptions,
    "list": subscriptions,
    "latest": latest,
    "story": story,
    "mute": mute,
    "more": more,
    "wizard": wizard,
    "search": search,
    "sitrep": sitrep,
    "sources": sources,
    "lang": lang,
    "language": lang,
    "timezone": timezone,
    "tz": timezone,
    "quiet": quiet,
    "status": status,
    "pause": pause,
    "resume": resume,
}
OPERATOR_ONLY: frozenset[str] = frozenset({"status", "pause", "resume"})
# Commands buttons run (the wizard's steps): not listed in help or the menu.
HIDDEN: frozenset[str] = frozenset({"wizard"})
_TAKES_FILTER = frozenset({"subscribe", "latest"})


def help_entries() -> tuple[HelpEntry, ...]:
    """One entry per handler, in registry order; later names of the same handler are aliases."""
    names: dict[Handler, list[str]] = {}
    for name, handler in COMMANDS.items():
        if name not in HIDDEN:
            names.setdefault(handler, []).append(name)
    entries = []
    for handler, (name, *aliases) in names.items():
        lines = [line.strip() for line in (inspect.getdoc(handler) or "").splitlines()]
        body = [line for line in lines[1:] if line]
        entries.append(
            HelpEntry(
                name=name,
                summary=lines[0] if lines else name,
                usage=body[0] if body else name,
                examples=tuple(body[1:]),
                aliases=tuple(aliases),
                operator_only=name in OPERATOR_ONLY,
            )
        )
    return tuple(entries)


# The most a command's arguments may hold: a long filter is a few hundred characters.
MAX_ARGUMENTS = 1000
# What a reply quotes back of what was typed.
_QUOTED = 60
_LONG_QUOTE = re.compile(rf'"([^"]{{{_QUOTED + 1},}})"')


def shorten(typed: str) -> str:
    """Something a user typed, as a reply quotes it back: at most a few dozen characters."""
    return typed if len(typed) <= _QUOTED else typed[: _QUOTED - 1] + "…"


async def audience_for(request: CommandRequest, context: CommandContext) -> Audience:
    """The asker's language and time zone: the chat's choice, else the user's own language
    (Telegram's language_code), else the operator's defaults. A chat that never chose takes
    the language of the first user who talks to it in one newsalert speaks, so its alerts
    come in that language too. A store that cannot be read leaves the defaults: the answer
    matters more than its language."""
    try:
        chosen = await context.store.chat_settings(request.chat)
        own = language_of(request.language)
        if chosen.language is None and own is not None:
            chosen = replace(chosen, language=own)
            await context.store.save_chat_settings(request.chat, chosen)
            log.info("chat language from user chat=%s language=%s", request.chat, own)
    except StoreError as exc:
        log.warning("chat settings unreadable chat=%s error=%r", request.chat, str(exc))
        chosen = ChatSettings()
    return audience_of(
        chosen,
        user_language=request.language,
        default_language=context.default_language,
        default_zone=context.default_timezone,
        names=context.place_names,
    )


async def dispatch(request: CommandRequest, context: CommandContext) -> Reply:
    """Run the command a request names and return its reply; never raises for bad input.

    Unknown commands, operator commands from others and bad arguments get a friendly reply
    with an example; an unexpected failure is logged and answered with a short apology.
    """
    context = replace(context, audience=await audience_for(request, context))
    _ = context.tr.gettext
    name = request.name.strip().lstrip("/").lower() or "help"
    handler = COMMANDS.get(name)
    if handler is None:
        return reply(
            text(
                _(
                    'I don\'t know the command "{name}". {hint}',
                    name=shorten(name),
                    hint=_did_you_mean(name, context),
                )
            )
        )
    if name in OPERATOR_ONLY and not request.is_operator:
        log.info(
            "operator command refused command=%s user=%s chat=%s",
            name,
            request.user_id,
            request.chat,
        )
        return reply(
            text(
                _(
                    "Sorry, {command} is only for this bot's operators. "
                    "Everyone can use {sources} to see how fresh the news is.",
                    command=context.command(name),
                    sources=context.command("sources"),
                )
            )
        )
    if len(request.text) > MAX_ARGUMENTS:
        # Nothing a person types is this long; refused before any parsing, never echoed.
        return _bad_input(
            _(
                "That is {count} characters; a command takes at most {most}.",
                count=context.tr.number(len(request.text)),
                most=context.tr.number(MAX_ARGUMENTS),
            ),
            handler,
            context,
        )
    try:
        return await handler(request, context)
    except FilterError as exc:
        after = filter_help(context.tr) if exc.show_help else None
        return _bad_input(_(exc.message, **exc.values), handler, context, after=after)
    except UsageError as exc:
        return _bad_input(_(exc.message, **exc.values), handler, context)
    except Exception:  # a bug must not reach the chat as a traceback, only the log
        log.exception(
            "command failed command=%s user=%s chat=%s", name, request.user_id, request.chat
        )
        return reply(
            text(
                _(
                    "Sorry, something went wrong while answering {command}. "
                    "Please try again later; the operator can find the details in the log.",
                    command=context.command(name),
                )
            )
        )


def _bad_input(
    message: str, handler: Handler, ctx: CommandContext, *, after: str | None = None
) -> Reply:
    """What was wrong (anything typed quoted back short), then `after` (the filter help),
    the command's usage and an example."""
    _ = ctx.tr.gettext
    message = _LONG_QUOTE.sub(lambda m: f'"{shorten(m.group(1))}"', message)
    if after:
        message = f"{message}\n{after}"
    entry = next((e for e in help_entries() if COMMANDS[e.name] is handler), None)
    if entry is None:  # a button's command: what was wrong is all there is to say
        return reply(text(message))
    # An example with arguments shows more than the bare command does.
    example = next((e for e in entry.examples if " " in e), entry.name)
    return reply(
        text(message),
        text(_("Usage: {usage}", usage=ctx.command(entry.usage))),
        text(_("Example: {example}", example=ctx.command(example))),
    )


def _did_you_mean(name: str, ctx: CommandContext) -> str:
    _ = ctx.tr.gettext
    close = difflib.get_close_matches(name, list(COMMANDS), n=1, cutoff=0.6)
    listed = _("See {help} for the list.", help=ctx.command("help"))
    if close:
        return _("Did you mean {command}?", command=ctx.command(close[0])) + " " + listed
    return listed
