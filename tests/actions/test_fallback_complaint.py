"""An unsure NLU must not bounce a real complaint: the form starts and offers the likeliest departments."""
from __future__ import annotations

from tracker_kit import make_tracker, responses, slot_events

from actions.conversation import ActionFallback

LONG = "Sir the water from the tap in our mohalla is brown and smells since last week, kindly act"


def test_an_unsure_complaint_starts_the_form_with_department_choices(dispatcher, domain) -> None:
    tracker = make_tracker(text=LONG, intent="nlu_fallback", confidence=0.29, ranking=[
        ("nlu_fallback", 0.29), ("complaint_drinking_water", 0.28), ("complaint_urban_development", 0.22),
        ("complaint_health", 0.12), ("greet", 0.05)])
    events = ActionFallback().run(dispatcher, tracker, domain)
    slots = slot_events(events)
    assert responses(dispatcher) == []            # no "please rephrase"
    assert slots["complaint_text"] == LONG
    assert [o["department"] for o in slots["department_options"]] == [
        "drinking_water", "urban_development", "health"]
    assert [e["name"] for e in events if e["event"] == "followup"] == ["complaint_form"]


def test_gibberish_still_gets_the_rephrase_request(dispatcher, domain) -> None:
    tracker = make_tracker(text="asdf qwer zxcv uiop", intent="nlu_fallback", confidence=0.2, ranking=[
        ("nlu_fallback", 0.2), ("out_of_scope", 0.25), ("greet", 0.2), ("complaint_energy", 0.1)])
    events = slot_events(ActionFallback().run(dispatcher, tracker, domain))
    assert responses(dispatcher) == ["utter_rephrase"] and "complaint_text" not in events


def test_a_short_unsure_message_is_not_taken_as_a_complaint(dispatcher, domain) -> None:
    tracker = make_tracker(text="bijli pani", intent="nlu_fallback", confidence=0.25, ranking=[
        ("nlu_fallback", 0.25), ("complaint_energy", 0.4), ("complaint_drinking_water", 0.35)])
    ActionFallback().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_rephrase"]
