"""Pictures through the loopback fakes: Telegram's sendPhoto and Slack's external file upload,
driven by the real python-telegram-bot and slack_sdk clients."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from matplotlib.figure import Figure
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient
from telegram import Bot, InputFile, Message
from telegram.constants import MessageEntityType
from telegram.error import BadRequest, ChatMigrated, Forbidden, RetryAfter
from telegram.warnings import PTBUserWarning

from tests.platforms import slack_fake
from tests.platforms.slack_fake import FakeSlackApi, clear_proxy_env
from tests.platforms.telegram_fake import (
    DEFAULT_TOKEN,
    MAX_PHOTO_BYTES,
    PNG_SIGNATURE,
    FakeBotApi,
    ManualClock,
    RemoteFake,
    SentPhoto,
    image_size,
)

USER = 42
GROUP = -555
FORUM = -100777
NEWS = "C0NEWS"


def png(width: int, height: int) -> bytes:
    """A real PNG (8-bit RGB, all black) built by hand: signature, IHDR, IDAT, IEND."""

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body)
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + bytes(3 * width) for _ in range(height))  # filter 0 per row
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        PNG_SIGNATURE
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def rendered(fmt: str, width: int, height: int) -> bytes:
    """A chart rendered by matplotlib (Agg), as the bot's own pictures are made."""
    figure = Figure(figsize=(width / 50, height / 50), dpi=50)
    figure.add_subplot().plot([0, 1, 2], [2, 0, 1])
    out = io.BytesIO()
    figure.savefig(out, format=fmt)
    return out.getvalue()


# ---------------------------------------------------------------- Telegram sendPhoto


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock()


@pytest.fixture
def telegram(clock: ManualClock) -> Iterator[FakeBotApi]:
    with FakeBotApi(clock=clock) as api:
        api.add_chat(USER)
        api.add_chat(GROUP, "group")
        api.add_chat(FORUM, "supergroup", is_forum=True)
        yield api


@pytest.fixture
async def bot(telegram: FakeBotApi) -> AsyncIterator[Bot]:
    async with Bot(DEFAULT_TOKEN, base_url=telegram.bot_url) as client:
        yield client


async def test_a_photo_is_recorded_with_its_bytes_size_and_caption(
    telegram: FakeBotApi, bot: Bot
) -> None:
    picture = png(40, 30)
    await bot.send_message(FORUM, "first", message_thread_id=7)

    message = await bot.send_photo(
        FORUM,
        photo=picture,
        caption="<b>Kharkiv</b> &amp; region",
        parse_mode="HTML",
        message_thread_id=7,
        disable_notification=True,
    )

    largest = message.photo[-1]
    assert (largest.width, largest.height, largest.file_size) == (40, 30, len(picture))
    assert [(p.width, p.height) for p in message.photo] == [(40, 30)]
    assert message.caption == "Kharkiv & region"
    assert [(e.type, e.offset, e.length) for e in message.caption_entities] == [
        (MessageEntityType.BOLD, 0, 7)
    ]
    assert (message.message_thread_id, message.text) == (7, None)
    [sent] = telegram.photos(FORUM)
    assert sent.data == picture
    assert (sent.caption, sent.plain, sent.parse_mode) == (
        "<b>Kharkiv</b> &amp; region",
        "Kharkiv & region",
        "HTML",
    )
    assert (sent.width, sent.height, sent.thread_id, sent.disable_notification) == (
        40,
        30,
        7,
        True,
    )
    assert (sent.message_id, sent.file_id) == (message.message_id, largest.file_id)
    # PTB names a bytes upload after its guessed MIME type.
    assert sent.filename == "application.octet-stream"
    assert [type(e).__name__ for e in telegram.history(FORUM)] == ["SentMessage", "SentPhoto"]
    assert [m.text for m in telegram.sent(FORUM)] == ["first"]


async def test_a_large_picture_comes_back_with_thumbnails_and_a_jpeg_is_read_too(
    telegram: FakeBotApi, bot: Bot
) -> None:
    picture = rendered("png", 1000, 500)
    jpeg = rendered("jpg", 300, 200)
    assert image_size(jpeg) == ("jpeg", 300, 200)

    message = await bot.send_photo(USER, photo=picture)
    await bot.send_photo(USER, photo=jpeg, caption="plain caption")

    assert [(p.width, p.height) for p in message.photo] == [
        (90, 45),
        (320, 160),
        (800, 400),
        (1000, 500),
    ]
    assert message.caption is None
    first, second = telegram.photos(USER)
    assert (first.caption, first.plain, first.width, first.height) == ("", "", 1000, 500)
    assert (second.data, second.plain, second.parse_mode) == (jpeg, "plain caption", None)
    assert (second.width, second.height) == (300, 200)


async def test_a_caption_counts_the_visible_text_up_to_1024_characters(
    telegram: FakeBotApi, bot: Bot
) -> None:
    await bot.send_photo(USER, photo=png(2, 2), caption=f"<b>{'x' * 1024}</b>", parse_mode="HTML")

    with pytest.raises(BadRequest) as error:
        await bot.send_photo(USER, photo=png(2, 2), caption="x" * 1025)

    assert error.value.message == "Message caption is too long"
    assert [len(p.plain) for p in telegram.photos(USER)] == [1024]


async def test_a_caption_with_broken_html_is_refused_like_message_text(bot: Bot) -> None:
    with pytest.raises(BadRequest, match="Can't parse entities: unsupported start tag"):
        await bot.send_photo(USER, photo=png(2, 2), caption="<br>", parse_mode="HTML")


async def test_bytes_that_are_no_picture_are_refused(telegram: FakeBotApi, bot: Bot) -> None:
    with pytest.raises(BadRequest) as error:
        await bot.send_photo(USER, photo=b"GIF89a not what the fake decodes")

    # PTB drops "Bad Request: " and capitalize()s the rest of IMAGE_PROCESS_FAILED.
    assert error.value.message == "Image_process_failed"
    assert telegram.photos(USER) == []


async def test_a_photo_over_10_mb_or_out_of_proportion_is_refused(bot: Bot) -> None:
    too_big = png(2, 2) + bytes(MAX_PHOTO_BYTES)  # a valid header, 10 MB of padding
    with pytest.raises(BadRequest) as error:
        await bot.send_photo(USER, photo=too_big)
    assert error.value.message == "Photo_save_file_invalid"

    with pytest.raises(BadRequest) as error:
        await bot.send_photo(USER, photo=png(2100, 100))
    assert error.value.message == "Photo_invalid_dimensions"


# Bot.send_photo cannot leave the photo out or attach it; do_api_request can, and warns that
# a named method exists.
DO_API_REQUEST = "Please use 'Bot.sendPhoto'"


async def test_a_request_without_a_photo_is_refused(bot: Bot) -> None:
    with pytest.warns(PTBUserWarning, match=DO_API_REQUEST), pytest.raises(BadRequest) as error:
        await bot.do_api_request("sendPhoto", api_kwargs={"chat_id": USER, "caption": "x"})

    assert error.value.message == "There is no photo in the request"


async def test_the_photo_may_come_as_an_attach_uri_or_as_a_file_id_sent_before(
    telegram: FakeBotApi, bot: Bot
) -> None:
    picture = png(8, 4)
    attached = InputFile(picture, filename="map.png", attach=True)

    with pytest.warns(PTBUserWarning, match=DO_API_REQUEST):
        first = await bot.do_api_request(
            "sendPhoto", api_kwargs={"chat_id": USER, "photo": attached}, return_type=Message
        )
    again = await bot.send_photo(GROUP, photo=first.photo[-1].file_id)

    assert telegram.photos(USER)[0].filename == "map.png"
    assert telegram.photos(GROUP)[0].data == picture
    assert again.photo[-1].file_unique_id == first.photo[-1].file_unique_id
    with pytest.raises(BadRequest, match="Wrong file identifier/http url specified"):
        await bot.send_photo(USER, photo="AgACAgIAAxkDAAEnothing")


async def test_the_chat_is_checked_as_for_send_message(telegram: FakeBotApi, bot: Bot) -> None:
    telegram.block(USER)
    telegram.migrate(GROUP, -100555)

    with pytest.raises(BadRequest, match="Chat not found"):
        await bot.send_photo(999, photo=png(2, 2))
    with pytest.raises(Forbidden, match="bot was blocked by the user"):
        await bot.send_photo(USER, photo=png(2, 2))
    with pytest.raises(ChatMigrated) as migrated:
        await bot.send_photo(GROUP, photo=png(2, 2))
    assert migrated.value.new_chat_id == -100555
    with pytest.raises(BadRequest, match="Message thread not found"):
        await bot.send_photo(-100555, photo=png(2, 2), message_thread_id=3)


async def test_photos_and_messages_share_the_chats_flood_control(
    telegram: FakeBotApi, bot: Bot, clock: ManualClock
) -> None:
    await bot.send_message(USER, "one")
    await bot.send_photo(USER, photo=png(2, 2))

    with pytest.raises(RetryAfter):
        await bot.send_photo(USER, photo=png(2, 2))

    clock.advance(1)
    await bot.send_photo(USER, photo=png(2, 2))
    assert (len(telegram.photos(USER)), telegram.rate_limited) == (2, 1)


async def test_the_caption_of_a_photo_is_not_text_to_edit(bot: Bot) -> None:
    message = await bot.send_photo(USER, photo=png(2, 2), caption="c")

    with pytest.raises(BadRequest, match="There is no text in the message to edit"):
        await bot.edit_message_text("new", chat_id=USER, message_id=message.message_id)


async def test_a_fake_in_another_process_hands_photos_over_in_its_state(
    telegram: FakeBotApi, bot: Bot
) -> None:
    picture = png(3, 5)
    await bot.send_photo(USER, photo=picture, caption="c")

    [remote] = RemoteFake(telegram.base).photos(USER)

    assert remote == telegram.photos(USER)[0]
    assert isinstance(remote, SentPhoto)
    assert remote.data == picture


def test_image_size_reads_png_and_jpeg_headers_only() -> None:
    assert image_size(png(7, 9)) == ("png", 7, 9)
    assert image_size(PNG_SIGNATURE + b"\x00\x00\x00\x0dIDAT") is None
    assert image_size(b"\xff\xd8\xff\xd9") is None
    assert image_size(b"") is None


# ---------------------------------------------------------------- Slack external upload


@pytest.fixture
def slack(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeSlackApi]:
    clear_proxy_env(monkeypatch)
    with FakeSlackApi(clock=ManualClock()) as api:
        api.add_channel(NEWS, "news")
        api.add_channel("C0GONE", "gone", archived=True)
        api.add_channel("C0OUT", "out", member=False)
        yield api


@pytest.fixture
def client(slack: FakeSlackApi) -> AsyncWebClient:
    return AsyncWebClient(token=slack_fake.DEFAULT_TOKEN, base_url=slack.api_url)


async def test_files_upload_v2_shares_the_bytes_in_the_channel_thread(
    slack: FakeSlackApi, client: AsyncWebClient
) -> None:
    picture = png(40, 30)
    root = (await client.chat_postMessage(channel=NEWS, text="Strike on Kharkiv"))["ts"]

    done = await client.files_upload_v2(
        channel=NEWS,
        file=picture,
        filename="map.png",
        title="Kharkiv map",
        alt_txt="A map of Kharkiv",
        initial_comment="Where it happened",
        thread_ts=root,
    )

    [shared] = slack.files(NEWS)
    assert done["file"] == {"id": shared.file_id, "title": "Kharkiv map"}
    assert shared.data == picture
    assert (shared.filename, shared.title, shared.alt_txt) == (
        "map.png",
        "Kharkiv map",
        "A map of Kharkiv",
    )
    assert (shared.initial_comment, shared.thread_ts, shared.channel) == (
        "Where it happened",
        root,
        NEWS,
    )
    assert shared.ts is not None
    message = slack.message(NEWS, shared.ts)
    assert message is not None
    assert (message["subtype"], message["text"], message["thread_ts"]) == (
        "file_share",
        "Where it happened",
        root,
    )
    assert [f["id"] for f in message["files"]] == [shared.file_id]
    assert [m.text for m in slack.messages(NEWS)] == ["Strike on Kharkiv"]
    calls = slack.requests
    assert (
        calls["files.getUploadURLExternal"],
        calls["upload_url"],
        calls["files.completeUploadExternal"],
    ) == (1, 1, 1)


async def test_text_content_and_a_missing_title_and_no_channel(
    slack: FakeSlackApi, client: AsyncWebClient
) -> None:
    await client.files_upload_v2(content="héllo", filename="note.txt")

    [kept] = slack.private_files()
    assert (kept.data, kept.title, kept.channel, kept.ts) == (
        "héllo".encode(),
        "note.txt",
        None,
        None,
    )
    assert slack.files(NEWS) == []


async def test_two_files_completed_together_share_one_message(
    slack: FakeSlackApi, client: AsyncWebClient
) -> None:
    done = await client.files_upload_v2(
        file_uploads=[
            {"file": png(2, 2), "filename": "a.png"},
            {"content": "b", "filename": "b.txt", "title": "Bee"},
        ],
        channel=NEWS,
        initial_comment="Two files",
    )

    first, second = slack.files(NEWS)
    assert [f["title"] for f in done["files"]] == ["a.png", "Bee"]
    assert first.ts == second.ts
    assert (second.data, second.title) == (b"b", "Bee")


@pytest.mark.parametrize(
    ("channel", "error"),
    [("C0NOSUCH", "channel_not_found"), ("C0GONE", "is_archived"), ("C0OUT", "not_in_channel")],
)
async def test_a_channel_the_bot_cannot_post_in_is_refused_as_chat_post_message_does(
    slack: FakeSlackApi, client: AsyncWebClient, channel: str, error: str
) -> None:
    with pytest.raises(SlackApiError) as refused:
        await client.files_upload_v2(channel=channel, file=png(2, 2), filename="map.png")
    with pytest.raises(SlackApiError) as posting:
        await client.chat_postMessage(channel=channel, text="x")

    assert refused.value.response["error"] == posting.value.response["error"] == error
    assert slack.files(channel) == []
    assert slack.private_files() == []


async def test_asking_for_an_upload_url_checks_its_arguments(client: AsyncWebClient) -> None:
    async def refusal(**arguments: object) -> str:
        with pytest.raises(SlackApiError) as error:
            await client.api_call("files.getUploadURLExternal", params=arguments)
        return str(error.value.response["error"])

    assert await refusal(filename="a.png", length=0) == "missing_argument"
    assert await refusal(filename="", length=3) == "invalid_arguments"
    assert await refusal(length=3) == "invalid_arguments"
    assert await refusal(filename="a.png", length="three") == "invalid_arguments"
    assert await refusal(filename="a.png", length=2**30 + 1) == "file_upload_size_restricted"
    too_long = "x" * 1001
    assert await refusal(filename="a.png", length=3, alt_txt=too_long) == "alt_txt_too_large"
    got = await client.files_getUploadURLExternal(
        filename="a.png", length=2**30, alt_txt="x" * 1000, snippet_type="text"
    )
    assert str(got["upload_url"]).startswith(client.base_url.removesuffix("api/") + "upload/v1/")
    assert str(got["file_id"]).startswith("F")


async def test_a_bad_token_is_refused_before_any_url_is_handed_out(slack: FakeSlackApi) -> None:
    stranger = AsyncWebClient(token="xoxb-someone-else", base_url=slack.api_url)

    with pytest.raises(SlackApiError) as error:
        await stranger.files_upload_v2(channel=NEWS, content="x", filename="x.txt")

    assert error.value.response["error"] == "invalid_auth"
    assert slack.requests["upload_url"] == 0


async def test_the_upload_url_takes_raw_or_multipart_bytes_of_the_declared_length(
    slack: FakeSlackApi, client: AsyncWebClient
) -> None:
    form = await client.files_getUploadURLExternal(filename="form.png", length=4)
    short = await client.files_getUploadURLExternal(filename="short.png", length=4)
    async with httpx.AsyncClient(trust_env=False) as http:
        sent = await http.post(form["upload_url"], files={"file": ("form.png", b"\x00\r\n\xff")})
        again = await http.post(form["upload_url"], content=b"abcd")
        wrong = await http.post(short["upload_url"], content=b"abc")
        stranger = await http.post(f"{slack.base}/upload/v1/T0FAKE-F0NOSUCH-0", content=b"abcd")

    assert (sent.status_code, sent.text) == (200, "OK - 4")
    assert (again.status_code, wrong.status_code, stranger.status_code) == (409, 400, 404)
    assert "issued for 4" in wrong.text
    await client.files_completeUploadExternal(files=[{"id": form["file_id"]}], channel_id=NEWS)
    [shared] = slack.files(NEWS)
    assert (shared.data, shared.title) == (b"\x00\r\n\xff", "form.png")


async def test_completing_an_unknown_unfinished_or_finished_upload_is_refused(
    client: AsyncWebClient,
) -> None:
    async def refusal(file_id: str) -> str:
        with pytest.raises(SlackApiError) as error:
            await client.files_completeUploadExternal(files=[{"id": file_id}], channel_id=NEWS)
        return str(error.value.response["error"])

    got = await client.files_getUploadURLExternal(filename="a.txt", length=1)
    assert await refusal("F0NOSUCH") == "file_not_found"
    assert await refusal(got["file_id"]) == "file_upload_not_complete"
    async with httpx.AsyncClient(trust_env=False) as http:
        await http.post(got["upload_url"], content=b"a")
    await client.files_completeUploadExternal(files=[{"id": got["file_id"]}], channel_id=NEWS)
    assert await refusal(got["file_id"]) == "file_not_found"
