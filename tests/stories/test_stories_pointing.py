"""Where and when a report points decides its story: a raion told alone stands for its town in
a story whose other reports name the town, and reaches no further (the evening's shelling of
Nikopol is not the morning's market in Marhanets because a report in between named only their
common raion); a look back that names the part of the day ("those killed in the night
attack") is that part's story, though another was told more recently. Through `newsalert
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


# A city struck at night and again in the afternoon; in the evening a day of mourning "for
# those killed in the night attack" gives the night's toll: the night's story, though the
# afternoon's was told more recently.
DAY = {
    "uk": (
        ("01:50", "Вибухи в столиці. Ворог атакує Київ дронами та ракетами."),
        ("06:40", "Наслідки нічної атаки на Київ: загинули 4 людини, 22 постраждалі."),
        (
            "15:20",
            "Вдень ворог вдарив балістичними ракетами по Києву: загинула людина, п'ятеро поранені.",
        ),
        (
            "19:10",
            "23 липня у Києві оголошено днем жалоби за загиблими внаслідок нічної атаки. "
            "На цей час відомо про 12 загиблих.",
        ),
    ),
    "ru": (
        ("01:50", "Взрывы в столице. Враг атакует Киев дронами и ракетами."),
        ("06:40", "Последствия ночной атаки на Киев: погибли 4 человека, 22 пострадавших."),
        (
            "15:20",
            "Днем враг ударил баллистическими ракетами по Киеву: погиб человек, пятеро ранены.",
        ),
        (
            "19:10",
            "23 июля в Киеве объявлен днем траура по погибшим в результате ночной атаки. "
            "На данный момент известно о 12 погибших.",
        ),
    ),
    "en": (
        ("01:50", "Explosions in the capital as Russia attacks Kyiv with drones and missiles."),
        ("06:40", "Aftermath of the night attack on Kyiv: 4 killed, 22 injured."),
        (
            "15:20",
            "Russian ballistic missiles hit Kyiv in the afternoon, killing one and injuring five.",
        ),
        (
            "19:10",
            "Kyiv declared July 23 a day of mourning for those killed in the night attack. "
            "Twelve people are now known to have died.",
        ),
    ),
}


@pytest.mark.parametrize("lang", ["en", "uk", "ru"])
async def test_the_nights_toll_told_in_the_evening_joins_the_nights_story(
    extractor: Extractor, lang: str
) -> None:
    lines = [
        json.dumps(
            {
                "id": f"d{i}",
                "source": "city",
                "title": "",
                "text": text,
                "published": f"2025-07-22T{hour}:00+03:00",
            },
            ensure_ascii=False,
        )
        for i, (hour, text) in enumerate(DAY[lang])
    ]
    out = await run_stories(extractor, lines)
    night, afternoon, evening = out[1]["story"], out[2]["story"], out[3]["story"]
    assert night is not None, out
    assert afternoon != night, out
    assert evening == night, out
