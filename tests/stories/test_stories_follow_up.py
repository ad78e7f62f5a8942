"""A report that tells no event of its own but looks back at an incident (a day of mourning,
the power back, the wounded moved, a damaged block's residents rehoused) joins the story of
that incident, silently; it never starts one. Through `newsalert stories`, the real
extractor, in the three languages."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.extract import Extractor
from bot.records import Article, FigureName, StoryStatus
from bot.stories import MemoryStories, StoryBook
from bot.stories.same import aftermath_of
from tests.stories.scenario import run_stories

STRIKES = {
    "uk": (
        "Удар по Харкову: загинули двоє людей",
        "Уночі росіяни вдарили ракетами по Салтівському району Харкова. Загинули двоє "
        "людей, 11 поранені. Пошкоджено об'єкт енергетики, 30 тисяч абонентів без світла.",
    ),
    "ru": (
        "Удар по Харькову: погибли два человека",
        "Ночью российские войска нанесли ракетный удар по Салтовскому району Харькова. "
        "Погибли два человека, 11 ранены. Повреждён объект энергетики, 30 тысяч абонентов "
        "без света.",
    ),
    "en": (
        "Russian missiles kill two in Kharkiv",
        "Russian missiles struck Kharkiv's Saltivskyi district overnight, killing two people "
        "and injuring 11. An energy facility was damaged, leaving 30,000 customers without "
        "power.",
    ),
}

# (language, title, text): looks back at the night's strike, tells no new event.
FOLLOW_UPS = [
    ("uk", "", "15 листопада в Харкові оголошено День жалоби за загиблими внаслідок удару."),
    ("uk", "", "Енергетики повністю відновили електропостачання всіх споживачів Харкова."),
    (
        "uk",
        "",
        "Мешканців пошкодженого будинку на Салтівці в Харкові розмістили в пункті "
        "тимчасового перебування.",
    ),
    ("ru", "", "В Харькове объявлен день траура по погибшим."),
    ("ru", "", "Электроснабжение Харькова восстановлено в полном объёме."),
    ("en", "Kharkiv mourns", "Kharkiv declared a day of mourning on Thursday."),
    ("en", "", "Power has been fully restored to all customers in Kharkiv, the utility said."),
]


def _line(i: int, source: str, title: str, text: str, hour: int) -> str:
    return json.dumps(
        {
            "id": f"a{i}",
            "source": source,
            "title": title,
            "text": text,
            "published": f"2024-11-13T{hour:02d}:00:00+02:00",
        },
        ensure_ascii=False,
    )


@pytest.mark.parametrize(("lang", "title", "text"), FOLLOW_UPS)
@pytest.mark.parametrize("strike_lang", ["uk", "ru", "en"])
async def test_a_look_back_joins_the_story_of_its_place_silently(
    extractor: Extractor, strike_lang: str, lang: str, title: str, text: str
) -> None:
    out = await run_stories(
        extractor,
        [
            _line(0, "wire", *STRIKES[strike_lang], 6),
            _line(1, "city_channel", title, text, 12),
        ],
    )
    assert out[0]["status"] == "new"
    assert out[1]["story"] == out[0]["story"]
    assert out[1]["status"] == "duplicate"
    assert out[1]["events"] == []  # it told no event of its own


@pytest.mark.parametrize(("lang", "title", "text"), FOLLOW_UPS)
async def test_a_look_back_starts_no_story_and_joins_none_elsewhere(
    extractor: Extractor, lang: str, title: str, text: str
) -> None:
    alone = await run_stories(extractor, [_line(0, "city_channel", title, text, 12)])
    assert alone[0]["story"] is None
    assert alone[0]["status"] == "none"
    odesa = (
        "Удар по Одесі",
        "Уночі росіяни атакували Одесу дронами. Загинули двоє людей, пошкоджено будинок.",
    )
    elsewhere = await run_stories(
        extractor, [_line(0, "wire", *odesa, 6), _line(1, "city_channel", title, text, 12)]
    )
    assert elsewhere[1]["story"] is None


async def test_a_mourning_joins_the_strike_that_killed_not_the_later_one(
    extractor: Extractor,
) -> None:
    evening = (
        "Вечірній удар КАБами по Харкову",
        "Увечері росіяни вдарили керованими авіабомбами по Індустріальному району Харкова. "
        "Поранено чотирьох людей.",
    )
    out = await run_stories(
        extractor,
        [
            _line(0, "wire", *STRIKES["uk"], 6),
            _line(1, "wire", *evening, 19),
            _line(2, "city_channel", "", FOLLOW_UPS[0][2], 21),
        ],
    )
    assert out[0]["story"] != out[1]["story"]
    assert out[2]["story"] == out[0]["story"]


async def test_a_look_back_adds_a_report_but_no_source_and_alerts_nothing(
    extractor: Extractor,
) -> None:
    book = StoryBook(MemoryStories())
    title, text = STRIKES["en"]
    at = Article("wire", "1", None, title, text, _at(6), _at(6))
    [(_, first)] = [c for c in await book.assign(at, extractor.extract(at))][:1]
    back = Article("city", "2", None, "", FOLLOW_UPS[1][2], _at(12), _at(12))
    changes = await book.assign(back, (), named=lambda: extractor.places_named(back))
    [(_, change)] = changes
    assert change.status is StoryStatus.DUPLICATE
    assert not change.alerts
    assert change.story.id == first.story.id
    assert change.story.reports == first.story.reports + 1
    assert change.story.outlets == first.story.outlets
    # Without the places (a caller that cannot read them) nothing joins.
    assert await book.assign(back, ()) == ()


def _at(hour: int) -> Any:
    from datetime import UTC, datetime

    return datetime(2024, 11, 13, hour, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("Сьогодні в Сумах день жалоби за загиблими.", (FigureName.KILLED,)),
        ("Электроснабжение города восстановлено.", (FigureName.WITHOUT_POWER,)),
        # the places it names between the power and "restored"
        (
            "Электроснабжение Новой Каховки и Таврийска восстановлено в полном объёме.",
            (FigureName.WITHOUT_POWER,),
        ),
        (
            "Електропостачання Херсона та Білозерки повністю відновлено.",
            (FigureName.WITHOUT_POWER,),
        ),
        (
            "Електропостачання Балаклії та всіх населених пунктів Балаклійської громади "
            "відновлено в повному обсязі.",
            (FigureName.WITHOUT_POWER,),
        ),
        ("The wounded woman was transferred to a hospital in Dnipro.", (FigureName.INJURED,)),
        ("Рятувальники завершили роботу на місці удару.", (None,)),
        ("Kharkiv hosts a football match on Sunday.", None),
        ("Ціни на хліб зросли.", None),
    ],
)
def test_what_a_look_back_is_about(text: str, want: object) -> None:
    article = Article("s", None, None, "", text, _at(6), _at(6))
    assert aftermath_of(article) == want


# A toll told as it stands now, with no verb of rising: the count still being made.
TOLLS_NOW = [
    ("uk", "", "За даними міської влади, загиблих у Харкові вже п'ятеро, поранених 14."),
    ("ru", "", "По данным наших источников, погибших в Харькове уже пятеро, раненых 14."),
    ("en", "", "The dead in Kharkiv now number five and 14 people are wounded, officials said."),
]


@pytest.mark.parametrize(("lang", "title", "text"), TOLLS_NOW)
async def test_a_toll_told_as_it_stands_now_updates_the_story(
    extractor: Extractor, lang: str, title: str, text: str
) -> None:
    out = await run_stories(
        extractor,
        [_line(0, "wire", *STRIKES[lang], 6), _line(1, "local_channel", title, text, 14)],
    )
    assert out[1]["story"] == out[0]["story"]
    assert out[1]["status"] == "update"
    (event,) = out[1]["events"]
    assert event["figures"]["killed"]["value"] == 5


# A grid's outage over the villages of one raion is one incident, not a list of places shelled
# (which starts no story); shelling of three villages of it still is such a list.
OUTAGES = [
    (
        "uk",
        "Внаслідок нічної атаки пошкоджено енергетичну інфраструктуру в "
        "Білгород-Дністровському районі. Без світла Білгород-Дністровський, Затока та Шабо.",
    ),
    (
        "ru",
        "В результате ночной атаки повреждена энергетическая инфраструктура в "
        "Белгород-Днестровском районе. Без света остались Белгород-Днестровский, Затока и Шабо.",
    ),
    (
        "en",
        "An overnight attack damaged energy infrastructure in Bilhorod-Dnistrovskyi district. "
        "Bilhorod-Dnistrovskyi, Zatoka and Shabo are without power.",
    ),
]


@pytest.mark.parametrize(("lang", "text"), OUTAGES)
async def test_an_outage_over_one_raions_villages_is_one_story(
    extractor: Extractor, lang: str, text: str
) -> None:
    out = await run_stories(extractor, [_line(0, "grid_company", "", text, 7)])
    assert out[0]["status"] == "new"
    (event,) = out[0]["events"]
    assert {p["name"] for p in event["places"]} >= {"Zatoka", "Shabo"}


async def test_shelling_of_three_villages_is_still_a_list(extractor: Extractor) -> None:
    text = "Росіяни обстріляли Білгород-Дністровський, Затоку та Шабо. Пошкоджено будинки."
    out = await run_stories(extractor, [_line(0, "wire", "", text, 7)])
    assert out[0]["story"] is None
