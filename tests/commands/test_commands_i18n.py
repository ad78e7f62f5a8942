"""Commands in the asker's language: Ukrainian from the user's app or /lang, filters typed in
Ukrainian and Russian, times in the chat's zone."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.commands import CommandContext
from bot.extract.hierarchy import Hierarchy
from bot.extract.placeref import UkrainianNames
from bot.records import ChatSettings, EventKind, Severity
from bot.store.sql import SqlStore
from tests.commands.chat import CHAT, OTHER, exec_command


@pytest.fixture(scope="module")
def names() -> UkrainianNames:
    return UkrainianNames(Hierarchy.load())


@pytest.fixture
def uk_ctx(ctx: CommandContext, names: UkrainianNames) -> CommandContext:
    return replace(ctx, place_names=names)


async def test_a_user_whose_app_speaks_ukrainian_is_answered_in_ukrainian_and_the_chat_keeps_it(
    uk_ctx: CommandContext, store: SqlStore
) -> None:
    said = await exec_command(uk_ctx, "/help", language="uk")

    assert said.startswith("Команди")
    assert "Отримувати сповіщення щоразу" in said  # /subscribe's summary, translated
    assert (await store.chat_settings(CHAT)).language == "uk"
    # Another member whose app is English still reads the chat's language.
    assert (await exec_command(uk_ctx, "/help", language="en")).startswith("Команди")
    # A chat nobody spoke to in Ukrainian reads the operator's default.
    assert (await exec_command(uk_ctx, "/help", chat=OTHER)).startswith("Commands")


async def test_lang_switches_the_chat_and_refuses_languages_it_does_not_speak(
    uk_ctx: CommandContext, store: SqlStore
) -> None:
    assert "Мова: Українська" in await exec_command(uk_ctx, "/lang uk")
    assert (await store.chat_settings(CHAT)).language == "uk"
    assert (await exec_command(uk_ctx, "/start")).splitlines()[1].startswith("Я читаю новини")

    said = await exec_command(uk_ctx, "/lang de")
    assert 'Мови "de" я поки не знаю' in said
    assert "Приклад: /lang uk" in said

    assert "Language: English" in await exec_command(uk_ctx, "/lang english")
    assert (await exec_command(uk_ctx, "/start")).splitlines()[1].startswith("I read news")
    assert (await store.chat_settings(CHAT)).language == "en"


@pytest.mark.parametrize(
    ("line", "kinds", "region"),
    [
        ("/subscribe удари в:Харківщина", {EventKind.STRIKE}, "Kharkiv Oblast"),
        ("/subscribe обстрілів у:Харківщина", {EventKind.STRIKE}, "Kharkiv Oblast"),
        ("/subscribe евакуація в Херсонській області", {EventKind.EVACUATION}, "Kherson Oblast"),
        (
            "/subscribe обстрелы эвакуация в:Херсонщина",
            {EventKind.STRIKE, EventKind.EVACUATION},
            "Kherson Oblast",
        ),
        (
            "/subscribe жертви ппо в:Київщина",
            {EventKind.CASUALTIES, EventKind.AIR_DEFENSE},
            "Kyiv Oblast",
        ),
    ],
)
async def test_filters_are_understood_in_ukrainian_and_russian_words_in_any_case(
    uk_ctx: CommandContext, store: SqlStore, line: str, kinds: set[EventKind], region: str
) -> None:
    said = await exec_command(uk_ctx, line, language="uk")

    assert said.startswith("Підписку #1 створено"), said
    (sub,) = await store.subscriptions(CHAT)
    assert set(sub.filter.kinds) == kinds
    assert [p.name for p in sub.filter.places] == [region]
    # Shown back in the reader's words, and that text parses to the same filter.
    shown = said.splitlines()[1]
    assert "в:" in shown
    again = await exec_command(uk_ctx, f"/subscribe {shown}", language="uk")
    assert again.startswith("Підписка вже є (#1)"), again


async def test_a_ukrainian_severity_and_the_english_syntax_mean_the_same(
    uk_ctx: CommandContext, store: SqlStore
) -> None:
    await exec_command(uk_ctx, "/subscribe удари в:Харків мін:термінові", language="uk")
    said = await exec_command(uk_ctx, "/subscribe strikes in:Kharkiv min:urgent")

    assert said.startswith("Підписка вже є (#1)")
    (sub,) = await store.subscriptions(CHAT)
    assert sub.filter.min_severity is Severity.URGENT
    assert "#1  удари в:Харків мін:термінові" in await exec_command(uk_ctx, "/subscriptions")


async def test_errors_come_in_ukrainian_with_the_filter_help_in_ukrainian(
    uk_ctx: CommandContext,
) -> None:
    said = await exec_command(uk_ctx, "/subscribe банани", language="uk")

    assert said.startswith('Я не розумію "банани".')
    assert "Фільтр складається з" in said
    assert "удари" in said  # the kinds listed in Ukrainian
    assert "Як писати: /subscribe <filter>" in said

    said = await exec_command(uk_ctx, "/subscribe удари в:Атлантида")
    assert 'Я не знаю місця "Атлантида"' in said

    said = await exec_command(uk_ctx, "/latest 99")
    assert "Можу показати від 1 до 20 за раз, а не 99." in said


async def test_an_unknown_command_and_an_operator_command_answer_in_ukrainian(
    uk_ctx: CommandContext,
) -> None:
    said = await exec_command(uk_ctx, "/subscirbe удари", language="uk")
    assert 'Я не знаю команди "subscirbe"' in said
    assert "Можливо, ви мали на увазі /subscribe?" in said

    said = await exec_command(uk_ctx, "/pause ukrinform")
    assert "лише для операторів" in said


async def test_timezone_is_kept_per_chat_and_shown_in_times(
    uk_ctx: CommandContext, store: SqlStore
) -> None:
    # The clock is 18:00 UTC: 20:00 in Kyiv in March, 19:00 in Berlin.
    assert "Europe/Kyiv (now 20:00 Kyiv)" in await exec_command(uk_ctx, "/timezone")

    said = await exec_command(uk_ctx, "/timezone europe/berlin")

    assert said.startswith("Time zone: Europe/Berlin")
    assert "2024-03-01 19:00 Berlin" in said
    assert (await store.chat_settings(CHAT)) == ChatSettings(timezone="Europe/Berlin")
    assert "(now 19:00 Berlin)" in await exec_command(uk_ctx, "/tz")

    said = await exec_command(uk_ctx, "/timezone Mars/Olympus")
    assert '"Mars/Olympus" is not a time zone I know' in said
    assert (await store.chat_settings(CHAT)).timezone == "Europe/Berlin"

    await exec_command(uk_ctx, "/lang uk")
    assert "Часовий пояс: UTC" in await exec_command(uk_ctx, "/timezone utc")


@pytest.mark.usefixtures("news")
async def test_latest_and_sitrep_read_in_ukrainian_with_places_from_the_codifier(
    uk_ctx: CommandContext,
) -> None:
    await exec_command(uk_ctx, "/lang uk")

    latest = await exec_command(uk_ctx, "/latest удари в:Харківщина")
    assert latest.splitlines()[0] == 'Останні 2 події · удари в:"Харківська область"'
    assert "Удар (ракети): Харків; 4 загиблих, 12 поранених" in latest
    assert "Історія #" in latest
    assert "повідомило одне видання" in latest  # Chuhuiv, told by no one named
    assert "офіційно" in latest  # Kharkiv, the governor named

    sitrep = await exec_command(uk_ctx, "/sitrep Харківщина 24h")
    assert sitrep.splitlines()[0] == "Зведення · Харківська область · останні 24h"
    assert "Повідомлено: 4 загиблих, 14 поранених у 2 випадках" in sitrep
