"""The ticket life cycle inside one transaction: events, routing moves, due times, the sweep's clock.

Service functions and the sweep call these on a locked ticket; each writes its audit event and
outbox rows in the caller's transaction.
"""
from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from helpline import reference, rules, settings
from helpline.store.models import Officer, OfficerPost, Ticket, TicketEvent
from helpline.tickets import outbox, routing

REMINDER_BEFORE = timedelta(days=1)
# After the sweep touches a ticket it waits at least this long before looking again, so a sweep
# run (or a concurrent one) never moves the same ticket twice.
SWEEP_GAP = timedelta(seconds=1)


def actor_of(officer: Officer | None) -> str:
    return f"officer:{officer.id}" if officer else "system"


def add_event(session: Session, ticket: Ticket, now: datetime, kind: str, *, actor: str = "system",
              officer: Officer | None = None, from_state: str | None = None, to_state: str | None = None,
              from_level: int | None = None, to_level: int | None = None,
              note: str | None = None, from_post_id: int | None = None) -> TicketEvent:
    """Append one audit event (flushed, so outbox rows can point at it)."""
    event = TicketEvent(ticket_id=ticket.id, at=now, actor=actor, kind=kind,
                        officer_id=officer.id if officer else None,
                        post_id=officer.post_id if officer else None, from_post_id=from_post_id,
                        from_state=from_state, to_state=to_state,
                        from_level=from_level, to_level=to_level, note=note)
    session.add(event)
    session.flush()
    return event


def level_time(ticket: Ticket, level: int) -> timedelta:
    return timedelta(days=reference.level_days(ticket.department_code, level))


def schedule(ticket: Ticket, now: datetime | None = None) -> None:
    """Set next_sweep_at: the reminder, the time limit, the end of the feedback wait, or never."""
    at: datetime | None = None
    if ticket.is_practice:   # practice tickets never escalate, remind or close (helpline/training/practice.py)
        ticket.next_sweep_at = None
        return
    if ticket.parent_id is not None and ticket.state in rules.PENDING:
        ticket.next_sweep_at = None   # a linked ticket moves with its parent (helpline/tickets/metoo.py)
        return
    if ticket.state in rules.PENDING and ticket.due_at is not None:
        if rules.is_top(ticket.level) and ticket.overdue_notified:
            at = None
        elif ticket.reminded_level < ticket.level:
            at = ticket.due_at - REMINDER_BEFORE
        else:
            at = ticket.due_at
    elif ticket.state == rules.RESOLVED and ticket.resolved_at is not None:
        at = ticket.resolved_at + timedelta(days=settings.FEEDBACK_DAYS)
    if at is not None and now is not None:
        at = max(at, now + SWEEP_GAP)
    ticket.next_sweep_at = at


def place_at_level(session: Session, ticket: Ticket, level: int, due_from: datetime) -> OfficerPost | None:
    """Route the ticket to the post for `level` (or the nearest above) and restart its time limit."""
    post = routing.route(session, ticket.department_code, ticket.district_code, ticket.block_code, level)
    ticket.level = post.level if post is not None and post.level else level
    ticket.assigned_post_id = post.id if post else None
    ticket.assigned_post = post
    ticket.due_at = due_from + level_time(ticket, ticket.level)
    ticket.reminded_level = 0
    ticket.overdue_notified = False
    return post


def notify_new_holder(session: Session, event: TicketEvent, ticket: Ticket, post: OfficerPost | None,
                      kind: str, message: str) -> None:
    """Tell the post's officer of the ticket; with no post, tell the routing desk instead."""
    if post is not None:
        outbox.notify_post(session, event, ticket, post, kind, message)
        return
    for desk in routing.routing_desk_posts(session, ticket.district_code):
        outbox.notify_post(session, event, ticket, desk, "assigned", "notify.unrouted")


def route_and_assign(session: Session, ticket: Ticket, now: datetime, *, level: int, state: str,
                     kind: str, actor: str = "system", officer: Officer | None = None,
                     note: str | None = None, message: str = "notify.assigned",
                     notify_kind: str = "assigned", due_from: datetime | None = None) -> TicketEvent:
    """Move the ticket to the post of `level` in state `state` (registered if no post), event + notice."""
    from_state, from_level, from_post_id = ticket.state, ticket.level, ticket.assigned_post_id
    post = place_at_level(session, ticket, level, due_from or now)
    ticket.state = state if post is not None else rules.REGISTERED
    if post is None:
        note = ((note + "; ") if note else "") + "no officer post: sent to the routing desk"
    event = add_event(session, ticket, now, kind, actor=actor, officer=officer, from_state=from_state,
                      to_state=ticket.state, from_level=from_level, to_level=ticket.level, note=note,
                      from_post_id=from_post_id)
    notify_new_holder(session, event, ticket, post, notify_kind, message)
    ticket.updated_at = now
    schedule(ticket)
    return event
