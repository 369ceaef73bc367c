"""Citizens through the real bot stack: fake Bot API <- PTB Application -> relay -> fake Rasa."""
from __future__ import annotations

import time

from tests.bot.botkit import wait_for

CITIZEN = 5001


def _texts(tg, chat):
    return [m.get("text") or "" for m in tg.messages(chat)]


async def test_text_is_relayed_and_the_ticket_number_comes_back(running_bot, fake_tg, fake_rasa):
    fake_tg.send_text(CITIZEN, "तीन दिन से बिजली नहीं है")
    reply = await wait_for(lambda: [t for t in _texts(fake_tg, CITIZEN) if "CMH-" in t])
    assert "शिकायत संख्या" in reply[0]
    body = fake_rasa.received[0]
    assert body["sender"] == f"telegram:{CITIZEN}"
    assert body["metadata"] == {"channel": "telegram", "user_id": str(CITIZEN), "language": "hi"}


async def test_the_same_update_twice_files_one_ticket(running_bot, fake_tg, fake_rasa):
    from helpline import service

    update_id = fake_tg.send_text(CITIZEN, "सड़क टूटी है")
    await wait_for(lambda: [t for t in _texts(fake_tg, CITIZEN) if "CMH-" in t])
    fake_tg.redeliver(update_id)
    fake_tg.send_text(CITIZEN, "/help")   # a later update proves the duplicate was already seen
    await wait_for(lambda: len(fake_tg.messages(CITIZEN)) >= 2)
    time.sleep(0.2)
    tickets = service.citizen_tickets(channel="telegram", channel_user_id=str(CITIZEN))
    assert len(tickets) == 1
    assert len(fake_rasa.received) == 1


async def test_buttons_become_an_inline_keyboard_and_a_press_sends_the_payload(running_bot, fake_tg, fake_rasa):
    fake_tg.send_text(CITIZEN, "/start")
    msg = (await wait_for(lambda: [m for m in fake_tg.messages(CITIZEN) if m.get("reply_markup")]))[0]
    button = msg["reply_markup"]["inline_keyboard"][0][0]
    assert button == {"text": "Energy", "callback_data": '/inform{"department":"energy"}'}
    fake_tg.press_button(CITIZEN, button["callback_data"], msg["message_id"])
    await wait_for(lambda: len(fake_rasa.received) >= 2)
    assert fake_rasa.received[1]["message"] == '/inform{"department":"energy"}'
    await wait_for(lambda: fake_tg.callback_answers)
    # The pressed keyboard is taken away so the choice cannot be sent twice.
    await wait_for(lambda: not fake_tg.messages(CITIZEN)[0].get("reply_markup"))


async def test_location_photo_and_own_contact_reach_rasa_as_metadata(running_bot, fake_tg, fake_rasa, tmp_path):
    fake_tg.send_location(CITIZEN, 30.52, 79.08)
    await wait_for(lambda: len(fake_rasa.received) >= 1)
    fake_tg.send_photo(CITIZEN, content=b"\xff\xd8\xffJPEGDATA")
    await wait_for(lambda: len(fake_rasa.received) >= 2)
    fake_tg.send_contact(CITIZEN, "+919876543210", own=True, first_name="Ramesh", last_name="Kumar")
    await wait_for(lambda: len(fake_rasa.received) >= 3)
    loc, photo, contact = fake_rasa.received[:3]
    assert loc["message"] == "" and loc["metadata"]["location"] == {"lat": 30.52, "lon": 79.08}
    assert photo["message"] == ""
    saved = photo["metadata"]["photo"]
    assert saved["file_id"].startswith("AgAC")
    with open(saved["path"], "rb") as f:
        assert f.read() == b"\xff\xd8\xffJPEGDATA"
    assert contact["metadata"]["phone"] == "+919876543210"
    assert contact["metadata"]["name"] == "Ramesh Kumar"   # name and phone in one tap


async def test_the_dialogues_contact_request_becomes_a_share_contact_button(running_bot, fake_tg):
    from bot.channel import from_rasa
    from bot.telegram.adapter import TelegramChannel

    [reply] = from_rasa([{"recipient_id": "telegram:5001", "custom": {
        "text": "Your name and mobile number?", "request_contact": "📱 Share my number"}}])
    await TelegramChannel(running_bot.bot).send(CITIZEN, [reply])
    [message] = fake_tg.messages(CITIZEN)
    assert message["text"] == "Your name and mobile number?"
    assert message["_reply_keyboard"]["keyboard"] == [[{"text": "📱 Share my number", "request_contact": True}]]
    assert message["_reply_keyboard"]["one_time_keyboard"] is True


async def test_someone_elses_contact_is_not_taken_as_the_phone(running_bot, fake_tg, fake_rasa):
    fake_tg.send_contact(CITIZEN, "+919999999999", own=False)
    await wait_for(lambda: _texts(fake_tg, CITIZEN))
    assert "अपना" in _texts(fake_tg, CITIZEN)[0]
    assert fake_rasa.received == []


async def test_stickers_voice_documents_and_edits_get_a_polite_answer(running_bot, fake_tg, fake_rasa):
    fake_tg.send_sticker(CITIZEN)
    fake_tg.send_voice(CITIZEN)
    fake_tg.send_document(CITIZEN)
    fake_tg.edit_message(CITIZEN, 1, "बदला हुआ")
    texts = await wait_for(lambda: len(_texts(fake_tg, CITIZEN)) >= 4 and _texts(fake_tg, CITIZEN))
    assert sum("केवल लिखा हुआ" in t for t in texts) == 3
    assert any("बदले गए संदेश" in t for t in texts)
    assert fake_rasa.received == []


async def test_status_shows_only_the_citizens_own_ticket(running_bot, fake_tg, core_db):
    from helpline import service

    mine = service.file_ticket(text="पानी नहीं आ रहा", department="drinking_water", district="rudraprayag",
                               block="ukhimath", channel="telegram", channel_user_id=str(CITIZEN))
    other = service.file_ticket(text="सड़क खराब", department="public_works", district="rudraprayag",
                                channel="telegram", channel_user_id="777")
    fake_tg.send_text(CITIZEN, f"/status {mine.number}")
    await wait_for(lambda: _texts(fake_tg, CITIZEN))
    fake_tg.send_text(CITIZEN, f"/status {other.number}")
    await wait_for(lambda: len(_texts(fake_tg, CITIZEN)) >= 2)
    fake_tg.send_text(CITIZEN, "/mycomplaints", language_code="en")
    texts = await wait_for(lambda: len(_texts(fake_tg, CITIZEN)) >= 3 and _texts(fake_tg, CITIZEN))
    assert mine.number in texts[0] and "पेयजल" in texts[0]
    assert "नहीं मिली" in texts[1] and "सड़क" not in texts[1]
    assert mine.number in texts[2] and other.number not in texts[2]


async def test_a_non_officer_gets_nothing_from_officer_commands(running_bot, fake_tg, core_db):
    from helpline import service

    service.file_ticket(text="बिजली नहीं", department="energy", district="rudraprayag", block="ukhimath",
                        channel="telegram", channel_user_id="12")
    for command in ("/mytickets", "/district", "/ticket CMH-2026-000001"):
        fake_tg.send_text(CITIZEN, command)
    texts = await wait_for(lambda: len(_texts(fake_tg, CITIZEN)) >= 3 and _texts(fake_tg, CITIZEN))
    assert all("CMH-2026-000001" not in t and "लंबित" not in t for t in texts)
    assert all(t.startswith("अपनी शिकायत") for t in texts)   # the citizen's help instead


async def test_rasa_down_answers_busy_within_five_seconds(fake_tg, core_db):
    from bot.telegram.app import build_application
    from bot.relay import Relay
    from tests.fakes.server import free_port as _closed_port

    relay = Relay(rasa_url=f"http://127.0.0.1:{_closed_port()}", path="/webhooks/rest/webhook", timeout=4)
    app = build_application(token=fake_tg.token, base_url=fake_tg.base_url, relay=relay)
    async with app:
        await app.start()
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        start = time.monotonic()
        fake_tg.send_text(CITIZEN, "बिजली नहीं है")
        texts = await wait_for(lambda: _texts(fake_tg, CITIZEN), timeout=5)
        assert time.monotonic() - start < 5
        assert "व्यस्त" in texts[0]
        await app.updater.stop()
        await app.stop()


async def _bot_with_script(fake_tg, script):
    from bot.telegram.app import build_application
    from bot.relay import Relay
    from tests.bot.botkit import FakeRasa

    rasa = FakeRasa(script).start()
    app = build_application(token=fake_tg.token, base_url=fake_tg.base_url,
                            relay=Relay(rasa_url=rasa.url, path="/webhooks/rest/webhook", timeout=4))
    await app.initialize()
    await app.start()
    await app.updater.start_polling(poll_interval=0.0, timeout=1)

    async def stop():
        await app.updater.stop()
        await app.stop()
        await app.shutdown()
        rasa.stop()
    return rasa, stop


async def test_one_chats_messages_reach_rasa_in_order_even_when_rasa_is_slow_on_the_first(fake_tg, core_db):
    def script(sender, message, metadata):
        time.sleep(0.5 if message == "1" else 0.01)
        return [{"text": f"ok {message}"}]

    rasa, stop = await _bot_with_script(fake_tg, script)
    try:
        for n in "12345":
            fake_tg.send_text(CITIZEN, n)
        fake_tg.send_text(CITIZEN + 1, "other chat")
        await wait_for(lambda: len(_texts(fake_tg, CITIZEN)) >= 5)
        assert [r["message"] for r in rasa.received if r["sender"] == f"telegram:{CITIZEN}"] == list("12345")
        assert _texts(fake_tg, CITIZEN) == [f"ok {n}" for n in "12345"]
        # Another chat is not queued behind all of the slow one's messages.
        order = [r["message"] for r in rasa.received]
        assert order.index("other chat") < order.index("5")
    finally:
        await stop()


async def test_a_long_answer_is_split_within_telegrams_limit_with_buttons_on_the_last_part(fake_tg, core_db):
    long_text = "\n".join(f"पंक्ति {i}: " + "शिकायत " * 40 for i in range(30))

    def script(sender, message, metadata):
        return [{"text": long_text, "buttons": [{"title": "हाँ", "payload": "/affirm"}]}]

    rasa, stop = await _bot_with_script(fake_tg, script)
    try:
        fake_tg.send_text(CITIZEN, "सूची दिखाओ")
        await wait_for(lambda: fake_tg.messages(CITIZEN) and fake_tg.messages(CITIZEN)[-1].get("reply_markup"))
        sent = fake_tg.messages(CITIZEN)
        assert len(sent) >= 2 and all(len(m["text"]) <= 4096 for m in sent)
        assert [bool(m.get("reply_markup")) for m in sent] == [False] * (len(sent) - 1) + [True]
        assert " ".join(m["text"] for m in sent).split() == long_text.split()
    finally:
        await stop()
