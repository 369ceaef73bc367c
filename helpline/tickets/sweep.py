"""The time sweep: escalate overdue tickets, remind a day before the limit, close unanswered resolutions.

Its cost follows the number of tickets due, not stored: it reads only rows whose indexed
`next_sweep_at` has come. Each ticket is handled in its own transaction under a row lock
(SKIP LOCKED on PostgreSQL), so concurrent sweeps never move a ticket twice.
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from helpline import reference, rules, settings
from helpline.store.db import unit_of_work
from helpline.store.models import Ticket
from helpline.tickets import lifecycle, metoo, outbox
from helpline.tickets.lifecycle import add_event

log = logging.getLogger(__name__)


def _handle(session: Session, ticket: Ticket, now: datetime) -> str | None:
    """Do what is due for one locked ticket; returns "escalated", "reminded", "closed" or None."""
    done = None
    if ticket.state == rules.RESOLVED and ticket.resolved_at is not None:
        if now >= ticket.resolved_at + timedelta(days=settings.FEEDBACK_DAYS):
            event = add_event(session, ticket, now, "closed_no_feedback", from_state=rules.RESOLVED,
                              to_state=rules.CLOSED_NO_FEEDBACK, from_level=ticket.level, to_level=ticket.level,
                              note=f"no feedback within {settings.FEEDBACK_DAYS} days")
            ticket.state, ticket.closed_at, ticket.updated_at = rules.CLOSED_NO_FEEDBACK, now, now
            outbox.notify_citizen(session, event, ticket, "closed", "notify.closed")
            done = "closed"
    elif ticket.state in rules.PENDING and ticket.due_at is not None:
        if now >= ticket.due_at and not rules.is_top(ticket.level):
            days = reference.level_days(ticket.department_code, ticket.level)
            event = lifecycle.route_and_assign(
                session, ticket, now, level=rules.next_level(ticket.level), state=rules.ASSIGNED, kind="escalated",
                note=f"not disposed of at L{ticket.level} within {days} days",
                message="notify.escalated", notify_kind="escalated", due_from=ticket.due_at)
            metoo.follow(session, ticket, event)
            done = "escalated"
        elif now >= ticket.due_at and not ticket.overdue_notified:
            event = add_event(session, ticket, now, "overdue", from_state=ticket.state, to_state=ticket.state,
                              from_level=ticket.level, to_level=ticket.level,
                              note=f"beyond the time limit at {rules.level_label(rules.MAX_LEVEL)}")
            ticket.overdue_notified = True
            outbox.notify_post(session, event, ticket, ticket.assigned_post, "reminder", "notify.overdue_top")
        elif now >= ticket.due_at - lifecycle.REMINDER_BEFORE and ticket.reminded_level < ticket.level:
            event = add_event(session, ticket, now, "reminder", from_state=ticket.state, to_state=ticket.state,
                              from_level=ticket.level, to_level=ticket.level,
                              note="a day before the time limit")
            ticket.reminded_level = ticket.level
            outbox.notify_post(session, event, ticket, ticket.assigned_post, "reminder", "notify.reminder")
            done = "reminded"
    lifecycle.schedule(ticket, now)
    return done


def run(*, now: datetime, batch: int = 500) -> dict:
    """One pass over every ticket due by `now`; each ticket at most once per pass.

    A handled ticket's next_sweep_at moves past `now` (or to NULL), so it leaves the due range by
    itself; tickets another sweep holds, or that failed, are remembered and not asked for again.
    """
    counts = {"escalated": 0, "reminded": 0, "closed": 0}
    passed: set[int] = set()
    while True:
        query = select(Ticket.id).where(Ticket.next_sweep_at <= now)
        if passed:
            query = query.where(Ticket.id.not_in(passed))
        with unit_of_work(readonly=True) as session:
            ids = list(session.scalars(query.order_by(Ticket.next_sweep_at, Ticket.id).limit(batch)))
        if not ids:
            return counts
        for ticket_id in ids:
            done = None
            try:
                with unit_of_work() as session:
                    ticket = session.scalars(select(Ticket).where(
                        Ticket.id == ticket_id, Ticket.next_sweep_at <= now)
                        .with_for_update(of=Ticket, skip_locked=True)).first()
                    if ticket is None:  # another sweep holds it or has just handled it
                        passed.add(ticket_id)
                        continue
                    done = _handle(session, ticket, now)
            except Exception:  # one bad ticket must not stop the sweep for all others
                log.exception("sweep failed for ticket id %s", ticket_id)
                passed.add(ticket_id)
                done = None   # rolled back (e.g. the commit failed): nothing to count
            if done:
                counts[done] += 1
