""""Me too" (issue 17): finding the known problem a new complaint describes, and linking tickets to it.

A linked ticket keeps its own number, citizen and feedback, and follows its parent: the parent's
start, resolution, rejection, transfer, escalation and special closure are applied to every open
linked ticket (each with its own event, and its own citizen notice where the parent's citizen gets
one). The parent counts its citizens in `affected` (itself + linked). The service opens the unit
of work; these functions work inside it.
"""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from helpline import rules, settings
from helpline.errors import IllegalTransition, InvalidInput, NotFound
from helpline.store.models import Ticket, TicketEvent
from helpline.tickets import lifecycle, matcher
from helpline.tickets.lifecycle import add_event

# Candidates read per lookup (newest first); a block rarely has more open tickets of one department.
CANDIDATES = 500
EARTH_M = 6_371_000


@dataclass(frozen=True)
class KnownProblem:
    """An open ticket a new complaint may join; no text or name (those belong to its citizen)."""

    number: str
    score: float
    affected: int
    state: str
    level: str
    department: str
    district: str
    block: str | None
    created_at: datetime

    def as_json(self) -> dict:
        return {"number": self.number, "score": self.score, "affected": self.affected,
                "state": self.state, "level": self.level}


def distance_m(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in metres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_M * math.asin(min(1.0, math.sqrt(h)))


def similar(session: Session, *, text: str, department: str, district: str, block: str | None = None,
            location: tuple[float, float] | None = None, now: datetime, limit: int = 3,
            threshold: float = matcher.THRESHOLD) -> list[KnownProblem]:
    """Open parent tickets of the department that say the same thing, best first.

    Where: the same block (the district when no block is given) or, when both tickets have a
    location, within settings.METOO_RADIUS_M of it; filed within settings.METOO_DAYS.
    Each query is served by an index (ix_ticket_metoo, ix_ticket_metoo_geo) and reads the stored
    signatures only.
    """
    key = matcher.signature(text)
    if not key:
        return []
    radius = settings.METOO_RADIUS_M
    cols = (Ticket.id, Ticket.number, Ticket.match_key, Ticket.lat, Ticket.lon, Ticket.affected, Ticket.state,
            Ticket.level, Ticket.department_code, Ticket.district_code, Ticket.block_code, Ticket.created_at)
    base = select(*cols).where(
        Ticket.department_code == department, Ticket.state.in_(sorted(rules.JOINABLE)),
        Ticket.created_at >= now - timedelta(days=settings.METOO_DAYS), Ticket.parent_id.is_(None),
        Ticket.is_practice.is_(False))
    place = base.where(Ticket.district_code == district)
    if block:
        place = place.where(Ticket.block_code == block)
    rows = {r.id: r for r in session.execute(place.order_by(Ticket.created_at.desc()).limit(CANDIDATES))}
    if location is not None:
        lat, lon = location
        dlat = radius / 111_320
        dlon = radius / (111_320 * max(math.cos(math.radians(lat)), 0.01))
        near = base.where(Ticket.lat.between(lat - dlat, lat + dlat), Ticket.lon.between(lon - dlon, lon + dlon))
        rows.update((r.id, r) for r in session.execute(near.order_by(Ticket.created_at.desc()).limit(CANDIDATES)))
    found = []
    for r in rows.values():
        if location is not None and r.lat is not None and r.lon is not None:
            if distance_m(location, (r.lat, r.lon)) > radius:
                continue
        score = matcher.score(key, r.match_key or "")
        if score >= threshold:
            found.append(KnownProblem(r.number, score, r.affected, r.state, rules.level_label(r.level),
                                      r.department_code, r.district_code, r.block_code, r.created_at))
    found.sort(key=lambda k: (-k.score, -k.affected, k.created_at, k.number))
    return found[:limit]


def root_of(session: Session, number: str, *, lock: bool = True) -> Ticket:
    """The known problem behind `number` (its parent when it is itself linked), row-locked."""
    query = select(Ticket).where(Ticket.number == str(number or "").strip().upper(), Ticket.is_practice.is_(False))
    ticket = session.scalars(query.with_for_update(of=Ticket) if lock else query).unique().first()
    if ticket is None:
        raise NotFound("error.ticket_not_found", number=str(number or "")[:30])
    if ticket.parent_id is not None:
        ticket = session.scalars(select(Ticket).where(Ticket.id == ticket.parent_id)
                                 .with_for_update(of=Ticket)).unique().one()
    return ticket


def child_of(session: Session, parent: Ticket, citizen_id: int) -> Ticket | None:
    """The citizen's own ticket on this problem: the parent itself, or their open linked ticket."""
    if parent.citizen_id == citizen_id:
        return parent
    return session.scalars(select(Ticket).where(
        Ticket.parent_id == parent.id, Ticket.citizen_id == citizen_id,
        Ticket.state.in_(sorted(rules.OPEN))).order_by(Ticket.id)).unique().first()


def children(session: Session, parent: Ticket, *, open_only: bool = True) -> list[Ticket]:
    query = select(Ticket).where(Ticket.parent_id == parent.id)
    if open_only:
        query = query.where(Ticket.state.in_(sorted(rules.OPEN)))
    return list(session.scalars(query.order_by(Ticket.id).with_for_update(of=Ticket)).unique())


def linked_numbers(session: Session, ticket: Ticket) -> list[str]:
    return list(session.scalars(select(Ticket.number).where(Ticket.parent_id == ticket.id).order_by(Ticket.id)))


def _sync(child: Ticket, parent: Ticket) -> None:
    """The child takes the parent's place in the life cycle (its post, level, state and time limit)."""
    child.state, child.level = parent.state, parent.level
    child.department_code = parent.department_code
    child.assigned_post_id, child.assigned_post = parent.assigned_post_id, parent.assigned_post
    child.due_at, child.resolved_at = parent.due_at, parent.resolved_at
    if parent.state in rules.FINAL:
        child.closed_at = parent.closed_at
    child.reminded_level, child.overdue_notified = parent.reminded_level, parent.overdue_notified
    lifecycle.schedule(child)


def _recount(session: Session, parent: Ticket) -> None:
    linked = session.scalar(select(func.count(Ticket.id)).where(Ticket.parent_id == parent.id)) or 0
    parent.affected = 1 + linked


def attach(session: Session, child: Ticket, parent: Ticket, now: datetime, *, actor: str = "citizen",
           officer=None, note: str | None = None) -> TicketEvent:
    """Link `child` (and any tickets linked to it) to `parent`; both get an event."""
    if child.id == parent.id or parent.parent_id is not None:
        raise InvalidInput("error.parent_required")
    if parent.state not in rules.JOINABLE:
        raise IllegalTransition("error.join_not_open", number=parent.number)
    if parent.department_code != child.department_code:
        raise InvalidInput("error.join_department", number=parent.number)
    from_state, from_level = child.state, child.level
    for grandchild in children(session, child, open_only=False):
        grandchild.parent_id = parent.id
    child.parent_id = parent.id
    child.district_code, child.block_code = parent.district_code, parent.block_code
    _clear_request(child)
    _sync(child, parent)
    child.updated_at = parent.updated_at = now
    session.flush()
    _recount(session, parent)
    _recount(session, child)
    event = add_event(session, child, now, "joined", actor=actor, officer=officer, from_state=from_state,
                      to_state=child.state, from_level=from_level, to_level=child.level,
                      note=f"linked to {parent.number}" + (f": {note}" if note else ""))
    add_event(session, parent, now, "joined", actor=actor, officer=officer, from_state=parent.state,
              to_state=parent.state, from_level=parent.level, to_level=parent.level,
              note=f"{child.number} linked; {parent.affected} citizens affected")
    return event


def detach(session: Session, child: Ticket, now: datetime, *, actor: str = "citizen", officer=None,
           note: str | None = None) -> None:
    """The child leaves its parent (unlinked by an officer, or reopened by its citizen) and goes its own way."""
    parent = session.scalars(select(Ticket).where(Ticket.id == child.parent_id)
                             .with_for_update(of=Ticket)).unique().one()
    child.parent_id = None
    session.flush()
    _recount(session, parent)
    text = f"left {parent.number}" + (f": {note}" if note else "")
    add_event(session, child, now, "unlinked", actor=actor, officer=officer, from_state=child.state,
              to_state=child.state, from_level=child.level, to_level=child.level, note=text)
    add_event(session, parent, now, "unlinked", actor=actor, officer=officer, from_state=parent.state,
              to_state=parent.state, from_level=parent.level, to_level=parent.level,
              note=f"{child.number} left; {parent.affected} citizens affected")
    child.updated_at = parent.updated_at = now
    lifecycle.schedule(child, now)


def _clear_request(ticket: Ticket) -> None:
    ticket.pending_action = ticket.pending_reason = ticket.pending_note = None
    ticket.pending_to_department = None
    ticket.pending_by_officer_id = None


def follow(session: Session, parent: Ticket, event: TicketEvent,
           notice: Callable[[Ticket, TicketEvent], None] | None = None) -> int:
    """Apply the parent's change (its `event`) to every open linked ticket; `notice` tells each citizen.

    The children's events carry no `from_post_id`: the monthly review judges a post once per problem
    (an escalation counts on the parent only).
    """
    moved = 0
    for child in children(session, parent):
        from_state, from_level = child.state, child.level
        _sync(child, parent)
        child.updated_at = event.at
        child_event = add_event(session, child, event.at, event.kind, actor=event.actor,
                                from_state=from_state, to_state=child.state, from_level=from_level,
                                to_level=child.level, note=f"with {parent.number}: {event.note or ''}".strip())
        child_event.officer_id, child_event.post_id = event.officer_id, event.post_id
        if notice is not None:
            notice(child, child_event)
        moved += 1
    return moved
