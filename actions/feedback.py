"""The citizen's verdict on a resolved ticket: satisfied (then a 1-5 rating) or not (reopened)."""
from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import citizen_identity, lang, latest_entity, latest_intent, ticket_number_in, ticket_params
from helpline import service
from helpline.errors import HelplineError

log = logging.getLogger(__name__)


def _number(tracker: Tracker) -> str | None:
    return ticket_number_in(tracker) or tracker.get_slot("ticket_number")


class ActionAskRating(Action):
    """After "satisfied": asks for a 1-5 rating of the ticket the button named."""

    def name(self) -> str:
        return "action_ask_rating"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> list[dict[str, Any]]:
        number = _number(tracker)
        if number is None:
            dispatcher.utter_message(response="utter_ask_ticket_number")
            return []
        channel, external_id = citizen_identity(tracker.sender_id)
        if service.citizen_ticket(number, channel=channel, channel_user_id=external_id) is None:
            dispatcher.utter_message(response="utter_ticket_not_found", number=number)
            return [SlotSet("ticket_number", None), SlotSet("feedback", None)]
        dispatcher.utter_message(response="utter_ask_rating", number=number)
        return [SlotSet("ticket_number", number), SlotSet("feedback", "satisfied")]


class ActionFeedback(Action):
    """Records the verdict in the core: "satisfied" with its rating closes, "not satisfied" reopens."""

    def name(self) -> str:
        return "action_feedback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> list[dict[str, Any]]:
        language = lang(tracker)
        number = _number(tracker)
        done = [SlotSet("feedback", None), SlotSet("rating", None)]
        if number is None:
            dispatcher.utter_message(response="utter_ask_ticket_number")
            return done
        intent, _ = latest_intent(tracker)
        # A rating answers the "satisfied" question; "not satisfied" comes straight here.
        satisfied = intent != "feedback_unsatisfied" and tracker.get_slot("feedback") != "unsatisfied"
        raw_rating = latest_entity(tracker, "rating") or tracker.get_slot("rating")
        rating = int(raw_rating) if raw_rating and str(raw_rating).strip().isdigit() else None
        channel, external_id = citizen_identity(tracker.sender_id)
        try:
            ticket = service.give_feedback(number, satisfied=satisfied, rating=rating,
                                           channel=channel, channel_user_id=external_id)
        except HelplineError as error:
            log.info("feedback on %s refused: %s", number, error.code)
            dispatcher.utter_message(text=error.text(language))
            return done
        response = "utter_feedback_thanks" if satisfied else "utter_feedback_reopened"
        dispatcher.utter_message(response=response, **ticket_params(ticket, language))
        return done + [SlotSet("ticket_number", ticket.number)]
