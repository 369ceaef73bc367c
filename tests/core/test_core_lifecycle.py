"""Officer actions, approvals, feedback and permissions (SQLite and PostgreSQL)."""
from __future__ import annotations

import pytest
from core_helpers import (ENERGY_L2, ENERGY_L3, ENERGY_L4, JAKHOLI_L1, T0, UKHIMATH_L1, days, file,
                          officer_id, outbox_rows)

from helpline import service
from helpline.errors import IllegalTransition, InvalidInput, NotFound, PermissionDenied


def act(number, action, who, **kw):
    kw.setdefault("now", T0 + days(1))
    return service.officer_action(number, action, officer=who, **kw)


def test_start_resolve_and_satisfied_feedback_closes(database):
    t = file()
    assert act(t.number, "start", UKHIMATH_L1).state == "in_progress"
    resolved = act(t.number, "resolve", officer_id(UKHIMATH_L1), note="Transformer replaced")
    assert resolved.state == "resolved"
    ask = outbox_rows(t.number, "resolved_feedback_request")
    assert len(ask) == 1 and ask[0].recipient_kind == "citizen" and ask[0].address == "1001"
    closed = service.give_feedback(t.number, satisfied=True, rating=5, channel="telegram",
                                   channel_user_id="1001", now=T0 + days(2))
    assert closed.state == "closed"
    assert len(outbox_rows(t.number, "feedback_received")) == 1
    kinds = [(e.kind, e.actor) for e in closed.events]
    assert kinds[-3:] == [("started", f"officer:{officer_id(UKHIMATH_L1)}"),
                          ("resolved", f"officer:{officer_id(UKHIMATH_L1)}"), ("closed", "citizen")]


def test_resolve_needs_an_action_taken_note(database):
    t = file()
    with pytest.raises(InvalidInput):
        act(t.number, "resolve", UKHIMATH_L1, note="  ")
    assert service.get_ticket(t.number).state == "assigned"


def test_unsatisfied_feedback_reopens_one_level_up(database):
    t = file()
    act(t.number, "resolve", UKHIMATH_L1, note="done")
    reopened = service.give_feedback(t.number, satisfied=False, rating=1, now=T0 + days(2))
    assert (reopened.state, reopened.level, reopened.assigned_post) == ("reopened", "L2", ENERGY_L2)
    assert reopened.due_at == T0 + days(2) + days(7)
    notices = outbox_rows(t.number, "reopened")
    assert len(notices) == 1 and notices[0].recipient_id == officer_id(ENERGY_L2)
    # The L1 officer no longer acts on it; the L2 does, and a second "no" climbs again.
    with pytest.raises(PermissionDenied):
        act(t.number, "resolve", UKHIMATH_L1, note="again")
    act(t.number, "resolve", ENERGY_L2, note="new line laid")
    again = service.give_feedback(t.number, satisfied=False, now=T0 + days(3))
    assert (again.level, again.assigned_post) == ("L3", ENERGY_L3)


def test_unsatisfied_at_l4_stays_l4(database):
    t = file(district="dehradun", block=None)   # state posts only: starts at L3
    act(t.number, "resolve", ENERGY_L3, note="done")
    assert service.give_feedback(t.number, satisfied=False, now=T0 + days(2)).level == "L4"
    act(t.number, "resolve", ENERGY_L4, note="done", now=T0 + days(3))
    assert service.give_feedback(t.number, satisfied=False, now=T0 + days(4)).level == "L4"


def test_feedback_only_on_resolved_tickets_and_only_by_the_citizen(database):
    t = file()
    with pytest.raises(IllegalTransition):
        service.give_feedback(t.number, satisfied=True)
    act(t.number, "resolve", UKHIMATH_L1, note="done")
    with pytest.raises(NotFound):
        service.give_feedback(t.number, satisfied=True, channel="telegram", channel_user_id="intruder")
    with pytest.raises(InvalidInput):
        service.give_feedback(t.number, satisfied=True, rating=9)
    assert service.get_ticket(t.number).state == "resolved"


def test_l1_cannot_special_close_but_l3_can_with_a_reason(database):
    t = file()
    with pytest.raises(PermissionDenied) as err:
        act(t.number, "special_close", UKHIMATH_L1, note="policy matter")
    assert err.value.code == "error.special_close_level"
    with pytest.raises(PermissionDenied):
        act(t.number, "special_close", ENERGY_L2, note="policy matter")
    with pytest.raises(InvalidInput):
        act(t.number, "special_close", ENERGY_L3)
    done = act(t.number, "special_close", ENERGY_L3, note="Scheme closed by government order")
    assert done.state == "special_closed"
    told = outbox_rows(t.number, "special_closed")
    assert len(told) == 1 and told[0].recipient_kind == "citizen"
    assert "Scheme closed" in told[0].payload["text"]


def test_l1_rejection_waits_for_l2_approval(database):
    t = file()
    with pytest.raises(InvalidInput):
        act(t.number, "reject", UKHIMATH_L1, reason="not our problem")
    pending = act(t.number, "reject", UKHIMATH_L1, reason="duplicate", note="same as CMH-2026-000009")
    assert (pending.state, pending.pending) == ("assigned", "reject")
    asked = outbox_rows(t.number, "rejection_requested")
    assert [r.recipient_id for r in asked] == [officer_id(ENERGY_L2)]
    with pytest.raises(PermissionDenied):
        act(t.number, "approve", UKHIMATH_L1)
    assert t.number in [v.number for v in service.officer_tickets(ENERGY_L2)]
    done = act(t.number, "approve", ENERGY_L2)
    assert (done.state, done.pending) == ("rejected", None)
    assert len(outbox_rows(t.number, "rejected")) == 1
    with pytest.raises(IllegalTransition):
        act(t.number, "start", ENERGY_L2)


def test_l2_rejects_directly(database):
    t = file()
    assert act(t.number, "reject", ENERGY_L2, reason="sub_judice").state == "rejected"


def test_transfer_needs_l2_approval_then_goes_to_the_new_departments_l1(database):
    t = file()
    with pytest.raises(InvalidInput):
        act(t.number, "transfer", UKHIMATH_L1, to_department="energy")
    pending = act(t.number, "transfer", UKHIMATH_L1, to_department="public_works", note="road, not power")
    assert (pending.department, pending.pending) == ("energy", "transfer")
    assert len(outbox_rows(t.number, "transfer_requested")) == 1
    moved = act(t.number, "approve", ENERGY_L2, now=T0 + days(2))
    assert (moved.department, moved.state, moved.level) == ("public_works", "transferred", "L1")
    assert moved.assigned_post == "public_works.L1.rudraprayag.ukhimath"
    assert moved.due_at == T0 + days(2) + days(7)
    assert len(outbox_rows(t.number, "assigned")) == 2
    # The new department's officer carries on; the old one has lost it.
    assert act(moved.number, "start", "public_works.L1.rudraprayag.ukhimath").state == "in_progress"
    with pytest.raises(PermissionDenied):
        act(moved.number, "resolve", UKHIMATH_L1, note="x")


def test_the_routing_desk_transfers_without_approval(database):
    t = file("something about my village", department="other", block=None)
    moved = act(t.number, "transfer", "other.L1.rudraprayag", to_department="forest")
    assert (moved.department, moved.state, moved.pending) == ("forest", "transferred", None)


def test_officers_act_only_in_their_department_place_and_level(database):
    t = file()
    with pytest.raises(PermissionDenied):
        act(t.number, "start", JAKHOLI_L1)                       # another block
    with pytest.raises(PermissionDenied):
        act(t.number, "start", "public_works.L1.rudraprayag.ukhimath")   # another department
    with pytest.raises(PermissionDenied):
        service.get_ticket(t.number, officer=JAKHOLI_L1)
    assert act(t.number, "start", ENERGY_L2).state == "in_progress"   # a higher level may act


def test_district_administrator_reads_everything_but_does_not_dispose(database):
    a = file()
    b = file("Teacher does not come to school", department="school_education", block="jakholi")
    c = file(district="dehradun", block=None, channel_user_id="9")
    assert service.get_ticket(a.number, officer="dm.rudraprayag").number == a.number
    seen = {v.number for v in service.officer_tickets("dm.rudraprayag")}
    assert {a.number, b.number} <= seen and c.number not in seen
    with pytest.raises(PermissionDenied) as err:
        act(a.number, "resolve", "dm.rudraprayag", note="x")
    assert err.value.code == "error.dm_read_only"
    with pytest.raises(PermissionDenied):
        service.get_ticket(c.number, officer="dm.rudraprayag")


def test_phone_shown_only_to_the_assigned_officer(database):
    t = file(phone="9812345678")
    assert service.get_ticket(t.number, officer=UKHIMATH_L1).citizen_phone == "+919812345678"
    assert service.get_ticket(t.number, officer=ENERGY_L2).citizen_phone is None


def test_officer_lists_own_pending_tickets_soonest_due_first(database):
    late = file("Pole fallen on the road", now=T0 + days(1), channel_user_id="1")
    early = file("Meter reading wrong on my bill", channel_user_id="2")
    other_block = file("No light in the market", block="jakholi", channel_user_id="3")
    listed = [v.number for v in service.officer_tickets(UKHIMATH_L1)]
    assert listed == [early.number, late.number] and other_block.number not in listed
    act(early.number, "resolve", UKHIMATH_L1, note="meter replaced")
    assert [v.number for v in service.officer_tickets(UKHIMATH_L1)] == [late.number]


def test_unknown_ticket_officer_and_action_are_refused(database):
    t = file()
    with pytest.raises(NotFound):
        act("CMH-2026-999999", "start", UKHIMATH_L1)
    with pytest.raises(NotFound):
        act(t.number, "start", "energy.L1.nowhere")
    with pytest.raises(InvalidInput):
        act(t.number, "delete", UKHIMATH_L1)


def test_officer_links_telegram_with_a_one_time_code(database):
    invite = service.invite_officer(UKHIMATH_L1, now=T0)
    view = service.link_officer_telegram(invite.code.lower(), 424242, now=T0 + days(1))
    assert view.post == UKHIMATH_L1 and view.telegram_chat_id == "424242"
    assert [o.post for o in service.officers_for_telegram("424242")] == [UKHIMATH_L1]
    with pytest.raises(InvalidInput):
        service.link_officer_telegram(invite.code, 1, now=T0 + days(1))   # used
    expired = service.invite_officer(ENERGY_L2, now=T0)
    with pytest.raises(InvalidInput):
        service.link_officer_telegram(expired.code, 5, now=T0 + days(4))
    # Notifications now carry the chat id.
    t = file()
    assert outbox_rows(t.number, "assigned")[0].address == "424242"
