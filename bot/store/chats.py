"""The chats half of the SQL store: what each chat chose for itself (language, time zone,
quiet hours) and the stories it muted."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from sqlalchemy import select

from bot.records import ChatRef, ChatSettings
from bot.store.database import SqlDatabase
from bot.store.tables import chat_settings, story_mutes

# Seconds every chat's settings are served from memory: a story fanned out to thousands of
# chats reads them once, not once per chat. A change made through this store is seen at
# once; one made by another process within this long.
SETTINGS_FRESH = 30.0


class SqlChats(SqlDatabase):
    """`bot.store.ChatSettingsStore` on SQL. The table has a row only for chats that chose
    something, so all of it is read at once and kept for SETTINGS_FRESH seconds."""

    _chats_read: tuple[float, dict[tuple[str, str], ChatSettings]] | None = None

    async def chat_settings(self, chat: ChatRef) -> ChatSettings:
        cached = self._chats_read
        if cached is None or time.monotonic() - cached[0] >= SETTINGS_FRESH:
            found = select(
                chat_settings.c.platform,
                chat_settings.c.chat_id,
                chat_settings.c.language,
                chat_settings.c.timezone,
                chat_settings.c.quiet,
            )
            read_at = time.monotonic()
            async with self._transaction("reading chats' settings") as conn:
                every = {
                    (r.platform, r.chat_id): ChatSettings(r.language, r.timezone, r.quiet)
                    for r in await conn.execute(found)
                }
            cached = self._chats_read = (read_at, every)
        return cached[1].get((chat.platform, chat.chat_id), ChatSettings())

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
        self._chats_read = None

    async def mute_story(self, chat: ChatRef, story_id: int) -> bool:
        """No more of this story here; False if it was muted already."""
        stmt = (
            self._insert(story_mutes)
            .values(
                platform=chat.platform,
                chat_id=chat.chat_id,
                story_id=story_id,
                muted_at=datetime.now(UTC),
            )
            .on_conflict_do_nothing()
        )
        async with self._transaction("muting a story") as conn:
            return (await conn.execute(stmt)).rowcount > 0

    async def muted_chats(self, story_id: int) -> frozenset[ChatRef]:
        """The chats (any of their threads) that muted a story."""
        found = select(story_mutes.c.platform, story_mutes.c.chat_id).where(
            story_mutes.c.story_id == story_id
        )
        async with self._transaction("reading who muted a story") as conn:
            return frozenset(ChatRef(r.platform, r.chat_id) for r in await conn.execute(found))
