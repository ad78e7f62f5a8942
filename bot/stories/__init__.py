"""Stories: each event joins the story of its incident or starts one (between extract and alerts)."""

from __future__ import annotations

from bot.stories.book import StoryBook, StoryStore
from bot.stories.memory import MemoryStories

__all__ = ["MemoryStories", "StoryBook", "StoryStore"]
