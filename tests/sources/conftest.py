"""Fixtures for the sources tests: the shared corpus, golden feeds and a loopback server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.paths import CORPUS, DATA, need
from tests.sources.feedserver import FeedServer, serving


@pytest.fixture
def corpus_feeds() -> Path:
    return need(CORPUS / "feeds")


@pytest.fixture
def golden_feeds() -> Path:
    return DATA / "feeds"


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    with serving() as server:
        yield server
