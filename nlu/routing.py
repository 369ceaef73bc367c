"""When an unsure parse still reads as a complaint: one rule for the dialogue and `nlu.classify`.

The fallback threshold applies to the single best intent; a complaint whose confidence is spread
over two or three departments falls under it. Such a message is still routed as a complaint: the
dialogue starts the complaint form and offers the three likeliest departments as buttons, and
`nlu.classify` names the first of them. Plain Python (no Rasa): the action server imports it too.
"""
from __future__ import annotations

from typing import Any

COMPLAINT_PREFIX = "complaint_"
# Fixed before any held-out evaluation; not tuned on it.
COMPLAINT_SHARE = 0.5
COMPLAINT_MIN_WORDS = 4


def reads_as_complaint(text: str, intent_ranking: list[dict[str, Any]]) -> bool:
    """True for a message of a few words whose likeliest intent is a complaint and whose ranking
    puts most confidence on complaint intents."""
    if text.startswith("/") or len(text.split()) < COMPLAINT_MIN_WORDS:
        return False
    best = next((str(row.get("name") or "") for row in intent_ranking
                 if row.get("name") != "nlu_fallback"), "")
    if not best.startswith(COMPLAINT_PREFIX):
        return False   # likeliest read as a status question, thanks, a greeting...: no ticket
    share = sum(float(row.get("confidence") or 0.0) for row in intent_ranking
                if str(row.get("name") or "").startswith(COMPLAINT_PREFIX))
    return share >= COMPLAINT_SHARE
