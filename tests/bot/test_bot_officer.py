"""Officers and the DM through the real bot: link, notifications with buttons, resolve, reject, /district."""
from __future__ import annotations

from bot.sender import Sender
from bot.telegram.adapter import TelegramChannel
from tests.bot.botkit import wait_for

CITIZEN = 5001
L1 = 7001
DM = 7100
L1_POST = "energy.L1.rudraprayag.ukhimath"


def _texts(tg, chat):
    return [m.get("text") or m.get("caption") or "" for m in tg.messages(chat)]


def _file(text="तीन दिन से बिजली नहीं है", department="energy", district="rudraprayag", block="ukhimath",
          citizen=CITIZEN):
    from helpline import service

    return service.file_ticket(text=text, department=department, district=district, block=block,
                               channel="telegram", channel_user_id=str(citizen), phone="9876543210")


async def _link(tg, chat, post):
    from helpline import service

    code = service.invite_officer(post).code
    before = len(tg.messages(chat))
    tg.send_text(chat, f"/link {code}")
    await wait_for(lambda: len(tg.messages(chat)) > before)
    return tg.messages(chat)[-1]["text"]


async def test_link_needs_a_valid_one_time_code(running_bot, fake_tg):
    fake_tg.send_text(L1, "/link WRONGCODE1")
    await wait_for(lambda: _texts(fake_tg, L1))
    assert "मान्य नहीं" in _texts(fake_tg, L1)[0]
    assert L1_POST in await _link(fake_tg, L1, L1_POST)
    # Officer commands now show in this chat only.
    scoped = [c for c in fake_tg.calls_of("setMyCommands") if c.get("scope")]
    assert scoped[-1]["scope"] == {"type": "chat", "chat_id": L1}
    assert "mytickets" in [c["command"] for c in scoped[-1]["commands"]]


async def test_officer_resolves_from_the_notification_and_citizen_is_asked_for_feedback(running_bot, fake_tg):
    from helpline import service

    ticket = _file()
    await _link(fake_tg, L1, L1_POST)
    sender = Sender({"telegram": TelegramChannel(running_bot.bot)}, idle_seconds=0.1)
    assert await sender.run_once() >= 1
    note = (await wait_for(lambda: [m for m in fake_tg.messages(L1) if ticket.number in (m.get("text") or "")]))[0]
    titles = [b["text"] for row in note["reply_markup"]["inline_keyboard"] for b in row]
    assert titles == ["कार्य शुरू", "निस्तारण", "अस्वीकार", "स्थानांतरण"]

    fake_tg.press_button(L1, f"o:st:{ticket.number}", note["message_id"])
    await wait_for(lambda: service.get_ticket(ticket.number).state == "in_progress")

    fake_tg.press_button(L1, f"o:rs:{ticket.number}", note["message_id"])
    prompt = (await wait_for(lambda: [m for m in fake_tg.messages(L1)
                                      if m.get("_force_reply")]))[0]
    assert ticket.number in prompt["text"]
    fake_tg.send_photo(L1, content=b"\xff\xd8\xffWORK", caption="ट्रांसफार्मर बदल दिया गया", reply_to=prompt["message_id"])
    resolved = await wait_for(lambda: (t := service.get_ticket(ticket.number)).state == "resolved" and t)
    assert any(e.note == "ट्रांसफार्मर बदल दिया गया" for e in resolved.events)

    await sender.run_once()
    ask = (await wait_for(lambda: [m for m in fake_tg.messages(CITIZEN) if m.get("reply_markup")]))[0]
    assert ticket.number in ask["text"]
    payloads = [b["callback_data"] for row in ask["reply_markup"]["inline_keyboard"] for b in row]
    assert payloads == [f'/feedback_satisfied{{"ticket_number":"{ticket.number}"}}',
                        f'/feedback_unsatisfied{{"ticket_number":"{ticket.number}"}}']


async def test_reject_offers_the_fixed_reasons_and_goes_through_the_core(running_bot, fake_tg):
    from helpline import service

    ticket = _file()
    await _link(fake_tg, L1, L1_POST)
    fake_tg.send_text(L1, f"/ticket {ticket.number}")
    card = (await wait_for(lambda: [m for m in fake_tg.messages(L1) if m.get("reply_markup")]))[0]
    assert "9876543210" in card["text"]   # the assigned officer sees the citizen's phone
    fake_tg.press_button(L1, f"o:rj:{ticket.number}", card["message_id"])

    def reasons():
        markup = next(m for m in fake_tg.messages(L1) if m["message_id"] == card["message_id"])["reply_markup"]
        return [b["callback_data"] for row in markup["inline_keyboard"] for b in row if ":rr:" in b["callback_data"]]

    data = await wait_for(reasons)
    assert [d.rsplit(":", 1)[1] for d in data] == ["duplicate", "not_actionable", "sub_judice",
                                                   "personal_dispute", "incomplete"]
    fake_tg.press_button(L1, data[1], card["message_id"])
    after = await wait_for(lambda: (t := service.get_ticket(ticket.number)).pending == "reject"
                           or t.state == "rejected")
    assert after


async def test_officer_outside_jurisdiction_gets_a_polite_refusal(running_bot, fake_tg):
    other = _file(text="सड़क टूटी", department="public_works", district="dehradun", block=None)
    await _link(fake_tg, L1, L1_POST)
    fake_tg.send_text(L1, f"/ticket {other.number}")
    texts = await wait_for(lambda: len(_texts(fake_tg, L1)) >= 2 and _texts(fake_tg, L1))
    assert "आप शिकायत" in texts[-1] and "सड़क टूटी" not in texts[-1]
    fake_tg.press_button(L1, f"o:st:{other.number}", 1)
    texts = await wait_for(lambda: len(_texts(fake_tg, L1)) >= 3 and _texts(fake_tg, L1))
    assert "आप शिकायत" in texts[-1]


async def test_mytickets_lists_pending_earliest_due_first(running_bot, fake_tg):
    first, second = _file(text="बिजली नहीं"), _file(text="मीटर खराब")
    await _link(fake_tg, L1, L1_POST)
    fake_tg.send_text(L1, "/mytickets")
    text = (await wait_for(lambda: [t for t in _texts(fake_tg, L1) if "लंबित" in t]))[0]
    assert text.index(first.number) < text.index(second.number)


async def test_district_numbers_match_the_database(running_bot, fake_tg):
    from helpline.reports import overview

    _file()
    _file(text="पानी नहीं", department="drinking_water")
    _file(text="सड़क", department="public_works", block=None)
    _file(text="देहरादून की शिकायत", district="dehradun", block=None)
    assert "dm.rudraprayag" in await _link(fake_tg, DM, "dm.rudraprayag")
    fake_tg.send_text(DM, "/district")
    text = (await wait_for(lambda: [t for t in _texts(fake_tg, DM) if "आज प्राप्त" in t]))[0]
    totals = overview.district_overview("dm.rudraprayag").totals
    assert f"आज प्राप्त: {totals.received}" in text and totals.received == 3
    assert f"लंबित: {totals.pending} (समय सीमा पार: {totals.beyond_time})" in text
    assert "देहरादून" not in text
    # An ordinary officer may not see the district picture.
    await _link(fake_tg, L1, L1_POST)
    fake_tg.send_text(L1, "/district")
    assert "केवल जिला प्रशासक" in (await wait_for(lambda: [t for t in _texts(fake_tg, L1) if "जिला प्रशासक" in t]))[0]


async def test_daily_digest_reaches_linked_dm(running_bot, fake_tg):
    from bot.telegram.officer import daily_digest

    _file()
    await _link(fake_tg, DM, "dm.rudraprayag")

    class Context:
        bot = running_bot.bot

    await daily_digest(Context())
    assert any("दैनिक सारांश" in t and "आज प्राप्त: 1" in t for t in _texts(fake_tg, DM))
    assert running_bot.job_queue.get_jobs_by_name("dm-daily-digest")


async def test_transfer_offers_the_other_departments_and_asks_for_approval(running_bot, fake_tg):
    from helpline import service

    ticket = _file(text="गाँव की सड़क पर बिजली का खंभा गिरा है")
    await _link(fake_tg, L1, L1_POST)
    fake_tg.send_text(L1, f"/ticket {ticket.number}")
    card = (await wait_for(lambda: [m for m in fake_tg.messages(L1) if m.get("reply_markup")]))[0]
    fake_tg.press_button(L1, f"o:tr:{ticket.number}", card["message_id"])

    def targets():
        markup = next(m for m in fake_tg.messages(L1) if m["message_id"] == card["message_id"])["reply_markup"]
        return [b["callback_data"] for row in markup["inline_keyboard"] for b in row if ":td:" in b["callback_data"]]

    data = await wait_for(targets)
    assert len(data) == 17 and f"o:td:{ticket.number}:energy" not in data   # not to its own department
    fake_tg.press_button(L1, f"o:td:{ticket.number}:public_works", card["message_id"])
    assert await wait_for(lambda: service.get_ticket(ticket.number).pending == "transfer")
