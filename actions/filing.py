"""Filing the confirmed complaint in the core, and cancelling the form."""
from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import SKIPPED, citizen_identity, lang, ticket_params
from helpline import service
from helpline.errors import HelplineError
from helpline.log_privacy import mask

log = logging.getLogger(__name__)

# Emptied after every complaint, filed or not; name and phone stay for the citizen's next one.
FORM_SLOTS = ("complaint_text", "department", "department_options", "district", "block",
              "location", "photo", "confirm", "form_instance", "requested_slot")


def reset_form() -> list[dict[str, Any]]:
    return [SlotSet(slot, None) for slot in FORM_SLOTS]


class ActionFileComplaint(Action):
    """Files the confirmed complaint (idempotent per form instance) and replies with the ticket."""

    def name(self) -> str:
        return "action_file_complaint"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> list[dict[str, Any]]:
        language = lang(tracker)
        if tracker.get_slot("confirm") is not True:
            dispatcher.utter_message(response="utter_complaint_cancelled")
            return reset_form()
        channel, external_id = citizen_identity(tracker.sender_id)
        if channel == "web" and not tracker.get_slot("phone"):
            # A web session is only a cookie: the phone is what the daily limit counts per person.
            dispatcher.utter_message(response="utter_invalid_phone")
            return reset_form()
        location = tracker.get_slot("location")
        block = tracker.get_slot("block")
        instance = tracker.get_slot("form_instance") or "-"
        try:
            ticket = service.file_ticket(
                text=tracker.get_slot("complaint_text"),
                department=tracker.get_slot("department"),
                district=tracker.get_slot("district"),
                block=None if block in (None, SKIPPED) else block,
                name=tracker.get_slot("citizen_name"),
                phone=tracker.get_slot("phone"),
                channel=channel,
                channel_user_id=external_id,
                key=f"{tracker.sender_id}:{instance}",
                location=(location["lat"], location["lon"]) if isinstance(location, dict) else None,
                photos=tracker.get_slot("photo") or (),
                language=language,
            )
        except HelplineError as error:
            log.info("filing refused for %s: %s", mask(tracker.sender_id), error.code)
            dispatcher.utter_message(text=error.text(language))
            return reset_form()
        except Exception:
            log.exception("filing failed for %s (form %s)", mask(tracker.sender_id), instance)
            dispatcher.utter_message(response="utter_something_wrong")
            return reset_form()
        log.info("filed %s for %s", ticket.number, mask(tracker.sender_id))
        response = "utter_ticket_linked" if ticket.linked else "utter_ticket_filed"
        dispatcher.utter_message(response=response, **ticket_params(ticket, language))
        return reset_form() + [SlotSet("ticket_number", ticket.number)]


class ActionCancelComplaint(Action):
    """Ends the complaint with nothing filed."""

    def name(self) -> str:
        return "action_cancel_complaint"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> list[dict[str, Any]]:
        dispatcher.utter_message(response="utter_complaint_cancelled")
        return reset_form()
