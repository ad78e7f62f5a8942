"""Persistence: small protocols per consumer, implemented by one SQL store (SQLite or PostgreSQL)."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from bot.records import (
    Article,
    ChatRef,
    ChatSettings,
    Delivery,
    Document,
    Event,
    Filter,
    Report,
    Severity,
    SourceState,
    StoredArticle,
    Story,
    Subscription,
)


class ArticleLog(Protocol):
    """Decides what is new: an article seen before (by guid, else canonical URL) is dropped."""

    async def record_articles(
        self, articles: Sequence[Article], *, processed: bool = False
    ) -> tuple[StoredArticle, ...]:
        """Insert the unseen articles and return only those, in input order. `processed`:
        recorded as already handled (a source's backlog), never extracted or matched."""
        ...

    async def record_events(self, article_id: int, events: Sequence[Event]) -> None: ...


class SourceHealthStore(Protocol):
    async def source_state(self, source_id: str) -> SourceState: ...

    async def save_source_state(self, state: SourceState) -> None: ...

    async def all_source_states(self) -> tuple[SourceState, ...]: ...


class SubscriptionStore(Protocol):
    async def add_subscription(
        self, chat: ChatRef, filter_: Filter, filter_text: str, *, created_by: str | None
    ) -> Subscription: ...

    async def subscriptions(self, chat: ChatRef | None = None) -> tuple[Subscription, ...]:
        """Active and paused subscriptions, all chats when `chat` is None."""
        ...

    async def remove_subscription(self, chat: ChatRef, subscription_id: int) -> bool: ...


class Outbox(Protocol):
    """Alerts are written before they are sent and marked after: nothing is lost on a crash."""

    async def enqueue(
        self,
        *,
        article_id: int,
        subscription_id: int,
        chat: ChatRef,
        severity: Severity,
        document: Document,
        story_id: int | None = None,
        note: Document | None = None,
        held_until: datetime | None = None,
        held_for: str | None = None,
        brief: tuple[str, str] | None = None,
    ) -> Delivery | None:
        """Queue one alert; None if this article already went to this chat. An update of a
        story (`note` given) whose card still waits for this chat replaces that card. One
        `held_until` a moment is not due before it, and goes out in the digest of the
        chat's alerts held until then for the same reason (`held_for`), saying `brief`."""
        ...

    async def pending(
        self,
        *,
        limit: int = 500,
        now: datetime | None = None,
        platforms: Collection[str] | None = None,
    ) -> tuple[Delivery, ...]:
        """Undelivered alerts due at `now` (default: the current time), most severe first,
        then oldest first; of these `platforms` only, when given (alerts kept for a platform
        that is not running must not crowd out the others)."""
        ...

    async def waiting(
        self, platforms: Collection[str], *, now: datetime | None = None
    ) -> dict[str, int]:
        """Due alerts of platforms other than `platforms`, counted per platform."""
        ...

    async def next_due(self, platforms: Collection[str]) -> datetime | None:
        """When the first of these platforms' undelivered alerts not due yet comes due."""
        ...

    async def mark_sent(
        self, delivery_id: int, message_ids: Sequence[str], at: datetime, *, card: bool = True
    ) -> None:
        """Record a send; `card` False: the messages are an update's reply, not a card."""
        ...

    async def mark_failed(
        self, delivery_id: int, error: str, *, permanent: bool, at: datetime
    ) -> None:
        """Record a failed attempt; a permanent failure leaves the outbox, others stay pending."""
        ...


@dataclass(frozen=True, slots=True)
class RetentionPolicy:
    """Ages past which the store prunes rows (see `bot.store.retention`); None keeps them."""

    articles: timedelta | None = timedelta(days=30)  # text and events; the key stays
    seen: timedelta | None = timedelta(days=365)  # the whole article
    stories: timedelta | None = timedelta(days=30)
    deliveries: timedelta | None = timedelta(days=30)  # sent or failed
    batch: int = 500


@dataclass(frozen=True, slots=True)
class PruneReport:
    """How many rows one pruning removed (or, for articles, emptied)."""

    articles_emptied: int = 0
    articles_deleted: int = 0
    events_deleted: int = 0
    stories_deleted: int = 0
    deliveries_deleted: int = 0

    @property
    def total(self) -> int:
        return (
            self.articles_emptied
            + self.articles_deleted
            + self.events_deleted
            + self.stories_deleted
            + self.deliveries_deleted
        )


class Retention(Protocol):
    """Old rows pruned, so the store stays the size of its window."""

    async def prune(self, now: datetime, policy: RetentionPolicy) -> PruneReport: ...


@dataclass(frozen=True, slots=True)
class StoreStats:
    """Row counts for an operator's status view, read in one transaction."""

    articles: int
    events: int
    subscriptions: int
    paused_subscriptions: int
    chats: int  # distinct chats (and threads) with at least one subscription
    paused_chats: int  # of those, the ones with a paused subscription
    pending_deliveries: int
    sent_deliveries: int
    failed_deliveries: int


class EventQueries(Protocol):
    """What the store has seen, read back for chat commands (`/latest`, `/search`, `/sitrep`)."""

    async def recent_events(self, limit: int = 10) -> tuple[tuple[StoredArticle, Event], ...]:
        """The newest recorded events with their articles, newest recorded first."""
        ...

    async def events_since(
        self, since: datetime, *, limit: int, texts: bool = True
    ) -> tuple[tuple[StoredArticle, Event], ...]:
        """Events of articles published (else fetched) at or after `since`, newest first.
        With texts=False the articles come without their text (empty), which a summary of
        thousands of events does not read and need not hold in memory."""
        ...

    async def search(
        self, terms: Sequence[Sequence[str]], *, limit: int
    ) -> tuple[tuple[StoredArticle, Event | None], ...]:
        """Up to `limit` articles whose title or text holds every term (any case), newest
        first; one pair per event, or `(article, None)` for an article without events. A
        term is the forms of one word, any of which will do ("Харків", "Харкові")."""
        ...


class StoryQueries(Protocol):
    """Stories read back for chat commands (`/latest`, `/story`, `/sitrep`)."""

    async def story(self, story_id: int) -> tuple[Story, tuple[Report, ...]] | None:
        """A story with its timeline, oldest report first."""
        ...

    async def stories_of(self, article_ids: Sequence[int]) -> dict[int, tuple[Story, ...]]:
        """The stories each article reported, in the order it told them."""
        ...


class SourceControl(Protocol):
    async def set_source_paused(self, source_id: str, *, paused: bool) -> SourceState:
        """Pause or resume polling a source; the rest of its health row is kept."""
        ...


class StatsReader(Protocol):
    async def stats(self) -> StoreStats: ...


class PauseReasons(Protocol):
    async def paused_reasons(self, chat: ChatRef) -> dict[int, str]:
        """Why each paused subscription of this chat was paused, by subscription id."""
        ...


class ChatSettingsStore(Protocol):
    async def chat_settings(self, chat: ChatRef) -> ChatSettings:
        """What the chat chose; all None for a chat that never chose."""
        ...

    async def save_chat_settings(self, chat: ChatRef, settings: ChatSettings) -> None: ...

    async def mute_story(self, chat: ChatRef, story_id: int) -> bool:
        """No more of this story in this chat; False if it was muted already."""
        ...

    async def muted_chats(self, story_id: int) -> frozenset[ChatRef]:
        """The chats that muted a story, thread-less: a mute holds in all their threads."""
        ...


class Store(
    ArticleLog,
    ChatSettingsStore,
    SourceHealthStore,
    SubscriptionStore,
    Outbox,
    EventQueries,
    StoryQueries,
    SourceControl,
    StatsReader,
    PauseReasons,
    Protocol,
):
    """Everything the app needs from persistence; `open()`d once, `close()`d at shutdown."""

    async def close(self) -> None: ...
