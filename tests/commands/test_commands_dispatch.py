"""dispatch: registry, help from docstrings, operator gate, and friendly replies to bad input."""

from __future__ import annotations

import inspect
import logging
import re

import pytest

from bot.commands import COMMANDS, HIDDEN, OPERATOR_ONLY, CommandContext, dispatch, help_entries
from bot.records import CommandRequest, Reply
from tests.commands.chat import CHAT, exec_command, request, run

# Telegram's setMyCommands limits (docs/PLATFORMS.md): names 1-32 of [a-z0-9_], text 1-256.
_TELEGRAM_NAME = re.compile(r"[a-z0-9_]{1,32}")


def test_every_registered_name_has_a_help_entry_from_its_docstring() -> None:
    entries = help_entries()
    covered = {e.name for e in entries} | {a for e in entries for a in e.aliases}
    # Every name but the buttons' own (the wizard's steps), which help does not list.
    assert covered == set(COMMANDS) - HIDDEN
    assert set(COMMANDS) >= HIDDEN
    for entry in entries:
        doc = inspect.getdoc(COMMANDS[entry.name])
        assert doc is not None
        assert doc.splitlines()[0] == entry.summary
        assert entry.usage.split()[0] == entry.name
        assert all(e.split()[0] == entry.name for e in entry.examples)
        assert entry.operator_only is (entry.name in OPERATOR_ONLY)


def test_help_entries_fit_telegrams_command_menu() -> None:
    for entry in help_entries():
        assert _TELEGRAM_NAME.fullmatch(entry.name)
        assert all(_TELEGRAM_NAME.fullmatch(a) for a in entry.aliases)
        assert 1 <= len(entry.summary) <= 256


def test_aliases_fold_into_their_command() -> None:
    aliases = {e.name: e.aliases for e in help_entries() if e.aliases}
    assert aliases == {
        "subscribe": ("sub",),
        "unsubscribe": ("unsub",),
        "subscriptions": ("list",),
        "lang": ("language",),
        "timezone": ("tz",),
    }


async def test_help_lists_every_command_and_hides_operator_ones_from_others(
    ctx: CommandContext,
) -> None:
    everyone = await exec_command(ctx, "/help")
    operator = await exec_command(ctx, "/help", operator=True)
    for entry in help_entries():
        line = f"/{entry.usage} — {entry.summary}"
        assert line in operator
        assert (line in everyone) is not entry.operator_only


@pytest.mark.parametrize("name", ["subscribe", "sub", "/latest", "PAUSE"])
async def test_help_for_one_command(ctx: CommandContext, name: str) -> None:
    said = await exec_command(ctx, f"/help {name}")
    entry = next(e for e in help_entries() if name.lstrip("/").lower() in (e.name, *e.aliases))
    assert said.startswith(f"/{entry.name}")
    assert f"Usage: /{entry.usage}" in said
    assert all(f"/{e}" in said for e in entry.examples)
    assert ("A filter is made of" in said) is (entry.name in ("subscribe", "latest"))


async def test_slack_style_prefix_shows_in_examples(ctx: CommandContext) -> None:
    slack = CommandContext(
        store=ctx.store,
        places=ctx.places,
        severity=ctx.severity,
        sources=ctx.sources,
        clock=ctx.clock,
        platform="slack",
        command_prefix="/newsalert ",
    )
    said = await exec_command(slack, "/latest 99")
    assert "Example: /newsalert latest strikes in:kharkiv 10" in said
    # Slack's bare `/newsalert` arrives with no subcommand: that is help.
    bare = await dispatch(CommandRequest(chat=CHAT, user_id="U1", name=""), slack)
    assert "/newsalert subscribe <filter>" in bare.document.plain_text()


async def test_start_says_what_the_bot_does(ctx: CommandContext) -> None:
    said = await exec_command(ctx, "/start@newsalert_bot")
    assert said.startswith("newsalert\nI read news about the war in Ukraine")
    assert "• /subscribe strikes in:kharkiv" in said


@pytest.mark.parametrize(
    ("line", "hint"),
    [
        ("/frobnicate", 'I don\'t know the command "frobnicate". See /help for the list.'),
        ("/subscibe strikes", "Did you mean /subscribe?"),
        ("/help frobnicate", 'There is no command "frobnicate".'),
    ],
)
async def test_unknown_commands_point_to_help(ctx: CommandContext, line: str, hint: str) -> None:
    said = await exec_command(ctx, line)
    assert hint in said
    assert "/help" in said


# Every kind of bad input: the problem in words, the usage, an example, no traceback.
@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("/subscribe earthquakes", 'I don\'t understand "earthquakes".'),
        ("/subscribe strikes in:atlantis", 'I don\'t know the place "atlantis".'),
        ("/subscribe", "Tell me what to watch for"),
        ("/subscribe min:apocalyptic", "is not a severity"),
        ("/unsubscribe x", '"x" is not a subscription id'),
        ("/unsubscribe", "Which subscription?"),
        ("/latest abc", 'I don\'t understand "abc".'),
        ("/latest 0", "I can show 1 to 20 at a time, not 0."),
        ("/latest strikes 21", "I can show 1 to 20 at a time, not 21."),
        ("/search", "What should I look for?"),
        ("/search a b c d e f g h i", "Use at most 8 words."),
        ("/sitrep atlantis", 'I don\'t know the place "atlantis".'),
    ],
)
async def test_bad_input_gets_a_friendly_reply_with_an_example(
    ctx: CommandContext, line: str, problem: str
) -> None:
    reply = await run(ctx, line, operator=True)
    said = reply.document.plain_text()
    name = line.split()[0]
    assert problem in said
    assert f"Usage: {name} " in said or f"Usage: {name}\n" in said
    assert f"Example: {name} " in said
    assert "Traceback" not in said
    assert reply.ephemeral


async def test_a_failing_handler_is_logged_and_answered_with_an_apology(
    ctx: CommandContext, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(req: CommandRequest, c: CommandContext) -> Reply:
        raise RuntimeError("database on fire")

    # Our own registry is the seam: a handler that fails in a way nobody planned for.
    monkeypatch.setitem(COMMANDS, "search", broken)
    with caplog.at_level(logging.ERROR, logger="bot.commands"):
        reply = await dispatch(request("/search kharkiv"), ctx)
    said = reply.document.plain_text()
    assert said.startswith("Sorry, something went wrong while answering /search.")
    assert "database on fire" not in said
    assert "command failed command=search" in caplog.text
    assert "database on fire" in caplog.text
