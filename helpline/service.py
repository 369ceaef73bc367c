"""The helpline's service layer: the only way anything files, changes or reads a ticket.

Every function opens and commits its own unit of work and returns plain dataclasses.
Public functions:
    file_ticket(*, text, department, district, block=None, name=None, phone=None, channel="web",
                channel_user_id=None, key=None, location=None, photos=(), language="hi", now=None)
    citizen_ticket(number, *, channel, channel_user_id) -> TicketView | None
    citizen_tickets(*, channel, channel_user_id, open_only=True) -> list[TicketView]
    officer_action(number, action, *, officer, note=None, reason=None, to_department=None,
                   photo=None, now=None) -> TicketView
    give_feedback(number, *, satisfied, rating=None, channel=None, channel_user_id=None, now=None)
    sweep(*, now=None, batch=500) -> {"escalated", "reminded", "closed"}
    officer_tickets(officer, *, pending_only=True, limit=500) -> list[TicketView]
    get_ticket(number, *, officer=None) -> TicketView
    get_officer(officer) -> OfficerView; officers(*, district=None) -> list[OfficerView]
    officers_for_telegram(chat_id) -> list[OfficerView]
    invite_officer(post, *, now=None) -> OfficerInvite; link_officer_telegram(code, chat_id) -> OfficerView
    claim_inbound(channel, key) -> bool   (inbound update de-duplication across bot replicas)
"""
from __future__ import annotations

import difflib
import hashlib
import secrets
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from helpline import clock, lifecycle, outbox, permissions, practice, reference, routing, settings
from helpline.db import is_postgres, unit_of_work
from helpline.errors import (DailyLimitExceeded, IllegalTransition, InvalidInput, NotFound, OfficerLeft,
                             PermissionDenied)
from helpline.lifecycle import ACTIVE, FINAL, OPEN, actor_of, add_event
from helpline.messages import render
from helpline.models import (CHANNELS, REJECTION_REASONS, Citizen, CitizenIdentity, Feedback,
                             InboundMessage, LinkedFiling, Officer, OfficerInvite as InviteRow, OfficerPost, Ticket,
                             TicketCounter, TicketEvent, TicketPhoto)
from helpline.phone import normalise_phone
from helpline.text_hygiene import strip_unsafe

ACTIONS = ("start", "resolve", "reject", "transfer", "approve", "special_close")
MAX_TEXT = 4000


# ---------------------------------------------------------------- views

@dataclass(frozen=True)
class EventView:
    at: datetime
    actor: str
    kind: str
    from_state: str | None
    to_state: str | None
    from_level: str | None
    to_level: str | None
    note: str | None

    def as_json(self) -> dict:
        return {"at": self.at.isoformat(), "actor": self.actor, "kind": self.kind,
                "from_state": self.from_state, "to_state": self.to_state,
                "from_level": self.from_level, "to_level": self.to_level, "note": self.note}


@dataclass(frozen=True)
class TicketView:
    number: str
    state: str
    level: str
    department: str
    district: str
    block: str | None
    assigned_post: str | None
    due_at: datetime | None
    created_at: datetime
    updated_at: datetime
    channel: str
    text: str
    citizen_name: str | None
    language: str
    location: tuple[float, float] | None
    photos: list[str] = field(default_factory=list)
    linked: bool = False
    events: list[EventView] = field(default_factory=list)
    pending: str | None = None           # "reject" or "transfer" awaiting L2 approval
    citizen_phone: str | None = None     # only in views for the officer the ticket is assigned to

    def as_json(self, with_events: bool = False) -> dict:
        data = {
            "number": self.number, "state": self.state, "level": self.level,
            "department": self.department, "district": self.district, "block": self.block,
            "assigned_post": self.assigned_post,
            "due_at": self.due_at.isoformat() if self.due_at else None,
            "created_at": self.created_at.isoformat(), "updated_at": self.updated_at.isoformat(),
            "channel": self.channel, "text": self.text, "citizen_name": self.citizen_name,
            "language": self.language,
            "location": {"lat": self.location[0], "lon": self.location[1]} if self.location else None,
            "photos": list(self.photos), "linked": self.linked, "pending": self.pending,
        }
        if self.citizen_phone:
            data["citizen_phone"] = self.citizen_phone
        if with_events:
            data["events"] = [e.as_json() for e in self.events]
        return data


@dataclass(frozen=True)
class OfficerView:
    id: int
    name: str
    phone: str | None
    post: str
    role: str                 # officer | district_admin
    department: str | None
    level: str | None
    district: str | None
    block: str | None
    title_en: str
    title_hi: str
    language: str
    telegram_chat_id: str | None
    active: bool

    def as_json(self) -> dict:
        return dict(self.__dict__)


@dataclass(frozen=True)
class OfficerInvite:
    code: str
    expires_at: datetime
    officer: OfficerView


def _level(value: int | None) -> str | None:
    return f"L{value}" if value else None


def _event_view(e: TicketEvent) -> EventView:
    return EventView(e.at, e.actor, e.kind, e.from_state, e.to_state, _level(e.from_level),
                     _level(e.to_level), e.note)


def _view(session: Session, t: Ticket, *, events: bool = True, linked: bool = False,
          phone: bool = False) -> TicketView:
    photos = list(session.scalars(select(TicketPhoto.ref).where(
        TicketPhoto.ticket_id == t.id, TicketPhoto.source == "citizen").order_by(TicketPhoto.id)))
    history = []
    if events:
        history = [_event_view(e) for e in session.scalars(
            select(TicketEvent).where(TicketEvent.ticket_id == t.id).order_by(TicketEvent.id))]
    return TicketView(
        number=t.number, state=t.state, level=f"L{t.level}", department=t.department_code,
        district=t.district_code, block=t.block_code,
        assigned_post=t.assigned_post.code if t.assigned_post else None, due_at=t.due_at,
        created_at=t.created_at, updated_at=t.updated_at, channel=t.channel, text=t.text,
        citizen_name=t.citizen.name if t.citizen else None, language=t.language,
        location=(t.lat, t.lon) if t.lat is not None and t.lon is not None else None,
        photos=photos, linked=linked, events=history, pending=t.pending_action,
        citizen_phone=t.citizen.phone if phone and t.citizen else None)


def _officer_view(o: Officer) -> OfficerView:
    p = o.post
    return OfficerView(o.id, o.name, o.phone, p.code, p.role, p.department_code, _level(p.level),
                       p.district_code, p.block_code, p.title_en, p.title_hi, o.language,
                       o.telegram_chat_id, o.active)


# ---------------------------------------------------------------- validation

def normalise_text(text: str) -> str:
    """Complaint text folded for near-duplicate comparison: NFC, lower case, letters and digits."""
    text = unicodedata.normalize("NFC", text).casefold()
    # Keep letters, marks (Devanagari vowel signs are marks, not \w) and digits; all else is a space.
    kept = "".join(c if unicodedata.category(c)[0] in "LMN" else " " for c in text)
    return " ".join(kept.split())


def normalise_number(number: str) -> str:
    return str(number or "").strip().upper()


@dataclass(frozen=True)
class _Filing:
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


def _location(location: object) -> tuple[float, float] | None:
    if location is None:
        return None
    try:
        if isinstance(location, dict):
            lat, lon = float(location["lat"]), float(location["lon"])
        else:
            lat, lon = (float(v) for v in location)  # type: ignore[union-attr]
    except (KeyError, TypeError, ValueError):
        raise InvalidInput("error.invalid_location") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise InvalidInput("error.invalid_location")
    return lat, lon


def _validate_filing(text, department, district, block, name, phone, channel, channel_user_id, key,
                     location, photos, language) -> _Filing:
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
    if channel not in CHANNELS:
        raise InvalidInput("error.invalid_channel", value=str(channel)[:20])
    lang = str(language or "hi").strip().lower()[:2]
    if lang not in ("hi", "en"):
        raise InvalidInput("error.invalid_language", value=str(language)[:10])
    refs = tuple(str(p).strip() for p in (photos or ()) if str(p).strip())
    return _Filing(text, dep.code, dist.code, blk.code if blk else None,
                   (str(name).strip()[:200] or None) if name else None,
                   normalise_phone(phone) if phone not in (None, "") else None,
                   channel, str(channel_user_id)[:120] if channel_user_id not in (None, "") else None,
                   str(key)[:200] if key not in (None, "") else None, _location(location), refs, lang)


# ---------------------------------------------------------------- filing

def _next_number(session: Session, moment: datetime) -> str:
    """The next ticket number of the (local) year; the counter row is locked until commit."""
    year = moment.astimezone(clock.local_zone()).year
    table = TicketCounter.__table__
    bump = (update(table).where(table.c.year == year).values(last_number=table.c.last_number + 1)
            .returning(table.c.last_number))
    number = session.execute(bump).scalar()
    if number is None:
        if is_postgres():
            from sqlalchemy.dialects.postgresql import insert as dialect_insert
        else:
            from sqlalchemy.dialects.sqlite import insert as dialect_insert
        session.execute(dialect_insert(table).values(year=year, last_number=0).on_conflict_do_nothing())
        number = session.execute(bump).scalar()
    return f"{settings.TICKET_PREFIX}-{year}-{number:06d}"


def _citizen(session: Session, f: _Filing, now: datetime) -> Citizen:
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


def _by_key(session: Session, key: str) -> TicketView | None:
    ticket = session.scalars(select(Ticket).where(Ticket.idempotency_key == key)).first()
    if ticket is not None:
        return _view(session, ticket)
    link = session.scalars(select(LinkedFiling).where(LinkedFiling.idempotency_key == key)).first()
    if link is not None:
        return _view(session, session.get(Ticket, link.ticket_id), linked=True)
    return None


def _file(session: Session, f: _Filing, now: datetime) -> TicketView:
    if f.key and (existing := _by_key(session, f.key)) is not None:
        return existing
    citizen = _citizen(session, f, now)
    text_key = normalise_text(f.text)
    candidates = session.scalars(select(Ticket).where(
        Ticket.citizen_id == citizen.id, Ticket.department_code == f.department,
        Ticket.state.in_(ACTIVE), Ticket.created_at >= now - timedelta(days=settings.NEAR_DUPLICATE_DAYS),
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
            return _view(session, ticket, linked=True)
    # One person, however many channels or web sessions: the limit counts per phone as well.
    same_person = Ticket.citizen_id == citizen.id
    if citizen.phone:
        same_person = or_(same_person, Ticket.citizen_id.in_(select(Citizen.id).where(Citizen.phone == citizen.phone)))
    filed_today = session.scalar(select(func.count(Ticket.id)).where(
        same_person, Ticket.created_at >= clock.local_day_start(now)))
    if filed_today >= settings.DAILY_COMPLAINT_LIMIT:
        raise DailyLimitExceeded(limit=settings.DAILY_COMPLAINT_LIMIT)
    ticket = Ticket(number=_next_number(session, now), text=f.text, normalised_text=text_key,
                    department_code=f.department, district_code=f.district, block_code=f.block,
                    lat=f.location[0] if f.location else None, lon=f.location[1] if f.location else None,
                    state="registered", level=1, channel=f.channel, citizen_id=citizen.id, citizen=citizen,
                    idempotency_key=f.key, language=f.language, is_practice=False,
                    reminded_level=0, overdue_notified=False, created_at=now, updated_at=now)
    session.add(ticket)
    session.flush()
    for ref in f.photos:
        session.add(TicketPhoto(ticket_id=ticket.id, ref=ref, source="citizen", added_at=now))
    add_event(session, ticket, now, "filed", actor="citizen", to_state="registered", to_level=1,
              note=f"channel {f.channel}")
    lifecycle.route_and_assign(session, ticket, now, level=1, state="assigned", kind="assigned")
    return _view(session, ticket)


def file_ticket(*, text: str, department: str, district: str, block: str | None = None,
                name: str | None = None, phone: str | None = None, channel: str = "web",
                channel_user_id: str | None = None, key: str | None = None,
                location: object = None, photos: Iterable[str] = (), language: str = "hi",
                now: datetime | None = None) -> TicketView:
    """File a complaint (idempotent on `key`), or link it to the citizen's near-identical open one."""
    filing = _validate_filing(text, department, district, block, name, phone, channel, channel_user_id,
                              key, location, photos, language)
    now = clock.aware(now)
    for attempt in range(3):
        try:
            with unit_of_work() as session:
                return _file(session, filing, now)
        except IntegrityError:
            # A concurrent filing with the same key (or the same new citizen) won the race.
            if filing.key:
                with unit_of_work() as session:
                    if (existing := _by_key(session, filing.key)) is not None:
                        return existing
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


# ---------------------------------------------------------------- reading

def _ticket(session: Session, number: str, *, lock: bool = False) -> Ticket:
    query = select(Ticket).where(Ticket.number == normalise_number(number))
    if lock:
        query = query.with_for_update(of=Ticket)
    ticket = session.scalars(query).unique().first()
    if ticket is None:
        raise NotFound("error.ticket_not_found", number=normalise_number(number)[:30])
    return ticket


def _identity_citizen_id(session: Session, channel: str, channel_user_id: str) -> int | None:
    return session.scalar(select(CitizenIdentity.citizen_id).where(
        CitizenIdentity.channel == str(channel), CitizenIdentity.external_id == str(channel_user_id)))


def citizen_ticket(number: str, *, channel: str, channel_user_id: str) -> TicketView | None:
    """The citizen's own ticket; None alike when it is not theirs or does not exist."""
    with unit_of_work(readonly=True) as session:
        citizen_id = _identity_citizen_id(session, channel, channel_user_id)
        if citizen_id is None:
            return None
        ticket = session.scalars(select(Ticket).where(
            Ticket.number == normalise_number(number), Ticket.citizen_id == citizen_id)).first()
        return _view(session, ticket) if ticket else None


def citizen_tickets(*, channel: str, channel_user_id: str, open_only: bool = True) -> list[TicketView]:
    """The citizen's tickets, newest first (open ones only by default)."""
    with unit_of_work(readonly=True) as session:
        citizen_id = _identity_citizen_id(session, channel, channel_user_id)
        if citizen_id is None:
            return []
        query = select(Ticket).where(Ticket.citizen_id == citizen_id)
        if open_only:
            query = query.where(Ticket.state.in_(OPEN))
        tickets = session.scalars(query.order_by(Ticket.created_at.desc(), Ticket.id.desc()).limit(200))
        return [_view(session, t, events=False) for t in tickets]


def _officer(session: Session, officer: int | str) -> Officer:
    """An active officer by id, or the current holder of a post code."""
    text = str(officer).strip()
    found = None
    if text.isdigit():
        found = session.scalars(select(Officer).where(Officer.id == int(text), Officer.active.is_(True))).first()
    elif text:
        found = session.scalars(select(Officer).join(OfficerPost, Officer.post_id == OfficerPost.id).where(
            OfficerPost.code == text, Officer.active.is_(True)).order_by(Officer.id.desc())).first()
    if found is None:
        if text.isdigit() and session.get(Officer, int(text)) is not None:
            raise OfficerLeft()   # the post has a new holder (helpline/roster_changes.py)
        raise NotFound("error.officer_not_found", value=text[:60])
    return found


def get_ticket(number: str, *, officer: int | str | None = None) -> TicketView:
    """A ticket with its history; with `officer`, only if the officer may read it."""
    with unit_of_work(readonly=True) as session:
        ticket = _ticket(session, number)
        if officer is None:
            return _view(session, ticket)
        who = _officer(session, officer)
        if not permissions.can_read(who.post, ticket) or not practice.may_see(session, ticket, who):
            raise PermissionDenied("error.permission_denied", number=ticket.number, action="read")
        return _view(session, ticket, phone=ticket.assigned_post_id == who.post_id)


def officer_tickets(officer: int | str, *, pending_only: bool = True, limit: int = 500) -> list[TicketView]:
    """The officer's tickets, soonest due first: assigned to their post, or awaiting their approval.

    The District Administrator gets every ticket of the district.
    """
    with unit_of_work(readonly=True) as session:
        who = _officer(session, officer)
        post = who.post
        query = select(Ticket)
        if post.role == "district_admin":
            query = query.where(Ticket.district_code == post.district_code)
        else:
            approvals = Ticket.pending_action.is_not(None) & (Ticket.department_code == post.department_code) \
                & (Ticket.level <= (post.level or 0))
            if post.district_code is not None:
                approvals &= Ticket.district_code == post.district_code
            if (post.level or 0) < 2:
                approvals = Ticket.id.is_(None)
            query = query.where(or_(Ticket.assigned_post_id == post.id, approvals))
        query = query.where(practice.visible_to(who.id))
        if pending_only:
            query = query.where(Ticket.state.in_(ACTIVE))
        query = query.order_by(Ticket.due_at.is_(None), Ticket.due_at, Ticket.id).limit(limit)
        return [_view(session, t, events=False, phone=t.assigned_post_id == post.id)
                for t in session.scalars(query).unique()]


# ---------------------------------------------------------------- officer actions

def _deny(ticket: Ticket, action: str) -> PermissionDenied:
    return PermissionDenied("error.permission_denied", number=ticket.number, action=action)


def _illegal(ticket: Ticket, action: str) -> IllegalTransition:
    return IllegalTransition("error.illegal_transition", number=ticket.number, state=ticket.state,
                             action=action)


def _set_state(session: Session, ticket: Ticket, now: datetime, who: Officer, kind: str, state: str,
               note: str | None) -> TicketEvent:
    event = add_event(session, ticket, now, kind, actor=actor_of(who), officer=who,
                      from_state=ticket.state, to_state=state, from_level=ticket.level,
                      to_level=ticket.level, note=note)
    ticket.state = state
    ticket.updated_at = now
    if state in FINAL:
        ticket.closed_at = now
    lifecycle.schedule(ticket)
    return event


def _clear_pending(ticket: Ticket) -> None:
    ticket.pending_action = ticket.pending_reason = ticket.pending_note = None
    ticket.pending_to_department = None
    ticket.pending_by_officer_id = None


def _do_reject(session: Session, ticket: Ticket, now: datetime, who: Officer, reason: str,
               note: str | None) -> None:
    _clear_pending(ticket)
    text = reason + (f": {note}" if note else "")
    event = _set_state(session, ticket, now, who, "rejected", "rejected", text)
    outbox.notify_citizen(session, event, ticket, "rejected", "notify.rejected",
                          reason=render(f"reason.{reason}", ticket.language), note=note or "")


def _do_transfer(session: Session, ticket: Ticket, now: datetime, who: Officer, to_department: str,
                 note: str | None) -> None:
    _clear_pending(ticket)
    old = ticket.department_code
    ticket.department_code = to_department
    text = f"from {old} to {to_department}" + (f": {note}" if note else "")
    lifecycle.route_and_assign(session, ticket, now, level=1, state="transferred", kind="transferred",
                               actor=actor_of(who), officer=who, note=text)


def _request(session: Session, ticket: Ticket, now: datetime, who: Officer, kind: str, note: str) -> None:
    event = add_event(session, ticket, now, kind, actor=actor_of(who), officer=who,
                      from_state=ticket.state, to_state=ticket.state, from_level=ticket.level,
                      to_level=ticket.level, note=note)
    ticket.updated_at = now
    approver = routing.approver_post(session, ticket.department_code, ticket.district_code)
    dep_to = reference.department(ticket.pending_to_department or "")
    for officer in routing.holders(session, approver):
        lang = officer.language
        outbox.notify_officer(session, event, ticket, officer, kind, f"notify.{kind}",
                              reason=render(f"reason.{ticket.pending_reason}", lang) if ticket.pending_reason else "",
                              note=ticket.pending_note or "", to_department=dep_to.name(lang) if dep_to else "")


def _act(session: Session, ticket: Ticket, who: Officer, action: str, note: str | None, reason: str | None,
         to_department: str | None, photo: str | None, now: datetime) -> None:
    post = who.post
    if post.role == "district_admin":
        raise PermissionDenied("error.dm_read_only")
    if not practice.may_see(session, ticket, who):
        raise _deny(ticket, action)
    if action == "transfer" and permissions.can_route(post, ticket) and not permissions.can_act(post, ticket):
        target = reference.department(to_department) or reference.resolve_department(to_department)
        if target is None or target.code == ticket.department_code:
            raise InvalidInput("error.transfer_target")
        _do_transfer(session, ticket, now, who, target.code, note)
        return
    if not permissions.can_act(post, ticket):
        raise _deny(ticket, action)
    if action == "special_close":
        if (post.level or 0) < 3:
            raise PermissionDenied("error.special_close_level")
        written = (note or reason or "").strip()
        if not written:
            raise InvalidInput("error.special_close_reason")
        if ticket.state not in OPEN:
            raise _illegal(ticket, action)
        _clear_pending(ticket)
        event = _set_state(session, ticket, now, who, "special_closed", "special_closed", written)
        outbox.notify_citizen(session, event, ticket, "special_closed", "notify.special_closed", note=written)
        return
    if action == "approve":
        if (post.level or 0) < 2:
            raise PermissionDenied("error.approve_level")
        if ticket.pending_action is None or ticket.state not in ACTIVE:
            raise IllegalTransition("error.nothing_to_approve", number=ticket.number)
        requested = f"approved request of officer:{ticket.pending_by_officer_id}"
        if ticket.pending_action == "reject":
            _do_reject(session, ticket, now, who, ticket.pending_reason or "not_actionable",
                       "; ".join(x for x in (ticket.pending_note, requested, note) if x))
        else:
            _do_transfer(session, ticket, now, who, ticket.pending_to_department or routing.ROUTING_DESK,
                         "; ".join(x for x in (ticket.pending_note, requested, note) if x))
        return
    if ticket.state not in ACTIVE:
        raise _illegal(ticket, action)
    if action == "start":
        if ticket.state == "in_progress":
            raise _illegal(ticket, action)
        if ticket.assigned_post_id is None:
            ticket.assigned_post_id, ticket.assigned_post = post.id, post
        _set_state(session, ticket, now, who, "started", "in_progress", note)
    elif action == "resolve":
        if not (note or "").strip():
            raise InvalidInput("error.note_required")
        _clear_pending(ticket)
        ticket.resolved_at = now
        if photo:
            session.add(TicketPhoto(ticket_id=ticket.id, ref=str(photo), source="officer", added_at=now))
        event = _set_state(session, ticket, now, who, "resolved", "resolved", note.strip())
        outbox.notify_citizen(session, event, ticket, "resolved_feedback_request",
                              "notify.resolved_feedback_request", note=note.strip())
    elif action == "reject":
        if reason not in REJECTION_REASONS:
            raise InvalidInput("error.reason_required", allowed=", ".join(REJECTION_REASONS))
        if (post.level or 0) >= 2:
            _do_reject(session, ticket, now, who, reason, note)
            return
        ticket.pending_action, ticket.pending_reason, ticket.pending_note = "reject", reason, note
        ticket.pending_to_department, ticket.pending_by_officer_id = None, who.id
        _request(session, ticket, now, who, "rejection_requested", reason + (f": {note}" if note else ""))
    elif action == "transfer":
        target = reference.department(to_department) or reference.resolve_department(to_department)
        if target is None or target.code == ticket.department_code:
            raise InvalidInput("error.transfer_target")
        if ticket.department_code == routing.ROUTING_DESK or (post.level or 0) >= 2:
            _do_transfer(session, ticket, now, who, target.code, note)
            return
        ticket.pending_action, ticket.pending_reason, ticket.pending_note = "transfer", None, note
        ticket.pending_to_department, ticket.pending_by_officer_id = target.code, who.id
        _request(session, ticket, now, who, "transfer_requested",
                 f"to {target.code}" + (f": {note}" if note else ""))


def officer_action(number: str, action: str, *, officer: int | str, note: str | None = None,
                   reason: str | None = None, to_department: str | None = None, photo: str | None = None,
                   now: datetime | None = None) -> TicketView:
    """An officer disposes of or moves a ticket: start, resolve, reject, transfer, approve, special_close."""
    action = str(action or "").strip().lower().replace("-", "_")
    if action not in ACTIONS:
        raise InvalidInput("error.unknown_action", value=action[:30])
    note = unicodedata.normalize("NFC", note).strip() or None if note else None
    reason = str(reason).strip().lower().replace("-", "_").replace(" ", "_") if reason else None
    now = clock.aware(now)
    with unit_of_work() as session:
        ticket = _ticket(session, number, lock=True)
        who = _officer(session, officer)
        _act(session, ticket, who, action, note, reason, to_department, photo, now)
        session.flush()
        return _view(session, ticket, phone=ticket.assigned_post_id == who.post_id)


# ---------------------------------------------------------------- feedback and sweep

def give_feedback(number: str, *, satisfied: bool, rating: int | None = None, channel: str | None = None,
                  channel_user_id: str | None = None, now: datetime | None = None) -> TicketView:
    """The citizen's verdict on a resolved ticket: satisfied closes it, unsatisfied reopens a level up."""
    if rating is not None:
        try:
            rating = int(rating)
        except (TypeError, ValueError):
            raise InvalidInput("error.invalid_rating") from None
        if not 1 <= rating <= 5:
            raise InvalidInput("error.invalid_rating")
    now = clock.aware(now)
    with unit_of_work() as session:
        ticket = _ticket(session, number, lock=True)
        if channel is not None and channel_user_id is not None:
            if _identity_citizen_id(session, channel, channel_user_id) != ticket.citizen_id:
                raise NotFound("error.ticket_not_found", number=ticket.number)
        if ticket.state != "resolved":
            raise IllegalTransition("error.feedback_not_allowed", number=ticket.number)
        post = ticket.assigned_post
        session.add(Feedback(ticket_id=ticket.id, satisfied=bool(satisfied), rating=rating, level=ticket.level,
                             post_id=ticket.assigned_post_id, created_at=now))
        verdict = ("satisfied" if satisfied else "not satisfied") + (f", rating {rating}" if rating else "")
        if satisfied:
            event = add_event(session, ticket, now, "closed", actor="citizen", from_state="resolved",
                              to_state="closed", from_level=ticket.level, to_level=ticket.level, note=verdict)
            ticket.state, ticket.closed_at, ticket.updated_at = "closed", now, now
            lifecycle.schedule(ticket)
            outbox.notify_post(session, event, ticket, post, "feedback_received", "notify.feedback_received",
                               rating=rating or "-")
        else:
            lifecycle.route_and_assign(session, ticket, now, level=min(ticket.level + 1, 4), state="reopened",
                                       kind="reopened", actor="citizen", note=verdict,
                                       message="notify.reopened", notify_kind="reopened")
            ticket.resolved_at = None
        session.flush()
        return _view(session, ticket)


def sweep(*, now: datetime | None = None, batch: int = 500) -> dict:
    """Escalate overdue tickets, remind a day before, close unanswered resolutions (see sweep.py)."""
    from helpline import sweep as sweeper

    return sweeper.run(now=clock.aware(now), batch=batch)


# ---------------------------------------------------------------- channels

def claim_inbound(channel: str, key: str | int) -> bool:
    """True the first time an inbound update (channel, key) is seen, False for any repeat delivery."""
    try:
        with unit_of_work() as session:
            session.add(InboundMessage(channel=str(channel)[:20], key=str(key)[:200], seen_at=clock.now()))
            session.flush()
        return True
    except IntegrityError:
        return False


# ---------------------------------------------------------------- officers

def get_officer(officer: int | str) -> OfficerView:
    """An active officer by id or post code."""
    with unit_of_work(readonly=True) as session:
        return _officer_view(_officer(session, officer))


def officers(*, district: str | None = None) -> list[OfficerView]:
    """Active officers (all, or of one district and the state posts above it), by post code."""
    with unit_of_work(readonly=True) as session:
        query = select(Officer).join(OfficerPost, Officer.post_id == OfficerPost.id).where(Officer.active.is_(True))
        if district:
            dist = reference.resolve_district(district)
            if dist is None:
                raise InvalidInput("error.unknown_district", value=str(district)[:60])
            query = query.where(or_(OfficerPost.district_code == dist.code, OfficerPost.district_code.is_(None)))
        return [_officer_view(o) for o in session.scalars(query.order_by(OfficerPost.code, Officer.id))]


def officers_for_telegram(chat_id: int | str) -> list[OfficerView]:
    """The active officers (one per post held) linked to this Telegram chat."""
    with unit_of_work(readonly=True) as session:
        found = session.scalars(select(Officer).where(Officer.telegram_chat_id == str(chat_id),
                                                      Officer.active.is_(True)).order_by(Officer.id))
        return [_officer_view(o) for o in found]


def _hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def invite_officer(post: str, *, now: datetime | None = None) -> OfficerInvite:
    """A one-time code (valid settings.OFFICER_INVITE_HOURS) for the post's holder to link Telegram."""
    now = clock.aware(now)
    with unit_of_work() as session:
        if session.scalar(select(OfficerPost.id).where(OfficerPost.code == str(post))) is None:
            raise NotFound("error.post_not_found", value=str(post)[:60])
        who = _officer(session, post)
        alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        code = "".join(secrets.choice(alphabet) for _ in range(10))
        expires = now + timedelta(hours=settings.OFFICER_INVITE_HOURS)
        session.add(InviteRow(officer_id=who.id, code_hash=_hash(code), expires_at=expires, created_at=now))
        return OfficerInvite(code, expires, _officer_view(who))


def link_officer_telegram(code: str, chat_id: int | str, *, now: datetime | None = None) -> OfficerView:
    """Redeem an invite code: the officer's notifications go to this Telegram chat from now on."""
    now = clock.aware(now)
    with unit_of_work() as session:
        invite = session.scalars(select(InviteRow).where(InviteRow.code_hash == _hash(str(code or "")))
                                 .with_for_update()).first()
        if invite is None or invite.used_at is not None or invite.expires_at <= now:
            raise InvalidInput("error.invite_invalid")
        who = session.get(Officer, invite.officer_id)
        if who is None or not who.active:
            raise InvalidInput("error.invite_invalid")
        invite.used_at = now
        who.telegram_chat_id = str(chat_id)
        return _officer_view(who)
