"""Retention: what the helpline forgets, and when. Run by the worker (bot/worker.py) every hour.

Personal data is anonymised or deleted after its kind's retention; a ticket and its history rows
(events, feedback, links) are never deleted, so statistics and the audit never lose a row.

| kind | setting (days; 0 keeps forever) | what happens |
| Rasa conversations | RETENTION_CONVERSATION_DAYS | tracker-store events of conversations idle that long: deleted |
| inbound messages | RETENTION_INBOUND_DAYS | de-duplication rows and handled intake rows: deleted |
| outbox payloads | RETENTION_OUTBOX_DAYS | delivered/given-up notifications: text and address emptied |
| unfiled photos | UNFILED_PHOTO_HOURS (hours) | photo files no ticket refers to: deleted |
| citizens | RETENTION_DAYS | name, phone and channel ids of citizens whose tickets are all closed that long: anonymised |
"""
from __future__ import annotations

import logging
from datetime import datetime, timedelta, timezone
from pathlib import Path

from sqlalchemy import create_engine, delete, exists, inspect, select, text, update

from helpline import rate_limits, settings
from helpline.rules import FINAL
from helpline.store.db import unit_of_work
from helpline.store.models import Citizen, CitizenIdentity, InboundMessage, NotificationOutbox, Ticket, TicketPhoto
from helpline.tickets import intake

log = logging.getLogger(__name__)
BATCH = 500   # rows per transaction: a long purge never holds locks for long


def _now(now: datetime | None) -> datetime:
    return now or datetime.now(timezone.utc)   # wall clock: the demo clock must not expire data


def _cutoff(days: int, now: datetime | None) -> datetime | None:
    return _now(now) - timedelta(days=days) if days > 0 else None


def purge_unfiled_photos(older_than: timedelta | None = None, root: Path | None = None,
                         now: datetime | None = None) -> int:
    """Delete photo files older than `older_than` that no ticket refers to; how many went."""
    older_than = older_than if older_than is not None else timedelta(hours=settings.UNFILED_PHOTO_HOURS)
    root = root or settings.PHOTO_DIR
    if older_than.total_seconds() <= 0 or not root.is_dir():
        return 0
    cutoff = _now(now).timestamp() - older_than.total_seconds()
    old = [p for p in root.glob("*/*") if p.is_file() and p.stat().st_mtime < cutoff]
    if not old:
        return 0
    with unit_of_work(readonly=True) as session:
        kept = set(session.scalars(select(TicketPhoto.ref)))
    removed = 0
    for path in old:
        if str(path) in kept or str(path.resolve()) in kept:
            continue
        try:
            path.unlink()
            removed += 1
        except FileNotFoundError:   # another worker was quicker
            pass
    return removed


def purge_inbound(now: datetime | None = None) -> int:
    """Forget which updates were seen, and handled intake rows, older than the retention."""
    cutoff = _cutoff(settings.RETENTION_INBOUND_DAYS, now)
    if cutoff is None:
        return 0
    with unit_of_work() as session:
        gone = session.execute(delete(InboundMessage).where(InboundMessage.seen_at < cutoff)).rowcount or 0
        gone += session.execute(delete(intake.IntakeMessage).where(
            intake.IntakeMessage.status != "pending", intake.IntakeMessage.received_at < cutoff)).rowcount or 0
    return gone


def redact_outbox(now: datetime | None = None) -> int:
    """Empty the text and address of notifications delivered or given up longer ago than the retention;
    the row (who was told what kind of thing, when, with what result) stays."""
    cutoff = _cutoff(settings.RETENTION_OUTBOX_DAYS, now)
    if cutoff is None:
        return 0
    done, after = 0, 0
    while True:
        with unit_of_work() as session:
            rows = list(session.scalars(select(NotificationOutbox).where(
                NotificationOutbox.status.in_(("sent", "failed")), NotificationOutbox.created_at < cutoff,
                NotificationOutbox.id > after).order_by(NotificationOutbox.id).limit(BATCH)))
            for row in rows:
                if not (row.payload or {}).get("redacted"):
                    row.payload = {"ticket": row.payload.get("ticket"), "language": row.payload.get("language"),
                                   "message": row.payload.get("message"), "redacted": True}
                    row.address = None
                    done += 1
        if len(rows) < BATCH:
            return done
        after = rows[-1].id


def anonymise_citizens(now: datetime | None = None) -> int:
    """Anonymise citizens whose every ticket reached a final state longer ago than RETENTION_DAYS
    (and who have filed nothing since): name and phone emptied, channel ids replaced."""
    cutoff = _cutoff(settings.RETENTION_DAYS, now)
    if cutoff is None:
        return 0
    recent_or_open = select(Ticket.id).where(Ticket.citizen_id == Citizen.id).where(
        (Ticket.state.not_in(FINAL)) | (Ticket.updated_at >= cutoff))
    has_ticket = select(Ticket.id).where(Ticket.citizen_id == Citizen.id)
    done = 0
    while True:
        with unit_of_work() as session:
            citizens = list(session.scalars(select(Citizen).where(
                exists(has_ticket), ~exists(recent_or_open), Citizen.created_at < cutoff,
                (Citizen.name.is_not(None)) | (Citizen.phone.is_not(None))
                | exists(select(CitizenIdentity.id).where(CitizenIdentity.citizen_id == Citizen.id,
                                                          ~CitizenIdentity.external_id.startswith("anon-"))))
                .limit(BATCH).with_for_update(skip_locked=True)))
            for citizen in citizens:
                citizen.name = citizen.phone = None
                for identity in session.scalars(select(CitizenIdentity).where(
                        CitizenIdentity.citizen_id == citizen.id)):
                    identity.external_id = f"anon-{identity.id}"
                session.execute(update(NotificationOutbox).where(
                    NotificationOutbox.recipient_kind == "citizen",
                    NotificationOutbox.recipient_id == str(citizen.id),
                    NotificationOutbox.status != "pending").values(address=None))
        done += len(citizens)
        if len(citizens) < BATCH:
            return done


def purge_conversations(now: datetime | None = None, url: str | None = None) -> int:
    """Delete Rasa's tracker-store events of conversations idle longer than the retention."""
    cutoff = _cutoff(settings.RETENTION_CONVERSATION_DAYS, now)
    url = url if url is not None else settings.RASA_TRACKER_STORE_URL
    if cutoff is None or not url:
        return 0
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        return 0   # Rasa has not created its store yet (and connecting would create an empty file)
    engine = create_engine(url)
    try:
        if not inspect(engine).has_table("events"):
            return 0
        with engine.begin() as conn:
            idle = text("SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff")
            senders = [row[0] for row in conn.execute(idle, {"cutoff": cutoff.timestamp()})]
            gone = 0
            for start in range(0, len(senders), BATCH):
                chunk = senders[start:start + BATCH]
                marks = ", ".join(f":s{i}" for i in range(len(chunk)))
                gone += conn.execute(text(f"DELETE FROM events WHERE sender_id IN ({marks})"),
                                     {f"s{i}": s for i, s in enumerate(chunk)}).rowcount or 0
            return gone
    finally:
        engine.dispose()


def run(now: datetime | None = None) -> dict[str, int]:
    """Everything retention does, once; how many rows or files of each kind were affected."""
    summary = {}
    for name, step in (("unfiled_photos", purge_unfiled_photos), ("inbound", purge_inbound),
                       ("outbox", redact_outbox), ("citizens", anonymise_citizens),
                       ("conversations", purge_conversations), ("rate_windows", rate_limits.purge)):
        try:
            summary[name] = step(now=now)
        except Exception:   # one kind failing must not keep the others from being applied
            log.exception("retention of %s failed; retried next run", name)
            summary[name] = -1
    return summary
