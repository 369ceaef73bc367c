"""Rate limits shared by every web process: one counter row per (key, window) in the database.

`take(key, limit, window)` counts one event against `key` in the current fixed window and says
whether it is still within `limit`. The count is one atomic upsert (INSERT ... ON CONFLICT DO
UPDATE ... RETURNING on PostgreSQL and SQLite), so two processes never both take the last place.
Keys name what they count: `chat-message:session:<id>`, `chat-session:address:<ip>`, ... Windows
are wall-clock (never the demo clock). Old rows are purged by `purge()` (the worker's retention run).
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import Index, Integer, String, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from helpline.store.db import is_postgres, unit_of_work
from helpline.store.models import Base, UTCDateTime


class RateCounter(Base):
    """How many events `key` had in the window starting at `window_start`."""

    __tablename__ = "rate_counter"
    __table_args__ = (Index("ix_rate_counter_expires", "expires_at"),)
    key: Mapped[str] = mapped_column(String(160), primary_key=True)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime, primary_key=True)
    count: Mapped[int] = mapped_column(Integer)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)


def _window_start(now: datetime, window: timedelta) -> datetime:
    seconds = int(window.total_seconds())
    epoch = int(now.timestamp())
    return datetime.fromtimestamp(epoch - epoch % seconds, tz=timezone.utc)


def take(key: str, limit: int, window: timedelta, now: datetime | None = None) -> bool:
    """Count one event against `key`; True while the window's count stays within `limit`.

    A limit of 0 or less means "no limit" (nothing is counted).
    """
    if limit <= 0:
        return True
    now = now or datetime.now(timezone.utc)
    start = _window_start(now, window)
    values = {"key": key[:160], "window_start": start, "count": 1, "expires_at": start + window}
    insert = (postgresql.insert if is_postgres() else sqlite.insert)(RateCounter).values(**values)
    statement = insert.on_conflict_do_update(
        index_elements=["key", "window_start"], set_={"count": RateCounter.count + 1}
    ).returning(RateCounter.count)
    with unit_of_work() as session:
        count = session.execute(statement).scalar_one()
    return count <= limit


def purge(now: datetime | None = None) -> int:
    """Forget windows that have ended; how many rows went."""
    now = now or datetime.now(timezone.utc)
    with unit_of_work() as session:
        return session.execute(delete(RateCounter).where(RateCounter.expires_at <= now)).rowcount or 0
