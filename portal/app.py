"""The portal's FastAPI app: web chat (/), dashboard (/dashboard), review and readiness pages,
Open311 (/open311/v2), health, and the Telegram/WhatsApp webhooks when those channels are configured.

Run with `uvicorn portal.app:app --host 127.0.0.1 --port 8000` (settings.PORTAL_HOST/PORT).
"""
from __future__ import annotations

import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text

from bot.telegram.webhook import TelegramWebhook
from bot.whatsapp.webhook import build_webhook as whatsapp_webhook
from helpline import log_privacy, settings
from helpline.store import db
from portal import dashboard, guard, open311, readiness, review_pages, webchat
from portal.templating import STATIC_DIR

log = logging.getLogger(__name__)


def telegram_webhook() -> TelegramWebhook | None:
    """The Telegram webhook in webhook mode only (token and secret set); polling needs none.

    Its start (in the lifespan) registers TELEGRAM_WEBHOOK_URL and fails loudly without it.
    """
    if not (settings.TELEGRAM_BOT_TOKEN and settings.TELEGRAM_WEBHOOK_SECRET):
        return None
    return TelegramWebhook()


def create_app() -> FastAPI:
    """A fresh app; every router is mounted here so one screen shows the whole site."""
    log_privacy.install()   # phones masked, api_key hidden in every log line of this process
    hook = telegram_webhook()
    whatsapp = whatsapp_webhook()   # None unless the WhatsApp settings are set

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        if hook is not None:
            await hook.startup()
        if whatsapp is not None:
            whatsapp.start()   # handles stored messages, also those left by a process that died
        try:
            yield
        finally:
            if whatsapp is not None:
                await whatsapp.shutdown()
            if hook is not None:
                await hook.shutdown()
            await webchat.close_relay()

    app = FastAPI(title="CM Helpline 1905", lifespan=lifespan,
                  description="Web chat, the officers' dashboard and the Open311 GeoReport v2 API.")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(webchat.router)
    app.include_router(dashboard.router)
    app.include_router(review_pages.router)    # /dashboard/review
    app.include_router(readiness.router)       # /dashboard/readiness
    app.include_router(open311.router)         # /open311/v2
    if hook is not None:
        app.include_router(hook.router)        # /webhooks/telegram
    if whatsapp is not None:
        app.include_router(whatsapp.router)    # /webhooks/whatsapp

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> JSONResponse:
        """200 when the database answers; 503 otherwise (for load balancers and `make run`)."""
        try:
            with db.engine().execution_options(helpline_readonly=True).connect() as conn:   # no write lock
                conn.execute(text("SELECT 1"))
        except Exception as err:  # any database failure means "not ready"
            log.warning("health check: database unavailable: %r", err)
            return JSONResponse({"status": "unavailable", "database": "down"}, status_code=503)
        return JSONResponse({"status": "ok", "database": "ok"})

    dashboard.install_error_pages(app)
    guard.install(app)   # trusted proxy headers, HSTS, body limits (portal/guard.py)
    return app


app = create_app()
