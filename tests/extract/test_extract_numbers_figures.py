"""Numbers with their hedges, and what each counts: table-driven."""

from __future__ import annotations

import pytest

from bot.extract.figures import sentence_figures
from bot.extract.numbers import parse_number
from bot.records import Figure, Qualifier

E, ABOUT, LEAST, MORE, UPTO = (
    Qualifier.EXACT,
    Qualifier.ABOUT,
    Qualifier.AT_LEAST,
    Qualifier.MORE_THAN,
    Qualifier.UP_TO,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("19", 19),
        ("1,200", 1200),
        ("twenty-seven", 27),
        ("two dozen", 24),
        ("3 thousand", 3000),
        ("п'ять", 5),
        ("Seven", 7),
        ("soon", None),
    ],
)
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "A strike on Monday killed 19 people and injured more than 100.",
            {"killed": Figure(19), "injured": Figure(100, MORE)},
        ),
        (
            "killing 3 and injuring more than 20",
            {"killed": Figure(3), "injured": Figure(20, MORE)},
        ),
        ("between 10 and 15 people were wounded", {"injured": Figure(10, LEAST, 15)}),
        ("At least 5 civilians died", {"killed": Figure(5, LEAST)}),
        ("up to 40 people may have been evacuated", {"evacuated": Figure(40, UPTO)}),
        ("Some 1,200 residents have been evacuated", {"evacuated": Figure(1200, ABOUT)}),
        ("The death toll rose to 19 on Tuesday.", {"killed": Figure(19)}),
        (
            "Air Force said 38 of 45 drones were shot down.",
            {"intercepted": Figure(38), "launched": Figure(45)},
        ),
        (
            "recaptured 502 settlements in Kharkiv region, 43 in Donetsk region",
            {"settlements": Figure(502)},
        ),
        ("leaving 47,000 households without power", {"without_power": Figure(47000)}),
        (
            "A man was killed and two people were injured",
            {"killed": Figure(1), "injured": Figure(2)},
        ),
        ("Seven people, including three children, died", {"killed": Figure(7)}),
        ("Over the past 24 hours, five persons killed", {"killed": Figure(5)}),
        ("Shelled 10 times, one person was killed", {"killed": Figure(1)}),
        ("No one was injured.", {}),
        ("Two of the injured are in serious condition.", {}),
        ("In 2022, the plant had 6 reactors.", {}),
        ("One KIA, three WIA in Donbas", {"killed": Figure(1), "injured": Figure(3)}),
        (
            "загинули 3 людини, ще щонайменше 5 поранені",
            {"killed": Figure(3), "injured": Figure(5, LEAST)},
        ),
        (
            "погибли 3 человека, более 10 ранены",
            {"killed": Figure(3), "injured": Figure(10, MORE)},
        ),
    ],
)
def test_sentence_figures(sentence: str, expected: dict[str, Figure]) -> None:
    found: dict[str, Figure] = {}
    for label, figure in sentence_figures(sentence):
        found.setdefault(label, figure)
    assert found == expected
