"""What was hit keeps the reports of one attack together: a convoy shelled is a strike in every
outlet's words (not an evacuation in some and a strike in others), a toll that rose a day on
names the convoy, a station's rubble picks the station's story over a neighbouring town's
night, and a funeral looks back at the attack. Through `newsalert stories`, the real
extractor."""

from __future__ import annotations

import json

import pytest

from bot.extract import Extractor
from tests.stories.scenario import run_stories


def _line(i: int, source: str, title: str, text: str, at: str) -> str:
    return json.dumps(
        {"id": f"a{i}", "source": source, "title": title, "text": text, "published": at},
        ensure_ascii=False,
    )


# A convoy shelled, told by wires with only a date (as aggregators carry them), the toll rising
# through the day and the next: one strike, whatever the outlet called the convoy.
CONVOY = {
    "en": (
        "Missile attack on humanitarian convoy in Zaporizhzhia kills at least 23",
        "Shelling of the evacuation convoy in Zaporizhzhia: 25 dead, 50 injured",
        "Death toll from the shelling of the evacuation convoy in Zaporizhzhia rises to 31",
    ),
    "uk": (
        "Ракетний удар по гуманітарній колоні в Запоріжжі: щонайменше 23 загиблих",
        "Обстріл евакуаційної колони в Запоріжжі: 25 загиблих, 50 поранених",
        "Кількість загиблих унаслідок обстрілу евакуаційної колони в Запоріжжі зросла до 31",
    ),
    "ru": (
        "Ракетный удар по гуманитарной колонне в Запорожье: погибли не менее 23 человек",
        "Обстрел эвакуационной колонны в Запорожье: 25 погибших, 50 раненых",
        "Число погибших при обстреле эвакуационной колонны в Запорожье выросло до 31",
    ),
}


@pytest.mark.parametrize("lang", ["en", "uk", "ru"])
async def test_a_convoy_shelled_is_one_strike_across_outlets_and_days(
    extractor: Extractor, lang: str
) -> None:
    first, second, next_day = CONVOY[lang]
    out = await run_stories(
        extractor,
        [
            _line(1, "wire-a", first, "", "2022-09-30"),
            _line(2, "wire-b", second, "", "2022-09-30"),
            _line(3, "wire-a", next_day, "", "2022-10-01"),
        ],
    )
    assert [o["status"] for o in out] == ["new", "update", "update"]
    assert out[1]["story"] == out[0]["story"] == out[2]["story"]
    # The convoy is what was hit: no evacuation is told.
    assert all(e["kind"] != "evacuation" for o in out for e in o["events"])


STATION = {
    "uk": "Ракетний удар по вокзалу в Покровську: загинули 12 людей, 41 поранений.",
    "ru": "Ракетный удар по вокзалу в Покровске: погибли 12 человек, 41 ранен.",
    "en": "A missile strike on the railway station in Pokrovsk killed 12 people and injured 41.",
}
# The neighbouring town's own night, hours later.
NEIGHBOUR = {
    "uk": "Мирноград. Близько 01:25 вибухи у приватному секторі, поранено жінку.",
    "ru": "Мирноград. Около 01:25 взрывы в частном секторе, ранена женщина.",
    "en": "Explosions in Myrnohrad's private houses at about 01:25; a woman was injured.",
}
# The rescuers the next morning, at the station, the toll risen.
RUBBLE = {
    "uk": "Рятувальники завершили розбір завалів вокзалу в Покровську. Виявлено тіла ще двох "
    "людей: загалом загинули 14 людей, 41 травмований.",
    "ru": "Спасатели завершили разбор завалов вокзала в Покровске. Обнаружены тела еще двух "
    "человек: всего погибли 14 человек, 41 травмирован.",
    "en": "Rescuers finished clearing the rubble of the railway station in Pokrovsk and found "
    "two more bodies, bringing the death toll to 14, with 41 injured.",
}


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
async def test_the_rubble_of_the_station_joins_the_stations_story_not_the_neighbours_night(
    extractor: Extractor, lang: str
) -> None:
    out = await run_stories(
        extractor,
        [
            _line(1, "t.me/oblast", "", STATION[lang], "2022-05-19T15:10:00+03:00"),
            _line(2, "t.me/myrnohrad", "", NEIGHBOUR[lang], "2022-05-20T02:05:00+03:00"),
            _line(3, "t.me/rescuers", "", RUBBLE[lang], "2022-05-20T08:20:00+03:00"),
        ],
    )
    assert out[1]["status"] == "new"
    assert out[1]["story"] != out[0]["story"]
    assert out[2]["story"] == out[0]["story"]
    assert out[2]["status"] == "update"  # the toll rose: 12 to 14


MINIBUS = {
    "ru": (
        "Два человека погибли при обстреле маршрутки в Горловке",
        "В Горловке простились с погибшими при обстреле маршрутного такси",
    ),
    "uk": (
        "У Горлівці внаслідок обстрілу маршрутки загинули двоє людей",
        "У Горлівці попрощалися із загиблими внаслідок обстрілу маршрутки",
    ),
    "en": (
        "Two killed as shelling hits minibus in Horlivka",
        "Funerals held in Horlivka for the two killed when shelling hit a minibus",
    ),
}


@pytest.mark.parametrize("lang", ["ru", "uk", "en"])
async def test_a_funeral_the_next_day_looks_back_at_the_attack(
    extractor: Extractor, lang: str
) -> None:
    first, funeral = MINIBUS[lang]
    out = await run_stories(
        extractor,
        [
            _line(1, "ria", first, "", "2023-10-24T12:55:00+03:00"),
            _line(2, "izvestia", funeral, "", "2023-10-25T14:20:00+03:00"),
        ],
    )
    assert out[0]["status"] == "new"
    assert out[1]["story"] == out[0]["story"]
    assert out[1]["status"] == "duplicate"


BUS = {
    "uk": (
        "Білопілля. Ворожий FPV-дрон влучив у пасажирський автобус на виїзді з міста. Загинула "
        "жінка, ще 6 людей поранені.",
        "Росіяни вдарили дроном по пасажирському автобусу на Сумщині",
        "На жаль, у лікарні помер 74-річний чоловік, поранений учора під час удару дрона по "
        "автобусу в Білопіллі. Загиблих двоє.",
    ),
    "ru": (
        "Белополье. Вражеский FPV-дрон попал в пассажирский автобус на выезде из города. Погибла "
        "женщина, еще 6 человек ранены.",
        "Россияне ударили дроном по пассажирскому автобусу в Сумской области",
        "В больнице умер 74-летний мужчина, раненный вчера при ударе дрона по автобусу в "
        "Белополье. Погибших двое.",
    ),
    "en": (
        "A Russian FPV drone hit a passenger bus leaving Bilopillia, killing a woman and "
        "injuring six people.",
        "Russian drone hits passenger bus in Sumy region",
        "A 74-year-old man wounded yesterday when a drone hit a bus in Bilopillia died in "
        "hospital, bringing the death toll to two.",
    ),
}


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
async def test_an_aggregators_headline_with_the_region_and_the_next_days_death_join_the_bus(
    extractor: Extractor, lang: str
) -> None:
    post, headline, next_day = BUS[lang]
    out = await run_stories(
        extractor,
        [
            _line(1, "t.me/oblast", "", post, "2025-09-17T09:10:00+03:00"),
            # A headline alone, the oblast only, no toll: the same weapon and target.
            _line(2, "aggregator", headline, "", "2025-09-17T09:40:00+03:00"),
            _line(3, "t.me/oblast", "", next_day, "2025-09-18T07:30:00+03:00"),
        ],
    )
    assert out[0]["status"] == "new"
    assert out[1]["story"] == out[0]["story"]
    assert out[1]["status"] == "duplicate"
    assert out[2]["story"] == out[0]["story"]
    assert out[2]["status"] == "update"  # the toll rose: 1 to 2


SUBSTATION = {
    "ru": (
        "Грайворон. Вражеский беспилотник атаковал электроподстанцию. Без света остаются "
        "Грайворон и шесть сел округа.",
        "Энергетики восстановили электроснабжение Грайворона, отключенного после атаки "
        "беспилотника на подстанцию. Работы велись под угрозой повторных ударов.",
    ),
    "uk": (
        "Куп'янськ. Ворожий безпілотник атакував електропідстанцію. Без світла залишаються місто "
        "і шість сіл громади.",
        "Енергетики відновили електропостачання Куп'янська, знеструмленого після атаки дрона на "
        "підстанцію. Роботи тривали під загрозою повторних ударів.",
    ),
}


@pytest.mark.parametrize("lang", ["ru", "uk"])
async def test_the_power_back_after_a_substation_hit_is_the_hits_story_not_a_new_attack(
    extractor: Extractor, lang: str
) -> None:
    hit, restored = SUBSTATION[lang]
    out = await run_stories(
        extractor,
        [
            _line(1, "t.me/governor", "", hit, "2025-05-13T11:20:00+03:00"),
            _line(2, "t.me/grid", "", restored, "2025-05-13T19:50:00+03:00"),
        ],
    )
    assert out[0]["status"] == "new"
    # The threat of repeated strikes the crews worked under is no attack under way.
    assert out[1]["story"] == out[0]["story"]
