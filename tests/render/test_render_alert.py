"""The alert template, over a hand-built alert shaped like the Kherson evacuation article."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest

from bot.records import (
    Alert,
    Article,
    Aspect,
    Attribution,
    BlockKind,
    ChatRef,
    Event,
    EventKind,
    Figure,
    FigureName,
    Filter,
    Place,
    PlaceLevel,
    PlaceMention,
    PlaceRole,
    Qualifier,
    Severity,
    Subscription,
    Weapon,
)
from bot.render.alert import fact_line, fact_lines, format_day, render_alert
from bot.render.summary import format_figure

KYIV_TZ = timezone(timedelta(hours=3))
PUBLISHED = datetime(2022, 10, 14, 9, 10, tzinfo=KYIV_TZ)  # a Friday


def settlement(name: str, admin1: str, country: str = "UA") -> Place:
    return Place(name, country, admin1, None, None)


def region(name: str, country: str = "UA") -> Place:
    return Place(name, country, None, None, None, PlaceLevel.REGION)


def mention(place: Place, role: PlaceRole = PlaceRole.LOCATION) -> PlaceMention:
    return PlaceMention(place.name, place, role)


KHERSON = "Kherson Oblast"
EVACUATION = Event(
    kind=EventKind.EVACUATION,
    places=(
        *(
            mention(settlement(n, KHERSON), PlaceRole.ORIGIN)
            for n in ("Kherson", "Nova Kakhovka", "Hola Prystan", "Chornobaivka")
        ),
        mention(settlement("Rostov", "Rostov Oblast", "RU"), PlaceRole.DESTINATION),
        mention(settlement("Krasnodar", "Krasnodar Krai", "RU"), PlaceRole.DESTINATION),
        mention(region("Stavropol", "RU"), PlaceRole.DESTINATION),
        mention(region("Crimea"), PlaceRole.DESTINATION),
    ),
    figures=(),
    attribution=(Attribution("Volodymyr Saldo"),),
    date=date(2022, 10, 13),
    evidence="Sardo said the decision was taken to evacuate Kherson residents",
)
STRIKE = Event(
    kind=EventKind.STRIKE,
    places=(mention(settlement("Zaporizhzhia", "Zaporizhzhia Oblast")),),
    figures=((FigureName.KILLED, Figure(0)), (FigureName.INJURED, Figure(0))),
    attribution=(Attribution("Oleksandr Starukh", "governor"),),
    date=None,
    evidence="",
    weapon=Weapon.MISSILE,
)
NUCLEAR = Event(
    kind=EventKind.NUCLEAR_SAFETY,
    places=(
        mention(
            Place(
                "Zaporizhzhia Nuclear Power Plant",
                "UA",
                "Zaporizhzhia Oblast",
                None,
                None,
                PlaceLevel.FACILITY,
            )
        ),
    ),
    figures=(),
    attribution=(),
    date=None,
    evidence="",
    aspect=Aspect.DIESEL_POWER,
)
CASUALTIES = Event(
    kind=EventKind.CASUALTIES,
    places=(mention(settlement("Kyiv", "Kyiv City")),),
    figures=(
        (FigureName.KILLED, Figure(19)),
        (FigureName.INJURED, Figure(100, Qualifier.MORE_THAN)),
    ),
    attribution=(),
    date=date(2022, 10, 10),
    evidence="",
)
TERRITORY = Event(
    kind=EventKind.TERRITORIAL_CHANGE,
    places=(mention(region(KHERSON)),),
    figures=((FigureName.SETTLEMENTS, Figure(75)),),
    aspect=Aspect.GAINED,
    attribution=(Attribution("Ministry of Reintegration"),),
    date=None,
    evidence="",
)
DENIAL = Event(
    kind=EventKind.EVACUATION,
    places=(mention(region(KHERSON)),),
    figures=(),
    attribution=(Attribution("Kirill Stremousov", "deputy"),),
    date=None,
    evidence="",
    denied=True,
)
SEVERITIES = {
    EVACUATION: Severity.URGENT,
    STRIKE: Severity.URGENT,
    NUCLEAR: Severity.FLASH,
    CASUALTIES: Severity.FLASH,
    TERRITORY: Severity.ROUTINE,
    DENIAL: Severity.ROUTINE,
}
ARTICLE = Article(
    source_id="ap",
    guid=None,
    url="https://apnews.com/article/kherson-evacuation",
    title="Russia evacuates Kherson residents as Ukraine advances",
    text="",
    published_at=PUBLISHED,
    fetched_at=PUBLISHED,
)


def seed_alert(*events: Event, severity: Severity = Severity.FLASH) -> Alert:
    subscription = Subscription(3, ChatRef("console", "stdout"), Filter(), "all", None, PUBLISHED)
    return Alert(7, ARTICLE, events, severity, subscription, "matches your subscription #3: all")


def test_seed_alert_reads_as_heading_lead_facts_source_reason() -> None:
    alert = seed_alert(EVACUATION, STRIKE, TERRITORY, DENIAL, CASUALTIES, NUCLEAR)

    doc = render_alert(alert, severity_of=SEVERITIES.__getitem__)

    kinds = [b.kind for b in doc.blocks]
    assert kinds == [
        BlockKind.HEADING,
        BlockKind.TEXT,
        BlockKind.FACTS,
        BlockKind.SOURCE,
        BlockKind.REASON,
    ]
    heading, lead, facts, source, reason = doc.blocks
    assert heading.text == "FLASH · Nuclear safety · Zaporizhzhia Oblast"
    assert heading.severity is Severity.FLASH
    assert lead.text == ("Zaporizhzhia Nuclear Power Plant running on diesel generators.")
    # The lead tells the first event; the facts are everything else.
    assert facts.items == (
        "Casualties: 19 killed, more than 100 injured (Kyiv, Monday)",
        "Strike (missile): Zaporizhzhia; no casualties reported — Oleksandr Starukh, governor",
        "Evacuation: Kherson, Nova Kakhovka, Hola Prystan, Chornobaivka → Rostov, Krasnodar, "
        "Stavropol, Crimea (Thursday) — Volodymyr Saldo",
        "Territorial change: Kherson Oblast; 75 settlements — Ministry of Reintegration",
        "Evacuation: Kherson Oblast — Kirill Stremousov, deputy [denied]",
    )
    assert source.text == (
        "Russia evacuates Kherson residents as Ukraine advances — ap, 2022-10-14 06:10 UTC"
    )
    assert source.url == ARTICLE.url
    assert reason.text == "matches your subscription #3: all"


def test_without_per_event_severity_kind_priority_orders_the_facts() -> None:
    alert = seed_alert(EVACUATION, DENIAL, STRIKE, CASUALTIES, severity=Severity.URGENT)

    doc = render_alert(alert)

    facts = doc.blocks[2].items
    assert [f.split(":")[0] for f in facts] == [
        "Strike (missile)",
        "Evacuation",
        "Evacuation",
    ]
    assert doc.blocks[1].text == (
        "Casualties in Kyiv (Kyiv City): 19 killed, more than 100 injured (Monday)."
    )
    assert facts[-1].endswith("[denied]")
    assert doc.blocks[0].text == "URGENT · Casualties · Kyiv City"


def test_heading_names_where_it_happened_not_where_people_go() -> None:
    doc = render_alert(seed_alert(EVACUATION, severity=Severity.URGENT))

    assert doc.blocks[0].text == "URGENT · Evacuation · Kherson Oblast"
    assert doc.blocks[1].text == (
        "Evacuation from Kherson, Nova Kakhovka, Hola Prystan, Chornobaivka (Kherson Oblast) "
        "to Rostov, Krasnodar, Stavropol, Crimea, according to Volodymyr Saldo (Thursday)."
    )


def test_alert_without_events_still_renders_title_and_source() -> None:
    doc = render_alert(seed_alert(severity=Severity.ROUTINE))

    assert [b.kind for b in doc.blocks] == [
        BlockKind.HEADING,
        BlockKind.TEXT,
        BlockKind.SOURCE,
        BlockKind.REASON,
    ]
    assert doc.blocks[0].text == "ROUTINE"
    assert doc.blocks[1].text == ARTICLE.title


@pytest.mark.parametrize(
    ("figure", "text"),
    [
        (Figure(19), "19"),
        (Figure(100, Qualifier.MORE_THAN), "more than 100"),
        (Figure(20, Qualifier.ABOUT), "about 20"),
        (Figure(3, Qualifier.AT_LEAST), "at least 3"),
        (Figure(5, Qualifier.UP_TO), "up to 5"),
        (Figure(10, upper=15), "10–15"),
        (Figure(10, Qualifier.ABOUT, upper=15), "about 10–15"),
        (Figure(12, upper=12), "12"),
        (Figure(60000, Qualifier.ABOUT), "about 60,000"),
    ],
)
def test_format_figure(figure: Figure, text: str) -> None:
    assert format_figure(figure) == text


@pytest.mark.parametrize(
    ("day", "published", "text"),
    [
        (date(2022, 10, 10), date(2022, 10, 14), "Monday"),
        (date(2022, 10, 14), date(2022, 10, 14), "Friday"),
        (date(2022, 10, 7), date(2022, 10, 14), "7 Oct 2022"),
        (date(2022, 10, 15), date(2022, 10, 14), "15 Oct 2022"),
        (date(2022, 10, 10), None, "10 Oct 2022"),
    ],
)
def test_format_day(day: date, published: date | None, text: str) -> None:
    assert format_day(day, published) == text


def test_fact_line_of_a_bare_event_says_what_it_was_and_skips_unknown_weapon() -> None:
    bare = Event(
        kind=EventKind.AIR_DEFENSE,
        places=(),
        figures=(),
        attribution=(),
        date=None,
        evidence="",
        weapon=Weapon.UNKNOWN,
    )

    assert fact_line(bare) == "Air defense: Air defence interceptions"


def test_no_casualties_flag_and_disputes_are_shown() -> None:
    disputed = Event(
        kind=EventKind.STRIKE,
        places=(mention(settlement("Kherson", KHERSON)),),
        figures=(),
        attribution=(Attribution("Volodymyr Saldo"),),
        date=None,
        evidence="",
        no_casualties=True,
        disputed_by=(Attribution("Kirill Stremousov", "deputy"),),
    )

    assert fact_line(disputed) == (
        "Strike: Kherson; no casualties reported — Volodymyr Saldo "
        "[disputed by Kirill Stremousov, deputy]"
    )


def test_a_killed_figure_overrides_the_no_casualties_flag() -> None:
    event = Event(
        kind=EventKind.STRIKE,
        places=(),
        figures=((FigureName.KILLED, Figure(2)),),
        attribution=(),
        date=None,
        evidence="",
        no_casualties=True,
    )

    assert fact_line(event) == "Strike: 2 killed"


def test_long_place_lists_are_capped() -> None:
    many = Event(
        kind=EventKind.STRIKE,
        places=tuple(mention(settlement(f"Village {i}", KHERSON)) for i in range(9)),
        figures=((FigureName.KILLED, Figure(2, Qualifier.AT_LEAST)),),
        attribution=(),
        date=None,
        evidence="",
    )

    assert fact_line(many) == (
        "Strike: Village 0, Village 1, Village 2, Village 3, Village 4, Village 5, +3 more; "
        "at least 2 killed"
    )


def test_published_time_is_shown_in_utc() -> None:
    doc = render_alert(seed_alert(STRIKE))

    assert "2022-10-14 06:10 UTC" in doc.blocks[-2].text
    assert PUBLISHED.astimezone(UTC).hour == 6


def event(kind: EventKind, *places: Place, evidence: str = "e", **figures: int) -> Event:
    return Event(
        kind=kind,
        places=tuple(mention(p) for p in places),
        figures=tuple((FigureName(label), Figure(value)) for label, value in figures.items()),
        attribution=(),
        date=None,
        evidence=evidence,
    )


def test_fact_lines_drop_vague_and_covered_events_and_join_gains() -> None:
    ukraine = Place("Ukraine", "UA", None, 49.0, 32.0, PlaceLevel.COUNTRY)
    city = settlement("Zaporizhzhia", "Zaporizhzhia Oblast")
    strike = event(EventKind.STRIKE, city, evidence="Explosions hit infrastructure in the city.")
    covered = event(
        EventKind.INFRASTRUCTURE_DAMAGE, city, evidence="Explosions hit infrastructure"
    )
    vague = event(EventKind.STRIKE, ukraine)
    gains = [
        event(EventKind.TERRITORIAL_CHANGE, region(name), settlements=n)
        for name, n in (("Kherson Oblast", 75), ("Kharkiv Oblast", 502))
    ]
    lines = fact_lines((strike, covered, vague, *gains))
    assert lines == (
        "Strike: Zaporizhzhia",
        "Territorial change: 75 settlements in Kherson Oblast, 502 in Kharkiv Oblast",
    )


def test_fact_lines_are_capped_with_a_count_of_the_rest() -> None:
    towns = [settlement(f"Town{i}", "Kherson Oblast") for i in range(9)]
    lines = fact_lines(tuple(event(EventKind.STRIKE, t, evidence=t.name) for t in towns))
    assert len(lines) == 6
    assert lines[-1] == "+4 more facts in the article"


def test_heading_marks_a_region_known_only_from_a_guess() -> None:
    village = settlement("Novoselivka", "Odesa Oblast")
    guessed = Event(
        EventKind.STRIKE,
        (PlaceMention("Novoselivka", village, score=0.16),),
        (),
        (),
        None,
        "e",
    )
    assert render_alert(seed_alert(guessed)).blocks[0].text == "FLASH · Strike · Odesa Oblast?"
    sure = Event(EventKind.STRIKE, (mention(village),), (), (), None, "e")
    assert render_alert(seed_alert(sure)).blocks[0].text == "FLASH · Strike · Odesa Oblast"
