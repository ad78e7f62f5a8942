"""/latest and /search over events the real extractor recorded in a real store."""

from __future__ import annotations

import pytest

from bot.commands import CommandContext
from bot.extract import Extractor
from bot.records import BlockKind, Event, StoredArticle
from bot.store.sql import SqlStore
from tests.commands.chat import exec_command, record, run

KHARKIV_MISSILE = "https://news.example/russian-missile-strike-on"
CHUHUIV = "https://news.example/drone-attack-on-chuhuiv"
KUPIANSK = "https://news.example/evacuation-from-kupiansk"
ODESA = "https://news.example/odesa-port-hit"
KHERSON = "https://news.example/shelling-of-kherson"


async def links(ctx: CommandContext, line: str) -> list[str | None]:
    reply = await run(ctx, line)
    return [b.url for b in reply.document.blocks if b.kind is BlockKind.SOURCE]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # The Odesa drone strike that cut the power is one incident: one line.
        ("/latest", [KHARKIV_MISSILE, ODESA, KUPIANSK, CHUHUIV, KHERSON]),
        ("/latest 2", [KHARKIV_MISSILE, ODESA]),
        ("/latest strikes in kharkiv oblast", [KHARKIV_MISSILE, CHUHUIV]),
        ("/latest strikes in kharkiv oblast 1", [KHARKIV_MISSILE]),
        ("/latest evacuations", [KUPIANSK]),
        ("/latest in:kherson 20", [KHERSON]),
        ("/latest infrastructure in:odesa", [ODESA]),
        ("/latest strikes -russian", [ODESA]),
        ("/latest nuclear", []),
    ],
)
async def test_latest_is_newest_first_and_filtered(
    ctx: CommandContext, news: SqlStore, line: str, expected: list[str]
) -> None:
    assert await links(ctx, line) == expected


async def test_latest_lines_carry_the_fact_the_source_and_the_age(
    ctx: CommandContext, news: SqlStore
) -> None:
    reply = await run(ctx, "/latest in:kharkiv min:urgent")
    assert reply.ephemeral
    heading, line = reply.document.blocks
    assert heading.text == "Latest 1 event · in:Kharkiv min:urgent"
    assert line.text == (
        "Strike (missile): Kharkiv; 4 killed, 12 injured (Friday) — Oleh Syniehubov, governor"
        " — The Kyiv Independent, 2 h ago · Story #5 · 1 source · official"
    )
    assert line.url == KHARKIV_MISSILE


async def test_latest_on_an_empty_store_says_so(ctx: CommandContext) -> None:
    assert await exec_command(ctx, "/latest") == "Latest events\nNothing seen yet."
    said = await exec_command(ctx, "/latest strikes")
    assert said.endswith("Nothing seen yet that matches.")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("/search drone", [ODESA, CHUHUIV]),
        ("/search DRONE odesa", [ODESA]),
        ('/search "Kharkiv" missile', [KHARKIV_MISSILE]),
        ("/search kharkiv oblast", [KUPIANSK, CHUHUIV]),
        ("/search submarine", []),
    ],
)
async def test_search_needs_every_word(
    ctx: CommandContext, news: SqlStore, line: str, expected: list[str]
) -> None:
    assert await links(ctx, line) == expected


MULTILINGUAL = (
    (
        3,
        "ukrinform",
        "Вибухи у Харкові: ракета влучила в будинок",
        "Уночі росіяни вдарили ракетою по Харкову, повідомив Олег Синєгубов.",
    ),
    (
        2,
        "kyiv-independent",
        "Взрывы в Харькове",
        "Ночью Россия ударила ракетой по Харькову, сообщил Олег Синегубов.",
    ),
    (
        1,
        "ukrinform",
        "Обстріл Куп’янська: пошкоджено школу",
        "Російська армія обстріляла Куп’янськ з артилерії, пошкоджено школу.",
    ),
)
KHARKIV_UK = "https://news.example/вибухи-у-харкові:-ракета"
KHARKIV_RU = "https://news.example/взрывы-в-харькове"
KUPIANSK_UK = "https://news.example/обстріл-куп’янська:-пошкоджено-школу"


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # The word as typed and its cases: "Харків" finds "у Харкові", "по Харкову"; and
        # the city's other names with theirs ("в Харькове").
        ("/search Харків", [KHARKIV_UK, KHARKIV_RU]),
        ("/search Харкові ракета", [KHARKIV_UK, KHARKIV_RU]),
        # A place's other names with theirs: Kharkiv, Харків and Харьков are one city.
        ("/search Kharkiv", [KHARKIV_UK, KHARKIV_RU]),
        ("/search Харьков вдарили", [KHARKIV_UK]),
        # Another apostrophe, another case, a transliteration.
        ("/search Куп'янськ", [KUPIANSK_UK]),
        ("/search Kupiansk школа", [KUPIANSK_UK]),
        ("/search обстріл", [KUPIANSK_UK]),
        # Words still all have to be there.
        ("/search Харків Куп'янськ", []),
    ],
)
async def test_search_finds_words_in_their_other_forms_and_languages(
    ctx: CommandContext, store: SqlStore, extractor: Extractor, line: str, expected: list[str]
) -> None:
    await record(store, extractor, MULTILINGUAL)
    found = await links(ctx, line)
    assert sorted(u or "" for u in found) == sorted(expected)


async def test_search_lines_name_the_kinds_found_and_the_source(
    ctx: CommandContext, news: SqlStore
) -> None:
    said = await exec_command(ctx, "/search port")
    assert said.splitlines() == [
        "Search · port (1 article)",
        "Odesa port hit [Strike, Infrastructure damage] — Ukrinform, 3 h ago",
        ODESA,
    ]
    assert "No article contains" in await exec_command(ctx, "/search port kherson")


async def test_latest_shows_a_story_once_with_its_latest_toll_and_story_has_its_timeline(
    ctx: CommandContext, store: SqlStore, extractor: Extractor
) -> None:
    await record(
        store,
        extractor,
        (
            (
                5,
                "ukrinform",
                "Missile strike on Sumy kills 2",
                "A Russian missile hit Sumy on Friday, killing two people, governor Volodymyr Artiukh said.",
            ),
            (
                4,
                "kyiv-independent",
                "Two killed as missile hits Sumy",
                "Two people were killed when a Russian missile struck Sumy on Friday.",
            ),
            (
                3,
                "ukrinform",
                "Sumy strike: death toll rises to 4",
                "The death toll from Friday's missile strike on Sumy rose to four, governor Volodymyr Artiukh said.",
            ),
        ),
    )
    reply = await run(ctx, "/latest in:sumy")
    heading, line = reply.document.blocks
    assert heading.text == "Latest 1 event · in:Sumy"
    assert "4 killed" in line.text  # the story's toll as it stands, from three reports
    story_id = line.text.split("Story #")[1].split(" ")[0]
    told = await run(ctx, f"/story {story_id}")
    head, lead, timeline = told.document.blocks
    assert head.text.startswith(f"Story #{story_id}")
    assert "4 killed" in lead.text
    assert [item.split("[")[1].split("]")[0] for item in timeline.items[1:]] == [
        "new",
        "duplicate",
        "update",
    ]
    assert "There is no story #999" in await exec_command(ctx, "/story 999")
    assert "Which story?" in await exec_command(ctx, "/story 99999999999999999999")


async def test_latest_reads_the_newest_events_first_and_further_back_only_for_a_narrow_filter(
    ctx: CommandContext, news: SqlStore, extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    limits: list[int] = []
    read = news.recent_events

    async def counting(limit: int = 10) -> tuple[tuple[StoredArticle, Event], ...]:
        limits.append(limit)
        return await read(limit)

    monkeypatch.setattr(news, "recent_events", counting)
    assert await links(ctx, "/latest 2") == [KHARKIV_MISSILE, ODESA]
    assert limits == [40]  # a handful of events in the store: one short read, not a thousand
    # Sixty newer reports of shelling in Kherson push the Kharkiv Oblast strikes back.
    fillers = [
        (
            0,
            "suspilne",
            f"Report {n}: Kherson shelled again",
            f"Russian artillery shelled Kherson, report {n}.",
        )
        for n in range(60)
    ]
    await record(news, extractor, fillers)
    limits.clear()
    assert await links(ctx, "/latest strikes in kharkiv oblast") == [KHARKIV_MISSILE, CHUHUIV]
    assert limits == [40, 320]
