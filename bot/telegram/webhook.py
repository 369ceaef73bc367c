"""Telegram webhook for production: `/webhooks/telegram` on the portal's FastAPI app.

The portal mounts it with:
    hook = TelegramWebhook()                   # builds the Application without an updater
    app.include_router(hook.router)
    # in the lifespan: await hook.startup() ... await hook.shutdown()
`startup()` registers TELEGRAM_WEBHOOK_URL (the public HTTPS address of this route) with the Bot API
(setWebhook) and refuses to start without it: a webhook Telegram does not know receives nothing.
Telegram must send X-Telegram-Bot-Api-Secret-Token == TELEGRAM_WEBHOOK_SECRET; anything else is 403.
An accepted update is stored in the database (helpline/tickets/intake.py) before the 200 and handled from
there by an IntakeLoop (bot/inbound.py), once per update_id, even when this process dies after the 200.
"""
from __future__ import annotations

import asyncio
import hmac
import json
import logging
from urllib.parse import urlsplit

from fastapi import APIRouter, Request, Response
from telegram import Update
from telegram.ext import Application

from bot.inbound import IntakeLoop
from bot.telegram.app import build_application
from helpline import settings
from helpline.tickets import intake

log = logging.getLogger(__name__)

PATH = "/webhooks/telegram"
CHANNEL = "telegram"
MAX_BODY = 1 << 20   # a real update is a few KB


def secret_ok(given: str | None, secret: str) -> bool:
    """Constant-time comparison; an unset secret refuses everything."""
    if not secret or not given:
        return False
    return hmac.compare_digest(given.encode(), secret.encode())


class WebhookNotConfigured(RuntimeError):
    """Webhook mode without a usable TELEGRAM_WEBHOOK_URL (or secret): the bot must not start."""


def checked_url(url: str, secret: str) -> str:
    """The webhook URL to register, or WebhookNotConfigured saying which setting to fix."""
    if not url:
        raise WebhookNotConfigured(
            "TELEGRAM_WEBHOOK_URL is not set: webhook mode needs the public HTTPS address of "
            f"{PATH} (e.g. https://helpline.example.in{PATH}) to register with Telegram; "
            "set it, or run the bot in polling mode (python -m bot) without TELEGRAM_WEBHOOK_SECRET")
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.netloc:
        raise WebhookNotConfigured(f"TELEGRAM_WEBHOOK_URL must be an absolute https:// address, not {url!r}")
    if not secret:
        raise WebhookNotConfigured("TELEGRAM_WEBHOOK_SECRET is not set: the webhook would refuse every update")
    return url


class TelegramWebhook:
    """The webhook route plus start/stop of the Application that processes its updates."""

    def __init__(self, application: Application | None = None, secret: str | None = None,
                 url: str | None = None):
        self.application = application if application is not None else build_application(updater=False)
        self.secret = settings.TELEGRAM_WEBHOOK_SECRET if secret is None else secret
        self.url = settings.TELEGRAM_WEBHOOK_URL if url is None else url
        self.intake_loop = IntakeLoop(CHANNEL, self.process)
        self.router = APIRouter()
        self.router.add_api_route(PATH, self.receive, methods=["POST"], include_in_schema=False)

    async def receive(self, request: Request) -> Response:
        """Check the secret, parse the update, store it, answer 200; it is handled from the database."""
        if not secret_ok(request.headers.get("X-Telegram-Bot-Api-Secret-Token"), self.secret):
            return Response(status_code=403)
        body = await request.body()
        if len(body) > MAX_BODY:
            return Response(status_code=413)
        try:
            data = json.loads(body)
            if not isinstance(data, dict) or not isinstance(data.get("update_id"), int):
                raise ValueError("not an update")
            update = Update.de_json(data, self.application.bot)
        except (ValueError, TypeError, KeyError, RecursionError) as err:
            log.warning("refused a malformed Telegram update: %r", err)
            return Response(status_code=400)
        chat = update.effective_chat
        sender = str(chat.id) if chat is not None else f"update:{update.update_id}"
        # Stored before the 200: a database failure is a 500 and Telegram delivers the update again.
        if await asyncio.to_thread(intake.accept, CHANNEL, update.update_id, sender, data):
            self.intake_loop.kick()
        return Response(status_code=200)

    async def process(self, item: intake.IntakeItem) -> None:
        """Run one stored update through the bot's handlers (errors go to the bot's error handler)."""
        await self.application.process_update(Update.de_json(item.payload, self.application.bot))

    async def startup(self) -> None:
        """Register the webhook URL with Telegram and start processing; refuses to start without it."""
        url = checked_url(self.url, self.secret)
        await self.application.initialize()
        try:
            await self.application.bot.set_webhook(url, secret_token=self.secret, allowed_updates=Update.ALL_TYPES)
        except Exception:
            await self.application.shutdown()
            raise
        await self.application.start()
        self.intake_loop.start()   # also takes up updates a previous process accepted and did not finish
        log.info("telegram webhook registered: %s", url)

    async def shutdown(self) -> None:
        await self.intake_loop.stop()
        await self.application.stop()
        await self.application.shutdown()
