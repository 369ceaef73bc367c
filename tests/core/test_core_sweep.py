"""The time sweep, the outbox and concurrency (SQLite and PostgreSQL)."""
from __future__ import annotations

import threading

import pytest
from core_helpers import ENERGY_L2, ENERGY_L3, ENERGY_L4, T0, UKHIMATH_L1, days, file, officer_id, outbox_rows
from sqlalchemy import func, select

from helpline import service, settings
from helpline.tickets import outbox
from helpline.store.db import unit_of_work
from helpline.store.models import Ticket


def sweep(at):
    return service.sweep(now=at)


def test_ticket_left_alone_climbs_l1_to_l4_with_one_notice_per_move(database):
    t = file()
    assert sweep(T0 + days(6) - days(0.01)) == {"escalated": 0, "reminded": 0, "closed": 0}
    assert sweep(T0 + days(6)) == {"escalated": 0, "reminded": 1, "closed": 0}
    expected = [(7, "L2", ENERGY_L2), (14, "L3", ENERGY_L3), (21, "L4", ENERGY_L4)]
    for day, level, post in expected:
        assert sweep(T0 + days(day))["escalated"] == 1
        view = service.get_ticket(t.number)
        assert (view.level, view.assigned_post, view.state) == (level, post, "assigned")
        assert view.due_at == T0 + days(day + 7)
    moved = [r.recipient_id for r in outbox_rows(t.number, "escalated")]
    assert moved == [officer_id(ENERGY_L2), officer_id(ENERGY_L3), officer_id(ENERGY_L4)]
    # Running the sweep again at the same moment changes nothing.
    assert sweep(T0 + days(21)) == {"escalated": 0, "reminded": 0, "closed": 0}
    # Overdue at L4: told once, stays at L4.
    sweep(T0 + days(28))
    sweep(T0 + days(40))
    view = service.get_ticket(t.number)
    assert view.level == "L4" and [e.kind for e in view.events].count("overdue") == 1
    with unit_of_work() as s:
        assert s.scalar(select(Ticket.next_sweep_at).where(Ticket.number == t.number)) is None


def test_reminder_goes_to_the_current_officer_a_day_before(database):
    t = file()
    sweep(T0 + days(6.5))
    reminders = outbox_rows(t.number, "reminder")
    assert [r.recipient_id for r in reminders] == [officer_id(UKHIMATH_L1)]
    sweep(T0 + days(6.9))
    assert len(outbox_rows(t.number, "reminder")) == 1


def test_per_department_time_limits(database):
    t = file("FIR not registered at the thana", department="home_police")
    assert t.due_at == T0 + days(3)
    assert sweep(T0 + days(3))["escalated"] == 1


def test_disposed_tickets_do_not_escalate(database):
    t = file()
    service.officer_action(t.number, "resolve", officer=UKHIMATH_L1, note="done", now=T0 + days(1))
    assert sweep(T0 + days(7))["escalated"] == 0
    assert service.get_ticket(t.number).level == "L1"


def test_resolved_without_feedback_closes_after_the_wait(database):
    t = file()
    service.officer_action(t.number, "resolve", officer=UKHIMATH_L1, note="done", now=T0 + days(1))
    assert sweep(T0 + days(1 + settings.FEEDBACK_DAYS) - days(0.01))["closed"] == 0
    assert sweep(T0 + days(1 + settings.FEEDBACK_DAYS))["closed"] == 1
    view = service.get_ticket(t.number)
    assert view.state == "closed_no_feedback"
    assert len(outbox_rows(t.number, "closed")) == 1


def test_sweep_reads_only_due_tickets(database):
    for i in range(5):
        file(f"complaint number {i} about power cut in different place {i * 7919}", channel_user_id=str(i))
    with unit_of_work() as s:
        due = s.scalar(select(func.count(Ticket.id)).where(Ticket.next_sweep_at <= T0 + days(3)))
    assert due == 0
    assert sweep(T0 + days(3)) == {"escalated": 0, "reminded": 0, "closed": 0}
    assert sweep(T0 + days(7)) == {"escalated": 5, "reminded": 0, "closed": 0}


def test_sweep_in_small_batches_handles_every_due_ticket_once(database):
    for i in range(7):
        file(f"separate complaint {i} with text {i * 104729}", channel_user_id=str(i))
    assert service.sweep(now=T0 + days(7), batch=2)["escalated"] == 7
    assert len(outbox_rows(kind="escalated")) == 7


def test_outbox_claim_send_and_retry(database):
    t = file()
    items = outbox.claim_due(now=T0)
    assert [(i.ticket_number, i.kind, i.recipient_kind) for i in items] == [(t.number, "assigned", "officer")]
    assert "CMH-" in items[0].text and items[0].language == "hi"
    assert outbox.claim_due(now=T0) == []                     # leased to the first sender
    outbox.mark_failed(items[0].id, "timeout", retry_at=T0 + days(0.01))
    again = outbox.claim_due(now=T0 + days(0.02))
    assert [i.id for i in again] == [items[0].id] and again[0].attempts == 2
    outbox.mark_sent(items[0].id, "tg-1")
    assert outbox.claim_due(now=T0 + days(1)) == []


def test_every_change_has_an_event_and_nothing_is_lost(database):
    t = file()
    service.officer_action(t.number, "start", officer=UKHIMATH_L1, now=T0 + days(1))
    sweep(T0 + days(7))
    events = service.get_ticket(t.number).events
    assert [e.kind for e in events] == ["filed", "assigned", "started", "escalated"]
    assert events[-1].from_level == "L1" and events[-1].to_level == "L2" and events[-1].actor == "system"
    assert all(e.at is not None for e in events)


def test_two_sweeps_at_once_escalate_each_ticket_once(database):
    numbers = [file(f"complaint {i}: pole {i * 31337} fell", channel_user_id=str(i)).number for i in range(40)]
    results: list[dict] = []
    barrier = threading.Barrier(3)

    def run():
        barrier.wait()
        results.append(service.sweep(now=T0 + days(7), batch=5))

    threads = [threading.Thread(target=run) for _ in range(3)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sum(r["escalated"] for r in results) == 40
    assert len(outbox_rows(kind="escalated")) == 40
    assert {service.get_ticket(n).level for n in numbers} == {"L2"}


def test_concurrent_filings_with_one_key_give_one_ticket(database):
    results: list[str] = []
    errors: list[Exception] = []
    barrier = threading.Barrier(4)

    def run():
        barrier.wait()
        try:
            results.append(file(key="same-submission").number)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=run) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert errors == [] and len(set(results)) == 1 and len(results) == 4
    with unit_of_work() as s:
        assert s.scalar(select(func.count(Ticket.id))) == 1


def test_inbound_updates_are_claimed_once(database):
    assert service.claim_inbound("telegram", 123456) is True
    assert service.claim_inbound("telegram", "123456") is False
    assert service.claim_inbound("whatsapp", "123456") is True


def test_provider_delivery_reports_are_recorded(database):
    t = file()
    item = outbox.claim_due(now=T0)[0]
    outbox.mark_sent(item.id, "wamid.1")
    assert outbox.record_delivery("wamid.1", "delivered", at=T0) == t.number
    assert outbox.record_delivery("wamid.unknown", "read") is None
    assert outbox.record_delivery("wamid.1", "failed", error="blocked") == t.number
    row = outbox_rows(t.number)[0]
    assert (row.status, row.delivery_status, row.last_error) == ("failed", "failed", "blocked")


def test_a_late_delivery_report_never_steps_back(database):
    t = file()
    item = outbox.claim_due(now=T0)[0]
    outbox.mark_sent(item.id, "wamid.2")
    outbox.record_delivery("wamid.2", "read", at=T0)
    outbox.record_delivery("wamid.2", "delivered", at=T0)   # Meta sends statuses out of order
    assert outbox_rows(t.number)[0].delivery_status == "read"


def test_a_failing_escalation_leaves_its_ticket_whole_and_others_move(database, monkeypatch):
    from helpline.tickets import lifecycle

    bad = file("pole fell on the house", channel_user_id="a")
    good = file("meter shows wrong reading", channel_user_id="b")
    real = lifecycle.notify_new_holder

    def failing(session, event, ticket, post, kind, message):
        if ticket.number == bad.number:
            raise RuntimeError("outbox down")
        return real(session, event, ticket, post, kind, message)

    monkeypatch.setattr(lifecycle, "notify_new_holder", failing)
    assert sweep(T0 + days(7))["escalated"] == 1
    stuck = service.get_ticket(bad.number)
    assert (stuck.level, stuck.assigned_post) == ("L1", UKHIMATH_L1)
    assert [e.kind for e in stuck.events] == ["filed", "assigned"]
    assert service.get_ticket(good.number).level == "L2"
    monkeypatch.setattr(lifecycle, "notify_new_holder", real)
    assert sweep(T0 + days(7.001))["escalated"] == 1   # retried by the next sweep
    assert service.get_ticket(bad.number).level == "L2"
