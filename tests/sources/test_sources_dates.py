"""Feed dates read into aware UTC, as a table; and the future clamp."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.sources.dates import clamp, parse_date

CASES = [
    ("Thu, 08 Aug 2024 15:39:03 GMT", datetime(2024, 8, 8, 15, 39, 3, tzinfo=UTC)),
    ("Mon, 28 Sep 2020 16:35:12 +0300", datetime(2020, 9, 28, 13, 35, 12, tzinfo=UTC)),
    ("28 Sep 2020 16:35 +0300", datetime(2020, 9, 28, 13, 35, tzinfo=UTC)),
    ("Seg, 24 Set 2018 19:42:40 -0300", datetime(2018, 9, 24, 22, 42, 40, tzinfo=UTC)),
    ("Di, 03 Dez 2019 10:00:00 +0100", datetime(2019, 12, 3, 9, 0, tzinfo=UTC)),
    ("Wed, 02 Oct 2002 08:00:00 EST", datetime(2002, 10, 2, 13, 0, tzinfo=UTC)),
    ("Wed, 02 Oct 02 08:00:00 Z", datetime(2002, 10, 2, 8, 0, tzinfo=UTC)),
    ("Wed, 02 Oct 2002 08:00:00", datetime(2002, 10, 2, 8, 0, tzinfo=UTC)),
    ("Wed, 02 Oct 2002 08:00:00 +03:00", datetime(2002, 10, 2, 5, 0, tzinfo=UTC)),
    ("2016-06-03T07:38:00.000-07:00", datetime(2016, 6, 3, 14, 38, tzinfo=UTC)),
    ("2018-01-31T20:15:15Z", datetime(2018, 1, 31, 20, 15, 15, tzinfo=UTC)),
    ("2018-01-31T20:15:15", datetime(2018, 1, 31, 20, 15, 15, tzinfo=UTC)),
    ("2018-01-31", datetime(2018, 1, 31, tzinfo=UTC)),
    ("2018-01-31 20:15:15 +0300", datetime(2018, 1, 31, 17, 15, 15, tzinfo=UTC)),
    ("2018-01-31 20:15 UTC", datetime(2018, 1, 31, 20, 15, tzinfo=UTC)),
    ("  Thu,  08 Aug 2024\n15:39:03 GMT ", datetime(2024, 8, 8, 15, 39, 3, tzinfo=UTC)),
    ("yesterday", None),
    ("Thu, 31 Feb 2024 10:00:00 GMT", None),
    ("Thu, 08 Foo 2024 10:00:00 GMT", None),
    ("2018-13-45", None),
    ("2018-01-31 20:15 in the evening", None),
    ("", None),
    (None, None),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_parse_date(text: str | None, expected: datetime | None) -> None:
    parsed = parse_date(text)
    assert parsed == expected
    if parsed is not None:
        assert parsed.tzinfo is UTC


def test_clamp_moves_future_dates_to_fetch_time() -> None:
    fetched = datetime(2024, 8, 8, 12, tzinfo=UTC)

    assert clamp(datetime(2030, 1, 1, tzinfo=UTC), fetched) == fetched
    assert clamp(datetime(2024, 8, 8, 11, tzinfo=UTC), fetched) == datetime(
        2024, 8, 8, 11, tzinfo=UTC
    )
    assert clamp(None, fetched) is None
