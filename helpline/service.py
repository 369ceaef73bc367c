"""The helpline's service layer: the only way anything files, changes or reads a ticket.

A thin façade: each entry point opens and commits one unit of work and calls the part that does
the work (helpline/tickets/, helpline/officers/); the rules come from helpline/rules.py.
Every function returns plain dataclasses (helpline/tickets/views.py).
Public functions:
    file_ticket(*, text, department, district, block=None, name=None, phone=None, channel="web",
                channel_user_id=None, key=None, location=None, photos=(), language="hi", now=None,
                join=None)   # join: a known problem's number: the citizen's own ticket, linked to it
    similar(*, text, department, district, block=None, location=None, now=None, limit=3) -> list[KnownProblem]
    citizen_ticket(number, *, channel, channel_user_id) -> TicketView | None
    citizen_tickets(*, channel, channel_user_id, open_only=True) -> list[TicketView]
    officer_action(number, action, *, officer, note=None, reason=None, to_department=None,
                   photo=None, parent=None, now=None) -> TicketView   (link needs parent)
    give_feedback(number, *, satisfied, rating=None, channel=None, channel_user_id=None, now=None)
    sweep(*, now=None, batch=500) -> {"escalated", "reminded", "closed"}
    officer_tickets(officer, *, pending_only=True, limit=500) -> list[TicketView]
    get_ticket(number, *, officer=None) -> TicketView   (its next_actions: what that officer may do)
    get_officer(officer) -> OfficerView; officers(*, district=None) -> list[OfficerView]
    officers_for_telegram(chat_id) -> list[OfficerView]
    invite_officer(post, *, now=None) -> OfficerInvite; link_officer_telegram(code, chat_id) -> OfficerView
    claim_inbound(channel, key) -> bool   (inbound update de-duplication across bot replicas)
"""
from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from helpline import clock, rules
from helpline.errors import NotFound
from helpline.officers import officers as officer_book
from helpline.store.db import unit_of_work
from helpline.tickets import actions, filing, inbound, metoo, reading, sweep as sweeper, views
from helpline.tickets.filing import MAX_TEXT  # noqa: F401  (part of the public surface)
from helpline.tickets.metoo import KnownProblem  # noqa: F401  (public)
from helpline.tickets.views import EventView, OfficerInvite, OfficerView, TicketView  # noqa: F401  (public)

ACTIONS = rules.ACTIONS


# ---------------------------------------------------------------- citizens

def file_ticket(*, text: str, department: str, district: str, block: str | None = None,
                name: str | None = None, phone: str | None = None, channel: str = "web",
                channel_user_id: str | None = None, key: str | None = None,
                location: object = None, photos: Iterable[str] = (), language: str = "hi",
                now: datetime | None = None, join: str | None = None) -> TicketView:
    """File a complaint (idempotent on `key`), or link it to the citizen's near-identical open one.

    With `join` (the number of a known problem offered by `similar`), the citizen's own ticket is
    filed in the problem's place and linked to it; joining the same problem again returns that ticket.
    """
    submission = filing.validate(text, department, district, block, name, phone, channel, channel_user_id,
                                 key, location, photos, language)
    now = clock.aware(now)
    for attempt in range(3):
        try:
            with unit_of_work() as session:
                return filing.file(session, submission, now, join=join)
        except IntegrityError:
            # A concurrent filing with the same key (or the same new citizen) won the race.
            if submission.key:
                with unit_of_work() as session:
                    if (existing := filing.by_key(session, submission.key)) is not None:
                        return existing
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def similar(*, text: str, department: str, district: str, block: str | None = None,
            location: object = None, now: datetime | None = None, limit: int = 3) -> list[KnownProblem]:
    """Known problems (open tickets) a complaint being filed may join, best first (tickets/metoo.py)."""
    place = filing.validate(text, department, district, block, None, None, "web", None, None, location, (), "hi")
    with unit_of_work(readonly=True) as session:
        return metoo.similar(session, text=place.text, department=place.department, district=place.district,
                             block=place.block, location=place.location, now=clock.aware(now), limit=limit)


def citizen_ticket(number: str, *, channel: str, channel_user_id: str) -> TicketView | None:
    """The citizen's own ticket; None alike when it is not theirs or does not exist."""
    with unit_of_work(readonly=True) as session:
        return reading.citizen_ticket(session, number, channel, channel_user_id)


def citizen_tickets(*, channel: str, channel_user_id: str, open_only: bool = True) -> list[TicketView]:
    """The citizen's tickets, newest first (open ones only by default)."""
    with unit_of_work(readonly=True) as session:
        return reading.citizen_tickets(session, channel, channel_user_id, open_only)


def give_feedback(number: str, *, satisfied: bool, rating: int | None = None, channel: str | None = None,
                  channel_user_id: str | None = None, now: datetime | None = None) -> TicketView:
    """The citizen's verdict on a resolved ticket: satisfied closes it, unsatisfied reopens a level up."""
    rating = actions.valid_rating(rating)
    now = clock.aware(now)
    with unit_of_work() as session:
        ticket = reading.find(session, number, lock=True)
        if channel is not None and channel_user_id is not None:
            if reading.identity_citizen_id(session, channel, channel_user_id) != ticket.citizen_id:
                raise NotFound("error.ticket_not_found", number=ticket.number)
        actions.feedback(session, ticket, satisfied, rating, now)
        session.flush()
        return views.ticket_view(session, ticket)


# ---------------------------------------------------------------- officers and their tickets

def get_ticket(number: str, *, officer: int | str | None = None) -> TicketView:
    """A ticket with its history; with `officer`, only if the officer may read it."""
    with unit_of_work(readonly=True) as session:
        ticket = reading.find(session, number)
        if officer is None:
            return views.ticket_view(session, ticket)
        return reading.officer_view_of(session, ticket, officer_book.find(session, officer))


def officer_tickets(officer: int | str, *, pending_only: bool = True, limit: int = 500) -> list[TicketView]:
    """The officer's tickets, soonest due first: assigned to their post, or awaiting their approval."""
    with unit_of_work(readonly=True) as session:
        return reading.officer_tickets(session, officer_book.find(session, officer), pending_only, limit)


def officer_action(number: str, action: str, *, officer: int | str, note: str | None = None,
                   reason: str | None = None, to_department: str | None = None, photo: str | None = None,
                   parent: str | None = None, now: datetime | None = None) -> TicketView:
    """An officer disposes of or moves a ticket: start, resolve, reject, transfer, approve, special_close,
    link (to the known problem `parent`), unlink; a parent's change applies to its linked tickets."""
    action, note, reason = actions.normalise(action, note, reason)
    now = clock.aware(now)
    with unit_of_work() as session:
        ticket = reading.find(session, number, lock=True)
        who = officer_book.find(session, officer)
        actions.act(session, ticket, who, action, note, reason, to_department, photo, now, parent=parent)
        session.flush()
        return views.ticket_view(session, ticket, phone=ticket.assigned_post_id == who.post_id, officer=who)


def get_officer(officer: int | str) -> OfficerView:
    """An active officer by id or post code."""
    with unit_of_work(readonly=True) as session:
        return views.officer_view(officer_book.find(session, officer))


def officers(*, district: str | None = None) -> list[OfficerView]:
    """Active officers (all, or of one district and the state posts above it), by post code."""
    with unit_of_work(readonly=True) as session:
        return officer_book.active(session, district)


def officers_for_telegram(chat_id: int | str) -> list[OfficerView]:
    """The active officers (one per post held) linked to this Telegram chat."""
    with unit_of_work(readonly=True) as session:
        return officer_book.on_telegram(session, chat_id)


def invite_officer(post: str, *, now: datetime | None = None) -> OfficerInvite:
    """A one-time code (valid settings.OFFICER_INVITE_HOURS) for the post's holder to link Telegram."""
    now = clock.aware(now)
    with unit_of_work() as session:
        return officer_book.invite(session, post, now)


def link_officer_telegram(code: str, chat_id: int | str, *, now: datetime | None = None) -> OfficerView:
    """Redeem an invite code: the officer's notifications go to this Telegram chat from now on."""
    now = clock.aware(now)
    with unit_of_work() as session:
        return officer_book.link_telegram(session, code, chat_id, now)


# ---------------------------------------------------------------- time and channels

def sweep(*, now: datetime | None = None, batch: int = 500) -> dict:
    """Escalate overdue tickets, remind a day before, close unanswered resolutions (tickets/sweep.py)."""
    return sweeper.run(now=clock.aware(now), batch=batch)


def claim_inbound(channel: str, key: str | int) -> bool:
    """True the first time an inbound update (channel, key) is seen, False for any repeat delivery."""
    try:
        with unit_of_work() as session:
            inbound.record(session, channel, key)
        return True
    except IntegrityError:
        return False
