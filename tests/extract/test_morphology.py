"""One pymorphy3 analyzer per language, its word graphs mapped from disk, not read into memory."""

from __future__ import annotations

import io
import struct
from pathlib import Path

import pymorphy3
import pytest
from dawg_python import wrapper  # type: ignore[import-untyped]

from bot.extract import morphology
from bot.extract.wordclass import lemmas
from bot.extract.wordforms import WordForms


def test_the_dictionaries_word_graphs_are_mapped_read_only_views_of_the_files() -> None:
    for lang, word, lemma in (("uk", "обстрілів", "обстріл"), ("ru", "обстрелов", "обстрел")):
        analyzer = morphology.analyzer(lang)
        assert analyzer is not None
        words = analyzer.dictionary.words
        for units in (words.dct._units, words.guide._units):
            assert isinstance(units, memoryview)
            assert units.readonly
        # ... and read as the arrays were: the lookups find the dictionary's words.
        assert analyzer.parse(word)[0].normal_form == lemma


def test_every_user_of_the_dictionaries_shares_one_analyzer_per_language(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    uk = morphology.analyzer("uk")
    assert morphology.analyzer("ru") is not None

    def built_again(*args: object, **kwargs: object) -> None:
        raise AssertionError("an analyzer was built a second time")

    # Once both are built, no reader builds one of its own.
    monkeypatch.setattr(pymorphy3, "MorphAnalyzer", built_again)
    assert lemmas("евакуаціями")[0] == "евакуація"  # the word classes' reader
    assert "харкові" in WordForms().forms("Харків")  # /search's word forms
    assert morphology.analyzer("uk") is uk


def test_reading_is_left_as_it_was_once_the_analyzer_is_built(tmp_path: Path) -> None:
    morphology.analyzer("uk")
    dictionary = wrapper.Dictionary()
    # A file on disk, read after the analyzers are built, is read into the array, as
    # dawg_python reads it: the mapping is only for building the analyzers.
    path = tmp_path / "units"
    path.write_bytes(struct.pack("=I", 2) + struct.pack("=2I", 7, 9))
    with path.open("rb") as fp:
        dictionary.read(fp)
    assert list(dictionary._units) == [7, 9]
    assert not isinstance(dictionary._units, memoryview)


def test_a_stream_that_is_no_file_is_read_as_before_while_mapping() -> None:
    with morphology._mapped_dawgs():
        dictionary = wrapper.Dictionary()
        dictionary.read(io.BytesIO(struct.pack("=I", 1) + struct.pack("=I", 5)))
        guide = wrapper.Guide()
        guide.read(io.BytesIO(struct.pack("=I", 1) + bytes([3, 4])))
    assert list(dictionary._units) == [5]
    assert list(guide._units) == [3, 4]
