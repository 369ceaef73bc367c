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
READER = {"X-Api-Key": KEY}   # KEY reads the whole state (the fixture's OPEN311_API_KEYS)


@pytest.fixture
def client(sqlite_database: str, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setattr(settings, "OPEN311_API_KEYS", [KEY + ":state", "second-key"])
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
    [read] = client.get(f"{API}/requests/{number}.json", headers=READER).json()
    assert read["status"] == "open" and read["service_code"] == "energy"
    assert read["address"].startswith("Ukhimath, Rudraprayag")
    assert (read["lat"], read["long"]) == (30.52, 79.09)
    assert "Energy" in read["agency_responsible"] and "L1" in read["agency_responsible"]
    assert read["expected_datetime"] is not None
    raw = client.get(f"{API}/requests/{number}.xml", headers=READER).text + json.dumps(read)
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
        response = client.get(f"{API}/requests.{fmt}?{query}", headers=READER)
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
    [closed] = client.get(f"{API}/requests.json?status=closed", headers=READER).json()
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


# ---------------------------------------------------------------- privacy of reads (issue 15, finding 1)

def _filed(client: TestClient, **change: str) -> str:
    response = client.post(f"{API}/requests.json", data=dict(FORM, **change))
    assert response.status_code == 201, response.text
    return response.json()[0]["service_request_id"]


def test_anonymous_reads_publish_only_what_is_safe(client: TestClient) -> None:
    number = _filed(client, lat="30.523456", long="79.091234",
                    media_url="https://example.org/photo.jpg")
    service.officer_action(number, "start", officer="energy.L1.rudraprayag.ukhimath", note="lineman sent to Negi ji")
    for fmt in ("json", "xml"):
        response = client.get(f"{API}/requests/{number}.{fmt}")
        assert response.status_code == 200
        if fmt == "xml":
            [row] = [{c.tag: c.text for c in r} for r in ET.fromstring(response.content)]
            row["lat"], row["long"] = float(row["lat"]), float(row["long"])
        else:
            [row] = response.json()
        assert row["service_code"] == "energy" and row["status"] == "open"
        assert row["address"].startswith("Ukhimath, Rudraprayag") and row["requested_datetime"]
        assert not row["description"] and not row["status_notes"] and not row["media_url"]
        assert (row["lat"], row["long"]) == (30.52, 79.09)   # about 1 km, not the doorstep
        for secret in ("Bijli teen din", "lineman", "Negi", "Ramesh", "9876512345", "30.5234", "79.0912",
                       "photo.jpg"):
            assert secret not in response.text, (fmt, secret)
    listed = client.get(f"{API}/requests.json").json()
    assert [r["service_request_id"] for r in listed] == [number] and not listed[0]["description"]


def test_police_and_women_child_tickets_are_never_listed_anonymously(client: TestClient) -> None:
    police = _filed(client, service_code="home_police", description="Padosi dhamki de raha hai")
    women = _filed(client, service_code="women_child", description="Bal vivah ho raha hai", phone="9876512346")
    energy = _filed(client, description="Transformer jal gaya", phone="9876512347")
    for fmt in ("json", "xml"):
        listing = client.get(f"{API}/requests.{fmt}")
        assert police not in listing.text and women not in listing.text and energy in listing.text
        for number in (police, women):
            assert client.get(f"{API}/requests/{number}.{fmt}").status_code == 404
            assert client.get(f"{API}/requests.{fmt}?service_request_id={number}").status_code == 200
            assert number not in client.get(f"{API}/requests.{fmt}?service_request_id={number}").text
            assert number not in client.get(f"{API}/requests.{fmt}?service_code=home_police,women_child").text
    keyed = {r["service_request_id"]: r for r in client.get(f"{API}/requests.json", headers=READER).json()}
    assert keyed[police]["description"] == "Padosi dhamki de raha hai" and women in keyed


def test_a_district_key_reads_its_district_in_full_and_nothing_else(
        client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    here = _filed(client, lat="30.523456", long="79.091234")
    there = _filed(client, address_string="Raipur, Dehradun", description="Pani nahi aa raha",
                   phone="9876512348", service_code="drinking_water", lat="30.3", long="78.0")
    monkeypatch.setattr(settings, "OPEN311_API_KEYS", [KEY + ":state", "dehradun-key:dehradun", "filing-only"])
    dehradun = {"X-Api-Key": "dehradun-key"}
    [row] = client.get(f"{API}/requests.json", headers=dehradun).json()
    assert row["service_request_id"] == there and row["description"] == "Pani nahi aa raha"
    assert client.get(f"{API}/requests/{here}.json", headers=dehradun).status_code == 404
    [full] = client.get(f"{API}/requests/{here}.json", headers=READER).json()
    assert (full["lat"], full["long"]) == (30.523456, 79.091234) and full["description"]
    for headers in ({"X-Api-Key": "filing-only"}, {"X-Api-Key": "wrong"}):   # no read scope: refused, not downgraded
        for fmt in ("json", "xml"):
            response = client.get(f"{API}/requests.{fmt}", headers=headers)
            assert response.status_code == 401 and _errors(response)[0]["code"] == 401


def test_an_api_key_in_the_url_is_refused_in_the_spec_format(client: TestClient) -> None:
    for fmt in ("json", "xml"):
        for path in (f"{API}/requests.{fmt}?api_key={KEY}", f"{API}/services.{fmt}?api_key={KEY}",
                     f"{API}/requests/CMH-2026-000001.{fmt}?api_key={KEY}"):
            response = client.get(path)
            assert response.status_code == 400 and "URL" in _errors(response)[0]["description"], path
        form = {k: v for k, v in FORM.items() if k != "api_key"}
        response = client.post(f"{API}/requests.{fmt}?api_key={KEY}", data=form)
        assert response.status_code == 400 and _errors(response)[0]["code"] == 400
    assert client.get(f"{API}/requests.json", headers=READER).json() == []   # nothing was filed
    header_post = client.post(f"{API}/requests.json", data={k: v for k, v in FORM.items() if k != "api_key"},
                              headers={"X-Api-Key": KEY})
    assert header_post.status_code == 201   # the header is the other place a key may travel


def test_reads_open_no_write_transaction(client: TestClient) -> None:
    from sqlalchemy import event

    from helpline.store import db

    number = _filed(client)
    writes: list[str] = []

    def on_begin(conn) -> None:  # noqa: ANN001
        if not conn.get_execution_options().get("helpline_readonly"):
            writes.append("write")

    event.listen(db.engine(), "begin", on_begin)
    try:
        for fmt in ("json", "xml"):
            for headers in ({}, READER):
                assert client.get(f"{API}/requests.{fmt}", headers=headers).status_code == 200
                assert client.get(f"{API}/requests/{number}.{fmt}", headers=headers).status_code == 200
    finally:
        event.remove(db.engine(), "begin", on_begin)
    assert writes == []
