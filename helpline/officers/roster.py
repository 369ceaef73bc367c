"""Roster changes: a new person on a post (the old holder leaves at the same moment), or a post vacated.

Tickets belong to the post, not the person: they stay where they are, and the new holder is told
of each open one at once (outbox kind `assigned_on_handover`). Permissions look up the post's
current active holder, so the old holder loses access with the same commit. Every change is a
roster_event row; nothing is deleted.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from helpline import clock, service
from helpline.errors import InvalidInput, NotFound
from helpline.phone import normalise_phone
from helpline.rules import PENDING
from helpline.store.db import unit_of_work
from helpline.store.models import NotificationOutbox, Officer, OfficerPost, PracticeTicket, RosterEvent, Ticket
from helpline.tickets import outbox
from helpline.tickets.lifecycle import add_event

HANDOVER_KIND = "assigned_on_handover"


@dataclass(frozen=True)
class RosterChange:
    event_id: int
    kind: str                          # assigned | vacated
    post: str
    officer_id: int | None             # the new holder
    name: str | None
    previous_officer_id: int | None
    previous_name: str | None
    open_tickets: list[str]            # numbers of the post's open tickets, each notified to the new holder
    at: datetime

    def as_json(self) -> dict:
        data = dict(self.__dict__)
        data["at"] = self.at.isoformat()
        return data


def _post(session: Session, code: str) -> OfficerPost:
    post = session.scalars(select(OfficerPost).where(OfficerPost.code == str(code).strip())
                           .with_for_update()).first()
    if post is None:
        raise NotFound("error.post_not_found", value=str(code)[:60])
    return post


def _holders(session: Session, post: OfficerPost) -> list[Officer]:
    return list(session.scalars(select(Officer).where(Officer.post_id == post.id, Officer.active.is_(True))
                                .order_by(Officer.id).with_for_update(of=Officer)))


def _open_tickets(session: Session, post: OfficerPost) -> list[Ticket]:
    """Real tickets with the post that wait for its action (practice tickets leave with their officer)."""
    return list(session.scalars(select(Ticket).where(
        Ticket.assigned_post_id == post.id, Ticket.state.in_(PENDING), Ticket.is_practice.is_(False))
        .order_by(Ticket.due_at, Ticket.id).with_for_update(of=Ticket)).unique())


def _release_leaving(session: Session, leaving: list[Officer], now: datetime) -> None:
    """A leaving officer's practice tickets are archived, and messages not yet sent to them are
    given up (the new holder is told of every open ticket instead)."""
    if not leaving:
        return
    session.execute(update(NotificationOutbox).where(
        NotificationOutbox.recipient_kind == "officer", NotificationOutbox.status == "pending",
        NotificationOutbox.recipient_id.in_([str(o.id) for o in leaving]))
        .values(status="failed", last_error="the officer left the post (roster change)"))
    for row in session.scalars(select(PracticeTicket).where(
            PracticeTicket.officer_id.in_([o.id for o in leaving]), PracticeTicket.cleared_at.is_(None))):
        row.cleared_at = now


def assign(post: str, *, name: str, phone: str | None = None, language: str = "hi", actor: str = "cli",
           note: str | None = None, now: datetime | None = None) -> RosterChange:
    """Put a new person on `post`; the old holder is deactivated in the same commit."""
    name = " ".join(str(name or "").split())[:200]
    if not name:
        raise InvalidInput("error.holder_name_required")
    phone = normalise_phone(phone) if phone not in (None, "") else None
    lang = str(language or "hi").strip().lower()[:2]
    if lang not in ("hi", "en"):
        raise InvalidInput("error.invalid_language", value=str(language)[:10])
    now = clock.aware(now)
    with unit_of_work() as session:
        row = _post(session, post)
        leaving = _holders(session, row)
        if any(o.name == name and o.phone == phone for o in leaving):
            raise InvalidInput("error.same_holder", name=name, post=row.code)
        for old in leaving:
            old.active = False
        _release_leaving(session, leaving, now)
        newcomer = Officer(post_id=row.id, name=name, phone=phone, language=lang, active=True, created_at=now)
        session.add(newcomer)
        session.flush()
        tickets = _open_tickets(session, row)
        previous = leaving[-1] if leaving else None
        event = RosterEvent(at=now, kind="assigned", post_id=row.id, officer_id=newcomer.id,
                            previous_officer_id=previous.id if previous else None, actor=str(actor)[:60],
                            open_tickets=len(tickets), note=note)
        session.add(event)
        session.flush()
        for ticket in tickets:
            handed = add_event(session, ticket, now, "handed_over", actor=f"roster:{event.id}",
                               from_state=ticket.state, to_state=ticket.state, from_level=ticket.level,
                               to_level=ticket.level,
                               note=f"post {row.code}: officer:{previous.id if previous else '-'} -> officer:{newcomer.id}")
            outbox.notify_officer(session, handed, ticket, newcomer, HANDOVER_KIND, "notify.assigned_on_handover",
                                  post=row.title_hi if lang == "hi" else row.title_en)
        return RosterChange(event.id, "assigned", row.code, newcomer.id, newcomer.name,
                            previous.id if previous else None, previous.name if previous else None,
                            [t.number for t in tickets], now)


def vacate(post: str, *, actor: str = "cli", note: str | None = None, now: datetime | None = None) -> RosterChange:
    """The holder leaves and nobody takes the post yet (readiness then shows it vacant)."""
    now = clock.aware(now)
    with unit_of_work() as session:
        row = _post(session, post)
        leaving = _holders(session, row)
        if not leaving:
            raise NotFound("error.officer_not_found", value=row.code)
        for old in leaving:
            old.active = False
        _release_leaving(session, leaving, now)
        tickets = _open_tickets(session, row)
        previous = leaving[-1]
        event = RosterEvent(at=now, kind="vacated", post_id=row.id, officer_id=None, previous_officer_id=previous.id,
                            actor=str(actor)[:60], open_tickets=len(tickets), note=note)
        session.add(event)
        session.flush()
        return RosterChange(event.id, "vacated", row.code, None, None, previous.id, previous.name,
                            [t.number for t in tickets], now)


def history(post: str) -> list[dict]:
    """Every roster change of the post, oldest first."""
    with unit_of_work(readonly=True) as session:
        row = session.scalars(select(OfficerPost).where(OfficerPost.code == str(post).strip())).first()
        if row is None:
            raise NotFound("error.post_not_found", value=str(post)[:60])
        return [{"id": e.id, "at": e.at.isoformat(), "kind": e.kind, "officer_id": e.officer_id,
                 "previous_officer_id": e.previous_officer_id, "actor": e.actor, "open_tickets": e.open_tickets,
                 "note": e.note}
                for e in session.scalars(select(RosterEvent).where(RosterEvent.post_id == row.id)
                                         .order_by(RosterEvent.id))]


def roster_command(args) -> dict:
    """`helpline officer assign|vacate POST`: the change, and for a new holder a Telegram link code."""
    if args.officer_command == "vacate":
        return vacate(args.post, note=args.note).as_json()
    change = assign(args.post, name=args.name, phone=args.phone, language=args.language, note=args.note)
    invite = service.invite_officer(change.post)
    return change.as_json() | {"invite_code": invite.code, "invite_expires_at": invite.expires_at.isoformat()}
