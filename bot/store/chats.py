"""The chats half of the SQL store: what each chat chose for itself (language, time zone)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from bot.records import ChatRef, ChatSettings
from bot.store.database import SqlDatabase
from bot.store.tables import chat_settings


class SqlChats(SqlDatabase):
    """`bot.store.ChatSettingsStore` on SQL."""

    async def chat_settings(self, chat: ChatRef) -> ChatSettings:
        found = select(
            chat_settings.c.language, chat_settings.c.timezone, chat_settings.c.quiet
        ).where(chat_settings.c.platform == chat.platform, chat_settings.c.chat_id == chat.chat_id)
        async with self._transaction("reading a chat's settings") as conn:
            row = (await conn.execute(found)).first()
        return ChatSettings(row.language, row.timezone, row.quiet) if row else ChatSettings()

    async def save_chat_settings(self, chat: ChatRef, settings: ChatSettings) -> None:
        values = {
            "language": settings.language,
            "timezone": settings.timezone,
            "quiet": settings.quiet,
        }
        stmt = self._insert(chat_settings).values(
            platform=chat.platform, chat_id=chat.chat_id, updated_at=datetime.now(UTC), **values
        )
        stmt = stmt.on_conflict_do_update(
            index_elements=[chat_settings.c.platform, chat_settings.c.chat_id],
            set_={**values, "updated_at": stmt.excluded.updated_at},
        )
        async with self._transaction("saving a chat's settings") as conn:
            await conn.execute(stmt)
