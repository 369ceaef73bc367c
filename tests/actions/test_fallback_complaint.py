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


GARHWALI = "भैजी सुणा दौं, हमरा गौं मा चार दिन बटि बिजली नी च, जल्दी कुछ कैरा"


def test_a_language_it_does_not_read_gets_a_person_and_the_department_buttons(dispatcher, domain) -> None:
    # The NLU forced the fallback and named the language (nlu/components.py).
    tracker = make_tracker(text=GARHWALI, intent="nlu_fallback", confidence=1.0,
                           entities={"language": "garhwali"}, ranking=[
                               ("nlu_fallback", 1.0), ("complaint_energy", 0.41), ("complaint_other", 0.2),
                               ("greet", 0.1)])
    events = ActionFallback().run(dispatcher, tracker, domain)
    slots = slot_events(events)
    [message] = dispatcher.messages
    assert message["response"] == "utter_foreign_language" and message["helpline_phone"]
    for variation in domain["responses"]["utter_foreign_language"]:   # Hindi and English in one message
        assert "एजेंट" in variation["text"] and "an agent will take your complaint" in variation["text"]
    assert slots["complaint_text"] == GARHWALI      # kept as written, nothing guessed
    assert slots["department_options"][0]["department"] == "energy"
    assert [e["name"] for e in events if e["event"] == "followup"] == ["complaint_form"]   # buttons next


def test_a_second_message_it_cannot_read_is_never_a_dead_end(dispatcher, domain) -> None:
    tracker = make_tracker(text="ਸਾਡੇ ਪਿੰਡ ਵਿੱਚ ਬਿਜਲੀ ਨਹੀਂ", intent="nlu_fallback", entities={"language": "punjabi"},
                           slots={"fallback_count": 1.0})
    events = ActionFallback().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == ["utter_foreign_language"]
    assert [e["name"] for e in events if e["event"] == "followup"] == ["complaint_form"]
