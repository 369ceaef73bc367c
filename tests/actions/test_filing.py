"""Filing the confirmed complaint: one ticket per form, whatever the retries; refusals are polite."""
from __future__ import annotations

from tracker_kit import make_tracker, responses, slot_events

from actions.filing import ActionCancelComplaint, ActionFileComplaint
from helpline import service

FORM = {"complaint_text": "ukhimath me 3 din se bijli nahi hai", "department": "energy",
        "district": "rudraprayag", "block": "ukhimath", "citizen_name": "Ram Singh",
        "phone": "+919876543210", "location": {"lat": 30.52, "lon": 79.09}, "photo": ["/var/p/1.jpg"],
        "confirm": True, "form_instance": "form-1"}


def _tickets(sender: str):
    channel, _, external = sender.partition(":")
    return service.citizen_tickets(channel=channel, channel_user_id=external)


def test_confirmed_complaint_is_filed_and_the_number_given(core, sender, dispatcher, domain) -> None:
    events = ActionFileComplaint().run(dispatcher, make_tracker(sender, slots={**FORM, "language": "en"}), domain)
    [ticket] = _tickets(sender)
    assert (ticket.department, ticket.district, ticket.block) == ("energy", "rudraprayag", "ukhimath")
    assert ticket.citizen_name == "Ram Singh" and ticket.location == (30.52, 79.09)
    assert ticket.photos == ["/var/p/1.jpg"] and ticket.language == "en"
    [message] = dispatcher.messages
    assert message["response"] == "utter_ticket_filed"
    assert message["number"] == ticket.number and message["department_name"] == "Energy (UPCL)"
    assert message["level"].startswith("L1") and message["due"].endswith(str(ticket.due_at.year))
    slots = slot_events(events)
    assert slots["ticket_number"] == ticket.number
    assert slots["complaint_text"] is None and slots["form_instance"] is None and "citizen_name" not in slots


def test_retried_filing_gives_the_same_ticket(core, sender, dispatcher, domain) -> None:
    tracker = make_tracker(sender, slots=FORM)
    ActionFileComplaint().run(dispatcher, tracker, domain)
    ActionFileComplaint().run(dispatcher, tracker, domain)
    [ticket] = _tickets(sender)
    assert [m["number"] for m in dispatcher.messages] == [ticket.number, ticket.number]


def test_hindi_reply_has_a_hindi_date(core, sender, dispatcher, domain) -> None:
    ActionFileComplaint().run(dispatcher, make_tracker(sender, slots={**FORM, "block": "skipped"}), domain)
    [ticket] = _tickets(sender)
    assert ticket.block is None  # "not sure" goes to the district post
    months = "जनवरी फ़रवरी मार्च अप्रैल मई जून जुलाई अगस्त सितंबर अक्टूबर नवंबर दिसंबर".split()
    assert any(m in dispatcher.messages[0]["due"] for m in months)


def test_refusal_by_the_core_is_explained_and_nothing_filed(core, sender, dispatcher, domain) -> None:
    tracker = make_tracker(sender, slots={**FORM, "district": "gotham", "language": "en"})
    events = ActionFileComplaint().run(dispatcher, tracker, domain)
    assert _tickets(sender) == []
    assert "Unknown district" in dispatcher.messages[0]["text"]
    assert slot_events(events)["complaint_text"] is None


def test_unconfirmed_form_files_nothing(core, sender, dispatcher, domain) -> None:
    ActionFileComplaint().run(dispatcher, make_tracker(sender, slots={**FORM, "confirm": None}), domain)
    assert _tickets(sender) == []
    assert responses(dispatcher) == ["utter_complaint_cancelled"]


def test_cancel_files_nothing_and_forgets_the_complaint(core, sender, dispatcher, domain) -> None:
    events = ActionCancelComplaint().run(dispatcher, make_tracker(sender, slots=FORM), domain)
    assert _tickets(sender) == []
    assert responses(dispatcher) == ["utter_complaint_cancelled"]
    assert slot_events(events)["complaint_text"] is None and slot_events(events)["requested_slot"] is None


def test_a_web_complaint_without_a_phone_number_is_not_filed(core, dispatcher, domain) -> None:
    """A web session is only a cookie: the phone number is what the daily limit counts per person."""
    sender = "web:0123456789abcdef0123456789abcdef"
    ActionFileComplaint().run(dispatcher, make_tracker(sender, slots={**FORM, "phone": None}), domain)
    assert _tickets(sender) == []
    assert [m.get("response") for m in dispatcher.messages] == ["utter_invalid_phone"]
    ActionFileComplaint().run(dispatcher, make_tracker(sender, slots=FORM), domain)
    assert len(_tickets(sender)) == 1
