"""SQLAlchemy Core metadata of the store's tables; the migrations create them."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Dialect,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
    text,
)
from sqlalchemy.types import TypeDecorator


class UtcDateTime(TypeDecorator[datetime]):
    """An aware datetime stored as UTC; SQLite drops the offset, so UTC is re-attached on read."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: the store only keeps aware datetimes")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class JsonText(TypeDecorator[Any]):
    """JSON kept as plain text, so SQLite and PostgreSQL store the same bytes."""

    impl = Text
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        if value is None:
            return None
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        return None if value is None else json.loads(value)


# Stable constraint names, so that later migrations can refer to them on both databases.
metadata = MetaData(
    naming_convention={
        "ix": "ix_%(table_name)s_%(column_0_N_name)s",
        "uq": "uq_%(table_name)s_%(column_0_N_name)s",
        "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
        "pk": "pk_%(table_name)s",
    }
)

# Where a thread is absent the column holds "" rather than NULL: SQL treats NULLs as distinct,
# which would let the deliveries unique key admit the same article twice to one chat.
NO_THREAD = ""

articles = Table(
    "articles",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", String(200), nullable=False),
    Column("key", Text, nullable=False, unique=True),
    Column("guid", Text),
    Column("url", Text),
    Column("title", Text, nullable=False),
    Column("text", Text, nullable=False),
    Column("published_at", UtcDateTime),
    Column("fetched_at", UtcDateTime, nullable=False),
    # Set once the article's alerts are in the outbox; NULL rows are replayed after a crash.
    Column("processed_at", UtcDateTime),
    # Set by the worker that recorded the article's events, when another (the leader) tells
    # its story: several workers sharing a PostgreSQL store.
    Column("extracted_at", UtcDateTime),
    Index(None, "source_id", "fetched_at"),
    Index(None, "fetched_at"),  # retention finds old articles by it
    # The articles still to be told, a handful among millions, found without a scan.
    Index(
        "ix_articles_unprocessed",
        "id",
        postgresql_where=text("processed_at IS NULL"),
        sqlite_where=text("processed_at IS NULL"),
    ),
)

events = Table(
    "events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "article_id",
        Integer,
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    Column("kind", String(40), nullable=False),
    Column("payload", JsonText, nullable=False),
    Column("region", String(200)),
    Column("event_date", Date),
    Column("created_at", UtcDateTime, nullable=False, index=True),
)

source_health = Table(
    "source_health",
    metadata,
    Column("source_id", String(200), primary_key=True),
    Column("etag", Text),
    Column("last_modified", Text),
    Column("last_fetch_at", UtcDateTime),
    Column("last_ok_at", UtcDateTime),
    Column("last_error", Text),
    Column("last_error_at", UtcDateTime),
    Column("consecutive_failures", Integer, nullable=False, server_default="0"),
    Column("error_count", Integer, nullable=False, server_default="0"),
    Column("paused", Boolean, nullable=False, server_default=false()),
    # When the source is next due (a Retry-After or backoff holds across restarts), and the
    # interval it is polled at now (adaptive, within the operator's bounds).
    Column("next_poll_at", UtcDateTime),
    Column("interval_seconds", Float),
    # Where the source left off in its own terms (a channel's newest post id).
    Column("cursor", String(200)),
)

subscriptions = Table(
    "subscriptions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("platform", String(40), nullable=False),
    Column("chat_id", String(200), nullable=False),
    Column("thread_id", String(200), nullable=False, server_default=NO_THREAD),
    Column("filter", JsonText, nullable=False),
    Column("filter_text", Text, nullable=False),
    Column("created_by", String(200)),
    Column("created_at", UtcDateTime, nullable=False),
    Column("paused", Boolean, nullable=False, server_default=false()),
    Column("paused_reason", Text),
    Index(None, "platform", "chat_id", "thread_id"),
)

# A chat's own choices; a chat that never chose has no row. Keyed by chat, not thread:
# a forum's topics share their group's language.
chat_settings = Table(
    "chat_settings",
    metadata,
    Column("platform", String(40), primary_key=True),
    Column("chat_id", String(200), primary_key=True),
    Column("language", String(10)),
    Column("timezone", String(64)),
    Column("quiet", String(20)),
    Column("updated_at", UtcDateTime, nullable=False),
)

# Stories a chat muted ("mute this story"): their updates no longer reach it.
story_mutes = Table(
    "story_mutes",
    metadata,
    Column("platform", String(40), primary_key=True),
    Column("chat_id", String(200), primary_key=True),
    Column("story_id", Integer, primary_key=True),
    Column("muted_at", UtcDateTime, nullable=False),
    Index(None, "story_id"),
)

stories = Table(
    "stories",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("kind", String(40), nullable=False),
    Column("region", String(200)),
    Column("event_date", Date),
    Column("card", JsonText, nullable=False),  # the story's facts as they stand
    Column("reports", Integer, nullable=False, server_default="1"),
    Column("verification", String(20), nullable=False),
    Column("first_seen", UtcDateTime, nullable=False),
    Column("last_seen", UtcDateTime, nullable=False, index=True),
)

story_reports = Table(
    "story_reports",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "story_id",
        Integer,
        ForeignKey("stories.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    ),
    # No foreign key: a timeline line outlives its article's row.
    Column("article_id", Integer),
    Column("source_id", String(200), nullable=False),
    Column("outlet", String(200), nullable=False),
    Column("title", Text, nullable=False),
    Column("url", Text),
    Column("published_at", UtcDateTime),
    Column("status", String(20), nullable=False),
    Column("figures", JsonText, nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column(
        "article_id",
        Integer,
        ForeignKey("articles.id", ondelete="CASCADE"),
        nullable=False,
    ),
    # No foreign key: the row is the record that this article reached this chat, and it must
    # outlive an unsubscribe so that a re-subscription does not resend it.
    Column("subscription_id", Integer, nullable=False, index=True),
    Column("platform", String(40), nullable=False),
    Column("chat_id", String(200), nullable=False),
    Column("thread_id", String(200), nullable=False, server_default=NO_THREAD),
    Column("severity", Integer, nullable=False),
    Column("document", JsonText, nullable=False),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("message_ids", JsonText, nullable=False),
    Column("error", Text),
    Column("created_at", UtcDateTime, nullable=False, index=True),
    Column("sent_at", UtcDateTime),
    Column("next_attempt_at", UtcDateTime),
    # The story the alert is about (0: none), so one article may alert a chat once per
    # story it tells; `note` (the one-line update) marks an update of a story the chat
    # already has a message for.
    Column("story_id", Integer, nullable=False, server_default="0", index=True),
    Column("note", JsonText),
    # Held back until then and why (quiet hours, a digest); what it says in the digest.
    Column("held_until", UtcDateTime),
    Column("held_for", String(10)),
    Column("brief", JsonText),
    # The worker sending it, until when (several workers sharing a PostgreSQL store).
    Column("claimed_by", String(100)),
    Column("claimed_until", UtcDateTime),
    UniqueConstraint("article_id", "story_id", "platform", "chat_id", "thread_id"),
    Index(None, "status", "severity", "id"),
)

# Several workers on one PostgreSQL store (bot.workers): who is alive, and which source each
# polls. A lease not renewed by `expires_at` is free for the others to take.
workers = Table(
    "workers",
    metadata,
    Column("id", String(100), primary_key=True),
    Column("host", String(200), nullable=False),
    Column("pid", Integer, nullable=False),
    Column("started_at", UtcDateTime, nullable=False),
    Column("seen_at", UtcDateTime, nullable=False),
    Column("leader", Boolean, nullable=False, server_default=false()),
)

source_leases = Table(
    "source_leases",
    metadata,
    Column("source_id", String(200), primary_key=True),
    Column("worker_id", String(100), nullable=False, index=True),
    Column("expires_at", UtcDateTime, nullable=False),
)
