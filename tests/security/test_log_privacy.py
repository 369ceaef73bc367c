"""Finding 9 of issue 15: logs mask phone numbers and carry no message text above DEBUG; Rasa's
telemetry is off in every environment."""
from __future__ import annotations

import logging

import pytest
import yaml

from helpline import log_privacy
from tests.e2e.procs import ROOT
from tests.fakes import graph_api
from tests.fakes.graph_api import FakeGraph

WA_ID = "919876543210"
TEXT = "मेरा नंबर 9876543210 है, गाँव में पानी नहीं"


@pytest.fixture
def graph():
    with FakeGraph() as fake:
        yield fake


@pytest.fixture
def installed(monkeypatch):
    """log_privacy.install() for one test; the process's record factory is put back after."""
    factory = logging.getLogRecordFactory()
    monkeypatch.setattr(log_privacy, "_installed", False)
    yield
    logging.setLogRecordFactory(factory)


@pytest.mark.parametrize("raw, shown", [
    ("whatsapp:919876543210", "whatsapp:********3210"),
    ("+91 98765 43210 called", "********3210 called"),
    ("9876543210", "******3210"),
    ("ticket CMH-2026-000123, update 555001", "ticket CMH-2026-000123, update 555001"),
])
def test_phone_numbers_keep_only_their_last_four_digits(raw, shown):
    assert log_privacy.mask(raw) == shown


def test_installed_masking_covers_every_log_line_of_the_process(installed, caplog):
    log_privacy.install()
    log_privacy.install()   # idempotent
    with caplog.at_level(logging.INFO):
        logging.getLogger("some.library").warning("could not reach %s: %r", "+919876543210",
                                                  ValueError("wa_id 919876543210"))
    [record] = caplog.records
    assert "9876543210" not in record.getMessage() and "3210" in record.getMessage()


async def test_a_whatsapp_message_leaves_no_phone_and_no_text_in_the_logs(graph, sqlite_database, tmp_path,
                                                                          caplog):
    """Rasa down: the relay and the webhook log the failure, with the sender masked, without the text."""
    import httpx
    from fastapi import FastAPI

    from bot.relay import Relay
    from bot.whatsapp.adapter import WhatsAppClient
    from bot.whatsapp.webhook import WhatsAppWebhook

    config = graph.config(app_secret="app-secret")
    hook = WhatsAppWebhook(config, relay=Relay(rasa_url="http://127.0.0.1:9", timeout=1),
                           client=WhatsAppClient(config), photo_dir=tmp_path)
    app = FastAPI()
    app.include_router(hook.router)
    graph.fail_next(400, 131026)   # the busy answer cannot be delivered either: one more log line
    body = graph_api.notification([graph_api.text_message(WA_ID, TEXT)])
    body["entry"][0]["changes"][0]["value"]["messages"].append({"type": "text", "text": {"body": TEXT}})
    raw, headers = graph_api.signed(body, "app-secret")   # the second item has no sender: ignored, logged
    with caplog.at_level(logging.DEBUG):
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://portal") as client:
            assert (await client.post("/webhooks/whatsapp", content=raw, headers=headers)).status_code == 200
        await hook.shutdown()
    await hook.client.aclose()
    await hook.relay.aclose()
    above_debug = [r.getMessage() for r in caplog.records if r.levelno > logging.DEBUG]
    assert any("********3210" in line for line in above_debug), above_debug   # the failure is logged
    for line in above_debug:
        assert WA_ID not in line and "9876543210" not in line, line
        assert "पानी" not in line, line


def test_rasa_telemetry_is_off_everywhere():
    import deploy.run_local as run_local

    assert run_local.environment({"RASA_TELEMETRY_ENABLED": "true"})["RASA_TELEMETRY_ENABLED"] == "false"
    assert "export RASA_TELEMETRY_ENABLED := false" in (ROOT / "Makefile").read_text()
    compose = yaml.safe_load((ROOT / "deploy" / "docker-compose.yml").read_text())
    for name, service in compose["services"].items():
        if "rasa" in str(service.get("command", "")):
            assert service["environment"]["RASA_TELEMETRY_ENABLED"] == "false", name
