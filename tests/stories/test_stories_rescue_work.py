"""The rescuers' post hours after a night attack on a city ("fires put out in three districts,
a man freed from a damaged house; 1 killed, 9 injured"), its injured above the count the
story had, is that attack's count still being made: one story, updated, not a second
incident. Through `newsalert stories`, the real extractor."""

from __future__ import annotations

import pytest

from bot.extract import Extractor
from tests.stories.scenario import channel_posts, run_stories

REPORTS = {
    "uk": (
        "Дніпро. Ворог атакував місто ракетами та дронами. Загинула жінка, шестеро поранених.",
        "Дніпро. Рятувальники ліквідували пожежі у трьох районах міста. Із пошкодженого будинку "
        "деблокували чоловіка. Загинула 1 людина, травмовано 9.",
    ),
    "ru": (
        "Днепр. Враг атаковал город ракетами и дронами. Погибла женщина, шестеро ранены.",
        "Днепр. Спасатели ликвидировали пожары в трёх районах города. Из повреждённого дома "
        "деблокировали мужчину. Погиб 1 человек, травмированы 9.",
    ),
    "en": (
        "Dnipro. Russia attacked the city with missiles and drones. A woman was killed and six "
        "people were injured.",
        "Dnipro. Rescuers put out fires in three districts of the city and freed a man trapped "
        "in a damaged house. One person was killed and nine injured.",
    ),
}


@pytest.mark.parametrize("lang", ["en", "uk", "ru"])
async def test_the_rescuers_later_count_updates_the_nights_story(
    extractor: Extractor, lang: str
) -> None:
    # the second post 2 h 40 min after the first: past the burst of a wave
    times = ("2025-09-16T02:38:00+03:00", "2025-09-16T05:18:00+03:00")
    out = await run_stories(extractor, channel_posts(REPORTS[lang], times))
    assert out[0]["status"] == "new"
    kinds = {e["kind"] for e in out[1]["events"]}
    assert "ground_fighting" not in kinds, out[1]["events"]
    assert out[1]["story"] == out[0]["story"], out
    assert out[1]["status"] == "update"  # the injured rose from 6 to 9
