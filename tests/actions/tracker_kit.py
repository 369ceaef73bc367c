"""Builders of rasa-sdk trackers as the Rasa server sends them, for the action tests."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher


def make_tracker(sender_id: str = "telegram:1", *, text: str = "", intent: str = "inform",
                 confidence: float = 1.0, entities: dict[str, str] | None = None,
                 slots: dict[str, Any] | None = None, candidates: dict[str, Any] | None = None,
                 metadata: dict[str, Any] | None = None, ranking: list[tuple[str, float]] | None = None,
                 form: bool = False) -> Tracker:
    """A tracker as Rasa sends it: the latest message, slots, and slot candidates as the last events."""
    all_slots: dict[str, Any] = {"language": "hi", "language_locked": False, "requested_slot": None}
    all_slots.update(slots or {})
    all_slots.update(candidates or {})
    ranking = ranking or [(intent, confidence)]
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "intent_ranking": [{"name": n, "confidence": c} for n, c in ranking],
        "entities": [{"entity": k, "value": v} for k, v in (entities or {}).items()],
        "metadata": metadata or {},
    }
    events: list[dict[str, Any]] = [{"event": "user", "text": text, "parse_data": latest, "metadata": metadata or {}}]
    if form:
        events.append({"event": "action", "name": "complaint_form"})
    events += [{"event": "slot", "name": k, "value": v} for k, v in (candidates or {}).items()]
    return Tracker.from_dict({
        "sender_id": sender_id,
        "slots": all_slots,
        "latest_message": latest,
        "events": events,
        "active_loop": {"name": "complaint_form"} if form else {},
        "latest_action_name": "action_listen",
    })


def responses(dispatcher: CollectingDispatcher) -> list[str | None]:
    """The response names the actions uttered, in order."""
    return [m.get("response") for m in dispatcher.messages]


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    """The slot values a list of events sets (the last one wins)."""
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
