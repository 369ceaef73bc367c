"""Telegram adapter: renders `Reply` objects as Telegram messages and inline keyboards.

The sender and the conversation handlers both send through `TelegramChannel.send`; `build_bot`
makes the Bot pointed at settings.TELEGRAM_API_BASE_URL; `save_photo` fetches a received photo.
"""
from __future__ import annotations

import asyncio
import hashlib
import logging
import warnings
from collections import OrderedDict
from pathlib import Path

from telegram import (Bot, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton,
                      Message, ReplyKeyboardMarkup)
from telegram.error import BadRequest, Forbidden, InvalidToken, RetryAfter, TelegramError

from bot import inbound
from bot.channel import Button, DeliveryError, Reply, split_text
from helpline import settings

log = logging.getLogger(__name__)

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_LIMIT = 64
TOKEN_PREFIX = "t:"
CHANNEL = "telegram"


def file_base_url(base_url: str) -> str:
    """Telegram's file URL for a Bot API base URL: .../bot -> .../file/bot (same host)."""
    head, sep, tail = base_url.rpartition("/bot")
    if not sep:
        return base_url.rstrip("/") + "/file/bot"
    return f"{head}/file/bot{tail}"


def bot_token(token: str | None = None) -> str:
    """The given token or TELEGRAM_BOT_TOKEN; without either the bot cannot start."""
    token = token or settings.TELEGRAM_BOT_TOKEN
    if not token:
        raise SystemExit("TELEGRAM_BOT_TOKEN is not set; the Telegram bot cannot start")
    return token


def build_bot(token: str | None = None, base_url: str | None = None) -> Bot:
    """A Bot for senders that need no handlers (e.g. `python -m bot.sender`)."""
    base = base_url or settings.TELEGRAM_API_BASE_URL
    return Bot(bot_token(token), base_url=base, base_file_url=file_base_url(base))


class PayloadTokens:
    """Short stand-ins for payloads longer than Telegram's 64-byte callback_data.

    Kept in memory (bounded); a replica that does not know a token falls back to the pressed
    button's title, which Rasa understands as typed text.
    """

    def __init__(self, size: int = 10000):
        self._map: OrderedDict[str, str] = OrderedDict()
        self._size = size

    def data_for(self, payload: str) -> str:
        if len(payload.encode()) <= CALLBACK_LIMIT:
            return payload
        token = TOKEN_PREFIX + hashlib.sha256(payload.encode()).hexdigest()[:24]
        self._map[token] = payload
        self._map.move_to_end(token)
        while len(self._map) > self._size:
            self._map.popitem(last=False)
        return token

    def payload_for(self, query: CallbackQuery) -> str:
        data = query.data or ""
        if not data.startswith(TOKEN_PREFIX):
            return data
        if data in self._map:
            return self._map[data]
        markup = query.message.reply_markup if query.message else None
        for row in (markup.inline_keyboard if markup else ()):
            for button in row:
                if button.callback_data == data:
                    return button.text
        return ""


tokens = PayloadTokens()


def keyboard(buttons: tuple[Button, ...] | list[Button]) -> InlineKeyboardMarkup | None:
    """One button per row, or two per row when every title is short."""
    if not buttons:
        return None
    items = [InlineKeyboardButton(b.title[:64], callback_data=tokens.data_for(b.payload)) for b in buttons]
    per_row = 2 if all(len(b.title) <= 18 for b in buttons) and len(buttons) > 3 else 1
    return InlineKeyboardMarkup([items[i:i + per_row] for i in range(0, len(items), per_row)])


def contact_keyboard(reply: Reply) -> ReplyKeyboardMarkup | None:
    """A "share contact" button (the dialogue's `request_contact` custom field): phone and name in one tap."""
    title = reply.data.get("request_contact")
    if not isinstance(title, str) or not title.strip():
        return None
    return ReplyKeyboardMarkup([[KeyboardButton(title.strip()[:64], request_contact=True)]],
                               one_time_keyboard=True, resize_keyboard=True)


class TelegramChannel:
    """The channel-neutral `send(address, replies)` interface, for Telegram chats."""

    name = "telegram"
    text_limit = TEXT_LIMIT

    def __init__(self, bot: Bot):
        self.bot = bot

    async def send(self, address: str | int, replies: list[Reply]) -> str | None:
        """Send every reply in order; returns the last Telegram message id (as text)."""
        last: Message | None = None
        for reply in replies:
            last = await self._send_one(int(address), reply) or last
        return str(last.message_id) if last else None

    async def deliver(self, address: str, replies: list[Reply]) -> str | None:
        """The sender's entry: like send(), with Telegram's refusals as DeliveryError."""
        try:
            return await self.send(address, replies)
        except RetryAfter as err:
            with warnings.catch_warnings():   # PTB 22 warns that the type becomes timedelta later
                warnings.simplefilter("ignore")
                retry = err.retry_after
            seconds = retry.total_seconds() if hasattr(retry, "total_seconds") else float(retry)
            raise DeliveryError(f"telegram 429: retry after {seconds}s", retry_after=seconds) from err
        except (Forbidden, BadRequest) as err:
            # Blocked by the user, chat not found, bad markup: sending again cannot help.
            raise DeliveryError(f"telegram refused: {err.message}", permanent=True) from err
        except InvalidToken as err:
            raise DeliveryError("telegram: invalid bot token") from err
        except TelegramError as err:   # NetworkError, TimedOut, 5xx
            raise DeliveryError(f"telegram unavailable: {err.message}") from err
        except ValueError as err:
            raise DeliveryError(f"bad address {address!r}", permanent=True) from err

    async def _send_one(self, chat_id: int, reply: Reply) -> Message | None:
        markup = keyboard(reply.buttons) or contact_keyboard(reply)
        last = None
        text = reply.text
        if reply.image:
            caption = text if len(text) <= CAPTION_LIMIT else None
            photo = _photo_input(reply.image)
            last = await self.bot.send_photo(chat_id, photo, caption=caption,
                                             reply_markup=markup if caption is not None else None)
            if caption is not None:
                return last
        pieces = split_text(text, TEXT_LIMIT)
        if not pieces and markup:
            pieces = ["👇"]
        for i, piece in enumerate(pieces):
            is_last = i == len(pieces) - 1
            last = await self.bot.send_message(chat_id, piece, reply_markup=markup if is_last else None)
        return last


def _photo_input(image: str):
    """A URL or file_id goes as text; a path under var/ or the photo folder is uploaded."""
    path = Path(image)
    if not image.startswith(("http://", "https://")) and path.is_file() \
            and any(path.resolve().is_relative_to(root.resolve()) for root in (settings.ROOT / "var", settings.PHOTO_DIR)):
        return path.read_bytes()
    return image


async def save_photo(bot: Bot, file_id: str, unique_id: str) -> dict:
    """The photo's file id and, when Telegram gives a path, the file saved in the photo folder."""
    photo = {"file_id": file_id}
    try:
        tg_file = await bot.get_file(file_id)
        if tg_file.file_path:
            content = bytes(await tg_file.download_as_bytearray())
            photo["path"] = str(await asyncio.to_thread(inbound.save_photo, CHANNEL, unique_id, "jpg", content))
    except (TelegramError, OSError) as err:
        log.warning("photo %s kept as file id only: %r", file_id, err)
    return photo
