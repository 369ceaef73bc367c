"""What officers and citizens are shown: notification texts, ticket cards and action buttons.

Channel-neutral: everything is a `Reply`; officer button payloads are `o:<action>:<number>[:<arg>]`
(short enough for Telegram's 64 bytes), citizen feedback payloads go to Rasa.
"""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.channel import Button, Reply, render
from helpline import clock, reference

OPEN_STATES = ("registered", "assigned", "in_progress", "reopened")
REJECTION_REASONS = ("duplicate", "not_actionable", "sub_judice", "personal_dispute", "incomplete")
OFFICER_PREFIX = "o:"


def department_name(code: str | None, lang: str) -> str:
    dept = reference.department(code) if code else None
    if dept is None:
        return code or ""
    return dept.name_hi if lang == "hi" else dept.name_en


def place_name(district: str | None, block: str | None, lang: str) -> str:
    """Block and district names in the reader's language."""
    parts = []
    b = reference.block(block) if block else None
    d = reference.district(district) if district else None
    for item in (b, d):
        if item is not None:
            parts.append(item.name_hi if lang == "hi" else item.name_en)
    return ", ".join(parts) or (block or district or "")


def days_left(due_at: datetime | str | None, lang: str, now: datetime | None = None) -> str:
    """'3 days left', 'due today' or '2 days beyond time'."""
    if due_at is None:
        return ""
    if isinstance(due_at, str):
        try:
            due_at = datetime.fromisoformat(due_at)
        except ValueError:
            return ""
    due = clock.aware(due_at)
    days = (clock.local_day_start(due) - clock.local_day_start(now or clock.now())).days
    if days > 0:
        return render("officer.days_left", lang, days=days)
    if days == 0:
        return render("officer.due_today", lang)
    return render("officer.overdue", lang, days=-days)


def officer_payload(action: str, number: str, arg: str | None = None) -> str:
    return OFFICER_PREFIX + ":".join([action, number] + ([arg] if arg else []))


def action_buttons(number: str, state: str, level: str | int | None, lang: str,
                   approval: bool = False) -> tuple[Button, ...]:
    """The next legal actions on a ticket in `state` (the core checks them again)."""
    if approval:
        return (Button(render("button.approve", lang), officer_payload("ap", number)),)
    if state not in OPEN_STATES:
        return ()
    buttons = []
    if state != "in_progress":
        buttons.append(Button(render("button.start", lang), officer_payload("st", number)))
    buttons += [Button(render("button.resolve", lang), officer_payload("rs", number)),
                Button(render("button.reject", lang), officer_payload("rj", number)),
                Button(render("button.transfer", lang), officer_payload("tr", number))]
    if str(level) in ("L3", "L4", "3", "4"):
        buttons.append(Button(render("button.special_close", lang), officer_payload("sc", number)))
    return tuple(buttons)


def reason_buttons(number: str, lang: str) -> tuple[Button, ...]:
    return tuple(Button(render(f"reason.{r}", lang), officer_payload("rr", number, r))
                 for r in REJECTION_REASONS) + (Button(render("button.cancel", lang), officer_payload("x", number)),)


def department_buttons(number: str, current: str | None, lang: str) -> tuple[Button, ...]:
    return tuple(Button(department_name(d.code, lang), officer_payload("td", number, d.code))
                 for d in reference.departments() if d.code != current) \
        + (Button(render("button.cancel", lang), officer_payload("x", number)),)


def feedback_buttons(number: str, lang: str) -> tuple[Button, ...]:
    """Satisfied / not satisfied: payloads Rasa reads as intents with the ticket number."""
    entity = json.dumps({"ticket_number": number}, separators=(",", ":"))
    return (Button(render("button.satisfied", lang), f"/feedback_satisfied{entity}"),
            Button(render("button.not_satisfied", lang), f"/feedback_unsatisfied{entity}"))


def ticket_card(ticket: Any, lang: str) -> Reply:
    """An officer's view of one ticket with its action buttons."""
    text = render("officer.ticket_card", lang, number=ticket.number,
                  department=department_name(ticket.department, lang),
                  place=place_name(ticket.district, ticket.block, lang), level=ticket.level,
                  state=render(f"state.{ticket.state}", lang), days=days_left(ticket.due_at, lang),
                  citizen=" ".join(filter(None, [ticket.citizen_name, getattr(ticket, "citizen_phone", None)])) or "-",
                  text=ticket.text)
    buttons = action_buttons(ticket.number, ticket.state, ticket.level, lang)
    if getattr(ticket, "pending", None):   # a rejection or transfer awaits approval
        buttons = action_buttons(ticket.number, "", None, lang, approval=True) + buttons
    return Reply(text, buttons)


def ticket_line(ticket: Any, lang: str) -> str:
    return render("officer.ticket_line", lang, number=ticket.number,
                  department=department_name(ticket.department, lang),
                  place=place_name(ticket.district, ticket.block, lang),
                  state=render(f"state.{ticket.state}", lang), days=days_left(ticket.due_at, lang))


def render_notification(item: Any) -> Reply:
    """One outbox item (text already in the recipient's language) with the buttons that fit."""
    lang = item.language
    number = item.ticket_number
    params = (item.payload or {}).get("params") or {}
    buttons: tuple[Button, ...] = ()
    if item.recipient_kind == "citizen" and item.kind == "resolved_feedback_request" and number:
        buttons = feedback_buttons(number, lang)
    elif item.recipient_kind == "officer" and number:
        if item.kind in ("transfer_requested", "rejection_requested"):
            buttons = action_buttons(number, "", None, lang, approval=True)
        elif item.kind in ("assigned", "escalated", "reminder", "reopened", "assigned_on_handover"):
            buttons = action_buttons(number, "assigned", params.get("level"), lang)
    return Reply(item.text or render(f"notify.{item.kind}", lang, number=number), buttons)
