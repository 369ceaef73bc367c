"""Run the Telegram bot in polling mode (local use), with the notification sender alongside.

    TELEGRAM_BOT_TOKEN=... .venv/bin/python -m bot            # bot + sender
    TELEGRAM_BOT_TOKEN=... .venv/bin/python -m bot --no-sender

In production the portal mounts bot.telegram.webhook.TelegramWebhook instead (webhook mode), and a
worker runs `python -m bot.worker` (or the sender alone, `python -m bot.sender`).
"""
from __future__ import annotations

import argparse
import asyncio
import logging

from telegram import Update
from telegram.ext import Application

from bot import wiring
from bot.sender import Sender
from bot.telegram.app import build_application, post_init
from helpline import log_privacy


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bot", description="CM Helpline Telegram bot (polling)")
    parser.add_argument("--no-sender", action="store_true", help="do not deliver the notification outbox")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    log_privacy.install()   # phone numbers: last 4 digits only, in every log line
    logging.getLogger("httpx").setLevel(logging.WARNING)

    app = build_application()
    stop = asyncio.Event()

    async def start_sender(application: Application) -> None:
        await post_init(application)   # the citizen command list (post_init is replaced here)
        if not args.no_sender:
            sender = Sender(wiring.channels_from_settings(application.bot))   # Telegram, and WhatsApp if set
            application.bot_data["sender_task"] = asyncio.create_task(sender.run(stop))

    async def stop_sender(application: Application) -> None:
        stop.set()
        task = application.bot_data.get("sender_task")
        if task is not None:
            await task

    app.post_init = start_sender
    app.post_stop = stop_sender
    app.run_polling(allowed_updates=Update.ALL_TYPES, timeout=30)


if __name__ == "__main__":
    main()
