"""The Telegram Application: the bot pointed at settings.TELEGRAM_API_BASE_URL, handlers wired.

Group -1 drops duplicate updates; group 0 holds officer commands (they stop the update when
the chat is an officer's); group 1 is the citizen experience, which everyone else gets.
"""
from __future__ import annotations

import asyncio
import logging

from telegram import Bot, BotCommand, BotCommandScopeChat, Update
from telegram.ext import Application, ApplicationBuilder, BaseUpdateProcessor, ContextTypes

from bot import telegram_citizen, telegram_officer, telegram_onboarding
from bot.relay import Relay
from bot.telegram_channel import file_base_url
from bot.texts import guess_language, render
from helpline import settings

log = logging.getLogger(__name__)

CITIZEN_COMMANDS = [("start", "शुरू करें / Start"), ("help", "सहायता / Help"),
                    ("status", "शिकायत की स्थिति / Complaint status"),
                    ("mycomplaints", "मेरी शिकायतें / My complaints"), ("language", "भाषा / Language")]
OFFICER_COMMANDS = [("mytickets", "मेरी लंबित शिकायतें / My pending tickets"),
                    ("ticket", "शिकायत देखें / Show a ticket"),
                    ("practice", "अभ्यास / Practice round")]
DM_COMMANDS = [("district", "ज़िले की स्थिति / District picture"),
               ("readiness", "पदों की तैयारी / Readiness of posts")]


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Chats are handled at once, but one chat's updates strictly in arrival order."""

    def __init__(self, max_concurrent_updates: int):
        super().__init__(max_concurrent_updates)
        self._locks: dict[int, asyncio.Lock] = {}
        self._users: dict[int, int] = {}   # updates holding or awaiting each chat's lock

    async def do_process_update(self, update: object, coroutine) -> None:
        chat = getattr(update, "effective_chat", None)
        if chat is None:
            await coroutine
            return
        lock = self._locks.setdefault(chat.id, asyncio.Lock())
        self._users[chat.id] = self._users.get(chat.id, 0) + 1
        try:
            async with lock:
                await coroutine
        finally:
            self._users[chat.id] -= 1
            if not self._users[chat.id]:   # forget idle chats
                del self._users[chat.id], self._locks[chat.id]

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


def _token(token: str | None) -> str:
    token = token or settings.TELEGRAM_BOT_TOKEN
    if not token:
        raise SystemExit("TELEGRAM_BOT_TOKEN is not set; the Telegram bot cannot start")
    return token


def build_bot(token: str | None = None, base_url: str | None = None) -> Bot:
    """A Bot for senders that need no handlers (e.g. `python -m bot.sender`)."""
    base = base_url or settings.TELEGRAM_API_BASE_URL
    return Bot(_token(token), base_url=base, base_file_url=file_base_url(base))


async def officer_commands_for(bot: Bot, chat_id: int, is_dm: bool) -> None:
    """Show officer commands in this chat only; everyone else sees the citizen list."""
    commands = CITIZEN_COMMANDS + OFFICER_COMMANDS + (DM_COMMANDS if is_dm else [])
    await bot.set_my_commands([BotCommand(c, d) for c, d in commands], scope=BotCommandScopeChat(chat_id))


async def _post_init(app: Application) -> None:
    await app.bot.set_my_commands([BotCommand(c, d) for c, d in CITIZEN_COMMANDS])


async def _post_shutdown(app: Application) -> None:
    relay = app.bot_data.get("relay")
    if relay is not None:
        await relay.aclose()


async def on_error(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
    """Log with the update id; tell the person politely instead of going silent."""
    update_id = getattr(update, "update_id", None)
    log.error("update %s failed", update_id, exc_info=context.error)
    if isinstance(update, Update) and update.effective_chat:
        user = update.effective_user
        lang = guess_language(None, user.language_code if user else None)
        try:
            await context.bot.send_message(update.effective_chat.id, render("error.generic", lang))
        except Exception:   # the error report itself must never raise
            log.warning("could not tell chat %s about the error", update.effective_chat.id)


def build_application(token: str | None = None, base_url: str | None = None, relay: Relay | None = None,
                      updater: bool = True) -> Application:
    """The bot with every handler; `updater=False` for webhook mode."""
    base = base_url or settings.TELEGRAM_API_BASE_URL
    builder = (ApplicationBuilder().token(_token(token)).base_url(base).base_file_url(file_base_url(base))
               .concurrent_updates(PerChatUpdateProcessor(64)).post_init(_post_init).post_shutdown(_post_shutdown))
    if not updater:
        builder = builder.updater(None)
    app = builder.build()
    app.bot_data["relay"] = relay or Relay()
    telegram_officer.register(app)
    telegram_onboarding.register(app)   # tour, officer /help, /practice, /readiness (group 0)
    telegram_citizen.register(app)
    app.add_error_handler(on_error)
    return app
