"""When an alert may reach a chat: quiet hours across midnight and DST, digest times, and the
severity that breaks through."""

from __future__ import annotations

from datetime import UTC, datetime, time, tzinfo

import pytest

from bot.alerts.timing import Hold, Quiet, hold, next_digest, parse_digest, parse_quiet, quiet_end
from bot.errors import FilterError, UserError
from bot.i18n import zone_of
from bot.records import Severity

_KYIV = zone_of("Europe/Kyiv")
assert _KYIV is not None
KYIV: tzinfo = _KYIV
NIGHT = Quiet(time(23, 0), time(7, 0))


def kyiv(y: int, mo: int, d: int, h: int, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=KYIV)


@pytest.mark.parametrize(
    ("text", "quiet"),
    [
        ("23:00-07:00", Quiet(time(23, 0), time(7, 0))),
        ("23.30 – 6.45", Quiet(time(23, 30), time(6, 45))),
        ("13:00-14:00", Quiet(time(13, 0), time(14, 0))),
    ],
)
def test_quiet_hours_are_read_as_people_write_them(text: str, quiet: Quiet) -> None:
    assert parse_quiet(text) == quiet


@pytest.mark.parametrize("text", ["", "23-7", "25:00-07:00", "23:00-23:00", "night", "23:00"])
def test_anything_else_is_a_clear_error(text: str) -> None:
    with pytest.raises(UserError, match="23:00-07:00"):
        parse_quiet(text)


@pytest.mark.parametrize(
    ("now", "end"),
    [
        (kyiv(2024, 5, 20, 23, 30), kyiv(2024, 5, 21, 7)),  # before midnight: tomorrow's 07:00
        (kyiv(2024, 5, 21, 3, 0), kyiv(2024, 5, 21, 7)),  # after midnight: today's
        (kyiv(2024, 5, 21, 6, 59), kyiv(2024, 5, 21, 7)),
        (kyiv(2024, 5, 21, 7, 0), None),  # the end itself is no longer quiet
        (kyiv(2024, 5, 21, 12, 0), None),
        (kyiv(2024, 5, 21, 22, 59), None),
    ],
)
def test_quiet_hours_span_midnight_in_the_chats_zone(now: datetime, end: datetime | None) -> None:
    assert quiet_end(now.astimezone(UTC), NIGHT, KYIV) == end


def test_a_night_across_the_dst_change_ends_at_seven_local_time() -> None:
    # Kyiv moved clocks forward on 31 March 2024 at 03:00: the night was an hour shorter.
    end = quiet_end(kyiv(2024, 3, 31, 1, 0).astimezone(UTC), NIGHT, KYIV)
    assert end is not None
    assert end.astimezone(KYIV).hour == 7
    assert end.astimezone(UTC).hour == 4  # 07:00 EEST


def test_digests_come_at_their_time_in_the_chats_zone() -> None:
    assert parse_digest("daily", None) == "daily 08:00"
    assert parse_digest("daily", "7.30") == "daily 07:30"
    assert parse_digest("hourly", None) == "hourly"
    with pytest.raises(FilterError):
        parse_digest("daily", "8am")
    morning = kyiv(2024, 5, 20, 6, 10).astimezone(UTC)
    assert next_digest(morning, "daily 08:00", KYIV) == kyiv(2024, 5, 20, 8)
    assert next_digest(kyiv(2024, 5, 20, 8, 0), "daily 08:00", KYIV) == kyiv(2024, 5, 21, 8)
    assert next_digest(morning, "hourly", KYIV) == kyiv(2024, 5, 20, 7)


def test_below_the_breakthrough_alerts_wait_and_a_flash_never_does() -> None:
    night = kyiv(2024, 5, 21, 3, 0).astimezone(UTC)
    routine = hold(night, severity=Severity.ROUTINE, zone=KYIV, quiet=NIGHT)
    assert routine == Hold(kyiv(2024, 5, 21, 7), "quiet")
    assert hold(night, severity=Severity.URGENT, zone=KYIV, quiet=NIGHT) == routine
    assert hold(night, severity=Severity.FLASH, zone=KYIV, quiet=NIGHT) is None
    # An operator who lets urgent alerts through too.
    assert (
        hold(night, severity=Severity.URGENT, zone=KYIV, quiet=NIGHT, breakthrough=Severity.URGENT)
        is None
    )
    noon = kyiv(2024, 5, 21, 12, 0).astimezone(UTC)
    assert hold(noon, severity=Severity.ROUTINE, zone=KYIV, quiet=NIGHT) is None


def test_a_digest_due_in_quiet_hours_waits_for_their_end() -> None:
    evening = kyiv(2024, 5, 20, 22, 0).astimezone(UTC)
    held = hold(evening, severity=Severity.ROUTINE, zone=KYIV, quiet=NIGHT, digest="hourly")
    # The 23:00 digest falls in the night: it comes at 07:00.
    assert held == Hold(kyiv(2024, 5, 21, 7), "hourly")
    held = hold(evening, severity=Severity.URGENT, zone=KYIV, digest="daily 08:00")
    assert held == Hold(kyiv(2024, 5, 21, 8), "daily")
