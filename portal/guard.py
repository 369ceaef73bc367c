"""ASGI guards in front of every route: the trusted proxy's headers, HSTS, and request body limits.

- Behind a proxy listed in PORTAL_TRUSTED_PROXIES (addresses or networks), `X-Forwarded-Proto`
  sets the request's scheme (so cookies are `Secure`) and `X-Forwarded-For` its client address (so
  the login throttle counts the real client); the same headers from anyone else are ignored.
- Over https, every answer carries `Strict-Transport-Security` (PORTAL_HSTS_SECONDS, 0 = off).
- Every request body has a limit by path: a larger `Content-Length` is answered 413 before a byte
  is read, and a body streamed without one is counted and cut off (413) at the limit, so no route
  ever holds more than its limit in memory.
"""
from __future__ import annotations

import ipaddress
import json
import logging
from collections.abc import Awaitable, Callable, MutableMapping
from functools import lru_cache
from typing import Any

from helpline import settings

log = logging.getLogger(__name__)

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

KB, MB = 1024, 1024 * 1024
# Longest prefix first; each route's own check (if any) stays as a second line.
BODY_LIMITS: tuple[tuple[str, int], ...] = (
    ("/chat/photo", 5 * MB),          # portal/webchat.py MAX_PHOTO
    ("/chat/", 16 * KB),              # portal/webchat.py MAX_BODY
    ("/webhooks/", 1 * MB),           # bot/webhook.py, bot/whatsapp.py MAX_BODY
    ("/open311/", 1 * MB),            # portal/open311.py MAX_BODY
    ("/dashboard", 8 * KB),           # portal/dashboard.py MAX_FORM
)
DEFAULT_BODY_LIMIT = 64 * KB


def body_limit(path: str) -> int:
    """The largest body accepted on `path`."""
    return next((limit for prefix, limit in BODY_LIMITS if path.startswith(prefix)), DEFAULT_BODY_LIMIT)


@lru_cache(maxsize=8)
def _networks(setting: str) -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    networks = []
    for part in setting.split(","):
        if part.strip():
            try:
                networks.append(ipaddress.ip_network(part.strip(), strict=False))
            except ValueError:
                log.warning("PORTAL_TRUSTED_PROXIES: %r is no address or network; ignored", part.strip()[:60])
    return tuple(networks)


def _trusted(host: str | None) -> bool:
    if not host:
        return False
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return any(address in network for network in _networks(settings.PORTAL_TRUSTED_PROXIES))


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers") or ():
        if key.lower() == name:
            return value.decode("latin-1")
    return None


def _forwarded(scope: Scope) -> Scope:
    """The scope as the trusted proxy saw the request (scheme and client address), else unchanged."""
    client = scope.get("client")
    if not client or not _trusted(client[0]):
        return scope
    scope = dict(scope)
    proto = (_header(scope, b"x-forwarded-proto") or "").split(",")[0].strip().lower()
    if proto in ("http", "https"):
        scope["scheme"] = proto if scope["type"] == "http" else {"http": "ws", "https": "wss"}[proto]
    hops = [h.strip() for h in (_header(scope, b"x-forwarded-for") or "").split(",") if h.strip()]
    # The nearest hop not ours is the client: an address a client put in the header itself is further left.
    for hop in reversed(hops):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            break
        if not _trusted(hop):
            scope["client"] = (hop, 0)
            break
    return scope


class _TooLarge(Exception):
    """The body grew past its limit while it was read."""


def _too_large(path: str, limit: int) -> tuple[int, list[tuple[bytes, bytes]], bytes]:
    """A 413 in the form the route's callers expect (Open311: the spec's error list)."""
    description = f"request body larger than {limit // KB} KB" if limit < MB else \
        f"request body larger than {limit // MB} MB"
    if path.startswith("/open311/"):
        if path.endswith(".xml"):
            body = (f'<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>413</code>'
                    f'<description>{description}</description></error></errors>').encode()
            kind = b"text/xml; charset=utf-8"
        else:
            body, kind = json.dumps([{"code": 413, "description": description}]).encode(), b"application/json"
    else:
        body = json.dumps({"detail": description,
                           "message": {"en": "What you sent is too large. Please send less.",
                                       "hi": "भेजी गई सामग्री बहुत बड़ी है। कृपया कम भेजें।"}},
                          ensure_ascii=False).encode()
        kind = b"application/json"
    headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode()), (b"connection", b"close")]
    return 413, headers, body


async def _answer(send: Send, status: int, headers: list[tuple[bytes, bytes]], body: bytes) -> None:
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Guard:
    """The ASGI middleware applying all of the above; `install(app)` puts it outermost but one."""

    def __init__(self, app: Callable[[Scope, Receive, Send], Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        scope = _forwarded(scope)
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        limit = body_limit(path)
        declared = _header(scope, b"content-length")
        if declared is not None:
            if not declared.strip().isdigit():
                await _answer(send, 400, [(b"content-type", b"application/json")],
                              b'{"detail": "malformed Content-Length"}')
                return
            if int(declared) > limit:
                await _answer(send, *_too_large(path, limit))
                return
        https = scope.get("scheme") == "https" and settings.PORTAL_HSTS_SECONDS > 0
        hsts = f"max-age={settings.PORTAL_HSTS_SECONDS}; includeSubDomains".encode()
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _TooLarge()
            return message

        async def guarded_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                if https:
                    message = dict(message)
                    message["headers"] = [*message.get("headers", []), (b"strict-transport-security", hsts)]
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except _TooLarge:
            if started:
                raise
            await _answer(send, *_too_large(path, limit))


def install(app: Any) -> None:
    """Put the guards in front of every route of `app`."""
    app.add_middleware(Guard)
