"""The portal's FastAPI app: web chat (/), dashboard (/dashboard), health, and the routers of others.

Run with `uvicorn portal.app:app --host 127.0.0.1 --port 8000` (settings.PORTAL_HOST/PORT).
Open311 (portal/open311.py), the monthly review page (portal/review_pages.py) and the
Telegram/WhatsApp webhooks (bot/) are mounted when present.
"""
from __future__ import annotations

import importlib
import logging
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from sqlalchemy import text

from helpline import settings
from helpline.store import db
from portal import dashboard, webchat
from portal.templating import STATIC_DIR

log = logging.getLogger(__name__)


def _optional_router(module: str, attribute: str = "router"):
    """A colleague's router if its module exists yet (the portal must run without it)."""
    try:
        return getattr(importlib.import_module(module), attribute, None)
    except ModuleNotFoundError as err:
        if err.name and module.startswith(err.name):
            return None
        raise


def _telegram_webhook():
    """The Telegram webhook in webhook mode only (token and secret set); polling needs none."""
    if not (settings.TELEGRAM_BOT_TOKEN and settings.TELEGRAM_WEBHOOK_SECRET):
        return None
    try:
        from bot.webhook import TelegramWebhook
    except ModuleNotFoundError:
        return None
    return TelegramWebhook()


def create_app() -> FastAPI:
    """A fresh app; every router is mounted here so one screen shows the whole site."""
    hook = _telegram_webhook()

    @asynccontextmanager
    async def lifespan(_app: FastAPI):
        if hook is not None:
            await hook.startup(getattr(settings, "TELEGRAM_WEBHOOK_URL", "") or None)
        try:
            yield
        finally:
            if hook is not None:
                await hook.shutdown()
            await webchat.close_relay()

    app = FastAPI(title="CM Helpline 1905", lifespan=lifespan,
                  description="Web chat, the officers' dashboard and the Open311 GeoReport v2 API.")
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    app.include_router(webchat.router)
    app.include_router(dashboard.router)
    review = _optional_router("portal.review_pages")   # /dashboard/review (the review engineer's)
    if review is not None:
        app.include_router(review)
    readiness = _optional_router("portal.readiness")   # /dashboard/readiness (officer training)
    if readiness is not None:
        app.include_router(readiness)
    open311 = _optional_router("portal.open311")
    if open311 is not None:
        app.include_router(open311)
    if hook is not None:
        app.include_router(hook.router)
    whatsapp = _optional_router("bot.whatsapp")   # None unless the WhatsApp settings are set
    if whatsapp is not None:
        app.include_router(whatsapp)

    @app.get("/healthz", include_in_schema=False)
    def healthz() -> JSONResponse:
        """200 when the database answers; 503 otherwise (for load balancers and `make run`)."""
        try:
            with db.engine().connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception as err:  # any database failure means "not ready"
            log.warning("health check: database unavailable: %r", err)
            return JSONResponse({"status": "unavailable", "database": "down"}, status_code=503)
        return JSONResponse({"status": "ok", "database": "ok"})

    dashboard.install_error_pages(app)
    return app


app = create_app()
