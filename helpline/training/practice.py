"""Practice mode: realistic sample tickets for one officer, worked with the real service and rules.

A round is three practice tickets (ticket.is_practice) of the officer's own department, place and
level, each meant for one action: resolve with a note, reject with the fitting reason, transfer to
the right department. Practice tickets are seen only by their officer (`visible_to`), send no
notification (outbox writes none), are never swept, and no figure counts them. Clearing archives
them (practice_ticket.cleared_at); no row is ever deleted.
Public: start_or_continue(officer), progress(officer), clear(officer), tip_after(number, action, ...),
visible_to(officer_id), may_see(session, ticket, officer), finished_officers(officer_ids).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from helpline import clock, reference, rules
from helpline.errors import InvalidInput, NotFound
from helpline.store.db import unit_of_work
from helpline.store.models import Citizen, Officer, OfficerPost, PracticeTicket, Ticket, TicketEvent
from helpline.texts import render
from helpline.tickets import lifecycle

PREFIX = "PRC"
SCENARIOS = ("resolve", "reject", "transfer")
# The event kinds that show a scenario was handled as it should be.
GOALS = {"resolve": ("resolved",), "reject": ("rejection_requested", "rejected"),
         "transfer": ("transfer_requested", "transferred")}
REJECT_REASON = "personal_dispute"

# One realistic complaint per department for the "resolve" scenario (Hindi, English).
RESOLVE_SAMPLES: dict[str, tuple[str, str]] = {
    "energy": ("हमारे मोहल्ले में दो दिन से बिजली नहीं है, खंभे का तार टूटकर सड़क पर पड़ा है।",
               "No power in our lane for two days; the wire from the pole is broken and lying on the road."),
    "drinking_water": ("गाँव के स्टैंड पोस्ट में पाँच दिन से पानी नहीं आ रहा, पाइपलाइन रिस रही है।",
                       "The village stand post has had no water for five days; the pipeline is leaking."),
    "public_works": ("मुख्य सड़क पर स्कूल के पास बड़ा गड्ढा है, रोज़ दोपहिया वाहन फिसल रहे हैं।",
                     "A large pothole on the main road near the school; two-wheelers slip every day."),
    "urban_development": ("वार्ड 4 में एक हफ्ते से कूड़ा नहीं उठाया गया, नाली भी बंद है।",
                          "Garbage in ward 4 has not been collected for a week and the drain is blocked."),
    "home_police": ("बाज़ार में रात को तेज़ आवाज़ में डीजे बजता है, शिकायत के बाद भी कोई नहीं आया।",
                    "A loud DJ plays late at night in the market; nobody came after we called."),
    "health": ("प्राथमिक स्वास्थ्य केंद्र में तीन दिन से डॉक्टर नहीं आ रहे, मरीज़ लौट रहे हैं।",
               "The doctor has not come to the primary health centre for three days; patients are sent back."),
    "school_education": ("प्राथमिक विद्यालय में एक हफ्ते से मध्याह्न भोजन नहीं बना।",
                         "No mid-day meal has been cooked at the primary school for a week."),
    "revenue": ("दाखिल खारिज का आवेदन तीन महीने से तहसील में लंबित है।",
                "My mutation application has been pending at the tehsil for three months."),
    "food_supply": ("राशन विक्रेता इस महीने का पूरा राशन नहीं दे रहा, कम तौल रहा है।",
                    "The ration dealer is not giving this month's full ration and weighs short."),
    "social_welfare": ("मेरी वृद्धावस्था पेंशन चार महीने से खाते में नहीं आई।",
                       "My old-age pension has not reached my account for four months."),
    "rural_development": ("मनरेगा में किए काम की मज़दूरी दो महीने से नहीं मिली।",
                          "Wages for MGNREGA work have not been paid for two months."),
    "panchayati_raj": ("ग्राम पंचायत ने परिवार रजिस्टर की नकल एक महीने से नहीं दी।",
                       "The gram panchayat has not given a copy of the family register for a month."),
    "forest": ("बंदर और जंगली सूअर हमारी गेहूँ की फसल नष्ट कर रहे हैं।",
               "Monkeys and wild boar are destroying our wheat crop."),
    "agriculture": ("सहकारी समिति में दस दिन से यूरिया खाद उपलब्ध नहीं है।",
                    "No urea fertiliser at the cooperative society for ten days."),
    "transport": ("रोडवेज़ बस का कंडक्टर तय किराए से ज़्यादा पैसे ले रहा है।",
                  "The Roadways bus conductor charges more than the fixed fare."),
    "irrigation": ("गूल टूट गई है, खेतों तक सिंचाई का पानी नहीं पहुँच रहा।",
                   "The irrigation channel (gool) is broken; water does not reach the fields."),
    "women_child": ("आंगनबाड़ी केंद्र एक हफ्ते से बंद है, बच्चों को पोषाहार नहीं मिल रहा।",
                    "The anganwadi centre has been closed for a week; children get no nutrition."),
    "other": ("बस अड्डे के पास पुराना पेड़ बिजली के तारों पर झुक गया है, किसी भी समय गिर सकता है।",
              "An old tree near the bus stand leans on the power lines and may fall any time."),
}
REJECT_SAMPLE = ("पड़ोसी ने हमारे आँगन की ओर अपनी दीवार आधा फुट बढ़ा ली है, उसे सबक सिखाइए।",
                 "My neighbour moved his wall half a foot towards our courtyard; teach him a lesson.")
# For the transfer scenario: a complaint of another department (water, else electricity).
TRANSFER_SAMPLES = {
    "drinking_water": ("हमारे गाँव का हैंडपंप एक महीने से खराब है, पीने का पानी दूर से लाना पड़ता है।",
                       "Our village hand pump has been broken for a month; we fetch drinking water from far."),
    "energy": ("गाँव का ट्रांसफार्मर जल गया है, चार दिन से बिजली नहीं है।",
               "The village transformer burnt out; no electricity for four days."),
}
TIME_WORDS = re.compile(r"\d|आज|कल|परसों|सुबह|शाम|दोपहर|रात|बजे|तारीख|दिनांक|जनवरी|फरवरी|मार्च|अप्रैल|मई|जून|"
                        r"जुलाई|अगस्त|सितंबर|अक्टूबर|नवंबर|दिसंबर|today|yesterday|morning|evening|noon|night|"
                        r"\b(?:am|pm|on|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.IGNORECASE)


@dataclass(frozen=True)
class PracticeItem:
    number: str
    scenario: str              # resolve | reject | transfer
    expected: str | None       # the fitting reason (reject) or department (transfer)
    state: str
    done: bool                 # the scenario's goal was reached


@dataclass(frozen=True)
class Progress:
    officer_id: int
    round_no: int              # 0: no round yet
    items: list[PracticeItem]
    finished: bool             # this officer has finished a round, now or before
    started_now: bool = False

    @property
    def left(self) -> list[PracticeItem]:
        return [i for i in self.items if not i.done]


# ---------------------------------------------------------------- visibility (used by service.py)

def visible_to(officer_id: int) -> ColumnElement[bool]:
    """SQL: real tickets, and this officer's own practice tickets not cleared."""
    own = select(PracticeTicket.ticket_id).where(PracticeTicket.officer_id == officer_id,
                                                 PracticeTicket.cleared_at.is_(None))
    return or_(Ticket.is_practice.is_(False), Ticket.is_practice.is_(None), Ticket.id.in_(own))


def may_see(session: Session, ticket: Ticket, officer: Officer) -> bool:
    """A practice ticket is seen and acted on only by its officer, until cleared."""
    if not ticket.is_practice:
        return True
    return session.scalar(select(PracticeTicket.id).where(
        PracticeTicket.ticket_id == ticket.id, PracticeTicket.officer_id == officer.id,
        PracticeTicket.cleared_at.is_(None))) is not None


# ---------------------------------------------------------------- rounds

def _holder(session: Session, officer: int | str) -> Officer:
    text = str(officer).strip()
    query = select(Officer).join(OfficerPost, Officer.post_id == OfficerPost.id).where(Officer.active.is_(True))
    query = query.where(Officer.id == int(text)) if text.isdigit() else query.where(OfficerPost.code == text)
    who = session.scalars(query.order_by(Officer.id.desc())).first()
    if who is None:
        raise NotFound("error.officer_not_found", value=text[:60])
    return who


def _place(post: OfficerPost) -> tuple[str, str | None]:
    """Where the officer's practice tickets happen: their block, else a block of their district."""
    district = post.district_code or reference.districts()[0].code
    if post.block_code:
        return district, post.block_code
    blocks = reference.blocks_of(district)
    return district, blocks[0].code if blocks else None


def _goal_met(session: Session, row: PracticeTicket) -> bool:
    kinds = GOALS[row.scenario]
    return session.scalar(select(func.count(TicketEvent.id)).where(
        TicketEvent.ticket_id == row.ticket_id, TicketEvent.kind.in_(kinds))) > 0


def _rows(session: Session, officer_id: int, *, open_only: bool) -> list[PracticeTicket]:
    query = select(PracticeTicket).where(PracticeTicket.officer_id == officer_id)
    if open_only:
        query = query.where(PracticeTicket.cleared_at.is_(None))
    return list(session.scalars(query.order_by(PracticeTicket.round_no, PracticeTicket.id)))


def _progress(session: Session, who: Officer, started_now: bool = False) -> Progress:
    rows = _rows(session, who.id, open_only=False)
    rounds: dict[int, list[bool]] = {}
    for row in rows:
        rounds.setdefault(row.round_no, []).append(_goal_met(session, row))
    finished = any(len(done) == len(SCENARIOS) and all(done) for done in rounds.values())
    current = [r for r in rows if r.cleared_at is None]
    round_no = max((r.round_no for r in current), default=0)
    items = []
    for row in current:
        if row.round_no != round_no:
            continue
        ticket = session.get(Ticket, row.ticket_id)
        items.append(PracticeItem(ticket.number, row.scenario, row.expected, ticket.state, _goal_met(session, row)))
    return Progress(who.id, round_no, items, finished, started_now)


def progress(officer: int | str) -> Progress:
    """The officer's current round (not cleared) and whether they ever finished one."""
    with unit_of_work(readonly=True) as session:
        return _progress(session, _holder(session, officer))


def _number(session: Session, now: datetime) -> str:
    year = now.astimezone(clock.local_zone()).year
    made = session.scalar(select(func.count(PracticeTicket.id))) or 0
    return f"{PREFIX}-{year}-{made + 1:06d}"


def _practice_citizen(session: Session, who: Officer, now: datetime) -> Citizen:
    citizen = Citizen(name="अभ्यास नागरिक / Practice citizen", phone=None, language=who.language, created_at=now)
    session.add(citizen)
    session.flush()
    return citizen


def _make_ticket(session: Session, who: Officer, citizen: Citizen, round_no: int, scenario: str,
                 now: datetime) -> None:
    post = who.post
    department = post.department_code or "other"
    district, block = _place(post)
    expected = None
    if scenario == "resolve":
        hi, en = RESOLVE_SAMPLES.get(department, RESOLVE_SAMPLES["other"])
    elif scenario == "reject":
        (hi, en), expected = REJECT_SAMPLE, REJECT_REASON
    else:
        expected = "energy" if department == "drinking_water" else "drinking_water"
        hi, en = TRANSFER_SAMPLES[expected]
    text = en if who.language == "en" else hi
    ticket = Ticket(number=_number(session, now), text=text, normalised_text="", department_code=department,
                    district_code=district, block_code=block, state=rules.ASSIGNED, level=post.level or rules.MIN_LEVEL,
                    assigned_post_id=post.id, assigned_post=post, channel="phone", citizen_id=citizen.id,
                    citizen=citizen, language=who.language, is_practice=True, reminded_level=0,
                    overdue_notified=False, created_at=now, updated_at=now)
    ticket.due_at = now + lifecycle.level_time(ticket, ticket.level)
    session.add(ticket)
    session.flush()
    lifecycle.add_event(session, ticket, now, "filed", actor="system", to_state=rules.REGISTERED,
                        to_level=ticket.level, note=f"practice ticket for officer:{who.id}")
    lifecycle.add_event(session, ticket, now, "assigned", actor="system", from_state=rules.REGISTERED,
                        to_state=rules.ASSIGNED, from_level=ticket.level, to_level=ticket.level,
                        note=f"practice round {round_no}: {scenario}")
    ticket.next_sweep_at = None   # the sweep skips practice tickets anyway; nothing is due
    session.add(PracticeTicket(ticket_id=ticket.id, officer_id=who.id, round_no=round_no, scenario=scenario,
                               expected=expected, created_at=now))
    session.flush()


def start_or_continue(officer: int | str, *, now: datetime | None = None) -> Progress:
    """The officer's unfinished round, else a new round (a finished one is archived first)."""
    now = clock.aware(now)
    for attempt in range(3):
        try:
            with unit_of_work() as session:
                who = _holder(session, officer)
                if who.post.role != "officer" or who.post.level is None:
                    raise InvalidInput("training.practice_not_for_dm")
                current = _progress(session, who)
                if current.items and current.left:
                    return current
                for row in _rows(session, who.id, open_only=True):
                    row.cleared_at = now
                last = session.scalar(select(func.max(PracticeTicket.round_no))
                                      .where(PracticeTicket.officer_id == who.id)) or 0
                citizen = _practice_citizen(session, who, now)
                for scenario in SCENARIOS:
                    _make_ticket(session, who, citizen, last + 1, scenario, now)
                return _progress(session, who, started_now=True)
        except IntegrityError:   # two rounds numbered at once (PostgreSQL): take the next numbers
            if attempt == 2:
                raise
    raise AssertionError("unreachable")


def clear(officer: int | str, *, now: datetime | None = None) -> int:
    """Archive the officer's practice tickets (hidden from now on, never deleted); returns how many."""
    now = clock.aware(now)
    with unit_of_work() as session:
        who = _holder(session, officer)
        rows = _rows(session, who.id, open_only=True)
        for row in rows:
            row.cleared_at = now
            ticket = session.get(Ticket, row.ticket_id)
            ticket.next_sweep_at = None
        return len(rows)


def finished_officers(officer_ids: list[int]) -> set[int]:
    """Which of these officers have finished a practice round."""
    if not officer_ids:
        return set()
    with unit_of_work(readonly=True) as session:
        rows = list(session.scalars(select(PracticeTicket).where(PracticeTicket.officer_id.in_(officer_ids))))
        rounds: dict[tuple[int, int], list[bool]] = {}
        for row in rows:
            rounds.setdefault((row.officer_id, row.round_no), []).append(_goal_met(session, row))
    return {oid for (oid, _), done in rounds.items() if len(done) == len(SCENARIOS) and all(done)}


# ---------------------------------------------------------------- tips

def is_practice_number(number: str | None) -> bool:
    return str(number or "").upper().startswith(PREFIX + "-")


def tip_before(item: PracticeItem, lang: str) -> str:
    """The tip shown with a practice ticket: what this sample needs."""
    if item.scenario == "reject":
        return render("training.tip_reject", lang, reason=render(f"reason.{item.expected}", lang))
    if item.scenario == "transfer":
        return render("training.tip_transfer", lang, department=reference.department_name(item.expected, lang))
    return render("training.tip_resolve", lang)


def note_gaps(note: str | None) -> list[str]:
    """What a resolution note lacks of "what was done, where, and when" (message codes)."""
    text = (note or "").strip()
    gaps = []
    if len(text.split()) < 6:
        gaps.append("training.missing_detail")
    if not TIME_WORDS.search(text):
        gaps.append("training.missing_when")
    return gaps


def tip_after(number: str, action: str, officer: int | str, *, lang: str, note: str | None = None,
              reason: str | None = None, to_department: str | None = None, level: str | None = None) -> list[str]:
    """The tips after an action on a practice ticket: how it went, then what is left of the round."""
    with unit_of_work(readonly=True) as session:
        who = _holder(session, officer)
        row = session.scalars(select(PracticeTicket).join(Ticket, Ticket.id == PracticeTicket.ticket_id)
                              .where(Ticket.number == str(number).upper(),
                                     PracticeTicket.officer_id == who.id)).first()
        if row is None:
            return []
        scenario, expected = row.scenario, row.expected
        post_level = who.post.level
    approval = render("training.approval_pending" if rules.needs_approval("reject", post_level) else "training.approval_done",
                      lang)
    tips = []
    if action == "start":
        tips.append(render("training.after_start", lang))
    elif action == "resolve" and scenario == "resolve":
        gaps = note_gaps(note)
        tips.append(render("training.after_resolve_weak", lang, missing=", ".join(render(g, lang) for g in gaps))
                    if gaps else render("training.after_resolve_good", lang))
    elif action == "reject" and scenario == "reject":
        if reason == expected:
            tips.append(render("training.after_reject_ok", lang, approval=approval))
        else:
            tips.append(render("training.after_reject_other_reason", lang, approval=approval,
                               given=render(f"reason.{reason}", lang), expected=render(f"reason.{expected}", lang)))
    elif action == "transfer" and scenario == "transfer":
        if to_department == expected:
            tips.append(render("training.after_transfer_ok", lang, approval=approval))
        else:
            tips.append(render("training.after_transfer_other", lang, approval=approval,
                               given=reference.department_name(to_department, lang),
                               expected=reference.department_name(expected, lang)))
    else:
        tips.append(render("training.after_wrong_action", lang, expected=render(f"training.expect_{scenario}", lang)))
    now = progress(officer)
    if now.items and not now.left:
        tips.append(render("training.practice_finished", lang))
    elif now.left:
        tips.append(render("training.practice_left", lang, left=len(now.left)))
    return tips

