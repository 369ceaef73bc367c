"""`python -m bot` as a real process: polling the fake Bot API, answering, and sending notifications."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_polling_process_answers_and_delivers_the_outbox(fake_tg, core_db, tmp_path):
    from helpline import service

    service.link_officer_telegram(service.invite_officer("energy.L1.rudraprayag.ukhimath").code, 7001)
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": fake_tg.token, "TELEGRAM_API_BASE_URL": fake_tg.base_url,
           "HELPLINE_DATABASE_URL": core_db, "RASA_URL": "http://127.0.0.1:9"}
    log = (tmp_path / "bot.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "bot"], cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        fake_tg.send_text(5001, "/help")
        assert "/status" in fake_tg.wait_for_message(5001, timeout=60)["text"]
        fake_tg.send_text(5001, "बिजली नहीं है")   # Rasa is not running: the busy answer
        assert "व्यस्त" in fake_tg.wait_for_message(5001, lambda m: "व्यस्त" in m["text"], timeout=10)["text"]
        ticket = service.file_ticket(text="ट्रांसफार्मर जल गया", department="energy", district="rudraprayag",
                                     block="ukhimath", channel="telegram", channel_user_id="5002")
        note = fake_tg.wait_for_message(7001, lambda m: ticket.number in m["text"], timeout=20)
        assert note["reply_markup"]["inline_keyboard"]
        assert [c["command"] for c in fake_tg.commands][:2] == ["start", "help"]
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise AssertionError("the bot did not stop on SIGINT:\n" + (tmp_path / "bot.log").read_text())


def test_sender_process_alone_delivers_the_outbox(fake_tg, core_db, tmp_path):
    from helpline import service

    service.link_officer_telegram(service.invite_officer("energy.L1.rudraprayag.ukhimath").code, 7001)
    ticket = service.file_ticket(text="ट्रांसफार्मर जल गया", department="energy", district="rudraprayag",
                                 block="ukhimath", channel="telegram", channel_user_id="5002")
    env = {**os.environ, "TELEGRAM_BOT_TOKEN": fake_tg.token, "TELEGRAM_API_BASE_URL": fake_tg.base_url,
           "HELPLINE_DATABASE_URL": core_db, "WHATSAPP_TOKEN": ""}
    log = (tmp_path / "sender.log").open("w")
    proc = subprocess.Popen([sys.executable, "-m", "bot.sender"], cwd=ROOT, env=env, stdout=log,
                            stderr=subprocess.STDOUT)
    try:
        fake_tg.wait_for_message(7001, lambda m: ticket.number in m["text"], timeout=30)
        assert fake_tg.calls_of("getUpdates") == []   # the sender never takes the bot's updates
    finally:
        proc.terminate()
        proc.wait(timeout=20)
