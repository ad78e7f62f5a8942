"""Relative dates against the publish time in Kyiv, and Ukraine's official romanisation."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from bot.extract.dates import dated_by_saying, month_number, resolve_date
from bot.extract.translit import romanize

FRIDAY = datetime(2022, 10, 14, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("sentence", "published", "expected"),
    [
        ("a strike on Monday killed 19", FRIDAY, date(2022, 10, 10)),
        ("in a video posted online Thursday", FRIDAY, date(2022, 10, 13)),
        ("Early Friday morning, Russia continued", FRIDAY, date(2022, 10, 14)),
        ("Two days ago, it was forced to switch", FRIDAY, date(2022, 10, 12)),
        ("yesterday evening", FRIDAY, date(2022, 10, 13)),
        ("overnight", FRIDAY, date(2022, 10, 14)),
        ("on Oct. 10 the missiles hit", FRIDAY, date(2022, 10, 10)),
        ("on Dec. 30 the missiles hit", datetime(2023, 1, 2, 9, tzinfo=UTC), date(2022, 12, 30)),
        ("у понеділок увечері", FRIDAY, date(2022, 10, 10)),
        # 22:30 UTC on a Monday is 01:30 Tuesday in Kyiv: "this morning" is Tuesday there.
        ("this morning", datetime(2024, 7, 8, 22, 30, tzinfo=UTC), date(2024, 7, 9)),
        # "since Oct. 10" starts a period; the day the event happened is another
        ("trying to encircle the town since Oct. 10", FRIDAY, None),
        (
            "since Oct. 3 the town was shelled; on Oct. 12 a missile hit",
            FRIDAY,
            date(2022, 10, 12),
        ),
        ("обстрілюють з 3 жовтня, а 12 жовтня ракета влучила", FRIDAY, date(2022, 10, 12)),
        ("обстреливают с 3 октября, а 12 октября ракета попала", FRIDAY, date(2022, 10, 12)),
        ("no date here", FRIDAY, None),
        ("on Monday", None, None),
        # the day a thing was said is the last resort: an incident's own day comes first
        ("a strike on Monday killed two, the governor said Thursday", FRIDAY, date(2022, 10, 10)),
        ("Two were killed, the governor said Thursday", FRIDAY, date(2022, 10, 13)),
        ("Загинули двоє, повідомив у четвер голова ОВА", FRIDAY, date(2022, 10, 13)),
        ("on Oct. 3 a missile hit; by Oct. 12 the toll stood at 9", FRIDAY, date(2022, 10, 3)),
        ("by Oct. 12 the toll stood at 9", FRIDAY, date(2022, 10, 12)),
        # the day an attack is named by is its own, whatever else the sentence dates
        (
            "Hundreds gathered on Thursday for the funerals of those killed in Tuesday's strike",
            FRIDAY,
            date(2022, 10, 11),
        ),
        ("Thursday's funerals followed the attack", FRIDAY, date(2022, 10, 13)),
    ],
)
def test_resolve_date(sentence: str, published: datetime | None, expected: date | None) -> None:
    assert resolve_date(sentence, published) == expected


@pytest.mark.parametrize(
    ("sentence", "only_said"),
    [
        ("Two dock workers were killed, the regional governor said Tuesday.", True),
        ("the governor told reporters on Tuesday that two were killed", True),
        ("Двоє загинули, повідомив у вівторок голова ОВА.", True),
        ("Двое погибли, сообщил во вторник глава ОВА.", True),
        ("A missile hit the port on Monday, the governor said Tuesday.", False),
        ("A missile hit the port on Tuesday.", False),
        ("Two were killed, the governor said.", False),
        ("By 17 January the toll stood at 44 dead.", True),
        ("Станом на 17 січня відомо про 44 загиблих.", True),
        ("По состоянию на 17 января известно о 44 погибших.", True),
        ("On 14 January a missile hit; by 17 January the toll stood at 44.", False),
    ],
)
def test_a_day_only_said_is_told_apart(sentence: str, only_said: bool) -> None:
    assert dated_by_saying(sentence, FRIDAY) is only_said


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Олег Синєгубов", "Oleh Syniehubov"),
        ("Згорани", "Zghorany"),
        ("Юрій", "Yurii"),
        ("Їжакевич", "Yizhakevych"),
        ("Йосипівка", "Yosypivka"),
        ("Біла Церква", "Bila Tserkva"),
        ("Запоріжжя", "Zaporizhzhia"),
        ("Чорнобаївка", "Chornobaivka"),
        ("Гола Пристань", "Hola Prystan"),
        ("Куп'янськ", "Kupiansk"),
        ("Щастя", "Shchastia"),
    ],
)
def test_romanize_follows_the_2010_rules(cyrillic: str, latin: str) -> None:
    assert romanize(cyrillic) == latin


@pytest.mark.parametrize(
    ("word", "number"),
    [("Sept", 9), ("March", 3), ("березня", 3), ("декабря", 12), ("Summer", None), ("", None)],
)
def test_month_number(word: str, number: int | None) -> None:
    assert month_number(word) == number
