"""`/subscribe ... in:<raion>` matches events in that raion's villages, and only there."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.alerts.severity import severity_of
from bot.commands import dispatch
from bot.commands.context import CommandContext
from bot.config.schema import SeveritySettings
from bot.extract import Extractor
from bot.extract.gazetteer import Gazetteer
from bot.extract.hierarchy import Hierarchy
from bot.extract.placeref import GazetteerResolver, HierarchyContainment
from bot.pipeline import Pipeline
from bot.records import Article, ChatRef, CommandRequest, PlaceLevel
from bot.store.sql import SqlStore
from bot.stories import StoryBook

NOW = datetime(2024, 3, 5, 12, 0, tzinfo=UTC)
CHAT = ChatRef("telegram", "42")


@pytest.fixture(scope="module")
def hierarchy() -> Hierarchy:
    return Hierarchy.load()


def command_context(
    store: SqlStore, resolver: GazetteerResolver, hierarchy: Hierarchy | None = None
) -> CommandContext:
    within = HierarchyContainment(hierarchy) if hierarchy is not None else None
    return CommandContext(
        store=store,
        places=resolver,
        severity=SeveritySettings(),
        sources={},
        clock=lambda: NOW,
        platform="telegram",
        within=within,
    )


async def subscribe(store: SqlStore, resolver: GazetteerResolver, text: str) -> str:
    reply = await dispatch(
        CommandRequest(CHAT, "7", "subscribe", text), command_context(store, resolver)
    )
    return reply.document.plain_text()


def make_pipeline(store: SqlStore, extractor: Extractor, hierarchy: Hierarchy) -> Pipeline:
    """The real pipeline, matching raion and hromada subscriptions through the hierarchy."""
    return Pipeline(
        store=store,
        extract=lambda item: extractor.extract(item.article),
        severity_of=lambda e: severity_of(e, SeveritySettings()),
        clock=lambda: NOW,
        stories=StoryBook(store),
        within=HierarchyContainment(hierarchy),
    )


@pytest.mark.parametrize(
    ("village", "alerted"),
    [
        ("Kairy", True),  # the one Kairy of Kherson Oblast is in Kakhovka Raion
        ("Borozenske", False),  # a village of Beryslav Raion, same oblast
        # Five Tavriiskes in Kherson Oblast, one in Kakhovka Raion: the bare name means the
        # one GeoNames lists (Skadovsk Raion), so a Kakhovka Raion subscriber is not alerted
        # on a guess.
        ("Tavriiske", False),
    ],
)
async def test_raion_subscription_matches_its_villages(
    store: SqlStore,
    gazetteer: Gazetteer,
    extractor: Extractor,
    hierarchy: Hierarchy,
    village: str,
    alerted: bool,
) -> None:
    resolver = GazetteerResolver(gazetteer, hierarchy)
    ref = resolver.resolve_place("Kakhovka Raion")
    assert ref is not None
    assert ref.level is PlaceLevel.DISTRICT
    assert ref.code
    confirmed = await subscribe(store, resolver, "strikes in:kakhovka-raion")
    assert "Kakhovka Raion" in confirmed
    pipeline = make_pipeline(store, extractor, hierarchy)
    article = Article(
        "wire",
        f"g-{village}",
        None,
        f"Shelling of {village}",
        f"Russian artillery shelled the village of {village} in Kherson region on Monday, "
        "injuring two people, the regional military administration said.",
        NOW,
        NOW,
    )
    (stored,) = await store.record_articles([article])
    _, alerts = await pipeline.process([stored])
    assert alerts == (1 if alerted else 0)


def test_hromada_and_ukrainian_names_resolve(gazetteer: Gazetteer, hierarchy: Hierarchy) -> None:
    resolver = GazetteerResolver(gazetteer, hierarchy)
    raion = resolver.resolve_place("Каховський район")
    assert raion is not None
    assert raion.name == "Kakhovka Raion"
    hromada = resolver.resolve_place("Nova Kakhovka hromada")
    assert hromada is not None
    assert hromada.level is PlaceLevel.COMMUNITY
    # Without a level word the town itself is meant, as before.
    town = resolver.resolve_place("Nova Kakhovka")
    assert town is not None
    assert town.level is PlaceLevel.SETTLEMENT


async def test_sitrep_for_a_raion_counts_its_villages(
    store: SqlStore, gazetteer: Gazetteer, extractor: Extractor, hierarchy: Hierarchy
) -> None:
    resolver = GazetteerResolver(gazetteer, hierarchy)
    for village in ("Kairy", "Borozenske"):
        article = Article(
            "wire",
            f"g-{village}",
            None,
            f"Shelling of {village}",
            f"Russian artillery shelled the village of {village} in Kherson region, injuring "
            "two people, the regional military administration said.",
            NOW,
            NOW,
        )
        (stored,) = await store.record_articles([article])
        await store.record_events(stored.id, extractor.extract(article))
    context = command_context(store, resolver, hierarchy)
    reply = await dispatch(CommandRequest(CHAT, "7", "sitrep", "Kakhovka Raion 48h"), context)
    text = reply.document.plain_text()
    assert "Kairy" in text
    assert "Borozenske" not in text


@pytest.mark.parametrize(
    ("raion", "text", "alerted"),
    [
        # Villages GeoNames does not list (under 500 people, or emptied by the war): only the
        # codifier knows them, so only the join can place them in their raion.
        ("Bakhmut Raion", "Russian forces shelled Klishchiivka, south of Bakhmut", True),
        ("Pokrovsk Raion", "Russian forces shelled Klishchiivka, south of Bakhmut", False),
        ("Polohy Raion", "Russian forces shelled Robotyne in Zaporizhzhia region", True),
        ("Zaporizhzhia Raion", "Russian forces shelled Robotyne in Zaporizhzhia region", False),
        # In Ukrainian, inflected: "у Кринках" is Krynky of Kherson Raion.
        ("Kherson Raion", "Росіяни обстріляли Кринки на Херсонщині", True),
    ],
)
async def test_raion_subscription_matches_villages_only_the_codifier_lists(
    store: SqlStore,
    gazetteer: Gazetteer,
    extractor: Extractor,
    hierarchy: Hierarchy,
    raion: str,
    text: str,
    alerted: bool,
) -> None:
    resolver = GazetteerResolver(gazetteer, hierarchy)
    slug = raion.lower().replace(" ", "-")
    assert raion in await subscribe(store, resolver, f"in:{slug}")
    pipeline = make_pipeline(store, extractor, hierarchy)
    body = f"{text} on Monday, injuring two people, the regional administration said."
    article = Article("wire", f"g-{raion}", None, text, body, NOW, NOW)
    (stored,) = await store.record_articles([article])
    _, alerts = await pipeline.process([stored])
    assert alerts == (1 if alerted else 0)


async def test_a_village_only_the_codifier_lists_can_be_subscribed_to(
    store: SqlStore, gazetteer: Gazetteer, extractor: Extractor, hierarchy: Hierarchy
) -> None:
    resolver = GazetteerResolver(gazetteer, hierarchy)
    ref = resolver.resolve_place("Klishchiivka")
    assert ref is not None
    assert ref.geonameid is None
    assert ref.code is not None
    assert ref.admin1 == "Donetsk Oblast"
    assert "Klishchiivka" in await subscribe(store, resolver, "in:klishchiivka")
    pipeline = make_pipeline(store, extractor, hierarchy)
    texts = {
        "k": "Russian artillery shelled Klishchiivka near Bakhmut, injuring two soldiers.",
        "a": "Russian artillery shelled Andriivka near Bakhmut, injuring two soldiers.",
    }
    alerted = {}
    for key, text in texts.items():
        (stored,) = await store.record_articles([Article("wire", key, None, text, "", NOW, NOW)])
        _, alerted[key] = await pipeline.process([stored])
    assert alerted == {"k": 1, "a": 0}
