"""Telegram adapter: renders `Reply` objects as Telegram messages and inline keyboards.

The sender and the conversation handlers both send through `TelegramChannel.send`.
"""
from __future__ import annotations

import hashlib
import warnings
from collections import OrderedDict
from pathlib import Path

from telegram import Bot, CallbackQuery, InlineKeyboardButton, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, Forbidden, InvalidToken, RetryAfter, TelegramError

from bot.rendering import Button, Reply, split_text
from helpline import settings

TEXT_LIMIT = 4096
CAPTION_LIMIT = 1024
CALLBACK_LIMIT = 64
TOKEN_PREFIX = "t:"


def file_base_url(base_url: str) -> str:
    """Telegram's file URL for a Bot API base URL: .../bot -> .../file/bot (same host)."""
    head, sep, tail = base_url.rpartition("/bot")
    if not sep:
        return base_url.rstrip("/") + "/file/bot"
    return f"{head}/file/bot{tail}"


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
        from bot.sender import DeliveryError

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
        markup = keyboard(reply.buttons)
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
    """A URL or file_id goes as text; a path under var/ is uploaded."""
    path = Path(image)
    if not image.startswith(("http://", "https://")) and path.is_file() \
            and path.resolve().is_relative_to((settings.ROOT / "var").resolve()):
        return path.read_bytes()
    return image
