"""Officers' corrections as candidate NLU training examples: `helpline nlu corrections`.

An approved transfer (event kind "transferred") is an officer saying "this complaint was another
department's". Each transferred ticket gives one example: its text with personal data masked, the
department it ended in and the one it was filed under. A person reviews them before any goes into
data/nlu (see nlu/README.md); nothing here writes training data.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date, datetime

from sqlalchemy import select

from helpline import clock
from helpline.errors import HelplineError
from helpline.store.db import unit_of_work
from helpline.store.models import Citizen, Ticket, TicketEvent

_TRANSFER_NOTE = re.compile(r"^from (\w+) to (\w+)")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# A mobile number (+91 / 0 prefix, spaces or dashes between digit groups).
_PHONE = re.compile(r"(?<!\d)(?:\+?91[\s-]?|0)?[6-9]\d{4}[\s-]?\d{5}(?!\d)")
# Aadhaar (12 digits, often in groups of 4), bank accounts, any other long number.
_LONG_DIGITS = re.compile(r"(?<!\d)\d(?:[\s-]?\d){5,}(?!\d)")
_MIN_NAME_PART = 3


def parse_since(text: str | None) -> date | None:
    """--since YYYY-MM-DD as a date; anything else is refused with a clear message."""
    if not text:
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        raise HelplineError("error.invalid_input",
                            detail=f"--since {text!r} is not a date (YYYY-MM-DD)") from None


def mask(text: str, name: str | None = None) -> str:
    """The text without e-mail addresses, phone numbers, long digit runs or the citizen's name."""
    text = _EMAIL.sub("[email]", text)
    text = _PHONE.sub("[phone]", text)
    text = _LONG_DIGITS.sub("[number]", text)
    parts = [p for p in re.split(r"\s+", (name or "").strip()) if len(p) >= _MIN_NAME_PART]
    for part in sorted({name.strip(), *parts} if parts else (), key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", "[name]", text, flags=re.IGNORECASE)
    return " ".join(text.split())


def corrections(since: date | None = None) -> Iterator[dict[str, str]]:
    """One example per ticket with a transfer (at or after the start of `since`, helpline time)."""
    query = (select(TicketEvent, Ticket, Citizen.name)
             .join(Ticket, Ticket.id == TicketEvent.ticket_id)
             .join(Citizen, Citizen.id == Ticket.citizen_id)
             .where(TicketEvent.kind == "transferred")
             .order_by(TicketEvent.ticket_id, TicketEvent.id))
    if since is not None:
        start = clock.local_day_start(datetime(since.year, since.month, since.day, 12,
                                               tzinfo=clock.local_zone()))
        query = query.where(TicketEvent.at >= start)
    with unit_of_work() as session:
        by_ticket: dict[int, tuple[Ticket, str | None, str, str]] = {}
        for event, ticket, name in session.execute(query):
            found = _TRANSFER_NOTE.match(event.note or "")
            if not found:
                continue
            first = by_ticket.get(ticket.id)
            # Filed under the first transfer's source; ended in the last transfer's target.
            by_ticket[ticket.id] = (ticket, name, first[2] if first else found.group(1), found.group(2))
        for ticket, name, before, after in by_ticket.values():
            if before == after:
                continue
            yield {"text": mask(ticket.text, name), "department": after, "intent": f"complaint_{after}",
                   "from_department": before, "number": ticket.number, "language": ticket.language}


def corrections_command(since: str | None) -> list[str]:
    """The JSON lines of `helpline nlu corrections [--since DATE]`."""
    return [json.dumps(row, ensure_ascii=False) for row in corrections(parse_since(since))]
