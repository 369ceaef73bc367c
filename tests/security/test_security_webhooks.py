"""Telegram and WhatsApp webhooks under hostile requests: refused clearly, nothing written, nothing leaked.

Each refusal is checked next to a well-formed, correctly signed request that is accepted, so a
refusal cannot come from a broken route.
"""
from __future__ import annotations

import hashlib
import hmac
import json

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tests.faults.kit import counts
from tests.security.kit import DEEP_JSON, DEEP_OBJECT, INVALID_UTF8, ONE_MB, SCRIPT, SQL_INJECTIONS, assert_no_leak

pytestmark = pytest.mark.timeout(60)
TG_SECRET = "tg-webhook-secret-7c1e"
WA_SECRET = "wa-app-secret-93d0"


def _inbound_rows() -> int:
    """Messages accepted from a webhook (de-duplication and the durable intake)."""
    from sqlalchemy import func, select

    from helpline.tickets.intake import IntakeMessage
    from helpline.store.db import unit_of_work
    from helpline.store.models import InboundMessage

    with unit_of_work(readonly=True) as session:
        return (session.scalar(select(func.count(InboundMessage.id)))
                + session.scalar(select(func.count(IntakeMessage.id))))


@pytest.fixture
def telegram(sqlite_database):
    from bot.telegram.app import build_application
    from bot.relay import Relay
    from bot.telegram.webhook import TelegramWebhook

    application = build_application(token="123456:TEST-TOKEN", base_url="http://127.0.0.1:9/bot",
                                    relay=Relay(rasa_url="http://127.0.0.1:9"), updater=False)
    hook = TelegramWebhook(application=application, secret=TG_SECRET)
    app = FastAPI()
    app.include_router(hook.router)
    with TestClient(app, raise_server_exceptions=False) as client:
        client.hook = hook
        yield client


def _update(text: str, update_id: int = 501) -> dict:
    return {"update_id": update_id, "message": {
        "message_id": 1, "date": 1767225600, "chat": {"id": 4242, "type": "private", "first_name": "R"},
        "from": {"id": 4242, "is_bot": False, "first_name": "R"}, "text": text}}


def test_telegram_webhook_refuses_missing_or_wrong_secret_and_bad_bodies(telegram):
    before = counts()
    body = json.dumps(_update("bijli nahi hai")).encode()
    cases = {
        "no secret": (body, {}),
        "wrong secret": (body, {"X-Telegram-Bot-Api-Secret-Token": TG_SECRET + "x"}),
        "secret of another case": (body, {"X-Telegram-Bot-Api-Secret-Token": TG_SECRET.upper()}),
        "1 MB": (ONE_MB, {"X-Telegram-Bot-Api-Secret-Token": TG_SECRET}),
        "invalid UTF-8": (INVALID_UTF8, {"X-Telegram-Bot-Api-Secret-Token": TG_SECRET}),
        "deep JSON": (DEEP_JSON, {"X-Telegram-Bot-Api-Secret-Token": TG_SECRET}),
        "deep object": (DEEP_OBJECT, {"X-Telegram-Bot-Api-Secret-Token": TG_SECRET}),
        "not an update": (b'{"update_id": "1 OR 1=1"}', {"X-Telegram-Bot-Api-Secret-Token": TG_SECRET}),
    }
    expected = {"no secret": 403, "wrong secret": 403, "secret of another case": 403, "1 MB": 413}
    for name, (raw, headers) in cases.items():
        answer = telegram.post("/webhooks/telegram", content=raw,
                               headers={"Content-Type": "application/json", **headers})
        assert answer.status_code == expected.get(name, 400), (name, answer.status_code)
        assert_no_leak(answer.text)
    assert counts() == before and _inbound_rows() == 0, "a refused update was accepted"

    good = telegram.post("/webhooks/telegram", content=body,
                         headers={"Content-Type": "application/json", "X-Telegram-Bot-Api-Secret-Token": TG_SECRET})
    assert good.status_code == 200 and _inbound_rows() == 1   # stored before the 200


def test_telegram_webhook_with_no_secret_configured_refuses_everyone(sqlite_database):
    from bot.telegram.webhook import secret_ok

    assert not secret_ok("", "") and not secret_ok(None, "") and not secret_ok("anything", "")


@pytest.fixture
def whatsapp(sqlite_database, tmp_path):
    from bot.relay import Relay
    from bot.whatsapp.webhook import WhatsAppWebhook
    from bot.whatsapp.adapter import WhatsAppConfig

    config = WhatsAppConfig("graph-token", "1100", WA_SECRET, "verify-me", "http://127.0.0.1:9/v21.0")
    hook = WhatsAppWebhook(config, relay=Relay(rasa_url="http://127.0.0.1:9"), photo_dir=tmp_path)
    spawned: list = []
    hook.intake_loop.kick = lambda: spawned.append("kick")   # stored, but never handled in the background
    app = FastAPI()
    app.include_router(hook.router)
    with TestClient(app, raise_server_exceptions=False) as client:
        client.spawned = spawned
        yield client


def _signed(raw: bytes, secret: str = WA_SECRET) -> dict:
    return {"Content-Type": "application/json",
            "X-Hub-Signature-256": "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()}


def _wa_text(text: str, message_id: str = "wamid.SEC1") -> dict:
    return {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages", "value": {
        "messaging_product": "whatsapp", "metadata": {"phone_number_id": "1100"},
        "messages": [{"from": "919812345678", "id": message_id, "timestamp": "1767225600", "type": "text",
                      "text": {"body": text}}]}}]}]}


def test_whatsapp_webhook_refuses_unsigned_forged_and_bad_bodies(whatsapp):
    before = counts()
    raw = json.dumps(_wa_text("pani nahi hai")).encode()
    refused = [
        ("unsigned", raw, {"Content-Type": "application/json"}, 403),
        ("signed with another secret", raw, _signed(raw, "guessed-secret"), 403),
        ("signature of another body", raw, _signed(raw + b" "), 403),
        ("sha1 style header", raw, {"X-Hub-Signature-256": "sha1=" + hashlib.sha1(raw).hexdigest()}, 403),
        ("1 MB", ONE_MB, _signed(ONE_MB), 413),
        ("invalid UTF-8", INVALID_UTF8, _signed(INVALID_UTF8), 400),
        ("deep JSON", DEEP_JSON, _signed(DEEP_JSON), 400),
        ("deep object", DEEP_OBJECT, _signed(DEEP_OBJECT), 400),
        ("not WhatsApp", b'{"object": "page"}', _signed(b'{"object": "page"}'), 400),
    ]
    for name, body, headers, status in refused:
        answer = whatsapp.post("/webhooks/whatsapp", content=body, headers=headers)
        assert answer.status_code == status, (name, answer.status_code)
        assert_no_leak(answer.text)
    assert whatsapp.spawned == [] and counts() == before and _inbound_rows() == 0

    verify = whatsapp.get("/webhooks/whatsapp", params={"hub.mode": "subscribe", "hub.verify_token": "guess",
                                                        "hub.challenge": SCRIPT})
    assert verify.status_code == 403 and SCRIPT not in verify.text

    good = whatsapp.post("/webhooks/whatsapp", content=raw, headers=_signed(raw))
    assert good.status_code == 200 and len(whatsapp.spawned) == 1 and _inbound_rows() == 1


def test_whatsapp_hostile_text_is_carried_as_text_not_executed(whatsapp):
    from bot.whatsapp.webhook import parse

    for attack in SQL_INJECTIONS + (SCRIPT,):
        [message], _ = parse(_wa_text(attack, message_id=f"wamid.{abs(hash(attack))}"), "1100")
        assert message.text == attack and message.kind == "text"
