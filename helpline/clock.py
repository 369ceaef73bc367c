"""The helpline's clock: aware UTC, shifted by the demo offset (env or stored in the database)."""
from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from helpline import settings
from helpline.store import db

_cache: tuple[float, int] = (0.0, 0)
_CACHE_SECONDS = 2.0
OFFSET_KEY = "clock_offset_seconds"


def _stored_offset() -> int:
    """The offset stored in app_setting, cached briefly (0 when the database is not ready)."""
    global _cache
    stamp, value = _cache
    if time.monotonic() - stamp < _CACHE_SECONDS:
        return value
    try:
        value = db.get_app_setting(OFFSET_KEY, 0)
    except Exception:  # no schema yet: the clock must still work
        value = 0
    _cache = (time.monotonic(), int(value))
    return int(value)


def now() -> datetime:
    """The current moment, aware UTC, honouring the demo clock offset."""
    offset = settings.CLOCK_OFFSET_SECONDS + _stored_offset()
    return datetime.now(timezone.utc) + timedelta(seconds=offset)


def set_offset(seconds: int) -> None:
    """Store the demo clock offset in the database (all processes see it within seconds)."""
    global _cache
    db.set_app_setting(OFFSET_KEY, int(seconds))
    _cache = (0.0, 0)


def local_zone() -> ZoneInfo | timezone:
    """The helpline's time zone (settings.TIMEZONE), IST if the zone data is missing."""
    try:
        return ZoneInfo(settings.TIMEZONE)
    except Exception:
        return timezone(timedelta(hours=5, minutes=30))


def aware(moment: datetime | None) -> datetime:
    """`moment` as aware UTC (naive values are taken as UTC); now() when None."""
    if moment is None:
        return now()
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def local_day_start(moment: datetime) -> datetime:
    """Midnight (helpline time zone) of the day holding `moment`, as aware UTC."""
    local = aware(moment).astimezone(local_zone())
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(timezone.utc)
