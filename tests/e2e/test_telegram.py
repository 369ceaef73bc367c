"""Telegram end to end: the real bot (PTB Application, real HTTP) against the fake Bot API, with the
real Rasa and action servers (tests/e2e/procs.py) and the notification sender.

A citizen files in Hindi with a photo, location and own contact; the L1 officer (linked with an
invite code from the CLI) resolves from the notification with a note; the citizen answers the
feedback question "not satisfied"; the L2 officer receives the reopened ticket; the DM's
/district matches the database. Skipped when there is no trained model.
"""
from __future__ import annotations

import asyncio
import json
import os
import re
import subprocess
import time

import pytest
from conversations import COMPLAINTS, MEDIAN_GOAL, median_turns, phone_of, report
from procs import APP_PYTHON, ROOT

from bot.telegram.app import build_application
from bot.relay import Relay
from bot.sender import RateLimiter, Sender
from bot.telegram.adapter import TelegramChannel
from sqlalchemy import func, select

from helpline import clock, service
from helpline.store import db
from helpline.reports import overview
from helpline.store.models import Ticket
from tests.fakes.telegram_api import FakeTelegram

pytestmark = [pytest.mark.e2e, pytest.mark.rasa]

TICKET = re.compile(r"CMH-\d{4}-\d{6}")
CITIZEN, L1, L2, DM = 8101, 8201, 8202, 8300
ANSWERS = {"citizen_name": "रमेश कुमार", "phone": "9876543210", "district": "रुद्रप्रयाग", "block": "ऊखीमठ"}


async def _quiet(tg: FakeTelegram, chat: int, before: int, timeout: float = 60.0, quiet: float = 0.8) -> list[dict]:
    """The bot's new messages to `chat` once it has answered and gone quiet."""
    deadline = time.monotonic() + timeout
    while len(tg.messages(chat)) <= before:
        if time.monotonic() > deadline:
            raise AssertionError(f"no answer to chat {chat} in {timeout}s: {tg.texts(chat)[-3:]}")
        await asyncio.sleep(0.1)
    count = len(tg.messages(chat))
    while True:
        await asyncio.sleep(quiet)
        if len(tg.messages(chat)) == count:
            return tg.messages(chat)[before:]
        count = len(tg.messages(chat))


async def _until(predicate, timeout: float = 30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = await asyncio.to_thread(predicate)
        if value:
            return value
        await asyncio.sleep(0.2)
    raise AssertionError("condition not met in time")


def _buttons(messages: list[dict]) -> list[tuple[int, str, str]]:
    return [(m["message_id"], b["text"], b["callback_data"]) for m in messages
            for row in (m.get("reply_markup") or {}).get("inline_keyboard", []) for b in row]


def _invite(stack, post: str) -> str:
    """`helpline officer invite POST`, as the administrator runs it."""
    out = subprocess.run([str(APP_PYTHON), "-m", "helpline.cli", "officer", "invite", post], cwd=ROOT,
                         env={**os.environ, "HELPLINE_DATABASE_URL": stack.database_url},
                         capture_output=True, text=True, check=True, timeout=120)
    return json.loads(out.stdout)["code"]


async def _link(tg: FakeTelegram, stack, chat: int, post: str) -> None:
    code = await asyncio.to_thread(_invite, stack, post)
    before = len(tg.messages(chat))
    tg.send_text(chat, f"/link {code}")
    replies = await _quiet(tg, chat, before)
    assert post in replies[-1]["text"], replies


async def _file_complaint(tg: FakeTelegram, stack) -> str:
    """Drive the complaint form through Telegram until the ticket number comes back."""
    sender = f"telegram:{CITIZEN}"
    before = len(tg.messages(CITIZEN))
    tg.send_contact(CITIZEN, "+919876543210", own=True)
    await _quiet(tg, CITIZEN, before)
    before = len(tg.messages(CITIZEN))
    tg.send_photo(CITIZEN, content=b"\xff\xd8\xffTRANSFORMER",
                  caption="ऊखीमठ में तीन दिन से बिजली नहीं है, गाँव का ट्रांसफार्मर जल गया है")
    replies = await _quiet(tg, CITIZEN, before)
    transcript = []
    located = False
    for _ in range(15):
        transcript.append([m.get("text", "")[:80] for m in replies])
        found = [TICKET.search(m.get("text") or "") for m in replies]
        if any(found):
            return next(f.group(0) for f in found if f)
        slot = (await asyncio.to_thread(stack.tracker, sender))["slots"].get("requested_slot")
        assert slot, f"the form stopped without a ticket: {transcript}\n{stack.logs()}"
        before = len(tg.messages(CITIZEN))
        buttons = _buttons(replies)
        if slot == "confirm" and not located:   # the summary offers the location: share it
            tg.send_location(CITIZEN, 30.5232, 79.0950)
            located = True
        elif slot == "department":
            msg_id, _, data = next((b for b in buttons if '"energy"' in b[2]),
                                   next((b for b in buttons if b[2].startswith("/deny")), (0, "", "")))
            assert data, f"no way to choose energy: {buttons}"
            tg.press_button(CITIZEN, data, msg_id)
        elif slot == "confirm":
            msg_id, _, data = next(b for b in buttons if b[2].startswith("/affirm"))
            tg.press_button(CITIZEN, data, msg_id)
        else:
            assert slot in ANSWERS, f"unexpected question {slot}: {transcript}"
            tg.send_text(CITIZEN, ANSWERS[slot])
        replies = await _quiet(tg, CITIZEN, before)
    raise AssertionError(f"no ticket after 15 turns: {transcript}")


async def test_citizen_files_officer_resolves_citizen_reopens_l2_receives_dm_sees(stack_core, tmp_path, monkeypatch):
    from helpline import settings

    monkeypatch.setattr(settings, "PHOTO_DIR", tmp_path / "photos")
    with FakeTelegram() as tg:
        app = build_application(token=tg.token, base_url=tg.base_url,
                                relay=Relay(rasa_url=stack_core.rasa_url, timeout=60, secret=stack_core.secret))
        sender = Sender({"telegram": TelegramChannel(app.bot)}, limiter=RateLimiter(per_chat=0.05))
        async with app:
            await app.start()
            await app.updater.start_polling(poll_interval=0.0, timeout=1)
            try:
                # 1. The citizen files in Hindi with photo, location and verified phone.
                number = await _file_complaint(tg, stack_core)
                ticket = await asyncio.to_thread(service.get_ticket, number)
                assert (ticket.department, ticket.district, ticket.block) == ("energy", "rudraprayag", "ukhimath")
                assert ticket.channel == "telegram" and ticket.location == pytest.approx((30.5232, 79.0950))
                assert ticket.photos and open(ticket.photos[0], "rb").read() == b"\xff\xd8\xffTRANSFORMER"
                assert all(re.search("[\u0900-\u097f]", m.get("text") or "ऀ") for m in tg.messages(CITIZEN))

                # 2. The L1 officer links, is notified, and resolves with a note.
                await _link(tg, stack_core, L1, ticket.assigned_post)
                await sender.run_once()
                note = next(m for m in tg.messages(L1) if number in (m.get("text") or ""))
                resolve = next(b for b in _buttons([note]) if b[2] == f"o:rs:{number}")
                before = len(tg.messages(L1))
                tg.press_button(L1, resolve[2], note["message_id"])
                prompt = (await _quiet(tg, L1, before))[-1]
                tg.send_text(L1, "नया ट्रांसफार्मर लगा दिया गया, बिजली चालू है", reply_to=prompt["message_id"])
                await _until(lambda: service.get_ticket(number).state == "resolved")

                # 3. The citizen is asked for feedback and answers "not satisfied".
                before = len(tg.messages(CITIZEN))
                await sender.run_once()
                ask = (await _quiet(tg, CITIZEN, before))[0]
                assert number in ask["text"]
                unhappy = next(b for b in _buttons([ask]) if b[2].startswith("/feedback_unsatisfied"))
                before = len(tg.messages(CITIZEN))
                tg.press_button(CITIZEN, unhappy[2], ask["message_id"])
                await _quiet(tg, CITIZEN, before)
                reopened = await _until(lambda: (t := service.get_ticket(number)).state == "reopened" and t)
                assert reopened.level == "L2"

                # 4. The L2 officer receives the reopened ticket.
                await _link(tg, stack_core, L2, reopened.assigned_post)
                await sender.run_once()
                assert any(number in (m.get("text") or "") and m.get("reply_markup") for m in tg.messages(L2))

                # 5. The DM's /district matches the database.
                await _link(tg, stack_core, DM, "dm.rudraprayag")
                before = len(tg.messages(DM))
                tg.send_text(DM, "/district")
                text = (await _quiet(tg, DM, before))[-1]["text"]
                totals = (await asyncio.to_thread(overview.district_overview, "dm.rudraprayag")).totals
                # Other e2e tests share this database: count today's tickets there, independently.
                with db.unit_of_work() as session:
                    received = session.scalar(select(func.count()).select_from(Ticket).where(
                        Ticket.district_code == "rudraprayag", Ticket.is_practice.is_(False),
                        Ticket.created_at >= clock.local_day_start(clock.now())))
                assert received >= 1 and f"आज प्राप्त: {received}" in text
                assert f"लंबित: {totals.pending} (समय सीमा पार: {totals.beyond_time})" in text
            finally:
                await app.updater.stop()
                await app.stop()


def _contact_button(messages: list[dict]) -> bool:
    return any(b.get("request_contact") for m in messages
               for row in (m.get("_reply_keyboard") or {}).get("keyboard", []) for b in row)


async def _converse(tg: FakeTelegram, stack, chat: int, complaint) -> tuple[str, int, list[str]]:
    """One new citizen from the complaint to the ticket, tapping buttons where offered."""
    sender = f"telegram:{chat}"
    before = len(tg.messages(chat))
    tg.send_text(chat, complaint.text)
    replies = await _quiet(tg, chat, before)
    turns, asked, transcript = 0, [], []
    for _ in range(12):
        transcript.append([m.get("text", "")[:60] for m in replies])
        found = [TICKET.search(m.get("text") or "") for m in replies]
        if any(found):
            return next(f.group(0) for f in found if f), turns, asked
        tracker = await asyncio.to_thread(stack.tracker, sender)
        slot = tracker["slots"].get("requested_slot")
        assert slot, f"the form stopped without a ticket: {transcript}"
        asked.append(slot)
        turns += 1
        buttons = _buttons(replies)
        before = len(tg.messages(chat))
        if slot in ("department", "district", "block") and any(
                f'"{code}"' in b[2] for b in buttons
                for code in (complaint.department, complaint.district_code, complaint.block_code)):
            code = {"department": complaint.department, "district": complaint.district_code,
                    "block": complaint.block_code}[slot]
            msg_id, _, data = next(b for b in buttons if f'"{code}"' in b[2])
            tg.press_button(chat, data, msg_id)
        elif slot == "department":
            tg.send_text(chat, "nahi")   # not offered: ask for every department
        elif slot in ("district", "block"):
            tg.send_text(chat, complaint.district if slot == "district" else complaint.block)
        elif slot in ("citizen_name", "phone"):
            assert _contact_button(replies), f"no share-contact button: {replies}"
            first, _, last = complaint.name.partition(" ")
            tg.send_contact(chat, "+91" + phone_of(complaint), own=True, first_name=first, last_name=last or None)
        else:
            assert slot == "confirm", slot
            if tracker["slots"].get("department") != complaint.department:
                tg.press_button(chat, "/edit", next(b for b in buttons if b[2] == "/edit")[0])
                fields = await _quiet(tg, chat, before)
                before = len(tg.messages(chat))
                msg_id, _, data = next(b for b in _buttons(fields) if '"department"' in b[2])
                tg.press_button(chat, data, msg_id)
                turns += 1
            else:
                tg.press_button(chat, "/affirm", next(b for b in buttons if b[2] == "/affirm")[0])
        replies = await _quiet(tg, chat, before)
    raise AssertionError(f"no ticket after 12 turns: {transcript}")


async def test_twelve_new_telegram_citizens_need_at_most_four_further_messages(stack_core):
    # The database remembers the update ids of the other test's fake Bot API (de-duplication).
    with FakeTelegram(first_update_id=500_000) as tg:
        app = build_application(token=tg.token, base_url=tg.base_url,
                                relay=Relay(rasa_url=stack_core.rasa_url, timeout=60, secret=stack_core.secret))
        async with app:
            await app.start()
            await app.updater.start_polling(poll_interval=0.0, timeout=1)
            try:
                rows, wrong = [], []
                for index, complaint in enumerate(COMPLAINTS):
                    chat = 8600 + index
                    number, turns, asked = await _converse(tg, stack_core, chat, complaint)
                    rows.append((complaint.text, turns, asked))
                    ticket = await asyncio.to_thread(service.get_ticket, number)
                    got = (ticket.department, ticket.district, ticket.block, ticket.citizen_name,
                           ticket.channel)
                    if got != (complaint.department, complaint.district_code, complaint.block_code,
                               complaint.name, "telegram"):
                        wrong.append((complaint.text, got))
                print("\n" + report("telegram", rows))
                assert not wrong, wrong
                assert all("phone" not in asked for _, _, asked in rows), "the contact gave the phone"
                assert median_turns([t for _, t, _ in rows]) <= MEDIAN_GOAL["telegram"], report("telegram", rows)
            finally:
                await app.updater.stop()
                await app.stop()
