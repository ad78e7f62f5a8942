"""What chats chose (language, zone, quiet hours) and the stories they muted, on SQLite and
PostgreSQL: kept, moved with a migrated chat, and read once for a fan-out."""

from __future__ import annotations

import pytest

from bot.records import ChatRef, ChatSettings
from bot.store import chats as chats_module
from bot.store.sql import SqlStore, open_store

CHAT = ChatRef("telegram", "-100")
TOPIC = ChatRef("telegram", "-100", "7")


async def test_a_chat_that_never_chose_has_no_choices(store: SqlStore) -> None:
    assert await store.chat_settings(CHAT) == ChatSettings()


async def test_choices_are_kept_per_chat_and_shared_by_its_threads(store: SqlStore) -> None:
    await store.save_chat_settings(CHAT, ChatSettings(language="uk"))
    await store.save_chat_settings(CHAT, ChatSettings("uk", "Europe/Berlin", "23:00-07:00"))
    assert await store.chat_settings(CHAT) == ChatSettings("uk", "Europe/Berlin", "23:00-07:00")
    assert await store.chat_settings(TOPIC) == ChatSettings("uk", "Europe/Berlin", "23:00-07:00")
    assert await store.chat_settings(ChatRef("slack", "-100")) == ChatSettings()


async def test_a_migrated_group_takes_its_choices_along(store: SqlStore) -> None:
    await store.save_chat_settings(CHAT, ChatSettings(language="uk"))
    await store.migrate_chat(CHAT, "-100999")
    assert await store.chat_settings(ChatRef("telegram", "-100999")) == ChatSettings("uk")
    assert await store.chat_settings(CHAT) == ChatSettings()


async def test_another_process_sees_a_change_once_its_copy_is_stale(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    one, other = await open_store(db_url), await open_store(db_url)
    try:
        assert await other.chat_settings(CHAT) == ChatSettings()  # read and kept
        await one.save_chat_settings(CHAT, ChatSettings(language="uk"))
        assert await one.chat_settings(CHAT) == ChatSettings("uk")  # its own change: at once
        assert await other.chat_settings(CHAT) == ChatSettings()  # within SETTINGS_FRESH
        monkeypatch.setattr(chats_module, "SETTINGS_FRESH", 0.0)
        assert await other.chat_settings(CHAT) == ChatSettings("uk")
    finally:
        await one.close()
        await other.close()


async def test_a_story_is_muted_once_per_chat_for_all_its_threads(store: SqlStore) -> None:
    assert await store.mute_story(TOPIC, 12)
    assert not await store.mute_story(CHAT, 12)
    assert await store.muted_chats(12) == frozenset({CHAT})
    assert await store.muted_chats(13) == frozenset()
