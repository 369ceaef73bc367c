"""The reply language follows the citizen's writing; the channel's language and an explicit switch win."""
from __future__ import annotations

import pytest
from tracker_kit import make_tracker, responses, slot_events

from actions.conversation import ActionChangeLanguage
from actions.language import detect_language, requested_language
from actions.slots import ValidateSlotMappings


@pytest.mark.parametrize("text, expected", [
    ("ऊखीमठ में 3 दिन से बिजली नहीं है", "hi"),
    ("ukhimath me 3 din se bijli nahi hai", "hi"),
    ("hamare gaon mein paani nahi aa raha", "hi"),
    ("No electricity in Ukhimath for 3 days", "en"),
    ("the road to our village is broken", "en"),
    ("Ram Singh", None),
    ("9876543210", None),
    ("/affirm", None),
    ("", None),
    ("👍👍", None),
])
def test_detect_language(text: str, expected: str | None) -> None:
    assert detect_language(text) == expected


def test_requested_language_names_either_language() -> None:
    assert requested_language("please reply in English") == "en"
    assert requested_language("हिंदी में बात करो") == "hi"
    assert requested_language("hindi me bolo") == "hi"
    assert requested_language("change language") is None


async def _extract(tracker, dispatcher, domain):
    return slot_events(await ValidateSlotMappings().run(dispatcher, tracker, domain))


async def test_english_message_switches_replies_to_english(dispatcher, domain) -> None:
    tracker = make_tracker(text="no water in our village since two days", intent="complaint_drinking_water",
                           slots={"language": "hi"})
    assert (await _extract(tracker, dispatcher, domain))["language"] == "en"


async def test_hinglish_message_switches_replies_to_hindi(dispatcher, domain) -> None:
    tracker = make_tracker(text="bijli nahi aa rahi hai", intent="complaint_energy", slots={"language": "en"})
    assert (await _extract(tracker, dispatcher, domain))["language"] == "hi"


async def test_a_name_keeps_the_language(dispatcher, domain) -> None:
    tracker = make_tracker(text="Ram Singh", slots={"language": "en"})
    assert "language" not in await _extract(tracker, dispatcher, domain)


async def test_channel_language_overrides_the_writing(dispatcher, domain) -> None:
    tracker = make_tracker(text="bijli nahi hai", intent="complaint_energy", slots={"language": "hi"},
                           metadata={"language": "en"})
    assert (await _extract(tracker, dispatcher, domain))["language"] == "en"


async def test_explicit_switch_sticks(dispatcher, domain) -> None:
    tracker = make_tracker(text="bijli nahi hai", intent="complaint_energy",
                           slots={"language": "en", "language_locked": True})
    assert "language" not in await _extract(tracker, dispatcher, domain)


def test_change_language_to_the_named_one(dispatcher, domain) -> None:
    tracker = make_tracker(text="please talk in English", intent="change_language", slots={"language": "hi"})
    events = slot_events(ActionChangeLanguage().run(dispatcher, tracker, domain))
    assert events == {"language": "en", "language_locked": True}
    assert responses(dispatcher) == []  # utter_language_changed follows, rendered in the new language


def test_change_language_without_a_name_toggles(dispatcher, domain) -> None:
    tracker = make_tracker(text="bhasha badlo", intent="change_language", slots={"language": "en"})
    assert slot_events(ActionChangeLanguage().run(dispatcher, tracker, domain))["language"] == "hi"


def test_every_response_exists_in_both_languages(domain) -> None:
    for name, variations in domain["responses"].items():
        english = [v for v in variations if {"type": "slot", "name": "language", "value": "en"}
                   in (v.get("condition") or [])]
        default = [v for v in variations if not v.get("condition")]
        assert english and default, f"{name} needs an English and a Hindi (default) variation"
        assert all(any("\u0900" <= ch <= "\u097f" for ch in v["text"]) for v in default), name
