"""Status and feedback: a citizen sees only their own tickets; feedback closes or reopens through the core."""
from __future__ import annotations

import pytest
from tracker_kit import make_tracker, responses, slot_events

from actions.conversation import ActionFallback
from actions.feedback import ActionAskRating, ActionFeedback
from actions.status import ActionMyComplaints, ActionTicketStatus
from helpline import service


def _file(sender: str, text: str = "transformer jal gaya, bijli nahi") -> str:
    channel, _, external = sender.partition(":")
    return service.file_ticket(text=text, department="energy", district="rudraprayag", block="ukhimath",
                               name="Sita", phone="9876543210", channel=channel,
                               channel_user_id=external).number


def _resolve(number: str) -> None:
    service.officer_action(number, "resolve", officer="energy.L1.rudraprayag.ukhimath",
                           note="transformer replaced")


def test_status_of_own_ticket(core, sender, dispatcher, domain) -> None:
    number = _file(sender)
    tracker = make_tracker(sender, text=f"{number.lower()} ka status", intent="check_status",
                           entities={"ticket_number": number.lower()}, slots={"language": "en"})
    ActionTicketStatus().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_ticket_status" and message["number"] == number
    assert message["state"] == "with the officer" and message["level"].startswith("L1")
    assert message["due_line"].startswith("To be resolved by")


def test_someone_elses_ticket_reads_like_a_missing_one(core, sender, dispatcher, domain) -> None:
    number = _file("telegram:777001")
    missing = number[:-6] + "999999"

    def ask(num: str) -> dict:
        d = type(dispatcher)()
        ActionTicketStatus().run(d, make_tracker(sender, text=f"status {num}", intent="check_status"), domain)
        [message] = d.messages
        return {**message, "number": "N"}

    assert ask(number) == ask(missing)
    assert ask(number)["response"] == "utter_ticket_not_found"


def test_status_without_a_number(core, sender, dispatcher, domain) -> None:
    ActionTicketStatus().run(dispatcher, make_tracker(sender, text="status?", intent="check_status"), domain)
    assert responses(dispatcher) == ["utter_ask_ticket_number"]
    number = _file(sender)
    dispatcher.messages.clear()
    ActionTicketStatus().run(dispatcher, make_tracker(sender, text="status?", intent="check_status"), domain)
    assert responses(dispatcher) == ["utter_my_complaints"] and number in dispatcher.messages[0]["tickets"]


def test_my_complaints_lists_open_tickets_with_state_level_and_due(core, sender, dispatcher, domain) -> None:
    ActionMyComplaints().run(dispatcher, make_tracker(sender, intent="my_complaints"), domain)
    assert responses(dispatcher) == ["utter_no_complaints"]
    first, second = _file(sender), _file(sender, "sadak toot gayi hai gaon ki")
    dispatcher.messages.clear()
    ActionMyComplaints().run(dispatcher, make_tracker(sender, intent="my_complaints", slots={"language": "en"}),
                             domain)
    lines = dispatcher.messages[0]["tickets"].splitlines()
    assert [line.split(" · ")[0] for line in lines] == [second, first]
    assert "with the officer · L1 (block) · by " in lines[0]


def test_satisfied_then_rating_closes_the_ticket(core, sender, dispatcher, domain) -> None:
    number = _file(sender)
    _resolve(number)
    payload = make_tracker(sender, text=f'/feedback_satisfied{{"ticket_number":"{number}"}}',
                           intent="feedback_satisfied", entities={"ticket_number": number})
    events = slot_events(ActionAskRating().run(dispatcher, payload, domain))
    assert responses(dispatcher) == ["utter_ask_rating"] and events["feedback"] == "satisfied"
    rate = make_tracker(sender, text='/rate{"rating":"4"}', intent="rate", entities={"rating": "4"},
                        slots={"ticket_number": number, "feedback": "satisfied"})
    ActionFeedback().run(dispatcher, rate, domain)
    assert responses(dispatcher)[-1] == "utter_feedback_thanks"
    channel, _, external = sender.partition(":")
    assert service.citizen_ticket(number, channel=channel, channel_user_id=external).state == "closed"


def test_not_satisfied_reopens_one_level_up(core, sender, dispatcher, domain) -> None:
    number = _file(sender)
    _resolve(number)
    tracker = make_tracker(sender, text=f'/feedback_unsatisfied{{"ticket_number":"{number}"}}',
                           intent="feedback_unsatisfied", entities={"ticket_number": number},
                           slots={"feedback": "unsatisfied"})
    ActionFeedback().run(dispatcher, tracker, domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_feedback_reopened" and message["level"].startswith("L2")
    channel, _, external = sender.partition(":")
    ticket = service.citizen_ticket(number, channel=channel, channel_user_id=external)
    assert (ticket.state, ticket.level) == ("reopened", "L2")


def test_feedback_on_someone_elses_ticket_changes_nothing(core, sender, dispatcher, domain) -> None:
    number = _file("telegram:777002")
    _resolve(number)
    tracker = make_tracker(sender, intent="feedback_unsatisfied", entities={"ticket_number": number},
                           slots={"language": "en"})
    ActionFeedback().run(dispatcher, tracker, domain)
    assert "No complaint" in dispatcher.messages[0]["text"]
    assert service.get_ticket(number).state == "resolved"


@pytest.mark.parametrize("count, expected, after", [(0, "utter_rephrase", 1.0), (1, "utter_call_helpline", 0.0)])
def test_fallback_rephrase_once_then_the_helpline(dispatcher, domain, count, expected, after) -> None:
    tracker = make_tracker(text="asdfgh", intent="nlu_fallback", slots={"fallback_count": float(count)})
    events = slot_events(ActionFallback().run(dispatcher, tracker, domain))
    assert responses(dispatcher) == [expected] and events["fallback_count"] == after
    if expected == "utter_call_helpline":
        assert dispatcher.messages[0]["helpline_phone"] == "1905"
