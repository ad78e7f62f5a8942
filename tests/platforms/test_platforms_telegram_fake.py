"""The fake Bot API behaves like Telegram for the real python-telegram-bot client."""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from pathlib import Path

import httpx
import pytest
from telegram import Bot, BotCommand, Update
from telegram.constants import MessageEntityType
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Conflict,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
)
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes

from tests.paths import REPO
from tests.platforms.telegram_fake import (
    DEFAULT_TOKEN,
    NO_FLOOD_LIMITS,
    FakeBotApi,
    FloodLimits,
    HtmlError,
    ManualClock,
    RemoteFake,
    parse_html,
)

USER = 42
GROUP = -555
FORUM = -100777


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def fake(clock: ManualClock) -> Iterator[FakeBotApi]:
    with FakeBotApi(clock=clock) as api:
        api.add_chat(USER)
        api.add_chat(GROUP, "group")
        api.add_chat(FORUM, "supergroup", is_forum=True)
        yield api


@pytest.fixture
async def bot(fake: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(DEFAULT_TOKEN, base_url=fake.bot_url) as client:
        yield client


async def test_get_me_describes_the_bot(fake: FakeBotApi, bot: Bot) -> None:
    me = await bot.get_me()
    assert (me.id, me.username, me.is_bot, me.can_join_groups) == (
        fake.bot_id,
        "newsalert_test_bot",
        True,
        True,
    )
    assert fake.requests["getMe"] == 2  # Bot.initialize asked once already


async def test_wrong_token_is_unauthorized(fake: FakeBotApi) -> None:
    with pytest.raises(InvalidToken, match="rejected by the server"):
        async with Bot("1:wrong", base_url=fake.bot_url):
            pass  # initialize() calls getMe
    assert sum(fake.requests.values()) == 0


async def test_sent_message_is_returned_and_recorded_as_plain_text(
    fake: FakeBotApi, bot: Bot
) -> None:
    message = await bot.send_message(USER, "<b>Kyiv</b> &amp; Kharkiv", parse_mode="HTML")
    assert (message.message_id, message.text, message.chat.type) == (
        1,
        "Kyiv & Kharkiv",
        "private",
    )
    assert message.entities[0].type == MessageEntityType.BOLD
    [seen] = fake.sent(USER)
    assert (seen.text, seen.parse_mode, seen.plain) == (
        "<b>Kyiv</b> &amp; Kharkiv",
        "HTML",
        "Kyiv & Kharkiv",
    )
    assert seen.sent_at.tzinfo is not None


@pytest.mark.parametrize(
    ("html", "plain"),
    [
        ("<b>b</b> <strong>s</strong> <i>i</i> <em>e</em> <u>u</u> <ins>n</ins>", "b s i e u n"),
        ("<s>s</s><strike>t</strike><del>d</del><B>upper</B>", "stdupper"),
        ('<span class="tg-spoiler">x</span><tg-spoiler>y</tg-spoiler>', "xy"),
        ('<a href="https://e.org/?a=1&amp;b=2">link</a> <code>c</code>', "link c"),
        ('<pre><code class="language-python">x = 1</code></pre>', "x = 1"),
        ("<blockquote expandable>q</blockquote><blockquote>r</blockquote>", "qr"),
        ('<tg-emoji emoji-id="5368324170671202286">👍</tg-emoji>', "👍"),
        ("&lt;tag&gt; &amp; &quot;q&quot; &#39;s &#x1F600; a > b", '<tag> & "q" \'s 😀 a > b'),
    ],
)
async def test_telegram_html_is_accepted(
    fake: FakeBotApi, bot: Bot, html: str, plain: str
) -> None:
    message = await bot.send_message(USER, html, parse_mode="HTML")
    assert message.text == plain
    assert fake.sent(USER)[0].plain == plain


@pytest.mark.parametrize(
    ("html", "reason"),
    [
        ("<script>alert(1)</script>", 'unsupported start tag "script" at byte offset 0'),
        ("Q&A", 'unescaped "&" at byte offset 1'),
        ("x < y", 'unsupported start tag "" at byte offset 2'),
        ("&nbsp;", 'unsupported html entity "&nbsp;" at byte offset 0'),
        ("<b>open", 'can\'t find end tag corresponding to start tag "b"'),
        ("<b><i>x</b></i>", 'unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("x</b>", "unexpected end tag at byte offset 1"),
        ("ü<b", "unclosed start tag at byte offset 2"),
        ("<span>x</span>", 'tag "span" must have class "tg-spoiler" at byte offset 0'),
    ],
)
async def test_bad_html_is_a_bad_request(
    fake: FakeBotApi, bot: Bot, html: str, reason: str
) -> None:
    with pytest.raises(BadRequest) as raised:
        await bot.send_message(USER, html, parse_mode="HTML")
    # PTB strips "Bad Request: " and capitalize()s the rest.
    assert str(raised.value) == f"Can't parse entities: {reason}"
    assert fake.sent(USER) == []


def test_entity_offsets_count_utf16_units() -> None:
    plain, entities = parse_html('😀<b>x</b> <a href="u">y</a>')
    assert plain == "😀x y"
    assert entities == [
        {"type": "bold", "offset": 2, "length": 1},
        {"type": "text_link", "offset": 4, "length": 1, "url": "u"},
    ]
    with pytest.raises(HtmlError, match="byte offset 4"):
        parse_html("😀<zz>")


async def test_text_length_is_counted_after_entity_parsing() -> None:
    with FakeBotApi(limits=NO_FLOOD_LIMITS) as fake:
        fake.add_chat(USER)
        async with Bot(DEFAULT_TOKEN, base_url=fake.bot_url) as bot:
            await bot.send_message(USER, f"<b>{'a' * 4096}</b>", parse_mode="HTML")
            await bot.send_message(USER, "😀" * 2048)  # 4096 UTF-16 units
            for too_long in ("a" * 4097, "😀" * 2049):
                with pytest.raises(BadRequest, match="^Message is too long$"):
                    await bot.send_message(USER, too_long)
            for empty in ("  ", "<b></b>"):
                with pytest.raises(BadRequest, match="^Message text is empty$"):
                    await bot.send_message(USER, empty, parse_mode="HTML")
        assert [len(m.plain) for m in fake.sent(USER)] == [4096, 2048]


async def test_blocked_user_and_kicked_group_are_forbidden(fake: FakeBotApi, bot: Bot) -> None:
    fake.block(USER)
    fake.block(GROUP)
    with pytest.raises(Forbidden, match="^Forbidden: bot was blocked by the user$"):
        await bot.send_message(USER, "x")
    with pytest.raises(Forbidden, match="^Forbidden: bot was kicked from the group chat$"):
        await bot.send_message(GROUP, "x")
    assert fake.sent(USER) == fake.sent(GROUP) == []


async def test_migrated_group_names_its_supergroup(fake: FakeBotApi, bot: Bot) -> None:
    fake.migrate(GROUP, -100999)
    with pytest.raises(ChatMigrated) as raised:
        await bot.send_message(GROUP, "x")
    assert raised.value.new_chat_id == -100999
    message = await bot.send_message(raised.value.new_chat_id, "x")
    assert message.chat.type == "supergroup"
    assert [m.chat_id for m in fake.sent(-100999)] == [-100999]


async def test_unknown_chat_is_not_found(fake: FakeBotApi, bot: Bot) -> None:
    with pytest.raises(BadRequest, match="^Chat not found$"):
        await bot.send_message(7, "x")


async def test_quick_messages_to_one_chat_hit_flood_control(fake: FakeBotApi, bot: Bot) -> None:
    await bot.send_message(USER, "one")
    await bot.send_message(USER, "two")
    with pytest.raises(RetryAfter, match="Retry in 0:00:01"):
        await bot.send_message(USER, "three")
    async with httpx.AsyncClient() as client:
        reply = await client.post(
            f"{fake.bot_url}{DEFAULT_TOKEN}/sendMessage", data={"chat_id": USER, "text": "x"}
        )
    assert (reply.status_code, reply.headers["Retry-After"]) == (429, "1")
    assert reply.json() == {
        "ok": False,
        "error_code": 429,
        "description": "Too Many Requests: retry after 1",
        "parameters": {"retry_after": 1},
    }
    assert ([m.plain for m in fake.sent(USER)], fake.rate_limited) == (["one", "two"], 2)


async def test_overall_flood_limit_is_30_per_second(
    fake: FakeBotApi, bot: Bot, clock: ManualClock
) -> None:
    chats = range(1000, 1031)
    for chat in chats:
        fake.add_chat(chat)
    await asyncio.gather(*(bot.send_message(chat, "x") for chat in chats[:30]))
    with pytest.raises(RetryAfter, match="Retry in 0:00:01"):
        await bot.send_message(chats[30], "x")
    clock.advance(1)
    await bot.send_message(chats[30], "x")
    assert all(len(fake.sent(chat)) == 1 for chat in chats)


async def test_group_flood_limit_is_20_per_minute(clock: ManualClock) -> None:
    with FakeBotApi(clock=clock, limits=FloodLimits(chat_burst=None)) as fake:
        fake.add_chat(GROUP, "group")
        async with Bot(DEFAULT_TOKEN, base_url=fake.bot_url) as bot:
            for n in range(20):
                await bot.send_message(GROUP, f"m{n}")
            with pytest.raises(RetryAfter, match="Retry in 0:00:03"):
                await bot.send_message(GROUP, "late")
            clock.advance(3)
            await bot.send_message(GROUP, "late")
        assert len(fake.sent(GROUP)) == 21


async def test_long_poll_returns_a_pushed_command_at_once(fake: FakeBotApi, bot: Bot) -> None:
    started = time.monotonic()
    poll = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.2)
    pushed = fake.push_command(USER, USER, "/subscribe strikes", username="olena")
    [update] = await poll
    assert time.monotonic() - started < 2
    assert isinstance(update, Update)
    assert update.update_id == pushed.update_id
    message = update.message
    assert message is not None
    assert message.from_user is not None
    assert (message.text, message.chat.id, message.from_user.username) == (
        "/subscribe strikes",
        USER,
        "olena",
    )
    [entity] = message.entities
    assert (entity.type, entity.offset, entity.length) == (MessageEntityType.BOT_COMMAND, 0, 10)
    assert await bot.get_updates(offset=update.update_id + 1) == ()
    assert fake.pending_updates == 0


async def test_empty_long_poll_waits_for_its_timeout(bot: Bot) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=1) == ()
    assert 0.9 < time.monotonic() - started < 3


async def test_a_newer_poll_ends_an_older_one_with_conflict(fake: FakeBotApi, bot: Bot) -> None:
    old = asyncio.create_task(bot.get_updates(timeout=5))
    await asyncio.sleep(0.2)
    async with Bot(DEFAULT_TOKEN, base_url=fake.bot_url) as other:
        assert await other.get_updates(timeout=0) == ()
    with pytest.raises(Conflict, match="terminated by other getUpdates request"):
        await old


async def test_application_command_handler_gets_args_in_a_forum_topic(fake: FakeBotApi) -> None:
    received: asyncio.Future[list[str]] = asyncio.get_running_loop().create_future()

    async def subscribe(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        assert update.effective_message is not None
        await update.effective_message.reply_text("subscribed")
        received.set_result(list(context.args or []))

    app = ApplicationBuilder().token(DEFAULT_TOKEN).base_url(fake.bot_url).build()
    app.add_handler(CommandHandler("subscribe", subscribe))
    async with app:
        await app.start()
        assert app.updater is not None
        await app.updater.start_polling(timeout=timedelta(seconds=5))
        pushed = fake.push_command(
            FORUM, USER, "/subscribe@newsalert_test_bot strikes", thread_id=7
        )
        args = await asyncio.wait_for(received, 5)
        await app.updater.stop()
        await app.stop()
    assert args == ["strikes"]
    [reply] = fake.sent(FORUM)
    assert (reply.plain, reply.thread_id, reply.reply_to) == ("subscribed", 7, pushed.message_id)
    assert fake.requests["deleteWebhook"] == 1


async def test_set_my_commands_is_validated(fake: FakeBotApi, bot: Bot) -> None:
    commands = [BotCommand("subscribe", "Follow a topic"), BotCommand("list_all", "List")]
    assert await bot.set_my_commands(commands) is True
    assert await bot.get_my_commands() == tuple(commands)
    assert fake.commands()[0] == {"command": "subscribe", "description": "Follow a topic"}
    rejected = [
        ("Bot_command_invalid", [BotCommand("Subscribe", "x")]),
        ("Bot_command_invalid", [BotCommand("c" * 33, "x")]),
        ("Bot_command_description_invalid", [BotCommand("ok", "")]),
        ("Bot_commands_too_much", [BotCommand(f"c{n}", "x") for n in range(101)]),
    ]
    for reason, wrong in rejected:
        with pytest.raises(BadRequest) as raised:
            await bot.set_my_commands(wrong)
        assert str(raised.value) == reason  # "Bad Request: BOT_COMMAND_INVALID", capitalize()d
    assert len(fake.commands()) == 2


async def test_edit_message_text(fake: FakeBotApi, bot: Bot) -> None:
    sent = await bot.send_message(USER, "draft")
    edited = await bot.edit_message_text("<i>final</i>", USER, sent.message_id, parse_mode="HTML")
    assert isinstance(edited, type(sent))
    assert (edited.text, edited.edit_date is not None) == ("final", True)
    with pytest.raises(BadRequest, match="^Message is not modified"):
        await bot.edit_message_text("<i>final</i>", USER, sent.message_id, parse_mode="HTML")
    with pytest.raises(BadRequest, match="^Message to edit not found$"):
        await bot.edit_message_text("x", USER, 99)
    assert [(e.message_id, e.plain) for e in fake.edits(USER)] == [(1, "final")]
    assert [type(e).__name__ for e in fake.history(USER)] == ["SentMessage", "EditedMessage"]


async def test_forum_topics_and_threads(fake: FakeBotApi, bot: Bot) -> None:
    message = await bot.send_message(FORUM, "in topic", message_thread_id=7)
    assert (message.message_thread_id, message.is_topic_message) == (7, True)
    assert fake.sent(FORUM)[0].thread_id == 7
    with pytest.raises(BadRequest, match="^Message thread not found$"):
        await bot.send_message(GROUP, "x", message_thread_id=7)


async def test_injected_failures_then_recovery(fake: FakeBotApi, bot: Bot) -> None:
    fake.set_failure("sendMessage", 502)
    fake.set_failure("sendMessage", None)  # connection dropped without a reply
    with pytest.raises(NetworkError, match="Bad Gateway") as first:
        await bot.send_message(USER, "x")
    assert not isinstance(first.value, BadRequest)
    with pytest.raises(NetworkError):
        await bot.send_message(USER, "x")
    await bot.send_message(USER, "x")
    assert (fake.requests["sendMessage"], len(fake.sent(USER))) == (3, 1)


async def test_webhook_blocks_polling_until_deleted(fake: FakeBotApi, bot: Bot) -> None:
    assert await bot.set_webhook("https://example.org/hook") is True
    assert fake.webhook == "https://example.org/hook"
    with pytest.raises(Conflict, match="webhook is active"):
        await bot.get_updates()
    assert await bot.delete_webhook() is True
    assert await bot.get_updates() == ()


async def test_wire_format_json_query_and_unknown_methods(fake: FakeBotApi) -> None:
    url = f"{fake.bot_url}{DEFAULT_TOKEN}"
    async with httpx.AsyncClient() as client:
        unknown = await client.post(f"{url}/sendCarrierPigeon")
        stranger = await client.post(f"{fake.bot_url}1:wrong/getMe")
        by_json = await client.post(f"{url}/SENDMESSAGE", json={"chat_id": str(USER), "text": "j"})
        by_query = await client.get(f"{url}/getChat", params={"chat_id": GROUP})
    assert (unknown.status_code, unknown.json()) == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found"},
    )
    assert (stranger.status_code, stranger.json()["description"]) == (401, "Unauthorized")
    assert by_json.json()["result"]["text"] == "j"
    assert by_query.json()["result"]["type"] == "group"
    assert fake.requests["sendMessage"] == 1


async def test_separate_process_keeps_state_for_the_test(tmp_path: Path) -> None:
    state_file = tmp_path / "state.json"
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "tests.platforms.telegram_fake",
        "--state",
        str(state_file),
        "--chat",
        f"{USER}:private",
        cwd=REPO,
        stdout=asyncio.subprocess.PIPE,
    )
    try:
        assert process.stdout is not None
        ready = await asyncio.wait_for(process.stdout.readline(), 10)
        base = ready.decode().removeprefix("READY ").strip()
        remote = RemoteFake(base)
        await asyncio.to_thread(remote.control, "add_chat", chat_id=GROUP, type="group")
        async with Bot(DEFAULT_TOKEN, base_url=f"{base}/bot") as bot:
            await bot.send_message(USER, "<b>hi</b>", parse_mode="HTML")
            await bot.send_message(GROUP, "all")
        [seen] = await asyncio.to_thread(remote.sent, USER)
        assert seen.plain == "hi"
    finally:
        process.terminate()
        await process.wait()
    state = json.loads(state_file.read_text(encoding="utf-8"))
    assert [m["plain"] for m in state["chats"][str(GROUP)]["history"]] == ["all"]
    assert state["requests"]["sendMessage"] == 2


async def test_channel_posts_come_only_to_a_bot_that_asked_for_them(
    fake: FakeBotApi, bot: Bot
) -> None:
    fake.add_chat(-1009, "channel", title="Alerts")
    fake.push_channel_post(-1009, "/subscribe strikes")
    # Asking for messages only: Telegram drops the channel's post.
    assert await bot.get_updates(timeout=0, allowed_updates=["message"]) == ()
    fake.push_channel_post(-1009, "/help")
    (update,) = await bot.get_updates(timeout=0, allowed_updates=["message", "channel_post"])
    post = update.channel_post
    assert post is not None
    assert post.text == "/help"
    assert post.from_user is None
    assert post.sender_chat is not None
    assert post.sender_chat.id == -1009
    assert post.entities[0].type == "bot_command"
