"""Notification outbox: rows written with the change that causes them, claimed by the sender.

Delivery is at-least-once; `dedupe_key` ("<event id>:<recipient>") is the idempotency key.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from helpline import clock, reference, rules, texts
from helpline.store.db import unit_of_work
from helpline.store.models import CitizenIdentity, NotificationOutbox, Officer, OfficerPost, Ticket, TicketEvent
from helpline.tickets import permissions
from helpline.officers.login_codes import login_code_text
from helpline.tickets.routing import holders

# How long a claimed row is hidden from other senders before it may be claimed again.
CLAIM_LEASE = timedelta(minutes=5)
# Officer notices that ask for a decision on a request: their card offers only the approval.
REQUEST_KINDS = ("transfer_requested", "rejection_requested")
# Officer notices that carry no action buttons (the ticket is not theirs to act on any more).
INFORMATION_KINDS = ("feedback_received",)


@dataclass(frozen=True)
class OutboxItem:
    id: int
    event_id: int
    ticket_number: str
    recipient_kind: str      # "officer" or "citizen"
    recipient_id: str        # officer id or citizen id
    channel: str             # telegram, whatsapp, web, phone, api
    address: str | None      # chat id / wa_id / phone; None when the recipient has none yet
    kind: str
    language: str
    text: str                # rendered in the recipient's language
    payload: dict
    dedupe_key: str
    attempts: int


def _params(ticket: Ticket, lang: str, **extra: object) -> dict:
    place = reference.block(ticket.block_code) or reference.district(ticket.district_code)
    due = ticket.due_at.astimezone(clock.local_zone()).strftime("%d-%m-%Y %H:%M") if ticket.due_at else ""
    params = {
        "number": ticket.number, "level": rules.level_label(ticket.level), "due": due,
        "department": reference.department_name(ticket.department_code, lang),
        "place": place.name(lang) if place else ticket.district_code,
        "text": ticket.text if len(ticket.text) <= 300 else ticket.text[:297] + "...",
    }
    params.update(extra)
    return params


def _add(session: Session, event: TicketEvent, ticket: Ticket, recipient_kind: str, recipient_id: int,
         channel: str, address: str | None, kind: str, lang: str, message: str, params: dict,
         actions: tuple[str, ...] = ()) -> None:
    if ticket.is_practice:   # practice tickets notify nobody: no citizen, no other officer (helpline/training/practice.py)
        return
    lang = texts.language(lang)
    values = _params(ticket, lang, **params)
    row = NotificationOutbox(
        event_id=event.id, ticket_id=ticket.id, recipient_kind=recipient_kind,
        recipient_id=str(recipient_id), channel=channel, address=address, kind=kind,
        payload={"ticket": ticket.number, "language": lang, "message": message,
                 "params": {k: str(v) for k, v in params.items()},
                 "text": texts.render(message, lang, **values), "actions": list(actions)},
        dedupe_key=f"{event.id}:{recipient_kind}:{recipient_id}", status="pending", attempts=0,
        next_attempt_at=event.at, created_at=event.at)
    session.add(row)


def notify_post(session: Session, event: TicketEvent, ticket: Ticket, post: OfficerPost | None, kind: str,
                message: str, **params: object) -> int:
    """One row per active holder of `post`; returns how many were written."""
    officers = holders(session, post)
    for officer in officers:
        channel, address = officer_address(officer)
        _add(session, event, ticket, "officer", officer.id, channel, address, kind, officer.language,
             message, params, officer_actions(officer, ticket, kind))
    return len(officers)


def notify_officer(session: Session, event: TicketEvent, ticket: Ticket, officer: Officer, kind: str,
                   message: str, **params: object) -> None:
    """One row to one officer (e.g. the approver of a request)."""
    channel, address = officer_address(officer)
    _add(session, event, ticket, "officer", officer.id, channel, address, kind, officer.language, message, params,
         officer_actions(officer, ticket, kind))


def notify_citizen(session: Session, event: TicketEvent, ticket: Ticket, kind: str, message: str,
                   **params: object) -> None:
    """One row to the citizen, on the channel the ticket came from."""
    identity = session.scalars(select(CitizenIdentity).where(
        CitizenIdentity.citizen_id == ticket.citizen_id, CitizenIdentity.channel == ticket.channel)
        .order_by(CitizenIdentity.id)).first()
    address = identity.external_id if identity else ticket.citizen.phone
    _add(session, event, ticket, "citizen", ticket.citizen_id, ticket.channel, address, kind,
         ticket.language, message, params)


def officer_actions(officer: Officer, ticket: Ticket, kind: str) -> tuple[str, ...]:
    """The buttons of an officer's notice: what the core lets them do now (the approval, for a request)."""
    if kind in INFORMATION_KINDS:
        return ()
    allowed = permissions.next_actions(officer.post, ticket)
    if kind in REQUEST_KINDS:
        return tuple(a for a in allowed if a == "approve")
    return allowed


def officer_address(officer: Officer) -> tuple[str, str | None]:
    """Officers are reached on Telegram, else WhatsApp (address None until they link one)."""
    if officer.telegram_chat_id:
        return "telegram", officer.telegram_chat_id
    if officer.whatsapp_id:
        return "whatsapp", officer.whatsapp_id
    return "telegram", None


def _item(session: Session, row: NotificationOutbox) -> OutboxItem:
    number = session.scalar(select(Ticket.number).where(Ticket.id == row.ticket_id)) or ""
    text = row.payload.get("text", "")
    if row.kind == "login_code":   # the code is never stored: worked out only now, for delivery
        text = login_code_text(row.payload)
    return OutboxItem(row.id, row.event_id, number, row.recipient_kind, row.recipient_id, row.channel,
                      row.address, row.kind, row.payload.get("language", "hi"), text,
                      dict(row.payload), row.dedupe_key, row.attempts)


def claim_due(limit: int = 50, now: datetime | None = None) -> list[OutboxItem]:
    """Claim up to `limit` pending rows (hidden from other senders for a lease); oldest first."""
    now = clock.aware(now)
    with unit_of_work() as session:
        rows = list(session.scalars(
            select(NotificationOutbox)
            .where(NotificationOutbox.status == "pending", NotificationOutbox.next_attempt_at <= now)
            .order_by(NotificationOutbox.next_attempt_at, NotificationOutbox.id)
            .limit(limit).with_for_update(skip_locked=True)))
        items = []
        for row in rows:
            if row.address is None and row.recipient_kind == "officer":
                # The officer may have linked Telegram since the row was written.
                officer = session.get(Officer, int(row.recipient_id))
                if officer is not None:
                    row.channel, row.address = officer_address(officer)
            row.attempts += 1
            row.next_attempt_at = now + CLAIM_LEASE
            items.append(_item(session, row))
        return items


def _held(session: Session, item_id: int, claim: int | None) -> NotificationOutbox | None:
    """The row when `claim` (the item's `attempts`, which every claim increments) still holds it;
    None when another sender has claimed it since (the lease lapsed) or it is no longer pending."""
    row = session.get(NotificationOutbox, item_id, with_for_update=True)
    if row is None or (claim is not None and (row.attempts != claim or row.status != "pending")):
        return None
    return row


def mark_sent(item_id: int, provider_message_id: str | None = None, *, claim: int | None = None) -> bool:
    """Record delivery; the row is never claimed again. False (nothing written) for a lost claim."""
    with unit_of_work() as session:
        row = _held(session, item_id, claim)
        if row is None:
            return False
        row.status, row.sent_at = "sent", clock.now()
        row.provider_message_id = provider_message_id
        return True


def mark_failed(item_id: int, error: str, retry_at: datetime | None, *, claim: int | None = None) -> bool:
    """Record a failed attempt: retried at `retry_at`, or given up (status failed) when None.
    False (nothing written) when `claim` no longer holds the row."""
    with unit_of_work() as session:
        row = _held(session, item_id, claim)
        if row is None:
            return False
        row.last_error = str(error)[:2000]
        if retry_at is None:
            row.status = "failed"
        else:
            row.status, row.next_attempt_at = "pending", clock.aware(retry_at)
        return True


def renew_claim(item_id: int, claim: int, now: datetime | None = None) -> bool:
    """Keep a claimed row hidden for another lease (a sender waiting out a long 429); False when lost."""
    with unit_of_work() as session:
        row = _held(session, item_id, claim)
        if row is None:
            return False
        row.next_attempt_at = clock.aware(now) + CLAIM_LEASE
        return True


DELIVERY_ORDER = {"sent": 1, "delivered": 2, "read": 3, "failed": 4}


def record_delivery(provider_message_id: str, status: str, *, at: datetime | None = None,
                    error: str | None = None) -> str | None:
    """Record a provider's later report (sent, delivered, read, failed) on the row it belongs to.

    Returns the ticket number ("" for a row tied to no ticket), or None when no row has that id.
    """
    with unit_of_work() as session:
        row = session.scalars(select(NotificationOutbox).where(
            NotificationOutbox.provider_message_id == str(provider_message_id))).first()
        if row is None:
            return None
        # Providers report out of order (a late "delivered" after "read"): never step back.
        if DELIVERY_ORDER.get(str(status), 0) >= DELIVERY_ORDER.get(row.delivery_status or "", -1):
            row.delivery_status, row.delivery_status_at = str(status)[:20], clock.aware(at)
        if status == "failed":
            row.status, row.last_error = "failed", str(error or "failed")[:2000]
        if row.ticket_id is None:
            return ""
        return session.scalar(select(Ticket.number).where(Ticket.id == row.ticket_id)) or ""
