"""A raion told alone stands for its town in a story whose other reports name the town, and
reaches no further: the evening's shelling of Nikopol is not the morning's market in
Marhanets because a report in between named only their common raion. Through `newsalert
stories`, the real extractor."""

from __future__ import annotations

import json

import pytest

from bot.extract import Extractor
from tests.stories.scenario import run_stories

REPORTS = {
    "uk": (
        "Марганець під обстрілом. Є влучання в районі центрального ринку, загинула людина, є "
        "поранені.",
        "Нікопольщина. Зранку ворог гатив з артилерії по ринку, загинула людина, троє поранених.",
        "Через ворожий обстріл Нікополя пошкоджено лінію електропередачі. Без світла "
        "залишилися 3200 родин.",
    ),
    "ru": (
        "Марганец под обстрелом. Есть попадание в районе центрального рынка, погиб человек, "
        "есть раненые.",
        "Никопольщина. Утром враг бил из артиллерии по рынку, погиб человек, трое раненых.",
        "Из-за вражеского обстрела Никополя повреждена линия электропередачи. Без света "
        "остались 3200 семей.",
    ),
    "en": (
        "Russian artillery shelled the central market in Marhanets, killing one person and "
        "wounding others.",
        "Nikopol district: Russian artillery hit a market in the morning, killing one person "
        "and wounding three.",
        "Russian shelling of Nikopol damaged a power line, leaving 3,200 families without "
        "electricity.",
    ),
}


@pytest.mark.parametrize("lang", ["en", "uk", "ru"])
async def test_a_raion_report_does_not_carry_a_towns_story_to_its_neighbour(
    extractor: Extractor, lang: str
) -> None:
    times = ("2025-05-20T08:40:00+03:00", "2025-05-20T10:05:00+03:00", "2025-05-20T23:10:00+03:00")
    lines = [
        json.dumps(
            {"id": f"a{i}", "source": "oblast", "title": "", "text": text, "published": at},
            ensure_ascii=False,
        )
        for i, (text, at) in enumerate(zip(REPORTS[lang], times, strict=True))
    ]
    out = await run_stories(extractor, lines)
    places = [[p["name"] for e in o["events"] for p in e["places"]] for o in out]
    assert "Marhanets" in places[0], places
    assert "Nikopol" in places[2], places
    assert "Nikopol Raion" in places[1], places
    assert "Marhanets" not in places[1], places
    # The raion's report joins the market's story; the evening's Nikopol starts its own.
    assert out[1]["story"] == out[0]["story"], out
    assert out[2]["story"] != out[0]["story"], out
    assert out[2]["status"] == "new", out
