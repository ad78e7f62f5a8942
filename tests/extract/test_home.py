"""A source's home region: the namesakes a regional channel's posts leave open are read in
its region; learned from its posts, guessed from its name, or set in the config."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.extract import Extractor
from bot.extract.gazetteer import Gazetteer
from bot.extract.home import HomeRegions, configured_regions, named_region, named_town
from bot.records import (
    Article,
    Event,
    EventKind,
    Figure,
    FigureName,
    Place,
    PlaceLevel,
    PlaceMention,
)
from bot.stories import MemoryStories, StoryBook
from bot.stories.jsonl import story_lines
from tests.test_cli import newsalert

NOW = datetime(2025, 6, 11, 9, 0, tzinfo=UTC)


def _places(extractor: Extractor, text: str, home: str | None) -> list[tuple[str, str | None]]:
    events = extractor.extract(Article("s", "g", None, "", text, NOW, NOW), home=home)
    return [(m.place.name, m.place.admin1) for e in events for m in e.places]


# A city district or village that several oblasts have, in a post naming nothing else.
OPEN_NAMES = [
    pytest.param(
        "Через знеструмлення внаслідок нічного обстрілу зупинилися насосні станції "
        "в Корабельному районі.",
        "Kherson Oblast",
        ("Kherson", "Kherson Oblast"),
        id="uk-city-district",
    ),
    pytest.param(
        "Дніпровський район. Ворожий дрон атакував маршрутний автобус на зупинці. Є постраждалі.",
        "Kherson Oblast",
        ("Kherson", "Kherson Oblast"),
        id="uk-district-heading",
    ),
    pytest.param(
        "В Корабельном районе после ночного обстрела остановились насосные станции.",
        "Mykolaiv Oblast",
        ("Mykolaiv", "Mykolaiv Oblast"),
        id="ru-city-district",
    ),
    pytest.param(
        "Russian artillery shelled Dniprovskyi district overnight, damaging a school.",
        "Zaporizhzhia Oblast",
        ("Zaporizhzhia", "Zaporizhzhia Oblast"),
        id="en-city-district",
    ),
]


@pytest.mark.parametrize(("text", "home", "want"), OPEN_NAMES)
def test_a_name_the_text_leaves_open_is_read_in_the_sources_region(
    extractor: Extractor, text: str, home: str, want: tuple[str, str]
) -> None:
    assert want in _places(extractor, text, home)


@pytest.mark.parametrize(
    ("text", "home", "want"),
    [
        pytest.param(
            "Росіяни обстріляли Корабельний район Миколаєва, пошкоджено будинок.",
            "Kherson Oblast",
            ("Mykolaiv", "Mykolaiv Oblast"),
            id="uk-city-named",
        ),
        pytest.param(
            "Армия РФ нанесла удар по Антоновке Херсонской области, ранен мужчина.",
            "Zaporizhzhia Oblast",
            ("Antonivka", "Kherson Oblast"),
            id="ru-oblast-named",
        ),
        pytest.param(
            "A drone hit a car in Mykolaiv, injuring two, the regional governor said.",
            "Kherson Oblast",
            ("Mykolaiv", "Mykolaiv Oblast"),
            id="en-city-named",
        ),
    ],
)
def test_what_the_text_says_wins_over_the_sources_region(
    extractor: Extractor, text: str, home: str, want: tuple[str, str]
) -> None:
    places = _places(extractor, text, home)
    assert want in places
    assert all(admin1 != home for _, admin1 in places)


def _event(admin1: str | None, score: float = 1.0) -> Event:
    place = Place("X", "UA", admin1, 47.0, 33.0, PlaceLevel.SETTLEMENT)
    mention = PlaceMention("X", place, score=score)
    return Event(EventKind.STRIKE, (mention,), (), (), None, "")


def test_the_home_region_is_learned_from_sure_places_and_only_when_one_dominates() -> None:
    homes = HomeRegions(least=3, window=5, share=0.6)
    for _ in range(2):
        homes.learn("ova", [_event("Kherson Oblast")])
    assert homes.of("ova") is None  # two articles say nothing yet
    homes.learn("ova", [_event("Mykolaiv Oblast", score=0.5)])  # a guess teaches nothing
    assert homes.of("ova") is None
    homes.learn("ova", [_event("Kherson Oblast")])
    assert homes.of("ova") == "Kherson Oblast"
    # A national outlet: no region holds 60% of its last articles.
    for region in ("Kharkiv Oblast", "Odesa Oblast", "Kharkiv Oblast", "Kyiv", "Sumy Oblast"):
        homes.learn("wire", [_event(region)])
    assert homes.of("wire") is None
    # The window rolls: a channel that moved on is read where it writes now.
    for _ in range(5):
        homes.learn("ova", [_event("Zaporizhzhia Oblast")])
    assert homes.of("ova") == "Zaporizhzhia Oblast"


def test_a_configured_region_wins_and_a_name_stands_in_until_posts_tell() -> None:
    guessed: list[str] = []

    def guess(source: str) -> str | None:
        guessed.append(source)
        return "Sumy Oblast" if "sumy" in source else None

    homes = HomeRegions({"fixed": "Odesa Oblast"}, guess=guess, least=2)
    for _ in range(3):
        homes.learn("fixed", [_event("Kharkiv Oblast")])
    assert homes.of("fixed") == "Odesa Oblast"
    assert homes.of("sumy_ova_tg") == "Sumy Oblast"
    assert homes.of("sumy_ova_tg") == "Sumy Oblast"
    assert guessed == ["sumy_ova_tg"]  # guessed once per source
    for _ in range(2):
        homes.learn("sumy_ova_tg", [_event("Kharkiv Oblast")])
    assert homes.of("sumy_ova_tg") == "Kharkiv Oblast"  # its posts outweigh its name


@pytest.mark.parametrize(
    ("name", "want"),
    [
        ("kherson_mva_tg", "Kherson Oblast"),
        ("Сумська ОВА sumy_ova", "Sumy Oblast"),
        ("Губернатор Белгородской области", "Belgorod Oblast"),
        ("nikopol_rva_telegram", "Dnipropetrovsk Oblast"),
        ("suspilne_zaporizhzhia", "Zaporizhzhia Oblast"),
        ("reuters", None),
        ("ukrinform_en", None),
        ("kharkiv_and_odesa_police", None),  # two regions: none
        # a national outlet named after its city writes about the whole country
        ("kyiv_independent", None),
        ("The Kyiv Independent", None),
        ("kharkiv_today", None),
        ("Kharkiv city council", "Kharkiv Oblast"),
        # a town of two words, and a city's defence council
        ("tg_kryvyi_rih_defence", "Dnipropetrovsk Oblast"),
        ("nova_kakhovka_mva", "Kherson Oblast"),
        # its first word alone is another town (Bilhorod, Belgorod)
        ("bilhorod_dnistrovskyi_rada", "Odesa Oblast"),
        ("russian_defence_ministry", None),
        # a town whose name a bigger Russian town once had (Engels was Pokrovsk)
        ("pokrovsk_mva_telegram", "Donetsk Oblast"),
    ],
)
def test_a_sources_name_names_its_region(
    gazetteer: Gazetteer, name: str, want: str | None
) -> None:
    assert named_region(name, gazetteer) == want


def test_an_unknown_configured_region_is_a_clear_problem(gazetteer: Gazetteer) -> None:
    problems, known = configured_regions(
        [("a", "Kherson Oblast"), ("b", "Херсонська область"), ("c", "Khersn"), ("d", None)],
        gazetteer,
    )
    assert known == {"a": "Kherson Oblast", "b": "Kherson Oblast"}
    assert problems == [
        "sources[2].region: 'Khersn' is not a region newsalert knows "
        "(write an oblast as 'Kherson Oblast', or Crimea, Kyiv, Sevastopol)"
    ]


def test_check_config_names_a_bad_region(tmp_path: Path) -> None:
    feed = tmp_path / "here.xml"
    feed.write_text('<rss version="2.0"><channel><title>t</title></channel></rss>')
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "sources:\n  - {id: a, url: here.xml, region: Kherson Oblast}\n"
        "  - {id: b, url: here.xml, region: Odesa}\n",
        encoding="utf-8",
    )
    result = newsalert("check-config", "-c", str(bad))
    assert result.returncode == 2
    assert "sources[1].region: 'Odesa' is not a region newsalert knows" in result.stderr


async def test_the_stories_stream_reads_a_city_channels_districts_in_its_city(
    extractor: Extractor,
) -> None:
    # The city channel never names its city; its name does.
    posts = [
        "Дніпровський район. Ворожий дрон атакував маршрутний автобус на зупинці.",
        "Корабельний район. Унаслідок обстрілу пошкоджено приватний будинок, поранено жінку.",
    ]
    lines = [
        json.dumps(
            {
                "id": f"p{i}",
                "source": "kherson_mva_tg",
                "title": "",
                "text": text,
                "published": f"2025-06-11T0{8 + i}:00:00+03:00",
            },
            ensure_ascii=False,
        )
        for i, text in enumerate(posts)
    ]
    book = StoryBook(MemoryStories())
    out = [json.loads(line) async for line in story_lines(lines, extractor, book)]
    for result in out:
        regions = {p["admin1"] for e in result["events"] for p in e["places"]}
        assert regions == {"Kherson Oblast"}, result


def test_the_app_reads_a_sources_region_and_guesses_from_names(tmp_path: Path) -> None:
    from bot.app import Parts
    from bot.config import load_settings

    feed = tmp_path / "here.xml"
    feed.write_text('<rss version="2.0"><channel><title>t</title></channel></rss>')
    config = tmp_path / "c.yaml"
    config.write_text(
        "sources:\n"
        "  - {id: a, url: here.xml, region: Херсонська область}\n"
        "  - {id: b, url: here.xml, name: Сумська ОВА}\n"
        "  - {id: c, url: here.xml, name: Reuters}\n"
        "  - {id: d, url: here.xml, name: Костянтинівська МВА kostiantynivka_mva}\n",
        encoding="utf-8",
    )
    parts = Parts(load_settings(config), tmp_path)
    homes = parts.home_regions
    assert (homes.of("a"), homes.of("b"), homes.of("c")) == ("Kherson Oblast", "Sumy Oblast", None)
    # a city's channel: its unplaced posts are its city's
    assert (homes.own_place("d"), homes.own_place("b"), homes.own_place("c")) == (
        "Kostiantynivka",
        "Sumy Oblast",
        None,
    )


def _post(source: str, text: str) -> Article:
    """A channel's post with no title."""
    at = datetime(2025, 6, 10, 21, tzinfo=UTC)
    return Article(source, "1", None, "", text, at, at)


def test_a_local_channels_bare_toll_is_the_wars_and_a_national_outlets_is_not(
    extractor: Extractor,
) -> None:
    # "Terrible figures. 8 dead, three of them children. 41 wounded.": no place, no war word;
    # on a city's channel it is the war's toll, from an outlet of nowhere it could be a crash.
    text = "Страшні цифри. 8 загиблих, троє з них — діти. 41 поранений."
    article = _post("tg_kryvyi_rih_defence", text)
    (event,) = extractor.extract(article, home="Dnipropetrovsk Oblast")
    assert event.kind is EventKind.CASUALTIES
    assert event.figure(FigureName.KILLED) == Figure(8)
    assert event.figure(FigureName.INJURED) == Figure(41)
    assert extractor.extract(article) == ()


@pytest.mark.parametrize(
    "text",
    [
        "Постраждалих — 4. Усі в лікарні.",
        "Пострадавших — 4. Все в больнице.",
    ],
)
def test_a_pronoun_starting_a_bare_toll_is_no_foreign_place(
    extractor: Extractor, text: str
) -> None:
    # "Усі" ("all") reads as a foreign town's name too; taken for one, it made the post
    # another war's and dropped it.
    (event,) = extractor.extract(
        _post("tg_kryvyi_rih_defence", text), home="Dnipropetrovsk Oblast"
    )
    assert event.figure(FigureName.INJURED) == Figure(4)


@pytest.mark.parametrize(
    "text",
    [
        "Оріхів. Удар по місту в районі пункту видачі гуманітарної допомоги. Є загиблі.",
        "Орехов. Удар по городу в районе пункта выдачи гуманитарной помощи. Есть погибшие.",
        "Orikhiv. A strike on the town near the aid distribution point. There are dead.",
    ],
)
def test_a_local_channels_heading_places_its_bare_hit(extractor: Extractor, text: str) -> None:
    (event,) = extractor.extract(_post("tg_orikhiv_mva", text), home="Zaporizhzhia Oblast")
    assert event.kind is EventKind.STRIKE
    assert [m.place.name for m in event.places] == ["Orikhiv"]


# A city administration's post that names no place: the channel's own city, unsaid.
UNPLACED = {
    "uk": "Ракетний удар по залізничному вокзалу. На пероні були люди. Є постраждалі.",
    "ru": "Ракетный удар по железнодорожному вокзалу. На перроне были люди. Есть пострадавшие.",
    "en": "Missile strike on the railway station. People were on the platform. There are "
    "casualties.",
}


@pytest.mark.parametrize("lang", ["en", "uk", "ru"])
def test_a_local_channels_unplaced_attack_is_its_own_regions(
    extractor: Extractor, gazetteer: Gazetteer, lang: str
) -> None:
    # Issue 9: "when a name is not found, the event is dropped, where an event without a
    # place (or with only the region) should stay".
    article = Article("pokrovsk_mva_telegram", "g", None, "", UNPLACED[lang], NOW, NOW)
    own = named_region("pokrovsk_mva_telegram", gazetteer)
    assert own == "Donetsk Oblast"
    events = extractor.extract(article, home=own, own=own)
    assert [e.kind for e in events] == [EventKind.STRIKE], events
    assert [(m.place.name, m.place.level) for m in events[0].places] == [
        ("Donetsk Oblast", PlaceLevel.REGION)
    ]
    # A region learned from a national outlet's posts is no home of its unplaced posts.
    assert extractor.extract(article, home=own) == ()


def test_own_region_is_configured_or_named_never_learned() -> None:
    homes = HomeRegions(
        {"fixed": "Odesa Oblast"}, guess=lambda s: "Sumy Oblast" if "sumy" in s else None
    )
    for _ in range(5):
        homes.learn("reuters", [_event("Kharkiv Oblast")])
        homes.learn("sumy_ova_tg", [_event("Kharkiv Oblast")])
    assert homes.of("reuters") == "Kharkiv Oblast"
    assert homes.own("reuters") is None
    assert homes.own("fixed") == "Odesa Oblast"
    assert homes.own("sumy_ova_tg") == "Sumy Oblast"


@pytest.mark.parametrize(
    ("name", "want"),
    [
        ("kostiantynivka_mva_tg", "Kostiantynivka"),  # the city, not Zaporizhzhia's namesake
        ("horlivka_admin_tg", "Horlivka"),
        ("nikopol_city_tg", "Nikopol"),
        ("tg_kryvyi_rih_defence", "Kryvyi Rih"),
        ("kherson_mva_tg", "Kherson"),  # the city's military administration
        ("Kharkiv city council", "Kharkiv"),
        ("shebekino_city_tg", "Shebekino"),  # across the border too
        # an oblast's body named as its capital is the oblast's
        ("kherson_ova_tg", None),
        ("dnipro_ova_tg", None),
        ("police_donetsk_tg", None),
        ("dsns_dnipro_tg", None),
        ("Сумська ОВА sumy_ova", None),
        # not local: a national outlet named after its city
        ("kyiv_independent", None),
        ("kharkiv_today", None),
    ],
)
def test_a_city_channels_name_names_its_town(
    gazetteer: Gazetteer, name: str, want: str | None
) -> None:
    town = named_town(name, gazetteer)
    assert (town.name if town else None) == want


@pytest.mark.parametrize("lang", ["en", "uk", "ru"])
def test_a_city_channels_unplaced_attack_is_its_towns(
    extractor: Extractor, gazetteer: Gazetteer, lang: str
) -> None:
    # "Близько 08:40 ворог скинув на центральну частину міста дві керовані авіабомби" on
    # Kostiantynivka's channel: the city's, where a wire names it; one story can then hold
    # both (the oblast alone would be another story's place).
    homes = HomeRegions(
        guess=lambda s: named_region(s, gazetteer), town=lambda s: named_town(s, gazetteer)
    )
    source = "kostiantynivka_mva_tg"
    assert homes.own_place(source) == "Kostiantynivka"
    article = Article(source, "g", None, "", UNPLACED[lang], NOW, NOW)
    events = extractor.extract(article, home=homes.of(source), own=homes.own_place(source))
    assert [e.kind for e in events] == [EventKind.STRIKE], events
    assert [(m.place.name, m.place.admin1) for m in events[0].places] == [
        ("Kostiantynivka", "Donetsk Oblast")
    ]


def test_a_russian_city_channels_unplaced_attack_is_its_towns(extractor: Extractor) -> None:
    text = "Ракетный удар по железнодорожному вокзалу. Есть пострадавшие."
    article = Article("shebekino_city_tg", "g", None, "", text, NOW, NOW)
    events = extractor.extract(article, own="Shebekino")
    assert [(m.place.name, m.place.admin1) for e in events for m in e.places] == [
        ("Shebekino", "Belgorod Oblast")
    ]


def test_a_configured_region_overrules_a_town_outside_it() -> None:
    town = Place("Kostiantynivka", "UA", "Donetsk Oblast", 48.5, 37.7, PlaceLevel.SETTLEMENT)
    homes = HomeRegions(
        {"k_mva": "Zaporizhzhia Oblast", "d_mva": "Donetsk Oblast"}, town=lambda s: town
    )
    assert homes.own_place("k_mva") == "Zaporizhzhia Oblast"
    assert homes.own_place("d_mva") == "Kostiantynivka"
    assert homes.own_place("unconfigured_mva") == "Kostiantynivka"
