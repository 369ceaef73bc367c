"""What officers do to a ticket (start, resolve, reject, transfer, approve, special_close, link, unlink) and feedback.

Each rule comes from helpline/rules.py; the service opens the unit of work and finds the ticket and officer.
"""
from __future__ import annotations

import unicodedata
from datetime import datetime

from sqlalchemy.orm import Session

from helpline import reference, rules
from helpline.errors import IllegalTransition, InvalidInput, PermissionDenied
from helpline.store.models import Feedback, Officer, Ticket, TicketEvent, TicketPhoto
from helpline.texts import render
from helpline.tickets import lifecycle, metoo, outbox, permissions, routing
from helpline.tickets.lifecycle import actor_of, add_event
from helpline.training import practice


def normalise(action: str, note: str | None, reason: str | None) -> tuple[str, str | None, str | None]:
    """The action name, note and reason as the rules spell them; an unknown action is refused."""
    action = str(action or "").strip().lower().replace("-", "_")
    if action not in rules.ACTIONS:
        raise InvalidInput("error.unknown_action", value=action[:30])
    note = unicodedata.normalize("NFC", note).strip() or None if note else None
    reason = str(reason).strip().lower().replace("-", "_").replace(" ", "_") if reason else None
    return action, note, reason


def _deny(ticket: Ticket, action: str) -> PermissionDenied:
    return PermissionDenied("error.permission_denied", number=ticket.number, action=action)


def _illegal(ticket: Ticket, action: str) -> IllegalTransition:
    return IllegalTransition("error.illegal_transition", number=ticket.number, state=ticket.state,
                             action=action)


def _set_state(session: Session, ticket: Ticket, now: datetime, who: Officer, kind: str, state: str,
               note: str | None) -> TicketEvent:
    event = add_event(session, ticket, now, kind, actor=actor_of(who), officer=who,
                      from_state=ticket.state, to_state=state, from_level=ticket.level,
                      to_level=ticket.level, note=note)
    ticket.state = state
    ticket.updated_at = now
    if state in rules.FINAL:
        ticket.closed_at = now
    lifecycle.schedule(ticket)
    return event


def _clear_pending(ticket: Ticket) -> None:
    ticket.pending_action = ticket.pending_reason = ticket.pending_note = None
    ticket.pending_to_department = None
    ticket.pending_by_officer_id = None


def _do_reject(session: Session, ticket: Ticket, now: datetime, who: Officer, reason: str,
               note: str | None) -> None:
    _clear_pending(ticket)
    text = reason + (f": {note}" if note else "")
    event = _set_state(session, ticket, now, who, "rejected", rules.REJECTED, text)

    def tell(t: Ticket, e: TicketEvent) -> None:
        outbox.notify_citizen(session, e, t, "rejected", "notify.rejected",
                              reason=render(f"reason.{reason}", t.language), note=note or "")
    tell(ticket, event)
    metoo.follow(session, ticket, event, tell)


def _do_transfer(session: Session, ticket: Ticket, now: datetime, who: Officer, to_department: str,
                 note: str | None) -> None:
    _clear_pending(ticket)
    old = ticket.department_code
    ticket.department_code = to_department
    text = f"from {old} to {to_department}" + (f": {note}" if note else "")
    event = lifecycle.route_and_assign(session, ticket, now, level=rules.MIN_LEVEL, state=rules.TRANSFERRED,
                                       kind="transferred", actor=actor_of(who), officer=who, note=text)
    metoo.follow(session, ticket, event)


def _request(session: Session, ticket: Ticket, now: datetime, who: Officer, kind: str, note: str) -> None:
    event = add_event(session, ticket, now, kind, actor=actor_of(who), officer=who,
                      from_state=ticket.state, to_state=ticket.state, from_level=ticket.level,
                      to_level=ticket.level, note=note)
    ticket.updated_at = now
    approver = routing.approver_post(session, ticket.department_code, ticket.district_code)
    for officer in routing.holders(session, approver):
        lang = officer.language
        outbox.notify_officer(session, event, ticket, officer, kind, f"notify.{kind}",
                              reason=render(f"reason.{ticket.pending_reason}", lang) if ticket.pending_reason else "",
                              note=ticket.pending_note or "", to_department=reference.department_name(ticket.pending_to_department, lang, missing=""))


def _link(session: Session, ticket: Ticket, who: Officer, parent_number: str | None, note: str | None,
          now: datetime) -> None:
    """Link the ticket to the known problem `parent_number` (instead of rejecting it as a duplicate)."""
    if not str(parent_number or "").strip():
        raise InvalidInput("error.parent_required")
    parent = metoo.root_of(session, parent_number)
    if (parent.id == ticket.id or parent.state not in rules.JOINABLE or parent.department_code != ticket.department_code
            or not permissions.can_act(who.post, parent) or not practice.may_see(session, parent, who)):
        raise InvalidInput("error.parent_not_joinable", number=parent.number)
    metoo.attach(session, ticket, parent, now, actor=actor_of(who), officer=who, note=note)


def act(session: Session, ticket: Ticket, who: Officer, action: str, note: str | None, reason: str | None,
        to_department: str | None, photo: str | None, now: datetime, parent: str | None = None) -> None:
    post = who.post
    if post.role == "district_admin":
        raise PermissionDenied("error.dm_read_only")
    if not practice.may_see(session, ticket, who):
        raise _deny(ticket, action)
    if action == "transfer" and permissions.can_route(post, ticket) and not permissions.can_act(post, ticket):
        target = reference.department(to_department) or reference.resolve_department(to_department)
        if target is None or target.code == ticket.department_code:
            raise InvalidInput("error.transfer_target")
        _do_transfer(session, ticket, now, who, target.code, note)
        return
    if not permissions.can_act(post, ticket):
        raise _deny(ticket, action)
    if action == "special_close":
        if not rules.level_allows(action, post.level):
            raise PermissionDenied("error.special_close_level")
        written = (note or reason or "").strip()
        if not written:
            raise InvalidInput("error.special_close_reason")
        if not rules.state_allows(action, ticket.state, linked=ticket.parent_id is not None):
            raise _illegal(ticket, action)
        _clear_pending(ticket)
        if ticket.parent_id is not None:   # closing one citizen's ticket: it leaves the problem first
            metoo.detach(session, ticket, now, actor=actor_of(who), officer=who, note="special closure")
        event = _set_state(session, ticket, now, who, "special_closed", rules.SPECIAL_CLOSED, written)

        def tell(t: Ticket, e: TicketEvent) -> None:
            outbox.notify_citizen(session, e, t, "special_closed", "notify.special_closed", note=written)
        tell(ticket, event)
        metoo.follow(session, ticket, event, tell)
        return
    if action == "approve":
        if not rules.level_allows(action, post.level):
            raise PermissionDenied("error.approve_level")
        if not rules.state_allows(action, ticket.state, pending_request=ticket.pending_action is not None,
                                  linked=ticket.parent_id is not None):
            raise IllegalTransition("error.nothing_to_approve", number=ticket.number)
        requested = f"approved request of officer:{ticket.pending_by_officer_id}"
        if ticket.pending_action == "reject":
            _do_reject(session, ticket, now, who, ticket.pending_reason or "not_actionable",
                       "; ".join(x for x in (ticket.pending_note, requested, note) if x))
        else:
            _do_transfer(session, ticket, now, who, ticket.pending_to_department or rules.ROUTING_DESK,
                         "; ".join(x for x in (ticket.pending_note, requested, note) if x))
        return
    if not rules.state_allows(action, ticket.state, linked=ticket.parent_id is not None):
        raise _illegal(ticket, action)
    if action == "link":
        _link(session, ticket, who, parent, note, now)
    elif action == "unlink":
        metoo.detach(session, ticket, now, actor=actor_of(who), officer=who, note=note)
    elif action == "start":
        if ticket.assigned_post_id is None:
            ticket.assigned_post_id, ticket.assigned_post = post.id, post
        event = _set_state(session, ticket, now, who, "started", rules.IN_PROGRESS, note)
        metoo.follow(session, ticket, event)
    elif action == "resolve":
        if not (note or "").strip():
            raise InvalidInput("error.note_required")
        _clear_pending(ticket)
        ticket.resolved_at = now
        if photo:
            session.add(TicketPhoto(ticket_id=ticket.id, ref=str(photo), source="officer", added_at=now))
        event = _set_state(session, ticket, now, who, "resolved", rules.RESOLVED, note.strip())

        def tell(t: Ticket, e: TicketEvent) -> None:
            outbox.notify_citizen(session, e, t, "resolved_feedback_request",
                                  "notify.resolved_feedback_request", note=note.strip())
        tell(ticket, event)
        metoo.follow(session, ticket, event, tell)
    elif action == "reject":
        if reason not in rules.REJECTION_REASONS:
            raise InvalidInput("error.reason_required", allowed=", ".join(rules.REJECTION_REASONS))
        if not rules.needs_approval(action, post.level):
            _do_reject(session, ticket, now, who, reason, note)
            return
        ticket.pending_action, ticket.pending_reason, ticket.pending_note = "reject", reason, note
        ticket.pending_to_department, ticket.pending_by_officer_id = None, who.id
        _request(session, ticket, now, who, "rejection_requested", reason + (f": {note}" if note else ""))
    elif action == "transfer":
        target = reference.department(to_department) or reference.resolve_department(to_department)
        if target is None or target.code == ticket.department_code:
            raise InvalidInput("error.transfer_target")
        if not rules.needs_approval(action, post.level, ticket.department_code):
            _do_transfer(session, ticket, now, who, target.code, note)
            return
        ticket.pending_action, ticket.pending_reason, ticket.pending_note = "transfer", None, note
        ticket.pending_to_department, ticket.pending_by_officer_id = target.code, who.id
        _request(session, ticket, now, who, "transfer_requested",
                 f"to {target.code}" + (f": {note}" if note else ""))


def valid_rating(rating: object) -> int | None:
    """A rating of 1 to 5 (or none)."""
    if rating is None:
        return None
    try:
        value = int(rating)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise InvalidInput("error.invalid_rating") from None
    if not 1 <= value <= 5:
        raise InvalidInput("error.invalid_rating")
    return value


def feedback(session: Session, ticket: Ticket, satisfied: bool, rating: int | None, now: datetime) -> None:
    """The citizen's verdict on a resolved ticket: satisfied closes it, unsatisfied reopens a level up."""
    if ticket.state != rules.RESOLVED:
        raise IllegalTransition("error.feedback_not_allowed", number=ticket.number)
    post = ticket.assigned_post
    session.add(Feedback(ticket_id=ticket.id, satisfied=bool(satisfied), rating=rating, level=ticket.level,
                         post_id=ticket.assigned_post_id, created_at=now))
    verdict = ("satisfied" if satisfied else "not satisfied") + (f", rating {rating}" if rating else "")
    if satisfied:
        event = add_event(session, ticket, now, "closed", actor="citizen", from_state=rules.RESOLVED,
                          to_state=rules.CLOSED, from_level=ticket.level, to_level=ticket.level, note=verdict)
        ticket.state, ticket.closed_at, ticket.updated_at = rules.CLOSED, now, now
        lifecycle.schedule(ticket)
        outbox.notify_post(session, event, ticket, post, "feedback_received", "notify.feedback_received",
                           rating=rating or "-")
    else:
        if ticket.parent_id is not None:   # not fixed for this citizen: their ticket leaves the problem
            metoo.detach(session, ticket, now, note=verdict)
        lifecycle.route_and_assign(session, ticket, now, level=rules.next_level(ticket.level), state=rules.REOPENED,
                                   kind="reopened", actor="citizen", note=verdict,
                                   message="notify.reopened", notify_kind="reopened")
        ticket.resolved_at = None
