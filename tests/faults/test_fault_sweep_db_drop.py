"""The database connection drops in the middle of an escalation sweep (SQLite and PostgreSQL).

A ticket's escalation is one transaction: level, assigned post, due date, the audit event and the
officer's outbox row move together or not at all; the next sweep finishes what the broken one left.
On PostgreSQL the connection is really killed (pg_terminate_backend from a second connection); on
SQLite the driver raises OperationalError at the same statement.
"""
from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest
from sqlalchemy import create_engine, event, select, text
from sqlalchemy.orm import Session

from helpline import service
from helpline.store import db
from helpline.store.models import NotificationOutbox, OfficerPost, Ticket, TicketEvent
from tests.faults.kit import T0, file_energy

pytestmark = pytest.mark.timeout(120)

L1_POST, L2_POST = "energy.L1.rudraprayag.ukhimath", "energy.L2.rudraprayag"
AFTER_LIMIT = T0 + timedelta(days=8)


class ConnectionKiller:
    """Drops the sweep's connection at chosen moments: before the outbox INSERT of the n-th escalation
    (its ticket UPDATE and event INSERT already ran in the transaction) and before the COMMIT of another."""

    def __init__(self, url: str, outbox_at: int, commit_at: int):
        self.url, self.outbox_at, self.commit_at = url, outbox_at, commit_at
        self.escalations = 0
        self.dropped: list[str] = []
        self._admin = create_engine(url, isolation_level="AUTOCOMMIT") if url.startswith("postgresql") else None

    def _drop(self, conn, where: str) -> None:  # noqa: ANN001
        self.dropped.append(where)
        if self._admin is None:
            raise sqlite3.OperationalError(f"disk I/O error (injected at {where})")
        pid = conn.connection.dbapi_connection.info.backend_pid
        with self._admin.connect() as admin:
            admin.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": pid})
        # The next statement on `conn` now meets a closed server connection.

    def before_execute(self, conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        sql = statement.lstrip().upper()
        if sql.startswith("INSERT INTO TICKET_EVENT"):
            self.escalations += 1
        elif sql.startswith("INSERT INTO NOTIFICATION_OUTBOX") and self.escalations == self.outbox_at \
                and "outbox" not in self.dropped:
            self._drop(conn, "outbox")

    def before_commit(self, conn) -> None:  # noqa: ANN001
        if self.escalations == self.commit_at and "commit" not in self.dropped:
            self._drop(conn, "commit")
            if self._admin is not None:
                conn.exec_driver_sql("SELECT 1")   # fails: the server has closed the connection

    def __enter__(self) -> "ConnectionKiller":
        event.listen(db.engine(), "before_cursor_execute", self.before_execute)
        event.listen(db.engine(), "commit", self.before_commit)
        return self

    def __exit__(self, *exc) -> None:
        event.remove(db.engine(), "before_cursor_execute", self.before_execute)
        event.remove(db.engine(), "commit", self.before_commit)
        if self._admin is not None:
            self._admin.dispose()


def _state(session: Session, number: str) -> dict:
    ticket = session.scalars(select(Ticket).where(Ticket.number == number)).one()
    post = session.get(OfficerPost, ticket.assigned_post_id)
    escalations = list(session.scalars(select(TicketEvent).where(
        TicketEvent.ticket_id == ticket.id, TicketEvent.kind == "escalated")))
    rows = list(session.scalars(select(NotificationOutbox).where(
        NotificationOutbox.ticket_id == ticket.id, NotificationOutbox.kind == "escalated")))
    return {"level": ticket.level, "post": post.code if post else None, "state": ticket.state,
            "due": ticket.due_at, "events": [(e.from_level, e.to_level) for e in escalations],
            "outbox_events": sorted({r.event_id for r in rows}), "event_ids": [e.id for e in escalations]}


def _assert_whole(number: str, filed_due) -> str:  # noqa: ANN001
    """The ticket is either untouched at L1 or completely at L2; returns "L1" or "L2"."""
    with db.unit_of_work(readonly=True) as session:
        s = _state(session, number)
    if s["level"] == 1:
        assert (s["post"], s["due"], s["events"], s["outbox_events"]) == (L1_POST, filed_due, [], []), \
            f"{number} is half-escalated: {s}"
        return "L1"
    assert s["level"] == 2 and s["post"] == L2_POST and s["state"] == "assigned", f"{number}: {s}"
    assert s["due"] == filed_due + timedelta(days=7), f"{number}: the L2 time limit did not start: {s}"
    assert s["events"] == [(1, 2)], f"{number} escalated {len(s['events'])} times: {s}"
    assert s["outbox_events"] == s["event_ids"], f"{number}: the L2 officer was not told (or told twice): {s}"
    return "L2"


def test_a_dropped_connection_leaves_no_ticket_half_escalated_and_the_next_sweep_finishes(database):
    numbers = file_energy(6)
    with db.unit_of_work(readonly=True) as session:
        filed_due = {n: session.scalar(select(Ticket.due_at).where(Ticket.number == n)) for n in numbers}

    with ConnectionKiller(database, outbox_at=2, commit_at=4) as killer:
        first = service.sweep(now=AFTER_LIMIT)
    assert killer.dropped == ["outbox", "commit"], "the fault was not injected where intended"
    levels = [_assert_whole(n, filed_due[n]) for n in numbers]
    assert levels.count("L1") == 2 and first["escalated"] == 4, (levels, first)

    second = service.sweep(now=AFTER_LIMIT)
    assert second["escalated"] == 2
    assert [_assert_whole(n, filed_due[n]) for n in numbers] == ["L2"] * 6
    assert service.sweep(now=AFTER_LIMIT)["escalated"] == 0   # nothing moves twice


def test_a_connection_lost_before_the_sweep_reads_anything_fails_loudly_and_the_next_sweep_does_all(database):
    numbers = file_energy(3)

    def refuse(conn, cursor, statement, *args):  # noqa: ANN001
        raise sqlite3.OperationalError("could not connect to server (injected)")

    event.listen(db.engine(), "before_cursor_execute", refuse)
    try:
        with pytest.raises(Exception) as failure:
            service.sweep(now=AFTER_LIMIT)
    finally:
        event.remove(db.engine(), "before_cursor_execute", refuse)
    assert "injected" in str(failure.value)
    with db.unit_of_work(readonly=True) as session:
        assert [session.scalar(select(Ticket.level).where(Ticket.number == n)) for n in numbers] == [1, 1, 1]
    assert service.sweep(now=AFTER_LIMIT)["escalated"] == 3
