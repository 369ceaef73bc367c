"""Notifications to citizens who used WhatsApp: the feedback question with buttons, delivery recorded."""
from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from bot.sender import RateLimiter, Sender
from bot.whatsapp.adapter import WhatsAppClient
from tests.fakes import graph_api as cloud
from tests.fakes.graph_api import body_of, choices_of
from tests.whatsapp.conftest import WA_ID

L1_POST = "energy.L1.rudraprayag.ukhimath"


def _resolved_ticket(wa_id: str = WA_ID):
    from helpline import service

    ticket = service.file_ticket(text="Gaon me 3 din se bijli nahi hai", department="energy", district="rudraprayag",
                                 block="ukhimath", channel="whatsapp", channel_user_id=wa_id,
                                 phone=f"+{wa_id}", language="hi")
    service.officer_action(ticket.number, "resolve", officer=L1_POST, note="ट्रांसफार्मर बदल दिया गया")
    return ticket


def _feedback_row(number: str):
    from helpline.store import db
    from helpline.store.models import NotificationOutbox, Ticket

    with db.unit_of_work() as session:
        row = session.scalars(select(NotificationOutbox).join(Ticket, Ticket.id == NotificationOutbox.ticket_id)
                              .where(Ticket.number == number,
                                     NotificationOutbox.kind == "resolved_feedback_request")).one()
        return row.status, row.provider_message_id, row.delivery_status, row.last_error, row.attempts


async def _send_once(graph, template: str = "") -> None:
    """One pass of the sender over the outbox, through the fake Graph API (`template`: WHATSAPP_TEMPLATE)."""
    client = WhatsAppClient(replace(graph.config(), template=template))
    try:
        await Sender({"whatsapp": client}, limiter=RateLimiter(per_second=100, per_chat=0.01)).run_once()
    finally:
        await client.aclose()


async def test_resolution_asks_the_whatsapp_citizen_for_feedback_with_buttons(graph, sqlite_database):
    ticket = _resolved_ticket()
    await _send_once(graph)
    [question] = graph.messages(WA_ID)
    assert ticket.number in body_of(question) and question["interactive"]["type"] == "button"
    assert [i for _, i in choices_of(question)] == [
        f'/feedback_satisfied{{"ticket_number":"{ticket.number}"}}',
        f'/feedback_unsatisfied{{"ticket_number":"{ticket.number}"}}']
    status, wamid, delivery, _, _ = _feedback_row(ticket.number)
    assert (status, wamid, delivery) == ("sent", question["_id"], None)


async def test_statuses_from_meta_update_the_delivery_record(graph, sqlite_database, hook, post):
    ticket = _resolved_ticket()
    await _send_once(graph)
    wamid = _feedback_row(ticket.number)[1]
    for state in ("sent", "delivered", "read"):
        await post.post_signed(cloud.notification(statuses=[cloud.status(wamid, state, WA_ID)]))
        await hook.idle()
        assert _feedback_row(ticket.number)[:3] == ("sent", wamid, state)


async def test_a_failed_status_gives_the_notification_up_with_the_reason(graph, sqlite_database, hook, post):
    ticket = _resolved_ticket()
    await _send_once(graph)
    wamid = _feedback_row(ticket.number)[1]
    await post.post_signed(cloud.notification(statuses=[cloud.status(wamid, "failed", WA_ID, error_code=131047)]))
    await hook.idle()
    status, _, delivery, error, _ = _feedback_row(ticket.number)
    assert (status, delivery) == ("failed", "failed") and "131047" in error


async def test_meta_refusing_the_number_is_permanent_and_an_outage_is_retried(graph, sqlite_database):
    unreachable = _resolved_ticket("919000000001")
    graph.fail_next(400, 131026)
    await _send_once(graph)
    assert _feedback_row(unreachable.number)[0] == "failed"

    later = _resolved_ticket("919000000002")
    graph.fail_next(500, 2)
    await _send_once(graph)
    status, wamid, _, error, attempts = _feedback_row(later.number)
    assert (status, wamid, attempts) == ("pending", None, 1) and "unavailable" in error


async def test_outside_the_24_hour_window_the_feedback_question_goes_as_a_template(graph, sqlite_database):
    ticket = _resolved_ticket()
    graph.fail_next(400, 131047)            # Meta: more than 24 hours since the citizen wrote
    await _send_once(graph, "helpline_update")
    [question] = graph.messages(WA_ID)
    assert question["type"] == "template" and question["template"]["name"] == "helpline_update"
    assert ticket.number in body_of(question) and "\n" not in body_of(question)
    payloads = [p["payload"] for c in question["template"]["components"] if c["type"] == "button"
                for p in c["parameters"]]
    assert payloads == [f'/feedback_satisfied{{"ticket_number":"{ticket.number}"}}',
                        f'/feedback_unsatisfied{{"ticket_number":"{ticket.number}"}}']
    assert _feedback_row(ticket.number)[:2] == ("sent", question["_id"])


async def test_outside_the_window_without_a_template_the_notice_is_given_up_with_the_reason(graph, sqlite_database):
    ticket = _resolved_ticket()
    graph.fail_next(400, 131047)
    await _send_once(graph, "")
    assert graph.messages(WA_ID) == []
    status, _, _, error, _ = _feedback_row(ticket.number)
    assert status == "failed" and "131047" in error
