"""The forms a searched word takes in articles: Ukrainian and Russian cases from pymorphy3's
dictionaries, and a place's other names from the gazetteer."""

from __future__ import annotations

import pytest

from bot.extract.gazetteer import Gazetteer
from bot.extract.wordforms import MAX_FORMS, WordForms


@pytest.fixture(scope="module")
def forms(gazetteer: Gazetteer) -> WordForms:
    return WordForms(gazetteer)


def finds(forms: WordForms, word: str, text: str) -> bool:
    """What the store does with the forms: any of them inside the text, any case."""
    return any(f in text.casefold() for f in forms.forms(word))


@pytest.mark.parametrize(
    ("word", "text"),
    [
        # Cases of a Ukrainian place name, with its vowel change (і → о).
        ("Харків", "Вибухи у Харкові"),
        ("Харків", "Обстріл Харкова"),
        ("Київ", "Атака на Київ: у Києві працює ППО"),
        ("Запоріжжя", "Удар по Запоріжжю"),
        # The word typed in another case finds the others.
        ("Херсоні", "Окупанти обстріляли Херсон"),
        ("Харкові", "Вибухи в Харкові та під Харковом"),
        # The place's other names and theirs: Russian, romanisations old and new.
        ("Kharkiv", "Взрывы в Харькове"),
        ("Kharkiv", "Shelling of Kharkov"),
        ("Харків", "Shelling of Kharkiv"),
        ("Zaporizhzhia", "Zaporozhye plant on diesel"),
        ("Zaporizhzhia", "Ночью враг атаковал Запорожье"),
        ("Odesa", "Drones over Odessa"),
        # Apostrophes: typed with one, written with another; or typed in Latin.
        ("Куп'янськ", "Обстріл Куп’янська"),
        ("Kupiansk", "Обстріл Куп’янська"),
        # Common words inflect too.
        ("обстріл", "Внаслідок обстрілів загинули двоє"),
        ("евакуація", "Оголошено евакуацію з трьох сіл"),
        ("эвакуация", "Объявлена эвакуация, началась эвакуации"),
        ("ракета", "Ночью Россия ударила ракетой"),
        # English is searched inside words, as before.
        ("drone", "Drones hit Sumy"),
    ],
)
def test_a_word_finds_its_other_forms(forms: WordForms, word: str, text: str) -> None:
    assert finds(forms, word, text)


@pytest.mark.parametrize(
    ("word", "text"),
    [
        # A place's name is a noun: Суми is not a case of "сума" (a sum) nor of "суметь".
        ("Суми", "Сума виплат зросла; он сумел"),
        # Short romanisations that are other words: "Sumo" is a Sumy spelling, and a sport.
        ("Sumy", "sumo wrestling results"),
        ("Odesa", "for decades"),
        # Nicknames and former names are not spellings.
        ("Odesa", "Південна столиця"),
        ("Zaporizhzhia", "Alexandrovsk"),
        # Another city.
        ("Kharkiv", "Вибухи в Херсоні"),
    ],
)
def test_a_word_does_not_find_what_it_is_not(forms: WordForms, word: str, text: str) -> None:
    assert not finds(forms, word, text)


def test_the_word_itself_is_always_searched_and_forms_are_few(forms: WordForms) -> None:
    for word in ("Kharkiv", "Запоріжжя", "Nova", "ЗСУ", "power", "xyzzy"):
        found = forms.forms(word)
        assert any(f in word.casefold() for f in found)
        assert 1 <= len(found) <= MAX_FORMS
    # No form is found inside another: "харков" covers "харкова" and "харкову".
    found = forms.forms("Харків")
    assert not any(a != b and a in b for a in found for b in found)


def test_without_a_gazetteer_only_inflections_are_added() -> None:
    plain = WordForms()
    assert plain.forms("Kharkiv") == ("kharkiv",)
    assert any(f in "у харкові" for f in plain.forms("Харків"))
