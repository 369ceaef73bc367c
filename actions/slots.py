"""Slots filled from every user message: reply language, the channel's verified phone, location, photos."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction
from rasa_sdk.types import DomainDict

from actions.common import latest_intent, latest_text, metadata
from actions.language import detect_language
from helpline import geo
from helpline.errors import HelplineError
from helpline.phone import normalise_phone


def location_from(meta: dict[str, Any]) -> dict[str, float] | None:
    """{"lat", "lon"} from message metadata when it holds a real coordinate pair."""
    raw = meta.get("location")
    if not isinstance(raw, dict):
        return None
    try:
        lat, lon = geo.point({"lat": raw.get("lat"), "lon": raw.get("lon")})
    except ValueError:
        return None
    return {"lat": lat, "lon": lon}


def photo_from(meta: dict[str, Any]) -> str | None:
    """The reference to keep for a shared photo: stored path or URL, else the channel's file id."""
    raw = meta.get("photo")
    if not isinstance(raw, dict):
        return None
    for key in ("path", "url", "file_id"):
        value = raw.get(key)
        if isinstance(value, str) and 0 < len(value.strip()) <= 1000:
            return value.strip()
    return None


class ValidateSlotMappings(ValidationAction):
    """Runs after every user message (Rasa's action_validate_slot_mappings)."""

    def name(self) -> str:
        return "action_validate_slot_mappings"

    def extract_language(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                         domain: DomainDict) -> dict[str, Any]:
        # An explicit switch (change_language) sticks; else the channel's language; else the writing.
        if tracker.get_slot("language_locked") or latest_intent(tracker)[0] == "change_language":
            return {}
        meta_lang = str(metadata(tracker).get("language") or "").lower()[:2]
        if meta_lang in ("hi", "en"):
            found = meta_lang
        else:
            found = detect_language(latest_text(tracker))
        if found and found != tracker.get_slot("language"):
            return {"language": found}
        return {}

    def extract_phone(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: DomainDict) -> dict[str, Any]:
        # A number the channel verified (Telegram contact, WhatsApp wa_id) beats a typed one.
        raw = metadata(tracker).get("phone")
        if not raw:
            return {}
        try:
            phone = normalise_phone(str(raw))
        except HelplineError:
            return {}
        return {"phone": phone} if phone != tracker.get_slot("phone") else {}

    def extract_location(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                         domain: DomainDict) -> dict[str, Any]:
        found = location_from(metadata(tracker))
        return {"location": found} if found else {}

    def extract_photo(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: DomainDict) -> dict[str, Any]:
        found = photo_from(metadata(tracker))
        photos = list(tracker.get_slot("photo") or [])
        if not found or found in photos:
            return {}
        return {"photo": photos + [found]}

    def extract_fallback_count(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: DomainDict) -> dict[str, Any]:
        # Any understood message ends a run of "I did not understand".
        if latest_intent(tracker)[0] != "nlu_fallback" and tracker.get_slot("fallback_count"):
            return {"fallback_count": 0.0}
        return {}

    async def get_validation_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> list[dict[str, Any]]:
        # Nothing to check beyond the extract_ methods; passing the candidates through as they
        # are also keeps rasa-sdk from warning about every slot without a validate_ method.
        from rasa_sdk.events import SlotSet

        wanted = set(self.domain_slots(domain))
        return [SlotSet(k, v) for k, v in tracker.slots_to_validate().items() if k in wanted]
