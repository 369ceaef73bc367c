"""Officers as the core knows them: found by id or post code, listed, and linked to Telegram by invite.

The service opens the unit of work; these functions work inside it.
"""
from __future__ import annotations

import hashlib
import secrets
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from helpline import reference, settings
from helpline.errors import InvalidInput, NotFound, OfficerLeft
from helpline.store.models import Officer, OfficerInvite as InviteRow, OfficerPost
from helpline.tickets.views import OfficerInvite, OfficerView, officer_view

INVITE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"   # no 0/O, 1/I: codes are read aloud and typed


def find(session: Session, officer: int | str) -> Officer:
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
            raise OfficerLeft()   # the post has a new holder (helpline/officers/roster.py)
        raise NotFound("error.officer_not_found", value=text[:60])
    return found


def active(session: Session, district: str | None) -> list[OfficerView]:
    """Active officers (all, or of one district and the state posts above it), by post code."""
    query = select(Officer).join(OfficerPost, Officer.post_id == OfficerPost.id).where(Officer.active.is_(True))
    if district:
        dist = reference.resolve_district(district)
        if dist is None:
            raise InvalidInput("error.unknown_district", value=str(district)[:60])
        query = query.where(or_(OfficerPost.district_code == dist.code, OfficerPost.district_code.is_(None)))
    return [officer_view(o) for o in session.scalars(query.order_by(OfficerPost.code, Officer.id))]


def on_telegram(session: Session, chat_id: int | str) -> list[OfficerView]:
    """The active officers (one per post held) linked to this Telegram chat."""
    found = session.scalars(select(Officer).where(Officer.telegram_chat_id == str(chat_id),
                                                  Officer.active.is_(True)).order_by(Officer.id))
    return [officer_view(o) for o in found]


def _hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def invite(session: Session, post: str, now: datetime) -> OfficerInvite:
    """A one-time code (valid settings.OFFICER_INVITE_HOURS) for the post's holder to link Telegram."""
    if session.scalar(select(OfficerPost.id).where(OfficerPost.code == str(post))) is None:
        raise NotFound("error.post_not_found", value=str(post)[:60])
    who = find(session, post)
    code = "".join(secrets.choice(INVITE_ALPHABET) for _ in range(10))
    expires = now + timedelta(hours=settings.OFFICER_INVITE_HOURS)
    session.add(InviteRow(officer_id=who.id, code_hash=_hash(code), expires_at=expires, created_at=now))
    return OfficerInvite(code, expires, officer_view(who))


def link_telegram(session: Session, code: str, chat_id: int | str, now: datetime) -> OfficerView:
    """Redeem an invite code: the officer's notifications go to this Telegram chat from now on."""
    row = session.scalars(select(InviteRow).where(InviteRow.code_hash == _hash(str(code or "")))
                          .with_for_update()).first()
    if row is None or row.used_at is not None or row.expires_at <= now:
        raise InvalidInput("error.invite_invalid")
    who = session.get(Officer, row.officer_id)
    if who is None or not who.active:
        raise InvalidInput("error.invite_invalid")
    row.used_at = now
    who.telegram_chat_id = str(chat_id)
    return officer_view(who)
