"""Reading Meta's webhook: signatures, every message type a citizen can send, statuses."""
from __future__ import annotations

import pytest

from bot.whatsapp.webhook import parse, signature_ok
from tests.fakes import graph_api as meta

WA = "919876543210"


def only(payload):
    messages, statuses = parse(payload, meta.PHONE_NUMBER_ID)
    assert statuses == [] and len(messages) == 1
    return messages[0]


def test_signature_of_the_raw_body_with_the_app_secret_is_required():
    raw, headers = meta.signed(meta.notification([meta.text_message(WA, "bijli nahi hai")]), "s3cret")
    assert signature_ok(raw, headers["X-Hub-Signature-256"], "s3cret")
    assert not signature_ok(raw + b" ", headers["X-Hub-Signature-256"], "s3cret")      # body changed
    assert not signature_ok(raw, headers["X-Hub-Signature-256"], "other-secret")
    assert not signature_ok(raw, None, "s3cret")
    assert not signature_ok(raw, headers["X-Hub-Signature-256"].removeprefix("sha256="), "s3cret")
    assert not signature_ok(raw, meta.sign(raw, ""), "")   # no secret configured: nothing is accepted


def test_text_keeps_the_sender_and_message_id():
    message = meta.text_message(WA, "mere gaon me 3 din se bijli nahi hai")
    m = only(meta.notification([message]))
    assert (m.kind, m.text, m.wa_id, m.message_id) == ("text", "mere gaon me 3 din se bijli nahi hai", WA,
                                                        message["id"])


def test_button_and_list_replies_carry_the_payload_in_the_id():
    payload = '/choose_department{"department":"energy"}'
    assert only(meta.notification([meta.list_reply(WA, payload, "Energy (UPCL)")])).text == payload
    assert only(meta.notification([meta.button_reply(WA, "/affirm", "हाँ")])).text == "/affirm"


def test_location_is_kept_only_when_it_is_a_real_coordinate():
    m = only(meta.notification([meta.location_message(WA, 30.5232, 79.095)]))
    assert (m.kind, m.location) == ("location", {"lat": 30.5232, "lon": 79.095})
    assert only(meta.notification([meta.location_message(WA, 300.0, 79.0)])).kind == "bad_location"


def test_image_with_caption_and_contacts():
    m = only(meta.notification([meta.image_message(WA, "1479537139650973", "ट्रांसफार्मर जल गया")]))
    assert (m.kind, m.media_id, m.text) == ("image", "1479537139650973", "ट्रांसफार्मर जल गया")
    c = only(meta.notification([meta.contacts_message(WA, "919000000001")]))
    assert (c.kind, c.contact_wa_ids) == ("contacts", ("919000000001",))


@pytest.mark.parametrize("kind", ["sticker", "audio", "video", "document", "unsupported"])
def test_types_we_cannot_read_are_marked_for_a_polite_answer(kind):
    assert only(meta.notification([meta.other_message(WA, kind)])).kind == "unsupported"


def test_reactions_need_no_answer():
    reaction = meta._message(WA, "reaction", {"reaction": {"message_id": "wamid.X", "emoji": "👍"}})
    assert only(meta.notification([reaction])).kind == "ignored"


def test_messages_without_a_valid_sender_or_id_are_dropped():
    bad_sender = meta.text_message("not-a-number", "hello")
    no_id = {k: v for k, v in meta.text_message(WA, "hello").items() if k != "id"}
    assert parse(meta.notification([bad_sender, no_id]), meta.PHONE_NUMBER_ID) == ([], [])


def test_statuses_with_their_error():
    payload = meta.notification(statuses=[meta.status("wamid.A", "read", WA),
                                          meta.status("wamid.B", "failed", WA, error_code=131026),
                                          meta.status("wamid.C", "deleted", WA)])
    messages, statuses = parse(payload, meta.PHONE_NUMBER_ID)
    assert messages == []
    assert [(s.message_id, s.status) for s in statuses] == [("wamid.A", "read"), ("wamid.B", "failed")]
    assert "131026" in statuses[1].error and statuses[0].at is not None


def test_changes_for_another_phone_number_are_left_alone():
    payload = meta.notification([meta.text_message(WA, "hello")], phone_number_id="999")
    assert parse(payload, meta.PHONE_NUMBER_ID) == ([], [])


@pytest.mark.parametrize("body", [[], "text", {"object": "page", "entry": []}, {"object": "whatsapp_business_account"}])
def test_anything_but_a_whatsapp_notification_is_refused(body):
    with pytest.raises(ValueError):
        parse(body, meta.PHONE_NUMBER_ID)


def test_odd_shapes_inside_a_notification_do_not_break_parsing():
    payload = {"object": "whatsapp_business_account",
               "entry": [None, {"changes": "x"}, {"changes": [{"field": "messages", "value": {
                   "messages": [None, {"from": WA, "id": "wamid.Z", "type": "text", "text": "not a dict"},
                                {"from": WA, "id": "wamid.Y", "type": "interactive", "interactive": {"type": "nfm_reply"}}],
                   "statuses": [{"id": "wamid.Q", "status": "read", "timestamp": "soon"}]}}]}]}
    messages, statuses = parse(payload, meta.PHONE_NUMBER_ID)
    assert [(m.message_id, m.kind, m.text) for m in messages] == [("wamid.Z", "text", ""), ("wamid.Y", "unsupported", "")]
    assert statuses[0].at is None
