"""Helpers of the fault tests: counting what the core holds, and filing tickets at a fixed moment."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import func, select

from helpline import service
from helpline.store.db import unit_of_work
from helpline.store.models import NotificationOutbox, Ticket, TicketEvent

T0 = datetime(2026, 3, 2, 6, 0, tzinfo=timezone.utc)   # 11:30 in Uttarakhand


def counts() -> dict[str, int]:
    """How many tickets, events and outbox rows the helpline holds."""
    with unit_of_work(readonly=True) as session:
        return {"tickets": session.scalar(select(func.count(Ticket.id))),
                "events": session.scalar(select(func.count(TicketEvent.id))),
                "outbox": session.scalar(select(func.count(NotificationOutbox.id)))}


def file_energy(n: int, *, now: datetime = T0, prefix: str = "fault") -> list[str]:
    """`n` power-cut tickets in Ukhimath from `n` different Telegram citizens; their numbers."""
    numbers = []
    for i in range(n):
        view = service.file_ticket(text=f"Transformer {i} burnt in ward {i * 7 + 3}, no power since Monday",
                                   department="energy", district="rudraprayag", block="ukhimath",
                                   channel="telegram", channel_user_id=f"{prefix}-{i}", now=now)
        numbers.append(view.number)
    return numbers
