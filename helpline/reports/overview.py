"""Read-only figures for the dashboard: the district overview, tickets beyond time, ticket lists.

Everything is scoped by the viewer's post (the DM sees the whole district; an officer sees their
department, jurisdiction and levels up to their own, as helpline.permissions) and counted by
GROUP BY in the database. Practice tickets never count.
Public functions:
    scope_of(officer) -> Scope
    district_overview(officer, *, now=None) -> Overview
    tickets(officer, *, status=None, department=None, level=None, limit=100, offset=0, now=None)
        -> list[TicketRow]          # status: pending | disposed | beyond_time | None (all)
    ticket(number, *, officer) -> TicketView   # PermissionDenied outside the viewer's scope
    district_today(district, now=None) -> dict  # the DM's /district and daily digest on Telegram
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, or_, select
from sqlalchemy.sql.elements import ColumnElement

from helpline import clock, service
from helpline.errors import InvalidInput, NotFound
from helpline.rules import DISPOSED, LEVELS, PENDING, level_label
from helpline.store.db import unit_of_work
from helpline.store.models import Officer, OfficerPost, Ticket

STATUSES = ("pending", "disposed", "beyond_time")


@dataclass(frozen=True)
class Scope:
    """What a viewer may see: None in a field means "any"."""

    officer_id: int
    officer_name: str
    post: str
    role: str                       # officer | district_admin
    title_en: str
    title_hi: str
    department: str | None
    district: str | None
    block: str | None
    max_level: int | None           # officers see levels up to their own


@dataclass(frozen=True)
class Counts:
    received: int = 0
    disposed: int = 0
    pending: int = 0
    beyond_time: int = 0


@dataclass(frozen=True)
class Overview:
    scope: Scope
    at: datetime
    totals: Counts
    by_department: list[tuple[str, Counts]]     # (department code, counts), most received first
    by_level: list[tuple[str, Counts]]          # ("L1".."L4", counts)


@dataclass(frozen=True)
class TicketRow:
    number: str
    state: str
    level: str
    department: str
    district: str
    block: str | None
    assigned_post: str | None
    due_at: datetime | None
    created_at: datetime
    text: str                       # the first 160 characters
    beyond_days: int                # whole days beyond the time limit (0 when within it)


def scope_of(officer: int | str) -> Scope:
    """The viewer's scope from an officer id or post code (NotFound for no active officer)."""
    text = str(officer).strip()
    with unit_of_work() as session:
        query = select(Officer).join(OfficerPost, Officer.post_id == OfficerPost.id).where(
            Officer.active.is_(True), OfficerPost.active.is_(True))
        query = query.where(Officer.id == int(text)) if text.isdigit() else query.where(OfficerPost.code == text)
        who = session.scalars(query.order_by(Officer.id.desc())).first()
        if who is None:
            raise NotFound("error.officer_not_found", value=text[:60])
        p = who.post
        if p.role == "district_admin":
            return Scope(who.id, who.name, p.code, p.role, p.title_en, p.title_hi, None, p.district_code,
                         None, None)
        return Scope(who.id, who.name, p.code, p.role, p.title_en, p.title_hi, p.department_code,
                     p.district_code, p.block_code, p.level)


def _where(scope: Scope) -> ColumnElement[bool]:
    """The SQL condition for the scope, the same rule as helpline.permissions.can_read."""
    if scope.role == "district_admin":
        conds = [Ticket.district_code == scope.district]
    elif scope.max_level is None or scope.department is None:
        return Ticket.id.is_(None)          # a post without department or level sees nothing
    else:
        conds = [Ticket.department_code == scope.department, Ticket.level <= scope.max_level]
        if scope.district is not None:
            conds.append(Ticket.district_code == scope.district)
        if scope.block is not None:
            conds.append(Ticket.block_code == scope.block)
    conds.append(_real())
    return and_(*conds)


def _real() -> ColumnElement[bool]:
    """Not a practice ticket (officer training): practice never counts."""
    return or_(Ticket.is_practice.is_(False), Ticket.is_practice.is_(None))


def _beyond(now: datetime) -> ColumnElement[bool]:
    return and_(Ticket.state.in_(PENDING), Ticket.due_at.is_not(None), Ticket.due_at < now)


def district_overview(officer: int | str, *, now: datetime | None = None) -> Overview:
    """Received / disposed / pending / beyond time, by department and by level, in one GROUP BY."""
    scope = scope_of(officer)
    now = clock.aware(now)
    one = 1
    query = (select(Ticket.department_code, Ticket.level, func.count(Ticket.id),
                    func.sum(case((Ticket.state.in_(DISPOSED), one), else_=0)),
                    func.sum(case((Ticket.state.in_(PENDING), one), else_=0)),
                    func.sum(case((_beyond(now), one), else_=0)))
             .where(_where(scope)).group_by(Ticket.department_code, Ticket.level))
    by_dep: dict[str, list[int]] = {}
    by_level: dict[int, list[int]] = {level: [0, 0, 0, 0] for level in LEVELS}
    total = [0, 0, 0, 0]
    with unit_of_work() as session:
        for dep, level, *figures in session.execute(query):
            figures = [int(x or 0) for x in figures]
            for bucket in (by_dep.setdefault(dep, [0, 0, 0, 0]), by_level.setdefault(level, [0, 0, 0, 0]), total):
                for i, value in enumerate(figures):
                    bucket[i] += value
    deps = sorted(by_dep.items(), key=lambda kv: (-kv[1][0], kv[0]))
    return Overview(scope, now, Counts(*total), [(d, Counts(*c)) for d, c in deps],
                    [(level_label(lv), Counts(*c)) for lv, c in sorted(by_level.items())])


def tickets(officer: int | str, *, status: str | None = None, department: str | None = None,
            level: str | int | None = None, limit: int = 100, offset: int = 0,
            now: datetime | None = None) -> list[TicketRow]:
    """The scope's tickets, filtered; beyond_time sorted most overdue first, others newest first."""
    scope = scope_of(officer)
    now = clock.aware(now)
    conds = [_where(scope)]
    if status not in (None, "", *STATUSES):
        raise InvalidInput("error.invalid_input", detail=f"status {str(status)[:20]!r}")
    if status == "pending":
        conds.append(Ticket.state.in_(PENDING))
    elif status == "disposed":
        conds.append(Ticket.state.in_(DISPOSED))
    elif status == "beyond_time":
        conds.append(_beyond(now))
    if department:
        conds.append(Ticket.department_code == str(department)[:40])
    if level not in (None, ""):
        digits = str(level).upper().removeprefix("L")
        if not digits.isdigit() or not 1 <= int(digits) <= 4:
            raise InvalidInput("error.invalid_input", detail=f"level {str(level)[:10]!r}")
        conds.append(Ticket.level == int(digits))
    order = [Ticket.due_at, Ticket.id] if status == "beyond_time" else [Ticket.created_at.desc(), Ticket.id.desc()]
    query = (select(Ticket.number, Ticket.state, Ticket.level, Ticket.department_code, Ticket.district_code,
                    Ticket.block_code, OfficerPost.code, Ticket.due_at, Ticket.created_at,
                    func.substr(Ticket.text, 1, 160))
             .outerjoin(OfficerPost, Ticket.assigned_post_id == OfficerPost.id)
             .where(*conds).order_by(*order).limit(max(1, min(int(limit), 500))).offset(max(0, int(offset))))
    rows = []
    with unit_of_work() as session:
        for number, state, lv, dep, dist, blk, post, due, created, text in session.execute(query):
            due = clock.aware(due) if due else None
            beyond = (now - due).days if due and state in PENDING and due < now else 0
            rows.append(TicketRow(number, state, level_label(lv), dep, dist, blk, post, due, clock.aware(created),
                                  text or "", max(beyond, 0)))
    return rows


def ticket(number: str, *, officer: int | str) -> service.TicketView:
    """A ticket with its full history, only if the viewer may read it (PermissionDenied otherwise)."""
    return service.get_ticket(number, officer=officer)


def district_today(district: str, now: datetime | None = None) -> dict:
    """Today's picture of a district for its DM: received today, pending by department and level,
    beyond time (the same rules as district_overview)."""
    now = clock.aware(now)
    real = and_(Ticket.district_code == district, _real())
    with unit_of_work() as session:
        received = session.scalar(select(func.count(Ticket.id))
                                  .where(real, Ticket.created_at >= clock.local_day_start(now)))
        rows = session.execute(
            select(Ticket.department_code, Ticket.level, func.count(Ticket.id),
                   func.sum(case((_beyond(now), 1), else_=0)))
            .where(real, Ticket.state.in_(PENDING))
            .group_by(Ticket.department_code, Ticket.level)
            .order_by(Ticket.department_code, Ticket.level)).all()
    pending = [{"department": d, "level": level_label(lv), "pending": n, "beyond": int(b or 0)} for d, lv, n, b in rows]
    return {"district": district, "date": now.astimezone(clock.local_zone()).date().isoformat(),
            "received": int(received or 0), "pending": sum(p["pending"] for p in pending),
            "beyond": sum(p["beyond"] for p in pending), "by_department": pending}
