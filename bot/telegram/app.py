"""The Telegram Application: the bot pointed at settings.TELEGRAM_API_BASE_URL, handlers wired.

Group -1 drops duplicate updates; group 0 holds officer commands and training (they stop the
update when the chat is an officer's); group 1 is the citizen experience, which everyone else gets.
"""
from __future__ import annotations

import logging

from telegram import Update
from telegram.ext import Application, ApplicationBuilder, BaseUpdateProcessor, ContextTypes

from bot.channel import guess_language, render
from bot.inbound import SenderOrder
from bot.relay import Relay
from bot.telegram import citizen, officer, training
from bot.telegram.adapter import bot_token, file_base_url
from bot.telegram.commands import citizen_commands
from helpline import settings

log = logging.getLogger(__name__)


class PerChatUpdateProcessor(BaseUpdateProcessor):
    """Chats are handled at once, but one chat's updates strictly in arrival order."""

    def __init__(self, max_concurrent_updates: int):
        super().__init__(max_concurrent_updates)
        self._order = SenderOrder()

    async def do_process_update(self, update: object, coroutine) -> None:
        chat = getattr(update, "effective_chat", None)
        if chat is None:
            await coroutine
            return
        async with self._order.turn(chat.id):
            await coroutine

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass


async def post_init(app: Application) -> None:
    """At start: the citizen command menu."""
    await citizen_commands(app.bot)


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
    builder = (ApplicationBuilder().token(bot_token(token)).base_url(base).base_file_url(file_base_url(base))
               .concurrent_updates(PerChatUpdateProcessor(64)).post_init(post_init).post_shutdown(_post_shutdown))
    if not updater:
        builder = builder.updater(None)
    app = builder.build()
    app.bot_data["relay"] = relay or Relay()
    officer.register(app)
    training.register(app)   # tour, officer /help, /practice, /readiness (group 0)
    citizen.register(app, dedupe=updater)   # webhook mode: de-duplicated by the durable intake
    app.add_error_handler(on_error)
    return app
