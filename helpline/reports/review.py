"""The monthly review: per officer post, department and district, figures, a weighted score and a grade.

What is counted (all by SQL aggregation in the database, never ticket by ticket in Python):
- The month's tickets: filed (created_at) within the calendar month in the helpline's time zone
  (settings.TIMEZONE), in the district under review (or the whole state); practice tickets never count.
  They stand as they are when the report runs ("as of"): a review of a past month run on the 1st
  of the next month shows the month's tickets as they were at its end.
- "Received at a post" = the month's tickets whose assigned post, when the report runs, is that
  post: for a disposed ticket the post that disposed of it, for a pending one the post it waits on
  (after any escalation, reopening or transfer). A ticket sent to no post counts as "(no post)".
- received: the month's tickets. disposed: resolved, closed, closed_no_feedback, rejected or
  special_closed. pending: still registered, assigned, in_progress, reopened or transferred
  (received = disposed + pending). pending beyond time: pending with its time limit (due_at) passed.
- disposed within time: disposed (first disposal: resolved_at, else closed_at) no later than the
  time limit of the level that disposed of it. average days to dispose: filing to disposal.
- satisfied %: satisfied answers among the citizens' feedback answers on these tickets.
  reopened %: tickets the citizen reopened at least once, among the month's tickets.
  special closures: tickets special_closed (by L3/L4).
- escalated by time: complaints a post let run out of time in the month, so that the sweep sent
  them up a level (escalation events of the month, by the post the ticket left; any filing month).
  Counted beside the month's tickets, not in the score; the report names the posts with the most.

Score (0-100) = 40% disposed within time (share of received) + 25% satisfied feedback
+ 15% (1 - share pending beyond time) + 10% (1 - reopened share) + 10% disposal rate.
A component without data (no feedback answers) is left out and the other weights scaled up.
Grade: A >= 80, B >= 60, C >= 40, else D. Best performers: the highest scores among posts with
at least MIN_RECEIVED tickets; negligent: most pending beyond time, most escalated by time,
most reopened.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from sqlalchemy import and_, case, func, literal, select

from helpline import clock, reference
from helpline.errors import InvalidInput
from helpline.rules import DISPOSED, PENDING, SPECIAL_CLOSED, level_label
from helpline.store.db import engine, unit_of_work
from helpline.store.models import Feedback, Officer, OfficerPost, Ticket, TicketEvent

WEIGHTS = {"in_time": 0.40, "satisfied": 0.25, "not_beyond": 0.15, "not_reopened": 0.10, "disposal": 0.10}
WEIGHT_LABELS = {
    "in_time": ("disposed within time", "समय-सीमा में निस्तारित"),
    "satisfied": ("satisfied feedback", "संतुष्ट प्रतिक्रिया"),
    "not_beyond": ("1 - pending beyond time share", "1 - समय-सीमा पार लंबित का अंश"),
    "not_reopened": ("1 - reopened share", "1 - पुनः खोली गई का अंश"),
    "disposal": ("disposal rate", "निस्तारण दर"),
}
GRADES = ((80.0, "A"), (60.0, "B"), (40.0, "C"))
MIN_RECEIVED = 3
TOP = 5
NO_POST = "(no post)"
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
COUNTS = ("received", "disposed", "disposed_in_time", "pending", "pending_beyond_time", "special_closed",
          "reopened", "feedback", "satisfied", "escalated_by_time")


@dataclass
class Figures:
    """One line of the review (a post, a department, a district or the total)."""

    key: str
    name_en: str
    name_hi: str
    detail: str = ""                 # post: level and holder; else empty
    received: int = 0
    disposed: int = 0
    disposed_in_time: int = 0
    pending: int = 0
    pending_beyond_time: int = 0
    special_closed: int = 0
    reopened: int = 0
    feedback: int = 0
    satisfied: int = 0
    escalated_by_time: int = 0       # complaints that ran out of time here this month (any filing month)
    days_total: float = 0.0

    def add(self, row: dict) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + int(row.get(name) or 0))
        self.days_total += float(row.get("days_total") or 0.0)

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def avg_days_to_dispose(self) -> float | None:
        return round(self.days_total / self.disposed, 1) if self.disposed else None

    @property
    def satisfied_share(self) -> float | None:
        return self._share(self.satisfied, self.feedback)

    @property
    def reopened_share(self) -> float | None:
        return self._share(self.reopened, self.received)

    @property
    def score(self) -> float | None:
        """The weighted score 0-100 (module docstring); None when nothing was received."""
        if not self.received:
            return None
        parts = {"in_time": self.disposed_in_time / self.received, "satisfied": self.satisfied_share,
                 "not_beyond": 1 - self.pending_beyond_time / self.received,
                 "not_reopened": 1 - self.reopened / self.received, "disposal": self.disposed / self.received}
        weight = sum(WEIGHTS[k] for k, v in parts.items() if v is not None)
        return round(100 * sum(WEIGHTS[k] * v for k, v in parts.items() if v is not None) / weight, 1)

    @property
    def grade(self) -> str:
        score = self.score
        if score is None:
            return "-"
        return next((g for floor, g in GRADES if score >= floor), "D")

    def as_row(self) -> dict:
        """The CSV/JSON form: counts, shares in percent (one decimal), score and grade."""
        pct = lambda v: None if v is None else round(100 * v, 1)  # noqa: E731
        return {"code": self.key, "name_en": self.name_en, "name_hi": self.name_hi, "detail": self.detail,
                "received": self.received, "disposed": self.disposed, "disposed_in_time": self.disposed_in_time,
                "pending": self.pending, "pending_beyond_time": self.pending_beyond_time,
                "escalated_by_time": self.escalated_by_time, "avg_days_to_dispose": self.avg_days_to_dispose,
                "satisfied_pct": pct(self.satisfied_share),
                "reopened_pct": pct(self.reopened_share), "special_closed": self.special_closed,
                "feedback_answers": self.feedback, "score": self.score, "grade": self.grade}


@dataclass
class Review:
    month: str
    district: str | None              # None: the whole state
    scope_en: str
    scope_hi: str
    start: datetime
    end: datetime
    as_of: datetime
    total: Figures
    posts: list[Figures] = field(default_factory=list)
    departments: list[Figures] = field(default_factory=list)
    districts: list[Figures] = field(default_factory=list)
    best: list[Figures] = field(default_factory=list)
    most_beyond_time: list[Figures] = field(default_factory=list)
    most_reopened: list[Figures] = field(default_factory=list)
    most_escalated: list[Figures] = field(default_factory=list)

    def summary(self) -> dict:
        return {"month": self.month, "scope": self.district or "state", "received": self.total.received,
                "disposed": self.total.disposed, "pending": self.total.pending,
                "pending_beyond_time": self.total.pending_beyond_time, "score": self.total.score,
                "grade": self.total.grade, "posts": len(self.posts),
                "best": [f.key for f in self.best], "most_beyond_time": [f.key for f in self.most_beyond_time],
                "most_escalated": [f.key for f in self.most_escalated]}


def month_window(month: str) -> tuple[datetime, datetime]:
    """The month "YYYY-MM" as [start, end) in aware UTC, by the helpline's local calendar."""
    m = _MONTH.match(str(month or "").strip())
    if not m or not 1 <= int(m.group(2)) <= 12 or int(m.group(1)) < 2000:
        raise InvalidInput("error.invalid_input", detail=f"month must be YYYY-MM, got {str(month)[:20]!r}")
    year, mon = int(m.group(1)), int(m.group(2))
    zone = clock.local_zone()
    start = datetime(year, mon, 1, tzinfo=zone)
    end = datetime(year + (mon == 12), mon % 12 + 1, 1, tzinfo=zone)
    return start.astimezone(timezone.utc), end.astimezone(timezone.utc)


def _days_between(later, earlier):  # noqa: ANN001, ANN202 - SQL expressions
    """Days between two datetime columns, as a float, on SQLite and PostgreSQL."""
    if engine().dialect.name == "sqlite":
        return func.julianday(later) - func.julianday(earlier)
    return func.extract("epoch", later - earlier) / 86400.0


def _finest_rows(start: datetime, end: datetime, as_of: datetime, district: str | None) -> list[dict]:
    """One SQL aggregation by (assigned post, department, district): a few thousand rows at most."""
    disposed_at = func.coalesce(Ticket.resolved_at, Ticket.closed_at)
    is_disposed = Ticket.state.in_(DISPOSED)
    is_pending = Ticket.state.in_(PENDING)
    one = lambda cond: func.sum(case((cond, 1), else_=0))  # noqa: E731
    reopened = (select(TicketEvent.ticket_id.label("ticket_id"))
                .where(TicketEvent.kind == "reopened", TicketEvent.at >= start)
                .group_by(TicketEvent.ticket_id).subquery())
    answers = (select(Feedback.ticket_id.label("ticket_id"), func.count().label("given"),
                      func.sum(case((Feedback.satisfied.is_(True), 1), else_=0)).label("sat"))
               .where(Feedback.created_at >= start).group_by(Feedback.ticket_id).subquery())
    query = (
        select(Ticket.assigned_post_id.label("post_id"), Ticket.department_code.label("department"),
               Ticket.district_code.label("district"),
               func.count().label("received"),
               one(is_disposed).label("disposed"),
               one(and_(is_disposed, Ticket.due_at.is_not(None), disposed_at <= Ticket.due_at))
               .label("disposed_in_time"),
               one(is_pending).label("pending"),
               one(and_(is_pending, Ticket.due_at.is_not(None), Ticket.due_at < as_of))
               .label("pending_beyond_time"),
               one(Ticket.state == SPECIAL_CLOSED).label("special_closed"),
               func.count(reopened.c.ticket_id).label("reopened"),
               func.coalesce(func.sum(answers.c.given), 0).label("feedback"),
               func.coalesce(func.sum(answers.c.sat), 0).label("satisfied"),
               func.coalesce(func.sum(case((and_(is_disposed, disposed_at.is_not(None)),
                                            _days_between(disposed_at, Ticket.created_at)),
                                           else_=literal(0.0))), 0.0).label("days_total"))
        .select_from(Ticket)
        .outerjoin(reopened, reopened.c.ticket_id == Ticket.id)
        .outerjoin(answers, answers.c.ticket_id == Ticket.id)
        .where(Ticket.created_at >= start, Ticket.created_at < end, Ticket.is_practice.is_(False))
        .group_by(Ticket.assigned_post_id, Ticket.department_code, Ticket.district_code)
    )
    if district:
        query = query.where(Ticket.district_code == district)
    # A plain connection: the review only reads, and must not take SQLite's write lock (BEGIN IMMEDIATE).
    with engine().connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def _escalation_rows(start: datetime, end: datetime, district: str | None) -> list[dict]:
    """Escalations by time in [start, end), by the post the ticket left, department and district."""
    query = (
        select(TicketEvent.from_post_id.label("post_id"), Ticket.department_code.label("department"),
               Ticket.district_code.label("district"), func.count().label("escalated_by_time"))
        .select_from(TicketEvent).join(Ticket, Ticket.id == TicketEvent.ticket_id)
        .where(TicketEvent.kind == "escalated", TicketEvent.at >= start, TicketEvent.at < end,
               TicketEvent.from_post_id.is_not(None), Ticket.is_practice.is_(False))
        .group_by(TicketEvent.from_post_id, Ticket.department_code, Ticket.district_code)
    )
    if district:
        query = query.where(Ticket.district_code == district)
    with engine().connect() as conn:
        return [dict(r._mapping) for r in conn.execute(query)]


def _post_labels(post_ids: set[int]) -> dict[int, tuple[str, str, str, str]]:
    """Post id -> (code, title_en, title_hi, "L<n> · holder")."""
    if not post_ids:
        return {}
    with unit_of_work() as session:
        posts = session.execute(select(OfficerPost.id, OfficerPost.code, OfficerPost.title_en,
                                       OfficerPost.title_hi, OfficerPost.level)
                                .where(OfficerPost.id.in_(post_ids))).all()
        holders = dict(session.execute(select(Officer.post_id, Officer.name).where(
            Officer.post_id.in_(post_ids), Officer.active.is_(True)).order_by(Officer.id)).all())
    return {p.id: (p.code, p.title_en, p.title_hi,
                   " · ".join(x for x in (level_label(p.level) or "", holders.get(p.id, "")) if x))
            for p in posts}


def _ranked(items: dict[str, Figures]) -> list[Figures]:
    return sorted(items.values(), key=lambda f: (-(f.score if f.score is not None else -1), -f.received, f.key))


def _most(posts: list[Figures], count: str) -> list[Figures]:
    """The TOP posts with the highest `count` (none with zero); ties: more received first."""
    return sorted((f for f in posts if getattr(f, count)),
                  key=lambda f: (-getattr(f, count), -f.received, f.key))[:TOP]


def monthly_review(month: str, *, district: str | None = None, now: datetime | None = None) -> Review:
    """The review of `month` ("YYYY-MM") for a district (code or name) or, with None, the state."""
    start, end = month_window(month)
    dist = None
    if district not in (None, ""):
        dist = reference.resolve_district(district)
        if dist is None:
            raise InvalidInput("error.unknown_district", value=str(district)[:60])
    as_of = clock.aware(now)
    scope = dist.code if dist else None
    rows = _finest_rows(start, end, as_of, scope) + _escalation_rows(start, end, scope)
    labels = _post_labels({r["post_id"] for r in rows if r["post_id"] is not None})
    posts: dict[str, Figures] = {}
    departments: dict[str, Figures] = {}
    districts: dict[str, Figures] = {}
    total = Figures("total", "Total", "कुल")
    for r in rows:
        code, title_en, title_hi, detail = labels.get(r["post_id"], (NO_POST, "No officer post", "कोई पद नहीं", ""))
        posts.setdefault(code, Figures(code, title_en, title_hi, detail)).add(r)
        dep_code, dist_code = r["department"], r["district"]
        departments.setdefault(dep_code, Figures(dep_code, reference.department_name(dep_code, "en"),
                                                 reference.department_name(dep_code, "hi"))).add(r)
        districts.setdefault(dist_code, Figures(dist_code, reference.place_name(dist_code, None, "en"),
                                                reference.place_name(dist_code, None, "hi"))).add(r)
        total.add(r)
    ranked_posts = _ranked(posts)
    real_posts = [f for f in ranked_posts if f.key != NO_POST]
    best = [f for f in real_posts if f.received >= MIN_RECEIVED and f.grade in ("A", "B")][:TOP]
    return Review(month=month.strip(), district=scope,
                  scope_en=f"{dist.name_en} district" if dist else "Uttarakhand (state)",
                  scope_hi=f"जनपद {dist.name_hi}" if dist else "उत्तराखण्ड (राज्य)",
                  start=start, end=end, as_of=as_of, total=total, posts=ranked_posts,
                  departments=_ranked(departments), districts=_ranked(districts),
                  best=best, most_beyond_time=_most(real_posts, "pending_beyond_time"),
                  most_reopened=_most(real_posts, "reopened"), most_escalated=_most(real_posts, "escalated_by_time"))
