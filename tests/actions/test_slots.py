"""Slots filled from message metadata on every turn: verified phone, location, photos, fallback count."""
from __future__ import annotations

from tracker_kit import make_tracker, slot_events

from actions.common import citizen_identity
from actions.slots import ValidateSlotMappings


async def _extract(tracker, dispatcher, domain):
    return slot_events(await ValidateSlotMappings().run(dispatcher, tracker, domain))


def test_sender_id_gives_the_citizen_identity() -> None:
    assert citizen_identity("telegram:12345") == ("telegram", "12345")
    assert citizen_identity("whatsapp:919876543210") == ("whatsapp", "919876543210")
    assert citizen_identity("web:3f2a-11") == ("web", "3f2a-11")
    assert citizen_identity("3f2a-11") == ("web", "3f2a-11")
    assert citizen_identity("evil:1") == ("web", "evil:1")


async def test_verified_phone_from_whatsapp_metadata(dispatcher, domain) -> None:
    tracker = make_tracker("whatsapp:919876543210", text="paani nahi", metadata={"phone": "919876543210"})
    assert (await _extract(tracker, dispatcher, domain))["phone"] == "+919876543210"


async def test_malformed_metadata_phone_is_ignored(dispatcher, domain) -> None:
    tracker = make_tracker(text="x", metadata={"phone": "12ab"})
    assert "phone" not in await _extract(tracker, dispatcher, domain)


async def test_shared_location_and_photo_are_kept(dispatcher, domain) -> None:
    tracker = make_tracker(text="", slots={"photo": ["/var/photos/a.jpg"]},
                           metadata={"location": {"lat": 30.52, "lon": 79.09},
                                     "photo": {"file_id": "AgAD", "path": "/var/photos/b.jpg"}})
    events = await _extract(tracker, dispatcher, domain)
    assert events["location"] == {"lat": 30.52, "lon": 79.09}
    assert events["photo"] == ["/var/photos/a.jpg", "/var/photos/b.jpg"]


async def test_impossible_location_is_ignored(dispatcher, domain) -> None:
    tracker = make_tracker(text="", metadata={"location": {"lat": 930, "lon": "x"}})
    assert "location" not in await _extract(tracker, dispatcher, domain)


async def test_an_understood_message_resets_the_fallback_count(dispatcher, domain) -> None:
    tracker = make_tracker(text="hello", intent="greet", slots={"fallback_count": 1.0})
    assert (await _extract(tracker, dispatcher, domain))["fallback_count"] == 0.0
    tracker = make_tracker(text="asdf", intent="nlu_fallback", slots={"fallback_count": 1.0})
    assert "fallback_count" not in await _extract(tracker, dispatcher, domain)
