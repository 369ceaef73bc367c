"""Open311 GeoReport v2: every endpoint in JSON and XML, API keys, bad ids, malformed bodies, privacy."""
from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from helpline import service, settings
from portal.open311 import router

API = "/open311/v2"
KEY = "test-key-1"
FORM = {"api_key": KEY, "service_code": "energy", "description": "Bijli teen din se nahi hai",
        "address_string": "Ukhimath, Rudraprayag", "first_name": "Ramesh", "last_name": "Negi",
        "phone": "9876512345", "lat": "30.52", "long": "79.09"}


@pytest.fixture
def client(sqlite_database: str, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setattr(settings, "OPEN311_API_KEYS", [KEY, "second-key"])
    app = FastAPI()
    app.include_router(router)
    return TestClient(app)


def _errors(response) -> list[dict]:  # noqa: ANN001
    if response.headers["content-type"].startswith("text/xml"):
        root = ET.fromstring(response.content)
        assert root.tag == "errors"
        return [{"code": int(e.findtext("code")), "description": e.findtext("description")} for e in root]
    return response.json()


def test_services_list_every_department(client: TestClient) -> None:
    services = client.get(f"{API}/services.json").json()
    by_code = {s["service_code"]: s for s in services}
    assert "energy" in by_code and "forest" in by_code and "other" in by_code
    assert by_code["energy"]["type"] == "realtime" and by_code["energy"]["metadata"] is False
    assert "transformer" in by_code["energy"]["keywords"] and "ऊर्जा" in by_code["energy"]["description"]
    xml = ET.fromstring(client.get(f"{API}/services.xml").content)
    assert xml.tag == "services"
    assert {s.findtext("service_code") for s in xml} == set(by_code)
    assert xml.find("service/metadata").text == "false"


def test_post_files_a_ticket_that_reads_back_without_the_citizen(client: TestClient) -> None:
    response = client.post(f"{API}/requests.json", data=FORM)
    assert response.status_code == 201
    [created] = response.json()
    number = created["service_request_id"]
    assert number.startswith("CMH-") and number in created["service_notice"]
    ticket = service.get_ticket(number)
    assert (ticket.channel, ticket.department, ticket.district, ticket.block) == \
        ("api", "energy", "rudraprayag", "ukhimath")
    [read] = client.get(f"{API}/requests/{number}.json").json()
    assert read["status"] == "open" and read["service_code"] == "energy"
    assert read["address"].startswith("Ukhimath, Rudraprayag")
    assert (read["lat"], read["long"]) == (30.52, 79.09)
    assert "Energy" in read["agency_responsible"] and "L1" in read["agency_responsible"]
    assert read["expected_datetime"] is not None
    raw = client.get(f"{API}/requests/{number}.xml").text + json.dumps(read)
    assert "9876512345" not in raw and "Ramesh" not in raw and "Negi" not in raw


def test_a_retried_post_does_not_file_twice(client: TestClient) -> None:
    first = client.post(f"{API}/requests.json", data=FORM).json()[0]["service_request_id"]
    again = client.post(f"{API}/requests.json", data=FORM).json()[0]["service_request_id"]
    assert first == again
    keyed = dict(FORM, description="Transformer jal gaya", phone="9876500077")
    keyed["attribute[idempotency_key]"] = "app-42"
    one = client.post(f"{API}/requests.xml", data=keyed)
    two = client.post(f"{API}/requests.xml", data=dict(keyed, description="changed on retry"))
    assert one.status_code == two.status_code == 201
    assert ET.fromstring(one.content).findtext("request/service_request_id") == \
        ET.fromstring(two.content).findtext("request/service_request_id")


def test_post_accepts_json_with_nested_attributes(client: TestClient) -> None:
    body = {"api_key": KEY, "service_code": "forest", "description": "गुलदार गाँव में घूम रहा है",
            "attribute": {"district": "रुद्रप्रयाग", "block": "Jakholi"}}
    response = client.post(f"{API}/requests.json", json=body)
    assert response.status_code == 201
    ticket = service.get_ticket(response.json()[0]["service_request_id"])
    assert (ticket.district, ticket.block, ticket.language) == ("rudraprayag", "jakholi", "hi")


@pytest.mark.parametrize("key", [None, "", "wrong", KEY + "x"])
def test_post_needs_a_valid_api_key(client: TestClient, key: str | None) -> None:
    form = {k: v for k, v in FORM.items() if k != "api_key"}
    if key is not None:
        form["api_key"] = key
    for fmt in ("json", "xml"):
        response = client.post(f"{API}/requests.{fmt}", data=form)
        assert response.status_code == 401
        assert _errors(response)[0]["code"] == 401
    assert client.get(f"{API}/requests.json").json() == []  # nothing was filed


@pytest.mark.parametrize("change, words", [
    ({"service_code": "spaceships"}, "service_code"),
    ({"service_code": ""}, "service_code"),
    ({"description": "   "}, "description"),
    ({"address_string": "Gotham"}, "district"),
    ({"attribute[district]": "Gotham"}, "unknown district"),
    ({"attribute[block]": "Nowhere"}, "unknown block"),
    ({"lat": "north"}, "lat"),
    ({"lat": "95", "long": "79"}, "out of range"),
    ({"media_url": "file:///etc/passwd"}, "media_url"),
    ({"description": "x" * 5000}, "longer"),
    ({"description": "nul\x00byte"}, "NUL"),
    ({"attribute[language]": "fr"}, "language"),
])
def test_malformed_posts_get_the_spec_error(client: TestClient, change: dict, words: str) -> None:
    for fmt in ("json", "xml"):
        response = client.post(f"{API}/requests.{fmt}", data=dict(FORM, **change))
        assert response.status_code == 400, response.text
        [error] = _errors(response)
        assert error["code"] == 400 and words in error["description"]


@pytest.mark.parametrize("body, kind", [
    (b"\xff\xfe not utf-8", "application/x-www-form-urlencoded"),
    (b"{not json", "application/json"),
    (b"[1, 2]", "application/json"),
    (b'{"api_key": "test-key-1", "service_code": ["energy"]}', "application/json"),
])
def test_unreadable_bodies_are_400(client: TestClient, body: bytes, kind: str) -> None:
    response = client.post(f"{API}/requests.json", content=body, headers={"content-type": kind})
    assert response.status_code in (400, 401)
    assert _errors(response)[0]["code"] == response.status_code


def test_bodies_over_one_megabyte_are_refused(client: TestClient) -> None:
    big = "api_key=test-key-1&description=" + "a" * (1024 * 1024 + 10)
    response = client.post(f"{API}/requests.xml", content=big.encode(),
                           headers={"content-type": "application/x-www-form-urlencoded"})
    assert response.status_code == 413
    assert _errors(response)[0]["code"] == 413


def test_unknown_ids_and_paths_are_404(client: TestClient) -> None:
    for fmt in ("json", "xml"):
        response = client.get(f"{API}/requests/CMH-2026-999999.{fmt}")
        assert response.status_code == 404 and _errors(response)[0]["code"] == 404
        assert client.get(f"{API}/requests/%00.{fmt}").status_code in (400, 404)
    assert client.get(f"{API}/requests/CMH-2026-000001.yaml").status_code == 404
    assert _errors(client.get(f"{API}/nothing.xml"))[0]["code"] == 404


def test_request_filters(client: TestClient) -> None:
    energy = client.post(f"{API}/requests.json", data=FORM).json()[0]["service_request_id"]
    road = client.post(f"{API}/requests.json", data=dict(
        FORM, service_code="public_works", description="Sadak toot gayi", phone="9876512399")).json()[0][
        "service_request_id"]
    service.officer_action(road, "resolve", officer="public_works.L1.rudraprayag.ukhimath", note="road repaired")

    def numbers(query: str, fmt: str = "json") -> set[str]:
        response = client.get(f"{API}/requests.{fmt}?{query}")
        assert response.status_code == 200, response.text
        if fmt == "xml":
            return {r.findtext("service_request_id") for r in ET.fromstring(response.content)}
        return {r["service_request_id"] for r in response.json()}

    assert numbers("") == {energy, road} == numbers("", "xml")
    assert numbers("service_code=energy") == {energy}
    assert numbers("status=closed") == {road} == numbers("status=closed", "xml")
    assert numbers("status=open,closed") == {energy, road}
    assert numbers(f"service_request_id={road.lower()},CMH-2026-999999") == {road}
    assert numbers("start_date=2000-01-01T00:00:00Z&end_date=2000-02-01T00:00:00Z") == set()
    assert numbers("jurisdiction_id=rudraprayag") == {energy, road}
    assert numbers("jurisdiction_id=dehradun") == set()
    [closed] = client.get(f"{API}/requests.json?status=closed").json()
    assert closed["status_notes"] == "road repaired" and closed["expected_datetime"] is None


@pytest.mark.parametrize("query", ["status=pending", "start_date=yesterday", "service_code=spaceships",
                                   "start_date=2026-02-01T00:00:00Z&end_date=2026-01-01T00:00:00Z",
                                   "end_date=9999-12-31T23:59:59-23:59"])
def test_bad_filters_are_400(client: TestClient, query: str) -> None:
    for fmt in ("json", "xml"):
        response = client.get(f"{API}/requests.{fmt}?{query}")
        assert response.status_code == 400, response.text
        assert _errors(response)[0]["code"] == 400


def test_unknown_jurisdiction_is_404(client: TestClient) -> None:
    response = client.get(f"{API}/services.xml?jurisdiction_id=gotham")
    assert response.status_code == 404 and _errors(response)[0]["code"] == 404


def test_practice_tickets_are_not_published(client: TestClient) -> None:
    from sqlalchemy import update

    from helpline.store import db
    from helpline.store.models import Ticket

    number = client.post(f"{API}/requests.json", data=FORM).json()[0]["service_request_id"]
    with db.unit_of_work() as session:
        session.execute(update(Ticket).where(Ticket.number == number).values(is_practice=True))
    assert client.get(f"{API}/requests/{number}.json").status_code == 404
    assert client.get(f"{API}/requests.json").json() == []


def test_the_schema_is_published(client: TestClient) -> None:
    paths = client.app.openapi()["paths"]
    for fmt in ("json", "xml"):
        assert "get" in paths[f"{API}/services.{fmt}"]
        assert {"get", "post"} <= set(paths[f"{API}/requests.{fmt}"])
        assert "get" in paths[API + "/requests/{service_request_id}." + fmt]
