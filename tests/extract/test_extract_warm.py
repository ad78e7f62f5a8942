"""Extractor.warm: what the first articles would load is loaded at start."""

from __future__ import annotations

from bot.extract import Extractor, morphology
from bot.extract.gazetteer import Gazetteer
from bot.extract.places import PlaceMatcher


def test_warming_loads_the_dictionaries_and_the_misspelling_index(gazetteer: Gazetteer) -> None:
    matcher = PlaceMatcher(gazetteer)
    extractor = Extractor(matcher, gazetteer)
    assert matcher._buckets is None

    extractor.warm()

    assert matcher._buckets is not None  # built once, here, not on the first misspelling
    assert {"uk", "ru"} <= morphology.loaded()
