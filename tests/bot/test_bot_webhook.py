"""The production webhook: registered with Telegram at start (never without its URL); Telegram's
secret header is required; real updates are processed."""
from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from bot.telegram.app import build_application
from bot.relay import Relay
from bot.telegram.webhook import PATH, TelegramWebhook, WebhookNotConfigured
from tests.bot.botkit import wait_for

SECRET = "s3cret-token_ABC"
URL = "https://helpline.example.in/webhooks/telegram"


def _update(update_id: int, text: str, chat: int = 9001) -> dict:
    message = {"message_id": 1, "date": 1700000000, "text": text,
               "chat": {"id": chat, "type": "private", "first_name": "R"},
               "from": {"id": chat, "is_bot": False, "first_name": "R", "language_code": "hi"}}
    if text.startswith("/"):   # Telegram marks commands with an entity
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text.split()[0])}]
    return {"update_id": update_id, "message": message}


async def test_webhook_refuses_missing_or_wrong_secret_and_processes_a_signed_update(fake_tg, fake_rasa, core_db):
    app = build_application(token=fake_tg.token, base_url=fake_tg.base_url, updater=False,
                            relay=Relay(rasa_url=fake_rasa.url, path="/webhooks/rest/webhook", timeout=3))
    hook = TelegramWebhook(app, secret=SECRET, url=URL)
    web = FastAPI()
    web.include_router(hook.router)
    await hook.startup()
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=web), base_url="http://portal") as client:
            assert (await client.post(PATH, json=_update(1, "बिजली नहीं है"))).status_code == 403
            wrong = {"X-Telegram-Bot-Api-Secret-Token": "s3cret-token_ABD"}
            assert (await client.post(PATH, json=_update(2, "बिजली नहीं है"), headers=wrong)).status_code == 403
            good = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
            assert (await client.post(PATH, content=b"{not json", headers=good)).status_code == 400
            assert (await client.post(PATH, json={"update_id": "x"}, headers=good)).status_code == 400
            assert (await client.post(PATH, json=_update(3, "बिजली नहीं है"), headers=good)).status_code == 200
            # Telegram retries a webhook call it thinks failed: the same update must not file twice.
            assert (await client.post(PATH, json=_update(3, "बिजली नहीं है"), headers=good)).status_code == 200
            await wait_for(lambda: [m for m in fake_tg.messages(9001) if "CMH-" in (m.get("text") or "")])
            assert (await client.post(PATH, json=_update(4, "/help"), headers=good)).status_code == 200
            await wait_for(lambda: len(fake_tg.messages(9001)) >= 2)
        assert len(fake_rasa.received) == 1   # only the signed update, once
    finally:
        await hook.shutdown()


def test_an_unset_secret_refuses_everything():
    from bot.telegram.webhook import secret_ok

    assert not secret_ok("", "")
    assert not secret_ok("anything", "")
    assert secret_ok("abc", "abc")


async def test_start_registers_the_webhook_url_and_secret_with_the_bot_api(fake_tg, fake_rasa, core_db):
    app = build_application(token=fake_tg.token, base_url=fake_tg.base_url, updater=False,
                            relay=Relay(rasa_url=fake_rasa.url, path="/webhooks/rest/webhook", timeout=3))
    hook = TelegramWebhook(app, secret=SECRET, url=URL)
    await hook.startup()
    try:
        assert fake_tg.webhook == {"url": URL, "secret_token": SECRET}
        assert len(fake_tg.calls_of("setWebhook")) == 1
    finally:
        await hook.shutdown()


@pytest.mark.parametrize("url", ["", "helpline.example.in/webhooks/telegram", "ftp://helpline.example.in/x"])
async def test_without_a_usable_webhook_url_it_refuses_to_start_and_registers_nothing(fake_tg, core_db, url):
    app = build_application(token=fake_tg.token, base_url=fake_tg.base_url, updater=False)
    hook = TelegramWebhook(app, secret=SECRET, url=url)
    with pytest.raises(WebhookNotConfigured, match="TELEGRAM_WEBHOOK_URL"):
        await hook.startup()
    assert fake_tg.calls_of("setWebhook") == [] and not fake_tg.webhook.get("url")
    assert not app.running


def test_the_portal_in_webhook_mode_registers_the_url_from_the_settings(fake_tg, core_db, monkeypatch):
    from helpline import settings
    from portal.app import create_app

    for name, value in {"TELEGRAM_BOT_TOKEN": fake_tg.token, "TELEGRAM_API_BASE_URL": fake_tg.base_url,
                        "TELEGRAM_WEBHOOK_SECRET": SECRET, "TELEGRAM_WEBHOOK_URL": URL}.items():
        monkeypatch.setattr(settings, name, value)
    with TestClient(create_app()) as portal:
        assert fake_tg.webhook == {"url": URL, "secret_token": SECRET}
        assert portal.post(PATH, json=_update(7, "/help")).status_code == 403   # the route is mounted


def test_the_portal_in_webhook_mode_does_not_start_without_the_url(fake_tg, core_db, monkeypatch):
    from helpline import settings
    from portal.app import create_app

    for name, value in {"TELEGRAM_BOT_TOKEN": fake_tg.token, "TELEGRAM_API_BASE_URL": fake_tg.base_url,
                        "TELEGRAM_WEBHOOK_SECRET": SECRET, "TELEGRAM_WEBHOOK_URL": ""}.items():
        monkeypatch.setattr(settings, name, value)
    with pytest.raises(WebhookNotConfigured, match="TELEGRAM_WEBHOOK_URL is not set"):
        with TestClient(create_app()):
            pass
    assert fake_tg.calls_of("setWebhook") == []
