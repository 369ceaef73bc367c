"""Finding 9 of issue 15: personal data is not kept forever; tickets and their history always are.

The worker's retention run (helpline/retention.py) anonymises citizens whose tickets are all closed
longer than HELPLINE_RETENTION_DAYS, deletes Rasa conversations idle longer than their retention,
inbound message records and handled intake rows, and empties delivered notifications' text.
"""
from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, select

from helpline import service, settings

from helpline import retention

from helpline.tickets import intake
from helpline.tickets import outbox
from helpline.store.db import unit_of_work
from helpline.store.models import (Citizen, CitizenIdentity, InboundMessage, NotificationOutbox, Ticket,
                             TicketEvent)

NOW = datetime.now(timezone.utc)


def _file(citizen: str, phone: str, name: str = "Sita Devi"):
    return service.file_ticket(text=f"hand pump broken near the school of {citizen}", department="drinking_water",
                               district="rudraprayag", block="ukhimath", name=name, phone=phone,
                               channel="whatsapp", channel_user_id=phone.lstrip("+"))


def _close(number: str, at: datetime) -> None:
    with unit_of_work() as session:
        ticket = session.scalars(select(Ticket).where(Ticket.number == number)).one()
        ticket.state, ticket.updated_at = "closed", at


def test_citizens_of_long_closed_tickets_are_anonymised_and_the_tickets_stay(database, monkeypatch):
    monkeypatch.setattr(settings, "RETENTION_DAYS", 365)
    old = _file("old", "+919876500001")
    recent = _file("recent", "+919876500002", name="Ram Lal")
    _file("open", "+919876500003", name="Mohan")   # still open: never anonymised
    with unit_of_work() as session:   # the citizens came long ago
        for c in session.scalars(select(Citizen)):
            c.created_at = NOW - timedelta(days=800)
    _close(old.number, NOW - timedelta(days=400))
    _close(recent.number, NOW - timedelta(days=10))
    with unit_of_work(readonly=True) as session:
        events_before = session.scalar(select(func.count(TicketEvent.id)))

    assert retention.anonymise_citizens(now=NOW) == 1
    assert retention.anonymise_citizens(now=NOW) == 0   # nothing left to do

    with unit_of_work(readonly=True) as session:
        people = {c.id: (c.name, c.phone) for c in session.scalars(select(Citizen))}
        ids = [i.external_id for i in session.scalars(select(CitizenIdentity))]
        tickets = session.scalar(select(func.count(Ticket.id)))
        events_after = session.scalar(select(func.count(TicketEvent.id)))
        addresses = [r.address for r in session.scalars(select(NotificationOutbox).where(
            NotificationOutbox.recipient_kind == "citizen"))]
    assert (None, None) in people.values()
    assert ("Ram Lal", "+919876500002") in people.values() and ("Mohan", "+919876500003") in people.values()
    assert "919876500001" not in ids and any(i.startswith("anon-") for i in ids)
    assert tickets == 3 and events_after == events_before   # statistics and audit keep every row
    assert "+919876500001" not in str(addresses) and "919876500001" not in str(addresses)


def test_inbound_records_intake_rows_and_outbox_payloads_expire(database, monkeypatch):
    monkeypatch.setattr(settings, "RETENTION_INBOUND_DAYS", 30)
    monkeypatch.setattr(settings, "RETENTION_OUTBOX_DAYS", 90)
    service.claim_inbound("telegram", 1)
    intake.accept("whatsapp", "wamid.old", "919876500009", {"text": "my phone is 9876500009"},
                  now=NOW - timedelta(days=40))
    [item] = intake.claim("whatsapp", "w", now=NOW - timedelta(days=40))
    intake.done(item.id, "w", now=NOW - timedelta(days=40))
    intake.accept("whatsapp", "wamid.waiting", "919876500010", {"text": "still to handle"},
                  now=NOW - timedelta(days=40))
    with unit_of_work() as session:
        session.execute(InboundMessage.__table__.update().values(seen_at=NOW - timedelta(days=31)))
    assert retention.purge_inbound(now=NOW) == 2   # the seen update and the handled message
    assert intake.due("whatsapp", now=NOW)          # an unhandled message is never dropped

    ticket = _file("outbox", "+919876500011")
    for item in outbox.claim_due():
        outbox.mark_sent(item.id, "x", claim=item.attempts)
    with unit_of_work() as session:
        session.execute(NotificationOutbox.__table__.update().values(created_at=NOW - timedelta(days=100)))
    assert retention.redact_outbox(now=NOW) >= 1
    with unit_of_work(readonly=True) as session:
        rows = list(session.scalars(select(NotificationOutbox)))
    assert rows and all(r.address is None and "text" not in r.payload for r in rows)
    assert all(r.payload["ticket"] == ticket.number for r in rows)


def test_idle_rasa_conversations_are_deleted_from_the_tracker_store(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "RETENTION_CONVERSATION_DAYS", 90)
    path = tmp_path / "rasa_tracker.db"
    with sqlite3.connect(path) as conn:   # Rasa's SQL tracker store table
        conn.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), type_name VARCHAR(255),"
                     " timestamp FLOAT, intent_name VARCHAR(255), action_name VARCHAR(255), data TEXT)")
        old, fresh = (NOW - timedelta(days=120)).timestamp(), (NOW - timedelta(days=1)).timestamp()
        rows = [("whatsapp:919876500001", old, '{"text": "phone 9876500001"}'),
                ("whatsapp:919876500001", old + 60, "{}"),
                ("web:abc", old, "{}"), ("web:abc", fresh, "{}"),   # still talking: kept whole
                ("telegram:5", fresh, "{}")]
        conn.executemany("INSERT INTO events (sender_id, type_name, timestamp, data) VALUES (?, 'user', ?, ?)", rows)
    assert retention.purge_conversations(now=NOW, url=f"sqlite:///{path}") == 2
    with sqlite3.connect(path) as conn:
        left = sorted({r[0] for r in conn.execute("SELECT sender_id FROM events")})
    assert left == ["telegram:5", "web:abc"]
    assert retention.purge_conversations(now=NOW, url=f"sqlite:///{tmp_path / 'none.db'}") == 0
    assert not (tmp_path / "none.db").exists()


def test_the_worker_runs_every_kind_and_zero_keeps_forever(database, monkeypatch, tmp_path):
    monkeypatch.setattr(settings, "PHOTO_DIR", tmp_path / "photos")
    monkeypatch.setattr(settings, "RASA_TRACKER_STORE_URL", "")
    for name in ("RETENTION_DAYS", "RETENTION_INBOUND_DAYS", "RETENTION_OUTBOX_DAYS"):
        monkeypatch.setattr(settings, name, 0)
    service.claim_inbound("telegram", 2)
    summary = retention.run(now=NOW + timedelta(days=10000))
    assert set(summary) >= {"unfiled_photos", "inbound", "outbox", "citizens", "conversations"}
    assert summary["inbound"] == summary["citizens"] == summary["outbox"] == 0
    assert all(v >= 0 for v in summary.values())
