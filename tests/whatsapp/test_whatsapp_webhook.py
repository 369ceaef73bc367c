"""The webhook in a FastAPI app: verification, signatures, de-duplication, relay to Rasa, replies on WhatsApp."""
from __future__ import annotations

import asyncio
import json

import httpx

from tests.fakes import graph_api as cloud
from bot.channel import render
from tests.fakes.graph_api import choices_of
from tests.whatsapp.conftest import SECRET, WA_ID


async def test_meta_verification_echoes_the_challenge_only_with_our_token(post):
    ok = await post.get("/webhooks/whatsapp", params={"hub.mode": "subscribe", "hub.verify_token": "verify-me",
                                                      "hub.challenge": "1158201444"})
    assert (ok.status_code, ok.text) == (200, "1158201444")
    bad = await post.get("/webhooks/whatsapp", params={"hub.mode": "subscribe", "hub.verify_token": "guess",
                                                       "hub.challenge": "1158201444"})
    assert bad.status_code == 403 and "1158201444" not in bad.text


async def test_unsigned_or_badly_signed_posts_are_refused_and_not_processed(post, hook, rasa, graph):
    payload = meta_text("bijli nahi hai")
    raw = json.dumps(payload).encode()
    unsigned = await post.post("/webhooks/whatsapp", content=raw, headers={"Content-Type": "application/json"})
    forged = await post.post_signed(payload, secret="not-the-app-secret")
    await hook.idle()
    assert (unsigned.status_code, forged.status_code) == (403, 403)
    assert rasa.received == [] and graph.messages(WA_ID) == []


def meta_text(text: str, message_id: str | None = None) -> dict:
    return cloud.notification([cloud.text_message(WA_ID, text, message_id)])


async def test_a_text_goes_to_rasa_as_the_whatsapp_citizen_with_the_verified_phone(post, hook, rasa, graph):
    rasa.script = lambda body: [{"text": "आपकी शिकायत किस विभाग की है?",
                                 "buttons": [{"title": "ऊर्जा (यूपीसीएल)", "payload": '/choose_department{"department":"energy"}'},
                                             {"title": "पेयजल", "payload": '/choose_department{"department":"drinking_water"}'},
                                             {"title": "लोक निर्माण विभाग", "payload": '/choose_department{"department":"public_works"}'},
                                             {"title": "जिला हेल्पलाइन प्रकोष्ठ", "payload": '/choose_department{"department":"other"}'}]}]
    response = await post.post_signed(meta_text("mere gaon me 3 din se bijli nahi hai"))
    assert response.status_code == 200
    await hook.idle()
    [body] = rasa.received
    assert body["sender"] == f"whatsapp:{WA_ID}" and body["message"] == "mere gaon me 3 din se bijli nahi hai"
    assert body["metadata"] == {"channel": "whatsapp", "user_id": WA_ID, "phone": f"+{WA_ID}"}
    [question] = graph.messages(WA_ID)
    assert question["interactive"]["type"] == "list" and question["interactive"]["action"]["button"] == "चुनें"
    assert ("ऊर्जा (यूपीसीएल)", '/choose_department{"department":"energy"}') in choices_of(question)

    # The citizen picks a row: its id is the payload Rasa gets back.
    await post.post_signed(cloud.notification([cloud.list_reply(WA_ID, '/choose_department{"department":"energy"}',
                                                               "ऊर्जा (यूपीसीएल)")]))
    await hook.idle()
    assert rasa.received[-1]["message"] == '/choose_department{"department":"energy"}'


async def test_meta_gets_its_200_before_rasa_has_answered(post, hook, rasa, graph):
    rasa.gate = asyncio.Event()
    response = await asyncio.wait_for(post.post_signed(meta_text("sadak tuti hai")), 2)
    assert response.status_code == 200
    await asyncio.sleep(0.1)
    assert len(rasa.received) == 1 and graph.messages(WA_ID) == []   # Rasa is still thinking
    rasa.gate.set()
    await hook.idle()
    assert graph.texts(WA_ID) == ["got sadak tuti hai"]


async def test_a_replayed_message_id_is_handled_once(post, hook, rasa, graph):
    payload = meta_text("pani nahi aa raha", message_id=cloud.wamid())
    first, again = await post.post_signed(payload), await post.post_signed(payload)
    await hook.idle()
    assert (first.status_code, again.status_code) == (200, 200)
    assert [b["message"] for b in rasa.received] == ["pani nahi aa raha"]
    # Ids of one sender share a long prefix: a different id is a different message.
    await post.post_signed(meta_text("pani nahi aa raha", message_id=payload["entry"][0]["changes"][0]["value"]
                                     ["messages"][0]["id"][:-1] + "Z"))
    await hook.idle()
    assert len(rasa.received) == 2


async def test_one_citizens_messages_are_answered_in_order(post, hook, rasa, graph):
    await post.post_signed(cloud.notification([cloud.text_message(WA_ID, f"message {i}") for i in range(5)]))
    await hook.idle()
    assert graph.texts(WA_ID) == [f"got message {i}" for i in range(5)]


async def test_a_photo_is_downloaded_and_its_caption_relayed(post, hook, rasa, graph, tmp_path):
    media_id = graph.add_media(b"\xff\xd8\xffTRANSFORMER")
    await post.post_signed(cloud.notification([cloud.image_message(WA_ID, media_id, "ट्रांसफार्मर जल गया")]))
    await hook.idle()
    [body] = rasa.received
    assert body["message"] == "ट्रांसफार्मर जल गया"
    photo = body["metadata"]["photo"]
    assert photo["file_id"] == media_id and open(photo["path"], "rb").read() == b"\xff\xd8\xffTRANSFORMER"
    assert photo["path"].startswith(str(tmp_path / "photos"))


async def test_a_photo_that_cannot_be_fetched_is_still_relayed_by_its_media_id(post, hook, rasa):
    await post.post_signed(cloud.notification([cloud.image_message(WA_ID, "404404404")]))
    await hook.idle()
    assert rasa.received[0]["metadata"]["photo"] == {"file_id": "404404404"}


async def test_location_and_own_contact_travel_in_the_metadata(post, hook, rasa, graph):
    await post.post_signed(cloud.notification([cloud.location_message(WA_ID, 30.5232, 79.095)]))
    await post.post_signed(cloud.notification([cloud.contacts_message(WA_ID, WA_ID)]))
    await hook.idle()
    assert rasa.received[0]["metadata"]["location"] == {"lat": 30.5232, "lon": 79.095}
    assert rasa.received[1]["message"] == "" and rasa.received[1]["metadata"]["phone"] == f"+{WA_ID}"


async def test_what_we_cannot_read_gets_a_polite_answer_without_rasa(post, hook, rasa, graph):
    await post.post_signed(cloud.notification([cloud.other_message(WA_ID, "audio")]))
    await post.post_signed(cloud.notification([cloud.contacts_message(WA_ID, "919000000001")]))
    await post.post_signed(cloud.notification([cloud.location_message(WA_ID, 123.0, 79.0)]))
    await hook.idle()
    assert rasa.received == []
    texts = graph.texts(WA_ID)
    assert len(texts) == 3 and "क्षमा करें" in texts[0] and "अपना" in texts[1]
    assert texts[2] == render("error.invalid_location", "hi")


async def test_the_polite_answer_follows_the_language_of_the_conversation(post, hook, rasa, graph):
    rasa.script = lambda body: [{"text": "Please tell me your name."}]
    await post.post_signed(meta_text("no water in our village"))
    await hook.idle()
    await post.post_signed(cloud.notification([cloud.other_message(WA_ID, "sticker")]))
    await hook.idle()
    assert graph.texts(WA_ID)[-1].startswith("Sorry, I can only read")


async def test_statuses_only_malformed_and_foreign_bodies_write_nothing(post, hook, rasa, graph):
    statuses = await post.post_signed(cloud.notification(statuses=[cloud.status("wamid.X", "delivered", WA_ID)]))
    malformed = await post.post("/webhooks/whatsapp", content=b"{not json", headers={
        "Content-Type": "application/json", "X-Hub-Signature-256": cloud.sign(b"{not json", SECRET)})
    foreign = await post.post_signed({"object": "page", "entry": []})
    await hook.idle()
    assert (statuses.status_code, malformed.status_code, foreign.status_code) == (200, 400, 400)
    assert rasa.received == [] and graph.messages(WA_ID) == []


async def test_when_rasa_is_down_the_citizen_is_asked_to_send_again(post, hook, graph):
    async def down(request):
        raise httpx.ConnectError("refused")

    from bot.relay import Relay
    hook._relay = Relay(rasa_url="http://rasa.test", path="/webhooks/rest/webhook", timeout=1,
                        transport=httpx.MockTransport(down))
    await post.post_signed(meta_text("बिजली नहीं है"))
    await hook.idle()
    assert "दोबारा भेजें" in graph.texts(WA_ID)[0]


async def test_a_reply_meta_refuses_is_logged_not_raised(post, hook, rasa, graph, caplog):
    graph.fail_next(400, 131026)
    await post.post_signed(meta_text("hello"))
    await hook.idle()
    assert graph.messages(WA_ID) == [] and "not sent" in caplog.text


async def test_a_slow_rasa_gets_the_citizen_a_please_wait_then_the_answer(post, hook, rasa, graph):
    hook._relay = rasa.relay(timeout=0.3, max_wait=10)
    rasa.gate = asyncio.Event()
    await post.post_signed(meta_text("bijli nahi hai"))
    await asyncio.sleep(0.8)
    assert graph.texts(WA_ID) == [render("bot.slow", "hi")]
    rasa.gate.set()
    await hook.idle()
    assert graph.texts(WA_ID) == [render("bot.slow", "hi"), "got bijli nahi hai"]


def test_the_channel_is_off_until_every_setting_is_given(monkeypatch):
    from bot.whatsapp import webhook as whatsapp
    from helpline import settings

    values = {"WHATSAPP_TOKEN": "t", "WHATSAPP_PHONE_NUMBER_ID": "1", "WHATSAPP_APP_SECRET": "s",
              "WHATSAPP_VERIFY_TOKEN": "v"}
    for name, value in values.items():
        monkeypatch.setattr(settings, name, value)
    assert whatsapp.build_webhook() is not None
    for name in values:
        monkeypatch.setattr(settings, name, "")
        assert whatsapp.build_webhook() is None, f"enabled without {name}"
        monkeypatch.setattr(settings, name, values[name])
