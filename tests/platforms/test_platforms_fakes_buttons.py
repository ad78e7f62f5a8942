"""Buttons on both fakes, driven by the real clients: PTB inline keyboards and callback
queries against FakeBotApi, Block Kit buttons and block_actions through slack-bolt against
FakeSlackApi. The limits and error strings are the platforms' own (see the fakes)."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Any
from urllib.parse import parse_qsl

import httpx
import pytest
from aiohttp import web
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond
from slack_bolt.request.internals import parse_body
from slack_bolt.request.payload_utils import is_block_actions, to_action
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient
from telegram import (
    Bot,
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.error import BadRequest
from telegram.ext import ApplicationBuilder, CallbackQueryHandler, ContextTypes

from tests.platforms import slack_fake, telegram_fake
from tests.platforms.slack_fake import (
    NO_RATE_LIMITS,
    FakeSlackApi,
    clear_proxy_env,
    generated_block_id,
    signed_block_actions,
    validate_blocks,
)
from tests.platforms.support import until
from tests.platforms.telegram_fake import (
    NO_FLOOD_LIMITS,
    FakeBotApi,
    KeyboardError,
    buttons,
    check_inline_keyboard,
    parse_reply_markup,
)

USER = 42
GROUP = -555
NEWS = "C0NEWS"
HUMAN = "U0HUMAN"
SECRET = "fake-signing-secret"

# ---------------------------------------------------------------- Telegram


@pytest.fixture
def telegram() -> Iterator[FakeBotApi]:
    with FakeBotApi(limits=NO_FLOOD_LIMITS) as api:
        api.add_chat(USER)
        api.add_chat(GROUP, "group")
        yield api


@pytest.fixture
async def bot(telegram: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(telegram_fake.DEFAULT_TOKEN, base_url=telegram.bot_url) as client:
        yield client


def keyboard(*rows: list[tuple[str, str]]) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=data) for text, data in row] for row in rows]
    )


SUBSCRIBE = keyboard([("Follow Kharkiv", "sub:kharkiv"), ("Mute", "mute")], [("More", "more")])


async def post_raw(telegram: FakeBotApi, method: str, **form: str) -> httpx.Response:
    """A Bot API call as PTB sends one (form fields, JSON-encoded values), for markups PTB's
    own classes would not build."""
    url = f"{telegram.bot_url}{telegram_fake.DEFAULT_TOKEN}/{method}"
    async with httpx.AsyncClient(trust_env=False) as client:
        return await client.post(url, data=form)


async def test_inline_keyboard_is_sent_recorded_and_returned(
    telegram: FakeBotApi, bot: Bot
) -> None:
    sent = await bot.send_message(USER, "Strike on Kharkiv", reply_markup=SUBSCRIBE)
    rows = [[("Follow Kharkiv", "sub:kharkiv"), ("Mute", "mute")], [("More", "more")]]
    assert sent.reply_markup == SUBSCRIBE  # Telegram echoes the keyboard back
    [record] = telegram.sent(USER)
    assert record.buttons == rows == buttons(record) == telegram.keyboard(USER, sent.message_id)
    assert record.reply_markup == SUBSCRIBE.to_dict()


async def test_url_buttons_and_empty_keyboards(telegram: FakeBotApi, bot: Bot) -> None:
    link = InlineKeyboardButton("Read", url="https://example.org/a?b=1")
    await bot.send_message(USER, "with a link", reply_markup=InlineKeyboardMarkup([[link]]))
    empty = await bot.send_message(USER, "no buttons", reply_markup=InlineKeyboardMarkup([]))
    with_link, without = telegram.sent(USER)
    assert with_link.buttons == [[("Read", "https://example.org/a?b=1")]]
    # An empty inline keyboard is no keyboard: Telegram sends the message without one.
    assert (without.reply_markup, empty.reply_markup, without.buttons) == (None, None, [])


@pytest.mark.parametrize(
    ("data", "accepted"),
    [("я" * 32, True), ("я" * 32 + "x", False), ("я" * 33, False), ("x" * 64, True)],
)
async def test_callback_data_is_limited_to_64_utf8_bytes(
    telegram: FakeBotApi, bot: Bot, data: str, accepted: bool
) -> None:
    markup = keyboard([("Go", data)])  # PTB builds it whatever the size
    if accepted:
        await bot.send_message(USER, "ok", reply_markup=markup)
        assert telegram.sent(USER)[0].buttons == [[("Go", data)]]
        return
    with pytest.raises(BadRequest) as refused:
        await bot.send_message(USER, "too long", reply_markup=markup)
    assert refused.value.message == "Button_data_invalid"  # PTB's form of BUTTON_DATA_INVALID
    assert telegram.sent(USER) == []


@pytest.mark.parametrize(
    ("markup", "description"),
    [
        ("{not json", "can't parse reply keyboard markup JSON object"),
        ("[]", "object expected as reply markup"),
        ({"inline_keyboard": "x"}, 'field "inline_keyboard" must be of type Array'),
        (
            {"inline_keyboard": [{"text": "a", "callback_data": "a"}]},
            'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays',
        ),
        (
            {"inline_keyboard": [["a"]]},
            "can't parse inline keyboard button: InlineKeyboardButton must be an Object",
        ),
        (
            {"inline_keyboard": [[{"callback_data": "x"}]]},
            "can't parse inline keyboard button: Can't find field \"text\"",
        ),
        ({"inline_keyboard": [[{"text": " ", "callback_data": "x"}]]}, "BUTTON_TEXT_INVALID"),
        (
            {"inline_keyboard": [[{"text": "a"}]]},
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
        ),
        (
            {"inline_keyboard": [[{"text": "a", "callback_data": ""}]]},
            "can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard",
        ),
        (
            {"inline_keyboard": [[{"text": "a", "url": "not-a-url"}]]},
            "inline keyboard button URL 'not-a-url' is invalid: Wrong HTTP URL",
        ),
        (
            {"inline_keyboard": [[{"text": "a", "url": "ftp://example.com"}]]},
            "inline keyboard button URL 'ftp://example.com' is invalid: Unsupported URL protocol",
        ),
        (
            {"inline_keyboard": [[{"text": "a", "url": "https://"}]]},
            "inline keyboard button URL 'https://' is invalid: URL host is empty",
        ),
        ({"inline_keyboard": [[{"text": "a", "pay": True}]]}, "BUTTON_TYPE_INVALID"),
    ],
)
async def test_bad_keyboards_get_telegrams_errors(
    telegram: FakeBotApi, markup: object, description: str
) -> None:
    raw = markup if isinstance(markup, str) else json.dumps(markup)
    answer = await post_raw(telegram, "sendMessage", chat_id=str(USER), text="t", reply_markup=raw)
    assert answer.status_code == 400
    assert answer.json() == {
        "ok": False,
        "error_code": 400,
        "description": f"Bad Request: {description}",
    }
    assert telegram.sent(USER) == []


def test_keyboard_checks_without_a_server() -> None:
    two = {"text": "a", "callback_data": "a", "url": "https://example.org"}
    with pytest.raises(KeyboardError, match="exactly one action field"):
        check_inline_keyboard([[two]])  # Telegram would silently keep the url
    assert check_inline_keyboard([[], [{"text": "a", "url": "", "callback_data": "d"}]]) == [
        [{"text": "a", "callback_data": "d"}]
    ]
    assert parse_reply_markup('{"inline_keyboard": [[]]}') is None
    tg = {"inline_keyboard": [[{"text": "me", "url": "tg://resolve?domain=newsalert"}]]}
    assert parse_reply_markup(json.dumps(tg)) == tg
    assert parse_reply_markup({"remove_keyboard": True}) == {"remove_keyboard": True}
    assert buttons({"inline_keyboard": [[{"text": "x", "switch_inline_query": "q"}]]}) == [
        [("x", "q")]
    ]


async def test_a_pressed_button_arrives_as_a_callback_query(
    telegram: FakeBotApi, bot: Bot
) -> None:
    sent = await bot.send_message(USER, "<b>Strike</b> on Kharkiv", "HTML", reply_markup=SUBSCRIBE)
    pushed = telegram.push_callback_query(
        USER, USER, sent.message_id, "sub:kharkiv", language_code="uk", username="olena"
    )
    [update] = await bot.get_updates(offset=pushed.update_id)
    assert update.update_id == pushed.update_id
    query = update.callback_query
    assert isinstance(query, CallbackQuery)
    assert (query.id, query.data, query.from_user.id) == (pushed.query_id, "sub:kharkiv", USER)
    assert (query.from_user.language_code, query.from_user.username) == ("uk", "olena")
    assert query.chat_instance.isdigit()
    message = query.message
    assert isinstance(message, Message)  # not an InaccessibleMessage: a real date
    assert (message.message_id, message.chat.id, message.text) == (
        sent.message_id,
        USER,
        "Strike on Kharkiv",
    )
    assert message.from_user is not None
    assert message.from_user.is_bot
    assert message.reply_markup == SUBSCRIBE
    assert telegram.answered(str(pushed.query_id)) is False


async def test_nobody_presses_a_button_that_is_not_there(telegram: FakeBotApi, bot: Bot) -> None:
    sent = await bot.send_message(USER, "alert", reply_markup=SUBSCRIBE)
    plain = await bot.send_message(USER, "no keyboard")
    with pytest.raises(ValueError, match="no button"):
        telegram.push_callback_query(USER, USER, sent.message_id, "sub:kyiv")
    with pytest.raises(ValueError, match="no button"):
        telegram.push_callback_query(USER, USER, plain.message_id, "mute")
    with pytest.raises(ValueError, match="sent no message"):
        telegram.push_callback_query(USER, USER, sent.message_id + 10, "mute")
    with pytest.raises(ValueError, match="private chat"):
        telegram.push_callback_query(USER, 7, sent.message_id, "mute")
    group_alert = await bot.send_message(GROUP, "alert", reply_markup=SUBSCRIBE)
    telegram.push_callback_query(GROUP, 7, group_alert.message_id, "mute")  # anyone in a group
    assert telegram.pending_updates == 1


async def test_answers_are_recorded_once_per_query(telegram: FakeBotApi, bot: Bot) -> None:
    sent = await bot.send_message(USER, "alert", reply_markup=SUBSCRIBE)
    first = telegram.push_callback_query(USER, USER, sent.message_id, "sub:kharkiv")
    second = telegram.push_callback_query(USER, USER, sent.message_id, "mute")
    assert first.query_id is not None
    assert second.query_id is not None
    assert first.query_id != second.query_id
    assert await bot.answer_callback_query(first.query_id, "Following Kharkiv") is True
    with pytest.raises(BadRequest) as again:
        await bot.answer_callback_query(first.query_id, "twice")
    assert again.value.message == (
        "Query is too old and response timeout expired or query id is invalid"
    )
    with pytest.raises(BadRequest, match="Query is too old"):
        await bot.answer_callback_query("12345", "never pushed")
    with pytest.raises(BadRequest) as long:
        await bot.answer_callback_query(second.query_id, "x" * 201, show_alert=True)
    assert long.value.message == "Message_too_long"
    await bot.answer_callback_query(second.query_id, "x" * 200, show_alert=True)
    answers = telegram.callback_answers()
    assert [(a.query_id, a.text, a.show_alert) for a in answers] == [
        (first.query_id, "Following Kharkiv", False),
        (second.query_id, "x" * 200, True),
    ]
    assert telegram.answered(first.query_id)
    assert telegram.answered(second.query_id)


async def test_callback_queries_follow_allowed_updates(telegram: FakeBotApi, bot: Bot) -> None:
    sent = await bot.send_message(USER, "alert", reply_markup=SUBSCRIBE)
    telegram.push_callback_query(USER, USER, sent.message_id, "mute")
    assert await bot.get_updates(allowed_updates=[Update.MESSAGE]) == ()
    telegram.push_callback_query(USER, USER, sent.message_id, "more")
    [update] = await bot.get_updates(allowed_updates=[Update.MESSAGE, Update.CALLBACK_QUERY])
    assert update.callback_query is not None
    assert update.callback_query.data == "more"


async def test_edits_change_remove_and_record_the_keyboard(telegram: FakeBotApi, bot: Bot) -> None:
    sent = await bot.send_message(USER, "alert", reply_markup=SUBSCRIBE)
    following = keyboard([("Unfollow Kharkiv", "unsub:kharkiv")])
    edited = await bot.edit_message_text("alert ✓", USER, sent.message_id, reply_markup=following)
    assert isinstance(edited, Message)
    assert edited.reply_markup == following
    [edit] = telegram.edits(USER)
    assert edit.buttons == [[("Unfollow Kharkiv", "unsub:kharkiv")]]
    with pytest.raises(ValueError, match="no button"):  # the old buttons are gone
        telegram.push_callback_query(USER, USER, sent.message_id, "mute")
    pushed = telegram.push_callback_query(USER, USER, sent.message_id, "unsub:kharkiv")
    [update] = await bot.get_updates(offset=pushed.update_id)
    assert update.callback_query is not None
    shown = update.callback_query.message
    assert isinstance(shown, Message)
    assert (shown.text, shown.edit_date is not None, shown.reply_markup) == (
        "alert ✓",
        True,
        following,
    )
    with pytest.raises(BadRequest, match="Message is not modified"):
        await bot.edit_message_reply_markup(USER, sent.message_id, reply_markup=following)
    await bot.edit_message_reply_markup(USER, sent.message_id)  # no markup: the keyboard goes
    [markup_edit] = telegram.markup_edits(USER)
    assert (markup_edit.message_id, markup_edit.reply_markup) == (sent.message_id, None)
    assert telegram.keyboard(USER, sent.message_id) == []
    # editMessageText without reply_markup also drops the keyboard, as on Telegram.
    again = await bot.send_message(USER, "second", reply_markup=SUBSCRIBE)
    await bot.edit_message_text("second, edited", USER, again.message_id)
    assert telegram.keyboard(USER, again.message_id) == []
    assert telegram.edits(USER)[-1].reply_markup is None


async def test_a_ptb_application_answers_a_press_and_edits_the_message(
    telegram: FakeBotApi,
) -> None:
    done: asyncio.Future[str] = asyncio.get_running_loop().create_future()

    async def pressed(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        query = update.callback_query
        assert query is not None
        assert query.data is not None
        await query.answer("Following Kharkiv")
        await query.edit_message_text("Following Kharkiv ✓")
        done.set_result(query.data)

    app = ApplicationBuilder().token(telegram_fake.DEFAULT_TOKEN).base_url(telegram.bot_url)
    application = app.build()
    application.add_handler(CallbackQueryHandler(pressed, pattern=r"^sub:"))
    async with application:
        await application.start()
        assert application.updater is not None
        await application.updater.start_polling(timeout=timedelta(seconds=5))
        sent = await application.bot.send_message(USER, "alert", reply_markup=SUBSCRIBE)
        pushed = telegram.push_callback_query(USER, USER, sent.message_id, "sub:kharkiv")
        assert await asyncio.wait_for(done, 5) == "sub:kharkiv"
        await application.updater.stop()
        await application.stop()
    assert pushed.query_id is not None
    assert telegram.answered(pushed.query_id)
    [edit] = telegram.edits(USER)
    assert (edit.plain, edit.reply_markup) == ("Following Kharkiv ✓", None)


# ---------------------------------------------------------------- Slack


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_proxy_env(monkeypatch)


@pytest.fixture
def slack() -> Iterator[FakeSlackApi]:
    with FakeSlackApi(limits=NO_RATE_LIMITS) as api:
        api.add_channel(NEWS, "news")
        yield api


@pytest.fixture
def client(slack: FakeSlackApi) -> AsyncWebClient:
    return AsyncWebClient(token=slack_fake.DEFAULT_TOKEN, base_url=slack.api_url)


def button(action_id: str, label: str = "Follow", **extra: Any) -> dict[str, Any]:
    return {
        "type": "button",
        "text": {"type": "plain_text", "text": label},
        "action_id": action_id,
    } | extra


def actions(*elements: dict[str, Any], block_id: str | None = None) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "actions", "elements": list(elements)}
    return block if block_id is None else block | {"block_id": block_id}


ALERT_BLOCKS = [
    {"type": "section", "text": {"type": "mrkdwn", "text": "*Strike* on Kharkiv"}},
    actions(
        button("subscribe", "Follow Kharkiv", value="kharkiv", style="primary"),
        button("mute", "Mute", value="alert-1", style="danger"),
    ),
]


async def api_error(call: Any) -> SlackApiError:
    with pytest.raises(SlackApiError) as caught:
        await call
    return caught.value


async def test_an_actions_block_is_posted_and_kept(
    slack: FakeSlackApi, client: AsyncWebClient
) -> None:
    sent = await client.chat_postMessage(
        channel=NEWS, text="Strike on Kharkiv", blocks=ALERT_BLOCKS
    )
    assert sent["message"]["blocks"] == ALERT_BLOCKS
    [posted] = slack.messages(NEWS)
    assert posted.blocks == tuple(ALERT_BLOCKS)
    current = slack.message(NEWS, sent["ts"])
    assert current is not None
    assert current["blocks"] == ALERT_BLOCKS


def test_button_limits_are_inclusive() -> None:
    widest = [
        button(f"a{n:0254d}", "x" * 75, value="v" * 2000, url="https://e.org/" + "p" * 2986)
        for n in range(25)
    ]
    assert validate_blocks([actions(*widest, block_id="b" * 255)]) == ()


async def test_26_buttons_are_invalid_blocks(slack: FakeSlackApi, client: AsyncWebClient) -> None:
    many = actions(*(button(f"b{n}") for n in range(26)))
    refused = await api_error(client.chat_postMessage(channel=NEWS, text="t", blocks=[many]))
    assert refused.response["error"] == "invalid_blocks"
    assert refused.response["response_metadata"]["messages"] == [
        "[ERROR] no more than 25 items allowed [json-pointer:/blocks/0/elements]"
    ]
    assert slack.messages(NEWS) == []


@pytest.mark.parametrize(
    ("element", "pointer"),
    [
        (button("a", "x" * 76), "/blocks/0/elements/0/text/text"),
        (
            button("a") | {"text": {"type": "mrkdwn", "text": "*x*"}},
            "/blocks/0/elements/0/text/type",
        ),
        (button("a" * 256), "/blocks/0/elements/0/action_id"),
        (button("a", value="v" * 2001), "/blocks/0/elements/0/value"),
        (button("a", url="https://e.org/" + "p" * 2987), "/blocks/0/elements/0/url"),
        (button("a", style="secondary"), "/blocks/0/elements/0/style"),
        (button("a", color="red"), "/blocks/0/elements/0"),
        ({"type": "button", "text": {"type": "plain_text", "text": "x"}}, "/blocks/0/elements/0"),
        ({"type": "static_select", "action_id": "s"}, "/blocks/0/elements/0/type"),
    ],
)
async def test_bad_buttons_are_invalid_blocks(
    slack: FakeSlackApi, client: AsyncWebClient, element: dict[str, Any], pointer: str
) -> None:
    refused = await api_error(
        client.chat_postMessage(channel=NEWS, text="t", blocks=[actions(element)])
    )
    assert refused.response["error"] == "invalid_blocks"
    messages = refused.response["response_metadata"]["messages"]
    assert any(m.endswith(f"[json-pointer:{pointer}]") for m in messages), messages


async def test_action_ids_repeat_only_across_blocks(
    slack: FakeSlackApi, client: AsyncWebClient
) -> None:
    twice = actions(button("same"), button("same"))
    refused = await api_error(client.chat_postMessage(channel=NEWS, text="t", blocks=[twice]))
    assert "repeats in this block [json-pointer:/blocks/0/elements/1]" in str(
        refused.response["response_metadata"]["messages"]
    )
    apart = [actions(button("same")), actions(button("same"))]
    assert (await client.chat_postMessage(channel=NEWS, text="t", blocks=apart))["ok"]


async def test_update_and_response_url_check_buttons_too(
    slack: FakeSlackApi, client: AsyncWebClient
) -> None:
    sent = await client.chat_postMessage(channel=NEWS, text="t", blocks=ALERT_BLOCKS)
    bad = [actions(button("a", "x" * 76))]
    refused = await api_error(
        client.chat_update(channel=NEWS, ts=sent["ts"], text="t", blocks=bad)
    )
    assert refused.response["error"] == "invalid_blocks"
    webhook = AsyncWebhookClient(slack.response_url(channel=NEWS))
    answer = await webhook.send(text="t", blocks=bad)
    assert (answer.status_code, json.loads(answer.body)["error"]) == (400, "invalid_blocks")


def test_signed_block_actions_is_what_bolt_parses() -> None:
    message = {"type": "message", "ts": "1700000000.000100", "blocks": ALERT_BLOCKS}
    body, headers = signed_block_actions(
        SECRET,
        user_id=HUMAN,
        channel_id=NEWS,
        message_ts="1700000000.000100",
        action_id="mute",
        value="alert-1",
        response_url="http://127.0.0.1:9/response/R0001",
        text="Mute",
        message=message,
    )
    stamp, signature = headers["X-Slack-Request-Timestamp"], headers["X-Slack-Signature"]
    assert SignatureVerifier(SECRET).is_valid(body, stamp, signature)
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert list(dict(parse_qsl(body.decode()))) == ["payload"]
    parsed = parse_body(body.decode(), headers["Content-Type"])
    assert is_block_actions(parsed)
    action = to_action(parsed)
    assert action is not None
    assert (action["action_id"], action["value"], action["type"]) == ("mute", "alert-1", "button")
    assert action["block_id"] == "actions"  # the message's block has no block_id of its own
    assert action["text"] == {"type": "plain_text", "text": "Mute", "emoji": True}
    assert (parsed["user"]["id"], parsed["channel"]["id"], parsed["team"]["id"]) == (
        HUMAN,
        NEWS,
        slack_fake.TEAM_ID,
    )
    assert parsed["container"] == {
        "type": "message",
        "message_ts": "1700000000.000100",
        "channel_id": NEWS,
        "is_ephemeral": False,
    }
    assert parsed["message"] == message
    assert parsed["response_url"] == "http://127.0.0.1:9/response/R0001"


async def test_press_button_refuses_buttons_that_are_not_there(
    slack: FakeSlackApi, client: AsyncWebClient
) -> None:
    sent = await client.chat_postMessage(channel=NEWS, text="t", blocks=ALERT_BLOCKS)
    with pytest.raises(ValueError, match="no button"):
        slack.press_button(
            SECRET, user_id=HUMAN, channel_id=NEWS, message_ts=sent["ts"], action_id="x"
        )
    with pytest.raises(ValueError, match="no message"):
        slack.press_button(
            SECRET, user_id=HUMAN, channel_id=NEWS, message_ts="1.000001", action_id="mute"
        )
    apart = [actions(button("same"), block_id="one"), actions(button("same"), block_id="two")]
    twice = await client.chat_postMessage(channel=NEWS, text="t", blocks=apart)
    with pytest.raises(ValueError, match="more than one"):
        slack.press_button(
            SECRET, user_id=HUMAN, channel_id=NEWS, message_ts=twice["ts"], action_id="same"
        )
    press = slack.press_button(
        SECRET,
        user_id=HUMAN,
        channel_id=NEWS,
        message_ts=twice["ts"],
        action_id="same",
        block_id="two",
    )
    assert press.action["block_id"] == "two"


@pytest.fixture
async def bolt(slack: FakeSlackApi, client: AsyncWebClient) -> AsyncIterator[tuple[AsyncApp, str]]:
    """A slack-bolt app in HTTP mode on loopback, as Slack reaches it: (app, request URL)."""
    app = AsyncApp(client=client, signing_secret=SECRET)
    runner = web.AppRunner(app.web_app(path="/slack/events"))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    host, port = runner.addresses[0][:2]
    try:
        yield app, f"http://{host}:{port}/slack/events"
    finally:
        await runner.cleanup()


async def post_signed(url: str, body: bytes, headers: dict[str, str]) -> httpx.Response:
    async with httpx.AsyncClient(trust_env=False) as http:
        return await http.post(url, content=body, headers=headers)


async def test_bolt_action_listener_acks_and_replaces_the_message(
    slack: FakeSlackApi, client: AsyncWebClient, bolt: tuple[AsyncApp, str]
) -> None:
    app, request_url = bolt
    seen: list[dict[str, Any]] = []

    @app.action("subscribe")
    async def subscribe(
        ack: AsyncAck, respond: AsyncRespond, body: dict[str, Any], action: dict[str, Any]
    ) -> None:
        await ack()
        seen.append(body)
        await respond(replace_original=True, text=f"Following {action['value']} ✓")

    sent = await client.chat_postMessage(
        channel=NEWS, text="Strike on Kharkiv", blocks=ALERT_BLOCKS
    )
    press = slack.press_button(
        SECRET, user_id=HUMAN, channel_id=NEWS, message_ts=sent["ts"], action_id="subscribe"
    )
    answer = await post_signed(request_url, press.body, press.headers)
    assert (answer.status_code, answer.text) == (200, "")
    await until(lambda: slack.responses(press.response_url))

    [body] = seen
    assert (body["user"]["id"], body["container"]["message_ts"]) == (HUMAN, sent["ts"])
    assert body["message"]["blocks"][1]["block_id"] == generated_block_id(sent["ts"], 1)
    assert press.action == body["actions"][0]
    assert (press.action["value"], press.action["block_id"]) == (
        "kharkiv",
        generated_block_id(sent["ts"], 1),
    )
    [response] = slack.responses(press.response_url)
    assert (response.replace_original, response.message_ts, response.text) == (
        True,
        sent["ts"],
        "Following kharkiv ✓",
    )
    replaced = slack.message(NEWS, sent["ts"])
    assert replaced is not None
    assert (replaced["text"], replaced["ts"], "blocks" in replaced) == (
        "Following kharkiv ✓",
        sent["ts"],
        False,
    )
    assert [m.ts for m in slack.messages(NEWS)] == [sent["ts"]]  # replaced, not posted again


async def test_bolt_delete_original_removes_the_message(
    slack: FakeSlackApi, client: AsyncWebClient, bolt: tuple[AsyncApp, str]
) -> None:
    app, request_url = bolt

    @app.action("mute")
    async def mute(ack: AsyncAck, respond: AsyncRespond) -> None:
        await ack()
        await respond(delete_original=True)

    sent = await client.chat_postMessage(channel=NEWS, text="t", blocks=ALERT_BLOCKS)
    press = slack.press_button(
        SECRET, user_id=HUMAN, channel_id=NEWS, message_ts=sent["ts"], action_id="mute"
    )
    assert (await post_signed(request_url, press.body, press.headers)).status_code == 200
    await until(lambda: slack.responses(press.response_url))
    [response] = slack.responses(press.response_url)
    assert (response.delete_original, response.message_ts) == (True, sent["ts"])
    assert slack.message(NEWS, sent["ts"]) is None
    gone = await AsyncWebhookClient(press.response_url).send(text="x", replace_original=True)
    assert (gone.status_code, json.loads(gone.body)["error"]) == (404, "message_not_found")
    # Without replace_original a response is a new (ephemeral) message, original or not.
    assert (await AsyncWebhookClient(press.response_url).send(text="muted")).status_code == 200


async def test_an_unsigned_press_is_refused_by_bolt(
    slack: FakeSlackApi, client: AsyncWebClient, bolt: tuple[AsyncApp, str]
) -> None:
    app, request_url = bolt
    calls: list[str] = []

    @app.action("mute")
    async def mute(ack: AsyncAck) -> None:
        calls.append("mute")
        await ack()

    sent = await client.chat_postMessage(channel=NEWS, text="t", blocks=ALERT_BLOCKS)
    press = slack.press_button(
        "another-secret", user_id=HUMAN, channel_id=NEWS, message_ts=sent["ts"], action_id="mute"
    )
    answer = await post_signed(request_url, press.body, press.headers)
    assert answer.status_code == 401
    assert calls == []
    assert slack.responses() == []
