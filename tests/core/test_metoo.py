""""Me too" (issue 17): finding the known problem, joining it, and the parent carrying its linked tickets.

SQLite and PostgreSQL. The first citizen writes in Hindi; the second in Hinglish, from another chat.
"""
from __future__ import annotations

import pytest
from core_helpers import ENERGY_L2, T0, UKHIMATH_L1, days, file, officer_id, outbox_rows

from helpline import rules, service, settings
from helpline.errors import DailyLimitExceeded, HelplineError, IllegalTransition, InvalidInput

HINDI = "उखीमठ में ट्रांसफार्मर जल गया, बिजली नही है"
HINGLISH = "ukhimath mein transformer jal gaya light nahi"
KEDAR = (30.5210, 79.0930)   # a point in Ukhimath block


def similar(text=HINGLISH, **kw):
    args = dict(text=text, department="energy", district="rudraprayag", block="ukhimath", now=T0 + days(1))
    args.update(kw)
    return service.similar(**args)


def join(parent: str, user: str = "2002", text: str = HINGLISH, **kw) -> service.TicketView:
    return file(text, channel_user_id=user, join=parent, now=kw.pop("now", T0 + days(1)), **kw)


def test_the_hinglish_complaint_finds_the_hindi_ticket_and_nothing_else(database):
    first = file(HINDI)
    file("बिजली का बिल बहुत ज्यादा आया है, मीटर गलत है", channel_user_id="3003")
    file(HINDI, channel_user_id="4004", block="jakholi")                    # another block
    file("सड़क पर ट्रांसफार्मर जल गया", channel_user_id="5005", department="public_works")
    found = similar()
    assert [k.number for k in found] == [first.number]
    best = found[0].as_json()
    assert set(best) == {"number", "score", "affected", "state", "level"}
    assert best["score"] >= 0.9 and best["affected"] == 1 and best["state"] == "assigned" and best["level"] == "L1"
    assert similar(text="meter ki reading galat hai") == []


def test_only_open_recent_parents_are_offered(database):
    old = file(HINDI)
    assert similar(now=T0 + days(settings.METOO_DAYS + 1)) == []          # filed too long ago
    service.officer_action(old.number, "resolve", officer=UKHIMATH_L1, note="replaced", now=T0 + days(1))
    assert similar(now=T0 + days(2)) == []                                  # no longer being worked on
    fresh = file(HINDI, channel_user_id="3003", now=T0 + days(3))
    join(fresh.number, now=T0 + days(3))
    assert [k.number for k in similar(now=T0 + days(3))] == [fresh.number]  # the child is never offered


def test_a_location_narrows_the_block_and_reaches_across_it(database):
    near = file(HINDI, location=KEDAR)
    file(HINDI, channel_user_id="3003", location=(30.60, 79.20))               # same block, ~13 km away
    nearby_other_block = file(HINDI, channel_user_id="4004", block="jakholi", location=(30.5230, 79.0930))
    found = [k.number for k in similar(location=(30.5215, 79.0932))]
    assert set(found) == {near.number, nearby_other_block.number}
    assert [k.number for k in similar()] != []                                 # without a location: the block


def test_joining_files_the_citizens_own_linked_ticket(database):
    parent = file(HINDI)
    child = join(parent.number, department="energy", district="rudraprayag", block="jakholi")
    assert child.number != parent.number and child.parent == parent.number
    assert (child.block, child.state, child.level, child.assigned_post) == ("ukhimath", "assigned", "L1", UKHIMATH_L1)
    shown = service.get_ticket(parent.number)
    assert shown.affected == 2 and shown.linked_numbers == (child.number,)
    data = shown.as_json()
    assert data["affected"] == 2 and data["linked"] == [child.number] and data["parent"] is None
    assert service.get_ticket(child.number).as_json()["parent"] == parent.number
    # The second citizen sees it among their own complaints; the officer was not told twice.
    mine = service.citizen_tickets(channel="telegram", channel_user_id="2002")
    assert [t.number for t in mine] == [child.number]
    assert outbox_rows(child.number) == []
    # Joining again (or the parent's own citizen joining) files nothing new.
    assert join(parent.number).number == child.number
    assert join(child.number).number == child.number                      # a child's number means its parent
    assert join(parent.number, user="1001").number == parent.number
    assert service.get_ticket(parent.number).affected == 2


def test_a_second_join_does_not_count_twice_against_the_daily_limit(database, monkeypatch):
    monkeypatch.setattr(settings, "DAILY_COMPLAINT_LIMIT", 2)
    parent = file(HINDI)
    other = file("Meter is faulty, shows wrong reading", channel_user_id="3003")
    file("Street pole fallen near the school", channel_user_id="2002", block="jakholi", now=T0 + days(1))
    join(parent.number)
    assert join(parent.number).parent == parent.number    # the same problem again: still one ticket
    with pytest.raises(DailyLimitExceeded):
        join(other.number)


def test_join_refuses_a_closed_problem_or_another_department(database):
    parent = file(HINDI)
    with pytest.raises(InvalidInput):
        join(parent.number, department="public_works")
    service.officer_action(parent.number, "resolve", officer=UKHIMATH_L1, note="replaced", now=T0 + days(1))
    with pytest.raises(InvalidInput):
        join(parent.number, now=T0 + days(2))
    assert service.citizen_tickets(channel="telegram", channel_user_id="2002") == []


def test_resolving_the_parent_resolves_every_linked_ticket_and_asks_each_citizen(database):
    parent = file(HINDI)
    a, b = join(parent.number), join(parent.number, user="3003")
    service.officer_action(parent.number, "start", officer=UKHIMATH_L1, now=T0 + days(1))
    assert service.get_ticket(a.number).state == "in_progress"
    service.officer_action(parent.number, "resolve", officer=UKHIMATH_L1, note="Transformer replaced",
                           now=T0 + days(2))
    for number, address in ((parent.number, "1001"), (a.number, "2002"), (b.number, "3003")):
        assert service.get_ticket(number).state == "resolved"
        asks = outbox_rows(number, "resolved_feedback_request")
        assert len(asks) == 1 and asks[0].address == address and asks[0].recipient_kind == "citizen"
    # One satisfied, one not: the unsatisfied citizen's ticket leaves the problem and climbs a level.
    closed = service.give_feedback(a.number, satisfied=True, rating=4, now=T0 + days(3))
    reopened = service.give_feedback(b.number, satisfied=False, now=T0 + days(3))
    assert closed.state == "closed" and closed.parent == parent.number
    assert reopened.state == "reopened" and reopened.level == "L2" and reopened.parent is None
    assert service.get_ticket(parent.number).affected == 2
    assert service.get_ticket(parent.number).state == "resolved"


def test_the_sweep_escalates_the_parent_with_its_linked_tickets(database):
    parent = file(HINDI)
    child = join(parent.number)
    counts = service.sweep(now=T0 + days(8))
    assert counts["escalated"] == 1                                   # one problem, one escalation
    for number in (parent.number, child.number):
        view = service.get_ticket(number)
        assert (view.level, view.assigned_post) == ("L2", ENERGY_L2)
    assert [e.kind for e in service.get_ticket(child.number).events][-1] == "escalated"
    assert outbox_rows(child.number) == []                            # the officer hears of the parent only
    assert service.officer_tickets(ENERGY_L2)[0].affected == 2
    assert [t.number for t in service.officer_tickets(ENERGY_L2)] == [parent.number]


def test_transfer_moves_the_linked_tickets_too(database):
    parent = file(HINDI)
    child = join(parent.number)
    service.sweep(now=T0 + days(8))
    service.officer_action(parent.number, "transfer", officer=ENERGY_L2, to_department="public_works",
                           now=T0 + days(9))
    moved = service.get_ticket(child.number)
    assert moved.department == "public_works" and moved.state == "transferred" and moved.parent == parent.number


def test_an_officer_links_a_duplicate_instead_of_rejecting_it_and_can_unlink_it(database):
    parent = file(HINDI)
    dup = file("Transformer burnt in Ukhimath, no power since morning", channel_user_id="2002")
    assert "link" not in service.get_ticket(dup.number, officer=UKHIMATH_L1).next_actions   # typed, not a button
    with pytest.raises(InvalidInput):
        service.officer_action(dup.number, "link", officer=UKHIMATH_L1, now=T0 + days(1))    # no parent
    with pytest.raises(InvalidInput):
        service.officer_action(dup.number, "link", officer=UKHIMATH_L1, parent=dup.number, now=T0 + days(1))
    linked = service.officer_action(dup.number, "link", officer=UKHIMATH_L1, parent=parent.number,
                                    now=T0 + days(1))
    assert linked.parent == parent.number and linked.next_actions == ()
    assert service.get_ticket(parent.number).affected == 2
    assert [t.number for t in service.officer_tickets(UKHIMATH_L1)] == [parent.number]
    with pytest.raises(IllegalTransition):
        service.officer_action(dup.number, "resolve", officer=UKHIMATH_L1, note="x", now=T0 + days(1))
    with pytest.raises(IllegalTransition):
        service.officer_action(parent.number, "unlink", officer=UKHIMATH_L1, now=T0 + days(1))
    back = service.officer_action(dup.number, "unlink", officer=UKHIMATH_L1, note="another transformer",
                                  now=T0 + days(2))
    assert back.parent is None and "resolve" in back.next_actions
    assert service.get_ticket(parent.number).affected == 1
    kinds = [e.kind for e in service.get_ticket(dup.number).events]
    assert kinds[-2:] == ["joined", "unlinked"]


def test_linking_a_parent_with_its_own_linked_tickets_moves_them_all(database):
    a = file(HINDI)
    b = file("Transformer burnt in Ukhimath, no power since morning", channel_user_id="2002")
    c = join(b.number, user="3003")
    service.officer_action(b.number, "link", officer=UKHIMATH_L1, parent=a.number, now=T0 + days(1))
    shown = service.get_ticket(a.number)
    assert shown.affected == 3 and set(shown.linked_numbers) == {b.number, c.number}
    assert service.get_ticket(b.number).affected == 1


def test_rules_keep_link_and_unlink_off_the_cards():
    assert rules.allowed_actions(rules.ASSIGNED, 1) == ("start", "resolve", "reject", "transfer")
    assert rules.allowed_actions(rules.ASSIGNED, 4, linked=True) == ("special_close",)
    assert rules.state_allows("unlink", rules.ASSIGNED, linked=True)
    assert not rules.state_allows("unlink", rules.ASSIGNED) and not rules.state_allows("link", rules.ASSIGNED, linked=True)
    assert rules.JOINABLE <= rules.OPEN


def test_similar_validates_its_arguments(database):
    for bad in (dict(text=" "), dict(department="nope"), dict(district="atlantis"), dict(block="nowhere"),
                dict(location=(200, 0))):
        with pytest.raises(HelplineError):
            similar(**bad)


def test_migration_0006_goes_down_and_up_and_signs_the_pending_tickets(database):
    from alembic import command
    from alembic.config import Config
    from pathlib import Path
    from sqlalchemy import text

    from helpline.store import db
    from helpline.tickets import matcher

    ticket = file(HINDI)
    here = Path(db.__file__).resolve().parent
    cfg = Config(str(here / "alembic.ini"))
    cfg.set_main_option("script_location", str(here / "migrations"))

    def migrate(step, target, foreign_keys=True):
        with db.engine().connect() as conn:
            if not foreign_keys and db.engine().dialect.name == "sqlite":
                # the downgrade copies `ticket` on SQLite; outside any transaction, or the pragma does nothing
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=OFF")
            with conn.begin():
                cfg.attributes["connection"] = conn
                step(cfg, target)
            if not foreign_keys and db.engine().dialect.name == "sqlite":
                conn.connection.driver_connection.execute("PRAGMA foreign_keys=ON")

    migrate(command.downgrade, "0005_intake_and_webchat_limits", foreign_keys=False)
    with db.engine().connect() as conn:
        assert "match_key" not in {c["name"] for c in __import__("sqlalchemy").inspect(conn).get_columns("ticket")}
    migrate(command.upgrade, "head")
    with db.engine().connect() as conn:
        key, parent, affected = conn.execute(text("SELECT match_key, parent_id, affected FROM ticket WHERE number = :n"),
                                             {"n": ticket.number}).one()
    assert key == matcher.signature(HINDI) and parent is None and affected == 1
    assert [k.number for k in similar()] == [ticket.number]
