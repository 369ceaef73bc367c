"""The complaint form: every answer is checked; wrong ones get a clear re-ask and fill nothing."""
from __future__ import annotations

import pytest
from tracker_kit import make_tracker, responses, slot_events

from actions.common import SKIPPED
from actions.complaint_form import (
    ActionAskBlock, ActionAskConfirm, ActionAskContact, ActionAskDepartment, ActionAskDistrict,
    ValidateComplaintForm,
)

RANKING = [("complaint_energy", 0.91), ("complaint_public_works", 0.04), ("greet", 0.02),
           ("complaint_drinking_water", 0.01), ("complaint_other", 0.01)]


async def _validate(tracker, dispatcher, domain):
    return await ValidateComplaintForm().run(dispatcher, tracker, domain)


async def test_first_message_gives_text_department_place_and_a_form_instance(dispatcher, domain) -> None:
    # Form activation: "ukhimath me 3 din se bijli nahi hai", the block entity already mapped.
    tracker = make_tracker(text="ukhimath me 3 din se bijli nahi hai", intent="complaint_energy",
                           confidence=0.91, ranking=RANKING, entities={"block": "ukhimath"},
                           candidates={"block": "ukhimath"}, form=True)
    events = slot_events(await _validate(tracker, dispatcher, domain))
    assert events["complaint_text"] == "ukhimath me 3 din se bijli nahi hai"
    assert events["department"] == "energy"   # sure: not asked, shown on the summary
    assert [o["department"] for o in events["department_options"]] == ["energy", "public_works", "drinking_water"]
    assert events["block"] == "ukhimath" and events["district"] == "rudraprayag"
    assert len(events["form_instance"]) == 32
    assert dispatcher.messages == []


async def test_form_instance_is_kept_once_set(dispatcher, domain) -> None:
    tracker = make_tracker(text="Ram", slots={"form_instance": "abc", "requested_slot": "citizen_name"},
                           form=True)
    assert slot_events(await _validate(tracker, dispatcher, domain)) == {"citizen_name": "Ram"}


@pytest.mark.parametrize("intent, confidence", [("nlu_fallback", 0.4), ("complaint_other", 0.9),
                                                ("file_complaint", 0.95)])
async def test_an_unsure_or_unplaced_department_is_left_to_the_citizen(dispatcher, domain, intent,
                                                                        confidence) -> None:
    tracker = make_tracker(text="gaon ke paas kuch gadbad hai, koi dekhta nahi", intent=intent,
                           confidence=confidence, slots={"requested_slot": "complaint_text"}, form=True)
    events = slot_events(await _validate(tracker, dispatcher, domain))
    assert events["complaint_text"] and "department" not in events


async def test_a_new_text_after_an_edit_keeps_the_chosen_department(dispatcher, domain) -> None:
    tracker = make_tracker(text="road broken near the school", intent="complaint_public_works", confidence=0.9,
                           slots={"requested_slot": "complaint_text", "department": "revenue",
                                  "form_instance": "f"}, form=True)
    assert "department" not in slot_events(await _validate(tracker, dispatcher, domain))


def test_department_buttons_offer_the_likeliest_and_other(dispatcher, domain) -> None:
    options = [{"department": "energy", "confidence": 0.51}, {"department": "public_works", "confidence": 0.3},
               {"department": "drinking_water", "confidence": 0.01}]
    ActionAskDepartment().run(dispatcher, make_tracker(slots={"department_options": options, "language": "en"}),
                              domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_ask_department"
    assert [b["payload"] for b in message["buttons"]] == [
        '/choose_department{"department":"energy"}', '/choose_department{"department":"public_works"}',
        '/choose_department{"department":"drinking_water"}', '/choose_department{"department":"other"}']


def test_unsure_department_is_asked_not_assumed(dispatcher, domain) -> None:
    options = [{"department": "revenue", "confidence": 0.41}, {"department": "panchayati_raj", "confidence": 0.3},
               {"department": "forest", "confidence": 0.1}]
    ActionAskDepartment().run(dispatcher, make_tracker(slots={"department_options": options}), domain)
    [message] = dispatcher.messages
    assert message["response"] == "utter_ask_department"
    assert len(message["buttons"]) == 4 and message["buttons"][0]["title"] == "राजस्व"


@pytest.mark.parametrize("intent, text, entities, candidates, expected", [
    ("choose_department", '/choose_department{"department":"energy"}', {"department": "energy"},
     {"department": "energy"}, "energy"),
    ("affirm", "haan sahi hai", {}, {}, "energy"),
    ("complaint_drinking_water", "nahi, paani ki samasya hai", {}, {}, "drinking_water"),
    ("inform", "राजस्व", {}, {}, "revenue"),
])
async def test_department_answers(dispatcher, domain, intent, text, entities, candidates, expected) -> None:
    tracker = make_tracker(text=text, intent=intent, entities=entities, candidates=candidates, form=True,
                           slots={"requested_slot": "department", "form_instance": "f",
                                  "department_options": [{"department": "energy", "confidence": 0.9}]})
    assert slot_events(await _validate(tracker, dispatcher, domain))["department"] == expected


async def test_unknown_department_is_asked_again(dispatcher, domain) -> None:
    tracker = make_tracker(text="kuch bhi", intent="inform", form=True,
                           slots={"requested_slot": "department", "form_instance": "f"})
    assert slot_events(await _validate(tracker, dispatcher, domain))["department"] is None
    assert responses(dispatcher) == ["utter_invalid_department"]


async def test_no_to_the_guess_shows_every_department(dispatcher, domain) -> None:
    tracker = make_tracker(text="nahi", intent="deny", form=True,
                           slots={"requested_slot": "department", "form_instance": "f"})
    events = slot_events(await _validate(tracker, dispatcher, domain))
    assert events["department"] is None and len(events["department_options"]) == 18


@pytest.mark.parametrize("text, district, block", [
    ("रुद्रप्रयाग", "rudraprayag", None),
    ("Rudraprayag", "rudraprayag", None),
    ("Jakholi", "rudraprayag", "jakholi"),  # a block names its district
])
async def test_district_in_hindi_english_or_by_block(dispatcher, domain, text, district, block) -> None:
    tracker = make_tracker(text=text, form=True, slots={"requested_slot": "district", "form_instance": "f"})
    events = slot_events(await _validate(tracker, dispatcher, domain))
    assert events["district"] == district and events.get("block") == block
    assert dispatcher.messages == []


async def test_unknown_district_is_asked_again(dispatcher, domain) -> None:
    tracker = make_tracker(text="Gotham", form=True, slots={"requested_slot": "district", "form_instance": "f"})
    assert slot_events(await _validate(tracker, dispatcher, domain))["district"] is None
    assert responses(dispatcher) == ["utter_invalid_district"]


async def test_block_typed_in_hindi(dispatcher, domain) -> None:
    tracker = make_tracker(text="ऊखीमठ", form=True,
                           slots={"requested_slot": "block", "district": "rudraprayag", "form_instance": "f"})
    assert slot_events(await _validate(tracker, dispatcher, domain))["block"] == "ukhimath"


async def test_unknown_block_is_asked_again_and_not_sure_skips(dispatcher, domain) -> None:
    slots = {"requested_slot": "block", "district": "rudraprayag", "form_instance": "f"}
    tracker = make_tracker(text="Narnia", form=True, slots=slots)
    assert slot_events(await _validate(tracker, dispatcher, domain))["block"] is None
    assert responses(dispatcher) == ["utter_invalid_block"]
    tracker = make_tracker(text="/skip", intent="skip", form=True, slots=slots)
    assert slot_events(await _validate(tracker, dispatcher, domain))["block"] == SKIPPED


async def test_correction_of_the_block_while_asked_for_the_name(dispatcher, domain) -> None:
    tracker = make_tracker(text="no, the block is Jakholi", intent="inform", entities={"block": "jakholi"},
                           candidates={"block": "jakholi"}, form=True,
                           slots={"requested_slot": "citizen_name", "district": "rudraprayag",
                                  "block": "ukhimath", "form_instance": "f"})
    events = slot_events(await _validate(tracker, dispatcher, domain))
    assert events == {"block": "jakholi", "district": "rudraprayag"}  # no name taken from it


@pytest.mark.parametrize("text", ["x" * 4000, "12345", "/affirm", "a"])
async def test_bad_names_are_asked_again(dispatcher, domain, text) -> None:
    tracker = make_tracker(text=text, form=True, slots={"requested_slot": "citizen_name", "form_instance": "f"})
    assert slot_events(await _validate(tracker, dispatcher, domain))["citizen_name"] is None
    assert responses(dispatcher) == ["utter_invalid_name"]


async def test_name_with_the_phone_in_one_message(dispatcher, domain) -> None:
    tracker = make_tracker(text="Ram Singh 98765 43210", entities={"phone": "98765 43210"},
                           candidates={"phone": "98765 43210"}, form=True,
                           slots={"requested_slot": "citizen_name", "form_instance": "f"})
    events = slot_events(await _validate(tracker, dispatcher, domain))
    assert events == {"citizen_name": "Ram Singh", "phone": "+919876543210"}


async def test_status_question_is_not_taken_as_a_name(dispatcher, domain) -> None:
    # Nothing extracted: the form rejects, and the interruption rule answers the question.
    tracker = make_tracker(text="meri shikayat ka kya hua", intent="check_status", confidence=0.9, form=True,
                           slots={"requested_slot": "citizen_name", "form_instance": "f"})
    assert await _validate(tracker, dispatcher, domain) == []


@pytest.mark.parametrize("text, phone", [
    ("9876543210", "+919876543210"), ("+91 98765 43210", "+919876543210"), ("09876543210", "+919876543210"),
])
async def test_phone_numbers_are_normalised(dispatcher, domain, text, phone) -> None:
    tracker = make_tracker(text=text, form=True, slots={"requested_slot": "phone", "form_instance": "f"})
    assert slot_events(await _validate(tracker, dispatcher, domain))["phone"] == phone


@pytest.mark.parametrize("text", ["98765abc10", "12345", "call me"])
async def test_bad_phone_numbers_are_asked_again(dispatcher, domain, text) -> None:
    tracker = make_tracker(text=text, form=True, slots={"requested_slot": "phone", "form_instance": "f"})
    assert slot_events(await _validate(tracker, dispatcher, domain))["phone"] is None
    assert responses(dispatcher) == ["utter_invalid_phone"]


@pytest.mark.parametrize("slot", ["district", "block", "citizen_name", "phone"])
async def test_a_photo_or_location_sent_midway_answers_no_question(dispatcher, domain, slot) -> None:
    tracker = make_tracker(text="", form=True, metadata={"photo": {"file_id": "AgAD"}},
                           slots={"requested_slot": slot, "form_instance": "f", "district": "rudraprayag"})
    assert slot_events(await _validate(tracker, dispatcher, domain)) == {slot: None}   # the form goes on
    assert dispatcher.messages == []   # no "that is not a name": the question is simply asked again


@pytest.mark.parametrize("slot, response", [("citizen_name", "utter_invalid_name"),
                                            ("district", "utter_invalid_district")])
async def test_an_empty_message_midway_is_told_what_is_wanted(dispatcher, domain, slot, response) -> None:
    tracker = make_tracker(text="  ", form=True, slots={"requested_slot": slot, "form_instance": "f"})
    assert slot_events(await _validate(tracker, dispatcher, domain)) == {slot: None}
    assert responses(dispatcher) == [response]


async def test_a_shared_contact_gives_the_name_in_the_same_tap(dispatcher, domain) -> None:
    tracker = make_tracker("telegram:81", text="", form=True,
                           metadata={"phone": "+919876543210", "name": "Ramesh Kumar"},
                           slots={"requested_slot": "citizen_name", "form_instance": "f",
                                  "phone": "+919876543210"})
    assert slot_events(await _validate(tracker, dispatcher, domain))["citizen_name"] == "Ramesh Kumar"


@pytest.mark.parametrize("sender, phone, contact_button", [
    ("telegram:81", None, True), ("telegram:81", "+919876543210", False), ("web:abc", None, False),
    ("whatsapp:919876543210", None, False)])
def test_the_name_question_offers_the_contact_button_on_telegram(dispatcher, domain, sender, phone,
                                                                  contact_button) -> None:
    ActionAskContact().run(dispatcher, make_tracker(sender, slots={"phone": phone, "language": "en"}), domain)
    [message] = dispatcher.messages
    if contact_button:
        assert message["custom"]["request_contact"] == "📱 Share my number"
        assert "name" in message["custom"]["text"] and "Share my number" in message["custom"]["text"]
    else:
        assert message["response"] == "utter_ask_citizen_name"


def test_the_summary_offers_the_photo_or_location(dispatcher, domain) -> None:
    ActionAskConfirm().run(dispatcher, make_tracker(slots={"language": "en", "department": "energy"}), domain)
    [summary] = dispatcher.messages
    assert summary["response"] == "utter_summary"
    [english] = [v for v in domain["responses"]["utter_summary"] if v.get("condition")]
    assert "photo or the location" in english["text"] and "Department: {department_name}" in english["text"]
    assert [b["payload"] for b in english["buttons"]] == ["/affirm", "/edit", "/cancel"]


async def test_summary_confirm_and_edit(dispatcher, domain) -> None:
    slots = {"requested_slot": "confirm", "form_instance": "f", "district": "rudraprayag", "block": "ukhimath"}
    yes = make_tracker(text="/affirm", intent="affirm", form=True, slots=slots)
    assert slot_events(await _validate(yes, dispatcher, domain))["confirm"] is True
    edit_place = make_tracker(text='/edit{"field":"district"}', intent="edit", entities={"field": "district"},
                              form=True, slots=slots)
    events = slot_events(await _validate(edit_place, dispatcher, domain))
    assert events == {"confirm": None, "district": None, "block": None}


def test_edit_shows_the_fields_then_the_summary(dispatcher, domain) -> None:
    ActionAskConfirm().run(dispatcher, make_tracker(text="/edit", intent="edit"), domain)
    assert responses(dispatcher) == ["utter_ask_edit_field"]
    dispatcher.messages.clear()
    slots = {"complaint_text": "bijli nahi", "department": "energy", "district": "rudraprayag",
             "block": "ukhimath", "citizen_name": "Ram", "phone": "+919876543210",
             "location": {"lat": 30.5, "lon": 79.1}, "photo": ["a.jpg"], "language": "en"}
    ActionAskConfirm().run(dispatcher, make_tracker(text="/skip", intent="skip", slots=slots), domain)
    [summary] = dispatcher.messages
    assert summary["response"] == "utter_summary"
    assert summary["place"] == "Ukhimath, Rudraprayag" and summary["department_name"] == "Energy (UPCL)"
    assert summary["attachments"] == "📍 📷×1"


def test_district_and_block_buttons(dispatcher, domain) -> None:
    ActionAskDistrict().run(dispatcher, make_tracker(), domain)
    assert len(dispatcher.messages[0]["buttons"]) == 13
    dispatcher.messages.clear()
    ActionAskBlock().run(dispatcher, make_tracker(slots={"district": "rudraprayag", "language": "en"}), domain)
    [message] = dispatcher.messages
    assert message["district_name"] == "Rudraprayag"
    assert {"title": "Ukhimath", "payload": '/inform{"block":"ukhimath"}'} in message["buttons"]


async def test_control_and_non_characters_are_stripped_from_the_complaint_and_name(dispatcher, domain) -> None:
    tracker = make_tracker(text="bijli\x0b nahi\uffff hai", slots={"requested_slot": "complaint_text"}, form=True)
    events = slot_events(await _validate(tracker, dispatcher, domain))
    assert events["complaint_text"] == "bijli nahi hai"
    tracker = make_tracker(text="Ram\x01 Lal\ufffe", slots={"form_instance": "abc", "requested_slot": "citizen_name"},
                           form=True)
    assert slot_events(await _validate(tracker, dispatcher, domain)) == {"citizen_name": "Ram Lal"}
