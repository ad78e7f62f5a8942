"""A morning report of "explosions at night" looks back at the night's attack: it joins that
story, where an alarm of explosions hours later starts another. Through `newsalert stories`
with the real extractor, in the three languages."""

from __future__ import annotations

import json

import pytest

from bot.extract import Extractor
from tests.stories.scenario import run_stories

NIGHT = (
    "Нічна атака на Харків",
    "Уночі росіяни атакували Харків шахедами. Є влучання у Салтівському районі, поранені троє людей.",
)
# (a morning report of the night's explosions, an alarm of new ones in the afternoon)
RETOLD = {
    "uk": (
        "У Харкові вночі пролунала серія вибухів",
        "У Харкові вночі пролунала серія вибухів, повідомляють місцеві ЗМІ. Удари припали на "
        "Салтівський район.",
    ),
    "ru": (
        "В Харькове ночью прогремела серия взрывов",
        "В Харькове ночью прогремела серия взрывов, сообщают украинские СМИ. Удары пришлись на "
        "Салтовский район.",
    ),
    "en": (
        "Explosions heard in Kharkiv overnight",
        "A series of explosions were heard in Kharkiv overnight, local media reported. The "
        "strikes hit the Saltivskyi district.",
    ),
}
AFTERNOON = (
    "Знову вибухи в Харкові",
    "Харків, знову вибухи. Ворог атакує місто керованими авіабомбами. Є влучання в "
    "Індустріальному районі.",
)


def _line(i: int, title: str, text: str, at: str) -> str:
    return json.dumps(
        {"id": f"a{i}", "source": f"outlet{i}", "title": title, "text": text, "published": at},
        ensure_ascii=False,
    )


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
async def test_a_morning_report_of_the_nights_explosions_joins_the_nights_story(
    extractor: Extractor, lang: str
) -> None:
    out = await run_stories(
        extractor,
        [
            _line(0, *NIGHT, "2024-11-13T02:40:00+02:00"),
            _line(1, *RETOLD[lang], "2024-11-13T08:40:00+02:00"),
            _line(2, *AFTERNOON, "2024-11-13T16:10:00+02:00"),
        ],
    )
    assert out[0]["status"] == "new"
    assert out[1]["story"] == out[0]["story"]
    assert out[2]["story"] not in (None, out[0]["story"])


DEBRIS = (
    "",
    "Курск. Обломки сбитого беспилотника упали на крышу девятиэтажного дома. Возникло "
    "возгорание, предварительно пострадал один человек.",
)
TALLY = {
    "ru": "Курск: по итогам ночи пострадавших двое, оба госпитализированы.",
    "uk": "Курськ: за підсумками ночі постраждалих двоє, обоє госпіталізовані.",
    "en": "Kursk: after the night, two people were injured, both taken to hospital.",
}


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
async def test_the_nights_tally_in_the_morning_updates_the_nights_story(
    extractor: Extractor, lang: str
) -> None:
    out = await run_stories(
        extractor,
        [
            _line(0, *DEBRIS, "2025-09-24T02:30:00+03:00"),
            _line(1, "", TALLY[lang], "2025-09-24T07:50:00+03:00"),
        ],
    )
    assert out[0]["status"] == "new"
    assert out[1]["story"] == out[0]["story"]
    # (one injured more is below the bar for an update alert: see card.material)
    assert out[1]["status"] == "duplicate"


# A town struck many times a day: a later report with its own toll joins an earlier one only
# when it says which (its part of the day, its hour); "близько 15:00" is the hour.
NIKOPOL = [
    ("", "Нікополь. Зранку ворог обстріляв місто з артилерії. Поранено жінку.", "09:10"),
    (
        "",
        "Нікополь. Ворожий FPV-дрон атакував автомобіль комунального підприємства. Поранений водій.",
        "15:20",
    ),
]
BY_HOUR = {
    "uk": "Внаслідок атаки FPV-дрона в Нікополі постраждав водій комунального підприємства. Інцидент стався близько 15:00.",
    "ru": "В результате атаки FPV-дрона в Никополе пострадал водитель коммунального предприятия. Инцидент произошел около 15:00.",
    "en": "A utility company driver was injured when an FPV drone attacked his car in Nikopol at around 15:00.",
}


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
async def test_the_hour_a_report_names_picks_its_incident_in_a_busy_town(
    extractor: Extractor, lang: str
) -> None:
    lines = [_line(i, t, x, f"2025-05-20T{h}:00+03:00") for i, (t, x, h) in enumerate(NIKOPOL)]
    lines.append(_line(2, "", BY_HOUR[lang], "2025-05-20T16:40:00+03:00"))
    out = await run_stories(extractor, lines)
    assert out[0]["story"] != out[1]["story"]
    assert out[2]["story"] == out[1]["story"]


@pytest.mark.parametrize(
    ("text", "posted", "want"),
    [
        (
            "Інцидент стався близько 15:00.",
            "2025-05-20T16:40:00+03:00",
            "2025-05-20T15:00:00+03:00",
        ),
        ("Около 3:15 дрон атаковал", "2025-05-20T05:00:00+03:00", "2025-05-20T03:15:00+03:00"),
        ("at around 14.40, a drone hit", "2025-05-20T11:40:00Z", "2025-05-20T14:40:00+03:00"),
        # a post after midnight telling "о 23:40": the day before
        (
            "О 23:40 ворог атакував місто.",
            "2025-05-21T00:30:00+03:00",
            "2025-05-20T23:40:00+03:00",
        ),
        # when the count was made is no hour of the incident
        ("Станом на 16:00 — 4 загиблих.", "2025-05-20T16:10:00+03:00", None),
        ("As of 16:00, four people were killed.", "2025-05-20T16:10:00+03:00", None),
        ("Загинули 4 людини.", "2025-05-20T16:10:00+03:00", None),
    ],
)
def test_the_hour_a_report_tells(text: str, posted: str, want: str | None) -> None:
    from datetime import datetime

    from bot.stories.same import told_clock

    got = told_clock(text, datetime.fromisoformat(posted))
    assert (got.isoformat() if got else None) == (
        datetime.fromisoformat(want).isoformat() if want else None
    )


# Two nights' attacks on one city: the rescue report naming the district joins the story of
# that district's strike, in whatever language it names it.
KYIV = [
    (
        "Удар по Києву",
        "Уночі росіяни вдарили ракетами по Святошинському району Києва: зруйновано під'їзд багатоповерхівки, загинули 12 людей.",
        "2025-07-22T07:00:00+03:00",
    ),
    (
        "Нова атака на Київ",
        "Уночі ворог знову атакував дронами Деснянський район Києва: пошкоджено будинок, загинула одна людина.",
        "2025-07-23T03:00:00+03:00",
    ),
]
RESCUE = {
    "uk": "Завершено пошуково-рятувальну операцію у Святошинському районі столиці. Остаточно: 13 загиблих.",
    "ru": "Завершена поисково-спасательная операция в Святошинском районе Киева. Окончательно: 13 погибших.",
    "en": "Rescuers ended the search in Kyiv's Sviatoshynskyi district; the final death toll is 13.",
}


@pytest.mark.parametrize("lang", ["uk", "ru", "en"])
async def test_a_report_naming_a_district_joins_that_districts_story(
    extractor: Extractor, lang: str
) -> None:
    lines = [_line(i, t, x, at) for i, (t, x, at) in enumerate(KYIV)]
    lines.append(_line(2, "", RESCUE[lang], "2025-07-23T11:34:00+03:00"))
    out = await run_stories(extractor, lines)
    assert out[0]["story"] != out[1]["story"]
    assert out[2]["story"] == out[0]["story"]


def test_district_sounds_meet_across_languages() -> None:
    from bot.stories.same import districts_of

    uk = districts_of(["Святошинському районі"])
    assert uk == districts_of(["Святошинском районе"]) == districts_of(["Sviatoshynskyi district"])
    assert uk != districts_of(["Деснянському районі"])
    assert districts_of(["Kyiv", "Київ"]) == frozenset()
