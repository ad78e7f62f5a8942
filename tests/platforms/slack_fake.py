"""A loopback fake of the Slack Web API that the real slack_sdk and slack-bolt clients talk to."""

# One file on purpose, like telegram_fake.py: tests import one fake. Sections: mrkdwn, Block Kit
# checks, rate limits, records, request signing, wire format, the fake (controls, Web API
# methods, file uploads, response_url, HTTP answers); the HTTP/1.1 server, clock and token
# buckets live in loopback_http.py. Facts trace to docs/PLATFORMS.md section 2 and 3.3.

from __future__ import annotations

import base64
import copy
import email.parser
import email.policy
import hashlib
import hmac
import json
import logging
import re
import secrets
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

from tests.platforms.loopback_http import (
    JSON,
    BodyError,
    BodyProblem,
    DropConnection,
    HttpFake,
    HttpResponse,
    LoopbackHttpServer,
    Request,
    TokenBucket,
    decode_params,
    json_payload,
    next_scripted,
    take_from_all,
)
from tests.platforms.loopback_http import ManualClock as ManualClock

log = logging.getLogger(__name__)

DEFAULT_TOKEN = "xoxb-fake-newsalert"
TEAM_ID = "T0FAKE"
TEAM_NAME = "Newsalert Test"
TEAM_DOMAIN = "newsalert-test"
BOT_USER_ID = "U0BOT"
BOT_ID = "B0BOT"
BOT_NAME = "newsalert"
APP_ID = "A0FAKE"
VERIFICATION_TOKEN = "fake-verification-token"  # the deprecated `token` field Slack still sends
MAX_BLOCKS = 50
MAX_ACTIONS = 25  # elements of one actions block
MAX_TEXT = 40_000  # longer `text` is truncated, not refused
RESPONSE_URL_USES = 5
RESPONSE_URL_SECONDS = 30 * 60
MAX_UPLOAD_BYTES = 1024 * 1024 * 1024  # 1 GB, Slack's file limit (slack_sdk MAX_V2_FILE_SIZE)
MAX_ALT_TXT = 1000  # files.getUploadURLExternal: alt_txt_too_large past this
# slack_sdk reads these when `proxy` is not given and ignores NO_PROXY (PLATFORMS.md 2.2).
PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy")


def clear_proxy_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Keeps slack_sdk's loopback calls off any proxy the environment names; call it first."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)


# ---------------------------------------------------------------- mrkdwn

_CONTROL = re.compile(r"<([^<>\n]*)>")
_ESCAPE = re.compile(r"&(?:amp|lt|gt);")
_SPECIAL = re.compile(r"!(?:here|channel|everyone)(?:\|[^<>]*)?|!(?:subteam\^|date\^)[^<>]+")
_MENTION = re.compile(r"[@#][UWCGB][A-Z0-9]+(?:\|[^<>]*)?")
_URL = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s|<>]+(?:\|[^<>]*)?")


def _is_control(inner: str) -> bool:
    return any(p.fullmatch(inner) for p in (_SPECIAL, _MENTION, _URL))


def mrkdwn_problems(text: str) -> tuple[str, ...]:
    """Stray `<`, `>` and `&` that Slack accepts but may not show as written (PLATFORMS.md 2.5)."""
    problems: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char == "<":
            control = _CONTROL.match(text, i)
            if control is not None and _is_control(control.group(1)):
                i = control.end()
                continue
            problems.append(f'unescaped "<" at {i}')
        elif char == ">":
            problems.append(f'unescaped ">" at {i}')
        elif char == "&" and _ESCAPE.match(text, i) is None:
            problems.append(f'unescaped "&" at {i}')
        i += 1
    return tuple(problems)


def _render_control(inner: str) -> str:
    target, _, label = inner.partition("|")
    if label:
        return label if target[0] not in "@#" else target[0] + label
    if target.startswith("!"):
        return "@" + target[1:].split("^")[0]
    return target


def render_mrkdwn(text: str) -> str:
    """What a reader sees: links as their labels, mentions as @/#id, entities decoded."""

    def control(match: re.Match[str]) -> str:
        inner = match.group(1)
        return _render_control(inner) if _is_control(inner) else match.group(0)

    plain = _CONTROL.sub(control, text)
    return plain.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


# ---------------------------------------------------------------- Block Kit

_BLOCK_KEYS = {
    "header": frozenset({"type", "block_id", "text"}),
    "section": frozenset({"type", "block_id", "text", "fields", "expand"}),
    "context": frozenset({"type", "block_id", "elements"}),
    "divider": frozenset({"type", "block_id"}),
    "actions": frozenset({"type", "block_id", "elements"}),
}
_TEXT_KEYS = {
    "plain_text": frozenset({"type", "text", "emoji"}),
    "mrkdwn": frozenset({"type", "text", "verbatim"}),
}
_IMAGE_KEYS = frozenset({"type", "image_url", "alt_text"})
_BUTTON_KEYS = frozenset(
    {"type", "text", "action_id", "url", "value", "style", "confirm", "accessibility_label"}
)
_BUTTON_STYLES = ("primary", "danger")


def _at(message: str, pointer: str) -> str:
    return f"{message} [json-pointer:{pointer}]"


def _check_length(value: object, pointer: str, longest: int, errors: list[str]) -> None:
    if not isinstance(value, str):
        errors.append(_at("must be a string", pointer))
    elif not value:
        errors.append(_at("must be more than 0 characters", pointer))
    elif len(value) > longest:
        errors.append(_at(f"must be less than {longest + 1} characters", pointer))


def _check_keys(obj: JSON, allowed: frozenset[str], pointer: str, errors: list[str]) -> None:
    # Stricter than Slack is known to be: a misspelt key is a bug we want a test to see.
    errors.extend(
        _at(f"unsupported property: {key}", pointer) for key in obj if key not in allowed
    )


def _check_text(
    obj: object, pointer: str, longest: int, errors: list[str], *, plain: bool
) -> None:
    if not isinstance(obj, dict):
        errors.append(_at("must be a text object", pointer))
        return
    kind = obj.get("type")
    if kind not in _TEXT_KEYS or (plain and kind != "plain_text"):
        expected = "plain_text" if plain else "plain_text or mrkdwn"
        errors.append(_at(f"must be a {expected} text object", f"{pointer}/type"))
        return
    _check_keys(obj, _TEXT_KEYS[kind], pointer, errors)
    _check_length(obj.get("text"), f"{pointer}/text", longest, errors)


def _check_list(value: object, pointer: str, most: int, errors: list[str]) -> list[Any]:
    if not isinstance(value, list) or not value:
        errors.append(_at("must provide a non-empty array", pointer))
        return []
    if len(value) > most:
        errors.append(_at(f"no more than {most} items allowed", pointer))
    return value


def _check_button(element: JSON, where: str, errors: list[str], seen: set[str]) -> None:
    """A button element as Slack's reference gives it: `text` plain_text of at most 75
    characters, `action_id` at most 255 and unique within its block (Slack refuses a
    repeat with invalid_blocks; the wording here is the fake's), `value` at most 2000,
    `url` at most 3000, `accessibility_label` at most 75, `style` primary or danger.
    Stricter than Slack: action_id is required, since the one Slack would make up matches
    no app.action() listener."""
    _check_keys(element, _BUTTON_KEYS, where, errors)
    _check_text(element.get("text"), f"{where}/text", 75, errors, plain=True)
    action_id = element.get("action_id")
    if action_id is None:
        errors.append(_at("the fake wants an action_id on every button", where))
    else:
        _check_length(action_id, f"{where}/action_id", 255, errors)
        if isinstance(action_id, str) and action_id in seen:
            errors.append(_at(f"action_id {action_id!r} repeats in this block", where))
        seen.add(str(action_id))
    for key, longest in (("value", 2000), ("url", 3000), ("accessibility_label", 75)):
        if key in element:
            _check_length(element[key], f"{where}/{key}", longest, errors)
    if "style" in element and element["style"] not in _BUTTON_STYLES:
        errors.append(_at("must be one of: primary, danger", f"{where}/style"))
    if "confirm" in element and not isinstance(element["confirm"], dict):
        errors.append(_at("must be an object", f"{where}/confirm"))


def _check_actions(block: JSON, pointer: str, errors: list[str]) -> None:
    """An actions block: 1 to 25 elements; the fake knows buttons only (Slack also takes
    selects, overflow menus, date pickers, ...)."""
    elements = _check_list(block.get("elements"), f"{pointer}/elements", MAX_ACTIONS, errors)
    seen: set[str] = set()
    for n, element in enumerate(elements):
        where = f"{pointer}/elements/{n}"
        if not isinstance(element, dict):
            errors.append(_at("must be an object", where))
        elif element.get("type") != "button":
            kind = element.get("type")
            errors.append(_at(f"unsupported element type in the fake: {kind!r}", f"{where}/type"))
        else:
            _check_button(element, where, errors, seen)


def _check_block(block: object, pointer: str, errors: list[str]) -> None:
    if not isinstance(block, dict):
        errors.append(_at("must be an object", pointer))
        return
    kind = block.get("type")
    if kind not in _BLOCK_KEYS:
        # The fake knows the blocks newsalert sends; Slack has more (image, input, ...).
        errors.append(_at(f"unsupported block type in the fake: {kind!r}", f"{pointer}/type"))
        return
    _check_keys(block, _BLOCK_KEYS[kind], pointer, errors)
    if "block_id" in block:
        _check_length(block["block_id"], f"{pointer}/block_id", 255, errors)
    if kind == "header":
        _check_text(block.get("text"), f"{pointer}/text", 150, errors, plain=True)
    elif kind == "section":
        if "text" not in block and "fields" not in block:
            errors.append(_at("must provide either text or fields", pointer))
        if "text" in block:
            _check_text(block["text"], f"{pointer}/text", 3000, errors, plain=False)
        if "fields" in block:
            fields = _check_list(block["fields"], f"{pointer}/fields", 10, errors)
            for n, item in enumerate(fields):
                _check_text(item, f"{pointer}/fields/{n}", 2000, errors, plain=False)
    elif kind == "context":
        elements = _check_list(block.get("elements"), f"{pointer}/elements", 10, errors)
        for n, element in enumerate(elements):
            where = f"{pointer}/elements/{n}"
            if isinstance(element, dict) and element.get("type") == "image":
                _check_keys(element, _IMAGE_KEYS, where, errors)
                _check_length(element.get("image_url"), f"{where}/image_url", 3000, errors)
                _check_length(element.get("alt_text"), f"{where}/alt_text", 2000, errors)
            else:
                _check_text(element, where, 3000, errors, plain=False)
    elif kind == "actions":
        _check_actions(block, pointer, errors)


def validate_blocks(blocks: list[Any]) -> tuple[str, ...]:
    """Slack-style errors for a message's blocks (empty when valid); lengths in code points."""
    errors: list[str] = []
    if len(blocks) > MAX_BLOCKS:
        errors.append(_at(f"no more than {MAX_BLOCKS} items allowed", "/blocks"))
    for n, block in enumerate(blocks):
        _check_block(block, f"/blocks/{n}", errors)
    return tuple(errors)


def _mrkdwn_texts(text: str | None, blocks: tuple[JSON, ...]) -> Iterator[tuple[str, str]]:
    """(where, mrkdwn) for `text` and every mrkdwn text object; where is a JSON pointer."""
    if text:
        yield "/text", text
    for n, block in enumerate(blocks):
        parts = [("text", block.get("text"))]
        parts += [(f"fields/{i}", f) for i, f in enumerate(block.get("fields", ()))]
        parts += [(f"elements/{i}", e) for i, e in enumerate(block.get("elements", ()))]
        for where, part in parts:
            if isinstance(part, dict) and part.get("type") == "mrkdwn":
                yield f"/blocks/{n}/{where}/text", str(part.get("text", ""))


def posted_problems(text: str | None, blocks: tuple[JSON, ...]) -> tuple[str, ...]:
    """mrkdwn_problems() of a message's text and mrkdwn blocks, each led by its JSON pointer."""
    return tuple(
        f"{where}: {problem}"
        for where, mrkdwn in _mrkdwn_texts(text, blocks)
        for problem in mrkdwn_problems(mrkdwn)
    )


# ---------------------------------------------------------------- rate limits


@dataclass(frozen=True, slots=True)
class RateLimits:
    """Token buckets after Slack's chat.postMessage limits; None turns one limit off.

    Per channel: a burst of `channel_burst` posts refilled at `channel_per_second` ("1 message
    per second to a specific channel"). Per workspace: `workspace_per_minute` posts at once,
    refilled evenly over a minute ("several hundred per minute"). chat.update is Tier 3:
    `update_per_minute`, likewise. Ephemeral and response_url posts are not limited.
    """

    channel_burst: int | None = 2
    channel_per_second: float = 1.0
    workspace_per_minute: int | None = 300
    update_per_minute: int | None = 50


REAL_RATE_LIMITS = RateLimits()
NO_RATE_LIMITS = RateLimits(channel_burst=None, workspace_per_minute=None, update_per_minute=None)


# ---------------------------------------------------------------- records


@dataclass(frozen=True, slots=True)
class PostedMessage:
    """One accepted chat.postMessage: text and blocks as sent (raw mrkdwn, not rendered)."""

    channel: str
    ts: str
    text: str | None
    blocks: tuple[JSON, ...]
    thread_ts: str | None
    options: JSON  # every other argument: unfurl_links, unfurl_media, mrkdwn, ...
    problems: tuple[str, ...]  # posted_problems(): stray < > & in text and mrkdwn blocks
    truncated: bool
    posted_at: datetime


@dataclass(frozen=True, slots=True)
class UpdatedMessage:
    """One accepted chat.update."""

    channel: str
    ts: str
    text: str | None
    blocks: tuple[JSON, ...]
    problems: tuple[str, ...]
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class EphemeralMessage:
    """One accepted chat.postEphemeral, seen by `user` only."""

    channel: str
    user: str
    message_ts: str
    text: str | None
    blocks: tuple[JSON, ...]
    thread_ts: str | None
    problems: tuple[str, ...]
    posted_at: datetime


@dataclass(frozen=True, slots=True)
class ResponsePost:
    """One accepted POST to a response_url; `body` is the JSON as sent. `message_ts` is the
    message the URL came with (a button press: FakeSlackApi.press_button), which
    replace_original replaced (read it with FakeSlackApi.message) or delete_original
    deleted; None for a slash command's URL."""

    url: str
    channel: str | None
    body: JSON
    text: str | None
    blocks: tuple[JSON, ...]
    response_type: str  # Slack's default is "ephemeral"
    replace_original: bool
    delete_original: bool
    problems: tuple[str, ...]
    posted_at: datetime
    message_ts: str | None = None


@dataclass(frozen=True, slots=True)
class SharedFile:
    """One file shared by files.completeUploadExternal: the bytes POSTed to its upload_url and
    what the three calls said about it. `channel` is None for a file kept private (no
    channel given); `ts` is then None too, else the ts of the message that shares it."""

    file_id: str
    channel: str | None
    ts: str | None
    filename: str
    title: str
    alt_txt: str | None
    snippet_type: str | None
    data: bytes
    initial_comment: str | None
    thread_ts: str | None
    shared_at: datetime


@dataclass(slots=True)
class _Upload:
    """A file between files.getUploadURLExternal and files.completeUploadExternal."""

    file_id: str
    filename: str
    length: int
    alt_txt: str | None
    snippet_type: str | None
    data: bytes | None = None
    completed: bool = False


@dataclass(slots=True)
class _Channel:
    id: str
    name: str
    member: bool
    archived: bool
    private: bool
    bucket: TokenBucket | None = None
    current: dict[str, JSON] = field(default_factory=dict)  # ts -> the message as it is now
    history: list[PostedMessage | UpdatedMessage] = field(default_factory=list)
    ephemeral: list[EphemeralMessage] = field(default_factory=list)
    files: list[SharedFile] = field(default_factory=list)

    def to_api(self) -> JSON:
        return {
            "id": self.id,
            "name": self.name,
            "name_normalized": self.name,
            "is_channel": not self.private,
            "is_group": False,
            "is_im": False,
            "is_private": self.private,
            "is_archived": self.archived,
            "is_general": self.name == "general",
            "is_member": self.member,
            "created": 1_600_000_000,
            "context_team_id": TEAM_ID,
        }


@dataclass(slots=True)
class _ResponseUrl:
    channel: str | None
    minted_at: float
    uses: int = 0
    message_ts: str | None = None  # the message whose button was pressed


@dataclass(frozen=True, slots=True)
class ButtonPress:
    """What FakeSlackApi.press_button made: the signed interactive POST (form body and
    headers) to send to the app's request URL, the response_url in it, and the action."""

    body: bytes
    headers: dict[str, str]
    response_url: str
    action: JSON


# ---------------------------------------------------------------- request signing


def slack_signature(signing_secret: str, timestamp: int | str, body: bytes) -> str:
    """`v0=` + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`, as Slack signs requests."""
    base = f"v0:{timestamp}:".encode() + body
    return "v0=" + hmac.new(signing_secret.encode(), base, hashlib.sha256).hexdigest()


def signed_headers(
    signing_secret: str, body: bytes, *, content_type: str, timestamp: int | None = None
) -> dict[str, str]:
    """Headers Slack sends with `body`; the timestamp defaults to now (bolt allows 5 minutes)."""
    stamp = int(time.time()) if timestamp is None else timestamp
    return {
        "Content-Type": content_type,
        "X-Slack-Request-Timestamp": str(stamp),
        "X-Slack-Signature": slack_signature(signing_secret, stamp, body),
    }


def signed_slash_command(
    signing_secret: str,
    *,
    text: str,
    user_id: str,
    channel_id: str,
    response_url: str,
    command: str = "/newsalert",
    team_id: str = TEAM_ID,
    channel_name: str = "newsalert-test",
    user_name: str = "tester",
    timestamp: int | None = None,
) -> tuple[bytes, dict[str, str]]:
    """A slash-command POST (form body, headers) exactly as Slack signs it (PLATFORMS.md 2.4)."""
    stamp = int(time.time()) if timestamp is None else timestamp
    body_key = f"{user_id}:{channel_id}:{text}".encode()
    form = {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "team_domain": TEAM_DOMAIN,
        "channel_id": channel_id,
        "channel_name": channel_name,
        "user_id": user_id,
        "user_name": user_name,
        "command": command,
        "text": text,
        "api_app_id": APP_ID,
        "is_enterprise_install": "false",
        "response_url": response_url,
        "trigger_id": f"{stamp}.{hashlib.sha256(body_key).hexdigest()[:12]}.fake",
    }
    body = urlencode(form).encode()
    content_type = "application/x-www-form-urlencoded"
    return body, signed_headers(signing_secret, body, content_type=content_type, timestamp=stamp)


def signed_app_mention(
    signing_secret: str,
    *,
    text: str,
    user_id: str,
    channel_id: str,
    team_id: str = TEAM_ID,
    ts: str = "1700000000.000100",
    thread_ts: str | None = None,
    timestamp: int | None = None,
) -> tuple[bytes, dict[str, str]]:
    """An Events API `app_mention` callback (JSON body, headers) signed as Slack signs it.

    Slack's text always holds the bot's mention, so `<@U0BOT> ` is put first when missing.
    """
    stamp = int(time.time()) if timestamp is None else timestamp
    mention = f"<@{BOT_USER_ID}>"
    event: JSON = {
        "type": "app_mention",
        "user": user_id,
        "text": text if mention in text else f"{mention} {text}",
        "ts": ts,
        "team": team_id,
        "channel": channel_id,
        "event_ts": ts,
    }
    if thread_ts is not None:
        event["thread_ts"] = thread_ts
    payload: JSON = {
        "token": VERIFICATION_TOKEN,
        "team_id": team_id,
        "api_app_id": APP_ID,
        "event": event,
        "type": "event_callback",
        "event_id": f"Ev0FAKE{ts.replace('.', '')}",
        "event_time": stamp,
        "authorizations": [
            {
                "enterprise_id": None,
                "team_id": team_id,
                "user_id": BOT_USER_ID,
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "is_ext_shared_channel": False,
    }
    body = json.dumps(payload).encode()
    return body, signed_headers(
        signing_secret, body, content_type="application/json", timestamp=stamp
    )


def generated_block_id(message_ts: str, index: int) -> str:
    """The block_id of the `index`th block of a message posted without one. Slack makes up
    a random one (e.g. "Xa3f") and answers it back in chat.postMessage; the fake answers
    the blocks as sent and uses these stable ids in press_button's payloads only."""
    digest = hashlib.sha256(f"{message_ts}/{index}".encode()).digest()
    return base64.b32encode(digest).decode()[:5]


def signed_block_actions(
    signing_secret: str,
    *,
    user_id: str,
    channel_id: str,
    message_ts: str,
    action_id: str,
    value: str | None,
    response_url: str,
    text: str = "button text",
    block_id: str | None = None,
    message: JSON | None = None,
    team_id: str = TEAM_ID,
    user_name: str = "tester",
    channel_name: str = "newsalert-test",
    timestamp: int | None = None,
) -> tuple[bytes, dict[str, str]]:
    """A button press in a channel message, as Slack POSTs it to the interactivity request
    URL: form field `payload` = the block_actions JSON (user, channel, container, message,
    actions[0] with action_id/block_id/value/text/action_ts, response_url, trigger_id,
    team, api_app_id, token), signed like signed_slash_command. slack_bolt parses it into
    `body`, routes it by actions[0].action_id to app.action(...) and takes `respond` from
    response_url. `message` is the message as posted (left out when None); block_id
    defaults to the one holding the button in it, else "actions"."""
    stamp = int(time.time()) if timestamp is None else timestamp
    if block_id is None:
        holders = [
            b
            for b in (message or {}).get("blocks", ())
            if any(e.get("action_id") == action_id for e in b.get("elements", ()))
        ]
        block_id = str(holders[0].get("block_id", "actions")) if holders else "actions"
    action: JSON = {
        "action_id": action_id,
        "block_id": block_id,
        "text": {"type": "plain_text", "text": text, "emoji": True},
        "type": "button",
        "action_ts": f"{time.time():.6f}",
    }
    if value is not None:
        action["value"] = value
    key = f"{user_id}:{channel_id}:{message_ts}:{action_id}".encode()
    payload: JSON = {
        "type": "block_actions",
        "user": {"id": user_id, "username": user_name, "name": user_name, "team_id": team_id},
        "api_app_id": APP_ID,
        "token": VERIFICATION_TOKEN,
        "container": {
            "type": "message",
            "message_ts": message_ts,
            "channel_id": channel_id,
            "is_ephemeral": False,
        },
        "trigger_id": f"{stamp}.{hashlib.sha256(key).hexdigest()[:12]}.fake",
        "team": {"id": team_id, "domain": TEAM_DOMAIN},
        "enterprise": None,
        "is_enterprise_install": False,
        "channel": {"id": channel_id, "name": channel_name},
        "state": {"values": {}},
        "response_url": response_url,
        "actions": [action],
    }
    if message is not None:
        payload["message"] = message
    body = urlencode({"payload": json.dumps(payload)}).encode()
    content_type = "application/x-www-form-urlencoded"
    return body, signed_headers(signing_secret, body, content_type=content_type, timestamp=stamp)


# ---------------------------------------------------------------- wire format


class _SlackError(Exception):
    """A Web API error reply: HTTP 200 with ok=false unless Slack uses a status (429, 5xx)."""

    def __init__(
        self,
        error: str,
        *,
        status: int = 200,
        retry_after: int | None = None,
        messages: tuple[str, ...] = (),
    ) -> None:
        super().__init__(error)
        self.error = error
        self.status = status
        self.retry_after = retry_after
        self.messages = messages

    def body(self) -> JSON:
        body: JSON = {"ok": False, "error": self.error}
        if self.messages:
            body["errors"] = list(self.messages)
            body["response_metadata"] = {"messages": [f"[ERROR] {m}" for m in self.messages]}
        return body


@dataclass(slots=True)
class _Failure:
    error: str
    status: int | None
    times: int
    retry_after: int | None


@dataclass(frozen=True, slots=True)
class _Reply:
    status: int
    body: JSON | str
    retry_after: int | None = None

    def to_http(self) -> HttpResponse:
        if isinstance(self.body, str):
            return HttpResponse(
                self.status, self.body.encode(), "text/plain; charset=utf-8", self.retry_after
            )
        content_type = "application/json; charset=utf-8"
        return HttpResponse(self.status, json_payload(self.body), content_type, self.retry_after)


_BODY_ERRORS = {BodyProblem.NOT_JSON: "invalid_json", BodyProblem.NOT_OBJECT: "json_not_object"}


def _decode_params(request: Request) -> JSON:
    """Query string, then a JSON or form body (slack_sdk sends both kinds)."""
    try:
        return decode_params(request)
    except BodyError as error:
        raise _SlackError(_BODY_ERRORS[error.problem]) from None


class _Params:
    """Web API arguments: typed values from JSON, strings from a form or query string."""

    def __init__(self, raw: dict[str, Any]) -> None:
        self.raw = raw

    def text(self, key: str) -> str | None:
        value = self.raw.get(key)
        return None if value is None else str(value)

    def required(self, key: str, error: str) -> str:
        value = self.text(key)
        if not value:
            raise _SlackError(error)
        return value

    def flag(self, key: str) -> bool:
        return self.raw.get(key) in (True, "true", "True", "1", 1)

    def blocks(self) -> tuple[JSON, ...] | None:
        """The `blocks` argument, a JSON array or its string form; checked like Slack does."""
        value = self.raw.get("blocks")
        if value is None or value == "":
            return None
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                raise _SlackError("invalid_blocks_format") from None
        if not isinstance(value, list):
            raise _SlackError("invalid_blocks_format")
        errors = validate_blocks(value)
        if errors:
            raise _SlackError("invalid_blocks", messages=errors)
        return tuple(value)


def _uploaded_bytes(request: Request) -> bytes:
    """The bytes POSTed to an upload_url: "Files can be sent as raw bytes or can be multipart
    form encoded" (files.getUploadURLExternal); slack_sdk's files_upload_v2 sends the raw
    bytes (aiohttp `data=bytes`, application/octet-stream). A form's first file part counts,
    else its first part."""
    content_type = request.headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() != "multipart/form-data":
        return request.body
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + request.body)
    parts = list(message.iter_parts())
    chosen = next((part for part in parts if part.get_filename() is not None), None)
    if chosen is None and parts:
        chosen = parts[0]
    payload = chosen.get_payload(decode=True) if chosen is not None else None
    return payload if isinstance(payload, bytes) else b""


_ROUTE = re.compile(r"/api/([A-Za-z0-9_.]+)")
_RESPONSE_ROUTE = re.compile(r"/response/([A-Za-z0-9_-]+)")
_UPLOAD_ROUTE = re.compile(r"/upload/v1/([A-Za-z0-9_-]+)")
_MESSAGE_ARGS = frozenset({"channel", "text", "blocks", "thread_ts", "token", "ts", "user"})


# ---------------------------------------------------------------- the fake


class FakeSlackApi(HttpFake):
    """The Slack Web API for one bot token on 127.0.0.1, served from its own thread and loop.

    Point slack_sdk at it with `AsyncWebClient(token=fake.token, base_url=fake.api_url)` after
    clear_proxy_env(); set the workspace up with add_channel/archive/kick; mint response URLs
    with response_url(); press a posted button with press_button(); read what happened with
    messages/updates/message/files/responses/requests.
    files_upload_v2's upload_url is on this same server (`/upload/v1/...`). Errors
    are HTTP 200 `{"ok": false, "error": ...}` except rate limits (429 + Retry-After). Every
    public method is thread-safe.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        limits: RateLimits = REAL_RATE_LIMITS,
        clock: Callable[[], float] = time.monotonic,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        self.token = token
        self._limits = limits
        self._clock = clock
        self._lock = threading.Lock()
        self._channels: dict[str, _Channel] = {}
        self._response_urls: dict[str, _ResponseUrl] = {}
        self._responses: list[ResponsePost] = []
        self._requests: Counter[str] = Counter()
        self._rate_limited = 0
        self._connections = 0
        self._failures: dict[str, list[_Failure]] = {}
        self._workspace: TokenBucket | None = None
        self._update_bucket: TokenBucket | None = None
        self._account_error: str | None = None
        self._socket_mode: tuple[str, Callable[[], str]] | None = None
        self._last_ts_us = 1_700_000_000_000_000
        self._uploads: dict[str, _Upload] = {}  # file_id -> upload in progress or done
        self._tickets: dict[str, str] = {}  # upload_url ticket -> file_id
        self._private_files: list[SharedFile] = []
        self._methods: dict[str, Callable[[_Params], JSON]] = {
            "auth.test": self._auth_test,
            "chat.postMessage": self._post_message,
            "chat.update": self._update,
            "chat.postEphemeral": self._post_ephemeral,
            "conversations.info": self._conversation_info,
            "files.getUploadURLExternal": self._get_upload_url,
            "files.completeUploadExternal": self._complete_upload,
        }
        self._server = LoopbackHttpServer(
            self._handle,
            title="the fake Slack API",
            thread_name="slack-fake",
            host=host,
            port=port,
            on_connect=self._count_connection,
        )

    # ------------------------------------------------------------ addresses

    @property
    def api_url(self) -> str:
        """What slack_sdk takes as base_url."""
        return f"{self.base}/api/"

    # ------------------------------------------------------------ test controls

    def add_channel(
        self,
        channel_id: str,
        name: str | None = None,
        *,
        member: bool = True,
        archived: bool = False,
        private: bool = False,
    ) -> None:
        with self._lock:
            self._channels[channel_id] = _Channel(
                channel_id, name or channel_id.lower(), member, archived, private
            )

    def archive(self, channel_id: str) -> None:
        with self._lock:
            self._channels[channel_id].archived = True

    def kick(self, channel_id: str) -> None:
        """The bot was removed from the channel: posts now fail with not_in_channel."""
        with self._lock:
            self._channels[channel_id].member = False

    def invite(self, channel_id: str) -> None:
        with self._lock:
            self._channels[channel_id].member = True

    def revoke_token(self) -> None:
        """Every call with the bot token now fails with token_revoked."""
        with self._lock:
            self._account_error = "token_revoked"

    def deactivate_account(self) -> None:
        """Every call with the bot token now fails with account_inactive."""
        with self._lock:
            self._account_error = "account_inactive"

    def fail_next(
        self,
        method: str,
        error: str,
        *,
        status: int | None = 200,
        times: int = 1,
        retry_after: int | None = None,
    ) -> None:
        """The next `times` calls of `method` (or "response_url", "upload_url") answer `error`
        with `status`.

        status=None drops the connection instead; retry_after adds a Retry-After header, so
        `fail_next("chat.postMessage", "ratelimited", status=429, retry_after=0)` scripts the
        429 that slack_sdk's AsyncRateLimitErrorRetryHandler retries quickest.
        """
        with self._lock:
            failures = self._failures.setdefault(method, [])
            failures.append(_Failure(error, status, times, retry_after))

    def open_connections(self, app_token: str, issue_url: Callable[[], str]) -> None:
        """apps.connections.open answers `issue_url()` (a Socket Mode URL) to `app_token`.

        slack_sdk's Socket Mode client asks the Web API it was given, so the socket fake in
        slack_socket_fake.py hands its URLs out through here; until then the method says
        invalid_auth, and it says not_allowed_token_type to a bot token as Slack does.
        """
        with self._lock:
            self._socket_mode = (app_token, issue_url)

    def response_url(self, *, channel: str | None = None, message_ts: str | None = None) -> str:
        """A fresh response_url, good for 5 posts within 30 minutes of the fake's clock.
        With `message_ts` (and `channel`) it belongs to that message, as a button press's
        does: replace_original and delete_original then act on it."""
        with self._lock:
            return self._mint_response_url(channel, message_ts)

    def _mint_response_url(self, channel: str | None, message_ts: str | None) -> str:
        response_id = f"R{len(self._response_urls) + 1:04d}"
        self._response_urls[response_id] = _ResponseUrl(
            channel, self._clock(), message_ts=message_ts
        )
        return f"{self.base}/response/{response_id}"

    def press_button(
        self,
        signing_secret: str,
        *,
        user_id: str,
        channel_id: str,
        message_ts: str,
        action_id: str,
        block_id: str | None = None,
        timestamp: int | None = None,
    ) -> ButtonPress:
        """A user presses the button `action_id` (in block `block_id`, when several blocks
        have one) of the channel message at `message_ts` as it reads now: the signed
        block_actions POST of signed_block_actions() with the button's value and text, the
        message (blocks posted without a block_id get generated_block_id()), and a fresh
        response_url bound to the message. ValueError for a message or button that is not
        there: no user could press it."""
        with self._lock:
            channel = self._channels.get(channel_id)
            current = channel.current.get(message_ts) if channel else None
            if channel is None or current is None:
                raise ValueError(f"no message {message_ts} in channel {channel_id}")
            message = copy.deepcopy(current)
            for n, block in enumerate(message.get("blocks", ())):
                block.setdefault("block_id", generated_block_id(message_ts, n))
            found = [
                (block["block_id"], element)
                for block in message.get("blocks", ())
                if block.get("type") == "actions"
                for element in block.get("elements", ())
                if element.get("action_id") == action_id and block_id in (None, block["block_id"])
            ]
            if len(found) != 1:
                where = "no" if not found else "more than one"
                raise ValueError(
                    f"{where} button with action_id {action_id!r} (block_id {block_id!r}) in "
                    f"message {message_ts} of {channel_id}"
                )
            holder, button = found[0]
            url = self._mint_response_url(channel.id, message_ts)
        body, headers = signed_block_actions(
            signing_secret,
            user_id=user_id,
            channel_id=channel.id,
            message_ts=message_ts,
            action_id=action_id,
            value=button.get("value"),
            response_url=url,
            text=str(button["text"]["text"]),
            block_id=holder,
            message=message,
            channel_name=channel.name,
            timestamp=timestamp,
        )
        action = json.loads(dict(parse_qsl(body.decode()))["payload"])["actions"][0]
        return ButtonPress(body, headers, url, action)

    # ------------------------------------------------------------ what the fake saw

    def messages(self, channel_id: str) -> list[PostedMessage]:
        return [m for m in self.history(channel_id) if isinstance(m, PostedMessage)]

    def updates(self, channel_id: str) -> list[UpdatedMessage]:
        return [m for m in self.history(channel_id) if isinstance(m, UpdatedMessage)]

    def history(self, channel_id: str) -> list[PostedMessage | UpdatedMessage]:
        """Accepted posts and updates in one channel, in arrival order."""
        with self._lock:
            channel = self._channels.get(channel_id)
            return list(channel.history) if channel else []

    def files(self, channel_id: str) -> list[SharedFile]:
        """Files shared in one channel by files.completeUploadExternal, in order."""
        with self._lock:
            channel = self._channels.get(channel_id)
            return list(channel.files) if channel else []

    def private_files(self) -> list[SharedFile]:
        """Files completed without a channel, which Slack keeps private to the app."""
        with self._lock:
            return list(self._private_files)

    def ephemerals(self, channel_id: str) -> list[EphemeralMessage]:
        with self._lock:
            channel = self._channels.get(channel_id)
            return list(channel.ephemeral) if channel else []

    def message(self, channel_id: str, ts: str) -> JSON | None:
        """The message at `ts` as it reads now, after every chat.update."""
        with self._lock:
            channel = self._channels.get(channel_id)
            current = channel.current.get(ts) if channel else None
            return dict(current) if current is not None else None

    def responses(self, url: str | None = None) -> list[ResponsePost]:
        """Accepted response_url posts, all of them or those to one URL."""
        with self._lock:
            return [r for r in self._responses if url is None or r.url == url]

    @property
    def requests(self) -> Counter[str]:
        """Calls per Web API method (and "response_url", "upload_url"), whatever their outcome."""
        with self._lock:
            return Counter(self._requests)

    @property
    def connections(self) -> int:
        """TCP connections accepted so far (keep-alive clients reuse one)."""
        with self._lock:
            return self._connections

    @property
    def rate_limited(self) -> int:
        """How many 429 replies were sent, by the rate limits or by fail_next."""
        with self._lock:
            return self._rate_limited

    # ------------------------------------------------------------ Web API methods
    # Called on the server loop with self._lock held.

    def _authorize(self, request: Request, params: _Params) -> None:
        header = request.headers.get("authorization", "")
        scheme, _, credentials = header.partition(" ")
        token = credentials.strip() if scheme.lower() == "bearer" else params.text("token")
        if not token:
            raise _SlackError("not_authed")
        if token != self.token:
            raise _SlackError("invalid_auth")
        if self._account_error is not None:
            raise _SlackError(self._account_error)

    def _auth_test(self, _: _Params) -> JSON:
        return {
            "url": f"https://{TEAM_DOMAIN}.slack.com/",
            "team": TEAM_NAME,
            "user": BOT_NAME,
            "team_id": TEAM_ID,
            "user_id": BOT_USER_ID,
            "bot_id": BOT_ID,
            "is_enterprise_install": False,
        }

    def _channel(self, params: _Params, key: str = "channel") -> _Channel:
        return self._channel_named(params.required(key, "channel_not_found"))

    def _channel_named(self, ref: str) -> _Channel:
        channel = self._channels.get(ref)
        if channel is None:
            # Slack also takes a channel's name, with or without '#'.
            name = ref.removeprefix("#")
            channel = next((c for c in self._channels.values() if c.name == name), None)
        if channel is None:
            raise _SlackError("channel_not_found")
        return channel

    def _postable(self, params: _Params) -> _Channel:
        return self._postable_channel(self._channel(params))

    @staticmethod
    def _postable_channel(channel: _Channel) -> _Channel:
        if channel.archived:
            raise _SlackError("is_archived")
        if not channel.member:
            raise _SlackError("not_in_channel")
        return channel

    @staticmethod
    def _content(params: _Params) -> tuple[str | None, tuple[JSON, ...], tuple[str, ...]]:
        """(text, blocks, mrkdwn problems), refused as Slack refuses them."""
        blocks = params.blocks() or ()
        text = params.text("text")
        if not (text and text.strip()) and not blocks and not params.raw.get("attachments"):
            raise _SlackError("no_text")
        return text, blocks, posted_problems(text, blocks)

    def _throttle(self, buckets: list[TokenBucket]) -> None:
        now = self._clock()
        seconds = take_from_all(buckets, now)
        if seconds is not None:
            raise _SlackError("ratelimited", status=429, retry_after=seconds)

    def _post_buckets(self, channel: _Channel) -> list[TokenBucket]:
        now, limits = self._clock(), self._limits
        buckets: list[TokenBucket] = []
        if limits.channel_burst is not None:
            channel.bucket = channel.bucket or TokenBucket.full(
                limits.channel_burst, limits.channel_per_second, now
            )
            buckets.append(channel.bucket)
        if limits.workspace_per_minute is not None:
            per_minute = limits.workspace_per_minute
            self._workspace = self._workspace or TokenBucket.full(per_minute, per_minute / 60, now)
            buckets.append(self._workspace)
        return buckets

    def _next_ts(self) -> str:
        self._last_ts_us += 100
        return f"{self._last_ts_us // 1_000_000}.{self._last_ts_us % 1_000_000:06d}"

    @staticmethod
    def _message_json(text: str | None, blocks: tuple[JSON, ...], ts: str) -> JSON:
        message: JSON = {
            "type": "message",
            "user": BOT_USER_ID,
            "bot_id": BOT_ID,
            "app_id": APP_ID,
            "team": TEAM_ID,
            "text": text or "",
            "ts": ts,
        }
        if blocks:
            message["blocks"] = list(blocks)
        return message

    def _post_message(self, params: _Params) -> JSON:
        channel = self._postable(params)
        text, blocks, problems = self._content(params)
        self._throttle(self._post_buckets(channel))
        truncated = text is not None and len(text) > MAX_TEXT
        if text is not None and truncated:
            text = text[:MAX_TEXT]
        ts, thread_ts = self._next_ts(), params.text("thread_ts")
        options = {k: v for k, v in params.raw.items() if k not in _MESSAGE_ARGS}
        channel.history.append(
            PostedMessage(
                channel.id,
                ts,
                text,
                blocks,
                thread_ts,
                options,
                problems,
                truncated,
                datetime.now(UTC),
            )
        )
        message = self._message_json(text, blocks, ts)
        if thread_ts is not None:
            message["thread_ts"] = thread_ts
        channel.current[ts] = message
        return {"channel": channel.id, "ts": ts, "message": message}

    def _update(self, params: _Params) -> JSON:
        channel = self._channel(params)
        if channel.archived:
            raise _SlackError("is_archived")
        ts = params.required("ts", "message_not_found")
        current = channel.current.get(ts)
        if current is None:
            raise _SlackError("message_not_found")
        text, blocks, problems = self._content(params)
        if self._limits.update_per_minute is not None:
            per_minute = self._limits.update_per_minute
            self._update_bucket = self._update_bucket or TokenBucket.full(
                per_minute, per_minute / 60, self._clock()
            )
            self._throttle([self._update_bucket])
        channel.history.append(
            UpdatedMessage(channel.id, ts, text, blocks, problems, datetime.now(UTC))
        )
        message = self._message_json(text, blocks, ts)
        if "thread_ts" in current:
            message["thread_ts"] = current["thread_ts"]
        message["edited"] = {"user": BOT_USER_ID, "ts": self._next_ts()}
        channel.current[ts] = message
        return {"channel": channel.id, "ts": ts, "text": text or "", "message": message}

    def _post_ephemeral(self, params: _Params) -> JSON:
        channel = self._postable(params)
        user = params.required("user", "user_not_in_channel")
        text, blocks, problems = self._content(params)
        ts = self._next_ts()
        channel.ephemeral.append(
            EphemeralMessage(
                channel.id,
                user,
                ts,
                text,
                blocks,
                params.text("thread_ts"),
                problems,
                datetime.now(UTC),
            )
        )
        return {"message_ts": ts}

    def _conversation_info(self, params: _Params) -> JSON:
        return {"channel": self._channel(params).to_api()}

    # ------------------------------------------------------------ file uploads

    def _get_upload_url(self, params: _Params) -> JSON:
        """files.getUploadURLExternal: `filename` and `length` are required; `length` 0 is
        `missing_argument` ("Typically only occurs when the length provided is 0"), a
        missing or malformed argument `invalid_arguments`, `alt_txt` over 1000 characters
        `alt_txt_too_large`. Past Slack's 1 GB file limit the fake answers
        `file_upload_size_restricted`, the error the method lists for a too-large file."""
        filename = params.text("filename")
        raw_length = params.text("length")
        if not filename or raw_length is None or not raw_length.strip().isdecimal():
            raise _SlackError("invalid_arguments")
        length = int(raw_length)
        if length == 0:
            raise _SlackError("missing_argument")
        if length > MAX_UPLOAD_BYTES:
            raise _SlackError("file_upload_size_restricted")
        alt_txt = params.text("alt_txt")
        if alt_txt is not None and len(alt_txt) > MAX_ALT_TXT:
            raise _SlackError("alt_txt_too_large")
        file_id = f"F0FAKE{len(self._uploads) + 1:05d}"
        ticket = f"{TEAM_ID}-{file_id}-{secrets.token_hex(8)}"
        self._uploads[file_id] = _Upload(
            file_id, filename, length, alt_txt, params.text("snippet_type")
        )
        self._tickets[ticket] = file_id
        return {"upload_url": f"{self.base}/upload/v1/{ticket}", "file_id": file_id}

    def _receive_upload(self, ticket: str, request: Request) -> _Reply:
        """A POST to an upload_url. Slack documents only that HTTP 200 means success; the
        fake answers 200 `OK - <bytes>` as text/plain (what slack_sdk expects there), and
        refuses with a non-200 plain-text reply, which slack_sdk raises as SlackRequestError:
        404 for an unknown URL, 405 for another method, 409 for a second upload, 400 for a
        byte count other than the `length` asked for."""
        file_id = self._tickets.get(ticket)
        if file_id is None:
            return _Reply(404, "upload URL not found")
        if request.method != "POST":
            return _Reply(405, "upload with POST")
        upload = self._uploads[file_id]
        if upload.data is not None:
            return _Reply(409, f"{file_id} was already uploaded")
        data = _uploaded_bytes(request)
        if len(data) != upload.length:
            return _Reply(400, f"got {len(data)} bytes for a URL issued for {upload.length}")
        upload.data = data
        return _Reply(200, f"OK - {len(data)}")

    def _completed_files(self, params: _Params) -> list[tuple[_Upload, str]]:
        """(upload, title) for each entry of `files`, a JSON array of {"id", "title"}."""
        value: Any = params.raw.get("files")
        if isinstance(value, str):
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                raise _SlackError("invalid_arguments") from None
        if not isinstance(value, list) or not value:
            raise _SlackError("invalid_arguments")
        found: list[tuple[_Upload, str]] = []
        for entry in value:
            if not isinstance(entry, dict) or not isinstance(entry.get("id"), str):
                raise _SlackError("invalid_arguments")
            upload = self._uploads.get(entry["id"])
            if upload is None or upload.completed:
                # "Could not find the file from the upload ticket"; the method "can only be
                # called once", so a completed upload's ticket is used up.
                raise _SlackError("file_not_found")
            if upload.data is None:
                # Slack names no error for completing before the bytes arrive; this one is
                # the fake's own, so a test sees the mistake.
                raise _SlackError("file_upload_not_complete")
            found.append((upload, str(entry.get("title") or upload.filename)))
        return found

    def _complete_upload(self, params: _Params) -> JSON:
        """files.completeUploadExternal: shares the uploaded files in `channel_id` (and/or
        the comma-separated `channels`) with one message whose text is `initial_comment`,
        in the thread `thread_ts` if given; without a channel the files stay private. An
        unknown upload is `file_not_found`; the channels are checked as chat.postMessage
        checks them (`channel_not_found`, `is_archived`, `not_in_channel`)."""
        uploads = self._completed_files(params)
        refs = [params.text("channel_id") or ""]
        refs += (params.text("channels") or "").split(",")
        channels: list[_Channel] = []
        for ref in filter(None, (r.strip() for r in refs)):
            channel = self._postable_channel(self._channel_named(ref))
            if channel not in channels:
                channels.append(channel)
        comment, thread_ts = params.text("initial_comment"), params.text("thread_ts")
        now = datetime.now(UTC)
        for upload, _ in uploads:
            upload.completed = True

        def shared(upload: _Upload, title: str, channel: str | None, ts: str | None) -> SharedFile:
            assert upload.data is not None
            return SharedFile(
                upload.file_id,
                channel,
                ts,
                upload.filename,
                title,
                upload.alt_txt,
                upload.snippet_type,
                upload.data,
                comment,
                thread_ts,
                now,
            )

        if not channels:
            self._private_files.extend(shared(u, title, None, None) for u, title in uploads)
        for channel in channels:
            ts = self._next_ts()
            channel.files.extend(shared(u, title, channel.id, ts) for u, title in uploads)
            message = self._message_json(comment, (), ts)
            message |= {"subtype": "file_share", "upload": True}
            message["files"] = [
                {"id": u.file_id, "name": u.filename, "title": title, "size": u.length}
                for u, title in uploads
            ]
            if thread_ts is not None:
                message["thread_ts"] = thread_ts
            channel.current[ts] = message
        return {"files": [{"id": u.file_id, "title": title} for u, title in uploads]}

    # ------------------------------------------------------------ Socket Mode

    def _open_connection(self, request: Request, params: _Params) -> JSON:
        """apps.connections.open takes the app-level token, never the bot token."""
        header = request.headers.get("authorization", "")
        scheme, _, credentials = header.partition(" ")
        token = credentials.strip() if scheme.lower() == "bearer" else params.text("token")
        if not token:
            raise _SlackError("not_authed")
        if not token.startswith("xapp-"):
            raise _SlackError("not_allowed_token_type")
        if self._socket_mode is None or token != self._socket_mode[0]:
            raise _SlackError("invalid_auth")
        return {"url": self._socket_mode[1]()}

    # ------------------------------------------------------------ response_url

    def _respond(self, response_id: str, params: _Params) -> _Reply:
        url = self._response_urls.get(response_id)
        if url is None:
            raise _SlackError("no_service", status=404)
        if self._clock() - url.minted_at > RESPONSE_URL_SECONDS:
            raise _SlackError("expired_url", status=404)
        if url.uses >= RESPONSE_URL_USES:
            raise _SlackError("used_url", status=404)
        delete = params.flag("delete_original")
        try:
            text, blocks, problems = (None, (), ()) if delete else self._content(params)
        except _SlackError as error:
            error.status = 400  # webhooks refuse bad content with a status, not ok=false
            raise
        replace = params.flag("replace_original")
        if url.message_ts is not None and (replace or delete):
            self._change_original(url, text, blocks, delete=delete)
        url.uses += 1
        self._responses.append(
            ResponsePost(
                f"{self.base}/response/{response_id}",
                url.channel,
                dict(params.raw),
                text,
                blocks,
                params.text("response_type") or "ephemeral",
                replace,
                delete,
                problems,
                datetime.now(UTC),
                url.message_ts,
            )
        )
        return _Reply(200, "ok")

    def _change_original(
        self, url: _ResponseUrl, text: str | None, blocks: tuple[JSON, ...], *, delete: bool
    ) -> None:
        """replace_original / delete_original on the message a response_url came with, as
        Slack does them: the message (for everyone in the channel) becomes the new text and
        blocks, keeping its ts and thread, or goes. A message already gone is the fake's own
        404 message_not_found (Slack documents no answer for it)."""
        channel = self._channels.get(url.channel or "")
        ts = url.message_ts or ""
        current = channel.current.get(ts) if channel else None
        if channel is None or current is None:
            raise _SlackError("message_not_found", status=404)
        if delete:
            del channel.current[ts]
            return
        message = self._message_json(text, blocks, ts)
        if "thread_ts" in current:
            message["thread_ts"] = current["thread_ts"]
        channel.current[ts] = message

    # ------------------------------------------------------------ HTTP

    def _count_connection(self) -> None:
        with self._lock:
            self._connections += 1

    async def _handle(self, request: Request) -> HttpResponse:
        try:
            reply = self._answer(request)
        except _SlackError as error:
            reply = _Reply(error.status, error.body(), error.retry_after)
        except DropConnection:
            raise
        except Exception:  # a bug in the fake must reach the test as a 500
            log.exception("slack_fake failed path=%s", urlsplit(request.target).path)
            reply = _Reply(500, {"ok": False, "error": "fatal_error"})
        if reply.status == 429:
            with self._lock:
                self._rate_limited += 1
        return reply.to_http()

    def _answer(self, request: Request) -> _Reply:
        path = urlsplit(request.target).path
        upload = _UPLOAD_ROUTE.fullmatch(path)
        if (response := _RESPONSE_ROUTE.fullmatch(path)) is not None:
            name = "response_url"
        elif upload is not None:
            name = "upload_url"
        elif (route := _ROUTE.fullmatch(path)) is not None:
            name = route.group(1)
        else:
            return _Reply(404, {"ok": False, "error": "not_found"})
        with self._lock:
            self._requests[name] += 1
            failure = next_scripted(self._failures, name)
        if failure is not None:
            if failure.status is None:
                raise DropConnection
            raise _SlackError(
                failure.error, status=failure.status, retry_after=failure.retry_after
            )
        if upload is not None:  # raw bytes, no token: the URL itself is the credential
            with self._lock:
                return self._receive_upload(upload.group(1), request)
        params = _Params(_decode_params(request))
        with self._lock:
            if response is not None:
                return self._respond(response.group(1), params)
            if name == "apps.connections.open":
                return _Reply(200, {"ok": True, **self._open_connection(request, params)})
            handler = self._methods.get(name)
            if handler is None:
                raise _SlackError("unknown_method")
            self._authorize(request, params)
            return _Reply(200, {"ok": True, **handler(params)})
