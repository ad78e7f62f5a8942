"""/sitrep: a place at any level over a window, counted from the events in a real store."""

from __future__ import annotations

import struct
from dataclasses import replace
from datetime import date

import pytest

from bot.commands import CommandContext
from bot.records import BlockKind, Event, EventKind, Figure, FigureName, Place, PlaceMention, Reply
from bot.store.sql import SqlStore
from tests.commands.chat import article, exec_command, run

KHARKIV_MISSILE = "https://news.example/russian-missile-strike-on"
CHUHUIV = "https://news.example/drone-attack-on-chuhuiv"
KUPIANSK = "https://news.example/evacuation-from-kupiansk"


def summary_line(reply: Reply) -> str:
    return reply.document.blocks[1].text


async def test_an_oblast_counts_the_events_in_its_towns(
    ctx: CommandContext, news: SqlStore
) -> None:
    reply = await run(ctx, "/sitrep kharkiv oblast")
    blocks = reply.document.blocks
    assert blocks[0].text == "Sitrep · Kharkiv Oblast · last 24h"
    assert summary_line(reply) == "3 events in 3 articles: Strike 2 · Evacuation 1"
    assert blocks[2].text == (
        "Reported: 4 killed, 14 injured in 2 incidents, each counted once at its latest toll."
    )
    strongest = [b for b in blocks if b.kind is BlockKind.SOURCE]
    assert [b.url for b in strongest] == [KHARKIV_MISSILE, CHUHUIV, KUPIANSK]
    assert strongest[0].text.startswith("URGENT · Strike (missile): Kharkiv; 4 killed")
    assert reply.ephemeral


@pytest.mark.parametrize(
    ("line", "summary"),
    [
        ("/sitrep kharkiv", "1 event in 1 article: Strike 1"),
        ("/sitrep Харків", "1 event in 1 article: Strike 1"),
        ('/sitrep in:"Kharkiv Oblast" 3h', "1 event in 1 article: Strike 1"),
        ("/sitrep kharkiv oblast 4 hours", "2 events in 2 articles: Strike 1 · Evacuation 1"),
        ("/sitrep odesa oblast", "1 event in 1 article: Strike 1"),
        ("/sitrep kherson 30h", "1 event in 1 article: Strike 1"),
        ("/sitrep kherson 2d", "1 event in 1 article: Strike 1"),
        (
            "/sitrep ukraine 2d",
            "5 events in 5 articles: Strike 4 · Evacuation 1",
        ),
        (
            "/sitrep ukraine",
            "4 events in 4 articles: Strike 3 · Evacuation 1",
        ),
    ],
)
async def test_places_at_every_level_and_windows(
    ctx: CommandContext, news: SqlStore, line: str, summary: str
) -> None:
    assert summary_line(await run(ctx, line)) == summary


async def test_a_quiet_place_says_so(ctx: CommandContext, news: SqlStore) -> None:
    said = await exec_command(ctx, "/sitrep kherson 29h")
    assert said == "Sitrep · Kherson · last 29h\nNo events recorded for Kherson in this window."


def killed(town: str, count: int) -> Event:
    place = Place(town, "UA", "Zaporizhzhia Oblast", None, None)
    return Event(
        kind=EventKind.CASUALTIES,
        places=(PlaceMention(town, place),),
        figures=((FigureName.KILLED, Figure(count)),),
        attribution=(),
        date=date(2024, 3, 1),
        evidence=f"{count} killed in {town}",
    )


async def test_figures_are_summed_as_reported_and_the_rest_listed(
    ctx: CommandContext, store: SqlStore
) -> None:
    towns = ("Vasylivka", "Polohy", "Orikhiv", "Tokmak", "Huliaipole")
    for hours_ago, (town, count) in enumerate(zip(towns, (1, 2, 3, 4, 12), strict=True)):
        (stored,) = await store.record_articles([article(hours_ago + 1, "ukrinform", town, "")])
        await store.record_events(stored.id, [killed(town, count)])

    reply = await run(ctx, "/sitrep zaporizhzhia oblast")
    blocks = reply.document.blocks
    # Events recorded without stories (an older store) count as their reports gave them.
    assert blocks[2].text.startswith("Reported: 22 killed in 5 incidents")
    linked = [b.text.split(" — ")[0] for b in blocks if b.kind is BlockKind.SOURCE]
    assert linked == [
        "FLASH · Casualties: 12 killed (Huliaipole, Friday)",
        "URGENT · Casualties: 4 killed (Tokmak, Friday)",
        "URGENT · Casualties: 3 killed (Orikhiv, Friday)",
    ]
    # The events not linked above, newest first, as their fact lines.
    assert blocks[-1].items == (
        "Casualties: 1 killed (Vasylivka, Friday)",
        "Casualties: 2 killed (Polohy, Friday)",
    )


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("/sitrep atlantis", 'I don\'t know the place "atlantis".'),
        ("/sitrep khersonn", "Did you mean: Kherson, Kherson Oblast?"),
        ("/sitrep", "Which place?"),
        ("/sitrep 12h", "Which place?"),
        ("/sitrep kharkiv 12", "Give the time window a unit"),
        ("/sitrep kharkiv 0h", "Pick a window from 1h to 30d."),
        ("/sitrep kharkiv 31d", "Pick a window from 1h to 30d."),
    ],
)
async def test_bad_places_and_windows_get_an_example(
    ctx: CommandContext, line: str, problem: str
) -> None:
    said = await exec_command(ctx, line)
    assert problem in said
    assert "Example: /sitrep " in said


@pytest.mark.usefixtures("news")
async def test_a_sitrep_comes_with_a_map_of_its_region_and_incidents(ctx: CommandContext) -> None:
    answer = await run(ctx, "/sitrep Kharkiv Oblast 24h")

    picture = answer.picture
    assert picture is not None
    assert picture.png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", picture.png[16:24])
    assert (width, height) == (900, 620)
    # Chuhuiv's drone strike, Kupiansk's evacuation and Kharkiv's missile strike: three dots.
    assert picture.alt_text == (
        "Map of Kharkiv Oblast: 3 incidents as dots (Strike 2, Evacuation 1)."
    )
    assert picture.caption == answer.document.blocks[0].text

    # Without maps (an operator's choice) the report is text alone.
    assert (await run(replace(ctx, maps=False), "/sitrep Kharkiv Oblast 24h")).picture is None
    # No events, no map.
    assert (await run(ctx, "/sitrep Lviv 24h")).picture is None
