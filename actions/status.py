"""Telling citizens the status of their own tickets (and nothing about anyone else's)."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions.common import citizen_identity, lang, response_text, ticket_number_in, ticket_params
from helpline import rules, service

MAX_LISTED = 10


def _list_open(dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict, *,
               ask_number: bool) -> None:
    language = lang(tracker)
    channel, external_id = citizen_identity(tracker.sender_id)
    tickets = service.citizen_tickets(channel=channel, channel_user_id=external_id, open_only=True)
    if not tickets:
        dispatcher.utter_message(response="utter_ask_ticket_number" if ask_number else "utter_no_complaints")
        return
    lines = []
    for ticket in tickets[:MAX_LISTED]:
        lines.append(response_text(domain, "utter_ticket_line", language, **ticket_params(ticket, language)))
    dispatcher.utter_message(response="utter_my_complaints", tickets="\n".join(lines))


class ActionTicketStatus(Action):
    """The status of one ticket by number; someone else's ticket reads exactly like a missing one."""

    def name(self) -> str:
        return "action_ticket_status"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> list[dict[str, Any]]:
        number = ticket_number_in(tracker)
        if number is None:
            _list_open(dispatcher, tracker, domain, ask_number=True)
            return []
        language = lang(tracker)
        channel, external_id = citizen_identity(tracker.sender_id)
        ticket = service.citizen_ticket(number, channel=channel, channel_user_id=external_id)
        if ticket is None:
            dispatcher.utter_message(response="utter_ticket_not_found", number=number)
            return []
        params = ticket_params(ticket, language)
        due_line = ""
        if ticket.due_at is not None and ticket.state in rules.PENDING:
            due_line = response_text(domain, "utter_due_line", language, due=params["due"])
        dispatcher.utter_message(response="utter_ticket_status", **params, due_line=due_line)
        return []


class ActionMyComplaints(Action):
    """Lists the citizen's open tickets with state, level and due date."""

    def name(self) -> str:
        return "action_my_complaints"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
            domain: DomainDict) -> list[dict[str, Any]]:
        _list_open(dispatcher, tracker, domain, ask_number=False)
        return []
