"""What officers and citizens are shown: notification texts, ticket cards and action buttons.

Channel-neutral: everything is a `Reply`; officer button payloads are `o:<action>:<number>[:<arg>]`
(short enough for Telegram's 64 bytes), citizen feedback payloads go to Rasa.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from bot.channel import Button, Reply, render
from helpline import clock, reference, rules
from helpline.reference import department_name, place_name  # noqa: F401  (re-exported for the bot)

REJECTION_REASONS = rules.REJECTION_REASONS
OFFICER_PREFIX = "o:"
# The short payload code of each officer action (Telegram allows 64 bytes of callback data).
ACTION_CODES = {"approve": "ap", "start": "st", "resolve": "rs", "reject": "rj", "transfer": "tr",
                "special_close": "sc"}


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


def action_buttons(number: str, actions: Iterable[str], lang: str) -> tuple[Button, ...]:
    """One button per action the core offers (`TicketView.next_actions`), in that order."""
    return tuple(Button(render(f"button.{action}", lang), officer_payload(ACTION_CODES[action], number))
                 for action in actions if action in ACTION_CODES)


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
    return Reply(text, action_buttons(ticket.number, ticket.next_actions, lang))


def ticket_line(ticket: Any, lang: str) -> str:
    return render("officer.ticket_line", lang, number=ticket.number,
                  department=department_name(ticket.department, lang),
                  place=place_name(ticket.district, ticket.block, lang),
                  state=render(f"state.{ticket.state}", lang), days=days_left(ticket.due_at, lang))


def render_notification(item: Any) -> Reply:
    """One outbox item (text already in the recipient's language) with the buttons that fit."""
    lang = item.language
    number = item.ticket_number
    buttons: tuple[Button, ...] = ()
    if item.recipient_kind == "citizen" and item.kind == "resolved_feedback_request" and number:
        buttons = feedback_buttons(number, lang)
    elif item.recipient_kind == "officer" and number:
        buttons = action_buttons(number, (item.payload or {}).get("actions") or (), lang)
    return Reply(item.text or render(f"notify.{item.kind}", lang, number=number), buttons)
