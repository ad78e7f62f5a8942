"""What every command handler is given: the store, places, settings and clock, and its errors."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.alerts.filters import PlaceResolver
from bot.alerts.match import Containment
from bot.config.schema import SeveritySettings
from bot.errors import NewsalertError
from bot.records import CommandRequest, Reply
from bot.store import (
    EventQueries,
    PauseReasons,
    SourceControl,
    SourceHealthStore,
    StatsReader,
    StoryQueries,
    SubscriptionStore,
)


class CommandStore(
    SubscriptionStore,
    PauseReasons,
    EventQueries,
    StoryQueries,
    SourceHealthStore,
    SourceControl,
    StatsReader,
    Protocol,
):
    """The persistence the commands read and change; `bot.store.sql.SqlStore` is one."""


@dataclass(frozen=True, slots=True)
class CommandContext:
    """Everything a handler needs besides the request, built once by the app per platform.

    Attributes:
        sources: configured source ids and their display names, in config order.
        clock: the current time, timezone-aware.
        platform: the platform's name, as in ChatRef.platform.
        command_prefix: how users start a command here, e.g. "/" on Telegram and
            "/newsalert " in Slack, so examples in replies can be typed as shown.
    """

    store: CommandStore
    places: PlaceResolver
    severity: SeveritySettings
    sources: Mapping[str, str]
    clock: Callable[[], datetime]
    platform: str
    command_prefix: str = "/"
    max_subscriptions: int = 50
    # Whether a raion or hromada contains a place; without it those filters match nothing.
    within: Containment | None = None
    # The forms a searched word takes in articles (cases, the place's other spellings);
    # without it, words are searched as typed.
    word_forms: Callable[[str], Sequence[str]] | None = None

    def command(self, text: str) -> str:
        """`latest 5` as a user types it here: `/latest 5`, or `/newsalert latest 5` in Slack."""
        return f"{self.command_prefix}{text}"

    def source_name(self, source_id: str) -> str:
        return self.sources.get(source_id, source_id)


class UsageError(NewsalertError):
    """A command's arguments are not understood; the message is shown to the user, and
    dispatch adds the command's usage and examples."""


Handler = Callable[[CommandRequest, CommandContext], Awaitable[Reply]]
