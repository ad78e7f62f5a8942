"""Shared fixtures: the real gazetteer and extractor, loaded once per test session."""

from __future__ import annotations

import pytest

from bot.config.schema import PlacesSettings
from bot.extract import Extractor
from bot.extract.gazetteer import Gazetteer
from bot.extract.places import PlaceMatcher


@pytest.fixture(scope="session")
def gazetteer() -> Gazetteer:
    return Gazetteer.load(PlacesSettings())


@pytest.fixture(scope="session")
def matcher(gazetteer: Gazetteer) -> PlaceMatcher:
    return PlaceMatcher(gazetteer)


@pytest.fixture(scope="session")
def extractor(matcher: PlaceMatcher, gazetteer: Gazetteer) -> Extractor:
    return Extractor(matcher, gazetteer)
