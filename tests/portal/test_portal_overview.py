"""The overview's figures equal what the database holds, per scope; practice tickets never count."""
from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import func, select, update

from helpline import clock, service
from helpline.store import db
from helpline.reports import overview
from helpline.store.models import Ticket
from tests.portal.conftest import login

PENDING = ("registered", "assigned", "in_progress", "reopened", "transferred")
DISPOSED = ("resolved", "closed", "closed_no_feedback", "rejected", "special_closed")


def _seed():
    """A spread of tickets: two departments, one resolved, some beyond time, one escalated, one practice."""
    old = clock.now() - timedelta(days=9)
    made = []
    for i, (dep, block, when) in enumerate([("energy", "ukhimath", None), ("energy", "ukhimath", old),
                                             ("energy", "jakholi", old), ("drinking_water", "augustmuni", None),
                                             ("drinking_water", "jakholi", old), ("health", None, None)]):
        made.append(service.file_ticket(text=f"complaint number {i} about {dep} {'x' * i}", department=dep,
                                        district="rudraprayag", block=block, channel="web",
                                        channel_user_id=f"citizen-{i}", now=when))
    service.officer_action(made[0].number, "resolve", officer="energy.L1.rudraprayag.ukhimath", note="fixed")
    service.sweep(now=clock.now() - timedelta(days=1))   # the old ones move to L2, due again in 5-6 days
    practice = service.file_ticket(text="practice ticket", department="energy", district="rudraprayag",
                                   block="ukhimath", channel="web", channel_user_id="trainee")
    with db.unit_of_work() as session:
        session.execute(update(Ticket).where(Ticket.number == practice.number).values(is_practice=True))
    # One more far beyond time at L2 (due date in the past by hand, as an unswept database would hold).
    with db.unit_of_work() as session:
        session.execute(update(Ticket).where(Ticket.number == made[2].number)
                        .values(due_at=clock.now() - timedelta(days=3)))
    return made


def _db_counts(**where):
    now = clock.now()
    with db.unit_of_work() as session:
        base = select(func.count(Ticket.id)).where(Ticket.is_practice.is_(False), Ticket.district_code == "rudraprayag")
        for key, value in where.items():
            base = base.where(getattr(Ticket, key) == value)
        return (session.scalar(base), session.scalar(base.where(Ticket.state.in_(DISPOSED))),
                session.scalar(base.where(Ticket.state.in_(PENDING))),
                session.scalar(base.where(Ticket.state.in_(PENDING), Ticket.due_at < now)))


def test_dm_overview_equals_the_database(any_client):
    client = any_client
    _seed()
    ov = overview.district_overview("dm.rudraprayag")
    t = ov.totals
    assert (t.received, t.disposed, t.pending, t.beyond_time) == _db_counts()
    assert t.received == 6 and t.disposed == 1 and t.beyond_time >= 1
    for dep, c in ov.by_department:
        assert (c.received, c.disposed, c.pending, c.beyond_time) == _db_counts(department_code=dep)
    for level, c in ov.by_level:
        assert (c.received, c.disposed, c.pending, c.beyond_time) == _db_counts(level=int(level[1]))
    login(client, "dm.rudraprayag")
    page = client.get("/dashboard").text
    for name, value in (("received", t.received), ("disposed", t.disposed), ("pending", t.pending),
                        ("beyond", t.beyond_time)):
        assert re.search(rf'id="total-{name}">{value}<', page), name
    assert "<svg" in page


def test_beyond_time_list_holds_exactly_the_overdue_tickets(any_client):
    client = any_client
    made = _seed()
    login(client, "dm.rudraprayag")
    page = client.get("/dashboard/tickets?status=beyond_time").text
    listed = set(re.findall(r">(CMH-\d{4}-\d{6})<", page))
    now = clock.now()
    with db.unit_of_work() as session:
        overdue = set(session.scalars(select(Ticket.number).where(
            Ticket.state.in_(PENDING), Ticket.due_at < now, Ticket.is_practice.is_(False))))
    assert listed == overdue and made[2].number in listed


def test_officer_overview_counts_only_their_jurisdiction(client):
    _seed()
    ov = overview.district_overview("energy.L1.rudraprayag.ukhimath")
    assert ov.totals.received == _db_counts(department_code="energy", block_code="ukhimath", level=1)[0]
    assert [d for d, _ in ov.by_department] == ["energy"]
    login(client, "energy.L1.rudraprayag.ukhimath")
    page = client.get("/dashboard").text
    assert 'data-department="health"' not in page


def test_practice_tickets_never_count(core):
    service.file_ticket(text="practice only", department="forest", district="rudraprayag", block="ukhimath",
                        channel="web", channel_user_id="trainee")
    with db.unit_of_work() as session:
        session.execute(update(Ticket).values(is_practice=True))
    assert overview.district_overview("dm.rudraprayag").totals.received == 0
    assert overview.tickets("dm.rudraprayag") == []
