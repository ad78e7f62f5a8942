"""Matching events to filters at every place level, and one alert per article and chat."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.alerts.match import match_article, match_story, matches, place_matches
from bot.records import (
    Alert,
    Article,
    Change,
    ChatRef,
    Event,
    EventKind,
    Figure,
    FigureName,
    Filter,
    Place,
    PlaceLevel,
    PlaceMention,
    PlaceRef,
    Severity,
    StoredArticle,
    Story,
    StoryStatus,
    Subscription,
    Verification,
)

NOVA = Place("Nova Kakhovka", "UA", "Kherson Oblast", 46.75, 33.37, geonameid=698131)
KHERSON_CITY = Place("Kherson", "UA", "Kherson Oblast", 46.63, 32.61, geonameid=706448)
KHERSON_REGION = Place(
    "Kherson Oblast", "UA", None, 46.5, 33.0, level=PlaceLevel.REGION, geonameid=706442
)
KYIV = Place("Kyiv", "UA", "Kyiv City", 50.45, 30.52, geonameid=703448)
ROSTOV = Place("Rostov-on-Don", "RU", "Rostov Oblast", 47.23, 39.7, geonameid=501175)
ZNPP = Place(
    "Zaporizhzhia Nuclear Power Plant",
    "UA",
    "Zaporizhzhia Oblast",
    47.51,
    34.58,
    level=PlaceLevel.FACILITY,
)

UKRAINE_REF = PlaceRef("Ukraine", PlaceLevel.COUNTRY, "UA")
RUSSIA_REF = PlaceRef("Russia", PlaceLevel.COUNTRY, "RU")
KHERSON_OBLAST_REF = PlaceRef(
    "Kherson Oblast", PlaceLevel.REGION, "UA", admin1="Kherson Oblast", geonameid=706442
)
NOVA_REF = PlaceRef(
    "Nova Kakhovka", PlaceLevel.SETTLEMENT, "UA", admin1="Kherson Oblast", geonameid=698131
)
NOVA_REF_NO_ID = PlaceRef("Nova Kakhovka", PlaceLevel.SETTLEMENT, "UA", admin1="Kherson Oblast")


@pytest.mark.parametrize(
    ("ref", "place", "expected"),
    [
        (KHERSON_OBLAST_REF, NOVA, True),
        (KHERSON_OBLAST_REF, KHERSON_CITY, True),
        (KHERSON_OBLAST_REF, KHERSON_REGION, True),
        (PlaceRef("kherson oblast", PlaceLevel.REGION, "UA"), NOVA, True),
        (KHERSON_OBLAST_REF, KYIV, False),
        (PlaceRef("Kherson Oblast", PlaceLevel.REGION, "RU"), NOVA, False),
        (UKRAINE_REF, NOVA, True),
        (UKRAINE_REF, ZNPP, True),
        (UKRAINE_REF, ROSTOV, False),
        (RUSSIA_REF, ROSTOV, True),
        (NOVA_REF, NOVA, True),
        (NOVA_REF, KHERSON_CITY, False),
        (NOVA_REF, KHERSON_REGION, False),
        (NOVA_REF, Place("Nova Kakhovka", "UA", "Kherson Oblast", None, None, geonameid=1), False),
        (NOVA_REF_NO_ID, NOVA, True),
        (
            PlaceRef("Nova Kakhovka", PlaceLevel.SETTLEMENT, "UA", admin1="Odesa Oblast"),
            NOVA,
            False,
        ),
    ],
)
def test_place_matches_at_every_level(ref: PlaceRef, place: Place, expected: bool) -> None:
    assert place_matches(ref, place) is expected


def event(kind: EventKind, *places: Place, **figures: Figure) -> Event:
    return Event(
        kind=kind,
        places=tuple(PlaceMention(p.name, p) for p in places),
        figures=tuple((FigureName(name), f) for name, f in figures.items()),
        attribution=(),
        date=None,
        evidence=f"{kind.value} in {', '.join(p.name for p in places)}",
    )


STRIKE_NOVA = event(EventKind.STRIKE, NOVA)
TEXT = "Missiles hit the Zaporizhzhia power\nplant area. Officials called it a Drill-free day."


@pytest.mark.parametrize(
    ("f", "severity", "expected"),
    [
        (Filter(), Severity.ROUTINE, True),
        (Filter(kinds=(EventKind.STRIKE,)), Severity.ROUTINE, True),
        (Filter(kinds=(EventKind.EVACUATION, EventKind.NUCLEAR_SAFETY)), Severity.FLASH, False),
        (Filter(places=(KHERSON_OBLAST_REF,)), Severity.ROUTINE, True),
        (Filter(places=(RUSSIA_REF,)), Severity.ROUTINE, False),
        (Filter(places=(RUSSIA_REF, NOVA_REF)), Severity.ROUTINE, True),
        (Filter(min_severity=Severity.URGENT), Severity.ROUTINE, False),
        (Filter(min_severity=Severity.URGENT), Severity.URGENT, True),
        (Filter(min_severity=Severity.URGENT), Severity.FLASH, True),
        (Filter(min_severity=Severity.FLASH), Severity.URGENT, False),
        (Filter(include=("zaporizhzhia",)), Severity.ROUTINE, True),
        (Filter(include=("power plant",)), Severity.ROUTINE, True),
        (Filter(include=("zaporizhzhia", "reactor")), Severity.ROUTINE, False),
        (Filter(include=("missile",)), Severity.ROUTINE, False),  # the text says "Missiles"
        (Filter(include=(".*",)), Severity.ROUTINE, False),  # keywords are never patterns
        (Filter(exclude=("drill",)), Severity.ROUTINE, False),
        (Filter(exclude=("exercise",)), Severity.ROUTINE, True),
        (
            Filter(kinds=(EventKind.STRIKE,), places=(NOVA_REF,), include=("plant",)),
            Severity.URGENT,
            True,
        ),
    ],
)
def test_matches(f: Filter, severity: Severity, expected: bool) -> None:
    assert matches(f, STRIKE_NOVA, article_text=TEXT, severity=severity) is expected


def test_event_without_places_never_matches_a_place_filter() -> None:
    bare = event(EventKind.STRIKE)

    assert not matches(
        Filter(places=(UKRAINE_REF,)), bare, article_text="", severity=Severity.FLASH
    )


CHAT_A = ChatRef("telegram", "100")
CHAT_A_TOPIC = ChatRef("telegram", "100", thread_id="7")
CHAT_B = ChatRef("slack", "C42")
NOW = datetime(2022, 10, 14, 6, 10, tzinfo=UTC)

EVACUATION = event(EventKind.EVACUATION, KHERSON_CITY, NOVA)
STRIKE_ZAP = event(EventKind.STRIKE, ZNPP)
NUCLEAR = event(EventKind.NUCLEAR_SAFETY, ZNPP)
CASUALTIES = event(EventKind.CASUALTIES, KYIV, killed=Figure(19))
EVENTS = (EVACUATION, STRIKE_NOVA, STRIKE_ZAP, NUCLEAR, CASUALTIES)
SEVERITIES = {
    EVACUATION: Severity.URGENT,
    STRIKE_NOVA: Severity.URGENT,
    STRIKE_ZAP: Severity.ROUTINE,
    NUCLEAR: Severity.FLASH,
    CASUALTIES: Severity.FLASH,
}
STORED = StoredArticle(
    7,
    Article(
        source_id="ap",
        guid="g1",
        url="https://example.org/kherson",
        title="Russia evacuates Kherson residents as Ukraine advances",
        text="Missile strikes rocked Zaporizhzhia overnight.",
        published_at=NOW,
        fetched_at=NOW,
    ),
)


def sub(sid: int, chat: ChatRef, f: Filter, *, paused: bool = False) -> Subscription:
    return Subscription(sid, chat, f, "typed text", "user", NOW, paused=paused)


def alerts_for(*subs: Subscription) -> tuple[Alert, ...]:
    return match_article(subs, STORED, EVENTS, SEVERITIES.__getitem__)


def test_alert_holds_only_the_events_its_subscription_matched() -> None:
    strikes_kherson = Filter(kinds=(EventKind.STRIKE,), places=(KHERSON_OBLAST_REF,))

    (alert,) = alerts_for(sub(3, CHAT_A, strikes_kherson))

    assert alert.events == (STRIKE_NOVA,)
    assert alert.severity is Severity.URGENT
    assert alert.article_id == 7
    assert alert.reason == 'matches your subscription #3: strikes in:"Kherson Oblast"'


def test_alert_severity_is_the_highest_of_its_events() -> None:
    (alert,) = alerts_for(sub(1, CHAT_A, Filter(places=(UKRAINE_REF,))))

    assert alert.events == EVENTS
    assert alert.severity is Severity.FLASH


def test_one_alert_per_chat_from_the_lowest_subscription_id() -> None:
    alerts = alerts_for(
        sub(5, CHAT_A, Filter(kinds=(EventKind.STRIKE,))),
        sub(3, CHAT_A, Filter(kinds=(EventKind.NUCLEAR_SAFETY,))),
        sub(4, CHAT_B, Filter()),
    )

    assert [(a.subscription.id, a.subscription.chat) for a in alerts] == [(3, CHAT_A), (4, CHAT_B)]
    assert alerts[0].events == (NUCLEAR,)
    assert alerts[0].reason == "matches your subscription #3: nuclear"
    assert alerts[1].reason == "matches your subscription #4: all"


def test_a_chat_whose_first_subscription_misses_falls_to_the_next() -> None:
    (alert,) = alerts_for(
        sub(1, CHAT_A, Filter(kinds=(EventKind.AIR_DEFENSE,))),
        sub(2, CHAT_A, Filter(kinds=(EventKind.CASUALTIES,))),
    )

    assert alert.subscription.id == 2
    assert alert.events == (CASUALTIES,)


def test_forum_topics_are_separate_chats() -> None:
    alerts = alerts_for(sub(1, CHAT_A, Filter()), sub(2, CHAT_A_TOPIC, Filter()))

    assert [a.subscription.chat for a in alerts] == [CHAT_A, CHAT_A_TOPIC]


def test_paused_subscriptions_never_match() -> None:
    alerts = alerts_for(
        sub(1, CHAT_A, Filter(), paused=True),
        sub(2, CHAT_A, Filter(kinds=(EventKind.EVACUATION,))),
        sub(3, CHAT_B, Filter(), paused=True),
    )

    assert [a.subscription.id for a in alerts] == [2]


def test_min_severity_drops_milder_events() -> None:
    (alert,) = alerts_for(
        sub(1, CHAT_A, Filter(kinds=(EventKind.STRIKE,), min_severity=Severity.URGENT))
    )

    assert alert.events == (STRIKE_NOVA,)


def test_keywords_look_at_the_title_too() -> None:
    (alert,) = alerts_for(sub(1, CHAT_A, Filter(include=("residents",))))

    assert len(alert.events) == len(EVENTS)
    assert alerts_for(sub(1, CHAT_A, Filter(exclude=("residents",)))) == ()


def test_no_events_no_alerts() -> None:
    assert match_article([sub(1, CHAT_A, Filter())], STORED, (), SEVERITIES.__getitem__) == ()


@pytest.mark.parametrize(("score", "expected"), [(0.9, True), (0.31, True), (0.16, False)])
def test_a_guessed_namesake_alerts_no_region_subscriber(score: float, expected: bool) -> None:
    """One Novoselivka of thirty, nothing in the text to say which: may be the wrong oblast."""
    village = Place("Novoselivka", "UA", "Kherson Oblast", 46.9, 33.1)
    guessed = Event(
        EventKind.STRIKE,
        (PlaceMention("Novoselivka", village, score=score),),
        (),
        (),
        None,
        "",
    )
    f = Filter(places=(KHERSON_OBLAST_REF,))
    assert matches(f, guessed, article_text="", severity=Severity.FLASH) is expected


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        ((EventKind.INFRASTRUCTURE_DAMAGE,), True),
        ((EventKind.STRIKE,), True),
        ((EventKind.CASUALTIES,), False),
        ((EventKind.EVACUATION, EventKind.INFRASTRUCTURE_DAMAGE), True),
    ],
)
def test_a_kind_folded_into_an_incident_matches_its_subscribers(
    kinds: tuple[EventKind, ...], expected: bool
) -> None:
    # "A drone strike damaged the port, causing a power outage": one strike, also damage.
    strike = replace(STRIKE_NOVA, also=(EventKind.INFRASTRUCTURE_DAMAGE,))
    got = matches(Filter(kinds=kinds), strike, article_text="", severity=Severity.URGENT)
    assert got is expected


KINDS = list(EventKind)


@given(
    wanted=st.lists(
        st.tuples(
            st.lists(st.sampled_from(KINDS), max_size=3),
            st.sampled_from([CHAT_A, CHAT_B]),
            st.booleans(),
        ),
        max_size=12,
    ),
    told=st.lists(st.sampled_from(KINDS), min_size=1, max_size=3),
)
def test_the_index_by_kind_picks_what_a_scan_of_every_subscription_picks(
    wanted: list[tuple[list[EventKind], ChatRef, bool]], told: list[EventKind]
) -> None:
    subs = tuple(
        sub(sid, chat, Filter(kinds=tuple(kinds)), paused=paused)
        for sid, (kinds, chat, paused) in enumerate(wanted, start=1)
    )
    card = replace(STRIKE_NOVA, kind=told[0], also=tuple(told[1:]))
    story = Story(1, card, ("ap",), 1, Verification.REPORTED, NOW, NOW)
    change = Change(story, StoryStatus.NEW)

    def scan() -> list[tuple[int, ChatRef]]:
        alerted: set[ChatRef] = set()
        found = []
        for s in sorted(subs, key=lambda s: s.id):
            if s.paused or s.chat in alerted:
                continue
            if matches(s.filter, card, article_text="", severity=Severity.ROUTINE):
                alerted.add(s.chat)
                found.append((s.id, s.chat))
        return found

    got = match_story(subs, STORED, change, lambda _: Severity.ROUTINE)
    assert [(a.subscription.id, a.subscription.chat) for a in got] == scan()
    # The same tuple again (the store's, unchanged) is answered from the kept index.
    again = match_story(subs, STORED, change, lambda _: Severity.ROUTINE)
    assert [a.subscription.id for a in again] == [a.subscription.id for a in got]
    by_article = match_article(list(subs), STORED, (card,), lambda _: Severity.ROUTINE)
    assert [(a.subscription.id, a.subscription.chat) for a in by_article] == scan()
