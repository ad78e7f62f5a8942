"""The one error tree of newsalert.

    NewsalertError
    ├── ConfigError          the YAML config is invalid; names the key path and the bad value
    ├── SourceError          one source could not be polled (recorded on its health row)
    │   ├── FetchError       network failure, timeout, bad status, body over the size cap
    │   └── FeedParseError   the body is not a feed we can read
    ├── StoreError           the database could not be opened or migrated
    ├── FilterError          a subscription filter could not be understood (shown to the user)
    ├── DeliveryError        a platform refused or failed a send (becomes a Delivery row)
    │   ├── ChatGone         the bot was blocked, kicked, or the chat no longer exists
    │   ├── ChatMoved        the chat has a new id (a Telegram group became a supergroup)
    │   └── MessageGone      a message to edit was deleted or can no longer be edited
    └── PlatformError        a platform could not start (bad token, unreachable API)

Library code raises these; only the CLI turns them into exit codes.
"""

from __future__ import annotations


class NewsalertError(Exception):
    """Base of every error newsalert raises on purpose."""


class ConfigError(NewsalertError):
    """The configuration is invalid; the message names each bad key path and value."""

    def __init__(self, problems: list[str] | tuple[str, ...], *, path: str | None = None) -> None:
        self.problems = tuple(problems)
        self.path = path
        where = f"{path}: " if path else ""
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{where}invalid configuration\n{lines}")


class SourceError(NewsalertError):
    """A source could not be polled this time."""


class FetchError(SourceError):
    """The source could not be fetched (network, status, size cap). `retry_after`: the
    server asked not to be asked again sooner (a 429 or 503 with Retry-After), in seconds."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class FeedParseError(SourceError):
    """The fetched body could not be read as a feed."""


class StoreError(NewsalertError):
    """The store could not be opened, migrated or written."""


class UserError(NewsalertError):
    """Something a person typed is not understood. The message is kept as its English
    template and values, so the reply can show it in the reader's language."""

    def __init__(self, message: str, /, **values: object) -> None:
        self.message = message
        self.values = values
        super().__init__(message.format(**{k: str(v) for k, v in values.items()}))


class FilterError(UserError):
    """A subscription filter is not understood; the message is shown to the user, with
    what a filter is made of when `show_help` (a word or option not understood)."""

    show_help = False


class DeliveryError(NewsalertError):
    """A platform refused or failed to deliver a message."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


class ChatGone(DeliveryError):
    """The chat will not take messages any more: its subscriptions are paused, not retried."""

    def __init__(self, message: str) -> None:
        super().__init__(message, permanent=True)


class ChatMoved(DeliveryError):
    """The chat lives on under a new id; the message should go there instead."""

    def __init__(self, message: str, *, new_chat_id: str) -> None:
        super().__init__(message, permanent=False)
        self.new_chat_id = new_chat_id


class MessageGone(DeliveryError):
    """A message to edit is gone or frozen: the update is sent as a new message instead."""

    def __init__(self, message: str) -> None:
        super().__init__(message, permanent=True)


class PlatformError(NewsalertError):
    """A chat platform could not start: the message says what to fix."""
