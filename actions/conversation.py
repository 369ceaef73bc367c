"""Where a message goes: a complaint, a status question, language switching, the fallback.

A message the NLU was unsure of but that reads as a complaint is not bounced: the complaint form
starts with it and the citizen picks the department from the three likeliest (buttons). A message
that names a ticket number is about that ticket: it gets the status, never a new complaint.
"""
from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import citizen_identity, lang, latest_entity, latest_text, ticket_number_in
from actions.complaint_form import department_options
from actions.language import requested_language
from actions.status import ActionTicketStatus
from nlu.routing import reads_as_complaint
from helpline import settings

log = logging.getLogger(__name__)


class ActionChangeLanguage(Action):
    """Switches to the language the citizen names, or to the other one; the choice then sticks."""

    def name(self) -> str:
        return "action_change_language"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> list[dict[str, Any]]:
        # The reply (utter_language_changed) follows as its own step, so it is already
        # rendered in the new language.
        target = requested_language(latest_text(tracker)) or ("hi" if lang(tracker) == "en" else "en")
        return [SlotSet("language", target), SlotSet("language_locked", True)]


class ActionStartComplaint(Action):
    """Starts the complaint form, unless the message names a ticket number: then its status."""

    def name(self) -> str:
        return "action_start_complaint"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> list[dict[str, Any]]:
        if ticket_number_in(tracker):
            # "CMH-2026-000123 bijli ab bhi nahi aayi" asks about that ticket: a new one would
            # be a duplicate. The status says where it is; a new problem can still be described.
            return ActionTicketStatus().run(dispatcher, tracker, domain) + [FollowupAction("action_listen")]
        return [FollowupAction("complaint_form")]


class ActionFallback(Action):
    """First misunderstanding: ask to rephrase; the second in a row: offer the 1905 helpline."""

    def name(self) -> str:
        return "action_fallback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> list[dict[str, Any]]:
        latest = tracker.latest_message or {}
        if ticket_number_in(tracker):
            return ActionTicketStatus().run(dispatcher, tracker, domain) + [SlotSet("fallback_count", 0.0)]
        foreign = latest_entity(tracker, "language")
        if foreign:
            # The NLU sets `language` only for a language it does not read (Garhwali, Kumaoni,
            # Punjabi, Nepali: nlu/components.py) and then gives the fallback: no guess. A person on 1905 can take it, and the
            # department buttons let the citizen file it here; the text is kept as written.
            log.info("hand-off offered: %s message from %s channel", foreign, citizen_identity(tracker.sender_id)[0])
            dispatcher.utter_message(response="utter_foreign_language", helpline_phone=settings.HELPLINE_PHONE)
            return [SlotSet("complaint_text", " ".join(latest_text(tracker).split())[:2000]),
                    SlotSet("department_options", department_options(tracker.latest_message)),
                    SlotSet("fallback_count", 0.0), FollowupAction("complaint_form")]
        if reads_as_complaint(str(latest.get("text") or ""), latest.get("intent_ranking") or []):
            return [SlotSet("complaint_text", " ".join(latest_text(tracker).split())),
                    SlotSet("department_options", department_options(tracker.latest_message)),
                    SlotSet("fallback_count", 0.0), FollowupAction("complaint_form")]
        count = int(tracker.get_slot("fallback_count") or 0) + 1
        if count >= 2:
            dispatcher.utter_message(response="utter_call_helpline", helpline_phone=settings.HELPLINE_PHONE)
            return [SlotSet("fallback_count", 0.0)]
        dispatcher.utter_message(response="utter_rephrase")
        return [SlotSet("fallback_count", float(count))]

