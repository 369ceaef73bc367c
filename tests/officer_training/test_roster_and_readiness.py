"""Roster changes (new holder notified, old holder refused at once, audited) and the readiness view."""
from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.bot.botkit import wait_for
from tests.officer_training.conftest import DM_POST, INCHARGE_POST, L1_POST, file_real, link, texts

OLD_CHAT = 7301
NEW_CHAT = 7302
DM_CHAT = 7303


def _assign_by_cli(capsys, *args) -> dict:
    from helpline import cli

    assert cli.main(["officer", "assign", L1_POST, *args]) == 0
    return json.loads(capsys.readouterr().out)


def _outbox(kind: str):
    from helpline.store import db
    from helpline.store.models import NotificationOutbox, Ticket

    with db.unit_of_work() as session:
        return session.execute(select(Ticket.number, NotificationOutbox.recipient_id, NotificationOutbox.address)
                               .join(Ticket, Ticket.id == NotificationOutbox.ticket_id)
                               .where(NotificationOutbox.kind == kind)).all()


async def test_a_reassigned_post_goes_to_the_new_holder_at_once(running_bot, fake_tg, capsys):
    from bot.sender import Sender
    from bot.telegram.adapter import TelegramChannel
    from helpline import service
    from helpline.training import practice
    from helpline.officers import roster as roster_changes
    from helpline.errors import PermissionDenied

    first, second = file_real(), file_real(text="मीटर जल गया", citizen="5002")
    done = file_real(text="खंभा झुका है", citizen="5003")
    old = service.get_officer(L1_POST)
    service.officer_action(done.number, "resolve", officer=old.id, note="खंभा 3 मार्च को सीधा किया")
    practice.start_or_continue(old.id)
    await link(fake_tg, OLD_CHAT, L1_POST)

    change = _assign_by_cli(capsys, "--name", "Suresh Negi", "--phone", "9412000011", "--note", "transfer order 12/2026")
    assert change["previous_officer_id"] == old.id and change["name"] == "Suresh Negi"
    assert change["open_tickets"] == [first.number, second.number]        # the resolved one waits for the citizen
    assert len(change["invite_code"]) == 10
    new = service.get_officer(L1_POST)
    assert new.id == change["officer_id"] != old.id and new.phone == "+919412000011"
    # One notice per open ticket for the new holder, none for the old one.
    rows = _outbox(roster_changes.HANDOVER_KIND)
    assert sorted((n, r) for n, r, _ in rows) == sorted([(first.number, str(new.id)), (second.number, str(new.id))])
    # The old holder is refused the same moment, in the core and on Telegram.
    with pytest.raises(PermissionDenied):
        service.officer_action(first.number, "start", officer=old.id)
    with pytest.raises(PermissionDenied):
        service.get_ticket(first.number, officer=old.id)
    before = len(fake_tg.messages(OLD_CHAT))
    fake_tg.send_text(OLD_CHAT, "/mytickets")
    fake_tg.press_button(OLD_CHAT, f"o:st:{first.number}", 1)
    await wait_for(lambda: len(fake_tg.messages(OLD_CHAT)) > before)
    fake_tg.wait_idle()
    later = texts(fake_tg, OLD_CHAT)[before:]
    assert not any(first.number in t or second.number in t or "लंबित" in t for t in later)
    assert service.get_ticket(first.number).state == "assigned"
    # The old holder's practice tickets went with them.
    assert service.officer_tickets(new.id) and all(not t.number.startswith("PRC-") for t in service.officer_tickets(new.id))

    # The new holder links with the code and gets each ticket with its buttons.
    fake_tg.send_text(NEW_CHAT, f"/link {change['invite_code']}")
    await wait_for(lambda: texts(fake_tg, NEW_CHAT))
    sender = Sender({"telegram": TelegramChannel(running_bot.bot)}, idle_seconds=0.1)
    await sender.run_once()
    for ticket in (first, second):
        notice = (await wait_for(lambda: [m for m in fake_tg.messages(NEW_CHAT)
                                          if ticket.number in (m.get("text") or "") and m.get("reply_markup")]))[0]
        assert "अब आप" in notice["text"]
    fake_tg.press_button(NEW_CHAT, f"o:st:{first.number}")
    assert await wait_for(lambda: service.get_ticket(first.number).state == "in_progress")
    assert not [m for m in fake_tg.messages(OLD_CHAT) if first.number in (m.get("text") or "")]

    # Every roster change is audited; the ticket's history names the handover.
    history = roster_changes.history(L1_POST)
    assert [(h["kind"], h["officer_id"], h["previous_officer_id"], h["open_tickets"]) for h in history] == [
        ("assigned", new.id, old.id, 2)]
    assert history[0]["note"] == "transfer order 12/2026"
    assert "handed_over" in [e.kind for e in service.get_ticket(first.number).events]


def test_assign_checks_its_input(sqlite_database, capsys):
    from helpline import cli

    assert cli.main(["officer", "assign", "energy.L1.nowhere", "--name", "X"]) == 1
    assert "energy.L1.nowhere" in capsys.readouterr().err
    assert cli.main(["officer", "assign", L1_POST, "--name", "X", "--phone", "12345"]) == 1
    assert "12345" in capsys.readouterr().err
    assert cli.main(["officer", "assign", L1_POST, "--name", "   "]) == 1
    assert "name" in capsys.readouterr().err


def test_readiness_lists_exactly_the_posts_without_a_linked_or_active_officer(sqlite_database):
    from helpline import service
    from helpline.store import db
    from helpline.training import readiness
    from helpline.officers import roster as roster_changes
    from helpline.store.models import OfficerPost

    linked = ["energy.L1.rudraprayag.ukhimath", "health.L2.rudraprayag", DM_POST]
    for i, post in enumerate(linked):
        service.link_officer_telegram(service.invite_officer(post).code, str(8000 + i))
    service.link_officer_telegram(service.invite_officer("forest.L1.rudraprayag.jakholi").code, "8100")
    roster_changes.vacate("forest.L1.rudraprayag.jakholi")              # linked, then left: vacant
    roster_changes.assign("health.L2.rudraprayag", name="Dr. Meena Rana")  # new holder, not linked yet
    view = readiness.readiness_for(DM_POST)
    with db.unit_of_work() as session:
        district_posts = set(session.scalars(select(OfficerPost.code).where(OfficerPost.district_code == "rudraprayag")))
    assert {p.post for p in view.posts} == district_posts and "energy.L3.state" not in district_posts
    ready = {"energy.L1.rudraprayag.ukhimath", DM_POST}
    assert {p.post for p in view.not_ready} == district_posts - ready
    vacant = next(p for p in view.posts if p.post == "forest.L1.rudraprayag.jakholi")
    assert vacant.officer_id is None and not vacant.ready
    assert next(p for p in view.posts if p.post == "health.L2.rudraprayag").name == "Dr. Meena Rana"
    assert view.linked == 2 and view.idle == []


def test_running_init_again_keeps_roster_changes(sqlite_database):
    from helpline import service, setup
    from helpline.officers import roster as roster_changes

    roster_changes.assign("energy.L2.rudraprayag", name="Kavita Rawat", phone="9412345678")
    roster_changes.vacate("forest.L1.rudraprayag.jakholi")
    setup.init_database()                   # `make run` runs `helpline init` every time
    holders = {o.post: o.name for o in service.officers(district="rudraprayag")}
    assert holders["energy.L2.rudraprayag"] == "Kavita Rawat"
    assert "forest.L1.rudraprayag.jakholi" not in holders


def test_idle_officers_are_those_with_no_activity_for_30_days(sqlite_database):
    from helpline import clock, service
    from helpline.training import readiness

    t = file_real()
    later = clock.now() + timedelta(days=25)
    service.officer_action(t.number, "start", officer=L1_POST, now=later)
    service.link_officer_telegram(service.invite_officer(DM_POST, now=later).code, "8200", now=later)
    view = readiness.district_readiness("rudraprayag", now=clock.now() + timedelta(days=40))
    idle = {p.post for p in view.idle}
    assert L1_POST not in idle and DM_POST not in idle
    assert idle == {p.post for p in view.posts if p.officer_id is not None} - {L1_POST, DM_POST}
    assert next(p for p in view.posts if p.post == L1_POST).last_activity == later


def test_only_the_dm_and_the_helpline_incharge_see_readiness(sqlite_database):
    from helpline.training import readiness
    from helpline.errors import PermissionDenied

    assert readiness.readiness_for(DM_POST).district == "rudraprayag"
    assert readiness.readiness_for(INCHARGE_POST).district == "rudraprayag"
    for post in (L1_POST, "energy.L3.state"):
        with pytest.raises(PermissionDenied):
            readiness.readiness_for(post)


async def test_readiness_on_telegram(running_bot, fake_tg):
    await link(fake_tg, DM_CHAT, DM_POST)
    fake_tg.send_text(DM_CHAT, "/readiness")
    text = "\n".join(await wait_for(lambda: [t for t in texts(fake_tg, DM_CHAT) if "की तैयारी" in t]))
    assert "2 पर जुड़े अधिकारी" not in text and "1 पर जुड़े अधिकारी" in text
    assert "energy.L1.rudraprayag.ukhimath: Anju Adhikari, जुड़े नहीं" in text and "dm.rudraprayag:" not in text
    await link(fake_tg, 7304, L1_POST)
    fake_tg.send_text(7304, "/readiness")
    assert (await wait_for(lambda: [t for t in texts(fake_tg, 7304) if "केवल जिलाधिकारी" in t]))


def test_readiness_page_on_the_dashboard(portal_client):
    from tests.portal.conftest import login

    portal_client.get("/dashboard/logout")
    assert portal_client.get("/dashboard/readiness", follow_redirects=False).status_code == 303
    login(portal_client, DM_POST)
    page = portal_client.get("/dashboard/readiness?lang=en")
    assert page.status_code == 200
    assert 'data-post="energy.L1.rudraprayag.ukhimath"' in page.text and "No activity for 30 days" in page.text
    assert "energy.L3.state" not in page.text
    portal_client.cookies.clear()
    login(portal_client, L1_POST)
    assert portal_client.get("/dashboard/readiness").status_code == 403
