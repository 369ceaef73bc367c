"""The web chat: GET / shows the page; POST /chat/send relays one message to Rasa server-side.

The browser never talks to Rasa. The session uuid lives in a signed cookie and must match the
`session` in the request body (a page of another site can read neither). Sender id is web:<uuid>.
One session's messages reach Rasa one after another (bot/inbound.py), as on Telegram and WhatsApp.

Limits, counted in the database so every web process shares them (helpline/rate_limits.py): messages
per minute per session and per client address, new sessions per hour per address, photos per session
and per address per day. Over a limit the answer is 429 with a polite text in the page's language.
A new cookie is not a new allowance for complaints: filing needs a phone number, and the daily
complaint limit counts per phone across every channel (helpline/service.py).
"""
from __future__ import annotations

import asyncio
import json
import logging
import uuid
from datetime import timedelta

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from bot import inbound
from bot.channel import Button, Reply
from bot.relay import SHARED_ITEM_TEXT, Relay
from helpline import geo, rate_limits, settings
from portal import auth
from portal.templating import page_language, render
from portal.texts import t

log = logging.getLogger(__name__)
router = APIRouter()
MAX_BODY = 16 * 1024
MAX_TEXT = 2000
MAX_PHOTO = 5 * 1024 * 1024
CHANNEL = "web"
_order = inbound.SenderOrder()
_relay: Relay | None = None


def get_relay() -> Relay:
    """bot/relay.py's channel-neutral Relay, one per process."""
    global _relay
    if _relay is None:
        _relay = Relay()
    return _relay


def set_relay(relay) -> None:
    """Tests swap in a fake Rasa here."""
    global _relay
    _relay = relay


async def close_relay() -> None:
    global _relay
    if _relay is not None:
        try:
            await _relay.aclose()
        finally:
            _relay = None


def _button(b: Button) -> dict | None:
    return {"title": b.title[:200], "payload": b.payload[:500]} if b.title and b.payload else None


def _image(url: object) -> str | None:
    """Only web images and our own paths are shown (no javascript: or data: URLs)."""
    if isinstance(url, str) and (url.startswith("https://") or url.startswith("http://") or url.startswith("/")):
        return url[:2000]
    return None


def reply_json(reply: Reply) -> dict:
    buttons = [x for x in (_button(b) for b in reply.buttons) if x]
    return {"text": reply.text or "", "buttons": buttons, "image": _image(reply.image)}


def _location(raw: object) -> dict | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ValueError("location")
    lat, lon = geo.point({"lat": raw.get("lat"), "lon": raw.get("lon")})
    return {"lat": lat, "lon": lon}


def _bad(lang: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": t("chat.error", lang), "replies": []}, status_code=status)


MINUTE, HOUR, DAY = timedelta(minutes=1), timedelta(hours=1), timedelta(days=1)
SESSION_LIFE = timedelta(days=30)   # longer than any chat cookie: "per session" means for its whole life


def _address(request: Request) -> str:
    """The client address (the proxy's X-Forwarded-For when it is trusted: portal/guard.py)."""
    return request.client.host if request.client else "-"


def _within(*limits: tuple[str, int, timedelta]) -> bool:
    """Count one event against each (key, limit, window); False as soon as one is used up."""
    return all(rate_limits.take(key, limit, window) for key, limit, window in limits)


def _too_many(lang: str, text: str = "chat.too_many") -> JSONResponse:
    return JSONResponse({"error": t(text, lang), "replies": []}, status_code=429,
                        headers={"Retry-After": "60"})


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def chat_page(request: Request) -> HTMLResponse:
    """The web chat page; a new browser gets its own signed session."""
    session = auth.chat_session(request)
    if session is None:
        if not _within((f"chat-session:address:{_address(request)}", settings.WEB_SESSIONS_PER_HOUR, HOUR)):
            lang = page_language(request)
            return HTMLResponse(f"<!doctype html><meta charset=utf-8><p>{t('chat.too_many_sessions', lang)}</p>",
                                status_code=429, headers={"Retry-After": "3600"})
        probe = HTMLResponse()
        session = auth.start_chat(probe, request)
        response = render(request, "chat.html", session=session)
        for value in probe.headers.getlist("set-cookie"):
            response.headers.append("set-cookie", value)
        return response
    return render(request, "chat.html", session=session)


@router.post("/chat/send", include_in_schema=False)
async def chat_send(request: Request) -> JSONResponse:
    """One message (text, or a button's payload, with an optional location) to Rasa; its replies back."""
    lang = page_language(request)
    session = auth.chat_session(request)
    if session is None:
        return _bad(lang, 403)
    if "application/json" not in request.headers.get("content-type", ""):
        return _bad(lang, 415)
    raw = await request.body()
    if len(raw) > MAX_BODY:
        return _bad(lang, 413)
    try:
        body = json.loads(raw)
        if not isinstance(body, dict) or body.get("session") != session:
            return _bad(lang, 403)
        text = body.get("payload") if body.get("payload") not in (None, "") else body.get("text")
        if not isinstance(text, str):
            raise ValueError("text")
        text = text.strip()[:MAX_TEXT]
        location = _location(body.get("location"))
        lang = body.get("language") if body.get("language") in ("hi", "en") else lang
    except (ValueError, TypeError, RecursionError):   # RecursionError: JSON nested too deep
        return _bad(lang, 400)
    if not text and location is None:
        return _bad(lang, 400)
    if not await _message_allowed(request, session):
        return _too_many(lang)
    metadata = {"language": lang}
    if location:
        metadata["location"] = location
    return await _relay_json(session, text, metadata)


async def _message_allowed(request: Request, session: str) -> bool:
    return await asyncio.to_thread(
        _within, (f"chat-message:session:{session}", settings.WEB_MESSAGES_PER_MINUTE, MINUTE),
        (f"chat-message:address:{_address(request)}", settings.WEB_MESSAGES_PER_MINUTE_PER_ADDRESS, MINUTE))


async def _wait_patiently(_please_wait) -> None:
    """The page shows its own "please wait" while a slow answer is coming; nothing to send."""


async def _relay_json(session: str, text: str, metadata: dict) -> JSONResponse:
    # A slow Rasa (first message after start) is waited for, up to RASA_MAX_WAIT_SECONDS.
    async with _order.turn(session):
        replies = await get_relay().relay(CHANNEL, session, text, metadata, on_slow=_wait_patiently)
    return JSONResponse({"replies": [reply_json(r) for r in replies],
                         "busy": any(r.busy for r in replies)})


def _image_kind(data: bytes) -> str | None:
    """jpg or png by the file's own first bytes (the declared type is not trusted)."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    return None


@router.post("/chat/photo", include_in_schema=False)
async def chat_photo(request: Request) -> JSONResponse:
    """A photo (the raw JPEG/PNG body, session in X-Chat-Session) saved in the photo folder (web/) and
    relayed like Telegram's: empty text, the photo's path in the metadata."""
    language = request.headers.get("x-chat-language")
    lang = language if language in ("hi", "en") else page_language(request)
    session = auth.chat_session(request)
    if session is None or request.headers.get("x-chat-session") != session:
        return _bad(lang, 403)
    raw = await request.body()
    if len(raw) > MAX_PHOTO:
        return _bad(lang, 413)
    kind = _image_kind(raw)
    if kind is None:
        return _bad(lang, 415)
    if not await _message_allowed(request, session):
        return _too_many(lang)
    if not await asyncio.to_thread(
            _within, (f"chat-photo:session:{session}", settings.WEB_PHOTOS_PER_SESSION, SESSION_LIFE),
            (f"chat-photo:address:{_address(request)}", settings.WEB_PHOTOS_PER_DAY, DAY)):
        return _too_many(lang, "chat.too_many_photos")
    path = await asyncio.to_thread(inbound.save_photo, CHANNEL, f"{session}-{uuid.uuid4().hex}", kind, raw)
    metadata = {"language": lang, "photo": {"path": str(path)}}
    return await _relay_json(session, SHARED_ITEM_TEXT, metadata)
