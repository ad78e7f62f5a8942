"""Counts, windows, ids and words as users type them after a command."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.commands.args import format_window, split_count, split_window, subscription_ids, words
from bot.commands.context import UsageError


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", ("", 5)),
        ("7", ("", 7)),
        ("strikes in:kyiv 10", ("strikes in:kyiv", 10)),
        ("strikes in kyiv", ("strikes in kyiv", 5)),
        ("  strikes   20 ", ("strikes", 20)),
        ("strikes2", ("strikes2", 5)),
    ],
)
def test_split_count(typed: str, expected: tuple[str, int]) -> None:
    assert split_count(typed, default=5, maximum=20) == expected


@pytest.mark.parametrize("typed", ["0", "21", "strikes -3", "1000000"])
def test_split_count_refuses_out_of_range(typed: str) -> None:
    with pytest.raises(UsageError, match="1 to 20"):
        split_count(typed, default=5, maximum=20)


@pytest.mark.parametrize(
    ("typed", "place", "hours"),
    [
        ("kharkiv", "kharkiv", 24),
        ("kharkiv 12h", "kharkiv", 12),
        ("Kharkiv Oblast 3d", "Kharkiv Oblast", 72),
        ("kharkiv 2 days", "kharkiv", 48),
        ("kharkiv 1w", "kharkiv", 168),
        ("kharkiv 6 HOURS", "kharkiv", 6),
        ("12h", "", 12),
        ("kharkiv 30d", "kharkiv", 720),
    ],
)
def test_split_window(typed: str, place: str, hours: int) -> None:
    assert split_window(typed, default=timedelta(hours=24)) == (place, timedelta(hours=hours))


@pytest.mark.parametrize(
    ("typed", "problem"),
    [("kharkiv 12", "unit"), ("kharkiv 0h", "1h to 30d"), ("kharkiv 5w", "1h to 30d")],
)
def test_split_window_refuses(typed: str, problem: str) -> None:
    with pytest.raises(UsageError, match=problem):
        split_window(typed, default=timedelta(hours=24))


@pytest.mark.parametrize(
    ("hours", "shown"), [(1, "1h"), (24, "24h"), (36, "36h"), (48, "2d"), (720, "30d")]
)
def test_format_window(hours: int, shown: str) -> None:
    assert format_window(timedelta(hours=hours)) == shown


def test_words_drop_quotes_and_repeats() -> None:
    assert words('"Nova Kakhovka"  evacuation “dam” nova') == (
        "Nova",
        "Kakhovka",
        "evacuation",
        "dam",
        "nova",
    )
    assert words("   ") == ()


def test_subscription_ids() -> None:
    assert subscription_ids("3") == (3,)
    assert subscription_ids("#3, 5 3") == (3, 5)
    with pytest.raises(UsageError, match='"three" is not a subscription id'):
        subscription_ids("3 three")
