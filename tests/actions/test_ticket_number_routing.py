"""A message that names a ticket number asks about that ticket: it gets the status, never a new complaint."""
from __future__ import annotations

from tracker_kit import make_tracker, responses

from actions.conversation import ActionFallback, ActionStartComplaint
from helpline import service


def _file(sender: str) -> str:
    channel, _, external = sender.partition(":")
    return service.file_ticket(text="transformer jal gaya, bijli nahi", department="energy",
                               district="rudraprayag", block="ukhimath", name="Sita", phone="9876543210",
                               channel=channel, channel_user_id=external).number


def _followups(events) -> list[str]:
    return [e["name"] for e in events if e.get("event") == "followup"]


def test_a_complaint_read_message_naming_its_ticket_gets_the_status(core, sender, dispatcher, domain) -> None:
    number = _file(sender)
    # The NLU was sure it is an energy complaint: the words are the complaint's own words.
    tracker = make_tracker(sender, text=f"mera complaint {number} ka kya hua, bijli abhi bhi nahi aayi",
                           intent="complaint_energy", confidence=0.93)
    events = ActionStartComplaint().run(dispatcher, tracker, domain)
    assert _followups(events) == ["action_listen"]        # the complaint form is not started
    [message] = dispatcher.messages
    assert message["response"] == "utter_ticket_status" and message["number"] == number
    channel, _, external = sender.partition(":")
    assert len(service.citizen_tickets(channel=channel, channel_user_id=external)) == 1


def test_an_unknown_ticket_number_is_answered_as_not_found_not_filed(core, sender, dispatcher, domain) -> None:
    tracker = make_tracker(sender, text="CMH-2026-999999 wali shikayat par sadak abhi tak nahi bani",
                           intent="complaint_public_works", confidence=0.9)
    events = ActionStartComplaint().run(dispatcher, tracker, domain)
    assert _followups(events) == ["action_listen"]
    assert responses(dispatcher) == ["utter_ticket_not_found"]


def test_a_complaint_without_a_number_starts_the_form(core, sender, dispatcher, domain) -> None:
    tracker = make_tracker(sender, text="ukhimath me 3 din se bijli nahi hai", intent="complaint_energy",
                           confidence=0.93)
    events = ActionStartComplaint().run(dispatcher, tracker, domain)
    assert _followups(events) == ["complaint_form"] and dispatcher.messages == []


def test_an_unsure_message_with_a_ticket_number_gets_the_status_not_the_form(core, sender, dispatcher,
                                                                          domain) -> None:
    number = _file(sender)
    text = f"sir {number} ke baare me batao, transformer abhi tak nahi badla gaya hai"
    tracker = make_tracker(sender, text=text, intent="nlu_fallback", confidence=0.4, ranking=[
        ("nlu_fallback", 0.4), ("complaint_energy", 0.45), ("check_status", 0.3), ("complaint_other", 0.1)])
    events = ActionFallback().run(dispatcher, tracker, domain)
    assert "complaint_form" not in _followups(events)
    assert responses(dispatcher) == ["utter_ticket_status"]
