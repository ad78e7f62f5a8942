"""Column types: datetimes normalised to UTC and JSON text that reads back the same."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy.dialects import sqlite

from bot.store.tables import JsonText, UtcDateTime

DIALECT = sqlite.dialect()


def test_aware_datetimes_are_written_as_utc() -> None:
    kyiv = datetime(2024, 3, 1, 9, 30, tzinfo=timezone(timedelta(hours=2)))
    written = UtcDateTime().process_bind_param(kyiv, DIALECT)
    assert written == kyiv
    assert written is not None
    assert written.tzinfo is UTC


def test_naive_datetimes_are_refused() -> None:
    with pytest.raises(ValueError, match="naive"):
        UtcDateTime().process_bind_param(datetime(2024, 3, 1), DIALECT)  # noqa: DTZ001


def test_datetimes_read_without_offset_are_utc() -> None:
    read = UtcDateTime().process_result_value(datetime(2024, 3, 1, 7, 30), DIALECT)  # noqa: DTZ001
    assert read == datetime(2024, 3, 1, 7, 30, tzinfo=UTC)


def test_json_text_is_compact_sorted_and_keeps_unicode() -> None:
    column = JsonText()
    text = column.process_bind_param({"b": [1, None], "a": "Харків"}, DIALECT)
    assert text == '{"a":"Харків","b":[1,null]}'
    assert column.process_result_value(text, DIALECT) == {"a": "Харків", "b": [1, None]}
    assert column.process_bind_param(None, DIALECT) is None
