"""Small helpers for the core tests: a fixed clock, filing with defaults, reading the outbox."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from sqlalchemy import select

from helpline import service
from helpline.store.db import unit_of_work
from helpline.store.models import NotificationOutbox, Officer, OfficerPost

T0 = datetime(2026, 3, 2, 6, 0, tzinfo=timezone.utc)   # 11:30 in Uttarakhand
UKHIMATH_L1 = "energy.L1.rudraprayag.ukhimath"
JAKHOLI_L1 = "energy.L1.rudraprayag.jakholi"
ENERGY_L2 = "energy.L2.rudraprayag"
ENERGY_L3 = "energy.L3.state"
ENERGY_L4 = "energy.L4.state"


def days(n: float) -> timedelta:
    return timedelta(days=n)


def file(text: str = "Transformer burnt, no electricity in the village for three days", **kw) -> service.TicketView:
    args = dict(text=text, department="energy", district="rudraprayag", block="ukhimath",
                channel="telegram", channel_user_id="1001", now=T0)
    args.update(kw)
    return service.file_ticket(**args)


def outbox_rows(number: str | None = None, kind: str | None = None) -> list[NotificationOutbox]:
    from helpline.store.models import Ticket

    with unit_of_work() as s:
        q = select(NotificationOutbox).order_by(NotificationOutbox.id)
        if number:
            q = q.join(Ticket, Ticket.id == NotificationOutbox.ticket_id).where(Ticket.number == number)
        if kind:
            q = q.where(NotificationOutbox.kind == kind)
        return list(s.scalars(q))


def officer_id(post_code: str) -> str:
    with unit_of_work() as s:
        return str(s.scalar(select(Officer.id).join(OfficerPost, Officer.post_id == OfficerPost.id)
                            .where(OfficerPost.code == post_code, Officer.active.is_(True))))
