"""Durable intake: a message accepted from a webhook is a row before the webhook answers 200.

`accept()` writes the raw update (Telegram update, WhatsApp message) once per (channel, key), in the
same transaction that de-duplicates it; `claim()` hands due rows to one processor for a lease
(`FOR UPDATE SKIP LOCKED` on PostgreSQL, so replicas never share a row); `done()`/`retry()` act only
for the holder of the claim. A process that dies after the 200 leaves the row pending: another (or
the restarted) process claims it when the lease ends, so the message is delayed, never lost.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlalchemy import JSON, Index, Integer, String, UniqueConstraint, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, mapped_column

from helpline import settings
from helpline.store.db import unit_of_work
from helpline.store.models import Base, UTCDateTime

# After this many failed attempts a row is given up (status "failed") and logged by the caller.
MAX_ATTEMPTS = 5


class IntakeMessage(Base):
    """One inbound message, kept from the webhook's 200 until it has been handled."""

    __tablename__ = "intake_message"
    __table_args__ = (UniqueConstraint("channel", "key", name="uq_intake_message"),
                      Index("ix_intake_message_due", "status", "available_at"),
                      Index("ix_intake_message_received", "received_at"))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(200))
    sender: Mapped[str] = mapped_column(String(100))
    payload: Mapped[dict | None] = mapped_column(JSON)   # emptied once handled (retention)
    status: Mapped[str] = mapped_column(String(10))      # pending, done, failed
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    holder: Mapped[str | None] = mapped_column(String(64))
    available_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    done_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_error: Mapped[str | None] = mapped_column(String(500))


@dataclass(frozen=True)
class IntakeItem:
    id: int
    channel: str
    key: str
    sender: str
    payload: dict[str, Any]
    attempts: int


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(timezone.utc)   # wall clock: the demo clock must not expire leases


def lease() -> timedelta:
    return timedelta(seconds=settings.INTAKE_LEASE_SECONDS)


def accept(channel: str, key: str | int, sender: str, payload: dict[str, Any],
           now: datetime | None = None) -> bool:
    """Store one inbound message; False when (channel, key) was already accepted (a retried webhook)."""
    now = _now(now)
    try:
        with unit_of_work() as session:
            session.add(IntakeMessage(channel=str(channel)[:20], key=str(key)[:200], sender=str(sender)[:100],
                                      payload=payload, status="pending", attempts=0, available_at=now,
                                      received_at=now))
            session.flush()
        return True
    except IntegrityError:
        return False


def claim(channel: str, holder: str, limit: int = 20, now: datetime | None = None) -> list[IntakeItem]:
    """Up to `limit` due rows of `channel`, oldest first, held by `holder` for one lease."""
    now = _now(now)
    with unit_of_work() as session:
        rows = list(session.scalars(
            select(IntakeMessage)
            .where(IntakeMessage.channel == channel, IntakeMessage.status == "pending",
                   IntakeMessage.available_at <= now)
            .order_by(IntakeMessage.id).limit(limit).with_for_update(skip_locked=True)))
        for row in rows:
            row.holder, row.available_at, row.attempts = holder, now + lease(), row.attempts + 1
        return [IntakeItem(r.id, r.channel, r.key, r.sender, dict(r.payload or {}), r.attempts) for r in rows]


def _held(item_id: int, holder: str):
    return update(IntakeMessage).where(IntakeMessage.id == item_id, IntakeMessage.holder == holder,
                                       IntakeMessage.status == "pending")


def renew(item_id: int, holder: str, now: datetime | None = None) -> bool:
    """Extend the holder's lease (before long work); False when the claim was lost to another."""
    with unit_of_work() as session:
        return session.execute(_held(item_id, holder).values(available_at=_now(now) + lease())).rowcount == 1


def done(item_id: int, holder: str, now: datetime | None = None) -> bool:
    """The message was handled: never claimed again. Only the holder of the claim may say so."""
    with unit_of_work() as session:
        # The message's text is not kept once handled (retention: only the id stays, for de-duplication).
        return session.execute(_held(item_id, holder).values(status="done", done_at=_now(now),
                                                             payload=None)).rowcount == 1


def retry(item_id: int, holder: str, error: str, attempts: int, now: datetime | None = None) -> bool:
    """Handling failed: try again after a back-off, or give up after MAX_ATTEMPTS (status failed)."""
    now = _now(now)
    values: dict[str, Any] = {"last_error": str(error)[:500], "holder": None}
    if attempts >= MAX_ATTEMPTS:
        values.update(status="failed", done_at=now)
    else:
        values["available_at"] = now + timedelta(seconds=5 * 2 ** attempts)
    with unit_of_work() as session:
        return session.execute(_held(item_id, holder).values(**values)).rowcount == 1


def due(channel: str, now: datetime | None = None) -> bool:
    """True while some message of `channel` waits unclaimed (tests and shutdown wait on it)."""
    with unit_of_work(readonly=True) as session:
        return session.scalar(select(IntakeMessage.id).where(
            IntakeMessage.channel == channel, IntakeMessage.status == "pending",
            IntakeMessage.available_at <= _now(now)).limit(1)) is not None
