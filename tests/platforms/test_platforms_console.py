"""The console platform: readable lines, colour only when asked, odd text never crashes it."""

from __future__ import annotations

import io

import pytest

from bot.errors import DeliveryError
from bot.platforms import Platform
from bot.platforms.console import ConsolePlatform
from bot.records import Block, BlockKind, ChatRef, Document, Severity

CHAT = ChatRef("console", "stdout")
DOC = Document(
    (
        Block(
            BlockKind.HEADING,
            text="FLASH · Nuclear safety · Zaporizhzhia Oblast",
            severity=Severity.FLASH,
        ),
        Block(BlockKind.TEXT, text="The plant fell back to diesel generators."),
        Block(
            BlockKind.FACTS,
            items=(
                "Nuclear safety: Zaporizhzhia Nuclear Power Plant",
                "Casualties: 19 killed, more than 100 injured (Kyiv, Monday)",
            ),
        ),
        Block(
            BlockKind.SOURCE, text="Russia evacuates Kherson residents — ap", url="https://x.org/a"
        ),
        Block(BlockKind.REASON, text="matches your subscription #3: all"),
    )
)


def test_is_a_platform() -> None:
    platform: Platform = ConsolePlatform(io.StringIO(), color=False)

    assert platform.name == "console"


async def test_plain_output_has_every_part_and_no_escapes() -> None:
    stream = io.StringIO()
    console = ConsolePlatform(stream, color=False)

    ids = await console.send(CHAT, DOC, severity=Severity.FLASH)

    out = stream.getvalue()
    assert ids == ("console:1",)
    assert "\x1b" not in out
    assert out.splitlines() == [
        "FLASH · Nuclear safety · Zaporizhzhia Oblast",
        "The plant fell back to diesel generators.",
        "  • Nuclear safety: Zaporizhzhia Nuclear Power Plant",
        "  • Casualties: 19 killed, more than 100 injured (Kyiv, Monday)",
        "Source: Russia evacuates Kherson residents — ap",
        "  https://x.org/a",
        "Why: matches your subscription #3: all",
        "─" * 60,
    ]


async def test_message_ids_count_up() -> None:
    console = ConsolePlatform(io.StringIO(), color=False)

    first = await console.send(CHAT, DOC, severity=Severity.FLASH)
    second = await console.send(CHAT, DOC, severity=Severity.FLASH)

    assert (first, second) == (("console:1",), ("console:2",))


@pytest.mark.parametrize(
    ("severity", "badge"),
    [
        (Severity.FLASH, "\x1b[1;97;41m FLASH \x1b[0m"),
        (Severity.URGENT, "\x1b[1;30;43m URGENT \x1b[0m"),
        (Severity.ROUTINE, "\x1b[2m ROUTINE \x1b[0m"),
    ],
)
async def test_colour_badge_replaces_the_severity_word(severity: Severity, badge: str) -> None:
    stream = io.StringIO()
    doc = Document((Block(BlockKind.HEADING, text=f"{severity.name} · Strike · Kyiv City"),))

    await ConsolePlatform(stream, color=True).send(CHAT, doc, severity=severity)

    heading = stream.getvalue().splitlines()[0]
    assert heading == f"{badge} \x1b[1mStrike · Kyiv City\x1b[0m"


async def test_colour_dims_the_reason() -> None:
    stream = io.StringIO()

    await ConsolePlatform(stream, color=True).send(CHAT, DOC, severity=Severity.FLASH)

    assert "\x1b[2mWhy: matches your subscription #3: all\x1b[0m" in stream.getvalue()


async def test_article_text_cannot_drive_the_terminal() -> None:
    stream = io.StringIO()
    doc = Document((Block(BlockKind.TEXT, text="red\x1b[31m alert\rover\x07"),))

    await ConsolePlatform(stream, color=False).send(CHAT, doc, severity=Severity.ROUTINE)

    first = stream.getvalue().splitlines()[0]
    assert first == "red [31m alert over "


async def test_a_narrow_encoding_gets_replacements_not_a_crash() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="ascii")
    doc = Document(
        (
            Block(BlockKind.HEADING, text="URGENT · Strike · Київ 🚀", severity=Severity.URGENT),
            Block(BlockKind.FACTS, items=("Evacuation: Kherson → Rostov",)),
        )
    )

    ids = await ConsolePlatform(stream, color=False).send(CHAT, doc, severity=Severity.URGENT)

    out = raw.getvalue().decode("ascii").splitlines()
    assert ids == ("console:1",)
    assert out[0] == "URGENT ? Strike ? ???? ?"
    assert out[1] == "  * Evacuation: Kherson ? Rostov"
    assert out[-1] == "-" * 60


async def test_a_closed_stream_is_a_permanent_delivery_error() -> None:
    stream = io.StringIO()
    stream.close()
    console = ConsolePlatform(stream, color=False)

    with pytest.raises(DeliveryError) as caught:
        await console.send(CHAT, DOC, severity=Severity.FLASH)

    assert caught.value.permanent
    await console.stop()  # flushing a closed stream at shutdown must not raise


async def test_console_shows_an_edit_as_the_new_card_and_a_reply_under_its_message() -> None:
    import io

    from bot.platforms.console import ConsolePlatform
    from bot.records import Block, BlockKind, ChatRef, Document, Severity

    out = io.StringIO()
    console = ConsolePlatform(out, color=False)
    chat = ChatRef("console", "terminal")
    card = Document((Block(BlockKind.HEADING, "URGENT · Strike", severity=Severity.URGENT),))
    (first,) = await console.send(chat, card, severity=Severity.URGENT)
    await console.edit(chat, (first,), card)
    await console.send(
        chat,
        Document((Block(BlockKind.TEXT, "Update: 5 killed (was 3)"),)),
        severity=Severity.URGENT,
        reply_to=first,
    )
    text = out.getvalue()
    assert f"re {first} (updated)" in text
    assert f"re {first}\nUpdate: 5 killed (was 3)" in text
