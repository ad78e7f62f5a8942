"""A morning report of "explosions at night" looks back at the night's attack: it joins that
story, where an alarm of explosions hours later starts another. Through `newsalert stories`
with the real extractor, in the three languages."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.extract import Extractor
from bot.stories import MemoryStories, StoryBook
from bot.stories.jsonl import story_lines

NIGHT = (
    "Нічна атака на Харків",
    "Уночі росіяни атакували Харків шахедами. Є влучання у Салтівському районі, поранені троє людей.",
)
# (a morning report of the night's explosions, an alarm of new ones in the afternoon)
RETOLD = {
    "uk": (
        "У Харкові вночі пролунала серія вибухів",
        "У Харкові вночі пролунала серія вибухів, повідомляють місцеві ЗМІ. Удари припали на "
        "Салтівський район.",
    ),
    "ru": (
        "В Харькове ночью прогремела серия взрывов",
        "В Харькове ночью прогремела серия взрывов, сообщают украинские СМИ. Удары пришлись на "
        "Салтовский район.",
    ),
    "en": (
        "Explosions heard in Kharkiv overnight",
        "A series of explosions were heard in Kharkiv overnight, local media reported. The "
        "strikes hit the Saltivskyi district.",
    ),
}
AFTERNOON = (
    "Знову вибухи в Харкові",
    "Харків, знову вибухи. Ворог атакує місто керованими авіабомбами. Є влучання в "
    "Індустріальному районі.",
)


def _line(i: int, title: str, text: str, at: str) -> str:
    return json.dumps(
        {"id": f"a{i}", "source": f"outlet{i}", "title": title, "text": text, "published": at},
        ensure_ascii=False,
    )


async def _run(extractor: Extractor, lines: list[str]) -> list[dict[str, Any]]:
    book = StoryBook(MemoryStories())
    return [json.loads(line) async for line in story_lines(lines, extractor, book)]


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
async def test_a_morning_report_of_the_nights_explosions_joins_the_nights_story(
    extractor: Extractor, lang: str
) -> None:
    out = await _run(
        extractor,
        [
            _line(0, *NIGHT, "2024-11-13T02:40:00+02:00"),
            _line(1, *RETOLD[lang], "2024-11-13T08:40:00+02:00"),
            _line(2, *AFTERNOON, "2024-11-13T16:10:00+02:00"),
        ],
    )
    assert out[0]["status"] == "new"
    assert out[1]["story"] == out[0]["story"]
    assert out[2]["story"] not in (None, out[0]["story"])


DEBRIS = (
    "",
    "Курск. Обломки сбитого беспилотника упали на крышу девятиэтажного дома. Возникло "
    "возгорание, предварительно пострадал один человек.",
)
TALLY = {
    "ru": "Курск: по итогам ночи пострадавших двое, оба госпитализированы.",
    "uk": "Курськ: за підсумками ночі постраждалих двоє, обоє госпіталізовані.",
    "en": "Kursk: after the night, two people were injured, both taken to hospital.",
}


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
async def test_the_nights_tally_in_the_morning_updates_the_nights_story(
    extractor: Extractor, lang: str
) -> None:
    out = await _run(
        extractor,
        [
            _line(0, *DEBRIS, "2025-09-24T02:30:00+03:00"),
            _line(1, "", TALLY[lang], "2025-09-24T07:50:00+03:00"),
        ],
    )
    assert out[0]["status"] == "new"
    assert out[1]["story"] == out[0]["story"]
    # (one injured more is below the bar for an update alert: see card.material)
    assert out[1]["status"] == "duplicate"
