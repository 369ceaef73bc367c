"""The portal under hostile requests: Open311 API (api key), dashboard (login, session, CSRF, jurisdiction).

FastAPI TestClient on portal.app.create_app() with a temporary SQLite core. Every refusal is clear
(4xx), writes nothing, leaks no stack trace, phone number or other citizen's data; the dashboard
escapes what it shows.
"""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from helpline import service, settings
from helpline.officers import login as dashboard_login
from tests.faults.kit import counts
from tests.security.kit import (DEEP_JSON, DEEP_OBJECT, ONE_MB, SCRIPT, SQL_INJECTIONS, assert_no_leak)

pytestmark = pytest.mark.timeout(90)
API_KEY = "open311-key-for-tests"
READER = {"X-Api-Key": API_KEY}   # a state-wide read scope (OPEN311_API_KEYS "key:state")
POSTS = "/open311/v2/requests.json"
PASSWORD = "correct horse battery"


@pytest.fixture
def client(sqlite_database, monkeypatch):
    from portal.app import create_app

    monkeypatch.setattr(settings, "OPEN311_API_KEYS", [API_KEY + ":state"])
    with TestClient(create_app(), base_url="http://testserver", raise_server_exceptions=False) as c:
        yield c


def _file(text: str = "Transformer burnt in Ukhimath market", *, block: str = "ukhimath",
          department: str = "energy", district: str = "rudraprayag", user: str = "555") -> str:
    return service.file_ticket(text=text, department=department, district=district, block=block,
                               name="Sita Devi", phone="9876543210", channel="telegram",
                               channel_user_id=user).number


# ---------------------------------------------------------------- Open311

def test_open311_post_without_a_valid_key_is_401_and_files_nothing(client):
    before = counts()
    good = {"service_code": "energy", "description": "no power", "attribute[district]": "rudraprayag"}
    for key in (None, "", "wrong", API_KEY + "x", API_KEY.upper(), API_KEY[:-1], "' OR '1'='1"):
        form = dict(good) if key is None else {**good, "api_key": key}
        answer = client.post(POSTS, data=form)
        assert answer.status_code == 401, (key, answer.status_code)
        assert answer.json()[0]["code"] == 401
        assert_no_leak(answer.text, API_KEY)
    assert counts() == before
    assert client.post(POSTS, data={**good, "api_key": API_KEY}).status_code == 201   # the route works


def test_open311_refuses_hostile_bodies_clearly_and_writes_nothing(client):
    before = counts()
    base = {"api_key": API_KEY, "service_code": "energy", "description": "no power",
            "attribute[district]": "rudraprayag"}
    cases = [
        ("1 MB form", {"content": b"api_key=" + API_KEY.encode() + b"&description=" + ONE_MB,
                       "headers": {"Content-Type": "application/x-www-form-urlencoded"}}, 413),
        ("invalid UTF-8", {"content": b"api_key=" + API_KEY.encode() + b"&service_code=energy&description=\xff\xfe",
                           "headers": {"Content-Type": "application/x-www-form-urlencoded"}}, 400),
        ("deep JSON", {"content": DEEP_JSON, "headers": {"Content-Type": "application/json"}}, 400),
        ("deep object", {"content": DEEP_OBJECT, "headers": {"Content-Type": "application/json"}}, 400),
        ("NUL", {"data": {**base, "description": "no\x00power"}}, 400),
    ] + [(f"injection in service_code {s!r}", {"data": {**base, "service_code": s}}, 400) for s in SQL_INJECTIONS] \
      + [(f"injection in district {s!r}", {"data": {**base, "attribute[district]": s}}, 400) for s in SQL_INJECTIONS]
    for name, request, status in cases:
        answer = client.post(POSTS, **request)
        assert answer.status_code == status, (name, answer.status_code, answer.text[:200])
        assert answer.json()[0]["code"] == status, name
        assert_no_leak(answer.text)
    assert counts() == before


def test_open311_stores_hostile_text_as_text_and_never_shows_who_filed(client):
    number = _file(text="Pole fell " + SCRIPT + " " + SQL_INJECTIONS[1])
    for path in (f"/open311/v2/requests/{number}.json", f"/open311/v2/requests/{number}.xml", POSTS[:-5] + ".xml"):
        for headers in ({}, READER):
            answer = client.get(path, headers=headers)
            assert answer.status_code == 200, path
            assert "<script>" not in answer.text or path.endswith(".json"), "XML must escape markup"
            assert_no_leak(answer.text, "Sita Devi")
    # The complaint is the citizen's and the officers': never published to an anonymous caller.
    [public] = client.get(f"/open311/v2/requests/{number}.json").json()
    assert not public["description"]
    assert_no_leak(client.get(POSTS).text, "Pole fell", "Sita Devi")
    [row] = client.get(f"/open311/v2/requests/{number}.json", headers=READER).json()
    assert SCRIPT in row["description"] and SQL_INJECTIONS[1] in row["description"]   # kept, literally
    for attack in SQL_INJECTIONS:
        answer = client.get("/open311/v2/requests.json", params={"service_request_id": attack})
        assert answer.status_code == 200 and answer.json() == [], attack
        answer = client.get("/open311/v2/requests.json", params={"service_code": attack})
        assert answer.status_code == 400 and answer.json()[0]["code"] == 400


# ---------------------------------------------------------------- dashboard

def _csrf(client: TestClient) -> str:
    page = client.get("/dashboard/login")
    return re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)


def _login(client: TestClient, post: str) -> None:
    dashboard_login.set_password(post, PASSWORD)
    answer = client.post("/dashboard/login/password", data={"post": post, "password": PASSWORD, "csrf": _csrf(client)},
                         follow_redirects=False)
    assert answer.status_code == 303, answer.text[:300]


def test_dashboard_needs_a_session_and_refuses_forged_ones(client):
    number = _file()
    for path in ("/dashboard", "/dashboard/tickets", f"/dashboard/tickets/{number}"):
        assert client.get(path, follow_redirects=False).status_code == 303
        client.cookies.set("hl_session", "eyJkIjp7Im9mZmljZXIiOjF9LCJ0IjoxfQ.forged")
        answer = client.get(path, follow_redirects=False)
        assert answer.status_code == 303 and answer.headers["location"].endswith("/dashboard/login")
        client.cookies.clear()


def test_dashboard_login_refuses_missing_csrf_wrong_password_and_injection(client):
    dashboard_login.set_password("dm.rudraprayag", PASSWORD)
    no_csrf = client.post("/dashboard/login/password", data={"post": "dm.rudraprayag", "password": PASSWORD},
                          follow_redirects=False)
    assert no_csrf.status_code == 403 and "hl_session" not in no_csrf.cookies
    token = _csrf(client)
    wrong_csrf = client.post("/dashboard/login/password",
                             data={"post": "dm.rudraprayag", "password": PASSWORD, "csrf": token + "x"},
                             follow_redirects=False)
    assert wrong_csrf.status_code == 403
    for post, password in [("dm.rudraprayag", "guess"), ("' OR '1'='1", "' OR '1'='1"),
                           ("dm.rudraprayag' --", PASSWORD), (SCRIPT, "x")]:
        answer = client.post("/dashboard/login/password", data={"post": post, "password": password, "csrf": token},
                             follow_redirects=False)
        assert answer.status_code in (401, 429) and "hl_session" not in answer.cookies, post
        assert SCRIPT not in answer.text and "<script>alert" not in answer.text
        assert_no_leak(answer.text)
    big = client.post("/dashboard/login/password", content=b"post=dm.rudraprayag&csrf=" + token.encode() + b"&x=" + ONE_MB,
                      headers={"Content-Type": "application/x-www-form-urlencoded"}, follow_redirects=False)
    assert big.status_code == 413 and "hl_session" not in big.cookies   # refused before it is read


def test_an_officer_sees_only_their_jurisdiction_and_level(client):
    own = _file(user="601")
    other_block = _file(block="jakholi", user="602")
    other_department = _file(department="drinking_water", user="603")
    other_district = _file(district="dehradun", block=None, user="604")
    _login(client, "energy.L1.rudraprayag.ukhimath")
    assert client.get(f"/dashboard/tickets/{own}").status_code == 200
    for number in (other_block, other_department, other_district):
        answer = client.get(f"/dashboard/tickets/{number}")
        assert answer.status_code == 403, number
        assert_no_leak(answer.text, "Sita Devi", "Transformer burnt")
    assert client.get("/dashboard/tickets", params={"department": "drinking_water"}).status_code == 403
    assert client.get("/dashboard/tickets", params={"level": "L2"}).status_code == 403
    for attack in SQL_INJECTIONS:
        for params in ({"department": attack}, {"status": attack}, {"level": attack}):
            answer = client.get("/dashboard/tickets", params=params)
            assert answer.status_code in (400, 403), (params, answer.status_code)
            assert_no_leak(answer.text)
        assert client.get(f"/dashboard/tickets/{attack}").status_code in (403, 404)
    listing = client.get("/dashboard/tickets").text
    assert own in listing and other_block not in listing and other_district not in listing


def test_the_district_administrator_sees_the_district_only_and_pages_escape_what_they_show(client):
    hostile = _file(text="Bijli nahi " + SCRIPT, user="701")
    elsewhere = _file(district="dehradun", block=None, user="702")
    _login(client, "dm.rudraprayag")
    page = client.get(f"/dashboard/tickets/{hostile}")
    assert page.status_code == 200
    assert SCRIPT not in page.text and "<script>alert" not in page.text and "<img src=x" not in page.text
    assert "&lt;script&gt;alert(" in page.text   # shown, as text
    assert "9876543210" not in page.text, "the citizen's phone is shown to an officer it is not assigned to"
    assert client.get(f"/dashboard/tickets/{elsewhere}").status_code == 403
    assert "<script>alert" not in client.get("/dashboard/tickets").text
    logout = client.post("/dashboard/logout", data={}, follow_redirects=False)
    assert logout.status_code == 403   # no CSRF token: the session stays, nothing changes
