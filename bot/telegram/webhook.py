"""Telegram webhook for production: `/webhooks/telegram` on the portal's FastAPI app.

The portal mounts it with:
    hook = TelegramWebhook()                   # builds the Application without an updater
    app.include_router(hook.router)
    # in the lifespan: await hook.startup(public_url) ... await hook.shutdown()
Telegram must send X-Telegram-Bot-Api-Secret-Token == TELEGRAM_WEBHOOK_SECRET; anything else is 403.
"""
from __future__ import annotations

import hmac
import json
import logging

from fastapi import APIRouter, Request, Response
from telegram import Update
from telegram.ext import Application

from helpline import settings

log = logging.getLogger(__name__)

PATH = "/webhooks/telegram"
MAX_BODY = 1 << 20   # a real update is a few KB


def secret_ok(given: str | None, secret: str) -> bool:
    """Constant-time comparison; an unset secret refuses everything."""
    if not secret or not given:
        return False
    return hmac.compare_digest(given.encode(), secret.encode())


class TelegramWebhook:
    """The webhook route plus start/stop of the Application that processes its updates."""

    def __init__(self, application: Application | None = None, secret: str | None = None):
        if application is None:
            from bot.app import build_application
            application = build_application(updater=False)
        self.application = application
        self.secret = settings.TELEGRAM_WEBHOOK_SECRET if secret is None else secret
        self.router = APIRouter()
        self.router.add_api_route(PATH, self.receive, methods=["POST"], include_in_schema=False)

    async def receive(self, request: Request) -> Response:
        """Check the secret, parse the update, queue it, answer 200 at once."""
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
        await self.application.update_queue.put(update)
        return Response(status_code=200)

    async def startup(self, public_url: str | None = None) -> None:
        """Start processing; register the webhook with Telegram when a public URL is given."""
        await self.application.initialize()
        await self.application.start()
        if public_url:
            await self.application.bot.set_webhook(public_url.rstrip("/") + PATH, secret_token=self.secret,
                                                   allowed_updates=Update.ALL_TYPES)

    async def shutdown(self) -> None:
        await self.application.stop()
        await self.application.shutdown()
