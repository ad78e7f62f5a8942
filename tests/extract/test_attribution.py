"""Who says so: table-driven checks of the speaker readers on their own."""

from __future__ import annotations

import pytest

from bot.extract.attribution import headline_source, signature, speakers


@pytest.mark.parametrize(
    ("headline", "who"),
    [
        ("Kharkiv under fire: governor", "governor"),
        ("Удар по Одесі: ОВА", "ОВА"),
        ("Из Волчанска вывозят детей: решение приняли после усиления обстрелов", None),
        ("Three civilians killed in Donetsk: city hall", "city hall"),
        ("Shelling kills two children in eastern Ukraine - defence ministry", "defence ministry"),
        # the news after the colon, a clause of its own: no source
        ("Kamianka-Dniprovska: drone hits market", None),
        ("Sevastopol: six drones downed", None),
        ("Kharkiv blackout: Ukrenergo", "Ukrenergo"),
    ],
)
def test_headline_source_names_someone_or_nothing(headline: str, who: str | None) -> None:
    found = headline_source(headline)
    assert (found.who if found else None) == who


@pytest.mark.parametrize(
    ("text", "who"),
    [
        ("Увечері ворог атакував Павлоград. Постраждалих немає. Сергій Лисак", "Serhii Lysak"),
        ("Обстрел Шебекино. Ранены двое мирных жителей. Вячеслав Гладков", "Vyacheslav Gladkov"),
        # й as the news writes Russian names: Khinshtein, Alexei; "-ий" at the end stays
        ("В Рыльске ранены три человека.\nАлександр Хинштейн", "Aleksandr Khinshtein"),
        ("Донецк под обстрелом, ранены трое.\nАлексей Кулемзин", "Aleksei Kulemzin"),
        ("Обстрел Шебекино. Ранены двое мирных жителей.\nДмитрий Миляев", "Dmitriy Milyaev"),
        ("Ворог атакував Павлоград. Загинув Сергій Лисак", None),
        ("Сьогодні вирушив евакуаційний потяг.\nУкрзалізниця", "Ukrzaliznytsia"),
        # a body or an office signing a post whose line breaks were lost
        ("Збито 161 ціль. Повітряні сили ЗС України", "Air Force"),
        ("Ще 6 боєзіткнень тривають. Генеральний штаб ЗСУ", "General Staff"),
        (
            "Освобожден населенный пункт. Министерство обороны Российской Федерации",
            "Defence Ministry",
        ),
        ("Енергетики відновлюють живлення. Укренерго", "Ukrenergo"),
        ("Повреждена ЛЭП. Губернатор Брянской области А. Богомаз", "A. Bogomaz"),
        # ... but not a body named inside the last sentence, nor a sentence without a stop
        ("Вранці ворог атакував Харків. Пошкоджено будинки поліції", None),
        ("Енергетики відновлюють живлення. Ситуація складна", None),
    ],
)
def test_signature_on_its_own_line_or_run_in(text: str, who: str | None) -> None:
    found = signature(text)
    assert (found.who if found else None) == who


@pytest.mark.parametrize(
    ("sentence", "who"),
    [
        (
            "22 more were taken out, the head of the town's military administration, "
            "Vitaliy Barabash, said.",
            "Vitaliy Barabash",
        ),
        ("Occupation chief Yevgeny Balitsky signed the order on Friday.", "Yevgeny Balitsky"),
        (
            "The Sumy regional military administration on Monday ordered the evacuation.",
            "Sumy regional military administration",
        ),
        ("Пушилин объявил о массовой эвакуации.", "Pushilin"),
        ("Харків оголосив збір коштів.", None),
    ],
)
def test_speakers_in_more_shapes(sentence: str, who: str | None) -> None:
    found = speakers(sentence)
    assert (found[0].who if found else None) == who
