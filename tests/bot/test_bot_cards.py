"""Officer cards and notices offer exactly the actions the core allows (TicketView.next_actions)."""
from __future__ import annotations

from helpline import rules, service
from helpline.tickets import outbox
from helpline.store.db import unit_of_work

from bot.cards import ACTION_CODES, render_notification, ticket_card
from bot.telegram.adapter import keyboard
from tests.core.core_helpers import ENERGY_L2, ENERGY_L3, T0, days, file, outbox_rows


def _codes(reply) -> list[str]:
    """The officer actions behind a reply's Telegram keyboard, as core action names."""
    names = {code: action for action, code in ACTION_CODES.items()}
    data = [b.callback_data for row in keyboard(reply.buttons).inline_keyboard for b in row]
    return [names[d.split(":")[1]] for d in data]


def test_a_transferred_tickets_telegram_card_carries_the_cores_actions(sqlite_database):
    t = file(now=T0)
    moved = service.officer_action(t.number, "transfer", officer=ENERGY_L2, to_department="public_works",
                                   note="road, not power", now=T0 + days(1))
    assert moved.state == rules.TRANSFERRED
    holder = moved.assigned_post
    view = service.get_ticket(t.number, officer=holder)
    assert view.next_actions == ("start", "resolve", "reject", "transfer")
    assert _codes(ticket_card(view, "hi")) == list(view.next_actions)
    # The notice the new holder gets on Telegram carries the same buttons.
    notice = [r for r in outbox_rows(t.number, "assigned") if r.payload.get("actions")][-1]
    with unit_of_work() as session:
        item = outbox._item(session, session.merge(notice))
    assert item.channel == "telegram" and _codes(render_notification(item)) == list(view.next_actions)
    # Each offered action is one the core then accepts.
    started = service.officer_action(t.number, "start", officer=holder, now=T0 + days(2))
    assert started.state == rules.IN_PROGRESS
    assert "start" not in service.get_ticket(t.number, officer=holder).next_actions


def test_special_close_is_offered_by_the_posts_level_not_the_tickets(sqlite_database):
    t = file(now=T0)
    assert "special_close" not in service.get_ticket(t.number, officer=ENERGY_L2).next_actions
    assert service.get_ticket(t.number, officer=ENERGY_L3).next_actions[-1] == "special_close"
    closed = service.officer_action(t.number, "special_close", officer=ENERGY_L3, note="scheme closed",
                                    now=T0 + days(1))
    assert closed.state == rules.SPECIAL_CLOSED and closed.next_actions == ()


def test_a_request_for_approval_offers_the_approver_only_the_approval(sqlite_database):
    t = file(now=T0)
    service.officer_action(t.number, "reject", officer="energy.L1.rudraprayag.ukhimath", reason="duplicate",
                           now=T0 + days(1))
    assert service.get_ticket(t.number, officer=ENERGY_L2).next_actions[0] == "approve"
    [row] = outbox_rows(t.number, "rejection_requested")
    assert row.payload["actions"] == ["approve"]
