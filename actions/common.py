"""Small helpers shared by the actions: who is talking, in which language, and how to show a ticket."""
from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from rasa_sdk import Tracker

from helpline import reference, settings, texts
from helpline.rules import CHANNELS

SKIPPED = "skipped"  # value of an optional step (block, location) the citizen skipped
TICKET_NUMBER = re.compile(r"\b([A-Za-z]{2,6}-\d{4}-\d{6})\b")
# Intents that leave the form for a moment (or end it); the form never takes them as an answer.
INTERRUPTIONS = frozenset({"check_status", "my_complaints", "ask_help", "cancel", "change_language"})



def citizen_identity(sender_id: str | None) -> tuple[str, str]:
    """(channel, external id) from a sender id `<channel>:<id>`; anything else is a web session."""
    sender_id = str(sender_id or "")
    channel, sep, external = sender_id.partition(":")
    if sep and channel in CHANNELS and external:
        return channel, external
    return "web", sender_id


def lang(tracker: Tracker) -> str:
    """The reply language of this conversation, "hi" or "en"."""
    return "en" if tracker.get_slot("language") == "en" else "hi"


def metadata(tracker: Tracker) -> dict[str, Any]:
    """The metadata of the latest user message (see nlu/channel.py), always a dict."""
    meta = (tracker.latest_message or {}).get("metadata")
    return meta if isinstance(meta, dict) else {}


def latest_intent(tracker: Tracker) -> tuple[str, float]:
    """Name and confidence of the latest user message's intent."""
    intent = (tracker.latest_message or {}).get("intent") or {}
    return str(intent.get("name") or ""), float(intent.get("confidence") or 0.0)


def latest_text(tracker: Tracker) -> str:
    return str((tracker.latest_message or {}).get("text") or "")


def latest_entity(tracker: Tracker, name: str) -> str | None:
    """The first value of entity `name` in the latest message, as text."""
    value = next(tracker.get_latest_entity_values(name), None)
    return None if value is None else str(value)


def is_interruption(tracker: Tracker) -> bool:
    """True when the latest message asks for something else than the form's question."""
    intent, confidence = latest_intent(tracker)
    return intent in INTERRUPTIONS and confidence >= 0.6


def ticket_number_in(tracker: Tracker) -> str | None:
    """The ticket number the latest message names (entity, or the pattern in the text)."""
    value = latest_entity(tracker, "ticket_number") or ""
    match = TICKET_NUMBER.search(value) or TICKET_NUMBER.search(latest_text(tracker))
    return match.group(1).upper() if match else None


def department_name(code: str | None, language: str) -> str:
    return reference.department_name(code, language)


def place_name(district: str | None, block: str | None, language: str) -> str:
    """"Ukhimath, Rudraprayag" (block first), in the citizen's language; "-" when none is known."""
    return reference.place_name(district, None if block == SKIPPED else block, language, missing="-")


def level_name(level: str | None, language: str) -> str:
    code = f"level.{level}"
    return texts.render(code, language) if code in texts.MESSAGES else str(level or "-")


def state_name(state: str, language: str) -> str:
    return texts.render(f"state.{state}", language)


def format_due(due: datetime | None, language: str) -> str:
    """A due date as people read it, in Indian time: "12 March 2026" / "12 मार्च 2026"."""
    if due is None:
        return "-"
    local = due.astimezone(ZoneInfo(settings.TIMEZONE))
    if language == "en":
        return f"{local.day} {local:%B %Y}"
    return f"{local.day} {texts.MONTHS_HI[local.month - 1]} {local.year}"


def ticket_params(ticket: Any, language: str) -> dict[str, str]:
    """The parameters the ticket responses (utter_ticket_*) take."""
    return {
        "number": ticket.number,
        "department_name": department_name(ticket.department, language),
        "place": place_name(ticket.district, ticket.block, language),
        "state": state_name(ticket.state, language),
        "level": level_name(ticket.level, language),
        "due": format_due(ticket.due_at, language),
    }


def response_text(domain: dict[str, Any], name: str, language: str, **params: Any) -> str:
    """The text of domain response `name` in `language`, filled in: for pieces of a longer reply."""
    variations = (domain.get("responses") or {}).get(name) or []
    chosen = next((v for v in variations
                   if any(c.get("name") == "language" and c.get("value") == language
                          for c in v.get("condition") or [])), None)
    chosen = chosen or next((v for v in variations if not v.get("condition")), None)
    text = str((chosen or {}).get("text") or "")
    for key, value in params.items():
        text = text.replace("{" + key + "}", str(value))
    return text
