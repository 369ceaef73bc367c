"""The action server and the Rasa HTTP API under hostile requests.

The action server (real rasa_sdk process on a temporary SQLite helpline) gets forged trackers: another
citizen's sender id asking for a ticket, injection strings in slots, broken bodies. Rasa's API must be
started on loopback with an auth token (checked on both command lines) and must refuse a request
without the token (live, when a trained model exists).
"""
from __future__ import annotations

import inspect
import os
import shutil
import subprocess
import time

import httpx
import pytest
import yaml

from helpline import service
from helpline.store import db
from tests.e2e.procs import APP_PYTHON, RASA, ROOT, free_port, newest_model, stop_processes
from tests.faults.kit import counts
from tests.security.kit import DEEP_JSON, ONE_MB, SCRIPT, SQL_INJECTIONS, assert_no_leak

pytestmark = pytest.mark.timeout(120)
SECRET = "shared-secret-9f2c"   # HELPLINE_RASA_SECRET of the action server under test
DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))


def _wait(url: str, proc: subprocess.Popen, seconds: float, log) -> None:  # noqa: ANN001
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        assert proc.poll() is None, f"server exited:\n{log.read_text()[-3000:]}"
        try:
            if httpx.get(url, timeout=2).status_code in (200, 401, 403):
                return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise AssertionError(f"{url} did not answer:\n{log.read_text()[-3000:]}")


@pytest.fixture(scope="module")
def action_server(tmp_path_factory, sqlite_template):
    workdir = tmp_path_factory.mktemp("action-server")
    shutil.copy(sqlite_template, workdir / "helpline.db")
    url = f"sqlite:///{workdir / 'helpline.db'}"
    port = free_port()
    log = workdir / "actions.log"
    proc = subprocess.Popen([str(APP_PYTHON), "-m", "actions.server", "--port", str(port)], cwd=ROOT,
                            env={**os.environ, "HELPLINE_DATABASE_URL": url, "HELPLINE_RASA_SECRET": SECRET},
                            stdout=log.open("w"),
                            stderr=subprocess.STDOUT)
    try:
        _wait(f"http://127.0.0.1:{port}/health", proc, 60, log)
        yield f"http://127.0.0.1:{port}", url
    finally:
        stop_processes([proc])


def _call(base: str, action: str, sender: str, text: str = "", slots: dict | None = None,
          secret: str | None = SECRET) -> httpx.Response:
    latest = {"text": text, "intent": {"name": "check_status", "confidence": 1.0}, "entities": [], "metadata": {}}
    tracker = {"sender_id": sender, "slots": {"language": "en", **(slots or {})}, "latest_message": latest,
               "events": [{"event": "user", "text": text, "parse_data": latest}], "paused": False,
               "followup_action": None, "active_loop": {}, "latest_action_name": "action_listen"}
    return httpx.post(f"{base}/webhook", json={"next_action": action, "sender_id": sender, "tracker": tracker,
                                               "domain": DOMAIN, "version": "3.6.21"}, timeout=30,
                      headers={"X-Helpline-Secret": secret} if secret is not None else {})


def _said(answer: httpx.Response) -> list[str]:
    return [r.get("response") or r.get("text") or "" for r in answer.json().get("responses", [])]


def test_a_forged_tracker_of_another_citizen_learns_nothing_about_a_ticket(action_server):
    base, url = action_server
    db.configure(url)
    number = service.file_ticket(text="Sita's pension stopped " + SCRIPT, department="social_welfare",
                                 district="rudraprayag", block="ukhimath", name="Sita Devi", phone="9876543210",
                                 channel="telegram", channel_user_id="31001").number
    own = _call(base, "action_ticket_status", "telegram:31001", f"status of {number}")
    assert own.status_code == 200 and _said(own) == ["utter_ticket_status"]

    missing = number[:-6] + "999999"
    for sender in ("telegram:31002", "whatsapp:31001", "web:31001", "31001", "telegram:31001 OR 1=1"):
        theirs = _call(base, "action_ticket_status", sender, f"status of {number}")
        nothing = _call(base, "action_ticket_status", sender, f"status of {missing}")
        assert _said(theirs) == _said(nothing) == ["utter_ticket_not_found"], sender
        assert_no_leak(theirs.text, "Sita", "pension", "social_welfare")
        listed = _call(base, "action_my_complaints", sender)
        assert number not in listed.text and "pension" not in listed.text


def test_injection_strings_in_slots_file_nothing_wrong_and_break_nothing(action_server):
    base, url = action_server
    db.configure(url)
    before = counts()
    form = {"complaint_text": "no power", "department": "energy", "district": "rudraprayag", "block": "ukhimath",
            "citizen_name": "Mohan", "phone": "9876543210", "location": "skipped", "confirm": True}
    for i, attack in enumerate(SQL_INJECTIONS):
        for slot in ("district", "department", "block", "phone"):
            answer = _call(base, "action_file_complaint", f"telegram:3200{i}",
                           slots={**form, slot: attack, "form_instance": f"{slot}-{i}"})
            said = _said(answer)
            assert answer.status_code == 200 and said and "utter_ticket_filed" not in said, (slot, attack, said)
            assert_no_leak(answer.text)
    assert counts() == before
    kept = _call(base, "action_file_complaint", "telegram:32100",
                 slots={**form, "complaint_text": SQL_INJECTIONS[1], "form_instance": "kept"})
    assert _said(kept) == ["utter_ticket_filed"] and counts()["tickets"] == before["tickets"] + 1


def test_broken_bodies_get_an_error_without_a_trace_and_the_server_stays_up(action_server):
    base, _ = action_server
    for body in (b"not json", b"\xff\xfe", DEEP_JSON, ONE_MB, b'{"next_action": "' + SCRIPT.encode() + b'"}', b"[]"):
        answer = httpx.post(f"{base}/webhook", content=body, timeout=30,
                            headers={"Content-Type": "application/json", "X-Helpline-Secret": SECRET})
        assert answer.status_code >= 400, body[:30]
        assert_no_leak(answer.text)
        assert "<script>" not in answer.text
    assert httpx.get(f"{base}/health", timeout=5).status_code == 200


def test_rasa_is_started_on_loopback_with_a_token_everywhere():
    import deploy.run_local as run_local
    from tests.e2e import procs

    [rasa_argv] = [argv for name, argv in run_local.process_table({"RASA_TOKEN": "t0k"}) if name == "rasa"]
    assert rasa_argv[rasa_argv.index("-i") + 1] == "127.0.0.1"
    assert rasa_argv[rasa_argv.index("--auth-token") + 1] == "t0k"
    source = inspect.getsource(procs.start_stack)
    assert '"--auth-token", token' in source and '"-i", "127.0.0.1"' in source
    first, second = run_local.environment({}), run_local.environment({})
    assert first["RASA_TOKEN"] and first["RASA_TOKEN"] != second["RASA_TOKEN"]   # a fresh token when none is set
    assert run_local.environment({"RASA_TOKEN": "mine"})["RASA_TOKEN"] == "mine"


@pytest.mark.rasa
def test_rasa_http_api_refuses_requests_without_the_token(tmp_path):
    model = newest_model()
    if model is None or not RASA.exists():
        pytest.skip("no trained model or Rasa runtime: run `make train`")
    port, token = free_port(), "sec-token-5d1"
    log = tmp_path / "rasa.log"
    proc = subprocess.Popen([str(RASA), "run", "--enable-api", "--auth-token", token, "-i", "127.0.0.1",
                             "-p", str(port), "--model", str(model)], cwd=ROOT,
                            env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "HELPLINE_RASA_SECRET": "sec-secret-5d1"},
                            stdout=log.open("w"), stderr=subprocess.STDOUT)
    try:
        base = f"http://127.0.0.1:{port}"
        _wait(f"{base}/status", proc, 110, log)
        for params in ({}, {"token": "wrong"}, {"token": token.upper()}):
            for method, path, body in (("POST", "/model/parse", {"text": "bijli nahi hai"}),
                                       ("GET", "/conversations/telegram:1/tracker", None),
                                       ("POST", "/conversations/telegram:1/tracker/events",
                                        {"event": "slot", "name": "phone", "value": "9876543210"})):
                answer = httpx.request(method, base + path, params=params, json=body, timeout=30)
                assert answer.status_code in (401, 403), (path, params, answer.status_code)
                assert_no_leak(answer.text)
        assert httpx.post(f"{base}/model/parse", params={"token": token}, json={"text": "hi"},
                          timeout=60).status_code == 200
    finally:
        stop_processes([proc])
