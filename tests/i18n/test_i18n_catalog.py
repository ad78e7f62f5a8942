"""Every message a person reads has its Ukrainian translation, and the translator uses it
with the right plural forms, numbers and dates."""

from __future__ import annotations

import gettext
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from bot.i18n import Translator, compile_po, translator, zone_of
from bot.i18n.catalog import extract, po_path, problems


def test_every_marked_message_has_a_ukrainian_translation_that_fits() -> None:
    assert problems("uk") == []


def test_the_check_fails_on_a_missing_a_fuzzy_and_a_mismatched_translation(
    tmp_path: Path,
) -> None:
    with po_path("uk").open("rb") as f:
        catalog = read_po(f, locale="uk")
    catalog.delete("Subscribed #{id}")
    catalog["Unsubscribed {ids}"].flags.add("fuzzy")
    catalog["Paused {name}"].string = "Призупинено: {source}"
    broken = tmp_path / "uk.po"
    with broken.open("wb") as f:
        write_po(f, catalog)

    found = problems("uk", broken)

    assert sorted(found) == [
        "uk: fuzzy: 'Unsubscribed {ids}'",
        "uk: not translated: 'Subscribed #{id}'",
        "uk: placeholders differ: 'Paused {name}'",
    ]


def test_the_catalog_holds_the_commands_help_lines_and_the_errors_users_see() -> None:
    ids = {m.id if isinstance(m.id, str) else m.id[0] for m in extract() if m.id}

    assert "Get an alert here whenever a new event matches a filter." in ids  # /subscribe
    assert 'I don\'t understand "{word}".' in ids  # a FilterError
    assert "Pick a window from 1h to {days}d." in ids  # a UsageError
    assert "{n} killed" in ids  # an alert's figure, with its plural forms


@pytest.mark.parametrize(
    ("n", "killed", "settlements"),
    [
        (1, "1 загиблий", "1 населений пункт"),
        (3, "3 загиблих", "3 населені пункти"),
        (5, "5 загиблих", "5 населених пунктів"),
        (11, "11 загиблих", "11 населених пунктів"),
        (21, "21 загиблий", "21 населений пункт"),
        (22, "22 загиблих", "22 населені пункти"),
        (1200, "1 200 загиблих", "1 200 населених пунктів"),
    ],
)
def test_ukrainian_counts_take_the_form_their_number_wants(
    n: int, killed: str, settlements: str
) -> None:
    uk = translator("uk")
    assert uk.ngettext("{n} killed", "{n} killed", n).replace("\xa0", " ") == killed
    got = uk.ngettext("{n} settlement", "{n} settlements", n).replace("\xa0", " ")
    assert got == settlements


def test_english_is_the_messages_as_written() -> None:
    en = translator("en")
    assert en.ngettext("{n} settlement", "{n} settlements", 1) == "1 settlement"
    assert en.ngettext("{n} settlement", "{n} settlements", 1200) == "1,200 settlements"
    assert en.gettext("Subscribed #{id}", id=3) == "Subscribed #3"
    # An unknown or missing language is English, never an error.
    assert translator("de").language == "en"
    assert translator(None).language == "en"
    assert translator("uk-UA").language == "uk"


def test_a_translation_that_does_not_fit_its_values_falls_back_to_english(
    caplog: pytest.LogCaptureFixture,
) -> None:
    class Broken(gettext.NullTranslations):
        def gettext(self, message: str) -> str:
            return "Підписку {номер} створено"

    shown = Translator("uk", Broken()).gettext("Subscribed #{id}", id=3)

    assert shown == "Subscribed #3"
    assert "does not fit its placeholders" in caplog.text


def test_dates_and_times_read_in_the_language_and_zone() -> None:
    uk, en = translator("uk"), translator("en")
    kyiv = zone_of("Europe/Kyiv")
    assert kyiv is not None
    moment = datetime(2024, 5, 20, 7, 0, tzinfo=UTC)
    assert uk.weekday(date(2024, 5, 20)) == "понеділок"
    assert en.weekday(date(2024, 5, 20)) == "Monday"
    assert en.time(moment, kyiv) == "2024-05-20 10:00 Kyiv"
    assert uk.time(moment, kyiv) == "2024-05-20 10:00 Київ"
    assert en.time(moment, UTC) == "2024-05-20 07:00 UTC"
    assert zone_of("Mars/Olympus") is None
    assert zone_of("../etc/passwd") is None


def test_a_catalog_compiles_to_what_gettext_reads() -> None:
    compiled = gettext.GNUTranslations(__import__("io").BytesIO(compile_po(po_path("uk"))))
    assert compiled.gettext("Subscribed #{id}") == "Підписку #{id} створено"
    assert compiled.ngettext("{n} killed", "{n} killed", 5) == "{n} загиблих"


def test_a_word_with_two_meanings_is_translated_by_its_context() -> None:
    uk = translator("uk")
    assert uk.gettext("official") == "офіційно"  # a story an authority confirmed
    assert uk.pgettext("role", "official") == "посадовець"  # the person who said it
    assert translator("en").pgettext("role", "official") == "official"
