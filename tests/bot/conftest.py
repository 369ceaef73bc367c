"""Fixtures for the bot: a temp SQLite core, the fake Bot API, a scripted fake Rasa, a running bot."""
from __future__ import annotations

import asyncio
import shutil
import socket
import threading
import time
from collections.abc import Callable

import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.fakes.telegram_api import FakeTelegram


@pytest.fixture(scope="session")
def template_db(tmp_path_factory) -> str:
    """One initialised database (schema, reference data, demo roster), copied for each test."""
    from helpline import db

    path = tmp_path_factory.mktemp("bot-db") / "template.db"
    db.configure(f"sqlite:///{path}")
    db.init_database()
    db.engine().dispose()
    return str(path)


@pytest.fixture
def core_db(template_db, tmp_path):
    """A fresh copy of the template database, configured as the core's database."""
    from helpline import clock, db

    path = tmp_path / "helpline.db"
    shutil.copy(template_db, path)
    db.configure(f"sqlite:///{path}")
    clock._cache = (0.0, 0)
    yield f"sqlite:///{path}"
    db.engine().dispose()


@pytest.fixture
def fake_tg():
    with FakeTelegram() as tg:
        yield tg


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class FakeRasa:
    """Rasa's REST channel on loopback; `script(sender, message, metadata) -> list[dict]` answers."""

    def __init__(self, script: Callable[[str, str, dict], list[dict]]):
        self.script = script
        self.received: list[dict] = []
        self.port = _free_port()
        app = Starlette(routes=[Route("/webhooks/{channel}/webhook", self._webhook, methods=["POST"])])
        self._server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                     log_level="warning", lifespan="off"))
        self._thread = threading.Thread(target=self._server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def _webhook(self, request: Request) -> JSONResponse:
        body = await request.json()
        self.received.append(body)
        answer = await asyncio.to_thread(self.script, body["sender"], body.get("message", ""),
                                         body.get("metadata") or {})
        return JSONResponse(answer)

    def start(self) -> "FakeRasa":
        self._thread.start()
        while not self._server.started:
            time.sleep(0.02)
        return self

    def stop(self) -> None:
        self._server.should_exit = True
        self._thread.join(timeout=5)


def filing_script(sender: str, message: str, metadata: dict) -> list[dict]:
    """A stand-in dialogue: every complaint text files a new ticket (no idempotency of its own)."""
    from helpline import service

    if not message or message.startswith("/"):
        return [{"recipient_id": sender, "text": f"got {message}",
                 "buttons": [{"title": "Energy", "payload": '/inform{"department":"energy"}'}]}]
    ticket = service.file_ticket(text=message, department="energy", district="rudraprayag", block="ukhimath",
                                 channel="telegram", channel_user_id=sender.split(":", 1)[1],
                                 phone=metadata.get("phone"), language=metadata.get("language", "hi"))
    return [{"recipient_id": sender, "text": f"आपकी शिकायत दर्ज हो गई है। शिकायत संख्या: {ticket.number}"}]


@pytest.fixture
def fake_rasa():
    rasa = FakeRasa(filing_script).start()
    yield rasa
    rasa.stop()


@pytest.fixture
async def running_bot(fake_tg, fake_rasa, core_db, tmp_path, monkeypatch):
    """The real Application polling the fake Bot API, relaying to the fake Rasa."""
    from bot import telegram_citizen
    from bot.app import build_application
    from bot.relay import Relay

    monkeypatch.setattr(telegram_citizen, "PHOTO_DIR", tmp_path / "photos")
    relay = Relay(rasa_url=fake_rasa.url, path="/webhooks/rest/webhook", timeout=3)
    app = build_application(token=fake_tg.token, base_url=fake_tg.base_url, relay=relay)
    await app.initialize()
    await app.start()
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    yield app
    await app.updater.stop()
    await app.stop()
    await app.shutdown()


async def wait_for(predicate: Callable[[], object], timeout: float = 10.0):
    """Await (without blocking the bot's loop) until predicate() is truthy; returns its value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")
