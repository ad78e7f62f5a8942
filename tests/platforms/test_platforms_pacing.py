"""The pacer keeps Telegram's limits with a fake clock: per chat, per group, overall."""

from __future__ import annotations

import pytest

from bot.platforms.pacing import Limits, Pacer


class FakeTime:
    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def time_() -> FakeTime:
    return FakeTime()


def pacer(t: FakeTime, **limits: float) -> Pacer:
    return Pacer(Limits(**limits), clock=t.clock, sleep=t.sleep)


async def test_one_chat_gets_one_message_per_second(time_: FakeTime) -> None:
    p = pacer(time_)
    sent = []
    for _ in range(4):
        await p.wait("42", group=False)
        sent.append(time_.now)
    assert sent == pytest.approx([0.0, 1.0, 2.0, 3.0])


async def test_a_group_gets_twenty_a_minute(time_: FakeTime) -> None:
    p = pacer(time_)
    for _ in range(21):
        await p.wait("-100", group=True)
    assert time_.now == pytest.approx(60.0)


async def test_many_chats_share_thirty_a_second(time_: FakeTime) -> None:
    p = pacer(time_)
    for chat in range(90):
        await p.wait(str(chat), group=False)
    assert time_.now == pytest.approx(89 / 30)


async def test_retry_after_holds_only_that_chat(time_: FakeTime) -> None:
    p = pacer(time_)
    await p.wait("1", group=False)
    p.back_off("1", 10)
    await p.wait("2", group=False)
    assert time_.now < 1
    await p.wait("1", group=False)
    assert time_.now == pytest.approx(10.0)
