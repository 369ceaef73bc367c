"""Rasa is down, or hangs: the citizen hears within 5 seconds, nothing crashes, nothing is stuck or doubled.

What bot/relay.py promises (docs/contracts.md): a message that cannot reach Rasa is answered "busy,
please send it again" and is not queued (so nothing arrives minutes later out of turn); once Rasa is
back, the resent message is processed as usual. When Rasa is only slow, the citizen is told to wait.
The real Telegram Application is used, polling the fake Bot API; Rasa is a scripted stand-in whose
process is stopped and started on the same port.
"""
from __future__ import annotations

import re
import threading
import time

import pytest
from fastapi.testclient import TestClient

from bot.telegram.app import build_application
from bot.relay import Relay
from bot.channel import render
from tests.bot.botkit import FakeRasa, filing_script, wait_for
from tests.faults.kit import counts
from tests.fakes.telegram_api import FakeTelegram

pytestmark = pytest.mark.timeout(90)
CITIZEN, OTHER = 6101, 6102
BUSY_HI = render("bot.busy", "hi")


@pytest.fixture
def fake_tg():
    with FakeTelegram() as tg:
        yield tg


async def _start_bot(fake_tg, relay):
    app = build_application(token=fake_tg.token, base_url=fake_tg.base_url, relay=relay)
    await app.initialize()
    await app.start()
    await app.updater.start_polling(poll_interval=0.0, timeout=1)
    return app


async def _stop_bot(app) -> None:
    await app.updater.stop()
    await app.stop()
    await app.shutdown()


async def _answer(fake_tg, chat: int, text: str, after: int, timeout: float = 5.0) -> tuple[str, float]:
    """Send `text` as the citizen; the bot's next message and how long it took."""
    start = time.monotonic()
    fake_tg.send_text(chat, text)
    texts = await wait_for(lambda: fake_tg.texts(chat)[after:], timeout=timeout)
    return texts[0], time.monotonic() - start


async def test_rasa_down_busy_within_5_s_then_the_resend_files_one_ticket_once_rasa_is_back(fake_tg, sqlite_database):
    rasa = FakeRasa(filing_script)   # its port is chosen but nothing listens yet: Rasa is down
    app = await _start_bot(fake_tg, Relay(rasa_url=rasa.url, path="/webhooks/rest/webhook"))
    try:
        text, took = await _answer(fake_tg, CITIZEN, "मेरे गाँव में तीन दिन से बिजली नहीं है", after=0)
        assert text == BUSY_HI and took < 5, (text, took)
        assert counts()["tickets"] == 0

        rasa.start()   # Rasa is back
        try:
            text, _ = await _answer(fake_tg, CITIZEN, "मेरे गाँव में तीन दिन से बिजली नहीं है", after=1)
            assert "CMH-" in text
            # The message of the outage was not queued and replayed: Rasa saw only the resend.
            assert [b["message"] for b in rasa.received] == ["मेरे गाँव में तीन दिन से बिजली नहीं है"]
            assert counts()["tickets"] == 1
        finally:
            rasa.stop()

        # Down again: the same chat still gets an answer at once (nothing stuck, nothing crashed).
        text, took = await _answer(fake_tg, CITIZEN, "status?", after=2)
        assert text == BUSY_HI and took < 5
        assert counts()["tickets"] == 1
    finally:
        await _stop_bot(app)


async def test_rasa_hanging_on_one_chat_says_please_wait_blocks_no_one_else_and_a_resend_is_not_doubled(
        fake_tg, sqlite_database):
    release = threading.Event()

    def script(sender: str, message: str, metadata: dict) -> list[dict]:
        if sender == f"telegram:{CITIZEN}" and not release.is_set():
            release.wait(20)   # Rasa is stuck on this conversation
        return filing_script(sender, message, metadata)

    rasa = FakeRasa(script).start()
    app = await _start_bot(fake_tg, Relay(rasa_url=rasa.url, path="/webhooks/rest/webhook", timeout=2, max_wait=4))
    try:
        complaint = "Ukhimath market road has a deep pothole, buses cannot pass since the rains"
        first, took = await _answer(fake_tg, CITIZEN, complaint, after=0)
        assert first == render("bot.slow", "en") or first == render("bot.slow", "hi"), first
        assert took < 5

        # Another citizen is answered while the first conversation hangs.
        other, took = await _answer(fake_tg, OTHER, "transformer jal gaya, bijli nahi hai", after=0)
        assert "CMH-" in other and took < 5

        busy = await wait_for(lambda: fake_tg.texts(CITIZEN)[1:], timeout=6)
        assert busy[0] in (BUSY_HI, render("bot.busy", "en"))
        release.set()   # Rasa recovers and, as a real Rasa would, finishes the message it had
        await wait_for(lambda: counts()["tickets"] == 2, timeout=5)

        # The citizen was told to resend and does: the core links it to the same ticket.
        again, _ = await _answer(fake_tg, CITIZEN, complaint, after=2)
        assert "CMH-" in again and counts()["tickets"] == 2
    finally:
        release.set()
        await _stop_bot(app)
        rasa.stop()


def test_web_chat_with_rasa_down_answers_busy_within_5_s_and_writes_nothing(sqlite_database):
    from portal import webchat
    from portal.app import create_app

    rasa = FakeRasa(filing_script)   # never started
    with TestClient(create_app()) as client:
        webchat.set_relay(Relay(rasa_url=rasa.url, path="/webhooks/rest/webhook"))
        try:
            session = re.search(r'data-session="([0-9a-f]{32})"', client.get("/").text).group(1)
            start = time.monotonic()
            answer = client.post("/chat/send", json={"session": session, "text": "pani nahi aa raha",
                                                     "language": "en"})
            took = time.monotonic() - start
        finally:
            webchat.set_relay(None)
    assert answer.status_code == 200 and took < 5
    body = answer.json()
    assert body["busy"] is True and "busy" in body["replies"][0]["text"]
    assert counts()["tickets"] == 0
