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
    SKIPPED, citizen_identity, department_name, is_interruption, lang, latest_entity, latest_intent,
    latest_text, metadata, place_name, response_text,
)
from actions.slots import location_from, photo_from
from helpline import reference
from helpline.errors import HelplineError
from helpline.phone import normalise_phone
from helpline.text_hygiene import strip_unsafe

MAX_TEXT = 2000
MAX_NAME = 80
# The FallbackClassifier's threshold (config.yml): a complaint intent at or above it is "sure".
SURE_CONFIDENCE = 0.6
DEFAULT_DEPARTMENTS = ("energy", "drinking_water", "public_works")
PLACE_ENTITIES = ("district", "block")
_PHONE_LIKE = re.compile(r"\+?\d[\d\s\-]{7,}\d")
INVALID_ANSWER = {"complaint_text": "utter_invalid_complaint_text", "department": "utter_invalid_department",
                  "district": "utter_invalid_district", "block": "utter_invalid_block",
                  "citizen_name": "utter_invalid_name", "phone": "utter_invalid_phone"}
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


def sure_department(tracker: Tracker) -> str | None:
    """The department of the latest message when the NLU is sure of it (a complaint intent, not the
    fallback, not "other"); None when the citizen should choose."""
    intent, confidence = latest_intent(tracker)
    code = intent.removeprefix("complaint_")
    if not intent.startswith("complaint_") or code == "other" or confidence < SURE_CONFIDENCE:
        return None
    return code if reference.department(code) else None


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
        requested = tracker.get_slot("requested_slot")
        if requested and _shared_item(tracker) and not any(
                e.get("event") == "slot" and e.get("name") != "requested_slot" for e in events):
            # A photo or location sent while a typed answer was asked is kept (slot mappings) and
            # the question comes again; an empty message is told what is wanted. Either way the
            # form goes on (a form that extracts nothing would hand the turn to the fallback).
            meta = metadata(tracker)
            if not (photo_from(meta) or location_from(meta)) and requested in INVALID_ANSWER:
                dispatcher.utter_message(response=INVALID_ANSWER[requested])
            events.append(SlotSet(requested, None))
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
            return {} if _shared_item(tracker) else {"complaint_text": latest_text(tracker)}
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
        found = {"complaint_text": text, "department_options": department_options(tracker.latest_message)}
        sure = sure_department(tracker)
        if sure and not tracker.get_slot("department"):
            # The NLU is sure: not asked, but shown in the summary, where the citizen can change it.
            found["department"] = sure
        return found

    # --- department -----------------------------------------------------------------------
    def extract_department(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                           domain: DomainDict) -> dict[str, Any]:
        if not self._requested(tracker, "department") or _shared_item(tracker):
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
        if not self._requested(tracker, slot) or _shared_item(tracker):
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
        meta = metadata(tracker)
        if meta.get("name") and meta.get("phone") and not tracker.get_slot("citizen_name"):
            return {"citizen_name": str(meta["name"])}   # a shared contact: name and phone in one tap
        if not self._requested(tracker, "citizen_name") or _shared_item(tracker):
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
        if not self._requested(tracker, "phone") or latest_entity(tracker, "phone") or _shared_item(tracker):
            return {}
        return {"phone": latest_text(tracker)}

    def validate_phone(self, value: Any, dispatcher: CollectingDispatcher,
                       tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        try:
            return {"phone": normalise_phone(str(value or "")[:40])}
        except HelplineError:
            dispatcher.utter_message(response="utter_invalid_phone")
            return {"phone": None}

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
    """Offers the likeliest departments as buttons (asked only when the NLU was unsure)."""

    def name(self) -> str:
        return "action_ask_department"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> list[dict[str, Any]]:
        options = tracker.get_slot("department_options") or department_options({})
        buttons = department_buttons([o["department"] for o in options], lang(tracker))
        dispatcher.utter_message(response="utter_ask_department", buttons=buttons)
        return []


class ActionAskContact(Action):
    """Name (or mobile) question; on Telegram with a "share contact" button: both in one tap."""

    def __init__(self, slot: str = "citizen_name") -> None:
        self.slot = slot

    def name(self) -> str:
        return f"action_ask_{self.slot}"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> list[dict[str, Any]]:
        response = f"utter_ask_{self.slot}"
        channel, _ = citizen_identity(tracker.sender_id)
        if channel != "telegram" or tracker.get_slot("phone"):
            dispatcher.utter_message(response=response)
            return []
        # A custom message: the Telegram adapter shows `request_contact` as a reply-keyboard button.
        language = lang(tracker)
        dispatcher.utter_message(json_message={
            "text": response_text(domain, "utter_ask_contact", language),
            "request_contact": response_text(domain, "utter_share_contact_button", language)})
        return []


class ActionAskPhone(ActionAskContact):
    """The mobile number question (the contact button on Telegram)."""

    def __init__(self) -> None:
        super().__init__("phone")


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


def _shared_item(tracker: Tracker) -> bool:
    """True for a photo, location or contact sent without words: it answers no typed question."""
    return not latest_text(tracker).strip()


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
