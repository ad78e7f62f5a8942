"""Rows to records and back, plus the chat clause the subscription and delivery tables share."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from sqlalchemy import ColumnElement, Row, Table, and_

from bot.records import (
    Article,
    ChatRef,
    Delivery,
    DeliveryStatus,
    Report,
    Severity,
    SourceState,
    Story,
    StoryStatus,
    Subscription,
)
from bot.store import codec
from bot.store.tables import NO_THREAD


def thread_value(chat: ChatRef) -> str:
    return chat.thread_id or NO_THREAD


def chat_of(row: Row[Any]) -> ChatRef:
    return ChatRef(platform=row.platform, chat_id=row.chat_id, thread_id=row.thread_id or None)


def in_chat(table: Table, chat: ChatRef, *, all_threads: bool = False) -> ColumnElement[bool]:
    clause = and_(table.c.platform == chat.platform, table.c.chat_id == chat.chat_id)
    return clause if all_threads else and_(clause, table.c.thread_id == thread_value(chat))


def article_values(article: Article) -> dict[str, Any]:
    return {
        "source_id": article.source_id,
        "key": article.key,
        "guid": article.guid,
        "url": article.url,
        "title": article.title,
        "text": article.text,
        "published_at": article.published_at,
        "fetched_at": article.fetched_at,
    }


def article_of(row: Row[Any]) -> Article:
    return Article(
        source_id=row.source_id,
        guid=row.guid,
        url=row.url,
        title=row.title,
        text=row.text,
        published_at=row.published_at,
        fetched_at=row.fetched_at,
    )


def subscription_of(row: Row[Any]) -> Subscription:
    return Subscription(
        id=row.id,
        chat=chat_of(row),
        filter=codec.filter_from_dict(row.filter),
        filter_text=row.filter_text,
        created_by=row.created_by,
        created_at=row.created_at,
        paused=row.paused,
    )


def delivery_of(row: Row[Any]) -> Delivery:
    return Delivery(
        id=row.id,
        article_id=row.article_id,
        subscription_id=row.subscription_id,
        chat=chat_of(row),
        severity=Severity(row.severity),
        document=codec.document_from_dict(row.document),
        status=DeliveryStatus(row.status),
        attempts=row.attempts,
        message_ids=tuple(row.message_ids),
        error=row.error,
        created_at=row.created_at,
        sent_at=row.sent_at,
        story_id=row.story_id or None,
        note=codec.document_from_dict(row.note) if row.note is not None else None,
        held_until=row.held_until,
        held_for=row.held_for,
        brief=(row.brief[0], row.brief[1]) if row.brief else None,
    )


def state_of(row: Row[Any]) -> SourceState:
    return SourceState(**{f.name: getattr(row, f.name) for f in fields(SourceState)})


def story_of(row: Row[Any]) -> Story:
    return codec.story_from_dict(
        row.card,
        story_id=row.id,
        reports=row.reports,
        first_seen=row.first_seen,
        last_seen=row.last_seen,
    )


def report_of(row: Row[Any]) -> Report:
    return Report(
        article_id=row.article_id,
        source_id=row.source_id,
        outlet=row.outlet,
        title=row.title,
        url=row.url,
        published_at=row.published_at,
        status=StoryStatus(row.status),
        figures=codec.figures_from_list(row.figures),
    )
