"""Practice tickets never reach a real figure, list or notification: overview, review, other officers,
Open311, the outbox, the sweep, the DM's /district picture."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.officer_training.conftest import DM_POST, L1_POST, L2_POST, file_real


def _outbox_rows():
    from helpline.store import db
    from helpline.store.models import NotificationOutbox, Ticket

    with db.unit_of_work() as session:
        return session.execute(select(Ticket.number, NotificationOutbox.recipient_id, NotificationOutbox.kind)
                               .join(Ticket, Ticket.id == NotificationOutbox.ticket_id)).all()


def _work_a_round(officer_id: int, *, level2: bool = False) -> dict[str, str]:
    """Start a round and do every step of it through the real service."""
    from helpline import service
    from helpline.training import practice

    items = {i.scenario: i.number for i in practice.start_or_continue(officer_id).items}
    service.officer_action(items["resolve"], "start", officer=officer_id)
    service.officer_action(items["resolve"], "resolve", officer=officer_id, note="तार 12 मार्च को जोड़ा गया, बाज़ार ऊखीमठ")
    service.officer_action(items["reject"], "reject", officer=officer_id, reason="personal_dispute")
    service.officer_action(items["transfer"], "transfer", officer=officer_id, to_department="drinking_water")
    assert practice.progress(officer_id).finished
    return items


def test_practice_tickets_count_nowhere_and_notify_nobody(sqlite_database):
    from fastapi.testclient import TestClient

    from helpline.reports.overview import district_today
    from helpline import clock, service
    from helpline.reports import overview
    from helpline.training import practice
    from helpline.reports import review
    from portal.app import create_app

    real = [file_real(), file_real(text="मीटर खराब है", citizen="5002")]
    before = overview.district_overview(DM_POST).totals
    outbox_before = _outbox_rows()
    l1, l2 = service.get_officer(L1_POST), service.get_officer(L2_POST)
    practice_numbers = set(_work_a_round(l1.id).values()) | set(_work_a_round(l2.id, level2=True).values())
    assert all(n.startswith("PRC-") for n in practice_numbers)

    # Figures: the DM's overview, the ticket list, the monthly review, the /district picture.
    assert overview.district_overview(DM_POST).totals == before and before.received == 2
    assert {r.number for r in overview.tickets(DM_POST, limit=500)} == {t.number for t in real}
    month = clock.now().astimezone(clock.local_zone()).strftime("%Y-%m")
    assert review.monthly_review(month, district="rudraprayag").total.received == 2
    assert district_today("rudraprayag")["pending"] == 2
    # Lists of other officers: the DM, the L2 approver (an L1 practice rejection waits), the water L1
    # (the L2's practice transfer went there), the L1 for the L2's tickets.
    water_l1 = service.get_officer("drinking_water.L1.rudraprayag.ukhimath")
    for other in (DM_POST, L2_POST, water_l1.id):
        listed = {t.number for t in service.officer_tickets(other, pending_only=False)}
        owner = service.get_officer(other).id if isinstance(other, str) else other
        own = {i.number for i in practice.progress(owner).items}
        assert not (listed - own) & practice_numbers
    assert not {t.number for t in service.officer_tickets(l1.id, pending_only=False)} & {
        i.number for i in practice.progress(l2.id).items}
    # Reading or acting on someone else's practice ticket is refused.
    from helpline.errors import PermissionDenied

    l1_pending_reject = next(i.number for i in practice.progress(l1.id).items if i.scenario == "reject")
    for who in (DM_POST, L2_POST):
        with pytest.raises(PermissionDenied):
            service.get_ticket(l1_pending_reject, officer=who)
    with pytest.raises(PermissionDenied):
        service.officer_action(l1_pending_reject, "approve", officer=l2.id)
    # Notifications: not one outbox row for a practice ticket, to anyone.
    assert _outbox_rows() == outbox_before
    assert not {n for n, _, _ in _outbox_rows()} & practice_numbers
    # The sweep, long after every time limit: practice tickets stay put and notify nobody.
    service.sweep(now=clock.now() + timedelta(days=60))
    assert all(service.get_ticket(n).level in ("L1", "L2") for n in practice_numbers)
    assert not {n for n, _, _ in _outbox_rows()} & practice_numbers
    # Open311 publishes only the real ones.
    with TestClient(create_app(), base_url="http://testserver") as client:
        published = {r["service_request_id"] for r in client.get("/open311/v2/requests.json").json()}
        assert published == {t.number for t in real}
        assert client.get(f"/open311/v2/requests/{l1_pending_reject}.json").status_code == 404


def test_a_citizen_never_sees_a_practice_ticket(sqlite_database):
    from helpline import service
    from helpline.training import practice

    mine = file_real(citizen="5003")
    l1 = service.get_officer(L1_POST)
    number = practice.start_or_continue(l1.id).items[0].number
    assert [t.number for t in service.citizen_tickets(channel="telegram", channel_user_id="5003")] == [mine.number]
    assert service.citizen_ticket(number, channel="telegram", channel_user_id="5003") is None


def test_practice_is_for_officers_who_act(sqlite_database):
    from helpline.training import practice
    from helpline.errors import InvalidInput

    with pytest.raises(InvalidInput):
        practice.start_or_continue(DM_POST)


def test_clearing_archives_and_a_new_round_starts_fresh(sqlite_database):
    from helpline import service
    from helpline.store import db
    from helpline.training import practice
    from helpline.store.models import PracticeTicket, Ticket

    l1 = service.get_officer(L1_POST)
    first = practice.start_or_continue(l1.id)
    assert practice.start_or_continue(l1.id).items == first.items          # continued, not doubled
    assert practice.clear(l1.id) == 3
    second = practice.start_or_continue(l1.id)
    assert second.round_no == 2 and not {i.number for i in second.items} & {i.number for i in first.items}
    with db.unit_of_work() as session:   # nothing deleted: six practice tickets, three archived
        assert session.scalar(select(func.count()).select_from(Ticket).where(Ticket.is_practice.is_(True))) == 6
        assert session.scalar(select(func.count()).select_from(PracticeTicket)
                              .where(PracticeTicket.cleared_at.is_not(None))) == 3
