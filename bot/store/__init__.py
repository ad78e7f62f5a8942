"""Persistence: small protocols per consumer, implemented by one SQL store (SQLite or PostgreSQL)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from bot.records import (
    Article,
    ChatRef,
    Delivery,
    Document,
    Event,
    Filter,
    Severity,
    SourceState,
    StoredArticle,
    Subscription,
)


class ArticleLog(Protocol):
    """Decides what is new: an article seen before (by guid, else canonical URL) is dropped."""

    async def record_articles(self, articles: Sequence[Article]) -> tuple[StoredArticle, ...]:
        """Insert the unseen articles and return only those, in input order."""
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
    ) -> Delivery | None:
        """Queue one alert; None if this article already went to this chat."""
        ...

    async def pending(self, *, limit: int = 500) -> tuple[Delivery, ...]:
        """Undelivered alerts, most severe first, then oldest first."""
        ...

    async def mark_sent(
        self, delivery_id: int, message_ids: Sequence[str], at: datetime
    ) -> None: ...

    async def mark_failed(
        self, delivery_id: int, error: str, *, permanent: bool, at: datetime
    ) -> None:
        """Record a failed attempt; a permanent failure leaves the outbox, others stay pending."""
        ...


class Store(ArticleLog, SourceHealthStore, SubscriptionStore, Outbox, Protocol):
    """Everything the app needs from persistence; `open()`d once, `close()`d at shutdown."""

    async def close(self) -> None: ...
