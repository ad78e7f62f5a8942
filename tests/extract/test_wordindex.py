"""The word prefilter (`wordindex`) never skips a regex that would match.

Every gate is checked two ways: on hand-made sentences, and over the labelled cases, the real
feeds and UCDP's headlines (read from ../shared at test time), where each gated function must
give what it gives with the gate forced open, and each alternative of every trigger table
that matches must have a stem among the sentence's words.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache

import pytest
import yaml

from bot.extract import attribution, dates, numbers, strip_dateline, triggers, wordindex
from bot.extract.places import PlaceMatcher
from bot.extract.sentences import split_sentences
from bot.extract.wordindex import may_match, stems, words
from bot.records import Attribution, EventKind
from bot.sources import parse_feed
from tests.paths import CORPUS, DATA, need


def test_stems_of_common_pattern_shapes() -> None:
    assert stems(r"\bevacuat\w*") == frozenset({"evacuat"})
    assert stems(r"\bбо[їи]\b") == frozenset({"бої", "бои"})
    assert stems(r"\b(?:авіа|авиа)бомб\w*") == frozenset({"авіабомб", "авиабомб"})
    assert stems(r"\bТЕС\b|\bТЭС\b") == frozenset({"тес", "тэс"})
    assert stems(r"\bнаступ(?!н)\w*") == frozenset({"наступ"})
    # An optional group gives both ways in; "\s?" after \b still starts a word.
    assert stems(r"\b(?:air|drone)?\s?strikes?\b") == frozenset({"air", "drone", "strike"})
    assert stems(r"\bde-?energi[sz]ed\b") == frozenset({"de"})


@pytest.mark.parametrize(
    "pattern",
    [r"strikes?", r"\b\d+-hour strike", r"\b(?:a|\d+) days", r"\b.war", r"\b(?i:war)"],
)
def test_no_stem_when_a_match_need_not_start_a_known_word(pattern: str) -> None:
    assert stems(pattern) is None


def test_unsafe_lowercasing_turns_the_gate_off() -> None:
    # re.IGNORECASE matches dotless ı with "i"; str.lower() keeps it: the gate must not skip.
    assert words("kılled") is None
    assert may_match(frozenset({"killed"}), "Two kılled")
    assert not may_match(frozenset({"killed"}), "Two hurt")


def test_fold_unsafe_lists_every_character_lowercasing_would_hide() -> None:
    """Any character re.IGNORECASE equates with a stem letter, whose lowercase is not that
    letter, must be in the unsafe class."""
    letters = re.compile(r"[0-9a-z_\u0400-\u04ff]", re.IGNORECASE)
    stem_letters = re.compile(r"[0-9a-z_\u0400-\u04ff]")
    missed = [
        hex(cp)
        for cp in range(0x110000)
        if not 0xD800 <= cp <= 0xDFFF
        and letters.fullmatch(c := chr(cp))
        and not (len(c.lower()) == 1 and stem_letters.fullmatch(c.lower()))
        and not wordindex._FOLD_UNSAFE.search(c)
    ]
    assert missed == []


def test_gates_skip_sentences_without_cues() -> None:
    assert triggers.kinds_in("The weather was mild.") == set()
    assert attribution.speakers("The weather was mild.") == []
    assert numbers.find_numbers("The weather was mild.") == []
    text = "Russian drones struck Kharkiv, killing two people, the governor Oleh Syniehubov said."
    assert triggers.kinds_in(text) == {EventKind.STRIKE, EventKind.CASUALTIES}
    assert [f.figure.value for f in numbers.find_numbers(text)] == [2]
    assert attribution.speakers(text)[0].who == "Oleh Syniehubov"


_NOW = datetime(2024, 5, 1, 12, tzinfo=UTC)


# --- over real text -------------------------------------------------------------------------


@cache
def _sentences() -> tuple[str, ...]:
    texts: list[tuple[str, str]] = []
    for path in sorted(DATA.glob("extract_cases*.yaml")):
        texts += [(c["title"], c["text"]) for c in yaml.safe_load(path.read_text("utf-8"))]
    feeds = need(CORPUS / "feeds")
    for path in sorted(feeds.glob("*")):
        try:
            items = parse_feed(path.read_bytes(), source_id=path.name, fetched_at=_NOW)
        except Exception:  # noqa: BLE001 - the corpus holds some non-feeds
            continue
        texts += [(a.title, a.text) for a in items]
    with need(CORPUS / "ucdp_ukraine.csv").open(encoding="cp1252", newline="") as fh:
        texts += [(h, "") for r in csv.DictReader(fh) if (h := r["source_headline"].strip())]
    out = {s.text for t, b in texts for s in split_sentences(t, strip_dateline(b))}
    out.update(f"{t}\n{b}" for t, b in texts[:400])  # whole articles, as is_about_war sees
    return tuple(sorted(out))


def _tables() -> Iterator[tuple[str, triggers.Rules]]:
    for kind, rules in triggers.TRIGGERS.items():
        yield f"trigger {kind.value}", rules
    for kind, rules in triggers.FALSE_SENSES.items():
        yield f"false sense {kind.value}", rules
    for weapon, rules in triggers.WEAPONS:
        yield f"weapon {weapon.value}", rules
    for name in ("WAR_STRONG", "WAR_CONTEXT", "NOT_WAR", "DENIAL", "NO_CASUALTIES"):
        yield name, getattr(triggers, name)
    yield "NUCLEAR_RISK", triggers.NUCLEAR_RISK
    yield "_ACTOR", triggers._ACTOR
    yield "_TOLL", triggers._TOLL


def test_real_text_is_plenty() -> None:
    assert len(_sentences()) > 5000


def test_every_matching_alternative_has_a_stem_among_the_words() -> None:
    dropped: list[tuple[str, str, str]] = []
    for name, rules in _tables():
        for part in rules.parts:
            keys = stems(part)
            if keys is None:
                continue
            wordindex.register(keys)  # a table without stems never registered its parts'
            rx = re.compile(part, re.IGNORECASE)
            for text in _sentences():
                if rx.search(text) and not may_match(keys, text):
                    dropped.append((name, part, text))
    assert dropped == []


def _unfiltered(rules: triggers.Rules, text: str) -> re.Match[str] | None:
    regexes = [rules.latin] if rules.latin else []
    if rules.cyrillic and triggers._CYRILLIC.search(text):
        regexes.append(rules.cyrillic)
    found = [m for rx in regexes if (m := rx.search(text)) is not None]
    return min(found, key=lambda m: m.start(), default=None)


def test_tables_find_the_same_with_and_without_the_prefilter() -> None:
    for name, rules in _tables():
        for text in _sentences():
            got, want = rules.search(text), _unfiltered(rules, text)
            assert (got and got.span()) == (want and want.span()), (name, text)


def test_gated_functions_give_what_they_give_ungated(monkeypatch: pytest.MonkeyPatch) -> None:
    def run() -> list[object]:
        out: list[object] = []
        for text in _sentences():
            out += [
                sorted(triggers.kinds_in(text)),
                triggers.weapon_in(text),
                triggers.is_about_war(text),
                attribution.speakers(text),
                attribution.pronoun_speaker(text, [Attribution("Ann Lee")]),
                numbers.find_numbers(text),
                dates.resolve_date(text, _NOW),
            ]
        return out

    gated = run()
    for module in (triggers, wordindex):
        monkeypatch.setattr(module, "present", lambda _text: None)
    for module in (wordindex, attribution, numbers, dates):
        monkeypatch.setattr(module, "words", lambda _text: None)
    monkeypatch.setattr(attribution, "_may_name_speaker", lambda _text: True)
    monkeypatch.setattr(numbers, "_may_hold_number", lambda _text: True)
    assert run() == gated


def test_the_place_scan_shortcut_finds_what_the_full_scan_finds(
    matcher: PlaceMatcher, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Sentences with no capital after a common first word skip the place scan; over the
    real sentences, that never loses a place."""
    texts = [t for t in _sentences() if t[1:] == t[1:].lower()]
    assert len(texts) > 1000
    quick = [matcher.find(t) for t in texts]
    monkeypatch.setattr(PlaceMatcher, "_no_names", lambda self, text: False)
    assert [matcher.find(t) for t in texts] == quick


def test_the_word_cache_stays_bounded_and_keeps_no_numbers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # A long run meets new words every day (names, and a number in every report): the cache
    # of words' stems is emptied when full, and numbers, new in each article, never enter it.
    monkeypatch.setattr(wordindex, "_word_stems", {})
    monkeypatch.setattr(wordindex, "_WORD_CACHE_LIMIT", 100)
    for n in range(1_000):
        wordindex.present(f"report {n} shelled town{n}")
    cached = wordindex._word_stems
    assert 0 < len(cached) <= 100
    assert not any(word[:1].isdigit() for word in cached)
    assert wordindex.present("shelled 12345") == wordindex.present("shelled 999")
