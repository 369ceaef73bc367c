"""The core's own guards and the web chat: another citizen's ticket, officers outside jurisdiction or level.

Each refusal is an error the person can read (HelplineError) or the same answer as for a missing
ticket; nothing is written.
"""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from helpline import service
from helpline.errors import HelplineError, NotFound, PermissionDenied
from tests.faults.kit import counts
from tests.security.kit import DEEP_JSON, SCRIPT, SQL_INJECTIONS, assert_no_leak

pytestmark = pytest.mark.timeout(60)


def _file(*, block="ukhimath", user="9001", department="energy") -> str:
    return service.file_ticket(text="Transformer burnt, no power for three days", department=department,
                               district="rudraprayag", block=block, phone="9876543210",
                               channel="telegram", channel_user_id=user).number


def test_another_citizens_ticket_reads_exactly_like_a_missing_one(sqlite_database):
    mine = _file(user="9001")
    missing = mine[:-6] + "999999"
    assert service.citizen_ticket(mine, channel="telegram", channel_user_id="9001").number == mine
    for channel, user in (("telegram", "9002"), ("whatsapp", "9001"), ("web", "9001")):
        assert service.citizen_ticket(mine, channel=channel, channel_user_id=user) is None
        assert service.citizen_ticket(missing, channel=channel, channel_user_id=user) is None
    for attack in SQL_INJECTIONS:
        assert service.citizen_ticket(attack, channel="telegram", channel_user_id="9001") is None
        assert service.citizen_tickets(channel="telegram", channel_user_id=attack) == []


def test_feedback_on_another_citizens_ticket_is_refused_and_writes_nothing(sqlite_database):
    number = _file(user="9011")
    service.officer_action(number, "resolve", officer="energy.L1.rudraprayag.ukhimath", note="Transformer replaced")
    before = counts()
    with pytest.raises(NotFound):
        service.give_feedback(number, satisfied=False, channel="telegram", channel_user_id="9012")
    assert counts() == before and service.get_ticket(number).state == "resolved"


@pytest.mark.parametrize("officer, action, kwargs", [
    ("energy.L1.rudraprayag.jakholi", "start", {}),                        # another block
    ("drinking_water.L1.rudraprayag.ukhimath", "resolve", {"note": "done"}),  # another department
    ("energy.L1.rudraprayag.ukhimath", "special_close", {"note": "closing"}),  # L3/L4 only
    ("dm.rudraprayag", "resolve", {"note": "done"}),                        # the DM only watches
    ("energy.L2.rudraprayag", "approve", {}),                               # nothing to approve
])
def test_officers_outside_their_jurisdiction_or_level_are_refused_and_nothing_changes(
        sqlite_database, officer, action, kwargs):
    number = _file(user="9021")
    before, state = counts(), service.get_ticket(number).state
    with pytest.raises(HelplineError) as refused:
        service.officer_action(number, action, officer=officer, **kwargs)
    assert refused.value.text("hi") and refused.value.text("en")   # a polite sentence in both languages
    assert counts() == before and service.get_ticket(number).state == state


def test_an_officer_cannot_read_outside_their_jurisdiction_nor_see_phones_not_assigned_to_them(sqlite_database):
    number = _file(user="9031")
    with pytest.raises(PermissionDenied):
        service.get_ticket(number, officer="energy.L1.rudraprayag.jakholi")
    assert service.get_ticket(number, officer="energy.L1.rudraprayag.ukhimath").citizen_phone == "+919876543210"
    assert service.get_ticket(number, officer="dm.rudraprayag").citizen_phone is None
    for attack in SQL_INJECTIONS:
        with pytest.raises(HelplineError):
            service.officer_action(attack, "start", officer="energy.L1.rudraprayag.ukhimath")
        with pytest.raises(HelplineError):
            service.officer_action(number, "start", officer=attack)


def test_hostile_complaint_text_is_kept_literally_and_the_tables_survive(sqlite_database):
    for i, attack in enumerate(SQL_INJECTIONS + (SCRIPT,)):
        view = service.file_ticket(text=f"{attack} pole {i}", department="energy", district="rudraprayag",
                                   channel="web", channel_user_id=f"hostile-{i}")
        assert service.get_ticket(view.number).text == f"{attack} pole {i}"
    assert counts()["tickets"] == len(SQL_INJECTIONS) + 1
    for attack in SQL_INJECTIONS:
        with pytest.raises(HelplineError):
            service.file_ticket(text="no power", department="energy", district=attack, channel="web")
        with pytest.raises(HelplineError):
            service.file_ticket(text="no power", department=attack, district="rudraprayag", channel="web")


@pytest.fixture
def chat(sqlite_database):
    from portal.app import create_app

    with TestClient(create_app(), raise_server_exceptions=False) as client:
        session = re.search(r'data-session="([0-9a-f]{32})"', client.get("/").text).group(1)
        yield client, session


def test_web_chat_refuses_another_session_and_hostile_bodies(chat):
    client, session = chat
    before = counts()
    deep = ("[" * 5000 + "]" * 5000).encode()   # under the 16 KB body limit, far over any parser's depth
    cases = [
        ({"json": {"session": "f" * 32, "text": "status CMH-2026-000001"}}, 403),
        ({"content": deep, "headers": {"Content-Type": "application/json"}}, 400),
        ({"content": DEEP_JSON, "headers": {"Content-Type": "application/json"}}, 413),
        ({"content": b'{"session": "' + session.encode() + b'", "text": "\xff\xfe"}',
          "headers": {"Content-Type": "application/json"}}, 400),
        ({"json": {"session": session, "text": {"$ne": 1}}}, 400),
    ]
    for request, status in cases:
        answer = client.post("/chat/send", **request)
        assert answer.status_code == status, (status, answer.status_code, answer.text[:200])
        assert_no_leak(answer.text)
    assert counts() == before
