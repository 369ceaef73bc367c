"""What the core hands out: plain, frozen views of tickets (with the actions an officer may take), events, officers."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from helpline import rules
from helpline.store.models import Officer, Ticket, TicketEvent, TicketPhoto
from helpline.tickets import permissions


@dataclass(frozen=True)
class EventView:
    at: datetime
    actor: str
    kind: str
    from_state: str | None
    to_state: str | None
    from_level: str | None
    to_level: str | None
    note: str | None

    def as_json(self) -> dict:
        return {"at": self.at.isoformat(), "actor": self.actor, "kind": self.kind,
                "from_state": self.from_state, "to_state": self.to_state,
                "from_level": self.from_level, "to_level": self.to_level, "note": self.note}


@dataclass(frozen=True)
class TicketView:
    number: str
    state: str
    level: str
    department: str
    district: str
    block: str | None
    assigned_post: str | None
    due_at: datetime | None
    created_at: datetime
    updated_at: datetime
    channel: str
    text: str
    citizen_name: str | None
    language: str
    location: tuple[float, float] | None
    photos: list[str] = field(default_factory=list)
    linked: bool = False
    events: list[EventView] = field(default_factory=list)
    pending: str | None = None           # "reject" or "transfer" awaiting L2 approval
    citizen_phone: str | None = None     # only in views for the officer the ticket is assigned to
    # What the officer the view was made for may do now (rules.ACTION_TABLE); empty in other views.
    next_actions: tuple[str, ...] = ()
    # "Me too" (helpline/tickets/metoo.py): the known problem this ticket joined, how many citizens a
    # parent stands for (itself + linked), and the linked tickets' numbers (detail views only).
    parent: str | None = None
    affected: int = 1
    linked_numbers: tuple[str, ...] = ()

    def as_json(self, with_events: bool = False) -> dict:
        data = {
            "number": self.number, "state": self.state, "level": self.level,
            "department": self.department, "district": self.district, "block": self.block,
            "assigned_post": self.assigned_post,
            "due_at": self.due_at.isoformat() if self.due_at else None,
            "created_at": self.created_at.isoformat(), "updated_at": self.updated_at.isoformat(),
            "channel": self.channel, "text": self.text, "citizen_name": self.citizen_name,
            "language": self.language,
            "location": {"lat": self.location[0], "lon": self.location[1]} if self.location else None,
            "photos": list(self.photos), "pending": self.pending,
            # `linked`: the numbers of the tickets linked to this one; `repeat`: this filing was the
            # citizen's own near-identical complaint, added to the ticket shown.
            "parent": self.parent, "affected": self.affected, "linked": list(self.linked_numbers),
            "repeat": self.linked,
        }
        if self.citizen_phone:
            data["citizen_phone"] = self.citizen_phone
        if with_events:
            data["events"] = [e.as_json() for e in self.events]
        return data


@dataclass(frozen=True)
class OfficerView:
    id: int
    name: str
    phone: str | None
    post: str
    role: str                 # officer | district_admin
    department: str | None
    level: str | None
    district: str | None
    block: str | None
    title_en: str
    title_hi: str
    language: str
    telegram_chat_id: str | None
    active: bool

    def as_json(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class OfficerInvite:
    code: str
    expires_at: datetime
    officer: OfficerView


_level = rules.level_label


def _event_view(e: TicketEvent) -> EventView:
    return EventView(e.at, e.actor, e.kind, e.from_state, e.to_state, _level(e.from_level),
                     _level(e.to_level), e.note)


def ticket_view(session: Session, t: Ticket, *, events: bool = True, linked: bool = False,
          phone: bool = False, officer: Officer | None = None) -> TicketView:
    photos = list(session.scalars(select(TicketPhoto.ref).where(
        TicketPhoto.ticket_id == t.id, TicketPhoto.source == "citizen").order_by(TicketPhoto.id)))
    history = []
    linked_numbers: list[str] = []
    if events:
        linked_numbers = list(session.scalars(select(Ticket.number).where(Ticket.parent_id == t.id)
                                              .order_by(Ticket.id)))
        history = [_event_view(e) for e in session.scalars(
            select(TicketEvent).where(TicketEvent.ticket_id == t.id).order_by(TicketEvent.id))]
    return TicketView(
        number=t.number, state=t.state, level=_level(t.level), department=t.department_code,
        district=t.district_code, block=t.block_code,
        assigned_post=t.assigned_post.code if t.assigned_post else None, due_at=t.due_at,
        created_at=t.created_at, updated_at=t.updated_at, channel=t.channel, text=t.text,
        citizen_name=t.citizen.name if t.citizen else None, language=t.language,
        location=(t.lat, t.lon) if t.lat is not None and t.lon is not None else None,
        photos=photos, linked=linked, events=history, pending=t.pending_action,
        citizen_phone=t.citizen.phone if phone and t.citizen else None,
        next_actions=permissions.next_actions(officer.post, t) if officer is not None else (),
        parent=session.scalar(select(Ticket.number).where(Ticket.id == t.parent_id)) if t.parent_id else None,
        affected=t.affected or 1, linked_numbers=tuple(linked_numbers))


def officer_view(o: Officer) -> OfficerView:
    p = o.post
    return OfficerView(o.id, o.name, o.phone, p.code, p.role, p.department_code, _level(p.level),
                       p.district_code, p.block_code, p.title_en, p.title_hi, o.language,
                       o.telegram_chat_id, o.active)
