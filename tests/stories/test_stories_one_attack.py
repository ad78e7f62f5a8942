"""What keeps the reports of one attack in one story, and two attacks apart: "обстріл" said of
the night's drones, the rescuers who brought residents out of the fire, a village told by its
raion and hromada beside the raion's city, a wire's evacuation that recalls yesterday's
strike. Through `newsalert stories`, the real extractor."""

from __future__ import annotations

import json

import pytest

from bot.extract import Extractor
from tests.stories.scenario import run_stories


def _line(i: int, source: str, text: str, at: str, title: str = "") -> str:
    return json.dumps(
        {"id": f"a{i}", "source": source, "title": title, "text": text, "published": at},
        ensure_ascii=False,
    )


NIGHT_DRONES = {
    "uk": "Ворог атакує Запоріжжя ударними дронами. Влучання у Хортицькому районі, є постраждалі.",
    "ru": "Враг атакует Запорожье ударными дронами. Попадания в Хортицком районе, есть "
    "пострадавшие.",
}
# The grid company hours later: "обстріл", no weapon named, the night looked back at.
OUTAGE = {
    "uk": "Внаслідок нічного ворожого обстрілу в Хортицькому районі Запоріжжя знеструмлено "
    "3 100 побутових споживачів.",
    "ru": "В результате ночного обстрела в Хортицком районе Запорожья обесточены 3 100 "
    "бытовых потребителей.",
}
# A shelling in the evening, with a toll of its own: another attack.
EVENING = {
    "uk": "Увечері окупанти обстріляли Запоріжжя з артилерії, поранено двох людей.",
    "ru": "Вечером оккупанты обстреляли Запорожье из артиллерии, ранены два человека.",
}


@pytest.mark.parametrize("lang", ["uk", "ru"])
async def test_the_nights_shelling_the_grid_company_tells_is_the_nights_drone_attack(
    extractor: Extractor, lang: str
) -> None:
    out = await run_stories(
        extractor,
        [
            _line(1, "t.me/zoda", NIGHT_DRONES[lang], "2025-09-22T02:50:00+03:00"),
            _line(2, "t.me/zoe", OUTAGE[lang], "2025-09-22T06:40:00+03:00"),
            _line(3, "t.me/city", EVENING[lang], "2025-09-22T19:10:00+03:00"),
        ],
    )
    assert out[0]["status"] == "new"
    assert out[1]["story"] == out[0]["story"]  # "обстріл": any weapon, the night told
    assert out[2]["status"] == "new"  # the evening's shelling: its own story
    assert out[2]["story"] != out[0]["story"]


STRIKE = {
    "uk": "Дніпро. Ворожий дрон влучив у п'ятиповерхівку в Новокодацькому районі, поранено "
    "трьох людей.",
    "ru": "Днепр. Вражеский дрон попал в пятиэтажку в Новокодацком районе, ранены три человека.",
    "en": "A Russian drone hit a five-storey block in Dnipro's Novokodatskyi district, "
    "injuring three people.",
}
# The rescuers' report: the fire put out, the block's residents brought out.
RESCUE = {
    "uk": "Дніпро: рятувальники ліквідували пожежу на п'ятому поверсі житлового будинку. Із "
    "під'їзду евакуювали 18 мешканців.",
    "ru": "Днепр: спасатели ликвидировали пожар на пятом этаже жилого дома. Из подъезда "
    "эвакуировали 18 жильцов.",
    "en": "Rescuers put out a fire on the fifth floor of an apartment block in Dnipro and "
    "evacuated 18 residents from the building.",
}


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
async def test_residents_brought_out_of_the_fire_are_the_strikes_story(
    extractor: Extractor, lang: str
) -> None:
    out = await run_stories(
        extractor,
        [
            _line(1, "t.me/dnipro", STRIKE[lang], "2025-09-22T03:30:00+03:00"),
            _line(2, "t.me/dsns", RESCUE[lang], "2025-09-22T04:50:00+03:00"),
        ],
    )
    assert out[0]["status"] == "new"
    assert out[1]["story"] == out[0]["story"]


async def test_a_village_told_by_its_raion_and_hromada_does_not_take_the_raions_city(
    extractor: Extractor,
) -> None:
    """ "У Запорізькому районі ... у Кушугумській громаді": the hromada says where; the
    raion, named after the city, does not make the city's toll the village's."""
    out = await run_stories(
        extractor,
        [
            _line(
                1,
                "t.me/zoda",
                "Удар по Запоріжжю. Перебувайте в укриттях!",
                "2025-09-22T02:47:00+03:00",
            ),
            _line(
                2,
                "tsn.ua",
                "У Запорізькому районі під час нічної атаки уламки безпілотника впали на "
                "приватне подвір'я в Кушугумській громаді. Постраждала 67-річна жінка.",
                "2025-09-22T05:10:00+03:00",
                title="На Запоріжжі уламки дрона травмували пенсіонерку",
            ),
            _line(
                3,
                "t.me/zoda",
                "Нічна атака на Запоріжжя: одна людина загинула, п'ятеро поранені.",
                "2025-09-22T05:40:00+03:00",
            ),
        ],
    )
    assert out[1]["status"] == "new"  # the village: its own incident
    assert out[2]["story"] == out[0]["story"]  # the city's toll: the city's story
    assert out[2]["story"] != out[1]["story"]


async def test_a_wires_evacuation_is_not_the_strike_of_yesterday_it_recalls(
    extractor: Extractor,
) -> None:
    out = await run_stories(
        extractor,
        [
            _line(
                1,
                "t.me/kramatorsk",
                "Ракетний удар по Краматорську поблизу вокзалу: четверо загиблих, 12 поранених.",
                "2025-02-11T11:00:00+02:00",
            ),
            _line(
                2,
                "reuters.com",
                "Authorities in Ukraine's Donetsk region have widened a mandatory evacuation of "
                "children to eight villages, the regional governor said on Wednesday. A missile "
                "strike near the station in Kramatorsk on Tuesday killed four people, officials "
                "said.",
                "2025-02-12T15:20:00+00:00",
                title="Ukraine's Donetsk region widens child evacuation as front nears",
            ),
        ],
    )
    assert out[1]["story"] != out[0]["story"]
    assert out[1]["status"] == "new"


async def test_a_known_strike_recalled_in_the_background_is_not_the_articles_story(
    extractor: Extractor,
) -> None:
    """The wire's news is the evacuation its headline tells; the strike its last paragraph
    recalls, with the toll already known, only counts one more source for that story."""
    out = await run_stories(
        extractor,
        [
            _line(
                1,
                "t.me/donoda",
                "Покровськ. Ворог скинув КАБ на багатоповерхівку: троє загиблих, восьмеро "
                "поранених.",
                "2024-08-21T07:58:00+03:00",
            ),
            _line(
                2,
                "apnews.com",
                "Ukrainian authorities on Wednesday ordered the mandatory evacuation of families "
                "with children from Pokrovsk and surrounding communities. Hours earlier, a "
                "Russian guided bomb hit an apartment block in Pokrovsk, killing three people.",
                "2024-08-21T11:38:00+03:00",
                title="Ukraine orders families with children to leave Pokrovsk",
            ),
        ],
    )
    assert out[1]["story"] != out[0]["story"]
    assert out[1]["status"] == "new"
    stories = {e["story"] for e in out[1]["events"]}
    assert out[0]["story"] in stories  # the recalled strike still counts the wire as a source


# The night's attack on Zaporizhzhia as its oblast's channel first counts it.
NIGHT_TOLL = _line(
    1,
    "t.me/zoda",
    "Нічна атака на Запоріжжя: двоє загиблих, 11 поранених.",
    "2025-09-22T05:40:00+03:00",
)


async def test_a_late_rewrite_the_next_morning_with_an_earlier_toll_is_no_new_story(
    extractor: Extractor,
) -> None:
    """A wire's rewrite published the next morning ("overnight" dates it to the wrong night)
    giving every count an earlier report gave, two killed and 11 injured, after the toll
    rose to three: the same attack, no new alert."""
    out = await run_stories(
        extractor,
        [
            NIGHT_TOLL,
            _line(
                2,
                "t.me/zoda",
                "Кількість загиблих через нічну атаку на Запоріжжя зросла до трьох.",
                "2025-09-22T18:10:00+03:00",
            ),
            _line(
                3,
                "unian.info",
                "Russian forces attacked Zaporizhzhia with drones and missiles overnight, "
                "killing two people and injuring eleven, the regional governor said.",
                "2025-09-23T09:30:00+03:00",
                title="Russia's overnight attack on Zaporizhzhia: two killed, 11 injured",
            ),
        ],
    )
    assert out[1]["story"] == out[0]["story"]
    assert out[2]["story"] == out[0]["story"]
    assert out[2]["status"] == "duplicate"


async def test_the_next_nights_attack_with_its_own_toll_is_a_new_story(
    extractor: Extractor,
) -> None:
    out = await run_stories(
        extractor,
        [
            NIGHT_TOLL,
            _line(
                2,
                "t.me/zoda",
                "Нічна атака на Запоріжжя: один загиблий, четверо поранених.",
                "2025-09-23T05:20:00+03:00",
            ),
        ],
    )
    assert out[1]["status"] == "new"
    assert out[1]["story"] != out[0]["story"]
