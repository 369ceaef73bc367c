"""Retention: what the helpline forgets, and when. Run by the worker (bot/worker.py) every hour.

- photos that citizens sent in chats that filed nothing: deleted after UNFILED_PHOTO_HOURS;
- ended rate-limit windows (helpline/rate_limits.py): deleted.
A photo that any ticket refers to (ticket_photo.ref) is never deleted here.
"""
from __future__ import annotations

import logging
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import select

from helpline import rate_limits, settings
from helpline.db import unit_of_work
from helpline.models import TicketPhoto

log = logging.getLogger(__name__)


def _filed_refs() -> set[str]:
    with unit_of_work(readonly=True) as session:
        return set(session.scalars(select(TicketPhoto.ref)))


def purge_unfiled_photos(older_than: timedelta | None = None, root: Path | None = None,
                         now: datetime | None = None) -> int:
    """Delete photo files older than `older_than` that no ticket refers to; how many went."""
    older_than = older_than if older_than is not None else timedelta(hours=settings.UNFILED_PHOTO_HOURS)
    root = root or settings.PHOTO_DIR
    if not root.is_dir():
        return 0
    cutoff = (now or datetime.now(timezone.utc)).timestamp() - older_than.total_seconds()
    old = [p for p in root.glob("*/*") if p.is_file() and p.stat().st_mtime < cutoff]
    if not old:
        return 0
    kept = _filed_refs()
    removed = 0
    for path in old:
        if str(path) in kept or str(path.resolve()) in kept:
            continue
        try:
            path.unlink()
            removed += 1
        except FileNotFoundError:   # another worker was quicker
            pass
    return removed


def run(now: datetime | None = None) -> dict[str, int]:
    """Everything retention does, once; a summary of how much went of each kind."""
    started = time.monotonic()
    summary = {"unfiled_photos": purge_unfiled_photos(now=now), "rate_windows": rate_limits.purge(now)}
    log.debug("retention run took %.1fs", time.monotonic() - started)
    return summary
