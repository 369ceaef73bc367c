"""How an officer logs in to the dashboard: a password (scrypt) or a one-time code sent to Telegram.

The code travels as an outbox row of kind `login_code` (no ticket), so the notification sender
delivers it like any other message, with its retries, and a crash loses none. The row never holds
the code: it holds a random nonce, and the code is HMAC(secret, nonce) reduced to 6 digits, worked
out again only when the sender claims the row (`login_codes.login_code_text`, called by the outbox). The
secret is PORTAL_SECRET, which the web processes and the worker share (deploy/README.md); the
code table keeps only HMAC(secret, officer:code). So a copy of the database (a backup, a read-only
SQL account) yields no usable code and cannot brute-force one offline; passwords are scrypt hashes.
Public functions:
    set_password(officer, password) -> OfficerView
    check_password(officer, password) -> int | None          # officer id
    send_login_code(officer, *, now=None) -> datetime          # expiry; InvalidInput if no Telegram
    redeem_login_code(officer, code, *, now=None) -> int | None
"""
from __future__ import annotations

import hashlib
import hmac
import logging
import secrets
from datetime import datetime, timedelta

from sqlalchemy import Column, Integer, MetaData, String, Table, func, insert, select, update

from helpline import clock, service
from helpline.errors import InvalidInput, NotFound
from helpline.officers.login_codes import CODE_MINUTES, TEXTS, code_hash as _code_hash, code_of as _code_of
from helpline.store.db import unit_of_work
from helpline.store.models import NotificationOutbox, UTCDateTime

log = logging.getLogger(__name__)
CODE_ATTEMPTS = 5               # wrong tries before a code is spent
CODES_PER_HOUR = 5
MIN_PASSWORD = 10
_SCRYPT = {"n": 2 ** 14, "r": 8, "p": 1}

_meta = MetaData()
# Only the columns this module touches (the migration p1_dashboard_login creates them).
_officer = Table("officer", _meta, Column("id", Integer, primary_key=True), Column("password_hash", String(200)))
_code = Table("dashboard_login_code", _meta,
              Column("id", Integer, primary_key=True), Column("officer_id", Integer),
              Column("code_hash", String(64)), Column("attempts", Integer),
              Column("expires_at", UTCDateTime), Column("used_at", UTCDateTime),
              Column("created_at", UTCDateTime))



def _hash_password(password: str, salt: bytes | None = None) -> str:
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def _password_matches(password: str, stored: str | None) -> bool:
    try:
        scheme, n, r, p, salt, digest = (stored or "").split("$")
        if scheme != "scrypt":
            return False
        got = hashlib.scrypt(password.encode(), salt=bytes.fromhex(salt), dklen=32, n=int(n), r=int(r), p=int(p))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(got.hex(), digest)


def _canonical(officer: int | str) -> bool:
    """Only one spelling names an officer: an ASCII id without leading zeros, or the exact post code.

    The core reads "05", "５" or "५" as officer 5; at the login each would be a fresh guess.
    """
    if isinstance(officer, int):
        return officer > 0
    text = str(officer or "")
    if not text or len(text) > 120 or not text.isascii() or not text.isprintable() or text != text.strip() \
            or any(c.isspace() for c in text):
        return False
    return not text.isdigit() or text[0] != "0"


def login_officer(officer: int | str) -> int | None:
    """The id of the active officer a login names (canonical spellings only), else None."""
    if not _canonical(officer):
        return None
    try:
        return service.get_officer(officer).id
    except NotFound:
        return None


_officer_id = login_officer


def set_password(officer: int | str, password: str) -> service.OfficerView:
    """Set (or replace) the dashboard password of the post's current holder or officer id."""
    password = str(password or "")
    if len(password) < MIN_PASSWORD:
        raise InvalidInput("error.invalid_input", detail=f"the password needs at least {MIN_PASSWORD} characters")
    who = service.get_officer(officer)
    with unit_of_work() as session:
        session.execute(update(_officer).where(_officer.c.id == who.id).values(password_hash=_hash_password(password)))
    return who


def check_password(officer: int | str, password: str) -> int | None:
    """The officer id when the password is right; None otherwise (unknown officer alike)."""
    officer_id = _officer_id(officer)
    stored = None
    if officer_id is not None:
        with unit_of_work() as session:
            stored = session.scalar(select(_officer.c.password_hash).where(_officer.c.id == officer_id))
    if stored is None:
        _hash_password(str(password or ""))   # the same work either way: no timing hint of who exists
        return None
    return officer_id if _password_matches(str(password or ""), stored) else None


def send_login_code(officer: int | str, *, now: datetime | None = None) -> datetime:
    """Write a fresh 6-digit code to the officer's Telegram through the outbox; returns its expiry."""
    now = clock.aware(now)
    who = service.get_officer(officer)
    if not who.telegram_chat_id:
        raise InvalidInput("error.invalid_input", detail="no Telegram linked to this post; log in with a password")
    nonce = secrets.token_urlsafe(18)
    code = _code_of(nonce)
    expires = now + timedelta(minutes=CODE_MINUTES)
    lang = who.language if who.language in TEXTS else "hi"
    with unit_of_work() as session:
        recent = session.scalar(select(func.count(_code.c.id)).where(
            _code.c.officer_id == who.id, _code.c.created_at > now - timedelta(hours=1)))
        if recent >= CODES_PER_HOUR:
            raise InvalidInput("error.invalid_input", detail="too many login codes this hour; use a password")
        code_id = session.execute(insert(_code).values(
            officer_id=who.id, code_hash=_code_hash(who.id, code), attempts=0, expires_at=expires,
            created_at=now).returning(_code.c.id)).scalar_one()
        session.execute(insert(NotificationOutbox.__table__).values(
            event_id=None, ticket_id=None, recipient_kind="officer", recipient_id=str(who.id),
            channel="telegram", address=who.telegram_chat_id, kind="login_code",
            payload={"ticket": None, "language": lang, "message": "login_code", "params": {}, "nonce": nonce},
            dedupe_key=f"login:{code_id}:officer:{who.id}", status="pending", attempts=0,
            next_attempt_at=now, created_at=now))
    return expires


def redeem_login_code(officer: int | str, code: str, *, now: datetime | None = None) -> int | None:
    """The officer id when `code` is their newest unexpired unused code; each code works once."""
    now = clock.aware(now)
    officer_id = _officer_id(officer)
    code = str(code or "").strip()
    if officer_id is None or not (code.isdigit() and len(code) == 6):
        return None
    with unit_of_work() as session:
        row = session.execute(select(_code).where(
            _code.c.officer_id == officer_id, _code.c.used_at.is_(None), _code.c.expires_at > now,
            _code.c.attempts < CODE_ATTEMPTS).order_by(_code.c.id.desc()).limit(1).with_for_update()).first()
        if row is None:
            return None
        if not hmac.compare_digest(row.code_hash, _code_hash(officer_id, code)):
            session.execute(update(_code).where(_code.c.id == row.id).values(attempts=row.attempts + 1))
            return None
        session.execute(update(_code).where(_code.c.id == row.id).values(used_at=now))
    return officer_id


def read_password() -> str:
    """The new password: typed twice at a terminal, else the first line of stdin (for scripts)."""
    import getpass
    import sys

    if sys.stdin.isatty():
        first = getpass.getpass("New dashboard password: ")
        if getpass.getpass("Again: ") != first:
            raise InvalidInput("error.invalid_input", detail="the two passwords differ")
        return first
    return sys.stdin.readline().rstrip("\r\n")
