"""Dashboard login throttle, kept in the database so that every web process shares one count.

Each failed password or code (and each login code sent) is a row keyed by what it counts against:
the resolved officer (`officer:<id>`, however the login was spelt) and the client address
(`address:<ip>`). A login is refused while either key has reached its limit within the window; a
right login clears its officer's count. Rows older than the window are purged as new ones arrive.
Times are wall-clock (never the demo clock), so "time travel" neither unlocks nor locks anyone.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import Index, Integer, String, delete, func, select
from sqlalchemy.orm import Mapped, mapped_column

from helpline import settings
from helpline.store.db import unit_of_work
from helpline.store.models import Base, UTCDateTime


class LoginAttempt(Base):
    """One failed login (or login code sent), counted against one key."""

    __tablename__ = "login_attempt"
    __table_args__ = (Index("ix_login_attempt_key", "key", "at"), Index("ix_login_attempt_at", "at"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(timezone.utc)


def _window() -> timedelta:
    return timedelta(minutes=settings.LOGIN_WINDOW_MINUTES)


def _keys(officer_id: int | None, address: str | None, name: str | None = None) -> dict[str, int]:
    """The keys an attempt counts against, each with its limit.

    A login naming no officer counts against that name with the officer's limit, so that "too many
    attempts" comes alike for real and unknown posts and tells an outsider nothing.
    """
    keys = {}
    if officer_id is not None:
        keys[f"officer:{int(officer_id)}"] = settings.LOGIN_FAILURES_PER_OFFICER
    elif name:
        keys[f"name:{name.lower()[:100]}"] = settings.LOGIN_FAILURES_PER_OFFICER
    if address:
        keys[f"address:{address[:100]}"] = settings.LOGIN_FAILURES_PER_ADDRESS
    return keys


def blocked(officer_id: int | None, address: str | None, *, name: str | None = None,
            now: datetime | None = None) -> bool:
    """True while the officer (or unknown name) or the address has used up its failures in the window."""
    keys = _keys(officer_id, address, name)
    if not keys:
        return False
    since = _now(now) - _window()
    with unit_of_work(readonly=True) as session:
        counts = dict(session.execute(
            select(LoginAttempt.key, func.count()).where(LoginAttempt.key.in_(keys), LoginAttempt.at > since)
            .group_by(LoginAttempt.key)).all())
    return any(counts.get(key, 0) >= limit for key, limit in keys.items())


def failed(officer_id: int | None, address: str | None, *, name: str | None = None,
           now: datetime | None = None) -> None:
    """Count one failed attempt against the officer (or the unknown name) and the address."""
    now = _now(now)
    with unit_of_work() as session:
        session.execute(delete(LoginAttempt).where(LoginAttempt.at <= now - _window()))
        session.add_all(LoginAttempt(key=key, at=now) for key in _keys(officer_id, address, name))


def succeeded(officer_id: int) -> None:
    """A right login: the officer's count starts again (the address keeps its own)."""
    with unit_of_work() as session:
        session.execute(delete(LoginAttempt).where(LoginAttempt.key == f"officer:{int(officer_id)}"))
