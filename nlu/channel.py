"""Rasa input channel `nlu.channel.HelplineInput`: Rasa's REST channel plus checked message metadata.

POST /webhooks/helpline/webhook {"sender": "telegram:12345", "message": "...", "metadata": {...}}.
Metadata (docs/contracts.md) keeps only the known keys, each checked, so the actions can trust
its shape: {"channel", "user_id", "phone", "name" (a shared contact's, only with "phone"),
"location": {"lat","lon"}, "photo": {"file_id","url"|"path"},
"language"}. It runs inside the Rasa server (.venv-rasa).

Only the relay (bot/relay.py) may post here: every POST must carry the shared secret
HELPLINE_RASA_SECRET in the X-Helpline-Secret header, else 403 before anything is read. The
actions trust the sender id, so an unchecked caller could act as any citizen. Without the
setting the channel refuses every message (it never runs open).
"""
from __future__ import annotations

import hmac
import logging
import math
import os
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput
from sanic import Blueprint, response
from sanic.request import Request

log = logging.getLogger(__name__)

# The same header and setting as bot/relay.py (that side cannot import Rasa, this side not the core).
SECRET_HEADER = "X-Helpline-Secret"
SECRET_SETTING = "HELPLINE_RASA_SECRET"

CHANNELS = ("telegram", "whatsapp", "web", "phone", "api")
MAX_TEXT = 4096  # longer messages are cut, not refused: the form re-asks politely
MAX_FIELD = 1000


def _short_text(value: Any) -> Optional[str]:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value[:MAX_FIELD] if value else None


def _location(value: Any) -> Optional[Dict[str, float]]:
    if not isinstance(value, dict):
        return None
    try:
        lat, lon = float(value.get("lat")), float(value.get("lon"))
    except (TypeError, ValueError):
        return None
    if math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180:
        return {"lat": lat, "lon": lon}
    return None


def _photo(value: Any) -> Optional[Dict[str, str]]:
    if not isinstance(value, dict):
        return None
    photo = {k: v for k in ("file_id", "url", "path") if (v := _short_text(value.get(k)))}
    return photo or None


def clean_metadata(raw: Any, sender_id: Optional[str]) -> Dict[str, Any]:
    """The metadata of one message with only known, well-formed keys; channel defaults from the sender."""
    raw = raw if isinstance(raw, dict) else {}
    prefix, sep, external = str(sender_id or "").partition(":")
    meta: Dict[str, Any] = {}
    channel = raw.get("channel") if raw.get("channel") in CHANNELS else None
    meta["channel"] = channel or (prefix if sep and prefix in CHANNELS else "web")
    user_id = _short_text(raw.get("user_id")) or (external if sep else _short_text(sender_id))
    if user_id:
        meta["user_id"] = user_id
    phone = _short_text(raw.get("phone"))
    if phone and len(phone) <= 20:
        meta["phone"] = phone
    name = _short_text(raw.get("name"))   # with a verified phone: the contact's name (Telegram)
    if name and phone and len(name) <= 80:
        meta["name"] = name
    location = _location(raw.get("location"))
    if location:
        meta["location"] = location
    photo = _photo(raw.get("photo"))
    if photo:
        meta["photo"] = photo
    language = str(raw.get("language") or "").strip().lower()[:2]
    if language in ("hi", "en"):
        meta["language"] = language
    return meta


def secret_ok(given: Optional[str], secret: Optional[str]) -> bool:
    """Constant-time comparison; an unset secret refuses everything."""
    if not secret or not given:
        return False
    return hmac.compare_digest(given.encode(), secret.encode())


class HelplineInput(RestInput):
    """The REST channel of the helpline: same request and reply as `rest`, metadata checked,
    and only for callers holding the shared secret."""

    def __init__(self, secret: Optional[str] = None) -> None:
        super().__init__()
        self.secret = os.environ.get(SECRET_SETTING, "") if secret is None else secret
        if not self.secret:
            log.error("%s is not set: the helpline channel refuses every message", SECRET_SETTING)

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> "HelplineInput":
        return cls()

    @classmethod
    def name(cls) -> Text:
        return "helpline"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[None]]) -> Blueprint:
        """Rasa's REST routes behind the secret check (the GET health check tells nothing and stays open)."""
        bp = super().blueprint(on_new_message)

        @bp.middleware("request")
        async def require_secret(request: Request):  # noqa: ANN202
            if request.method != "GET" and not secret_ok(request.headers.get(SECRET_HEADER), self.secret):
                log.warning("helpline channel: a request without the shared secret was refused")
                return response.json({"error": "forbidden"}, status=403)
            return None

        return bp

    def _extract_message(self, req: Request) -> Optional[Text]:
        text = req.json.get("message") if isinstance(req.json, dict) else None
        if not isinstance(text, str):
            return ""  # a photo or location alone still reaches the form
        return text[:MAX_TEXT]

    def _extract_input_channel(self, req: Request) -> Text:
        return self.name()

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        body = request.json if isinstance(request.json, dict) else {}
        return clean_metadata(body.get("metadata"), body.get("sender"))
