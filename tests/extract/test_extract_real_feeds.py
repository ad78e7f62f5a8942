"""Real Ukrainian-outlet feeds (UNIAN, Ukrainska Pravda, LIGA, Ukranews) through the extractor.

The feeds are from late September 2020: their war items are a chronicle, a sapper treated in
Dnipro, the Karabakh war and an arrest for 2014 deeds; none reports a new event in Ukraine
with a place and a figure. Every item below was read by hand; what it must (not) yield is
asserted, and the war items are checked to be read as war, so silence is a judgement and
not a blind spot.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

import pytest

from bot.extract import Extractor
from bot.extract.triggers import is_about_war, kinds_in
from bot.records import Article, EventKind
from bot.render.summary import summary_line
from bot.sources import parse_feed
from tests.paths import CORPUS, need

FEEDS = {
    "unian": "Tehtehteh_data-import__tests_stubs_stub_unian_rss.xml",
    "pravda": "Tehtehteh_data-import__tests_stubs_stub_pravda_rss.xml",
    "liga": "Tehtehteh_data-import__tests_stubs_stub_liga_rss.xml",
    "ukranews": "Tehtehteh_data-import__tests_stubs_stub_ukranews_rss.xml",
}
_FETCHED = datetime(2020, 9, 29, 12, 0, tzinfo=UTC)


@cache
def _items(source: str) -> tuple[Article, ...]:
    path = need(CORPUS / "feeds" / FEEDS[source])
    return tuple(parse_feed(path.read_bytes(), source_id=source, fetched_at=_FETCHED))


def item(source: str, key: str) -> Article:
    """The item whose guid or link is (or ends with) `key`."""
    for a in _items(source):
        if key in (a.guid, a.url) or (a.url or "").endswith(key):
            return a
    raise AssertionError(f"{key} is not in the {source} feed")


# Items about the war (or a war) that report no new event in Ukraine, and why.
WAR_ITEMS_WITHOUT_EVENT = [
    # "В Нагірному Карабасі поновилися бої": the Karabakh war; "Нагірному" is not the
    # Odesa-region village Nahirne.
    ("unian", "1a0654302b6c2230aaf2c405fbd90244"),
    (
        "liga",
        "boi-v-nagornom-karabahe-azerbaydjan-i-armeniya-na-grani-bolshoy-voyny-hronika-eskalatsii",
    ),
    # The SBU detained a militant "который штурмовал" buildings in 2014: a past deed.
    (
        "liga",
        "sbu-zaderjala-boevika-kotoryy-shturmoval-adminzdaniya-v-luganske-i-severodonetske-foto",
    ),
    # A monthly chronicle's blurb about the occupied Luhansk and Donetsk.
    ("liga", "hronika-voyny-rossii-protiv-ukrainy-sentyabr-2020-goda"),
    # An opinion poll on who started the war in Donbas.
    ("pravda", "https://www.pravda.com.ua/rus/news/2020/09/29/7268100/"),
]
# Items that are not about the war at all, some with war-like words: a military plane crash,
# a football match, a storm warning, strikes ("забастовки") in Belarus, a tornado with
# destruction, a metro death, a protest in Mexico where one person was hurt, a court on MH17.
NOT_WAR_ITEMS = [
    ("unian", "7ea7f8c27d40ade7d300ead0a1f27de0"),
    ("unian", "d155ea707d7ca0fca7f1a9dee29096af"),
    ("unian", "40744520586ac1029d5bffefd0bf6642"),
    ("unian", "aef234d4f3905abfd4afbd6827098b56"),
    ("unian", "757ec418c20f21b2a97cdaef7e0a45d0"),
    ("liga", "vybory-prezidenta-belarusi-vse-glavnye-novosti---live"),
    (
        "liga",
        "slovno-na-yuge-ssha-v-hersonskoy-oblasti-voznik-moschnyy-tornado-video-stihii-i-razrusheniy",
    ),
    ("liga", "smert-zatsepera-v-kievskom-metro-v-politsii-soobschili-podrobnosti-intsidenta"),
    (
        "liga",
        "v-meksike-jenschiny-zabrosali-politsiyu-kokteylyami-molotova-na-protestah-za-aborty-foto",
    ),
    ("ukranews", "728743-gubernator-hersonshhiny-gusev-kupil-kvartiru-v-kredit"),
]


@pytest.mark.parametrize(("source", "key"), WAR_ITEMS_WITHOUT_EVENT)
def test_war_items_read_as_war_but_yield_no_event(
    extractor: Extractor, source: str, key: str
) -> None:
    a = item(source, key)
    assert is_about_war(f"{a.title}\n{a.text}"), a.title
    assert extractor.extract(a) == (), [summary_line(e) for e in extractor.extract(a)]


def test_karabakh_fighting_is_seen_then_dropped_for_lack_of_a_ukrainian_place(
    extractor: Extractor,
) -> None:
    a = item("unian", "1a0654302b6c2230aaf2c405fbd90244")
    assert EventKind.GROUND_FIGHTING in kinds_in(a.text)  # "поновилися бої"
    assert extractor.extract(a) == ()


def test_sapper_treated_in_dnipro_is_no_event_in_dnipro(extractor: Extractor) -> None:
    # UNIAN's one `Война` item: a sapper hurt by a blast in Donbas is treated in Dnipro.
    a = item("unian", "1f3011bb42f36737c5ac0fd6d7cd3278")
    assert is_about_war(f"{a.title}\n{a.text}")
    for event in extractor.extract(a):
        assert "Dnipro" not in {m.place.name for m in event.places}, summary_line(event)
        assert event.kind is not EventKind.STRIKE, summary_line(event)


@pytest.mark.parametrize(("source", "key"), NOT_WAR_ITEMS)
def test_items_not_about_the_war_yield_nothing(
    extractor: Extractor, source: str, key: str
) -> None:
    a = item(source, key)
    assert extractor.extract(a) == (), [summary_line(e) for e in extractor.extract(a)]


@pytest.mark.parametrize("source", sorted(FEEDS))
def test_no_item_of_the_2020_feeds_yields_an_event(extractor: Extractor, source: str) -> None:
    # Every item was read: none reports a new strike, toll, evacuation or change of ground.
    items = _items(source)
    assert items
    found = {a.title: [summary_line(e) for e in extractor.extract(a)] for a in items}
    assert {title: s for title, s in found.items() if s} == {}
