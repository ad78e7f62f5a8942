"""What every command handler is given: the store, places, settings and clock, and its errors."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Protocol

from bot.alerts.filters import PlaceResolver
from bot.alerts.match import Containment
from bot.config.schema import SeveritySettings
from bot.errors import UserError
from bot.i18n import (
    DEFAULT_LANGUAGE,
    DEFAULT_TIMEZONE,
    ENGLISH,
    Audience,
    PlaceNames,
    Translator,
    zone_of,
)
from bot.records import CommandRequest, Reply, Severity
from bot.store import (
    ChatSettingsStore,
    EventQueries,
    PauseReasons,
    SourceControl,
    SourceHealthStore,
    StatsReader,
    StoryQueries,
    SubscriptionStore,
)


class CommandStore(
    ChatSettingsStore,
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
    # Who asks: their language and time zone. Dispatch sets it per request from the chat's
    # settings, else the user's own language, else the operator's defaults below.
    audience: Audience = ENGLISH
    default_language: str = DEFAULT_LANGUAGE
    default_timezone: tzinfo = field(default_factory=lambda: _zone(DEFAULT_TIMEZONE))
    # Places' names in other languages than English (the codifier's Ukrainian).
    place_names: PlaceNames | None = None
    # Whether /sitrep answers with a map too.
    maps: bool = True
    # Whether the platform shows buttons (Telegram, Slack): replies offer them, and
    # /subscribe alone starts a wizard of them.
    buttons: bool = False
    # The severity from which alerts ignore quiet hours and digests (as the pipeline holds).
    breakthrough: Severity = Severity.FLASH

    @property
    def tr(self) -> Translator:
        return self.audience.tr

    def command(self, text: str) -> str:
        """`latest 5` as a user types it here: `/latest 5`, or `/newsalert latest 5` in Slack."""
        return f"{self.command_prefix}{text}"

    def source_name(self, source_id: str) -> str:
        return self.sources.get(source_id, source_id)


class UsageError(UserError):
    """A command's arguments are not understood; the message is shown to the user, and
    dispatch adds the command's usage and examples."""


def _zone(name: str) -> tzinfo:
    zone = zone_of(name)
    assert zone is not None, name
    return zone


Handler = Callable[[CommandRequest, CommandContext], Awaitable[Reply]]
