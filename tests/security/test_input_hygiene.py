"""Issue 15, finding 6: control characters and non-characters never get in, and the XML feed stays well-formed.

One shared rule (helpline.text_hygiene) at every entry: Open311 POST refuses them; filing, the CLI,
the dashboard forms and the Rasa form strip them; the Open311 XML writer strips whatever is already stored.
"""
from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update

from helpline import service, settings
from helpline.store import db
from helpline.store.models import Ticket
from helpline.text_hygiene import strip_unsafe

KEY = "hygiene-key"
BAD = ["\uffff", "\x0b", "\x01", "\ufffe", "\U0010ffff", "\x7f", "\x85", "\ufdd0"]


@pytest.fixture
def client(sqlite_database, monkeypatch):
    from portal.app import create_app

    monkeypatch.setattr(settings, "OPEN311_API_KEYS", [KEY + ":state"])
    with TestClient(create_app(), base_url="http://testserver", raise_server_exceptions=False) as c:
        yield c


def test_the_rule_keeps_text_and_layout_and_drops_the_rest() -> None:
    assert strip_unsafe("बिजली\tनहीं\r\nहै " + "".join(BAD) + " ok") == "बिजली\tनहीं\r\nहै  ok"


@pytest.mark.parametrize("bad", ["\uffff", "\x0b"])
def test_a_complaint_holding_a_control_or_non_character_leaves_requests_xml_well_formed(client, bad) -> None:
    number = service.file_ticket(text=f"Bijli{bad} nahi hai", department="energy", district="rudraprayag",
                                 block="ukhimath", channel="telegram", channel_user_id="hyg-1").number
    assert bad not in service.get_ticket(number).text          # stripped when filed
    with db.unit_of_work() as session:                          # and text stored before the fix
        session.execute(update(Ticket).where(Ticket.number == number).values(text=f"Purana{bad} text"))
    service.officer_action(number, "start", officer="energy.L1.rudraprayag.ukhimath", note=f"note{bad}")
    for headers in ({"X-Api-Key": KEY}, {}):
        for path in ("/open311/v2/requests.xml", f"/open311/v2/requests/{number}.xml"):
            answer = client.get(path, headers=headers)
            assert answer.status_code == 200
            root = ET.fromstring(answer.content)                 # well-formed, or this raises
            if headers:
                assert root.findtext("request/description") == "Purana text"


@pytest.mark.parametrize("bad", BAD)
def test_open311_post_refuses_control_and_non_characters(client, bad) -> None:
    form = {"api_key": KEY, "service_code": "energy", "description": f"no{bad}power",
            "attribute[district]": "rudraprayag"}
    for fmt in ("json", "xml"):
        answer = client.post(f"/open311/v2/requests.{fmt}", data=form)
        assert answer.status_code == 400, (repr(bad), answer.text)
        assert "U+" in answer.text
    assert client.get("/open311/v2/requests.json", headers={"X-Api-Key": KEY}).json() == []


def test_the_cli_strips_them_from_text_it_files(sqlite_database, capsys) -> None:
    from helpline import cli

    assert cli.main(["file", "--text", "Sadak\x0b toot\uffff gayi", "--department", "public_works",
                     "--district", "rudraprayag", "--name", "Ram\x01 Lal"]) == 0
    filed = json.loads(capsys.readouterr().out)
    ticket = service.get_ticket(filed["number"])
    assert ticket.text == "Sadak toot gayi" and ticket.citizen_name == "Ram Lal"


def test_the_dashboard_login_form_strips_them(client) -> None:
    import re

    from helpline.officers import login as dashboard_login

    dashboard_login.set_password("dm.rudraprayag", "correct horse battery")
    token = re.search(r'name="csrf" value="([^"]+)"', client.get("/dashboard/login").text).group(1)
    answer = client.post("/dashboard/login/password", follow_redirects=False,
                         data={"post": "dm.rudraprayag\x0b", "password": "correct horse battery\uffff",
                               "csrf": token})
    assert answer.status_code == 303
