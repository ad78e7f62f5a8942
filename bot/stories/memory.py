"""Stories kept in memory only: `newsalert stories` without a store, and tests."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from bot.records import Report, Story


class MemoryStories:
    """`StoryStore` in a dict; ids count up from 1."""

    def __init__(self) -> None:
        self.stories: dict[int, Story] = {}
        self.reports: dict[int, list[Report]] = {}

    async def open_stories(self, since: datetime) -> tuple[tuple[Story, tuple[str, ...]], ...]:
        return tuple(
            (s, tuple(r.title for r in self.reports.get(s.id, ())))
            for s in self.stories.values()
            if s.last_seen >= since
        )

    async def save_story(self, story: Story, report: Report) -> Story:
        if story.id == 0:
            story = replace(story, id=len(self.stories) + 1)
        self.stories[story.id] = story
        self.reports.setdefault(story.id, []).append(report)
        return story
