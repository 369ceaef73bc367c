"""Readiness of a district's roster: per post, a linked officer or not, practice finished or not, last activity.

For the District Magistrate and the district helpline in-charge (a post of the district's `other`
desk). Last activity is the officer's latest ticket action (practice included) or Telegram link.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, select

from helpline import clock, reference, rules, service
from helpline.errors import InvalidInput, NotFound, PermissionDenied
from helpline.store.db import unit_of_work
from helpline.store.models import Officer, OfficerInvite, OfficerPost, TicketEvent
from helpline.training import guide, practice

IDLE_DAYS = 30


@dataclass(frozen=True)
class PostReadiness:
    post: str
    title_en: str
    title_hi: str
    department: str | None
    level: str | None
    block: str | None
    officer_id: int | None          # the active holder, None when vacant
    name: str | None
    linked: bool                    # the holder's Telegram (or WhatsApp) is linked
    practice_finished: bool
    last_activity: datetime | None
    idle: bool                      # a holder with no activity for IDLE_DAYS

    @property
    def ready(self) -> bool:
        return self.officer_id is not None and self.linked


@dataclass(frozen=True)
class Readiness:
    district: str
    as_of: datetime
    posts: list[PostReadiness] = field(default_factory=list)

    @property
    def not_ready(self) -> list[PostReadiness]:
        """Posts without an active officer, or whose officer has not linked."""
        return [p for p in self.posts if not p.ready]

    @property
    def idle(self) -> list[PostReadiness]:
        return [p for p in self.posts if p.idle]

    @property
    def linked(self) -> int:
        return sum(1 for p in self.posts if p.ready)

    @property
    def practised(self) -> int:
        return sum(1 for p in self.posts if p.practice_finished)


def district_readiness(district: str, *, now: datetime | None = None) -> Readiness:
    """Every post of the district (state posts are not the district's), in post-code order."""
    dist = reference.resolve_district(district)
    if dist is None:
        raise InvalidInput("error.unknown_district", value=str(district)[:60])
    now = clock.aware(now)
    with unit_of_work(readonly=True) as session:
        posts = list(session.scalars(select(OfficerPost).where(
            OfficerPost.district_code == dist.code, OfficerPost.active.is_(True)).order_by(OfficerPost.code)))
        holders: dict[int, Officer] = {}
        for o in session.scalars(select(Officer).where(Officer.post_id.in_([p.id for p in posts]),
                                                       Officer.active.is_(True)).order_by(Officer.id)):
            holders[o.post_id] = o     # the newest active holder wins
        ids = [o.id for o in holders.values()]
        acted = dict(session.execute(select(TicketEvent.officer_id, func.max(TicketEvent.at))
                                     .where(TicketEvent.officer_id.in_(ids)).group_by(TicketEvent.officer_id)).all())
        linked_at = dict(session.execute(select(OfficerInvite.officer_id, func.max(OfficerInvite.used_at))
                                         .where(OfficerInvite.officer_id.in_(ids)).group_by(OfficerInvite.officer_id)).all())
    finished = practice.finished_officers(ids)
    idle_before = now - timedelta(days=IDLE_DAYS)
    rows = []
    for p in posts:
        o = holders.get(p.id)
        last = None
        if o is not None:
            moments = [clock.aware(m) for m in (acted.get(o.id), linked_at.get(o.id)) if m is not None]
            last = max(moments) if moments else None
        rows.append(PostReadiness(
            post=p.code, title_en=p.title_en, title_hi=p.title_hi, department=p.department_code,
            level=rules.level_label(p.level), block=p.block_code,
            officer_id=o.id if o else None, name=o.name if o else None,
            linked=bool(o and (o.telegram_chat_id or o.whatsapp_id)),
            practice_finished=bool(o and o.id in finished), last_activity=last,
            # A newcomer is not idle before IDLE_DAYS on the post.
            idle=bool(o and (last or clock.aware(o.created_at)) < idle_before)))
    return Readiness(dist.code, now, rows)


def may_see(officer) -> bool:
    """The District Magistrate and the district's helpline in-charge (`other` desk) of that district."""
    return bool(officer.district) and (officer.role == "district_admin" or guide.is_incharge(officer))


def readiness_for(officer: int | str, *, now: datetime | None = None) -> Readiness:
    """The viewer's district readiness; PermissionDenied for anyone but its DM or helpline in-charge."""
    try:
        who = service.get_officer(officer)
    except NotFound:
        raise PermissionDenied("training.readiness_not_allowed") from None
    if not may_see(who):
        raise PermissionDenied("training.readiness_not_allowed")
    return district_readiness(who.district, now=now)
