"""Filing: numbers, routing, idempotency, abuse control, validation (SQLite and PostgreSQL)."""
from __future__ import annotations

import re

import pytest
from core_helpers import ENERGY_L2, ENERGY_L3, T0, UKHIMATH_L1, days, file, outbox_rows
from sqlalchemy import func, select

from helpline import service, settings
from helpline.store.db import unit_of_work
from helpline.errors import DailyLimitExceeded, InvalidInput
from helpline.store.models import Ticket


def _count() -> int:
    with unit_of_work() as s:
        return s.scalar(select(func.count(Ticket.id)))


def test_filing_gives_a_number_and_routes_to_the_block_l1(database):
    t = file()
    assert re.fullmatch(r"CMH-2026-\d{6}", t.number)
    assert (t.state, t.level, t.assigned_post) == ("assigned", "L1", UKHIMATH_L1)
    assert t.due_at == T0 + days(7)
    assert [e.kind for e in service.get_ticket(t.number).events] == ["filed", "assigned"]
    notices = outbox_rows(t.number)
    assert [(n.kind, n.recipient_kind) for n in notices] == [("assigned", "officer")]
    assert t.number in notices[0].payload["text"]


def test_numbers_follow_each_other_within_a_year(database):
    a = file("no power in Guptkashi market", channel_user_id="1")
    b = file("road blocked by landslide debris", department="public_works", channel_user_id="2")
    assert int(b.number[-6:]) == int(a.number[-6:]) + 1


def test_same_key_filed_twice_gives_one_ticket(database):
    a = file(key="telegram:1001:form-1")
    b = file(key="telegram:1001:form-1", text="a retried submission with other words entirely")
    assert a.number == b.number
    with unit_of_work() as s:
        assert s.scalar(select(func.count(Ticket.id))) == 1


def test_names_resolve_by_code_english_hindi_and_alias(database):
    t = file(district="रुद्रप्रयाग", block="Okhimath")
    assert (t.district, t.block) == ("rudraprayag", "ukhimath")
    t2 = file("water pipeline leaking near school", department="drinking_water", district="RUDRAPRAYAG",
              block="उखीमठ", channel_user_id="77")
    assert t2.block == "ukhimath"


def test_without_a_block_post_the_district_post_takes_it(database):
    t = file(block=None)
    assert t.assigned_post == ENERGY_L2 and t.level == "L2"


def test_district_without_posts_goes_to_the_state_post(database):
    t = file(district="dehradun", block=None)
    assert t.assigned_post == ENERGY_L3 and t.level == "L3"


def test_ticket_with_no_post_at_all_is_kept_registered_and_the_desk_is_told(database):
    t = file("stray dogs everywhere in our lane", department="other", district="dehradun", block=None)
    assert (t.state, t.assigned_post) == ("registered", None)
    assert service.get_ticket(t.number).events[-1].note.endswith("routing desk")
    t2 = file("stray dogs everywhere in our lane", department="other", district="rudraprayag",
              block=None, channel_user_id="55")
    assert t2.assigned_post == "other.L1.rudraprayag"


@pytest.mark.parametrize("field,value,code", [
    ("department", "electricity board", "error.unknown_department"),
    ("district", "gotham", "error.unknown_district"),
    ("block", "nowhere", "error.unknown_block"),
    ("phone", "12345", "error.invalid_phone"),
    ("text", "   ", "error.empty_text"),
    ("channel", "pigeon", "error.invalid_channel"),
])
def test_bad_input_is_refused_and_nothing_is_written(database, field, value, code):
    with pytest.raises(InvalidInput) as err:
        file(**{field: value})
    assert err.value.code == code
    assert err.value.text("hi") and err.value.text("en") != code
    assert _count() == 0


@pytest.mark.parametrize("raw", ["9876543210", "+91 98765 43210", "09876543210", "919876543210"])
def test_phone_numbers_are_stored_in_one_form(database, raw):
    t = file(phone=raw, channel="phone", channel_user_id=None)
    view = service.get_ticket(t.number, officer=UKHIMATH_L1)
    assert view.citizen_phone == "+919876543210"


def test_daily_limit_refuses_the_next_complaint_with_a_clear_message(database, monkeypatch):
    monkeypatch.setattr(settings, "DAILY_COMPLAINT_LIMIT", 3)
    texts = ["no electricity", "road broken near temple", "teacher absent for a month", "ration not given"]
    deps = ["energy", "public_works", "school_education", "food_supply"]
    for text, dep in zip(texts[:3], deps):
        file(text, department=dep)
    with pytest.raises(DailyLimitExceeded) as err:
        file(texts[3], department=deps[3])
    assert "3" in err.value.text("en") and "कल" in err.value.text("hi")
    assert _count() == 3
    # Another citizen is not affected, and the next day the same citizen may file again.
    file(texts[3], department=deps[3], channel_user_id="other-person")
    file(texts[3], department=deps[3], now=T0 + days(1))


def test_near_identical_complaint_is_linked_not_multiplied(database):
    first = file("Transformer burnt in Ukhimath, no electricity for 3 days!")
    again = file("transformer burnt in ukhimath no electricity for 3 days", now=T0 + days(2))
    assert again.linked and again.number == first.number
    assert _count() == 1
    history = service.get_ticket(first.number).events
    assert history[-1].kind == "linked" and "ukhimath" in history[-1].note
    other = file("Ration shop dealer refuses to give wheat", department="food_supply", now=T0 + days(2))
    assert not other.linked and other.number != first.number
    # Too old to be linked: a new ticket.
    late = file("Transformer burnt in Ukhimath, no electricity for 3 days!", now=T0 + days(31))
    assert not late.linked and late.number != first.number


def test_linked_filing_keeps_its_key(database):
    first = file("Transformer burnt in Ukhimath, no electricity", key="k1")
    again = file("Transformer burnt in Ukhimath no electricity", key="k2")
    retry = file("Transformer burnt in Ukhimath no electricity", key="k2")
    assert again.linked and retry.linked and retry.number == first.number
    assert len(service.get_ticket(first.number).events) == 3


def test_citizen_reads_only_own_tickets(database):
    mine = file(channel_user_id="111")
    assert service.citizen_ticket(mine.number, channel="telegram", channel_user_id="111").number == mine.number
    assert service.citizen_ticket(mine.number.lower(), channel="telegram", channel_user_id="111") is not None
    assert service.citizen_ticket(mine.number, channel="telegram", channel_user_id="222") is None
    assert service.citizen_ticket("CMH-2026-999999", channel="telegram", channel_user_id="111") is None
    assert [t.number for t in service.citizen_tickets(channel="telegram", channel_user_id="111")] == [mine.number]
    assert service.citizen_tickets(channel="telegram", channel_user_id="222") == []


def test_location_photos_and_language_are_kept(database):
    t = file(location={"lat": 30.52, "lon": 79.09}, photos=["tg:file-1"], language="en", name="Asha")
    view = service.get_ticket(t.number)
    assert view.location == (30.52, 79.09) and view.photos == ["tg:file-1"]
    assert (view.language, view.citizen_name) == ("en", "Asha")
    assert view.as_json()["location"] == {"lat": 30.52, "lon": 79.09}


def test_department_without_posts_in_the_district_goes_to_the_routing_desk(database):
    from sqlalchemy import update

    from helpline.store.models import OfficerPost

    with unit_of_work() as s:
        s.execute(update(OfficerPost).where(OfficerPost.department_code == "forest").values(active=False))
    t = file("Leopard seen near the school every evening", department="forest")
    assert (t.state, t.assigned_post, t.level) == ("registered", None, "L1")
    desk = outbox_rows(t.number)
    assert [(r.kind, r.recipient_kind) for r in desk] == [("assigned", "officer")]
    assert desk[0].payload["message"] == "notify.unrouted" and t.number in desk[0].payload["text"]
    # The desk routes it by hand to a department that has posts.
    assert service.get_ticket(t.number, officer="other.L1.rudraprayag").text.startswith("Leopard")
    moved = service.officer_action(t.number, "transfer", officer="other.L1.rudraprayag",
                                   to_department="home_police", now=T0 + days(1))
    assert (moved.department, moved.state, moved.assigned_post) == (
        "home_police", "transferred", "home_police.L1.rudraprayag.ukhimath")


def test_near_identical_hindi_complaint_is_linked(database):
    first = file("तीन दिन से बिजली नहीं है, ट्रांसफार्मर जल गया है।", language="hi")
    again = file("तीन दिन से बिजली नहीं है ट्रांसफार्मर जल गया है", language="hi")
    different = file("गांव की सड़क पूरी तरह टूट गई है, गाड़ी नहीं चलती", language="hi")
    assert again.linked and again.number == first.number
    assert not different.linked
