"""Filing a complaint: validation, the citizen, ticket numbers, idempotency and near-duplicates.

The service opens the unit of work; these functions work inside it.
"""
from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from helpline import clock, geo, reference, rules, settings
from helpline.errors import DailyLimitExceeded, InvalidInput
from helpline.phone import normalise_phone
from helpline.store.db import is_postgres
from helpline.store.models import Citizen, CitizenIdentity, LinkedFiling, Ticket, TicketCounter, TicketPhoto
from helpline.tickets import lifecycle, matcher, metoo
from helpline.tickets.lifecycle import add_event
from helpline.text_hygiene import strip_unsafe
from helpline.tickets.views import TicketView, ticket_view

MAX_TEXT = 4000


def normalise_text(text: str) -> str:
    """Complaint text folded for near-duplicate comparison: NFC, lower case, letters and digits."""
    text = unicodedata.normalize("NFC", text).casefold()
    # Keep letters, marks (Devanagari vowel signs are marks, not \w) and digits; all else is a space.
    kept = "".join(c if unicodedata.category(c)[0] in "LMN" else " " for c in text)
    return " ".join(kept.split())


@dataclass(frozen=True)
class Filing:
    text: str
    department: str
    district: str
    block: str | None
    name: str | None
    phone: str | None
    channel: str
    channel_user_id: str | None
    key: str | None
    location: tuple[float, float] | None
    photos: tuple[str, ...]
    language: str


def _point(location: object) -> tuple[float, float] | None:
    try:
        return geo.point(location)
    except ValueError:
        raise InvalidInput("error.invalid_location") from None


def validate(text, department, district, block, name, phone, channel, channel_user_id, key,
                     location, photos, language) -> Filing:
    text = strip_unsafe(unicodedata.normalize("NFC", str(text or ""))).strip()
    if not text:
        raise InvalidInput("error.empty_text")
    if len(text) > MAX_TEXT:
        raise InvalidInput("error.text_too_long", limit=MAX_TEXT)
    dep = reference.department(department) or reference.resolve_department(department)
    if dep is None:
        raise InvalidInput("error.unknown_department", value=str(department or "")[:60])
    dist = reference.resolve_district(district)
    if dist is None:
        raise InvalidInput("error.unknown_district", value=str(district or "")[:60])
    blk = None
    if block not in (None, ""):
        blk = reference.resolve_block(block, dist.code)
        if blk is None:
            raise InvalidInput("error.unknown_block", value=str(block)[:60])
    if channel not in rules.CHANNELS:
        raise InvalidInput("error.invalid_channel", value=str(channel)[:20])
    lang = str(language or "hi").strip().lower()[:2]
    if lang not in ("hi", "en"):
        raise InvalidInput("error.invalid_language", value=str(language)[:10])
    refs = tuple(str(p).strip() for p in (photos or ()) if str(p).strip())
    return Filing(text, dep.code, dist.code, blk.code if blk else None,
                   (str(name).strip()[:200] or None) if name else None,
                   normalise_phone(phone) if phone not in (None, "") else None,
                   channel, str(channel_user_id)[:120] if channel_user_id not in (None, "") else None,
                   str(key)[:200] if key not in (None, "") else None, _point(location), refs, lang)


def _next_number(session: Session, moment: datetime) -> str:
    """The next ticket number of the (local) year; the counter row is locked until commit."""
    year = moment.astimezone(clock.local_zone()).year
    table = TicketCounter.__table__
    bump = (update(table).where(table.c.year == year).values(last_number=table.c.last_number + 1)
            .returning(table.c.last_number))
    number = session.execute(bump).scalar()
    if number is None:
        dialect_insert = postgresql.insert if is_postgres() else sqlite.insert
        session.execute(dialect_insert(table).values(year=year, last_number=0).on_conflict_do_nothing())
        number = session.execute(bump).scalar()
    return f"{settings.TICKET_PREFIX}-{year}-{number:06d}"


def _citizen(session: Session, f: Filing, now: datetime) -> Citizen:
    """The filing citizen by channel identity (else by phone), created on first contact; row-locked."""
    channel, external = (f.channel, f.channel_user_id) if f.channel_user_id else ("phone", f.phone)
    citizen = None
    if external:
        identity = session.scalars(select(CitizenIdentity).where(
            CitizenIdentity.channel == channel, CitizenIdentity.external_id == external)).first()
        if identity is not None:
            citizen = session.scalars(select(Citizen).where(Citizen.id == identity.citizen_id)
                                      .with_for_update()).one()
    if citizen is None:
        citizen = Citizen(name=f.name, phone=f.phone, language=f.language, created_at=now)
        session.add(citizen)
        session.flush()
        if external:
            session.add(CitizenIdentity(citizen_id=citizen.id, channel=channel, external_id=external,
                                        created_at=now))
            session.flush()
    if f.name:
        citizen.name = f.name
    if f.phone:
        citizen.phone = f.phone
    return citizen


def _similar(a: str, b: str) -> bool:
    """Whether two normalised texts are near-identical (cheap upper bounds first)."""
    if not a or not b:
        return False
    limit = settings.NEAR_DUPLICATE_PERCENT / 100
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return matcher.real_quick_ratio() >= limit and matcher.quick_ratio() >= limit and matcher.ratio() >= limit


def by_key(session: Session, key: str) -> TicketView | None:
    ticket = session.scalars(select(Ticket).where(Ticket.idempotency_key == key)).first()
    if ticket is not None:
        return ticket_view(session, ticket)
    link = session.scalars(select(LinkedFiling).where(LinkedFiling.idempotency_key == key)).first()
    if link is not None:
        return ticket_view(session, session.get(Ticket, link.ticket_id), linked=True)
    return None


def file(session: Session, f: Filing, now: datetime, join: str | None = None) -> TicketView:
    """File the complaint; with `join` (a known problem's number), as the citizen's own ticket linked to it."""
    if f.key and (existing := by_key(session, f.key)) is not None:
        return existing
    citizen = _citizen(session, f, now)
    text_key = normalise_text(f.text)
    if join is not None:
        return _join(session, f, citizen, text_key, join, now)
    candidates = session.scalars(select(Ticket).where(
        Ticket.citizen_id == citizen.id, Ticket.department_code == f.department,
        Ticket.state.in_(rules.PENDING), Ticket.created_at >= now - timedelta(days=settings.NEAR_DUPLICATE_DAYS),
    ).order_by(Ticket.created_at.desc()).limit(50))
    for ticket in candidates:
        if _similar(ticket.normalised_text, text_key):
            session.add(LinkedFiling(ticket_id=ticket.id, idempotency_key=f.key, text=f.text,
                                     channel=f.channel, created_at=now))
            for ref in f.photos:
                session.add(TicketPhoto(ticket_id=ticket.id, ref=ref, source="citizen", added_at=now))
            add_event(session, ticket, now, "linked", actor="citizen", from_state=ticket.state,
                      to_state=ticket.state, from_level=ticket.level, to_level=ticket.level,
                      note=f"near-identical complaint linked: {f.text[:500]}")
            ticket.updated_at = now
            return ticket_view(session, ticket, linked=True)
    ticket = _new_ticket(session, f, citizen, text_key, now, f.department, f.district, f.block)
    add_event(session, ticket, now, "filed", actor="citizen", to_state=rules.REGISTERED, to_level=rules.MIN_LEVEL,
              note=f"channel {f.channel}")
    lifecycle.route_and_assign(session, ticket, now, level=rules.MIN_LEVEL, state=rules.ASSIGNED, kind="assigned")
    return ticket_view(session, ticket)


def _join(session: Session, f: Filing, citizen: Citizen, text_key: str, number: str, now: datetime) -> TicketView:
    """The citizen's own ticket on a known problem: filed in the parent's place and linked to it.

    A citizen who already has a ticket on the problem (the parent, or a linked one) gets it back:
    joining twice neither files nor counts against the daily limit twice.
    """
    parent = metoo.root_of(session, number)
    if parent.state not in rules.JOINABLE:
        raise InvalidInput("error.join_not_open", number=parent.number)
    if parent.department_code != f.department:
        raise InvalidInput("error.join_department", number=parent.number)
    if (own := metoo.child_of(session, parent, citizen.id)) is not None:
        return ticket_view(session, own, linked=True)
    ticket = _new_ticket(session, f, citizen, text_key, now, parent.department_code, parent.district_code,
                         parent.block_code)
    add_event(session, ticket, now, "filed", actor="citizen", to_state=rules.REGISTERED, to_level=rules.MIN_LEVEL,
              note=f"channel {f.channel}; joining {parent.number}")
    metoo.attach(session, ticket, parent, now)
    return ticket_view(session, ticket)


def _new_ticket(session: Session, f: Filing, citizen: Citizen, text_key: str, now: datetime,
                department: str, district: str, block: str | None) -> Ticket:
    """A new ticket row (with its photos) after the daily limit check."""
    # One person, however many channels or web sessions: the limit counts per phone as well.
    same_person = Ticket.citizen_id == citizen.id
    if citizen.phone:
        same_person = or_(same_person, Ticket.citizen_id.in_(select(Citizen.id).where(Citizen.phone == citizen.phone)))
    filed_today = session.scalar(select(func.count(Ticket.id)).where(
        same_person, Ticket.created_at >= clock.local_day_start(now)))
    if filed_today >= settings.DAILY_COMPLAINT_LIMIT:
        raise DailyLimitExceeded(limit=settings.DAILY_COMPLAINT_LIMIT)
    ticket = Ticket(number=_next_number(session, now), text=f.text, normalised_text=text_key,
                    match_key=matcher.signature(f.text),
                    department_code=department, district_code=district, block_code=block,
                    lat=f.location[0] if f.location else None, lon=f.location[1] if f.location else None,
                    state=rules.REGISTERED, level=rules.MIN_LEVEL, channel=f.channel, citizen_id=citizen.id, citizen=citizen,
                    idempotency_key=f.key, language=f.language, is_practice=False,
                    reminded_level=0, overdue_notified=False, created_at=now, updated_at=now)
    session.add(ticket)
    session.flush()
    for ref in f.photos:
        session.add(TicketPhoto(ticket_id=ticket.id, ref=ref, source="citizen", added_at=now))
    return ticket
