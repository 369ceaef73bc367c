"""Finding 4 of issue 15: Rasa's helpline channel and the action server trust only the relay and Rasa.

A caller that reaches 5005 or 5055 without HELPLINE_RASA_SECRET (header X-Helpline-Secret) must not
act as a citizen: the channel and the action server refuse it before anything is read. The channel
runs in the Rasa runtime (.venv-rasa) with a stand-in agent; the action server is the real one.
"""
from __future__ import annotations

import os
import subprocess
import time

import httpx
import pytest
import yaml

from tests.e2e.procs import APP_PYTHON, ROOT, free_port, stop_processes
from tests.security.test_security_servers import SECRET, _call, _said, action_server  # noqa: F401

pytestmark = pytest.mark.timeout(120)
RASA_PYTHON = ROOT / ".venv-rasa" / "bin" / "python"
FORGED = ({}, {"X-Helpline-Secret": ""}, {"X-Helpline-Secret": "wrong"},
          {"X-Helpline-Secret": SECRET.upper()}, {"Authorization": f"Bearer {SECRET}"})


def _wait(url: str, proc: subprocess.Popen, log) -> None:  # noqa: ANN001
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text()[-3000:]
        try:
            httpx.get(url, timeout=2)
            return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise AssertionError(log.read_text()[-3000:])


@pytest.fixture(scope="module")
def channel(tmp_path_factory):
    if not RASA_PYTHON.exists():
        pytest.skip("no Rasa runtime (.venv-rasa): run `make venvs`")
    port, log = free_port(), tmp_path_factory.mktemp("channel") / "channel.log"
    proc = subprocess.Popen([str(RASA_PYTHON), str(ROOT / "tests" / "security" / "helpline_channel_server.py"),
                             str(port)], cwd=ROOT, env={**os.environ, "HELPLINE_RASA_SECRET": SECRET},
                            stdout=log.open("w"), stderr=subprocess.STDOUT)
    try:
        _wait(f"http://127.0.0.1:{port}/webhooks/helpline/", proc, log)
        yield f"http://127.0.0.1:{port}/webhooks/helpline/webhook"
    finally:
        stop_processes([proc])


def test_a_forged_call_to_the_helpline_channel_is_refused(channel):
    body = {"sender": "telegram:31001", "message": "मेरी शिकायत की स्थिति", "metadata": {"phone": "9876543210"}}
    for headers in FORGED:
        answer = httpx.post(channel, json=body, headers=headers, timeout=10)
        assert answer.status_code == 403 and "31001" not in answer.text, headers
    ok = httpx.post(channel, json=body, headers={"X-Helpline-Secret": SECRET}, timeout=10)
    assert ok.status_code == 200 and ok.json()[0]["text"] == "hello telegram:31001"


def test_the_relay_carries_the_secret_the_channel_wants(channel):
    import asyncio

    from bot.relay import Relay

    async def ask(secret: str) -> list:
        relay = Relay(rasa_url=channel.rsplit("/webhooks/", 1)[0], path="/webhooks/helpline/webhook",
                      timeout=10, secret=secret)
        try:
            return await relay.relay("telegram", "31001", "hello", {})
        finally:
            await relay.aclose()

    assert [r.text for r in asyncio.run(ask(SECRET))] == ["hello telegram:31001"]
    assert asyncio.run(ask("guess"))[0].busy   # refused: the citizen is asked to resend, nothing leaks


def test_a_forged_call_to_the_action_server_is_refused(action_server):  # noqa: F811
    base, _ = action_server
    for headers in FORGED:
        forged = httpx.post(f"{base}/webhook", headers=headers, timeout=30,
                            json={"next_action": "action_my_complaints", "sender_id": "telegram:31001",
                                  "tracker": {"sender_id": "telegram:31001", "slots": {}, "events": []},
                                  "domain": {}, "version": "3.6.21"})
        assert forged.status_code == 403 and "responses" not in forged.text, headers
        assert httpx.get(f"{base}/actions", headers=headers, timeout=10).status_code == 403
    assert _call(base, "action_my_complaints", "telegram:31001", secret="wrong").status_code == 403
    assert _call(base, "action_my_complaints", "telegram:31001").status_code == 200
    assert httpx.get(f"{base}/health", timeout=10).status_code == 200


def test_the_action_server_will_not_start_without_the_secret():
    env = {k: v for k, v in os.environ.items() if k != "HELPLINE_RASA_SECRET"}
    done = subprocess.run([str(APP_PYTHON), "-m", "actions.server", "--port", str(free_port())], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0 and "HELPLINE_RASA_SECRET" in done.stderr


def test_every_configuration_sends_the_secret_and_offers_no_open_channel():
    import deploy.run_local as run_local

    credentials = yaml.safe_load((ROOT / "credentials.yml").read_text()) or {}
    assert list(credentials) == ["nlu.channel.HelplineInput"]   # no `rest`, no other open channel
    for path in ("endpoints.yml", "deploy/endpoints.prod.yml"):
        endpoint = yaml.safe_load((ROOT / path).read_text())["action_endpoint"]
        assert endpoint["headers"] == {"X-Helpline-Secret": "${HELPLINE_RASA_SECRET}"}, path
    env = run_local.environment({})
    assert len(env["HELPLINE_RASA_SECRET"]) >= 32
    table = dict(run_local.process_table(env))
    assert table["actions"][1:3] == ["-m", "actions.server"]
    assert env["SANIC_HOST"] == "127.0.0.1"
    compose = yaml.safe_load((ROOT / "deploy" / "docker-compose.yml").read_text())
    for name, service in compose["services"].items():
        published = [str(p) for p in service.get("ports", [])]
        assert not any(p.split(":")[-1] in ("5005", "5055") for p in published), name
        if name.startswith(("rasa", "actions")):
            assert service["networks"] == ["private"], name
            assert "actions.server" in service["command"] or "rasa" in service["command"][0]
    assert compose["networks"]["private"]["internal"] is True
