"""The complaint form: validation of every answer and the questions that need buttons from the core."""
from __future__ import annotations

import re
import uuid
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.common import (
    SKIPPED, department_name, is_interruption, lang, latest_entity, latest_intent, latest_text,
    metadata, place_name,
)
from actions.slots import location_from, photo_from
from helpline import reference
from helpline.errors import HelplineError
from helpline.phone import normalise_phone
from helpline.text_hygiene import strip_unsafe

MAX_TEXT = 2000
MAX_NAME = 80
HIGH_CONFIDENCE = 0.85
DEFAULT_DEPARTMENTS = ("energy", "drinking_water", "public_works")
PLACE_ENTITIES = ("district", "block")
_PHONE_LIKE = re.compile(r"\+?\d[\d\s\-]{7,}\d")
# Which slots an "edit" of a summary field empties (a new district needs a new block too).
EDIT_FIELDS = {
    "department": ("department",),
    "district": ("district", "block"),
    "block": ("block",),
    "citizen_name": ("citizen_name",),
    "phone": ("phone",),
    "complaint_text": ("complaint_text",),
    "location": ("location",),
}


def department_options(latest_message: dict[str, Any]) -> list[dict[str, Any]]:
    """The three likeliest departments of a complaint message, best first, from its intent ranking."""
    ranking = list(latest_message.get("intent_ranking") or [])
    if not ranking and latest_message.get("intent"):
        ranking = [latest_message["intent"]]
    options: list[dict[str, Any]] = []
    for row in ranking:
        name = str(row.get("name") or "")
        code = name.removeprefix("complaint_")
        if name.startswith("complaint_") and code != "other" and reference.department(code):
            if all(o["department"] != code for o in options):
                options.append({"department": code, "confidence": round(float(row.get("confidence") or 0), 4)})
    for code in DEFAULT_DEPARTMENTS:
        if all(o["department"] != code for o in options):
            options.append({"department": code, "confidence": 0.0})
    return options[:3]


def department_buttons(codes: list[str], language: str) -> list[dict[str, str]]:
    """One button per department (payload /choose_department), "other" always last."""
    codes = [c for c in codes if c != "other"] + ["other"]
    return [{"title": department_name(c, language),
             "payload": '/choose_department{"department":"%s"}' % c} for c in codes]


class ValidateComplaintForm(FormValidationAction):
    """Takes each answer of the complaint form, checks it, and re-asks politely when it is wrong."""

    def name(self) -> str:
        return "validate_complaint_form"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[dict[str, Any]]:
        events = await super().run(dispatcher, tracker, domain)
        if not tracker.get_slot("form_instance"):
            # Set once, when the form starts: with the sender id it is the filing's idempotency key.
            events.append(SlotSet("form_instance", uuid.uuid4().hex))
        return events

    def _requested(self, tracker: Tracker, slot: str) -> bool:
        return tracker.get_slot("requested_slot") == slot and not is_interruption(tracker)

    # --- complaint text -------------------------------------------------------------------
    def extract_complaint_text(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: DomainDict) -> dict[str, Any]:
        if self._requested(tracker, "complaint_text"):
            return {"complaint_text": latest_text(tracker)}
        intent, _ = latest_intent(tracker)
        if tracker.get_slot("complaint_text") is None and intent.startswith("complaint_"):
            return {"complaint_text": latest_text(tracker)}
        return {}

    def validate_complaint_text(self, value: Any, dispatcher: CollectingDispatcher,
                                tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        text = " ".join(strip_unsafe(str(value or "")).split())
        if not re.search(r"\w", text) or text.startswith("/") or len(text) > MAX_TEXT:
            dispatcher.utter_message(response="utter_invalid_complaint_text")
            return {"complaint_text": None}
        return {"complaint_text": text, "department_options": department_options(tracker.latest_message)}

    # --- department -----------------------------------------------------------------------
    def extract_department(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                           domain: DomainDict) -> dict[str, Any]:
        if not self._requested(tracker, "department"):
            return {}
        intent, confidence = latest_intent(tracker)
        if intent == "choose_department":
            return {}  # the payload's entity fills the slot through its mapping
        if any(latest_entity(tracker, e) for e in PLACE_ENTITIES):
            return {}  # "no, the block is Jakholi": a correction, not a department
        options = tracker.get_slot("department_options") or []
        if intent == "affirm" and options:
            return {"department": options[0]["department"]}
        if intent == "deny":
            return {"department": "__all__"}
        if intent.startswith("complaint_") and confidence >= 0.5:
            return {"department": intent.removeprefix("complaint_")}
        return {"department": latest_text(tracker)}

    def validate_department(self, value: Any, dispatcher: CollectingDispatcher,
                            tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        if value == "__all__":
            everything = [{"department": d.code, "confidence": 0.0} for d in reference.departments()]
            return {"department": None, "department_options": everything}
        found = reference.department(str(value)) or reference.resolve_department(str(value))
        if found is None:
            dispatcher.utter_message(response="utter_invalid_department")
            return {"department": None}
        return {"department": found.code}

    # --- district and block ---------------------------------------------------------------
    def _free_place_text(self, tracker: Tracker, slot: str) -> dict[str, Any]:
        if not self._requested(tracker, slot):
            return {}
        if any(latest_entity(tracker, e) for e in PLACE_ENTITIES):
            return {}  # the entity mapping already filled district/block
        if slot == "block" and latest_intent(tracker)[0] in ("skip", "deny"):
            return {"block": SKIPPED}
        return {slot: latest_text(tracker)}

    def extract_district(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                         domain: DomainDict) -> dict[str, Any]:
        return self._free_place_text(tracker, "district")

    def extract_block(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: DomainDict) -> dict[str, Any]:
        return self._free_place_text(tracker, "block")

    def validate_district(self, value: Any, dispatcher: CollectingDispatcher,
                          tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        text = str(value or "")[:100]
        found = reference.resolve_district(text)
        if found is not None:
            block = reference.block(tracker.get_slot("block"))
            if block is not None and block.district != found.code:
                return {"district": found.code, "block": None}
            return {"district": found.code}
        block = reference.resolve_block(text)
        if block is not None:  # a block names its district too
            return {"district": block.district, "block": block.code}
        dispatcher.utter_message(response="utter_invalid_district")
        return {"district": None}

    def validate_block(self, value: Any, dispatcher: CollectingDispatcher,
                       tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        if value == SKIPPED:
            return {"block": SKIPPED}
        text = str(value or "")[:100]
        district = tracker.get_slot("district")
        found = reference.resolve_block(text, district) or reference.resolve_block(text)
        if found is not None:
            return {"block": found.code, "district": found.district}
        other_district = reference.resolve_district(text)
        if other_district is not None:  # the citizen corrected the district instead
            return {"block": None, "district": other_district.code}
        dispatcher.utter_message(response="utter_invalid_block")
        return {"block": None}

    # --- name and phone -------------------------------------------------------------------
    def extract_citizen_name(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                             domain: DomainDict) -> dict[str, Any]:
        if not self._requested(tracker, "citizen_name"):
            return {}
        if any(latest_entity(tracker, e) for e in (*PLACE_ENTITIES, "ticket_number")):
            return {}  # a correction of the place, not a name
        text = latest_text(tracker)
        if latest_entity(tracker, "phone"):
            text = _PHONE_LIKE.sub(" ", text)  # "Ram Singh 9876543210": the number fills phone
            if not re.search(r"[^\W\d_]", text):
                return {}
        return {"citizen_name": text}

    def validate_citizen_name(self, value: Any, dispatcher: CollectingDispatcher,
                              tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        name = " ".join(strip_unsafe(str(value or "")).split()).strip(" .,;:-")
        if (not 2 <= len(name) <= MAX_NAME or re.search(r"\d", name) or name.startswith("/")
                or not re.search(r"[^\W\d_]", name)):
            dispatcher.utter_message(response="utter_invalid_name")
            return {"citizen_name": None}
        return {"citizen_name": name}

    def extract_phone(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                      domain: DomainDict) -> dict[str, Any]:
        if not self._requested(tracker, "phone") or latest_entity(tracker, "phone"):
            return {}
        return {"phone": latest_text(tracker)}

    def validate_phone(self, value: Any, dispatcher: CollectingDispatcher,
                       tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        try:
            return {"phone": normalise_phone(str(value or "")[:40])}
        except HelplineError:
            dispatcher.utter_message(response="utter_invalid_phone")
            return {"phone": None}

    # --- location / photo (optional) ------------------------------------------------------
    def extract_location(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                         domain: DomainDict) -> dict[str, Any]:
        if not self._requested(tracker, "location"):
            return {}
        meta = metadata(tracker)
        if location_from(meta):
            return {}  # filled by action_validate_slot_mappings
        intent, _ = latest_intent(tracker)
        if photo_from(meta) or intent in ("skip", "deny", "affirm"):
            return {"location": SKIPPED}
        text = " ".join(latest_text(tracker).split())
        if len(text) < 3 or text.startswith("/"):
            return {"location": None}
        # A landmark in words ("near the temple, ward 5") is kept with the problem text.
        complaint = tracker.get_slot("complaint_text") or ""
        return {"location": SKIPPED, "complaint_text": f"{complaint} ({text[:300]})".strip()}

    def validate_location(self, value: Any, dispatcher: CollectingDispatcher,
                          tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        if value == SKIPPED:
            return {"location": SKIPPED}
        found = location_from({"location": value})
        if found is None:
            return {"location": None}  # the question is asked again
        return {"location": found}

    # --- summary ----------------------------------------------------------------------------
    def extract_confirm(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                        domain: DomainDict) -> dict[str, Any]:
        if not self._requested(tracker, "confirm"):
            return {}
        intent, _ = latest_intent(tracker)
        if intent == "affirm":
            return {"confirm": True}
        field = latest_entity(tracker, "field")
        if intent == "edit" and field in EDIT_FIELDS:
            return {"confirm": f"edit:{field}"}
        return {"confirm": None}  # the summary (or the list of fields) is shown again

    def validate_confirm(self, value: Any, dispatcher: CollectingDispatcher,
                         tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        if value is True:
            return {"confirm": True}
        if isinstance(value, str) and value.startswith("edit:"):
            return {"confirm": None, **{slot: None for slot in EDIT_FIELDS.get(value[5:], ())}}
        return {"confirm": None}


class ActionAskDepartment(Action):
    """Offers the likeliest departments as buttons; phrased as a question to confirm when sure."""

    def name(self) -> str:
        return "action_ask_department"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> list[dict[str, Any]]:
        language = lang(tracker)
        options = tracker.get_slot("department_options") or department_options({})
        codes = [o["department"] for o in options]
        buttons = department_buttons(codes, language)
        top = options[0]
        if len(options) <= 3 and top["confidence"] >= HIGH_CONFIDENCE:
            dispatcher.utter_message(response="utter_confirm_department", buttons=buttons,
                                     department_name=department_name(top["department"], language))
        else:
            dispatcher.utter_message(response="utter_ask_department", buttons=buttons)
        return []


class ActionAskDistrict(Action):
    """Asks for the district with a button per district."""

    def name(self) -> str:
        return "action_ask_district"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> list[dict[str, Any]]:
        language = lang(tracker)
        buttons = [{"title": d.name(language), "payload": '/inform{"district":"%s"}' % d.code}
                   for d in reference.districts()]
        dispatcher.utter_message(response="utter_ask_district", buttons=buttons)
        return []


class ActionAskBlock(Action):
    """Asks for the block with a button per block of the chosen district."""

    def name(self) -> str:
        return "action_ask_block"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> list[dict[str, Any]]:
        language = lang(tracker)
        district = tracker.get_slot("district")
        buttons = [{"title": b.name(language), "payload": '/inform{"block":"%s"}' % b.code}
                   for b in reference.blocks_of(district or "")]
        dispatcher.utter_message(response="utter_ask_block", buttons=buttons,
                                 district_name=place_name(district, None, language))
        return []


class ActionAskConfirm(Action):
    """Shows the summary with confirm / edit / cancel, or the fields to edit after "edit"."""

    def name(self) -> str:
        return "action_ask_confirm"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> list[dict[str, Any]]:
        intent, _ = latest_intent(tracker)
        entities = (tracker.latest_message or {}).get("entities") or []
        if intent in ("edit", "deny") and not entities:
            dispatcher.utter_message(response="utter_ask_edit_field")
            return []
        language = lang(tracker)
        attachments = []
        if isinstance(tracker.get_slot("location"), dict):
            attachments.append("📍")
        photos = tracker.get_slot("photo") or []
        if photos:
            attachments.append(f"📷×{len(photos)}")
        dispatcher.utter_message(
            response="utter_summary",
            complaint_text=_shorten(tracker.get_slot("complaint_text") or "", 300),
            department_name=department_name(tracker.get_slot("department"), language),
            place=place_name(tracker.get_slot("district"), tracker.get_slot("block"), language),
            citizen_name=tracker.get_slot("citizen_name") or "-",
            phone=tracker.get_slot("phone") or "-",
            attachments=" ".join(attachments) or "-",
        )
        return []


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
