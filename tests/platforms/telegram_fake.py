"""A loopback fake of the Telegram Bot API that the real python-telegram-bot client talks to."""

# One file on purpose: tests import one fake. Sections: HTML parsing, flood control, pictures,
# records, the fake (controls, Bot API methods, HTTP answers), the client and CLI for a separate
# process.
# The HTTP/1.1 server, clock and token buckets live in loopback_http.py, shared with slack_fake.py.

from __future__ import annotations

import argparse
import asyncio
import base64
import contextlib
import copy
import email.parser
import email.policy
import hashlib
import json
import logging
import re
import struct
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

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

DEFAULT_TOKEN = "123456789:FAKE-newsalert-token"
MAX_TEXT_UNITS = 4096
MAX_CAPTION_UNITS = 1024  # "0-1024 characters after entities parsing" (PLATFORMS.md 1.5)
# sendPhoto: "The photo must be at most 10 MB in size. The photo's width and height must not
# exceed 10000 in total. Width and height ratio must be at most 20." (Bot API, #sendphoto)
MAX_PHOTO_BYTES = 10 * 1024 * 1024
MAX_PHOTO_SIDES = 10_000
MAX_PHOTO_RATIO = 20
# InlineKeyboardButton.callback_data: "Data to be sent in a callback query to the bot when
# the button is pressed, 1-64 bytes" (Bot API); PTB does not check it (PLATFORMS.md 1.3).
MAX_CALLBACK_DATA_BYTES = 64
# answerCallbackQuery.text: "0-200 characters"; longer is 400 MESSAGE_TOO_LONG (reported).
MAX_ANSWER_TEXT_UNITS = 200

# ---------------------------------------------------------------- HTML parse mode


class HtmlError(ValueError):
    """Text that Telegram's HTML parse mode rejects; the message follows the real wording."""


_TAG_ENTITY = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "span": "spoiler",
    "tg-spoiler": "spoiler",
    "a": "text_link",
    "tg-emoji": "custom_emoji",
    "code": "code",
    "pre": "pre",
    "blockquote": "blockquote",
}
_NAMED_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_ENTITY = re.compile(r"&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|([A-Za-z][A-Za-z0-9]*));")


def utf16_len(text: str) -> int:
    """Telegram measures text and entity offsets in UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2


def _byte_offset(text: str, index: int) -> int:
    return len(text[:index].encode())


def _entity_at(text: str, i: int) -> tuple[str, int]:
    # Stricter than tdlib, which keeps a stray '&' as is: the Bot API docs require escaping
    # every '&', and an unescaped one in our output is a bug we want a test to see.
    match = _ENTITY.match(text, i)
    if match is None:
        raise HtmlError(f'Unescaped "&" at byte offset {_byte_offset(text, i)}')
    decimal, hexadecimal, name = match.groups()
    if name is not None:
        if name not in _NAMED_ENTITIES:
            raise HtmlError(
                f'Unsupported HTML entity "&{name};" at byte offset {_byte_offset(text, i)}'
            )
        return _NAMED_ENTITIES[name], match.end()
    code = int(decimal) if decimal is not None else int(hexadecimal, 16)
    if not 0 < code <= 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        raise HtmlError(f"Invalid character entity at byte offset {_byte_offset(text, i)}")
    return chr(code), match.end()


def _unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "&":
            char, i = _entity_at(text, i)
            out.append(char)
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


@dataclass(slots=True)
class _OpenTag:
    name: str
    start: int  # UTF-16 offset in the plain text
    attrs: dict[str, str]


def _read_tag(text: str, i: int) -> tuple[bool, str, dict[str, str], int]:
    """Reads `<...>` at i into (closing, name, attributes, index after '>')."""
    at = _byte_offset(text, i)
    j, n = i + 1, len(text)
    closing = text.startswith("/", j)
    j += closing
    begin = j
    while j < n and not text[j].isspace() and text[j] != ">":
        j += 1
    name = text[begin:j].lower()
    if j >= n:
        raise HtmlError(f"Unclosed {'end' if closing else 'start'} tag at byte offset {at}")
    if not closing and name not in _TAG_ENTITY:
        raise HtmlError(f'Unsupported start tag "{name}" at byte offset {at}')
    attrs: dict[str, str] = {}
    while True:
        while j < n and text[j].isspace():
            j += 1
        if j >= n:
            raise HtmlError(f"Unclosed {'end' if closing else 'start'} tag at byte offset {at}")
        if text[j] == ">":
            return closing, name, attrs, j + 1
        begin = j
        while j < n and not text[j].isspace() and text[j] not in "=>":
            j += 1
        key = text[begin:j].lower()
        while j < n and text[j].isspace():
            j += 1
        value = ""
        if j < n and text[j] == "=":
            j += 1
            while j < n and text[j].isspace():
                j += 1
            if j < n and text[j] in "\"'":
                end = text.find(text[j], j + 1)
                if end < 0:
                    raise HtmlError(f"Unclosed start tag at byte offset {at}")
                value, j = text[j + 1 : end], end + 1
            else:
                begin = j
                while j < n and not text[j].isspace() and text[j] != ">":
                    j += 1
                value = text[begin:j]
        attrs[key] = _unescape(value)


def _check_start_tag(name: str, attrs: dict[str, str], stack: list[_OpenTag], at: int) -> None:
    if name == "span" and attrs.get("class") != "tg-spoiler":
        raise HtmlError(f'Tag "span" must have class "tg-spoiler" at byte offset {at}')
    if name == "tg-emoji" and not attrs.get("emoji-id"):
        raise HtmlError(f'Tag "tg-emoji" must have attribute "emoji-id" at byte offset {at}')
    if name == "blockquote" and any(tag.name == "blockquote" for tag in stack):
        raise HtmlError(f"Blockquotes can't be nested at byte offset {at}")


def _entity_for(tag: _OpenTag, length: int, inner_language: str | None) -> JSON | None:
    kind = _TAG_ENTITY[tag.name]
    entity: JSON = {"type": kind, "offset": tag.start, "length": length}
    if tag.name == "a":
        if not tag.attrs.get("href"):
            return None
        entity["url"] = tag.attrs["href"]
    elif tag.name == "tg-emoji":
        entity["custom_emoji_id"] = tag.attrs["emoji-id"]
    elif tag.name == "blockquote" and "expandable" in tag.attrs:
        entity["type"] = "expandable_blockquote"
    elif tag.name == "pre" and inner_language:
        entity["language"] = inner_language
    return entity


def parse_html(text: str) -> tuple[str, list[JSON]]:
    """Returns (plain text, entities) or raises HtmlError like Telegram's HTML parse mode."""
    plain: list[str] = []
    entities: list[JSON] = []
    stack: list[_OpenTag] = []
    languages: dict[int, str] = {}  # id(pre tag) -> language of its inner <code class=...>
    units, i = 0, 0
    while i < len(text):
        char = text[i]
        if char == "&":
            char, i = _entity_at(text, i)
        elif char == "<":
            at = _byte_offset(text, i)
            closing, name, attrs, i = _read_tag(text, i)
            if not closing:
                _check_start_tag(name, attrs, stack, at)
                if name == "code" and stack and stack[-1].name == "pre":
                    language = attrs.get("class", "").removeprefix("language-")
                    languages[id(stack[-1])] = language
                stack.append(_OpenTag(name, units, attrs))
                continue
            if not stack:
                raise HtmlError(f"Unexpected end tag at byte offset {at}")
            tag = stack.pop()
            if name != tag.name:
                raise HtmlError(
                    f'Unmatched end tag at byte offset {at}, expected "</{tag.name}>", found "</{name}>"'
                )
            inside_pre = tag.name == "code" and bool(stack) and stack[-1].name == "pre"
            entity = _entity_for(tag, units - tag.start, languages.get(id(tag)))
            if entity is not None and entity["length"] > 0 and not inside_pre:
                entities.append(entity)
            continue
        else:
            i += 1
        plain.append(char)
        units += utf16_len(char)
    if stack:
        raise HtmlError(f'Can\'t find end tag corresponding to start tag "{stack[-1].name}"')
    entities.sort(key=lambda e: (e["offset"], -e["length"]))
    return "".join(plain), entities


# ---------------------------------------------------------------- inline keyboards
# Wording from the Bot API server's get_reply_markup/get_inline_keyboard_button
# (tdlib/telegram-bot-api Client.cpp), which prefixes "Bad Request: " and lower-cases the
# first letter, and from replies the real server gave (noted where so).


class KeyboardError(ValueError):
    """An inline keyboard Telegram refuses; the message is the description after
    "Bad Request: "."""


_BUTTON = "can't parse inline keyboard button: "
# InlineKeyboardButton's action fields in the order the Bot API server tries them; it takes
# the first present one (an empty url or callback_data counts as absent).
_BUTTON_ACTIONS = (
    "url",
    "callback_data",
    "callback_game",
    "pay",
    "switch_inline_query",
    "switch_inline_query_chosen_chat",
    "switch_inline_query_current_chat",
    "login_url",
    "web_app",
    "copy_text",
)
_TG_HOST = re.compile(r"[A-Za-z0-9_-]+")


def check_button_url(url: str) -> str | None:
    """Why TDLib refuses a url button's link (what follows "is invalid: "), or None.

    After TDLib's LinkManager::check_link: `tg:` links need a host of letters, digits, '-'
    and '_'; anything else is HTTP(S), "example.org" without a scheme included, and needs a
    host with a dot. The real server answered 'not-a-url' with "Wrong HTTP URL" and
    ftp:// with "Unsupported URL protocol"; in 2017 it refused a dotless localhost with
    BUTTON_URL_INVALID, which the fake does not give. Not checked: ports, characters in
    the host, IDN.
    """
    if url[:3].lower() == "tg:":
        rest = url[3:].removeprefix("//")
        host = re.split(r"[/?#]", rest, maxsplit=1)[0]
        if not host:
            return "URL host is empty"
        return None if _TG_HOST.fullmatch(host) else "Wrong tg URL"
    scheme, found, rest = url.partition("://")
    if not found:
        rest = url
    elif scheme.lower() not in ("http", "https"):
        return "Unsupported URL protocol"
    authority = re.split(r"[/?#]", rest, maxsplit=1)[0]
    host = authority.rpartition("@")[2]
    if not host.startswith("["):  # an IPv6 literal keeps its colons
        host = host.partition(":")[0]
    if not host:
        return "URL host is empty"
    if "." not in host and not host.startswith("["):
        return "Wrong HTTP URL"
    return None


def _inline_button(button: object) -> JSON:
    """One InlineKeyboardButton as Telegram keeps it ({"text", <its action>}), or
    KeyboardError with the real description."""
    if not isinstance(button, dict):
        raise KeyboardError(_BUTTON + "InlineKeyboardButton must be an Object")
    if "text" not in button:
        raise KeyboardError(_BUTTON + 'Can\'t find field "text"')  # seen from the real server
    text = button["text"]
    if not isinstance(text, str):
        raise KeyboardError(_BUTTON + 'Field "text" must be of type String')
    # The server passes "" on and Telegram answers BUTTON_TEXT_INVALID (reported for empty
    # and blank labels; not seen by us).
    if not text.strip():
        raise KeyboardError("BUTTON_TEXT_INVALID")
    actions = [
        key
        for key in _BUTTON_ACTIONS
        if key in button and (key not in ("url", "callback_data") or button[key] != "")
    ]
    if not actions:
        # Also what the real server answers to callback_data "" (it counts as absent).
        raise KeyboardError(_BUTTON + "Text buttons are unallowed in the inline keyboard")
    if len(actions) > 1:
        # Stricter than Telegram, which silently keeps the first in _BUTTON_ACTIONS order:
        # the Bot API says "exactly one", and a dropped callback_data is a bug to see.
        raise KeyboardError(
            _BUTTON + f"the fake Bot API wants exactly one action field, got {actions}"
        )
    action = actions[0]
    value = button[action]
    if action in ("url", "callback_data") and not isinstance(value, str):
        raise KeyboardError(_BUTTON + f'Field "{action}" must be of type String')
    if action == "callback_data" and len(value.encode()) > MAX_CALLBACK_DATA_BYTES:
        raise KeyboardError("BUTTON_DATA_INVALID")  # seen from the real server
    if action == "url":
        problem = check_button_url(value)
        if problem is not None:  # the real server's wording for 'not-a-url' and ftp://
            raise KeyboardError(f"inline keyboard button URL '{value}' is invalid: {problem}")
    if action in ("callback_game", "pay"):
        # What the real server answers outside a game or an invoice message.
        raise KeyboardError("BUTTON_TYPE_INVALID")
    return {"text": text, action: value}


def check_inline_keyboard(value: object) -> list[list[JSON]]:
    """The rows of an InlineKeyboardMarkup's `inline_keyboard` as Telegram keeps them, or
    KeyboardError. Rows without buttons are dropped, so `[]` and `[[]]` give no keyboard:
    the server sends such a message without one, and an edit with it removes the keyboard
    (the empty-row case is an assumption). Other button kinds than url and callback_data are
    kept as sent, unchecked."""
    if not isinstance(value, list):
        raise KeyboardError('field "inline_keyboard" must be of type Array')  # seen
    rows: list[list[JSON]] = []
    for row in value:
        if not isinstance(row, list):
            raise KeyboardError(
                'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
            )
        parsed = [_inline_button(button) for button in row]
        if parsed:
            rows.append(parsed)
    return rows


def parse_reply_markup(raw: object) -> JSON | None:
    """`reply_markup` as a request carries it (PTB: a JSON string form field), checked as
    Telegram checks it: the markup the message then has, or None for none. An inline
    keyboard keeps only its rows; other markups (reply keyboards, force_reply, ...) are
    kept as sent, unchecked, and like Telegram the fake answers none of them back in the
    Message (its reply_markup is an InlineKeyboardMarkup). A markup that asks for nothing
    (`{}`, which is how PTB sends an empty InlineKeyboardMarkup) is none, as on the real
    server."""
    if raw is None or raw == "":
        return None
    value = raw
    if isinstance(raw, str):
        try:
            value = json.loads(raw)
        except json.JSONDecodeError:
            raise KeyboardError("can't parse reply keyboard markup JSON object") from None
    if not isinstance(value, dict):
        raise KeyboardError("object expected as reply markup")
    if "inline_keyboard" not in value:
        wants = ("keyboard", "remove_keyboard", "hide_keyboard", "force_reply")
        return value if any(value.get(key) for key in wants) else None
    rows = check_inline_keyboard(value["inline_keyboard"])
    return {"inline_keyboard": rows} if rows else None


def _inline(markup: JSON | None) -> JSON | None:
    """The part of a markup a Message shows: an inline keyboard or nothing."""
    return markup if markup is not None and "inline_keyboard" in markup else None


def buttons(message: object) -> list[list[tuple[str, str]]]:
    """Rows of (text, callback_data) of a message's inline keyboard; a button of another
    kind gives its action's value (a url button its URL). Takes a SentMessage, SentPhoto,
    EditedMessage or EditedMarkup, a Message or reply_markup as JSON, or None."""
    markup = message if isinstance(message, dict) else getattr(message, "reply_markup", None)
    if isinstance(markup, dict) and "inline_keyboard" not in markup:
        markup = markup.get("reply_markup")  # a whole Message
    if not isinstance(markup, dict):
        return []
    rows: list[list[tuple[str, str]]] = []
    for row in markup.get("inline_keyboard") or []:
        line: list[tuple[str, str]] = []
        for button in row:
            action = next((k for k in _BUTTON_ACTIONS if k in button), None)
            value = button.get(action, "") if action else ""
            line.append((str(button.get("text", "")), value if isinstance(value, str) else ""))
        rows.append(line)
    return rows


def _callback_data(markup: JSON | None) -> set[str]:
    return {
        b["callback_data"]
        for row in (markup or {}).get("inline_keyboard", ())
        for b in row
        if "callback_data" in b
    }


# ---------------------------------------------------------------- flood control


@dataclass(frozen=True, slots=True)
class FloodLimits:
    """Token buckets modelled on Telegram's flood FAQ; None turns one limit off.

    Per chat: a burst of `chat_burst` messages, refilled at `chat_per_second` (the FAQ's
    "about one message per second", with a small burst as the real server allows). Per
    group/supergroup: `group_per_minute` at once, refilled evenly over a minute. Overall:
    `overall_per_second` at once, refilled every second. sendMessage takes from all three;
    editMessageText only from the overall bucket.
    """

    chat_burst: int | None = 2
    chat_per_second: float = 1.0
    group_per_minute: int | None = 20
    overall_per_second: int | None = 30


# Update kinds getUpdates leaves out unless allowed_updates names them.
_NOT_BY_DEFAULT = frozenset({"chat_member", "message_reaction", "message_reaction_count"})

NO_FLOOD_LIMITS = FloodLimits(chat_burst=None, group_per_minute=None, overall_per_second=None)


# ---------------------------------------------------------------- pictures

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# JPEG start-of-frame markers (SOF0-SOF15) carry the size; C4, C8 and CC are other segments.
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def image_size(data: bytes) -> tuple[str, int, int] | None:
    """("png" | "jpeg", width, height) read from the header, or None for anything else.

    Telegram decodes what it is sent and answers IMAGE_PROCESS_FAILED when it cannot; the
    fake knows the two formats newsalert sends (Telegram also takes WebP, BMP, GIF, ...).
    PNG: the signature, then the IHDR chunk first with width and height. JPEG: SOI, then
    segments up to the first start-of-frame, which holds height and width.
    """
    if data.startswith(PNG_SIGNATURE):
        if len(data) < 24 or data[12:16] != b"IHDR":
            return None
        width, height = struct.unpack(">II", data[16:24])
        return ("png", width, height) if width and height else None
    if not data.startswith(b"\xff\xd8\xff"):
        return None
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            return None
        marker = data[i + 1]
        if marker == 0xFF:  # fill byte before a marker
            i += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD8:  # markers without a length
            i += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image, or scan data before any frame header
            return None
        (length,) = struct.unpack(">H", data[i + 2 : i + 4])
        if marker in _JPEG_FRAMES:
            if length < 7 or i + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[i + 5 : i + 9])
            return ("jpeg", width, height) if width and height else None
        i += 2 + length
    return None


def _photo_sizes(key: str, width: int, height: int, size: int) -> list[JSON]:
    """PhotoSize objects as Telegram answers them: thumbnails whose longer side is 90, 320,
    800 and 1280 px where the picture is larger, then the picture itself (the fake keeps the
    uploaded dimensions for the largest; Telegram may also recompress it)."""
    longest = max(width, height)
    sizes: list[JSON] = []
    for n, bound in enumerate(b for b in (90, 320, 800, 1280) if b < longest):
        w, h = max(1, width * bound // longest), max(1, height * bound // longest)
        sizes.append(
            {
                "file_id": f"AgACAgIAAxkDAAE{key}{n}",
                "file_unique_id": f"AQAD{key[:12]}{n}",
                "width": w,
                "height": h,
                "file_size": max(1, size * w * h // (width * height)),
            }
        )
    sizes.append(
        {
            "file_id": f"AgACAgIAAxkDAAE{key}x",
            "file_unique_id": f"AQAD{key[:12]}x",
            "width": width,
            "height": height,
            "file_size": size,
        }
    )
    return sizes


# ---------------------------------------------------------------- records


class ChatType(StrEnum):
    PRIVATE = "private"
    GROUP = "group"
    SUPERGROUP = "supergroup"
    CHANNEL = "channel"


@dataclass(frozen=True, slots=True)
class SentMessage:
    """One message the fake accepted: the text as sent and as a user would read it."""

    chat_id: int
    message_id: int
    text: str
    parse_mode: str | None
    plain: str
    thread_id: int | None
    reply_to: int | None
    reply_markup: JSON | None  # parse_reply_markup(): an inline keyboard keeps its rows only
    sent_at: datetime

    @property
    def buttons(self) -> list[list[tuple[str, str]]]:
        """Rows of (text, callback_data) of its inline keyboard, as buttons() gives them."""
        return buttons(self)

    def to_json(self) -> JSON:
        return {**asdict(self), "kind": "sent", "sent_at": self.sent_at.isoformat()}

    @classmethod
    def from_json(cls, data: JSON) -> SentMessage:
        fields = {k: v for k, v in data.items() if k != "kind"}
        return cls(**{**fields, "sent_at": datetime.fromisoformat(data["sent_at"])})


@dataclass(frozen=True, slots=True)
class EditedMessage:
    """One accepted editMessageText; reply_markup is the keyboard the message has after it
    (an edit without reply_markup removes the inline keyboard, as on Telegram)."""

    chat_id: int
    message_id: int
    text: str
    parse_mode: str | None
    plain: str
    edited_at: datetime
    reply_markup: JSON | None = None

    @property
    def buttons(self) -> list[list[tuple[str, str]]]:
        return buttons(self)

    def to_json(self) -> JSON:
        return {**asdict(self), "kind": "edit", "edited_at": self.edited_at.isoformat()}


@dataclass(frozen=True, slots=True)
class EditedMarkup:
    """One accepted editMessageReplyMarkup: the keyboard the message has after it (None
    when the call removed it)."""

    chat_id: int
    message_id: int
    reply_markup: JSON | None
    edited_at: datetime

    @property
    def buttons(self) -> list[list[tuple[str, str]]]:
        return buttons(self)

    def to_json(self) -> JSON:
        return {**asdict(self), "kind": "markup", "edited_at": self.edited_at.isoformat()}


@dataclass(frozen=True, slots=True)
class CallbackAnswer:
    """One accepted answerCallbackQuery: text is None when none was given (the user sees
    nothing), show_alert whether it is an alert rather than a notification."""

    query_id: str
    text: str | None
    show_alert: bool
    url: str | None
    answered_at: datetime

    def to_json(self) -> JSON:
        return {**asdict(self), "answered_at": self.answered_at.isoformat()}


@dataclass(frozen=True, slots=True)
class SentPhoto:
    """One accepted sendPhoto: the picture's bytes and size, the caption as sent and as a
    user would read it ("" without one); file_id is the largest PhotoSize's."""

    chat_id: int
    message_id: int
    caption: str
    parse_mode: str | None
    plain: str
    data: bytes
    filename: str | None
    width: int
    height: int
    file_id: str
    thread_id: int | None
    reply_to: int | None
    reply_markup: JSON | None
    disable_notification: bool
    sent_at: datetime

    @property
    def buttons(self) -> list[list[tuple[str, str]]]:
        return buttons(self)

    def to_json(self) -> JSON:
        return {
            **asdict(self),
            "kind": "photo",
            "data": base64.b64encode(self.data).decode("ascii"),
            "sent_at": self.sent_at.isoformat(),
        }

    @classmethod
    def from_json(cls, data: JSON) -> SentPhoto:
        fields = {k: v for k, v in data.items() if k != "kind"}
        return cls(
            **{
                **fields,
                "data": base64.b64decode(data["data"]),
                "sent_at": datetime.fromisoformat(data["sent_at"]),
            }
        )


Sent = SentMessage | EditedMessage | EditedMarkup | SentPhoto


@dataclass(frozen=True, slots=True)
class _StoredPhoto:
    """A picture the fake has, so a later sendPhoto may pass its file_id instead of bytes."""

    data: bytes
    filename: str | None
    width: int
    height: int
    key: str


@dataclass(frozen=True, slots=True)
class Pushed:
    """Ids of an update queued by push_command/push_text/...; push_callback_query also
    gives the callback query's id (what answerCallbackQuery names)."""

    update_id: int
    message_id: int
    query_id: str | None = None


@dataclass(slots=True)
class _Query:
    chat_id: int
    message_id: int
    data: str
    answered: bool = False


@dataclass(slots=True)
class _Chat:
    id: int
    type: ChatType
    title: str
    is_forum: bool
    username: str | None
    blocked: bool = False
    migrated_to: int | None = None
    last_message_id: int = 0
    bucket: TokenBucket | None = None
    group_bucket: TokenBucket | None = None
    bot_messages: dict[int, tuple[str, str, Any]] = field(default_factory=dict)
    photo_messages: set[int] = field(default_factory=set)
    # The bot's messages as Telegram would send them back now (in a callback query).
    shown: dict[int, JSON] = field(default_factory=dict)
    history: list[Sent] = field(default_factory=list)

    def to_api(self) -> JSON:
        chat: JSON = {"id": self.id, "type": str(self.type)}
        if self.type is ChatType.PRIVATE:
            chat["first_name"] = self.title
        else:
            chat["title"] = self.title
        if self.username:
            chat["username"] = self.username
        if self.is_forum:
            chat["is_forum"] = True
        return chat

    def blocked_description(self) -> str:
        return {
            ChatType.PRIVATE: "Forbidden: bot was blocked by the user",
            ChatType.GROUP: "Forbidden: bot was kicked from the group chat",
            ChatType.SUPERGROUP: "Forbidden: bot was kicked from the supergroup chat",
            ChatType.CHANNEL: "Forbidden: bot is not a member of the channel chat",
        }[self.type]


# ---------------------------------------------------------------- wire format


class _ApiError(Exception):
    """A Bot API error reply: HTTP status equals error_code, as on the real server."""

    def __init__(self, status: int, description: str, *, parameters: JSON | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def body(self) -> JSON:
        body: JSON = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return body


def _bad(description: str, **parameters: Any) -> _ApiError:
    return _ApiError(400, f"Bad Request: {description}", parameters=parameters or None)


@dataclass(slots=True)
class _Failure:
    status: int | None
    description: str
    times: int
    retry_after: int | None


@dataclass(frozen=True, slots=True)
class _Upload:
    """One file part of a multipart/form-data request."""

    filename: str | None
    content_type: str
    data: bytes


class _Params:
    """Bot API parameters; PTB sends strings as-is and JSON-encodes everything else.
    `uploads` are the request's file parts by field name."""

    def __init__(self, raw: dict[str, Any], uploads: dict[str, _Upload] | None = None) -> None:
        self._raw = raw
        self._uploads = uploads or {}

    def input_file(self, key: str) -> _Upload | str | None:
        """An InputFile parameter as the Bot API reads it: a file part under `key`, or the
        part an `attach://<name>` value names, or else the string (file_id or URL)."""
        if key in self._uploads:
            return self._uploads[key]
        value = self.text(key)
        if value and value.startswith("attach://"):
            return self._uploads.get(value.removeprefix("attach://"))
        return value or None

    def text(self, key: str) -> str | None:
        value = self._raw.get(key)
        return None if value is None else str(value)

    def integer(self, key: str) -> int | None:
        value = self._raw.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            return int(value)
        try:
            return int(float(str(value)))  # a timedelta may arrive as "10.0"
        except ValueError:
            raise _bad(f'field "{key}" must be of type Integer') from None

    def flag(self, key: str) -> bool:
        return self._raw.get(key) in (True, "true", "True", "1")

    def json_value(self, key: str) -> Any:
        value = self._raw.get(key)
        if not isinstance(value, str):
            return value
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            raise _bad(f"can't parse {key} JSON object") from None

    def reply_markup(self) -> JSON | None:
        """`reply_markup` checked as Telegram checks it: parse_reply_markup()."""
        try:
            return parse_reply_markup(self._raw.get("reply_markup"))
        except KeyboardError as error:
            raise _bad(str(error)) from None

    def chat_id(self) -> int | str:
        value = self._raw.get("chat_id")
        if value is None or value == "":
            raise _bad("chat_id is empty")
        if isinstance(value, int):
            return value
        return int(value) if re.fullmatch(r"-?\d+", str(value)) else str(value)


_BODY_ERRORS = {
    BodyProblem.NOT_JSON: "can't parse JSON object",
    BodyProblem.NOT_OBJECT: "JSON object expected",
}


def _decode_params(request: Request) -> JSON:
    try:
        return decode_params(request, multipart=True)
    except BodyError as error:
        raise _bad(_BODY_ERRORS[error.problem]) from None


def _decode_uploads(request: Request) -> dict[str, _Upload]:
    """The file parts of a multipart/form-data body (decode_params keeps the other fields).

    PTB sends an InputFile as a part with a filename, named after the parameter, or after
    its attach name when the parameter says `attach://<name>` (PLATFORMS.md 1.3).
    """
    content_type = request.headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() != "multipart/form-data" or not request.body:
        return {}
    head = f"Content-Type: {content_type}\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + request.body)
    uploads: dict[str, _Upload] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        filename = part.get_filename()
        if isinstance(name, str) and filename is not None:
            payload = part.get_payload(decode=True)
            data = payload if isinstance(payload, bytes) else b""
            uploads[name] = _Upload(filename, part.get_content_type(), data)
    return uploads


_ROUTE = re.compile(r"/bot([^/]+)/(?:test/)?([A-Za-z0-9_]+)")
_METHOD_NAMES = (
    "getMe",
    "logOut",
    "close",
    "getUpdates",
    "setWebhook",
    "deleteWebhook",
    "getWebhookInfo",
    "sendMessage",
    "sendPhoto",
    "editMessageText",
    "editMessageReplyMarkup",
    "setMyCommands",
    "getMyCommands",
    "deleteMyCommands",
    "getChat",
    "answerCallbackQuery",
)
_CANONICAL = {name.lower(): name for name in _METHOD_NAMES}
_CONTROLS = frozenset(
    {
        "add_chat",
        "block",
        "unblock",
        "migrate",
        "push_command",
        "push_text",
        "push_callback_query",
        "set_failure",
    }
)
_NOT_MODIFIED = (
    "message is not modified: specified new message content and reply markup are exactly "
    "the same as a current content and reply markup of the message"
)
# QUERY_ID_INVALID as the Bot API server words it (Client.cpp fail_query_with_error): an
# unknown, expired or already answered callback query.
_QUERY_INVALID = "query is too old and response timeout expired or query ID is invalid"
REAL_FLOOD_LIMITS = FloodLimits()


# ---------------------------------------------------------------- the fake


class FakeBotApi(HttpFake):
    """The Bot API for one token on 127.0.0.1, served from its own thread and event loop.

    Point PTB at it with `Bot(token, base_url=fake.bot_url)`; set the world up with
    add_chat/block/migrate/push_command; press inline buttons with push_callback_query;
    read what each chat saw with sent/photos/edits/markup_edits/history/keyboard, and the
    answers to button presses with callback_answers/answered.
    Every public method is thread-safe. Text length is counted in UTF-16 code units after
    entity parsing, as Telegram counts entity offsets.
    """

    def __init__(
        self,
        token: str = DEFAULT_TOKEN,
        *,
        username: str = "newsalert_test_bot",
        first_name: str = "Newsalert Test",
        limits: FloodLimits = REAL_FLOOD_LIMITS,
        clock: Callable[[], float] = time.monotonic,
        host: str = "127.0.0.1",
        port: int = 0,
        state_file: Path | None = None,
    ) -> None:
        self.token = token
        prefix = token.split(":", 1)[0]
        self.bot_id = int(prefix) if prefix.isdigit() else 1
        self.username = username
        self.first_name = first_name
        self._limits = limits
        self._clock = clock
        self._state_file = state_file
        self._lock = threading.Lock()
        self._chats: dict[int, _Chat] = {}
        self._updates: list[JSON] = []
        # getUpdates' allowed_updates, which Telegram keeps until the next call that sets
        # it; None is its default: every kind but chat_member and the reaction ones.
        self._allowed: frozenset[str] | None = None
        self._next_update_id = 100_000
        self._requests: Counter[str] = Counter()
        self._rate_limited = 0
        self._overall: TokenBucket | None = None
        self._failures: dict[str, list[_Failure]] = {}
        self._webhook = ""
        self._commands: dict[tuple[str, str], list[JSON]] = {}
        self._files: dict[str, _StoredPhoto] = {}  # file_id -> picture, for resending by id
        self._queries: dict[str, _Query] = {}  # callback query id -> what was pressed
        self._answers: list[CallbackAnswer] = []
        self._poll_generation = 0
        self._methods: dict[str, Callable[[_Params], Any]] = {
            "getme": lambda _: self._bot_user(full=True),
            "logout": lambda _: True,
            "close": lambda _: True,
            "setwebhook": self._set_webhook,
            "deletewebhook": self._delete_webhook,
            "getwebhookinfo": self._webhook_info,
            "sendmessage": self._send_message,
            "sendphoto": self._send_photo,
            "editmessagetext": self._edit_message_text,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "setmycommands": self._set_my_commands,
            "getmycommands": lambda p: self._commands.get(self._commands_key(p), []),
            "deletemycommands": self._delete_my_commands,
            "getchat": self._get_chat,
            "answercallbackquery": self._answer_callback_query,
        }
        self._wakeup: asyncio.Event | None = None  # owned by the server loop once it runs
        self._server = LoopbackHttpServer(
            self._handle,
            title="the fake Bot API",
            thread_name="telegram-fake",
            host=host,
            port=port,
            on_start=self._arm_wakeup,
        )

    # ------------------------------------------------------------ addresses and lifecycle

    @property
    def bot_url(self) -> str:
        """What PTB takes as base_url: it appends the token with no separator."""
        return f"{self.base}/bot"

    def serve_forever(self, *, on_ready: Callable[[str], None] | None = None) -> None:
        """Serves in this thread until SIGINT/SIGTERM, then writes the state file."""
        self._server.run(on_ready=None if on_ready is None else lambda: on_ready(self.base))
        self._write_state(self.state())

    # ------------------------------------------------------------ test controls

    def add_chat(
        self,
        chat_id: int,
        type: ChatType | str = ChatType.PRIVATE,
        *,
        is_forum: bool = False,
        title: str | None = None,
        username: str | None = None,
    ) -> None:
        kind = ChatType(type)
        if is_forum and kind is not ChatType.SUPERGROUP:
            raise ValueError("only a supergroup can be a forum")
        name = title or ("Test User" if kind is ChatType.PRIVATE else f"Test {kind} {chat_id}")
        with self._lock:
            self._chats[chat_id] = _Chat(chat_id, kind, name, is_forum, username)

    def block(self, chat_id: int) -> None:
        """The user blocked the bot, or the bot was removed from the group or channel."""
        with self._lock:
            self._chats[chat_id].blocked = True

    def unblock(self, chat_id: int) -> None:
        with self._lock:
            self._chats[chat_id].blocked = False

    def migrate(self, chat_id: int, new_chat_id: int) -> None:
        """The group became a supergroup; the old id now answers with migrate_to_chat_id."""
        with self._lock:
            old = self._chats[chat_id]
            old.migrated_to = new_chat_id
            if new_chat_id not in self._chats:
                self._chats[new_chat_id] = _Chat(
                    new_chat_id, ChatType.SUPERGROUP, old.title, False, old.username
                )

    def push_command(
        self,
        chat_id: int,
        user_id: int,
        text: str,
        *,
        thread_id: int | None = None,
        username: str | None = None,
        language_code: str | None = None,
    ) -> Pushed:
        """Queues a user's `/command[@bot] args` message, marked as Telegram marks commands;
        `language_code` is the user's app language, as Telegram tells it."""
        if not text.startswith("/"):
            raise ValueError(f"a command starts with '/': {text!r}")
        command = text.split(maxsplit=1)[0]
        entity = {"type": "bot_command", "offset": 0, "length": utf16_len(command)}
        return self._push(chat_id, user_id, text, [entity], thread_id, username, language_code)

    def push_location(
        self, chat_id: int, user_id: int, latitude: float, longitude: float
    ) -> Pushed:
        """Queues a user's shared location (a message with `location`, no text)."""
        pushed = self._push(chat_id, user_id, "", [], None, None, None)
        with self._lock:
            update = self._updates[-1]
            message = update["message"]
            del message["text"]
            message["location"] = {"latitude": latitude, "longitude": longitude}
        return pushed

    def push_channel_post(
        self, chat_id: int, text: str, *, signature: str | None = None
    ) -> Pushed:
        """Queues a post in a channel, as a `channel_post` update: no `from`, the channel
        itself as `sender_chat`; a leading `/command` is marked as a bot command."""
        with self._lock:
            chat = self._chats.get(chat_id)
            if chat is None or chat.type is not ChatType.CHANNEL:
                raise ValueError(f"{chat_id} is not a channel; add_chat(id, 'channel') first")
            chat.last_message_id += 1
            post: JSON = {
                "message_id": chat.last_message_id,
                "date": int(time.time()),
                "chat": chat.to_api(),
                "sender_chat": chat.to_api(),
                "text": text,
            }
            if signature:
                post["author_signature"] = signature
            if text.startswith("/"):
                command = text.split(maxsplit=1)[0]
                post["entities"] = [
                    {"type": "bot_command", "offset": 0, "length": utf16_len(command)}
                ]
            self._next_update_id += 1
            self._updates.append({"update_id": self._next_update_id, "channel_post": post})
            pushed = Pushed(self._next_update_id, chat.last_message_id)
        self._wake_pollers()
        return pushed

    def push_text(
        self,
        chat_id: int,
        user_id: int,
        text: str,
        *,
        thread_id: int | None = None,
        username: str | None = None,
    ) -> Pushed:
        return self._push(chat_id, user_id, text, [], thread_id, username, None)

    def push_callback_query(
        self,
        chat_id: int,
        user_id: int,
        message_id: int,
        data: str,
        *,
        language_code: str | None = None,
        username: str | None = None,
    ) -> Pushed:
        """Queues a `callback_query` update: the user pressed the button whose callback_data
        is `data` under the bot's message `message_id`, which comes along as Telegram sends
        it (text, entities, reply_markup, edit_date as they are now). Refuses (ValueError)
        what no user could do: a message the bot did not send in that chat, a keyboard
        without such a button, or, in a private chat, another user than its owner.
        getUpdates delivers it unless allowed_updates leaves callback_query out."""
        with self._lock:
            chat = self._chats.get(chat_id)
            if chat is None:
                raise ValueError(f"no chat {chat_id}; add_chat() it first")
            shown = chat.shown.get(message_id)
            if shown is None:
                raise ValueError(f"the bot sent no message {message_id} in chat {chat_id}")
            if data not in _callback_data(shown.get("reply_markup")):
                raise ValueError(
                    f"message {message_id} in chat {chat_id} has no button with callback_data "
                    f"{data!r}; its buttons: {buttons(shown)}"
                )
            if chat.type is ChatType.PRIVATE and user_id != chat_id:
                raise ValueError(f"only user {chat_id} sees the private chat {chat_id}")
            sender: JSON = {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"}
            if username:
                sender["username"] = username
            if language_code:
                sender["language_code"] = language_code
            # Telegram's ids are decimal int64 strings; chat_instance is one per chat.
            query_id = str((self.bot_id << 24) + len(self._queries) + 1)
            instance = hashlib.sha256(f"{self.bot_id}:{chat_id}".encode()).digest()[:8]
            query: JSON = {
                "id": query_id,
                "from": sender,
                "message": copy.deepcopy(shown),
                "chat_instance": str(int.from_bytes(instance, "big") >> 1),
                "data": data,
            }
            self._queries[query_id] = _Query(chat_id, message_id, data)
            self._next_update_id += 1
            self._updates.append({"update_id": self._next_update_id, "callback_query": query})
            pushed = Pushed(self._next_update_id, message_id, query_id)
        self._wake_pollers()
        return pushed

    def set_failure(
        self,
        method: str,
        status: int | None,
        description: str | None = None,
        *,
        times: int = 1,
        retry_after: int | None = None,
    ) -> None:
        """The next `times` calls of `method` fail with `status`, or are dropped if None."""
        text = description or (HTTPStatus(status).phrase if status else "")
        with self._lock:
            failures = self._failures.setdefault(method.lower(), [])
            failures.append(_Failure(status, text, times, retry_after))

    # ------------------------------------------------------------ what the fake saw

    def sent(self, chat_id: int) -> list[SentMessage]:
        return [m for m in self.history(chat_id) if isinstance(m, SentMessage)]

    def photos(self, chat_id: int) -> list[SentPhoto]:
        return [m for m in self.history(chat_id) if isinstance(m, SentPhoto)]

    def edits(self, chat_id: int) -> list[EditedMessage]:
        return [m for m in self.history(chat_id) if isinstance(m, EditedMessage)]

    def markup_edits(self, chat_id: int) -> list[EditedMarkup]:
        """Accepted editMessageReplyMarkup calls in one chat, in order."""
        return [m for m in self.history(chat_id) if isinstance(m, EditedMarkup)]

    def keyboard(self, chat_id: int, message_id: int) -> list[list[tuple[str, str]]]:
        """The buttons the bot's message has now, after every edit, as buttons() gives
        them ([] for none or an unknown message)."""
        with self._lock:
            chat = self._chats.get(chat_id)
            return buttons(chat.shown.get(message_id) if chat else None)

    def callback_answers(self) -> list[CallbackAnswer]:
        """Accepted answerCallbackQuery calls, in order."""
        with self._lock:
            return list(self._answers)

    def answered(self, query_id: str) -> bool:
        """Whether the bot answered the callback query push_callback_query queued."""
        with self._lock:
            query = self._queries.get(query_id)
            return query is not None and query.answered

    def history(self, chat_id: int) -> list[Sent]:
        """Accepted sends (messages and photos) and edits (text and reply markup) in one
        chat, in arrival order."""
        with self._lock:
            chat = self._chats.get(chat_id)
            return list(chat.history) if chat else []

    @property
    def requests(self) -> Counter[str]:
        """Authorised calls per Bot API method (camelCase), whatever their outcome."""
        with self._lock:
            return Counter(self._requests)

    @property
    def rate_limited(self) -> int:
        """How many 429 replies flood control sent."""
        with self._lock:
            return self._rate_limited

    @property
    def webhook(self) -> str:
        with self._lock:
            return self._webhook

    @property
    def pending_updates(self) -> int:
        with self._lock:
            return len(self._updates)

    def commands(self, *, scope: JSON | None = None, language_code: str = "") -> list[JSON]:
        key = (json.dumps(scope or {"type": "default"}, sort_keys=True), language_code)
        with self._lock:
            return list(self._commands.get(key, []))

    def state(self) -> JSON:
        """Everything recorded, as JSON (what GET /_fake/state returns)."""
        with self._lock:
            return {
                "bot": self._bot_user(full=False),
                "webhook": self._webhook,
                "requests": dict(self._requests),
                "rate_limited": self._rate_limited,
                "pending_updates": len(self._updates),
                "commands": {f"{s}|{lang}": c for (s, lang), c in self._commands.items()},
                "callback_answers": [answer.to_json() for answer in self._answers],
                "chats": {
                    str(chat.id): {
                        **chat.to_api(),
                        "blocked": chat.blocked,
                        "migrated_to": chat.migrated_to,
                        "history": [entry.to_json() for entry in chat.history],
                    }
                    for chat in self._chats.values()
                },
            }

    def _write_state(self, state: JSON) -> None:
        if self._state_file is None:
            return
        partial = self._state_file.with_suffix(".partial")
        partial.write_text(json.dumps(state, ensure_ascii=False, indent=1), encoding="utf-8")
        partial.replace(self._state_file)

    # ------------------------------------------------------------ updates

    def _push(
        self,
        chat_id: int,
        user_id: int,
        text: str,
        entities: list[JSON],
        thread_id: int | None,
        username: str | None,
        language_code: str | None,
    ) -> Pushed:
        with self._lock:
            chat = self._chats.get(chat_id)
            if chat is None:
                # Telegram's id ranges: users > 0, supergroups/channels -100..., groups < 0.
                kind = ChatType.PRIVATE if chat_id > 0 else ChatType.GROUP
                if str(chat_id).startswith("-100"):
                    kind = ChatType.SUPERGROUP
                chat = self._chats[chat_id] = _Chat(chat_id, kind, f"Chat {chat_id}", False, None)
            chat.last_message_id += 1
            sender: JSON = {"id": user_id, "is_bot": False, "first_name": f"User {user_id}"}
            if username:
                sender["username"] = username
            if language_code:
                sender["language_code"] = language_code
            message: JSON = {
                "message_id": chat.last_message_id,
                "date": int(time.time()),
                "chat": chat.to_api(),
                "from": sender,
                "text": text,
            }
            if entities:
                message["entities"] = entities
            if thread_id is not None:
                message["message_thread_id"] = thread_id
                if chat.is_forum:
                    message["is_topic_message"] = True
            self._next_update_id += 1
            self._updates.append({"update_id": self._next_update_id, "message": message})
            pushed = Pushed(self._next_update_id, chat.last_message_id)
        self._wake_pollers()
        return pushed

    def _wake_pollers(self) -> None:
        loop = self._server.loop
        if loop is not None:
            with contextlib.suppress(RuntimeError):  # the loop closed meanwhile
                loop.call_soon_threadsafe(self._notify)

    def _arm_wakeup(self) -> None:
        self._wakeup = asyncio.Event()  # on the server loop, before it serves

    def _notify(self) -> None:
        # Runs on the server loop: wake every waiting getUpdates, arm a fresh event.
        if self._wakeup is not None:
            self._wakeup.set()
            self._wakeup = asyncio.Event()

    def _take_updates(self, offset: int | None, limit: int) -> list[JSON]:
        if offset is not None and offset < 0:
            self._updates = self._updates[offset:]
        elif offset:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        # Kinds the bot did not ask for are not delivered (Telegram drops them).
        self._updates = [u for u in self._updates if self._wanted(u)]
        return self._updates[:limit]

    def _wanted(self, update: JSON) -> bool:
        kind = next(k for k in update if k != "update_id")
        if self._allowed is None:
            return kind not in _NOT_BY_DEFAULT
        return kind in self._allowed

    async def _get_updates(self, params: _Params) -> list[JSON]:
        offset = params.integer("offset")
        limit = min(max(params.integer("limit") or 100, 1), 100)
        timeout = max(params.integer("timeout") or 0, 0)
        allowed = params.json_value("allowed_updates")
        with self._lock:
            if isinstance(allowed, list):
                self._allowed = frozenset(str(a) for a in allowed) or None
            if self._webhook:
                raise _ApiError(
                    409,
                    "Conflict: can't use getUpdates method while webhook is active; "
                    "use deleteWebhook to delete the webhook first",
                )
            self._poll_generation += 1
            mine = self._poll_generation
        self._notify()  # an older poll still waiting learns it was superseded
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            wakeup = self._wakeup
            with self._lock:
                batch = self._take_updates(offset, limit)
                superseded = mine != self._poll_generation
            if batch:
                return batch
            if superseded:
                raise _ApiError(
                    409,
                    "Conflict: terminated by other getUpdates request; "
                    "make sure that only one bot instance is running",
                )
            remaining = deadline - loop.time()
            if remaining <= 0 or wakeup is None:
                return []
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(wakeup.wait(), remaining)

    # ------------------------------------------------------------ Bot API methods
    # Called on the server loop with self._lock held.

    def _bot_user(self, *, full: bool) -> JSON:
        user: JSON = {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.first_name,
            "username": self.username,
        }
        if full:
            user |= {
                "can_join_groups": True,
                "can_read_all_group_messages": False,
                "supports_inline_queries": False,
                "can_connect_to_business": False,
                "has_main_web_app": False,
            }
        return user

    def _chat(self, params: _Params) -> _Chat:
        ref = params.chat_id()
        if isinstance(ref, int):
            chat = self._chats.get(ref)
        else:
            wanted = ref.lower().removeprefix("@")
            found = (c for c in self._chats.values() if (c.username or "").lower() == wanted)
            chat = next(found, None)
        if chat is None:
            raise _bad("chat not found")
        return chat

    def _writable_chat(self, params: _Params) -> _Chat:
        chat = self._chat(params)
        if chat.migrated_to is not None:
            raise _bad(
                "group chat was upgraded to a supergroup chat",
                migrate_to_chat_id=chat.migrated_to,
            )
        if chat.blocked:
            raise _ApiError(403, chat.blocked_description())
        return chat

    @staticmethod
    def _formatted(params: _Params, key: str) -> tuple[str, str | None, str, list[JSON]]:
        """(`key` as sent, parse_mode, plain text, entities): parsed in parse_mode, or with
        the `entities`/`caption_entities` the client sent when there is none."""
        text = params.text(key) or ""
        mode = params.text("parse_mode") or None
        if mode is None:
            entities_key = "entities" if key == "text" else f"{key}_entities"
            plain, entities = text, list(params.json_value(entities_key) or [])
        elif mode.lower() == "html":
            try:
                plain, entities = parse_html(text)
            except HtmlError as error:
                raise _bad(f"can't parse entities: {error}") from None
        elif mode.lower() in ("markdown", "markdownv2"):
            raise _bad(f"can't parse entities: the fake Bot API does not emulate {mode}; use HTML")
        else:
            raise _bad("unsupported parse_mode")
        return text, mode, plain, entities

    @classmethod
    def _text(cls, params: _Params) -> tuple[str, str | None, str, list[JSON]]:
        """(text as sent, parse_mode, plain text, entities), validated as Telegram does."""
        text, mode, plain, entities = cls._formatted(params, "text")
        if not plain.strip():
            raise _bad("message text is empty")
        if utf16_len(plain) > MAX_TEXT_UNITS:
            raise _bad("message is too long")
        return text, mode, plain, entities

    def _flood(self, chat: _Chat, *, per_chat: bool) -> None:
        now, limits = self._clock(), self._limits
        buckets: list[TokenBucket] = []
        if per_chat and limits.chat_burst is not None:
            chat.bucket = chat.bucket or TokenBucket.full(
                limits.chat_burst, limits.chat_per_second, now
            )
            buckets.append(chat.bucket)
        grouped = chat.type in (ChatType.GROUP, ChatType.SUPERGROUP)
        if per_chat and grouped and limits.group_per_minute is not None:
            per_minute = limits.group_per_minute
            chat.group_bucket = chat.group_bucket or TokenBucket.full(
                per_minute, per_minute / 60, now
            )
            buckets.append(chat.group_bucket)
        if limits.overall_per_second is not None:
            per_second = limits.overall_per_second
            self._overall = self._overall or TokenBucket.full(per_second, per_second, now)
            buckets.append(self._overall)
        seconds = take_from_all(buckets, now)
        if seconds is not None:
            self._rate_limited += 1
            raise _ApiError(
                429,
                f"Too Many Requests: retry after {seconds}",
                parameters={"retry_after": seconds},
            )

    def _envelope(self, chat: _Chat, message_id: int, thread_id: int | None) -> JSON:
        """What every Message the bot sent has, whatever its content."""
        message: JSON = {"message_id": message_id, "date": int(time.time()), "chat": chat.to_api()}
        if chat.type is ChatType.CHANNEL:
            message["sender_chat"] = chat.to_api()
        else:
            message["from"] = self._bot_user(full=False)
        if thread_id is not None:
            message |= {"message_thread_id": thread_id, "is_topic_message": True}
        return message

    def _message(
        self,
        chat: _Chat,
        message_id: int,
        plain: str,
        entities: list[JSON],
        *,
        thread_id: int | None = None,
        edit_date: int | None = None,
        reply_markup: JSON | None = None,
    ) -> JSON:
        """A text Message as Telegram returns it, and remembers it for callback queries."""
        message = self._envelope(chat, message_id, thread_id)
        if message_id in chat.shown:  # an edit keeps the date it was sent
            message["date"] = chat.shown[message_id]["date"]
        message["text"] = plain
        if entities:
            message["entities"] = entities
        if edit_date is not None:
            message["edit_date"] = edit_date
        if reply_markup is not None:
            message["reply_markup"] = reply_markup
        chat.shown[message_id] = message
        return copy.deepcopy(message)

    @staticmethod
    def _thread(chat: _Chat, params: _Params) -> int | None:
        thread_id = params.integer("message_thread_id")
        if thread_id is not None and not chat.is_forum:
            raise _bad("message thread not found")
        return thread_id

    @staticmethod
    def _reply_to(chat: _Chat, params: _Params) -> int | None:
        reply_to = params.integer("reply_to_message_id")
        reply = params.json_value("reply_parameters")
        if reply_to is None and isinstance(reply, dict):
            reply_to = int(reply["message_id"])
        if reply_to is not None and not 0 < reply_to <= chat.last_message_id:
            raise _bad("message to be replied not found")
        return reply_to

    def _send_message(self, params: _Params) -> JSON:
        chat = self._writable_chat(params)
        thread_id = self._thread(chat, params)
        text, mode, plain, entities = self._text(params)
        reply_to = self._reply_to(chat, params)
        markup = params.reply_markup()
        self._flood(chat, per_chat=True)
        chat.last_message_id += 1
        record = SentMessage(
            chat_id=chat.id,
            message_id=chat.last_message_id,
            text=text,
            parse_mode=mode,
            plain=plain,
            thread_id=thread_id,
            reply_to=reply_to,
            reply_markup=markup,
            sent_at=datetime.now(UTC),
        )
        chat.history.append(record)
        chat.bot_messages[record.message_id] = (plain, json.dumps(entities), markup)
        return self._message(
            chat,
            record.message_id,
            plain,
            entities,
            thread_id=thread_id,
            reply_markup=_inline(markup),
        )

    def _photo(self, params: _Params) -> _StoredPhoto:
        """The picture of a sendPhoto: uploaded bytes, checked as Telegram checks them, or
        the file_id of one the fake already has. The fake fetches no HTTP URLs."""
        photo = params.input_file("photo")
        if photo is None:
            raise _bad("there is no photo in the request")
        if isinstance(photo, str):
            stored = self._files.get(photo)
            if stored is not None:
                return stored
            if re.match(r"https?://", photo):
                raise _bad("failed to get HTTP URL content")  # the fake never fetches
            raise _bad("wrong file identifier/HTTP URL specified")
        if not photo.data:
            raise _bad("file must be non-empty")
        if len(photo.data) > MAX_PHOTO_BYTES:
            # What Telegram answers for a photo over 10 MB (tdlib's error passed through);
            # "file is too big" is getFile's answer for downloads over 20 MB.
            raise _bad("PHOTO_SAVE_FILE_INVALID")
        size = image_size(photo.data)
        if size is None:
            raise _bad("IMAGE_PROCESS_FAILED")
        _, width, height = size
        ratio = max(width, height) / min(width, height)
        if width + height > MAX_PHOTO_SIDES or ratio > MAX_PHOTO_RATIO:
            raise _bad("PHOTO_INVALID_DIMENSIONS")
        key = hashlib.sha256(photo.data).hexdigest()[:20]
        return _StoredPhoto(photo.data, photo.filename, width, height, key)

    def _send_photo(self, params: _Params) -> JSON:
        """sendPhoto: the checks sendMessage makes on the chat, thread, reply and flood
        control, then the photo's (required; PNG or JPEG; at most 10 MB; sides at most 10000
        in total and 20:1), and a caption of at most 1024 characters after entity parsing."""
        chat = self._writable_chat(params)
        thread_id = self._thread(chat, params)
        caption, mode, plain, entities = self._formatted(params, "caption")
        if utf16_len(plain) > MAX_CAPTION_UNITS:
            raise _bad("message caption is too long")
        reply_to = self._reply_to(chat, params)
        markup = params.reply_markup()
        photo = self._photo(params)
        self._flood(chat, per_chat=True)
        chat.last_message_id += 1
        sizes = _photo_sizes(photo.key, photo.width, photo.height, len(photo.data))
        for entry in sizes:
            self._files[entry["file_id"]] = photo
        record = SentPhoto(
            chat_id=chat.id,
            message_id=chat.last_message_id,
            caption=caption,
            parse_mode=mode,
            plain=plain,
            data=photo.data,
            filename=photo.filename,
            width=photo.width,
            height=photo.height,
            file_id=sizes[-1]["file_id"],
            thread_id=thread_id,
            reply_to=reply_to,
            reply_markup=markup,
            disable_notification=params.flag("disable_notification"),
            sent_at=datetime.now(UTC),
        )
        chat.history.append(record)
        chat.photo_messages.add(record.message_id)
        message = self._envelope(chat, record.message_id, thread_id)
        message["photo"] = sizes
        if plain:
            message["caption"] = plain
        if entities:
            message["caption_entities"] = entities
        if _inline(markup) is not None:
            message["reply_markup"] = markup
        chat.shown[record.message_id] = message
        return copy.deepcopy(message)

    def _edit_message_text(self, params: _Params) -> JSON:
        if params.text("inline_message_id"):
            raise _bad("the fake Bot API does not emulate inline messages")
        chat = self._writable_chat(params)
        message_id = params.integer("message_id")
        if message_id is None:
            raise _bad("message identifier is not specified")
        current = chat.bot_messages.get(message_id)
        if current is None and message_id in chat.photo_messages:
            raise _bad("there is no text in the message to edit")
        if current is None:
            raise _bad("message to edit not found")
        text, mode, plain, entities = self._text(params)
        markup = params.reply_markup()  # none given: the inline keyboard goes
        content = (plain, json.dumps(entities), markup)
        if content == current:
            raise _bad(_NOT_MODIFIED)
        self._flood(chat, per_chat=False)
        chat.bot_messages[message_id] = content
        now = datetime.now(UTC)
        chat.history.append(EditedMessage(chat.id, message_id, text, mode, plain, now, markup))
        thread_id = chat.shown.get(message_id, {}).get("message_thread_id")
        return self._message(
            chat,
            message_id,
            plain,
            entities,
            thread_id=thread_id,
            edit_date=int(now.timestamp()),
            reply_markup=_inline(markup),
        )

    def _edit_message_reply_markup(self, params: _Params) -> JSON:
        """editMessageReplyMarkup of a message the bot sent (text or photo): the new inline
        keyboard, or none when reply_markup is left out; the same keyboard again is
        "message is not modified", as editMessageText says it."""
        if params.text("inline_message_id"):
            raise _bad("the fake Bot API does not emulate inline messages")
        chat = self._writable_chat(params)
        message_id = params.integer("message_id")
        if message_id is None:
            raise _bad("message identifier is not specified")
        shown = chat.shown.get(message_id)
        if shown is None:
            raise _bad("message to edit not found")
        markup = _inline(params.reply_markup())
        if markup == shown.get("reply_markup"):
            raise _bad(_NOT_MODIFIED)
        self._flood(chat, per_chat=False)
        now = datetime.now(UTC)
        if message_id in chat.bot_messages:
            plain, entities, _ = chat.bot_messages[message_id]
            chat.bot_messages[message_id] = (plain, entities, markup)
        shown = {k: v for k, v in shown.items() if k != "reply_markup"}
        shown["edit_date"] = int(now.timestamp())
        if markup is not None:
            shown["reply_markup"] = markup
        chat.shown[message_id] = shown
        chat.history.append(EditedMarkup(chat.id, message_id, markup, now))
        return copy.deepcopy(shown)

    def _answer_callback_query(self, params: _Params) -> bool:
        """answerCallbackQuery: each query pushed by push_callback_query takes one answer;
        an unknown or already answered id is QUERY_ID_INVALID in the server's words, a
        `text` over 200 characters (UTF-16 units, as the fake counts text) MESSAGE_TOO_LONG
        (reported for a 300-character alert)."""
        query = self._queries.get(params.text("callback_query_id") or "")
        if query is None or query.answered:
            raise _bad(_QUERY_INVALID)
        text = params.text("text")
        if text is not None and utf16_len(text) > MAX_ANSWER_TEXT_UNITS:
            raise _bad("MESSAGE_TOO_LONG")
        query.answered = True
        query_id = str(params.text("callback_query_id"))
        answer = CallbackAnswer(
            query_id, text, params.flag("show_alert"), params.text("url"), datetime.now(UTC)
        )
        self._answers.append(answer)
        return True

    @staticmethod
    def _commands_key(params: _Params) -> tuple[str, str]:
        scope = params.json_value("scope") or {"type": "default"}
        return json.dumps(scope, sort_keys=True), params.text("language_code") or ""

    def _set_my_commands(self, params: _Params) -> bool:
        commands = params.json_value("commands")
        if not isinstance(commands, list):
            raise _bad('field "commands" must be an Array')
        if len(commands) > 100:
            raise _bad("BOT_COMMANDS_TOO_MUCH")
        for entry in commands:
            command = entry.get("command") if isinstance(entry, dict) else None
            if not isinstance(command, str) or not re.fullmatch(r"[a-z0-9_]{1,32}", command):
                raise _bad("BOT_COMMAND_INVALID")
            description = entry.get("description")
            if not isinstance(description, str) or not 1 <= len(description) <= 256:
                raise _bad("BOT_COMMAND_DESCRIPTION_INVALID")
        self._commands[self._commands_key(params)] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    def _delete_my_commands(self, params: _Params) -> bool:
        self._commands.pop(self._commands_key(params), None)
        return True

    def _get_chat(self, params: _Params) -> JSON:
        chat = self._chat(params)
        gifts = ("unlimited_gifts", "limited_gifts", "unique_gifts", "premium_subscription")
        accepted = dict.fromkeys((*gifts, "gifts_from_channels"), False)
        return chat.to_api() | {
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": accepted,
        }

    def _set_webhook(self, params: _Params) -> bool:
        self._webhook = params.text("url") or ""
        if params.flag("drop_pending_updates"):
            self._updates.clear()
        return True

    def _delete_webhook(self, params: _Params) -> bool:
        self._webhook = ""
        if params.flag("drop_pending_updates"):
            self._updates.clear()
        return True

    def _webhook_info(self, _: _Params) -> JSON:
        return {
            "url": self._webhook,
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    # ------------------------------------------------------------ HTTP

    async def _handle(self, request: Request) -> HttpResponse:
        try:
            status, body = 200, await self._answer(request)
        except _ApiError as error:
            status, body = error.status, error.body()
        except DropConnection:
            raise
        except Exception:  # a bug in the fake must reach the test as a 500
            log.exception("telegram_fake failed target=%s", request.target[:12])
            status, body = 500, _ApiError(500, "Internal Server Error").body()
        retry_after = (body.get("parameters") or {}).get("retry_after")
        return HttpResponse(status, json_payload(body), "application/json", retry_after)

    async def _answer(self, request: Request) -> JSON:
        path = urlsplit(request.target).path
        if path.startswith("/_fake/"):
            return self._control(request, path.removeprefix("/_fake/"))
        route = _ROUTE.fullmatch(path)
        if route is None:
            raise _ApiError(404, "Not Found")
        token, method = route.groups()
        if token != self.token:
            raise _ApiError(401, "Unauthorized")
        name = method.lower()
        with self._lock:
            self._requests[_CANONICAL.get(name, name)] += 1
            failure = next_scripted(self._failures, name)
        if failure is not None:
            if failure.status is None:
                raise DropConnection
            retry = {"retry_after": failure.retry_after} if failure.retry_after else None
            raise _ApiError(failure.status, failure.description, parameters=retry)
        params = _Params(_decode_params(request), _decode_uploads(request))
        if name == "getupdates":
            return {"ok": True, "result": await self._get_updates(params)}
        handler = self._methods.get(name)
        if handler is None:
            raise _ApiError(404, "Not Found")
        with self._lock:
            return {"ok": True, "result": handler(params)}

    def _control(self, request: Request, action: str) -> JSON:
        if action == "state":
            state = self.state()
            self._write_state(state)
            return state
        if request.method != "POST" or action not in _CONTROLS:
            raise _ApiError(404, "Not Found")
        try:
            result = getattr(self, action)(**json.loads(request.body or b"{}"))
        except (TypeError, ValueError, KeyError) as error:
            raise _bad(f"{action}: {error!r}") from None
        return {"ok": True, "result": asdict(result) if isinstance(result, Pushed) else result}


# ---------------------------------------------------------------- a fake in another process


class RemoteFake:
    """Drives a fake started with `python -m tests.platforms.telegram_fake` over loopback HTTP."""

    def __init__(self, base: str, *, timeout: float = 5.0) -> None:
        self.base = base.rstrip("/")
        self._timeout = timeout
        self._opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def control(self, action: str, **params: Any) -> Any:
        """Calls one of add_chat, block, unblock, migrate, push_command, push_text, set_failure."""
        request = urllib.request.Request(
            f"{self.base}/_fake/{action}",
            data=json.dumps(params).encode(),
            headers={"Content-Type": "application/json"},
            method="POST",
        )
        with self._opener.open(request, timeout=self._timeout) as response:
            return json.load(response)["result"]

    def state(self) -> JSON:
        with self._opener.open(f"{self.base}/_fake/state", timeout=self._timeout) as response:
            state: JSON = json.load(response)
            return state

    def sent(self, chat_id: int) -> list[SentMessage]:
        chat = self.state()["chats"].get(str(chat_id))
        history = chat["history"] if chat else []
        return [SentMessage.from_json(entry) for entry in history if entry["kind"] == "sent"]

    def photos(self, chat_id: int) -> list[SentPhoto]:
        """Accepted sendPhoto calls; the state carries each picture's bytes as base64."""
        chat = self.state()["chats"].get(str(chat_id))
        history = chat["history"] if chat else []
        return [SentPhoto.from_json(entry) for entry in history if entry["kind"] == "photo"]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m tests.platforms.telegram_fake",
        description="Serve a fake Telegram Bot API on loopback until SIGINT/SIGTERM.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0, help="0 picks a free port")
    parser.add_argument("--token", default=DEFAULT_TOKEN)
    parser.add_argument("--username", default="newsalert_test_bot")
    parser.add_argument(
        "--state", type=Path, help="JSON file written on GET /_fake/state and exit"
    )
    parser.add_argument("--no-flood-limits", action="store_true")
    parser.add_argument(
        "--chat", action="append", default=[], metavar="ID[:TYPE[:forum]]", help="repeatable"
    )
    args = parser.parse_args(argv)
    fake = FakeBotApi(
        args.token,
        username=args.username,
        limits=NO_FLOOD_LIMITS if args.no_flood_limits else REAL_FLOOD_LIMITS,
        host=args.host,
        port=args.port,
        state_file=args.state,
    )
    for spec in args.chat:
        chat_id, _, rest = spec.partition(":")
        kind, _, forum = rest.partition(":")
        fake.add_chat(int(chat_id), kind or ChatType.PRIVATE, is_forum=forum == "forum")
    # The first stdout line tells the parent process where to connect.
    fake.serve_forever(on_ready=lambda base: print(f"READY {base}", flush=True))


if __name__ == "__main__":
    main()
