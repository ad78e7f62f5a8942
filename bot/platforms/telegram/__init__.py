"""Telegram through python-telegram-bot: commands in, paced HTML alerts out, errors as data."""

from __future__ import annotations

import logging
import os
import time
import warnings
from collections.abc import Awaitable, Callable, Mapping, Sequence
from datetime import timedelta

from telegram import (
    BotCommand,
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    ReplyParameters,
    Update,
    User,
)
from telegram.constants import MessageLimit, ParseMode
from telegram.error import (
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.alerts.filters import NEAR_KM
from bot.config.schema import TelegramSettings
from bot.errors import ChatGone, ChatMoved, DeliveryError, MessageGone, PlatformError
from bot.platforms.pacing import Limits, Pacer
from bot.platforms.telegram.markup import messages
from bot.records import ChatRef, CommandRequest, Document, Picture, Reply, Severity

log = logging.getLogger(__name__)
PLATFORM = "telegram"
CommandCallback = Callable[[CommandRequest], Awaitable[Reply]]
_COMMAND_NAME = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")
# Commands come as messages, and as posts in channels the bot administers; an edited
# "/subscribe" is not a second command.
_UPDATES = [Update.MESSAGE, Update.CHANNEL_POST, Update.CALLBACK_QUERY]
# Telegram carries a button's callback_data in 1-64 bytes; a longer action is left off.
CALLBACK_BYTES = 64


def keyboard(document: Document) -> InlineKeyboardMarkup | None:
    """The document's buttons as an inline keyboard; None when it has none."""
    rows = [
        [
            InlineKeyboardButton(b.label, callback_data=b.action)
            for b in row
            if 0 < len(b.action.encode("utf-8")) <= CALLBACK_BYTES
        ]
        for row in document.buttons
    ]
    rows = [r for r in rows if r]
    return InlineKeyboardMarkup(rows) if rows else None


def _seconds(exc: RetryAfter) -> float:
    # PTB 22 warns on reading retry_after unless PTB_TIMEDELTA is set; both shapes are fine.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def is_group(chat_id: str) -> bool:
    """Telegram groups, supergroups and channels have negative ids."""
    return chat_id.startswith("-")


class TelegramPlatform:
    """The bot: PTB's Application inside our loop (initialize/start/start_polling, never
    run_polling), commands translated to CommandRequests, alerts sent at Telegram's pace.
    """

    name = PLATFORM

    def __init__(
        self,
        settings: TelegramSettings,
        *,
        on_command: CommandCallback,
        commands: Sequence[tuple[str, str]] = (),
        menus: Mapping[str, Sequence[tuple[str, str]]] | None = None,
        pacer: Pacer | None = None,
        max_wait: float = 900.0,
    ) -> None:
        # PTB 22 warns whenever it builds a RetryAfter unless this opts into the timedelta
        # form it will use by default; flood control is routine here, not a deprecation.
        os.environ.setdefault("PTB_TIMEDELTA", "1")
        self._settings = settings
        self._on_command = on_command
        # The command menu per language_code ("" for everyone else), as setMyCommands takes it.
        self._menus = {"": commands, **(menus or {})}
        self._operators = frozenset(settings.operators)
        self._pacer = pacer or Pacer(
            Limits(
                overall_per_second=settings.overall_per_second,
                per_chat_per_second=settings.per_chat_per_second,
                per_group_per_minute=settings.per_group_per_minute,
            )
        )
        # How long one message may wait out flood control before the outbox retries it later.
        self._max_wait = max_wait
        poll = settings.poll_timeout.total_seconds()
        self._app: Application = (  # type: ignore[type-arg]
            ApplicationBuilder()
            .token(settings.token.get_secret_value())
            .base_url(settings.base_url)
            .base_file_url(settings.base_url.replace("/bot", "/file/bot"))
            .get_updates_read_timeout(poll + 10)
            .concurrent_updates(True)
            .build()
        )
        self._app.add_handler(
            MessageHandler(filters.COMMAND & filters.UpdateType.MESSAGE, self._on_message)
        )
        # A channel the bot administers is subscribed by a command posted in it: posting
        # there takes an admin, who may change what the channel receives.
        self._app.add_handler(
            MessageHandler(filters.COMMAND & filters.UpdateType.CHANNEL_POST, self._on_message)
        )
        self._app.add_handler(CallbackQueryHandler(self._on_press))
        # A location shared in the chat subscribes it to what happens near that point.
        self._app.add_handler(
            MessageHandler(filters.LOCATION & filters.UpdateType.MESSAGE, self._on_location)
        )
        self._app.add_error_handler(self._on_error)
        self._username = ""

    async def start(self, *, listen: bool = True) -> None:
        try:
            await self._app.initialize()
        except (InvalidToken, NetworkError) as exc:
            # The HTTP client is open even though initialize failed: close it.
            await self._app.bot.shutdown()
            if isinstance(exc, InvalidToken):
                raise PlatformError(
                    "telegram: the bot token was refused (401). Check TELEGRAM_BOT_TOKEN."
                ) from exc
            raise PlatformError(f"telegram: cannot reach the Bot API: {exc}") from exc
        self._username = (self._app.bot.username or "").lower()
        await self._app.start()
        if listen:
            await self.listen()
        else:
            log.info("telegram started bot=@%s, sending only", self._username)

    async def listen(self) -> None:
        updater = self._app.updater
        assert updater is not None
        if updater.running:
            return
        await self._publish_commands()
        if self._settings.mode == "webhook":
            secret = self._settings.webhook_secret
            await updater.start_webhook(
                listen=self._settings.webhook_listen,
                port=self._settings.webhook_port,
                webhook_url=self._settings.webhook_url,
                secret_token=secret.get_secret_value() if secret else None,
                allowed_updates=_UPDATES,
            )
        else:
            await updater.start_polling(
                timeout=int(self._settings.poll_timeout.total_seconds()),
                allowed_updates=_UPDATES,
            )
        log.info("telegram started bot=@%s mode=%s", self._username, self._settings.mode)

    async def unlisten(self) -> None:
        updater = self._app.updater
        if updater is not None and updater.running:
            await updater.stop()
            log.info("telegram stopped receiving updates")

    @property
    def rate_limited_seconds(self) -> float:
        """Seconds the service asked us to wait (its 429s), in all: a metric."""
        return self._pacer.backed_off

    async def stop(self) -> None:
        updater = self._app.updater
        if updater is not None and updater.running:
            await updater.stop()
        if self._app.running:
            await self._app.stop()
        await self._app.shutdown()

    async def _publish_commands(self) -> None:
        """The command menu, in each language it has: users whose app speaks one see it."""
        for language, commands in self._menus.items():
            listed = [
                BotCommand(name, description[:256] or name)
                for name, description in commands
                if 1 <= len(name) <= 32 and set(name) <= _COMMAND_NAME
            ][:100]
            if language and not listed:
                continue
            try:
                await self._app.bot.set_my_commands(listed, language_code=language or None)
            except TelegramError as exc:
                # The menu is a convenience: a refusal must not keep alerts from going out.
                log.warning(
                    "telegram setMyCommands failed language=%s error=%r", language, str(exc)
                )

    # --- commands in ---------------------------------------------------------------------

    def request_of(self, update: Update) -> CommandRequest | None:
        """A command addressed to this bot as a platform-neutral request; None otherwise."""
        message = update.effective_message
        chat = update.effective_chat
        if message is None or chat is None or not message.text or not message.entities:
            return None
        entity = message.entities[0]
        if entity.type != "bot_command" or entity.offset != 0:
            return None
        head = message.text[: entity.length]
        name, _, target = head[1:].partition("@")
        if target and self._username and target.lower() != self._username:
            return None  # "/help@otherbot" in a group is for another bot
        user = update.effective_user
        if user is None and chat.type == "channel":
            # A channel post has no author, only the channel: whoever could post is an
            # admin of it. Its id stands for the user in logs and `created_by`.
            return CommandRequest(
                chat=ChatRef(PLATFORM, str(chat.id)),
                user_id=f"channel:{chat.id}",
                name=name.lower(),
                text=message.text[entity.length :].strip(),
                user_name=chat.username,
            )
        return self._request(message, chat, user, name, message.text[entity.length :])

    def location_request(self, update: Update) -> CommandRequest | None:
        """A shared location as `/subscribe near:<lat>,<lon> <km>` from its sender."""
        message, chat, user = (
            update.effective_message,
            update.effective_chat,
            update.effective_user,
        )
        if message is None or chat is None or message.location is None:
            return None
        point = message.location
        near = f"near:{point.latitude:.4f},{point.longitude:.4f} {NEAR_KM}km"
        return self._request(message, chat, user, "subscribe", near)

    def _request(
        self, message: Message, chat: Chat, user: User | None, name: str, text: str
    ) -> CommandRequest:
        """A command `name` with its arguments `text`, from `user` in the message's chat
        (and forum topic)."""
        thread = (
            str(message.message_thread_id)
            if message.is_topic_message and message.message_thread_id
            else None
        )
        return CommandRequest(
            chat=ChatRef(PLATFORM, str(chat.id), thread),
            user_id=str(user.id) if user else "",
            name=name.lower(),
            text=text.strip(),
            user_name=user.username if user else None,
            is_operator=user is not None and user.id in self._operators,
            is_private=chat.type == "private",
            language=user.language_code if user else None,
        )

    async def _on_press(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        """A button pressed: its data is a command line, run for the one who pressed it. An
        answer that replaces (the wizard's next step) is edited into the pressed message;
        any other comes as a new message. The press is always answered, or the user's app
        keeps spinning."""
        query = update.callback_query
        if query is None:
            return
        message = query.message
        user = query.from_user
        if not query.data or message is None or not isinstance(message, Message):
            await query.answer()
            return
        name, _, rest = query.data.strip().partition(" ")
        request = self._request(message, message.chat, user, name, rest)
        log.info("telegram button chat=%s user=%s command=%s", request.chat, user.id, request.name)
        reply = await self._on_command(request)
        try:
            if reply.replace:
                await query.answer()
                await self.edit(request.chat, (str(message.message_id),), reply.document)
                return
            # A short answer shows as the press's own notice; the reply follows in the chat.
            notice = reply.document.plain_text().split("\n", 1)[0][:200]
            await query.answer(text=notice)
            await self.send(request.chat, reply.document, severity=Severity.ROUTINE)
        except (DeliveryError, TelegramError) as exc:
            log.warning("telegram button answer failed chat=%s error=%r", request.chat, str(exc))

    async def _on_location(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        request = self.location_request(update)
        if request is None:
            return
        log.info("telegram location shared chat=%s user=%s", request.chat, request.user_id)
        await self._answer(request)

    async def _on_message(self, update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        request = self.request_of(update)
        if request is None:
            return
        log.info(
            "telegram command chat=%s user=%s command=%s",
            request.chat,
            request.user_id,
            request.name,
        )
        await self._answer(request)

    async def _answer(self, request: CommandRequest) -> None:
        reply = await self._on_command(request)
        try:
            if reply.picture is not None:
                await self.send_picture(request.chat, reply.picture)
            await self.send(request.chat, reply.document, severity=Severity.ROUTINE)
        except DeliveryError as exc:
            log.warning("telegram reply failed chat=%s error=%r", request.chat, str(exc))

    async def send_picture(self, chat: ChatRef, picture: Picture) -> str:
        """sendPhoto with the picture's caption and, since Telegram photos carry no alt
        text, its description for screen readers, within the 1,024-character caption."""
        caption = picture.caption
        if picture.alt_text:
            caption = f"{caption}\n{picture.alt_text}" if caption else picture.alt_text
        if len(caption.encode("utf-16-le")) // 2 > MessageLimit.CAPTION_LENGTH:
            caption = caption[: MessageLimit.CAPTION_LENGTH - 1] + "…"
        await self._pacer.wait(chat.chat_id, group=is_group(chat.chat_id))
        try:
            message = await self._app.bot.send_photo(
                chat_id=int(chat.chat_id),
                photo=picture.png,
                caption=caption,
                message_thread_id=int(chat.thread_id) if chat.thread_id else None,
                filename=picture.filename,
            )
        except RetryAfter as exc:
            self._pacer.back_off(chat.chat_id, _seconds(exc))
            raise DeliveryError(f"flood control: retry after {_seconds(exc):.0f}s") from exc
        except Forbidden as exc:
            raise ChatGone(f"forbidden: {exc}") from exc
        except BadRequest as exc:
            raise DeliveryError(f"bad request: {exc}", permanent=True) from exc
        except (NetworkError, TelegramError) as exc:
            raise DeliveryError(f"network: {exc}") from exc
        return str(message.message_id)

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        # Polling hiccups (network, 5xx) are retried by PTB itself; log without the token.
        log.warning("telegram update error error=%r", str(context.error))

    # --- alerts out ----------------------------------------------------------------------

    async def send(
        self,
        chat: ChatRef,
        document: Document,
        *,
        severity: Severity,
        reply_to: str | None = None,
    ) -> tuple[str, ...]:
        ids = []
        silent = severity in self._settings.silent
        texts = messages(document)
        markup = keyboard(document)
        for i, text in enumerate(texts):
            buttons = markup if i == len(texts) - 1 else None  # under the last part
            ids.append(
                await self._send_text(
                    chat, text, reply_to=reply_to, silent=silent, reply_markup=buttons
                )
            )
        return tuple(ids)

    async def edit(self, chat: ChatRef, message_ids: Sequence[str], document: Document) -> None:
        """editMessageText on each message the card was sent as; a card that grew past them
        sends its rest as replies to the first."""
        texts = messages(document)
        markup = keyboard(document)
        last = len(texts) - 1
        for i, (message_id, text) in enumerate(zip(message_ids, texts, strict=False)):
            await self._edit_text(
                chat, message_id, text, reply_markup=markup if i == last else None
            )
        for i, text in enumerate(texts[len(message_ids) :], start=len(message_ids)):
            await self._send_text(
                chat,
                text,
                reply_to=message_ids[0] if message_ids else None,
                reply_markup=markup if i == last else None,
            )

    async def _edit_text(
        self,
        chat: ChatRef,
        message_id: str,
        text: str,
        *,
        reply_markup: InlineKeyboardMarkup | None = None,
    ) -> None:
        started = time.monotonic()
        while True:
            await self._pacer.wait(chat.chat_id, group=is_group(chat.chat_id))
            try:
                await self._app.bot.edit_message_text(
                    text=text,
                    chat_id=int(chat.chat_id),
                    message_id=int(message_id),
                    parse_mode=ParseMode.HTML,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                    reply_markup=reply_markup,
                )
            except RetryAfter as exc:
                wait = _seconds(exc)
                self._pacer.back_off(chat.chat_id, wait)
                if time.monotonic() - started + wait > self._max_wait:
                    raise DeliveryError(f"flood control: retry after {wait:.0f}s") from exc
                continue
            except Forbidden as exc:
                raise ChatGone(f"forbidden: {exc}") from exc
            except BadRequest as exc:
                reason = str(exc).lower()
                if "not modified" in reason:
                    return  # it already shows this card
                if "not found" in reason or "can't be edited" in reason:
                    raise MessageGone(f"message {message_id}: {exc}") from exc
                raise DeliveryError(f"bad request: {exc}", permanent=True) from exc
            except (NetworkError, TelegramError) as exc:
                raise DeliveryError(f"network: {exc}") from exc
            return

    async def _send_text(
        self,
        chat: ChatRef,
        text: str,
        *,
        reply_to: str | None = None,
        silent: bool = False,
        reply_markup: InlineKeyboardMarkup | None = None,
    ) -> str:
        started = time.monotonic()
        group = is_group(chat.chat_id)
        while True:
            await self._pacer.wait(chat.chat_id, group=group)
            try:
                message = await self._app.bot.send_message(
                    chat_id=int(chat.chat_id),
                    text=text,
                    parse_mode=ParseMode.HTML,
                    message_thread_id=int(chat.thread_id) if chat.thread_id else None,
                    link_preview_options=LinkPreviewOptions(is_disabled=True),
                    disable_notification=silent or None,
                    reply_markup=reply_markup,
                    # A reply to a deleted message still goes out, as a plain message.
                    reply_parameters=ReplyParameters(
                        message_id=int(reply_to), allow_sending_without_reply=True
                    )
                    if reply_to
                    else None,
                )
            except RetryAfter as exc:
                wait = _seconds(exc)
                # Flood control is waited out, never a reason to drop: retry the same text.
                self._pacer.back_off(chat.chat_id, wait)
                log.info("telegram flood control chat=%s retry_after=%.0f", chat, wait)
                if time.monotonic() - started + wait > self._max_wait:
                    raise DeliveryError(f"flood control: retry after {wait:.0f}s") from exc
                continue
            except ChatMigrated as exc:
                raise ChatMoved(
                    f"group became supergroup {exc.new_chat_id}", new_chat_id=str(exc.new_chat_id)
                ) from exc
            except Forbidden as exc:
                raise ChatGone(f"forbidden: {exc}") from exc
            except BadRequest as exc:
                # BadRequest subclasses NetworkError: it must be caught first, it is permanent.
                if "chat not found" in str(exc).lower():
                    raise ChatGone(f"chat not found: {exc}") from exc
                raise DeliveryError(f"bad request: {exc}", permanent=True) from exc
            except InvalidToken as exc:
                raise DeliveryError("bot token refused (401)") from exc
            except (NetworkError, TelegramError) as exc:
                raise DeliveryError(f"network: {exc}") from exc
            return str(message.message_id)
