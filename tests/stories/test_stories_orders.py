"""An evacuation order widened the next day to more villages is the same order, and news to
the people of those villages: an update that names them. Through `newsalert stories`, the
real extractor, in the three languages."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.extract import Extractor
from bot.records import Change, StoryStatus
from bot.render.story import update_line
from bot.stories import MemoryStories, StoryBook
from bot.stories.jsonl import story_lines

ORDERS = {
    "uk": (
        "Ухвалено рішення про примусову евакуацію дітей з батьками з чотирьох сіл Шахівської "
        "громади: Шахове, Новоторецьке, Володимирівка та Мар'ївка.",
        "Примусову евакуацію дітей розширено: до чотирьох сіл Шахівської громади додано ще "
        "два — Білозерське та Святогорівка.",
    ),
    "ru": (
        "Принято решение о принудительной эвакуации детей с родителями из четырех сел "
        "Шаховской громады: Шахово, Новоторецкое, Владимировка и Марьевка.",
        "Принудительную эвакуацию детей расширили: к четырем селам Шаховской громады "
        "добавлены еще два — Белозерское и Святогоровка.",
    ),
    "en": (
        "Authorities ordered the mandatory evacuation of children and their parents from "
        "four villages of Shakhove hromada: Shakhove, Novotoretske, Volodymyrivka and "
        "Marivka.",
        "The mandatory evacuation of children has been widened: besides the four villages "
        "of Shakhove hromada, it now also covers Bilozerske and Sviatohorivka.",
    ),
}


def _line(i: int, text: str, at: str) -> str:
    return json.dumps(
        {"id": f"a{i}", "source": "t.me/oda", "title": "", "text": text, "published": at},
        ensure_ascii=False,
    )


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
async def test_an_order_widened_to_more_villages_is_an_update_that_names_them(
    extractor: Extractor, lang: str
) -> None:
    book = StoryBook(MemoryStories())
    first, widened = ORDERS[lang]
    lines = [
        _line(1, first, "2025-02-11T08:30:00+02:00"),
        _line(2, widened, "2025-02-12T08:40:00+02:00"),
    ]
    out: list[dict[str, Any]] = [
        json.loads(line) async for line in story_lines(lines, extractor, book)
    ]
    assert out[0]["status"] == "new"
    assert out[1]["story"] == out[0]["story"]
    assert out[1]["status"] == "update"


async def test_the_update_line_names_the_villages_the_order_now_covers(
    extractor: Extractor,
) -> None:
    from datetime import UTC, datetime

    from bot.records import Article

    book = StoryBook(MemoryStories())
    changes: list[Change] = []
    for i, (text, at) in enumerate(
        [
            (ORDERS["uk"][0], datetime(2025, 2, 11, 6, 30, tzinfo=UTC)),
            (ORDERS["uk"][1], datetime(2025, 2, 12, 6, 40, tzinfo=UTC)),
        ]
    ):
        article = Article("t.me/oda", str(i), None, "", text, at, at)
        for _, change in await book.assign(article, extractor.extract(article)):
            changes.append(change)
    last = changes[-1]
    assert last.status is StoryStatus.UPDATE
    assert set(last.widened) == {"Bilozerske", "Sviatohorivka"}
    assert "now also Bilozerske, Sviatohorivka" in update_line(last)
