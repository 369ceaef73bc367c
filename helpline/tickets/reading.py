"""Reading tickets: by number, a citizen's own, an officer's queue; each view carries what the reader may do."""
from __future__ import annotations

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from helpline import rules
from helpline.errors import NotFound, PermissionDenied
from helpline.store.models import CitizenIdentity, Officer, Ticket
from helpline.tickets import permissions
from helpline.tickets.views import TicketView, ticket_view
from helpline.training import practice


def normalise_number(number: str) -> str:
    return str(number or "").strip().upper()


def find(session: Session, number: str, *, lock: bool = False) -> Ticket:
    """The ticket with this number (row-locked with `lock`); NotFound otherwise."""
    query = select(Ticket).where(Ticket.number == normalise_number(number))
    if lock:
        query = query.with_for_update(of=Ticket)
    ticket = session.scalars(query).unique().first()
    if ticket is None:
        raise NotFound("error.ticket_not_found", number=normalise_number(number)[:30])
    return ticket


def identity_citizen_id(session: Session, channel: str, channel_user_id: str) -> int | None:
    return session.scalar(select(CitizenIdentity.citizen_id).where(
        CitizenIdentity.channel == str(channel), CitizenIdentity.external_id == str(channel_user_id)))


def citizen_ticket(session: Session, number: str, channel: str, channel_user_id: str) -> TicketView | None:
    """The citizen's own ticket; None alike when it is not theirs or does not exist."""
    citizen_id = identity_citizen_id(session, channel, channel_user_id)
    if citizen_id is None:
        return None
    ticket = session.scalars(select(Ticket).where(
        Ticket.number == normalise_number(number), Ticket.citizen_id == citizen_id)).first()
    return ticket_view(session, ticket) if ticket else None


def citizen_tickets(session: Session, channel: str, channel_user_id: str, open_only: bool) -> list[TicketView]:
    """The citizen's tickets, newest first (open ones only with `open_only`)."""
    citizen_id = identity_citizen_id(session, channel, channel_user_id)
    if citizen_id is None:
        return []
    query = select(Ticket).where(Ticket.citizen_id == citizen_id)
    if open_only:
        query = query.where(Ticket.state.in_(rules.OPEN))
    tickets = session.scalars(query.order_by(Ticket.created_at.desc(), Ticket.id.desc()).limit(200))
    return [ticket_view(session, t, events=False) for t in tickets]


def officer_view_of(session: Session, ticket: Ticket, who: Officer) -> TicketView:
    """The ticket as `who` sees it (phone only for the post holding it), if they may read it."""
    if not permissions.can_read(who.post, ticket) or not practice.may_see(session, ticket, who):
        raise PermissionDenied("error.permission_denied", number=ticket.number, action="read")
    return ticket_view(session, ticket, phone=ticket.assigned_post_id == who.post_id, officer=who)


def officer_tickets(session: Session, who: Officer, pending_only: bool, limit: int) -> list[TicketView]:
    """The officer's tickets, soonest due first: assigned to their post, or awaiting their approval.

    The District Administrator gets every ticket of the district.
    """
    post = who.post
    query = select(Ticket)
    if post.role == "district_admin":
        query = query.where(Ticket.district_code == post.district_code)
    else:
        approvals = Ticket.pending_action.is_not(None) & (Ticket.department_code == post.department_code) \
            & (Ticket.level <= (post.level or 0))
        if post.district_code is not None:
            approvals &= Ticket.district_code == post.district_code
        if not rules.level_allows("approve", post.level):
            approvals = Ticket.id.is_(None)
        # A linked ticket moves with its parent: the officer works the parent (it shows `affected`).
        query = query.where(or_(Ticket.assigned_post_id == post.id, approvals), Ticket.parent_id.is_(None))
    query = query.where(practice.visible_to(who.id))
    if pending_only:
        query = query.where(Ticket.state.in_(rules.PENDING))
    query = query.order_by(Ticket.due_at.is_(None), Ticket.due_at, Ticket.id).limit(limit)
    return [ticket_view(session, t, events=False, phone=t.assigned_post_id == post.id, officer=who)
            for t in session.scalars(query).unique()]
