"""Fixtures for the bot: a temp SQLite core, the fake Bot API, a scripted fake Rasa, a running bot."""
from __future__ import annotations

import pytest

from tests.bot.botkit import FakeRasa, filing_script
from tests.fakes.telegram_api import FakeTelegram


@pytest.fixture
def core_db(sqlite_database):
    """The core on a fresh SQLite helpline (reference data and demo roster), from tests/conftest.py."""
    return sqlite_database


@pytest.fixture
def fake_tg():
    with FakeTelegram() as tg:
        yield tg


@pytest.fixture
def fake_rasa():
    rasa = FakeRasa(filing_script).start()
    yield rasa
    rasa.stop()


@pytest.fixture
async def running_bot(fake_tg, fake_rasa, core_db, tmp_path, monkeypatch):
    """The real Application polling the fake Bot API, relaying to the fake Rasa."""
    from helpline import settings
    from bot.telegram.app import build_application
    from bot.relay import Relay

    monkeypatch.setattr(settings, "PHOTO_DIR", tmp_path / "photos")
    relay = Relay(rasa_url=fake_rasa.url, path="/webhooks/rest/webhook", timeout=3)
    app = build_application(token=fake_tg.token, base_url=fake_tg.base_url, relay=relay)
    await app.initialize()
    await app.start()
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    yield app
    await app.updater.stop()
    await app.stop()
    await app.shutdown()
