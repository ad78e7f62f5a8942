"""Numbers with their hedges, and what each counts: table-driven."""

from __future__ import annotations

import pytest

from bot.extract.figures import sentence_figures
from bot.extract.numbers import find_numbers, parse_number
from bot.records import Figure, Qualifier

E, ABOUT, LEAST, MORE, UPTO = (
    Qualifier.EXACT,
    Qualifier.ABOUT,
    Qualifier.AT_LEAST,
    Qualifier.MORE_THAN,
    Qualifier.UP_TO,
)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("19", 19),
        ("1,200", 1200),
        ("twenty-seven", 27),
        ("two dozen", 24),
        ("3 thousand", 3000),
        ("п'ять", 5),
        ("Seven", 7),
        ("soon", None),
    ],
)
def test_parse_number(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "A strike on Monday killed 19 people and injured more than 100.",
            {"killed": Figure(19), "injured": Figure(100, MORE)},
        ),
        (
            "killing 3 and injuring more than 20",
            {"killed": Figure(3), "injured": Figure(20, MORE)},
        ),
        ("between 10 and 15 people were wounded", {"injured": Figure(10, LEAST, 15)}),
        ("At least 5 civilians died", {"killed": Figure(5, LEAST)}),
        ("up to 40 people may have been evacuated", {"evacuated": Figure(40, UPTO)}),
        ("Some 1,200 residents have been evacuated", {"evacuated": Figure(1200, ABOUT)}),
        ("The death toll rose to 19 on Tuesday.", {"killed": Figure(19)}),
        (
            "Air Force said 38 of 45 drones were shot down.",
            {"intercepted": Figure(38), "launched": Figure(45)},
        ),
        (
            "recaptured 502 settlements in Kharkiv region, 43 in Donetsk region",
            {"settlements": Figure(502)},
        ),
        ("leaving 47,000 households without power", {"without_power": Figure(47000)}),
        (
            "A man was killed and two people were injured",
            {"killed": Figure(1), "injured": Figure(2)},
        ),
        ("Seven people, including three children, died", {"killed": Figure(7)}),
        ("Over the past 24 hours, five persons killed", {"killed": Figure(5)}),
        ("Shelled 10 times, one person was killed", {"killed": Figure(1)}),
        ("No one was injured.", {}),
        ("Two of the injured are in serious condition.", {}),
        ("In 2022, the plant had 6 reactors.", {}),
        ("One KIA, three WIA in Donbas", {"killed": Figure(1), "injured": Figure(3)}),
        # Four words between the number and the verb; not across another casualty word.
        ("Four servicemen of the DPR died in battles", {"killed": Figure(4)}),
        (
            "Three DPR militias wounded, one killed in shelling",
            {"injured": Figure(3), "killed": Figure(1)},
        ),
        ("A civilian resident of Yasinovataya died after shelling", {"killed": Figure(1)}),
        ("One serviceman of the brigade was killed", {"killed": Figure(1)}),
        ("Ukrainian snipers kill two militiamen", {"killed": Figure(2)}),
        # A claim of enemy losses counts people, not equipment.
        (
            "More than 270 military personnel of the Armed Forces of Ukraine were destroyed",
            {"killed": Figure(270, MORE)},
        ),
        ("Russian forces destroyed 3 tanks and a warehouse", {}),
        ("The plant hired skilled 30 workers", {}),  # "killed" inside another word
        (
            "загинули 3 людини, ще щонайменше 5 поранені",
            {"killed": Figure(3), "injured": Figure(5, LEAST)},
        ),
        (
            "погибли 3 человека, более 10 ранены",
            {"killed": Figure(3), "injured": Figure(10, MORE)},
        ),
        # words of death are whole words: "diesel" holds no "die"
        ("its 20 diesel generators started automatically", {}),
        ("four die in shelling of Kherson", {"killed": Figure(4)}),
        # places left without power are settlements, not households
        (
            "без электроснабжения остались 2 населённых пункта",
            {"settlements": Figure(2)},
        ),
        ("2,000 households were left without power", {"without_power": Figure(2000)}),
    ],
)
def test_sentence_figures(sentence: str, expected: dict[str, Figure]) -> None:
    found: dict[str, Figure] = {}
    for label, figure in sentence_figures(sentence):
        found.setdefault(label, figure)
    assert found == expected


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("двоє", 2),
        ("двое", 2),
        ("троє", 3),
        ("п’ятеро", 5),
        ("шестеро", 6),
        ("трьох", 3),
        ("двух", 2),
        ("дванадцять", 12),
        ("дві тисячі", 2000),
        ("2 тисячі", 2000),
        ("3 тыс.", 3000),
        ("1,5 тис.", 1500),
        ("1 200", 1200),
        ("десятки", None),
    ],
)
def test_parse_ukrainian_and_russian_numbers(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    ("text", "value", "qualifier", "upper"),
    [
        ("щонайменше 5", 5, LEAST, None),
        ("понад 10", 10, MORE, None),
        ("більше 10", 10, MORE, None),
        ("близько 2 тисяч", 2000, ABOUT, None),
        ("до 15", 15, UPTO, None),
        ("від 10 до 15", 10, LEAST, 15),
        ("от 10 до 15", 10, LEAST, 15),
        ("более 20", 20, MORE, None),
        ("не менее 7", 7, LEAST, None),
        ("не менше 7", 7, LEAST, None),
        ("около 300", 300, ABOUT, None),
        ("свыше 40", 40, MORE, None),
        ("понад двох", 2, MORE, None),
        # A toll that rose "to 19" reached 19: no "up to".
        ("кількість загиблих зросла до 19", 19, E, None),
        ("число погибших возросло до 12", 12, E, None),
        ("выросло с 10 до 18", 18, E, None),
    ],
)
def test_ukrainian_and_russian_qualifiers(
    text: str, value: int, qualifier: Qualifier, upper: int | None
) -> None:
    assert find_numbers(text)[-1].figure == Figure(value, qualifier, upper)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Загинули двоє людей, ще п'ятеро поранені",
            {"killed": Figure(2), "injured": Figure(5)},
        ),
        (
            "Загинула одна людина, ще троє поранені",
            {"killed": Figure(1), "injured": Figure(3)},
        ),
        ("Двое человек погибли, еще трое ранены", {"killed": Figure(2), "injured": Figure(3)}),
        ("загинула жінка, ще двоє поранені", {"killed": Figure(1), "injured": Figure(2)}),
        ("В Харькове ранен мужчина", {"injured": Figure(1)}),
        ("від 10 до 15 людей поранені", {"injured": Figure(10, LEAST, 15)}),
        (
            "щонайменше троє людей загинули, до 15 поранені",
            {"killed": Figure(3, LEAST), "injured": Figure(15, UPTO)},
        ),
        (
            "не менее 7 человек погибли, свыше 40 ранены",
            {"killed": Figure(7, LEAST), "injured": Figure(40, MORE)},
        ),
        ("десятки людей поранені", {}),
        ("пошкоджено три будинки, постраждалих немає", {}),
        ("Кількість загиблих у Одесі зросла до 19", {"killed": Figure(19)}),
        ("Число погибших в результате удара возросло до 12", {"killed": Figure(12)}),
        ("Кількість поранених зросла до 30", {"injured": Figure(30)}),
        (
            "Сили ППО збили 14 з 16 ударних дронів",
            {"intercepted": Figure(14), "launched": Figure(16)},
        ),
        ("ПВО сбили 14 из 16 беспилотников", {"intercepted": Figure(14), "launched": Figure(16)}),
        ("Над областю збито 5 крилатих ракет", {"intercepted": Figure(5)}),
        # "all 6 shot down": as many were launched.
        (
            "Над Киевом сбиты все 6 баллистических ракет",
            {"intercepted": Figure(6), "launched": Figure(6)},
        ),
        (
            "Ukraine's air defence destroyed all 11 Kalibr cruise missiles",
            {"intercepted": Figure(11), "launched": Figure(11)},
        ),
        ("ППО знищила 21 з них над Одещиною", {"intercepted": Figure(21)}),
        ("Russia attacked Ukraine overnight with 47 Shahed drones", {"launched": Figure(47)}),
        ("Buses with 47 people left the city", {"evacuated": Figure(47)}),
        (
            "Росія атакувала Україну 40 дронами, 35 з них збили",
            {"launched": Figure(40), "intercepted": Figure(35)},
        ),
        ("Росія випустила по Україні 40 дронів", {"launched": Figure(40)}),
        (
            "близько 2 тисяч абонентів залишилися без світла",
            {"without_power": Figure(2000, ABOUT)},
        ),
        ("без света остались около 3 тысяч абонентов", {"without_power": Figure(3000, ABOUT)}),
        ("до Харкова евакуювали 1 200 мешканців", {"evacuated": Figure(1200)}),
        ("эвакуировали более 1200 жителей", {"evacuated": Figure(1200, MORE)}),
        ("обстріляли 54 рази за 24 години", {}),
        # one of the wounded died: no one more hurt
        ("Вночі в лікарні помер ще один поранений.", {}),
        ("В больнице скончался еще один раненый.", {}),
        ("Поранено ще одну людину.", {"injured": Figure(1)}),
        ("Сьогодні в лікарнях померли ще двоє поранених. 52 поранених.", {"injured": Figure(52)}),
        ("В больнице скончались двое раненых.", {}),
        ("One more injured person died in hospital.", {"killed": Figure(1)}),
    ],
)
def test_ukrainian_and_russian_figures(sentence: str, expected: dict[str, Figure]) -> None:
    found: dict[str, Figure] = {}
    for label, figure in sentence_figures(sentence):
        found.setdefault(label, figure)
    assert found == expected


# The lemmas of 1-10 and the collective numerals, per language.
_NUMERAL_LEMMAS = {
    "uk": {
        "один": 1, "два": 2, "три": 3, "чотири": 4, "п'ять": 5, "шість": 6, "сім": 7,
        "вісім": 8, "дев'ять": 9, "десять": 10, "двоє": 2, "троє": 3, "четверо": 4,
        "п'ятеро": 5, "шестеро": 6, "семеро": 7, "восьмеро": 8, "дев'ятеро": 9, "десятеро": 10,
    },
    "ru": {
        "один": 1, "два": 2, "три": 3, "четыре": 4, "пять": 5, "шесть": 6, "семь": 7,
        "восемь": 8, "девять": 9, "десять": 10, "двое": 2, "трое": 3, "четверо": 4,
        "пятеро": 5, "шестеро": 6, "семеро": 7, "восьмеро": 8, "девятеро": 9, "десятеро": 10,
    },
}  # fmt: skip


@pytest.mark.parametrize("lang", ["uk", "ru"])
def test_every_case_of_a_small_number_is_read(lang: str) -> None:
    """Every form pymorphy3's dictionary declines 1-10 into reads as its value, but for the
    forms that are also other words (numbers.NOT_NUMBERS)."""
    import pymorphy3

    from bot.extract.numbers import NOT_NUMBERS

    analyzer = pymorphy3.MorphAnalyzer(lang=lang)
    checked = 0
    for lemma, value in _NUMERAL_LEMMAS[lang].items():
        parses = [
            p
            for p in analyzer.parse(lemma)
            if p.tag.POS in ("NUMR", "ADJF") and p.normal_form == lemma
        ]
        assert parses, lemma
        for form in {f.word for p in parses for f in p.lexeme} - NOT_NUMBERS:
            assert parse_number(form) == value, (lemma, form)
            checked += 1
    assert checked > 60


@pytest.mark.parametrize(
    ("sentence", "label", "value"),
    [
        ("Російська агресія забрала життя однієї людини.", "killed", 1),
        ("Обстрел унес жизнь одного человека.", "killed", 1),
        ("Удар забрав життя двох людей.", "killed", 2),
        ("Ранения получили четверо, среди пятерых пострадавших есть дети.", "injured", 4),
    ],
)
def test_oblique_number_words_as_figures(sentence: str, label: str, value: int) -> None:
    figures = {name.value: fig.value for name, fig in sentence_figures(sentence)}
    assert figures.get(label) == value


@pytest.mark.parametrize(
    "sentence",
    [
        "Стало відомо, де попрощаються з одним із загиблих курсантів.",
        "Двоє з поранених перебувають у важкому стані.",
        "Один из раненых находится в тяжелом состоянии.",
    ],
)
def test_one_of_the_counted_is_no_new_count(sentence: str) -> None:
    assert sentence_figures(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # kinds of weapons counted together are summed ...
        ("Russia launched 47 drones and 3 missiles overnight.", {"launched": 50}),
        ("противник атакував 90 ударними БпЛА та трьома балістичними ракетами", {"launched": 93}),
        ("противник атаковал 50 беспилотниками и тремя ракетами", {"launched": 53}),
        # ... each count with its own verb: launched and downed apart
        (
            "Russia launched 47 drones and 3 missiles; air defence downed 40 drones and 2 missiles.",
            {"launched": 50, "intercepted": 42},
        ),
        # "all 9" is as many launched as downed, and so is the sum with the rest
        (
            "Air defence destroyed all 9 drones and 2 cruise missiles.",
            {"launched": 11, "intercepted": 11},
        ),
        # a total the text gives wins over its parts
        (
            "ворог атакував двома ракетами та 87 ударними БпЛА – усього 89 засобів повітряного нападу",
            {"launched": 89},
        ),
        ("Сили ППО знешкодили 81 ракету та 80 дронів, усього — 161 ціль.", {"intercepted": 161}),
        (
            "Russia launched 101 aerial attack weapons (94 drones and 7 missiles).",
            {"launched": 101},
        ),
        # a count of people beside weapons is no part of their sum
        (
            "Air defence shot down 20 of 25 drones; 3 people were injured.",
            {"intercepted": 20, "launched": 25},
        ),
    ],
)
def test_weapons_of_several_kinds_are_counted_together(
    sentence: str, expected: dict[str, int]
) -> None:
    found = {label.value: fig.value for label, fig in sentence_figures(sentence)}
    assert {k: v for k, v in found.items() if k in ("launched", "intercepted")} == expected
