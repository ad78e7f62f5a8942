"""A loopback fake of the Slack Web API that the real slack_sdk and slack-bolt clients talk to."""

# One file on purpose, like telegram_fake.py: tests import one fake. Sections: mrkdwn, Block Kit
# checks, rate limits, records, request signing, wire format, the fake (controls, Web API
# methods, response_url, HTTP/1.1 server). Facts trace to docs/PLATFORMS.md section 2 and 3.3.

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import json
import logging
import math
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from http import HTTPStatus
from types import TracebackType
from typing import Any, Self
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest

log = logging.getLogger(__name__)

JSON = dict[str, Any]
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
MAX_TEXT = 40_000  # longer `text` is truncated, not refused
RESPONSE_URL_USES = 5
RESPONSE_URL_SECONDS = 30 * 60
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
}
_TEXT_KEYS = {
    "plain_text": frozenset({"type", "text", "emoji"}),
    "mrkdwn": frozenset({"type", "text", "verbatim"}),
}
_IMAGE_KEYS = frozenset({"type", "image_url", "alt_text"})


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
    errors.extend(_at(f"unsupported property: {key}", pointer) for key in obj if key not in allowed)


def _check_text(obj: object, pointer: str, longest: int, errors: list[str], *, plain: bool) -> None:
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


def _check_block(block: object, pointer: str, errors: list[str]) -> None:
    if not isinstance(block, dict):
        errors.append(_at("must be an object", pointer))
        return
    kind = block.get("type")
    if kind not in _BLOCK_KEYS:
        # The fake knows the blocks newsalert sends; Slack has more (image, actions, ...).
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


def validate_blocks(blocks: list[Any]) -> tuple[str, ...]:
    """Slack-style errors for a message's blocks (empty when valid); lengths in code points."""
    errors: list[str] = []
    if len(blocks) > MAX_BLOCKS:
        errors.append(_at(f"no more than {MAX_BLOCKS} items allowed", "/blocks"))
    for n, block in enumerate(blocks):
        _check_block(block, f"/blocks/{n}", errors)
    return tuple(errors)


def _mrkdwn_texts(text: str | None, blocks: tuple[JSON, ...]) -> Iterator[str]:
    if text:
        yield text
    for block in blocks:
        parts = [block.get("text"), *block.get("fields", ()), *block.get("elements", ())]
        for part in parts:
            if isinstance(part, dict) and part.get("type") == "mrkdwn":
                yield str(part.get("text", ""))


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


NO_RATE_LIMITS = RateLimits(channel_burst=None, workspace_per_minute=None, update_per_minute=None)


class ManualClock:
    """A monotonic clock that tests move by hand, so rate-limit tests need not sleep."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start
        self._lock = threading.Lock()

    def __call__(self) -> float:
        with self._lock:
            return self._now

    def advance(self, seconds: float) -> None:
        with self._lock:
            self._now += seconds


@dataclass(slots=True)
class _Bucket:
    capacity: float
    per_second: float
    tokens: float
    stamp: float

    @classmethod
    def full(cls, capacity: float, per_second: float, now: float) -> _Bucket:
        return cls(capacity, per_second, capacity, now)

    def wait(self, now: float) -> float:
        """Seconds until a token is free (0 when one is free now)."""
        self.tokens = min(self.capacity, self.tokens + (now - self.stamp) * self.per_second)
        self.stamp = now
        # The epsilon absorbs float drift, so waiting exactly `Retry-After` always succeeds.
        return 0.0 if self.tokens >= 1 - 1e-9 else (1 - self.tokens) / self.per_second


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
    problems: tuple[str, ...]  # mrkdwn_problems() over text and every mrkdwn text object
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
    """One accepted POST to a response_url; `body` is the JSON as sent."""

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


@dataclass(slots=True)
class _Channel:
    id: str
    name: str
    member: bool
    archived: bool
    private: bool
    bucket: _Bucket | None = None
    current: dict[str, JSON] = field(default_factory=dict)  # ts -> the message as it is now
    history: list[PostedMessage | UpdatedMessage] = field(default_factory=list)
    ephemeral: list[EphemeralMessage] = field(default_factory=list)

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
        "trigger_id": f"{stamp}.{abs(hash((user_id, text))) % 10**12}.fake",
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


class _Drop(Exception):
    """Close the connection without a reply, as a broken network would."""


@dataclass(slots=True)
class _Failure:
    error: str
    status: int | None
    times: int
    retry_after: int | None


@dataclass(frozen=True, slots=True)
class _Request:
    method: str
    target: str
    headers: dict[str, str]
    body: bytes
    keep_alive: bool


@dataclass(frozen=True, slots=True)
class _Reply:
    status: int
    body: JSON | str
    retry_after: int | None = None


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    chunks: list[bytes] = []
    while True:
        size = int((await reader.readline()).split(b";")[0].strip(), 16)
        if size == 0:
            while (await reader.readline()) not in (b"\r\n", b"\n", b""):
                pass
            return b"".join(chunks)
        chunks.append(await reader.readexactly(size))
        await reader.readexactly(2)


async def _read_request(reader: asyncio.StreamReader) -> _Request | None:
    line = await reader.readline()
    if not line.strip():
        return None
    method, target, version = line.decode("latin-1").split()
    headers: dict[str, str] = {}
    while (raw := await reader.readline()) not in (b"\r\n", b"\n", b""):
        name, _, value = raw.decode("latin-1").partition(":")
        headers[name.strip().lower()] = value.strip()
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = await _read_chunked(reader)
    else:
        body = await reader.readexactly(int(headers.get("content-length") or 0))
    keep_alive = version == "HTTP/1.1" and headers.get("connection", "").lower() != "close"
    return _Request(method.upper(), target, headers, body, keep_alive)


def _decode_params(request: _Request) -> dict[str, Any]:
    """Query string, then a JSON or form body (slack_sdk sends both kinds)."""
    raw: dict[str, Any] = dict(parse_qsl(urlsplit(request.target).query, keep_blank_values=True))
    if not request.body:
        return raw
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/json":
        try:
            data = json.loads(request.body)
        except json.JSONDecodeError:
            raise _SlackError("invalid_json") from None
        if not isinstance(data, dict):
            raise _SlackError("json_not_object")
        raw.update(data)
    else:
        raw.update(parse_qsl(request.body.decode(), keep_blank_values=True))
    return raw


def _http_response(reply: _Reply, *, keep_alive: bool) -> bytes:
    if isinstance(reply.body, str):
        payload, content_type = reply.body.encode(), "text/plain; charset=utf-8"
    else:
        payload = json.dumps(reply.body, ensure_ascii=False).encode()
        content_type = "application/json; charset=utf-8"
    lines = [
        f"HTTP/1.1 {reply.status} {HTTPStatus(reply.status).phrase}",
        f"Content-Type: {content_type}",
        f"Content-Length: {len(payload)}",
        f"Connection: {'keep-alive' if keep_alive else 'close'}",
    ]
    if reply.retry_after is not None:
        lines.append(f"Retry-After: {reply.retry_after}")
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + payload


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


_ROUTE = re.compile(r"/api/([A-Za-z0-9_.]+)")
_RESPONSE_ROUTE = re.compile(r"/response/([A-Za-z0-9_-]+)")
_MESSAGE_ARGS = frozenset({"channel", "text", "blocks", "thread_ts", "token", "ts", "user"})
