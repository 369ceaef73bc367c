"""Dashboard login codes: worked out from a random nonce and PORTAL_SECRET, never stored in plain text.

The outbox row of a `login_code` notice holds only the nonce; the sender works the code out here when
it delivers the message, and the code table keeps a keyed hash (`code_hash`). Depends on settings
only, so the outbox can use it without reaching into the login module.
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import secrets

from helpline import settings

log = logging.getLogger(__name__)
CODE_MINUTES = 10

TEXTS = {
    "en": "CM Helpline dashboard login code: {code}\nValid for {minutes} minutes. Do not share it with anyone.",
    "hi": "सीएम हेल्पलाइन डैशबोर्ड लॉगिन कोड: {code}\n{minutes} मिनट तक मान्य। इसे किसी को न बताएं।",
}

_random_secret: bytes | None = None


def _secret() -> bytes:
    """The key of login codes: derived from PORTAL_SECRET (a random one per process in dev, with a warning)."""
    global _random_secret
    if settings.PORTAL_SECRET:
        base = settings.PORTAL_SECRET.encode()
    else:
        if _random_secret is None:
            log.warning("PORTAL_SECRET is not set: login codes work only when the worker runs in this process")
            _random_secret = secrets.token_bytes(32)
        base = _random_secret
    return hmac.new(base, b"helpline dashboard login codes", hashlib.sha256).digest()


def code_of(nonce: str) -> str:
    """The six-digit code a nonce stands for."""
    digest = hmac.new(_secret(), f"code|{nonce}".encode(), hashlib.sha256).digest()
    return f"{int.from_bytes(digest[:8], 'big') % 10 ** 6:06d}"


def code_hash(officer_id: int, code: str) -> str:
    """What the code table keeps instead of the code."""
    return hmac.new(_secret(), f"hash|{officer_id}:{code.strip()}".encode(), hashlib.sha256).hexdigest()


def login_code_text(payload: dict) -> str:
    """The message of a `login_code` outbox row, with the code worked out from its nonce (for the sender)."""
    lang = payload.get("language") if payload.get("language") in TEXTS else "hi"
    return TEXTS[lang].format(code=code_of(str(payload.get("nonce", ""))), minutes=CODE_MINUTES)
