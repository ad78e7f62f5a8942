"""The fake Slack Web API behaves like Slack for the real slack_sdk and slack-bolt clients."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator, Sequence
from typing import Any
from urllib.parse import parse_qsl

import aiohttp
import pytest
from slack_bolt.async_app import AsyncAck, AsyncApp, AsyncRespond, AsyncSay
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from tests.platforms.slack_fake import (
    BOT_ID,
    BOT_USER_ID,
    DEFAULT_TOKEN,
    TEAM_ID,
    FakeSlackApi,
    ManualClock,
    RateLimits,
    clear_proxy_env,
    mrkdwn_problems,
    render_mrkdwn,
    signed_app_mention,
    signed_slash_command,
    validate_blocks,
)

NEWS = "C0NEWS"
OTHER = "C0OTHER"
USER = "U0HUMAN"
SECRET = "fake-signing-secret"


def section(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def header(text: str) -> dict[str, Any]:
    return {"type": "header", "text": {"type": "plain_text", "text": text}}


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    clear_proxy_env(monkeypatch)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def fake(clock: ManualClock) -> Iterator[FakeSlackApi]:
    with FakeSlackApi(clock=clock) as api:
        api.add_channel(NEWS, "news")
        api.add_channel(OTHER, "other")
        yield api


@pytest.fixture
def client(fake: FakeSlackApi) -> AsyncWebClient:
    return AsyncWebClient(token=DEFAULT_TOKEN, base_url=fake.api_url)


def bolt_request(body: bytes, headers: dict[str, str]) -> AsyncBoltRequest:
    # What bolt's HTTP adapters build from a request that reached the app.
    raw: dict[str, str | Sequence[str]] = dict(headers)
    return AsyncBoltRequest(body=body.decode(), headers=raw)


async def api_error(call: Any) -> SlackApiError:
    with pytest.raises(SlackApiError) as caught:
        await call
    return caught.value


async def test_auth_test_describes_the_bot(client: AsyncWebClient) -> None:
    me = await client.auth_test()
    assert (me["team_id"], me["user_id"], me["bot_id"]) == (TEAM_ID, BOT_USER_ID, BOT_ID)
    assert me["url"].startswith("https://")


async def test_one_kept_alive_connection_serves_many_calls(fake: FakeSlackApi) -> None:
    async with aiohttp.ClientSession() as session:
        client = AsyncWebClient(token=DEFAULT_TOKEN, base_url=fake.api_url, session=session)
        for n in range(3):
            await client.chat_postMessage(channel=[NEWS, OTHER, NEWS][n], text=f"{n}")
        await client.auth_test()
    assert [m.text for m in fake.messages(NEWS)] == ["0", "2"]
    assert fake.connections == 1


async def test_a_token_in_the_form_body_is_accepted(fake: FakeSlackApi) -> None:
    anonymous = AsyncWebClient(base_url=fake.api_url)
    me = await anonymous.api_call("auth.test", params={"token": DEFAULT_TOKEN})
    assert me["user_id"] == BOT_USER_ID


@pytest.mark.parametrize(
    ("token", "error"), [("xoxb-someone-else", "invalid_auth"), (None, "not_authed")]
)
async def test_bad_or_missing_token_is_refused_with_status_200(
    fake: FakeSlackApi, token: str | None, error: str
) -> None:
    stranger = AsyncWebClient(token=token, base_url=fake.api_url)
    refused = await api_error(stranger.auth_test())
    assert (refused.response.status_code, refused.response["error"]) == (200, error)
    assert fake.requests["auth.test"] == 1


@pytest.mark.parametrize(
    ("control", "error"),
    [("revoke_token", "token_revoked"), ("deactivate_account", "account_inactive")],
)
async def test_a_dead_token_fails_every_call(
    fake: FakeSlackApi, client: AsyncWebClient, control: str, error: str
) -> None:
    getattr(fake, control)()
    for call in (client.auth_test(), client.chat_postMessage(channel=NEWS, text="x")):
        assert (await api_error(call)).response["error"] == error
    assert fake.messages(NEWS) == []


async def test_posted_message_is_returned_and_recorded_with_its_blocks(
    fake: FakeSlackApi, client: AsyncWebClient
) -> None:
    blocks = [header("Shelling near Kharkiv"), {"type": "divider"}, section("*2* killed")]
    first = await client.chat_postMessage(
        channel=NEWS, text="Shelling near Kharkiv", blocks=blocks, unfurl_links=False
    )
    second = await client.chat_postMessage(channel="#news", text="again", thread_ts=first["ts"])
    assert re.fullmatch(r"\d{10}\.\d{6}", first["ts"])
    assert float(second["ts"]) > float(first["ts"])
    assert (first["channel"], second["channel"]) == (NEWS, NEWS)
    assert first["message"]["blocks"] == blocks
    assert first["message"]["bot_id"] == BOT_ID
    posted, reply = fake.messages(NEWS)
    assert (posted.ts, posted.text, posted.blocks, posted.thread_ts) == (
        first["ts"],
        "Shelling near Kharkiv",
        tuple(blocks),
        None,
    )
    assert posted.options == {"unfurl_links": False}
    assert reply.thread_ts == first["ts"]
    assert posted.posted_at.tzinfo is not None
    assert fake.requests["chat.postMessage"] == 2


async def test_a_form_body_with_blocks_as_a_string_is_accepted(
    fake: FakeSlackApi, client: AsyncWebClient
) -> None:
    blocks = [section("from a form")]
    params = {"channel": NEWS, "text": "form", "blocks": json.dumps(blocks)}
    sent = await client.api_call("chat.postMessage", params=params)
    assert sent["ok"] is True
    assert fake.messages(NEWS)[0].blocks == tuple(blocks)


async def test_text_over_40000_characters_is_truncated_not_refused(
    fake: FakeSlackApi, client: AsyncWebClient
) -> None:
    await client.chat_postMessage(channel=NEWS, text="x" * 40_001)
    [posted] = fake.messages(NEWS)
    assert (len(posted.text or ""), posted.truncated) == (40_000, True)


@pytest.mark.parametrize(
    ("setup", "channel", "error"),
    [
        (None, "C0NOWHERE", "channel_not_found"),
        ("archive", NEWS, "is_archived"),
        ("kick", NEWS, "not_in_channel"),
        ("deactivate_account", NEWS, "account_inactive"),
    ],
)
async def test_channel_errors_are_ok_false_with_status_200(
    fake: FakeSlackApi, client: AsyncWebClient, setup: str | None, channel: str, error: str
) -> None:
    if setup == "deactivate_account":
        fake.deactivate_account()
    elif setup is not None:
        getattr(fake, setup)(channel)
    refused = await api_error(client.chat_postMessage(channel=channel, text="alert"))
    assert (refused.response.status_code, refused.response["error"]) == (200, error)
    assert refused.response["ok"] is False
    assert fake.messages(channel) == []


@pytest.mark.parametrize(
    ("blocks", "pointer"),
    [
        ([section("x" * 3001)], "/blocks/0/text/text"),
        ([{"type": "divider"}] * 51, "/blocks"),
        ([header("h" * 151)], "/blocks/0/text/text"),
        ([{"type": "header", "text": {"type": "mrkdwn", "text": "h"}}], "/blocks/0/text/type"),
        (
            [{"type": "section", "fields": [{"type": "mrkdwn", "text": "f"}] * 11}],
            "/blocks/0/fields",
        ),
        (
            [{"type": "section", "fields": [{"type": "mrkdwn", "text": "f" * 2001}]}],
            "/blocks/0/fields/0/text",
        ),
        (
            [{"type": "context", "elements": [{"type": "mrkdwn", "text": "c"}] * 11}],
            "/blocks/0/elements",
        ),
        ([section("ok"), {"type": "carousel"}], "/blocks/1/type"),
        ([{"type": "section", "txt": {"type": "mrkdwn", "text": "typo"}}], "/blocks/0"),
        ([section("")], "/blocks/0/text/text"),
    ],
)
async def test_invalid_blocks_are_refused_with_slacks_messages(
    fake: FakeSlackApi, client: AsyncWebClient, blocks: list[Any], pointer: str
) -> None:
    refused = await api_error(client.chat_postMessage(channel=NEWS, text="t", blocks=blocks))
    assert refused.response["error"] == "invalid_blocks"
    messages = refused.response["response_metadata"]["messages"]
    assert any(m.startswith("[ERROR] ") and f"[json-pointer:{pointer}]" in m for m in messages)
    assert fake.messages(NEWS) == []


def test_block_limits_are_inclusive() -> None:
    fields = [{"type": "plain_text", "text": "f" * 2000}] * 10
    blocks = [header("h" * 150), section("x" * 3000), {"type": "section", "fields": fields}]
    assert validate_blocks(blocks + [{"type": "divider"}] * 47) == ()
    assert validate_blocks([section("x" * 3001)]) == (
        "must be less than 3001 characters [json-pointer:/blocks/0/text/text]",
    )


async def test_blocks_that_are_not_an_array_are_a_format_error(client: AsyncWebClient) -> None:
    params = {"channel": NEWS, "text": "t", "blocks": "{not json"}
    refused = await api_error(client.api_call("chat.postMessage", params=params))
    assert refused.response["error"] == "invalid_blocks_format"


async def test_no_text_and_no_blocks_is_no_text(client: AsyncWebClient) -> None:
    refused = await api_error(client.api_call("chat.postMessage", json={"channel": NEWS}))
    assert refused.response["error"] == "no_text"


async def test_per_channel_rate_limit_answers_429_with_retry_after(
    fake: FakeSlackApi, client: AsyncWebClient, clock: ManualClock
) -> None:
    for n in range(2):  # the default burst
        await client.chat_postMessage(channel=NEWS, text=f"burst {n}")
    limited = await api_error(client.chat_postMessage(channel=NEWS, text="third"))
    assert (limited.response.status_code, limited.response["error"]) == (429, "ratelimited")
    assert limited.response.headers["Retry-After"] == "1"
    await client.chat_postMessage(channel=OTHER, text="another channel is not limited")
    clock.advance(1)
    await client.chat_postMessage(channel=NEWS, text="after waiting")
    assert [m.text for m in fake.messages(NEWS)] == ["burst 0", "burst 1", "after waiting"]
    assert fake.rate_limited == 1


async def test_workspace_rate_limit_spans_channels(clock: ManualClock) -> None:
    limits = RateLimits(channel_burst=None, workspace_per_minute=3)
    with FakeSlackApi(limits=limits, clock=clock) as fake:
        for channel in (NEWS, OTHER, "C0THIRD", "C0FOURTH"):
            fake.add_channel(channel)
        client = AsyncWebClient(token=DEFAULT_TOKEN, base_url=fake.api_url)
        for channel in (NEWS, OTHER, "C0THIRD"):
            await client.chat_postMessage(channel=channel, text="x")
        limited = await api_error(client.chat_postMessage(channel="C0FOURTH", text="x"))
        assert limited.response.headers["Retry-After"] == "20"  # a minute's budget / 3
        assert fake.messages("C0FOURTH") == []


async def test_scripted_429_with_retry_after_0_is_retried_by_the_sdk_handler(
    fake: FakeSlackApi,
) -> None:
    fake.fail_next("chat.postMessage", "ratelimited", status=429, retry_after=0)
    handler = AsyncRateLimitErrorRetryHandler(max_retry_count=1)
    client = AsyncWebClient(token=DEFAULT_TOKEN, base_url=fake.api_url, retry_handlers=[handler])
    sent = await client.chat_postMessage(channel=NEWS, text="eventually")
    assert sent["ok"] is True
    assert (fake.requests["chat.postMessage"], fake.rate_limited, len(fake.messages(NEWS))) == (
        2,
        1,
        1,
    )


async def test_scripted_server_error_and_dropped_connection(
    fake: FakeSlackApi, client: AsyncWebClient
) -> None:
    fake.fail_next("chat.postMessage", "internal_error", status=500)
    refused = await api_error(client.chat_postMessage(channel=NEWS, text="x"))
    assert (refused.response.status_code, refused.response["error"]) == (500, "internal_error")
    # slack_sdk's default handler retries a dropped connection once.
    fake.fail_next("chat.postMessage", "dropped", status=None)
    await client.chat_postMessage(channel=NEWS, text="after a drop")
    assert fake.requests["chat.postMessage"] == 3
    assert [m.text for m in fake.messages(NEWS)] == ["after a drop"]


async def test_chat_update_changes_the_message_and_is_recorded(
    fake: FakeSlackApi, client: AsyncWebClient
) -> None:
    sent = await client.chat_postMessage(channel=NEWS, text="2 killed", blocks=[section("2")])
    updated = await client.chat_update(
        channel=NEWS, ts=sent["ts"], text="3 killed", blocks=[section("3")]
    )
    assert (updated["ts"], updated["text"]) == (sent["ts"], "3 killed")
    [update] = fake.updates(NEWS)
    assert (update.ts, update.text, update.blocks) == (sent["ts"], "3 killed", (section("3"),))
    current = fake.message(NEWS, sent["ts"])
    assert current is not None
    assert (current["text"], current["blocks"]) == ("3 killed", [section("3")])
    missing = await api_error(client.chat_update(channel=NEWS, ts="1.000001", text="x"))
    assert missing.response["error"] == "message_not_found"


async def test_conversations_info(fake: FakeSlackApi, client: AsyncWebClient) -> None:
    fake.kick(OTHER)
    fake.archive(OTHER)
    info = (await client.conversations_info(channel=OTHER))["channel"]
    assert (info["id"], info["name"], info["is_member"], info["is_archived"]) == (
        OTHER,
        "other",
        False,
        True,
    )
    unknown = await api_error(client.conversations_info(channel="C0NOWHERE"))
    assert unknown.response["error"] == "channel_not_found"


async def test_ephemeral_message_is_recorded_for_one_user(
    fake: FakeSlackApi, client: AsyncWebClient
) -> None:
    sent = await client.chat_postEphemeral(channel=NEWS, user=USER, text="only you")
    [seen] = fake.ephemerals(NEWS)
    assert (seen.user, seen.text, seen.message_ts) == (USER, "only you", sent["message_ts"])
    assert fake.messages(NEWS) == []


async def test_response_url_records_up_to_five_posts(fake: FakeSlackApi) -> None:
    url = fake.response_url(channel=NEWS)
    webhook = AsyncWebhookClient(url)
    first = await webhook.send(text="1 < 2", response_type="in_channel", replace_original=True)
    assert (first.status_code, first.body) == (200, "ok")
    for n in range(4):
        assert (await webhook.send(blocks=[section(f"{n}")], text="t")).status_code == 200
    used = await webhook.send(text="sixth")
    assert (used.status_code, json.loads(used.body)["error"]) == (404, "used_url")
    posts = fake.responses(url)
    assert len(posts) == 5
    assert (posts[0].channel, posts[0].text, posts[0].response_type) == (
        NEWS,
        "1 < 2",
        "in_channel",
    )
    assert posts[0].replace_original is True
    assert posts[0].problems == ('/text: unescaped "<" at 2',)
    assert posts[1].response_type == "ephemeral"  # Slack's default


async def test_response_url_expires_and_checks_blocks(
    fake: FakeSlackApi, clock: ManualClock
) -> None:
    webhook = AsyncWebhookClient(fake.response_url())
    bad = await webhook.send(text="t", blocks=[header("h" * 151)])
    assert (bad.status_code, json.loads(bad.body)["error"]) == (400, "invalid_blocks")
    clock.advance(30 * 60 + 1)
    expired = await webhook.send(text="late")
    assert (expired.status_code, json.loads(expired.body)["error"]) == (404, "expired_url")
    assert fake.responses() == []


def test_mrkdwn_problems_flag_what_was_not_escaped() -> None:
    good = "Kyiv &amp; Kharkiv &lt;3 <https://e.org/a?b=1|report> <@U012AB3CD> <!here> <#C1|news>"
    assert mrkdwn_problems(good) == ()
    assert mrkdwn_problems("a < b > c & d <not a link>") == (
        'unescaped "<" at 2',
        'unescaped ">" at 6',
        'unescaped "&" at 10',
        'unescaped "<" at 14',
        'unescaped ">" at 25',
    )
    assert render_mrkdwn(good) == "Kyiv & Kharkiv <3 report @U012AB3CD @here #news"


async def test_posted_mrkdwn_problems_cover_text_and_blocks(
    fake: FakeSlackApi, client: AsyncWebClient
) -> None:
    blocks = [
        section("fine &amp; escaped"),
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "x & y"}]},
    ]
    await client.chat_postMessage(channel=NEWS, text="<b>bold?</b>", blocks=blocks)
    [posted] = fake.messages(NEWS)
    assert posted.problems == (
        '/text: unescaped "<" at 0',
        '/text: unescaped ">" at 2',
        '/text: unescaped "<" at 8',
        '/text: unescaped ">" at 11',
        '/blocks/1/elements/0/text: unescaped "&" at 2',
    )


def test_signed_slash_command_passes_slacks_verifier() -> None:
    body, headers = signed_slash_command(
        SECRET, text="status kharkiv", user_id=USER, channel_id=NEWS, response_url="http://x/r"
    )
    verifier = SignatureVerifier(SECRET)
    stamp, signature = headers["X-Slack-Request-Timestamp"], headers["X-Slack-Signature"]
    assert verifier.is_valid(body, stamp, signature)
    assert not verifier.is_valid(body + b"&x=1", stamp, signature)
    assert not SignatureVerifier("another-secret").is_valid(body, stamp, signature)
    assert headers["Content-Type"] == "application/x-www-form-urlencoded"
    form = dict(parse_qsl(body.decode()))
    assert (form["command"], form["text"], form["team_id"]) == (
        "/newsalert",
        "status kharkiv",
        TEAM_ID,
    )
    assert form["response_url"] == "http://x/r"


def test_signed_app_mention_passes_slacks_verifier() -> None:
    old = int(time.time()) - 600
    body, headers = signed_app_mention(
        SECRET, text="status", user_id=USER, channel_id=NEWS, timestamp=old
    )
    event = json.loads(body)["event"]
    assert (event["type"], event["text"], event["channel"]) == (
        "app_mention",
        f"<@{BOT_USER_ID}> status",
        NEWS,
    )
    stamp, signature = headers["X-Slack-Request-Timestamp"], headers["X-Slack-Signature"]
    assert SignatureVerifier(SECRET).generate_signature(timestamp=stamp, body=body) == signature
    assert not SignatureVerifier(SECRET).is_valid(body, stamp, signature)  # stale: > 5 minutes


async def test_bolt_app_answers_a_slash_command_and_a_mention_through_the_fake(
    fake: FakeSlackApi, client: AsyncWebClient
) -> None:
    # process_before_response: listeners finish before dispatch returns, so nothing to poll.
    app = AsyncApp(client=client, signing_secret=SECRET, process_before_response=True)

    @app.command("/newsalert")
    async def command(ack: AsyncAck, respond: AsyncRespond, say: AsyncSay) -> None:
        await ack()
        await respond(text="subscribed", response_type="in_channel")
        await say(text="hello channel")

    @app.event("app_mention")
    async def mention(say: AsyncSay, event: dict[str, Any]) -> None:
        await say(text=f"you said {event['text']}", thread_ts=event["ts"])

    url = fake.response_url(channel=NEWS)
    body, headers = signed_slash_command(
        SECRET, text="subscribe", user_id=USER, channel_id=NEWS, response_url=url
    )
    answer = await app.async_dispatch(bolt_request(body, headers))
    assert answer.status == 200
    body, headers = signed_app_mention(SECRET, text="status", user_id=USER, channel_id=NEWS)
    answer = await app.async_dispatch(bolt_request(body, headers))
    assert answer.status == 200
    [response] = fake.responses(url)
    assert (response.text, response.response_type) == ("subscribed", "in_channel")
    said, replied = fake.messages(NEWS)
    assert said.text == "hello channel"
    assert (replied.text, replied.thread_ts) == (
        f"you said <@{BOT_USER_ID}> status",
        "1700000000.000100",
    )
    assert fake.requests["auth.test"] >= 1  # bolt authorizes lazily
