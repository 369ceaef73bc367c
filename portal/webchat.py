"""The web chat: GET / shows the page; POST /chat/send relays one message to Rasa server-side.

The browser never talks to Rasa. The session uuid lives in a signed cookie and must match the
`session` in the request body (a page of another site can read neither). Sender id is web:<uuid>.
"""
from __future__ import annotations

import inspect
import logging
import uuid
from dataclasses import dataclass, field

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse

from helpline import geo, settings
from portal import auth
from portal.templating import page_language, render
from portal.texts import t

log = logging.getLogger(__name__)
router = APIRouter()
MAX_BODY = 16 * 1024
MAX_TEXT = 2000
MAX_PHOTO = 5 * 1024 * 1024
CHANNEL = "web"
PHOTO_DIR = settings.ROOT / "var" / "photos" / "web"
try:
    from bot.relay import SHARED_ITEM_TEXT   # what a channel sends for a location or photo alone
except ImportError:
    SHARED_ITEM_TEXT = ""


@dataclass(frozen=True)
class _Reply:
    """The shape of bot.rendering.Reply, for the fallback relay."""

    text: str = ""
    buttons: tuple = ()
    image: str | None = None
    busy: bool = False
    data: dict = field(default_factory=dict)


class _FallbackRelay:
    """A minimal relay to Rasa's REST channel, used only when bot/relay.py is not available."""

    def __init__(self) -> None:
        import httpx

        self._client = httpx.AsyncClient(timeout=settings.RASA_TIMEOUT_SECONDS)

    async def relay(self, channel: str, user_id: str, text: str, metadata: dict | None = None) -> list:
        body = {"sender": f"{channel}:{user_id}", "message": text,
                "metadata": {"channel": channel, "user_id": user_id, **(metadata or {})}}
        try:
            response = await self._client.post(settings.RASA_URL.rstrip("/") + "/webhooks/rest/webhook", json=body)
            response.raise_for_status()
            items = response.json()
        except Exception as err:  # Rasa down or slow: the citizen is asked to resend
            log.warning("rasa unavailable for %s:%s: %r", channel, user_id, err)
            lang = (metadata or {}).get("language", "hi")
            return [_Reply(text=t("chat.error", lang), busy=True)]
        return [_Reply(text=str(m.get("text") or ""),
                       buttons=tuple((str(b.get("title", "")), str(b.get("payload", "")))
                                     for b in m.get("buttons") or [] if isinstance(b, dict)),
                       image=m.get("image") if isinstance(m.get("image"), str) else None)
                for m in items if isinstance(m, dict)]

    async def aclose(self) -> None:
        await self._client.aclose()


_relay = None


def get_relay():
    """bot/relay.py's channel-neutral Relay (one per process), else the fallback."""
    global _relay
    if _relay is None:
        try:
            from bot.relay import Relay
            _relay = Relay()
        except ImportError:
            _relay = _FallbackRelay()
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


def _button(b) -> dict | None:
    title, payload = (b.title, b.payload) if hasattr(b, "title") else (b[0], b[1])
    return {"title": str(title)[:200], "payload": str(payload)[:500]} if title and payload else None


def _image(url: object) -> str | None:
    """Only web images and our own paths are shown (no javascript: or data: URLs)."""
    if isinstance(url, str) and (url.startswith("https://") or url.startswith("http://") or url.startswith("/")):
        return url[:2000]
    return None


def reply_json(reply) -> dict:
    buttons = [x for x in (_button(b) for b in getattr(reply, "buttons", ())) if x]
    return {"text": str(getattr(reply, "text", "") or ""), "buttons": buttons,
            "image": _image(getattr(reply, "image", None))}


def _location(raw: object) -> dict | None:
    if raw is None:
        return None
    if not isinstance(raw, dict):
        raise ValueError("location")
    lat, lon = geo.point({"lat": raw.get("lat"), "lon": raw.get("lon")})
    return {"lat": lat, "lon": lon}


def _bad(lang: str, status: int = 400) -> JSONResponse:
    return JSONResponse({"error": t("chat.error", lang), "replies": []}, status_code=status)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def chat_page(request: Request) -> HTMLResponse:
    """The web chat page; a new browser gets its own signed session."""
    session = auth.chat_session(request)
    if session is None:
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
        import json

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
    metadata = {"language": lang}
    if location:
        metadata["location"] = location
    return await _relay_json(session, text, metadata)


async def _wait_patiently(_please_wait) -> None:
    """The page shows its own "please wait" while a slow answer is coming; nothing to send."""


async def _relay_json(session: str, text: str, metadata: dict) -> JSONResponse:
    relay = get_relay()
    if "on_slow" in inspect.signature(relay.relay).parameters:
        # A slow Rasa (first message after start) is waited for, up to RASA_MAX_WAIT_SECONDS.
        replies = await relay.relay(CHANNEL, session, text, metadata, on_slow=_wait_patiently)
    else:
        replies = await relay.relay(CHANNEL, session, text, metadata)
    return JSONResponse({"replies": [reply_json(r) for r in replies],
                         "busy": any(getattr(r, "busy", False) for r in replies)})


def _image_kind(data: bytes) -> str | None:
    """jpg or png by the file's own first bytes (the declared type is not trusted)."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    return None


@router.post("/chat/photo", include_in_schema=False)
async def chat_photo(request: Request) -> JSONResponse:
    """A photo (the raw JPEG/PNG body, session in X-Chat-Session) saved under var/photos/web/ and
    relayed like Telegram's: empty text, the photo's path in the metadata."""
    lang = page_language(request)
    session = auth.chat_session(request)
    if session is None or request.headers.get("x-chat-session") != session:
        return _bad(lang, 403)
    raw = await request.body()
    if len(raw) > MAX_PHOTO:
        return _bad(lang, 413)
    kind = _image_kind(raw)
    if kind is None:
        return _bad(lang, 415)
    PHOTO_DIR.mkdir(parents=True, exist_ok=True)
    path = PHOTO_DIR / f"{session}-{uuid.uuid4().hex}.{kind}"
    path.write_bytes(raw)
    language = request.headers.get("x-chat-language")
    metadata = {"language": language if language in ("hi", "en") else lang, "photo": {"path": str(path)}}
    return await _relay_json(session, SHARED_ITEM_TEXT, metadata)
