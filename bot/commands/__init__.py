"""Chat commands for every platform: `await dispatch(request, context)` answers a CommandRequest."""

from __future__ import annotations

import difflib
import inspect
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot.alerts.filters import FILTER_HELP
from bot.commands.context import CommandContext, CommandStore, Handler, UsageError
from bot.commands.documents import facts, heading, reply, text
from bot.commands.health import pause, resume, sources, status
from bot.commands.queries import latest, search
from bot.commands.sitrep import sitrep
from bot.commands.stories import story
from bot.commands.subscriptions import subscribe, subscriptions, unsubscribe
from bot.errors import FilterError
from bot.records import CommandRequest, Reply

__all__ = [
    "COMMANDS",
    "OPERATOR_ONLY",
    "CommandContext",
    "CommandStore",
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
    return reply(
        heading("newsalert"),
        text(
            "I read news about the war in Ukraine, pick out the facts (strikes, casualties, "
            "evacuations, outages, front-line changes) and alert this chat when something "
            "matches what it subscribed to."
        ),
        facts(
            ctx.command(example)
            for example in (
                "subscribe strikes in:kharkiv",
                "latest 5",
                "sitrep kherson oblast 12h",
                "search zaporizhzhia power",
            )
        ),
        text(f"All commands: {ctx.command('help')}; one of them: {ctx.command('help subscribe')}"),
    )


async def help_(request: CommandRequest, ctx: CommandContext) -> Reply:
    """List the commands, or explain one.

    help [command]
    help
    help subscribe
    """
    entries = help_entries()
    wanted = request.text.strip().lstrip("/").lower()
    if not wanted:
        shown = [e for e in entries if request.is_operator or not e.operator_only]
        return reply(
            heading("Commands"),
            facts(f"{ctx.command(e.usage)} — {e.summary}" for e in shown),
            text(f"More on one command: {ctx.command('help subscribe')}"),
        )
    entry = next((e for e in entries if wanted == e.name or wanted in e.aliases), None)
    if entry is None:
        raise UsageError(f'There is no command "{wanted}". {_did_you_mean(wanted, ctx)}')
    also = f"Also: {', '.join(ctx.command(a) for a in entry.aliases)}." if entry.aliases else None
    return reply(
        heading(ctx.command(entry.name) + (" (operators only)" if entry.operator_only else "")),
        text(entry.summary),
        text(f"Usage: {ctx.command(entry.usage)}"),
        facts(ctx.command(e) for e in entry.examples),
        text(also) if also else None,
        text(FILTER_HELP) if entry.name in _TAKES_FILTER else None,
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
    "search": search,
    "sitrep": sitrep,
    "sources": sources,
    "status": status,
    "pause": pause,
    "resume": resume,
}
OPERATOR_ONLY: frozenset[str] = frozenset({"status", "pause", "resume"})
_TAKES_FILTER = frozenset({"subscribe", "latest"})


def help_entries() -> tuple[HelpEntry, ...]:
    """One entry per handler, in registry order; later names of the same handler are aliases."""
    names: dict[Handler, list[str]] = {}
    for name, handler in COMMANDS.items():
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


async def dispatch(request: CommandRequest, context: CommandContext) -> Reply:
    """Run the command a request names and return its reply; never raises for bad input.

    Unknown commands, operator commands from others and bad arguments get a friendly reply
    with an example; an unexpected failure is logged and answered with a short apology.
    """
    name = request.name.strip().lstrip("/").lower() or "help"
    handler = COMMANDS.get(name)
    if handler is None:
        return reply(
            text(f'I don\'t know the command "{shorten(name)}". {_did_you_mean(name, context)}')
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
                f"Sorry, {context.command(name)} is only for this bot's operators. "
                f"Everyone can use {context.command('sources')} to see how fresh the news is."
            )
        )
    if len(request.text) > MAX_ARGUMENTS:
        # Nothing a person types is this long; refused before any parsing, never echoed.
        return _bad_input(
            f"That is {len(request.text):,} characters; a command takes at most "
            f"{MAX_ARGUMENTS:,}.",
            handler,
            context,
        )
    try:
        return await handler(request, context)
    except (FilterError, UsageError) as exc:
        return _bad_input(str(exc), handler, context)
    except Exception:  # a bug must not reach the chat as a traceback, only the log
        log.exception(
            "command failed command=%s user=%s chat=%s", name, request.user_id, request.chat
        )
        return reply(
            text(
                f"Sorry, something went wrong while answering {context.command(name)}. "
                "Please try again later; the operator can find the details in the log."
            )
        )


def _bad_input(message: str, handler: Handler, ctx: CommandContext) -> Reply:
    message = _LONG_QUOTE.sub(lambda m: f'"{shorten(m.group(1))}"', message)
    entry = next(e for e in help_entries() if COMMANDS[e.name] is handler)
    # An example with arguments shows more than the bare command does.
    example = next((e for e in entry.examples if " " in e), entry.name)
    return reply(
        text(message),
        text(f"Usage: {ctx.command(entry.usage)}"),
        text(f"Example: {ctx.command(example)}"),
    )


def _did_you_mean(name: str, ctx: CommandContext) -> str:
    close = difflib.get_close_matches(name, list(COMMANDS), n=1, cutoff=0.6)
    hint = f"Did you mean {ctx.command(close[0])}? " if close else ""
    return f"{hint}See {ctx.command('help')} for the list."
