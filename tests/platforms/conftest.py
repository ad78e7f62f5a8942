"""Fixtures every platform test shares: python-telegram-bot's opt-in, the loopback feeds."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.sources.feedserver import FeedServer, serving


@pytest.fixture(autouse=True)
def _timedelta_retry_after(monkeypatch: pytest.MonkeyPatch) -> None:
    # PTB 22 warns while building RetryAfter from int seconds unless this opt-in is set.
    monkeypatch.setenv("PTB_TIMEDELTA", "1")


@pytest.fixture
def feeds() -> Iterator[FeedServer]:
    """A loopback feed server whose routes a test sets."""
    with serving() as server:
        yield server
