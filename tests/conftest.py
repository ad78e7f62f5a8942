"""Shared fixtures: the real gazetteer and extractor (loaded once per test session), a
SQLite store in the test's folder, a loopback feed server and the shared HTTP client."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest

from bot.config.schema import FetchSettings, PlacesSettings
from bot.extract import Extractor
from bot.extract.gazetteer import Gazetteer
from bot.extract.places import PlaceMatcher
from bot.sources import build_http_client
from bot.store.sql import SqlStore, open_store
from tests.sources.feedserver import FeedServer, serving


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load(PlacesSettings())


@pytest.fixture(scope="session")
def matcher(gazetteer: Gazetteer) -> PlaceMatcher:
    return PlaceMatcher(gazetteer)


@pytest.fixture(scope="session")
def extractor(matcher: PlaceMatcher, gazetteer: Gazetteer) -> Extractor:
    return Extractor(matcher, gazetteer)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SqlStore]:
    """A SQLite store of the test's own (tests/store/ runs its own on both databases)."""
    opened = await open_store(f"sqlite+aiosqlite:///{tmp_path / 'test.db'}")
    try:
        yield opened
    finally:
        await opened.close()


@pytest.fixture
def server() -> Iterator[FeedServer]:
    """A loopback feed server; tests set its routes."""
    with serving() as s:
        yield s


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    """The HTTP client sources share, as the app builds it."""
    c = build_http_client(FetchSettings())
    yield c
    await c.aclose()
