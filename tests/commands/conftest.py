"""Command fixtures: a real SqlStore on a SQLite file, the real gazetteer, a fixed clock."""

from __future__ import annotations

import pytest

from bot.commands import CommandContext
from bot.config.schema import SeveritySettings
from bot.extract import Extractor
from bot.extract.gazetteer import Gazetteer
from bot.extract.placeref import GazetteerResolver
from bot.extract.wordforms import WordForms
from bot.store.sql import SqlStore
from tests.commands.chat import NEWS, NOW, SOURCES, record


@pytest.fixture(scope="session")
def resolver(gazetteer: Gazetteer) -> GazetteerResolver:
    return GazetteerResolver(gazetteer)


@pytest.fixture(scope="session")
def word_forms(gazetteer: Gazetteer) -> WordForms:
    return WordForms(gazetteer)


@pytest.fixture
def ctx(store: SqlStore, resolver: GazetteerResolver, word_forms: WordForms) -> CommandContext:
    return CommandContext(
        store=store,
        places=resolver,
        severity=SeveritySettings(),
        sources=SOURCES,
        clock=lambda: NOW,
        platform="telegram",
        word_forms=word_forms.forms,
    )


@pytest.fixture
async def news(store: SqlStore, extractor: Extractor) -> SqlStore:
    """The store after the small articles of `chat.NEWS` went through the real extractor."""
    await record(store, extractor, NEWS)
    return store
