"""The demo clock behind `helpline clock show|advance --days N|reset`: lets a newcomer see a ticket
escalate without waiting 7 days. It moves helpline.clock's stored offset (every process sees it
within seconds); run `helpline sweep` afterwards to escalate what became due.
"""
from __future__ import annotations

from helpline import clock, settings
from helpline.errors import InvalidInput
from helpline.store import db

MAX_DAYS = 3650


def offset_seconds() -> int:
    """The stored offset (the environment's HELPLINE_CLOCK_OFFSET_SECONDS comes on top)."""
    return int(db.get_app_setting(clock.OFFSET_KEY, 0))


def _state() -> dict:
    total = offset_seconds() + settings.CLOCK_OFFSET_SECONDS
    return {"now": clock.now().isoformat(), "offset_days": round(total / 86400, 3), "offset_seconds": total}


def advance(days: float) -> dict:
    """Move the clock forward by `days` (never backwards: time already recorded stays in order)."""
    if not 0 < days <= MAX_DAYS:
        raise InvalidInput("error.invalid_input", detail=f"--days must be more than 0 and at most {MAX_DAYS}")
    clock.set_offset(offset_seconds() + int(days * 86400))
    return _state()


def reset() -> dict:
    """Back to real time."""
    clock.set_offset(0)
    return _state()


def clock_command(command: str, days: float = 0.0) -> dict:
    """The CLI's `clock` subcommand: show, advance or reset; returns what to print."""
    if command == "advance":
        return advance(days)
    if command == "reset":
        return reset()
    return _state()
