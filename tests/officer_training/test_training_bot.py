"""Onboarding and a full practice round through the real bot and the fake Telegram Bot API."""
from __future__ import annotations

from tests.bot.botkit import wait_for
from tests.officer_training.conftest import L1_POST, buttons, link, texts

L1 = 7201
POLICE = 7202
CITIZEN = 5301


async def test_linking_opens_the_tour_with_the_department_time_limits(running_bot, fake_tg):
    answer = await link(fake_tg, POLICE, "home_police.L1.rudraprayag.ukhimath")
    # Police: 3 days at L1 and L2, 7 at L3 and L4 (helpline/reference/departments.yaml).
    assert "home_police.L1.rudraprayag.ukhimath" in answer
    assert "L1 3 दिन, L2 3 दिन, L3 7 दिन, L4 7 दिन" in answer and "स्तर L1" in answer
    for step in ("कार्य शुरू", "निस्तारण", "अस्वीकार", "स्थानांतरण", "/practice", "/mytickets"):
        assert step in answer
    assert "नई शिकायत" in answer                  # what a notification looks like
    assert not fake_tg.messages(POLICE)[-1].get("reply_markup")   # buttons only ever belong to tickets

    fake_tg.send_text(POLICE, "/help en")
    guide = (await wait_for(lambda: [m for m in fake_tg.messages(POLICE) if "Time limits" in (m.get("text") or "")]))[0]
    assert "L1 3 days" in guide["text"] and "what was done, where, and when" in guide["text"]
    assert [t for t, _ in buttons(guide)] == ["Start practice", "हिंदी में"]


async def test_help_for_someone_not_linked_is_the_citizen_help(running_bot, fake_tg):
    fake_tg.send_text(CITIZEN, "/help")
    text = (await wait_for(lambda: texts(fake_tg, CITIZEN)))[0]
    assert "/status" in text and "/practice" not in text and "समय सीमा" not in text


async def _card(tg, chat, scenario_word):
    return next(m for m in tg.messages(chat) if "PRC-" in (m.get("text") or "") and scenario_word in m["text"]
                and m.get("reply_markup"))


async def test_a_full_practice_round_with_the_real_buttons(running_bot, fake_tg):
    from helpline import service
    from helpline.training import practice, readiness

    await link(fake_tg, L1, L1_POST)
    fake_tg.send_text(L1, "/practice")
    await wait_for(lambda: len([m for m in fake_tg.messages(L1) if "PRC-" in (m.get("text") or "")]) >= 3)
    assert any("अभ्यास चक्र 1" in t for t in texts(fake_tg, L1))
    resolve = await _card(fake_tg, L1, "क्या किया, कहाँ, और कब")
    reject = await _card(fake_tg, L1, "निजी विवाद")
    transfer = await _card(fake_tg, L1, "स्थानांतरण' दबाएँ")
    number = {name: next(w for w in m["text"].split() if w.startswith("PRC-"))
              for name, m in (("resolve", resolve), ("reject", reject), ("transfer", transfer))}
    assert "अभ्यास - असली शिकायत नहीं" in resolve["text"]
    assert [t for t, _ in buttons(resolve)] == ["कार्य शुरू", "निस्तारण", "अस्वीकार", "स्थानांतरण"]

    # 1. Start, then resolve with a note that says what, where and when.
    fake_tg.press_button(L1, f"o:st:{number['resolve']}", resolve["message_id"])
    await wait_for(lambda: [t for t in texts(fake_tg, L1) if "काम शुरू हो गया" in t])
    fake_tg.press_button(L1, f"o:rs:{number['resolve']}", resolve["message_id"])
    prompt = (await wait_for(lambda: [m for m in fake_tg.messages(L1) if m.get("_force_reply")]))[0]
    fake_tg.send_text(L1, "ऊखीमठ बाज़ार के खंभे का टूटा तार 12 मार्च को दोपहर 2 बजे लाइन टीम ने जोड़ा",
                      reply_to=prompt["message_id"])
    await wait_for(lambda: [t for t in texts(fake_tg, L1) if "अच्छा लिखा" in t])
    assert service.get_ticket(number["resolve"]).state == "resolved"

    # 2. Reject with the fitting reason (L1: it waits for approval; nobody is really asked).
    fake_tg.press_button(L1, f"o:rj:{number['reject']}", reject["message_id"])
    await wait_for(lambda: any(":rr:" in d for _, d in buttons(
        next(m for m in fake_tg.messages(L1) if m["message_id"] == reject["message_id"]))))
    fake_tg.press_button(L1, f"o:rr:{number['reject']}:personal_dispute", reject["message_id"])
    await wait_for(lambda: [t for t in texts(fake_tg, L1) if t.startswith("सही कारण")])
    assert service.get_ticket(number["reject"]).pending == "reject"

    # 3. Transfer to the department it belongs to: the round is finished.
    fake_tg.press_button(L1, f"o:tr:{number['transfer']}", transfer["message_id"])
    fake_tg.press_button(L1, f"o:td:{number['transfer']}:drinking_water", transfer["message_id"])
    finished = (await wait_for(lambda: [t for t in texts(fake_tg, L1) if "अभ्यास पूरा" in t]))[0]
    assert finished.startswith("सही विभाग")
    me = service.get_officer(L1_POST)
    assert practice.progress(me.id).finished
    post = next(p for p in readiness.district_readiness("rudraprayag").posts if p.post == L1_POST)
    assert post.practice_finished and post.linked and post.last_activity is not None

    # Clearing hides them from the officer's own list; the rows stay (archived).
    fake_tg.send_text(L1, "/practice clear")
    await wait_for(lambda: [t for t in texts(fake_tg, L1) if "3 अभ्यास शिकायतें हटा दी गईं" in t])
    assert service.officer_tickets(me.id) == []
    assert service.get_ticket(number["resolve"]).state == "resolved"     # still there, never deleted
    assert practice.progress(me.id).finished


async def test_a_thin_note_and_a_wrong_reason_get_a_tip(running_bot, fake_tg):
    from helpline import service
    from helpline.training import practice

    await link(fake_tg, L1, L1_POST)
    me = service.get_officer(L1_POST)
    round_ = practice.start_or_continue(me.id)
    items = {i.scenario: i.number for i in round_.items}
    fake_tg.send_text(L1, "/practice")
    await wait_for(lambda: [t for t in texts(fake_tg, L1) if "अभ्यास चक्र 1 जारी है" in t])
    fake_tg.press_button(L1, f"o:rs:{items['resolve']}")
    prompt = (await wait_for(lambda: [m for m in fake_tg.messages(L1) if m.get("_force_reply")]))[0]
    fake_tg.send_text(L1, "ठीक कर दिया", reply_to=prompt["message_id"])
    tip = (await wait_for(lambda: [t for t in texts(fake_tg, L1) if "विवरण अधूरा" in t]))[0]
    assert "तारीख या समय नहीं" in tip and "बहुत कम शब्द" in tip
    fake_tg.press_button(L1, f"o:rr:{items['reject']}:duplicate")
    tip = (await wait_for(lambda: [t for t in texts(fake_tg, L1) if "सही कारण \"निजी विवाद\" था" in t]))[0]
    assert "\"दोहरी शिकायत\" कारण से" in tip
    assert not practice.progress(me.id).finished    # the transfer is still to do
