"""Durable intake: the web process is killed right after it acknowledged a Telegram update and a
WhatsApp message (while Rasa was still thinking about them); after a restart both are answered, once.

The real web app runs as a subprocess (uvicorn) on a SQLite helpline, against the fake Bot API, the
fake Graph API and a fake Rasa that holds its first answers back until the process is dead.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import select

from helpline.store.db import unit_of_work
from helpline.tickets.intake import IntakeMessage
from tests.bot.botkit import FakeRasa
from tests.fakes import graph_api
from tests.fakes.graph_api import FakeGraph
from tests.fakes.server import free_port
from tests.fakes.telegram_api import FakeTelegram

pytestmark = pytest.mark.timeout(120)
ROOT = Path(__file__).resolve().parents[2]
SECRET, APP_SECRET, WA_ID, CHAT = "tg-secret_123", "app-secret", "919876500011", 7301
LEASE = 3


def start_portal(env: dict[str, str], port: int, log: Path) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "portal.app:app", "--host", "127.0.0.1",
                             "--port", str(port)], cwd=ROOT, env=env, stdout=open(log, "ab"),
                            stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    raise AssertionError("portal did not start:\n" + log.read_text()[-3000:])


def wait(predicate, timeout: float = 20.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"{what} not met in time")


def test_a_process_killed_after_the_200_answers_both_messages_after_restart_exactly_once(
        sqlite_database, tmp_path):
    held = threading.Event()   # Rasa answers nothing until the first process is dead

    def script(sender: str, message: str, metadata: dict) -> list[dict]:
        held.wait(30)
        return [{"recipient_id": sender, "text": f"got {message}"}]

    with FakeTelegram() as tg, FakeGraph() as graph:
        rasa = FakeRasa(script).start()
        try:
            port = free_port()
            env = dict(os.environ, HELPLINE_DATABASE_URL=sqlite_database, PORTAL_SECRET="x" * 32,
                       TELEGRAM_BOT_TOKEN=tg.token, TELEGRAM_API_BASE_URL=tg.base_url,
                       TELEGRAM_WEBHOOK_SECRET=SECRET, TELEGRAM_WEBHOOK_URL="https://helpline.test/webhooks/telegram",
                       RASA_URL=rasa.url, RASA_WEBHOOK_PATH="/webhooks/rest/webhook",
                       HELPLINE_INTAKE_LEASE_SECONDS=str(LEASE), HELPLINE_PHOTO_DIR=str(tmp_path / "photos"),
                       **graph.env(app_secret=APP_SECRET))
            web = f"http://127.0.0.1:{port}"
            update = {"update_id": 555001, "message": {
                "message_id": 1, "date": 1700000000, "text": "बिजली नहीं है",
                "chat": {"id": CHAT, "type": "private", "first_name": "R"},
                "from": {"id": CHAT, "is_bot": False, "first_name": "R", "language_code": "hi"}}}
            raw, headers = graph_api.signed(graph_api.notification(
                [graph_api.text_message(WA_ID, "पानी नहीं आ रहा", message_id="wamid.KILL1")]), APP_SECRET)

            first = start_portal(env, port, tmp_path / "web-1.log")
            try:
                tg_answer = httpx.post(f"{web}/webhooks/telegram", json=update,
                                       headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}, timeout=10)
                wa_answer = httpx.post(f"{web}/webhooks/whatsapp", content=raw, headers=headers, timeout=10)
                assert (tg_answer.status_code, wa_answer.status_code) == (200, 200)
                wait(lambda: len(rasa.received) >= 2, what="both messages reached Rasa")
            finally:
                first.send_signal(signal.SIGKILL)   # acknowledged, being handled: the process dies
                first.wait(10)
            assert tg.texts(CHAT) == [] and graph.texts(WA_ID) == []   # nobody was answered yet
            held.set()

            second = start_portal(env, port, tmp_path / "web-2.log")
            try:
                wait(lambda: tg.texts(CHAT) and graph.texts(WA_ID), timeout=LEASE + 20, what="both answered")
                time.sleep(LEASE + 2)   # long enough for a wrongly held claim to be taken up again
            finally:
                second.terminate()
                second.wait(15)
            assert tg.texts(CHAT) == ["got बिजली नहीं है"]
            assert graph.texts(WA_ID) == ["got पानी नहीं आ रहा"]
            with unit_of_work(readonly=True) as session:
                rows = session.execute(select(IntakeMessage.channel, IntakeMessage.status)).all()
            assert sorted(rows) == [("telegram", "done"), ("whatsapp", "done")]
        finally:
            rasa.stop()


def test_a_retried_webhook_is_stored_once_and_a_lost_claim_cannot_finish_it(database):
    from datetime import datetime, timedelta, timezone

    from helpline.tickets import intake

    t0 = datetime(2026, 3, 2, 6, 0, tzinfo=timezone.utc)
    assert intake.accept("whatsapp", "wamid.1", "91987", {"text": "a"}, now=t0)
    assert not intake.accept("whatsapp", "wamid.1", "91987", {"text": "a"}, now=t0)
    [first] = intake.claim("whatsapp", "proc-a", now=t0)
    assert intake.claim("whatsapp", "proc-b", now=t0 + timedelta(seconds=1)) == []   # held by a
    later = t0 + intake.lease() + timedelta(seconds=1)                             # a died
    [again] = intake.claim("whatsapp", "proc-b", now=later)
    assert again.id == first.id and again.attempts == 2
    assert not intake.done(first.id, "proc-a") and not intake.renew(first.id, "proc-a")
    assert intake.done(first.id, "proc-b")
    assert intake.claim("whatsapp", "proc-c", now=later + timedelta(days=1)) == []
