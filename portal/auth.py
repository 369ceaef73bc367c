"""Signed cookies for the portal: the officer's dashboard session, the web chat session, CSRF tokens.

Cookies are HMAC-SHA256 signed with settings.PORTAL_SECRET (a random per-process secret in dev,
with a warning: sessions then end when the process restarts). All are HttpOnly, SameSite=strict.
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import secrets
import time

from fastapi import Request, Response

from helpline import settings

log = logging.getLogger(__name__)

SESSION_COOKIE = "hl_session"
CHAT_COOKIE = "hl_chat"
CSRF_COOKIE = "hl_csrf"
SESSION_SECONDS = 12 * 3600
CHAT_SECONDS = 30 * 24 * 3600

_secret: bytes | None = None


def secret() -> bytes:
    """PORTAL_SECRET, else one random secret for this process (dev only)."""
    global _secret
    if _secret is None:
        if settings.PORTAL_SECRET:
            _secret = settings.PORTAL_SECRET.encode()
        else:
            log.warning("PORTAL_SECRET is not set: using a random secret; sessions end on restart "
                        "and do not work across several portal processes. Set it in production.")
            _secret = secrets.token_bytes(32)
    return _secret


def _sig(purpose: str, body: str) -> str:
    mac = hmac.new(secret(), f"{purpose}|{body}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(mac).decode().rstrip("=")


def sign(purpose: str, data: dict) -> str:
    """A tamper-proof token carrying `data` and the time it was made; `purpose` separates uses."""
    raw = json.dumps({"d": data, "t": int(time.time())}, separators=(",", ":"))
    body = base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")
    return f"{body}.{_sig(purpose, body)}"


def unsign(purpose: str, token: str | None, max_age: int) -> dict | None:
    """The data of a token made by `sign` for this purpose, or None if forged, mangled or too old."""
    if not token or token.count(".") != 1 or len(token) > 4096:
        return None
    body, sig = token.split(".")
    # Bytes: compare_digest refuses str with non-ASCII characters (a forged cookie must not be a 500).
    if not hmac.compare_digest(sig.encode("utf-8", "replace"), _sig(purpose, body).encode()):
        return None
    try:
        raw = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        made, data = int(raw["t"]), raw["d"]
    except (ValueError, KeyError, TypeError):
        return None
    if not isinstance(data, dict) or time.time() - made > max_age:
        return None
    return data


def _set(response: Response, request: Request, name: str, value: str, max_age: int) -> None:
    response.set_cookie(name, value, max_age=max_age, httponly=True, samesite="strict",
                        secure=request.url.scheme == "https", path="/")


# ---------------------------------------------------------------- dashboard session

def start_session(response: Response, request: Request, officer_id: int) -> None:
    _set(response, request, SESSION_COOKIE, sign("session", {"officer": int(officer_id)}), SESSION_SECONDS)


def session_officer(request: Request) -> int | None:
    """The logged-in officer's id, or None."""
    data = unsign("session", request.cookies.get(SESSION_COOKIE), SESSION_SECONDS)
    officer = data.get("officer") if data else None
    return officer if isinstance(officer, int) else None


def end_session(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")


# ---------------------------------------------------------------- CSRF (double submit + SameSite=strict)

def csrf_token(request: Request, response: Response | None = None) -> str:
    """The browser's CSRF token (a new one is set on `response` when the browser has none)."""
    token = request.cookies.get(CSRF_COOKIE) or getattr(request.state, "csrf", None)
    if not token or len(token) > 100:
        token = secrets.token_urlsafe(24)
        request.state.csrf = token
    if response is not None and request.cookies.get(CSRF_COOKIE) != token:
        _set(response, request, CSRF_COOKIE, token, SESSION_SECONDS)
    return token


def csrf_ok(request: Request, submitted: str | None) -> bool:
    cookie = request.cookies.get(CSRF_COOKIE)
    return bool(cookie and submitted) and hmac.compare_digest(cookie.encode(), str(submitted).encode())


# ---------------------------------------------------------------- web chat session

def chat_session(request: Request) -> str | None:
    """The web chat's session uuid from its signed cookie, or None."""
    data = unsign("chat", request.cookies.get(CHAT_COOKIE), CHAT_SECONDS)
    session = data.get("session") if data else None
    return session if isinstance(session, str) and len(session) == 32 and session.isalnum() else None


def start_chat(response: Response, request: Request) -> str:
    session = secrets.token_hex(16)
    _set(response, request, CHAT_COOKIE, sign("chat", {"session": session}), CHAT_SECONDS)
    return session
