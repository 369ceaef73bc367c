"""Fuzzing (hypothesis, bounded) of what comes from outside: the relay's handling of Rasa answers, Telegram
and WhatsApp payloads, and the core's validation (phones, places, filing, Open311 POST fields).

The only failures allowed are the documented ones: HelplineError (a polite message), ValueError from
the WhatsApp parser (answered 400), Open311Error (answered in the spec's format).
"""
from __future__ import annotations

import itertools
import json
import re

import pytest
from hypothesis import HealthCheck, given, settings as hsettings, strategies as st

from bot.relay import MAX_MESSAGE_CHARS, build_metadata, clean_text
from bot.channel import Reply, from_rasa, split_text
from helpline import reference
from helpline.errors import HelplineError
from helpline.phone import normalise_phone

pytestmark = pytest.mark.timeout(120)
QUICK = hsettings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WITH_DB = hsettings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40)
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.text(max_size=12), inner, max_size=4), max_leaves=25)
rasa_message = st.fixed_dictionaries({}, optional={
    "recipient_id": st.text(max_size=10), "text": scalars, "image": scalars, "custom": json_values,
    "buttons": st.lists(st.fixed_dictionaries({}, optional={"title": scalars, "payload": scalars}) | scalars,
                        max_size=5)})


@QUICK
@given(st.lists(rasa_message | json_values, max_size=5) | json_values)
def test_any_rasa_answer_becomes_replies_or_nothing(answer):
    replies = from_rasa(answer)
    assert all(isinstance(r, Reply) and isinstance(r.text, str) for r in replies)
    assert all(b.title and b.payload for r in replies for b in r.buttons)


@QUICK
@given(st.text(max_size=3000), st.integers(min_value=1, max_value=4096))
def test_split_text_respects_the_limit_and_keeps_every_word(text, limit):
    pieces = split_text(text, limit)
    assert all(0 < len(p) <= limit for p in pieces)
    assert "".join("".join(pieces).split()) == "".join(text.split())   # only whitespace may go


@QUICK
@given(json_values, st.text(max_size=30), json_values)
def test_relay_cleans_any_text_and_metadata(text, user_id, metadata):
    cleaned = clean_text(text)
    assert isinstance(cleaned, str) and len(cleaned) <= MAX_MESSAGE_CHARS
    assert not any(ord(c) < 32 and c not in "\n\t" for c in cleaned)
    meta = build_metadata("telegram", user_id, metadata if isinstance(metadata, dict) else None)
    assert set(meta) <= {"channel", "user_id", "phone", "location", "photo", "language"}
    json.dumps(meta)   # it can always be sent to Rasa


@QUICK
@given(json_values | st.fixed_dictionaries({"object": st.just("whatsapp_business_account"),
                                            "entry": st.lists(json_values, max_size=3)}))
def test_whatsapp_parse_accepts_or_refuses_with_value_error(payload):
    from bot.whatsapp.webhook import parse

    try:
        messages, statuses = parse(payload, "1100")
    except ValueError:
        return
    assert all(m.message_id and m.wa_id.isdigit() for m in messages)


whatsapp_message = st.fixed_dictionaries({
    "from": st.from_regex(r"\d{6,20}", fullmatch=True) | scalars, "id": st.text(min_size=1, max_size=40) | scalars,
    "type": st.sampled_from(["text", "interactive", "button", "location", "image", "contacts", "sticker"]) | scalars,
}, optional={"text": json_values, "interactive": json_values, "button": json_values, "location": json_values,
             "image": json_values, "contacts": json_values})


@QUICK
@given(whatsapp_message)
def test_whatsapp_message_items_of_any_shape_parse_without_crashing(item):
    from bot.whatsapp.webhook import parse_message

    parsed = parse_message(item)
    if parsed is not None and parsed.location is not None:
        assert -90 <= parsed.location["lat"] <= 90 and -180 <= parsed.location["lon"] <= 180


@QUICK
@given(st.integers(min_value=1, max_value=2**31) | st.text(max_size=12), st.text(max_size=200))
def test_telegram_updates_of_any_text_deserialise(update_id, text):
    from telegram import Bot, Update

    data = {"update_id": update_id if isinstance(update_id, int) else 1,
            "message": {"message_id": 1, "date": 1767225600, "text": text,
                        "chat": {"id": 1, "type": "private"}, "from": {"id": 1, "is_bot": False, "first_name": "x"}}}
    update = Update.de_json(data, Bot("123:abc"))
    assert update.effective_message.text == text


@QUICK
@given(st.text(max_size=30) | st.from_regex(r"(\+91|0091|0)?[ -]?[5-9]\d{2}[ -]?\d{3}[ -]?\d{4}", fullmatch=True))
def test_phone_normalisation_gives_one_form_or_a_polite_error(raw):
    try:
        phone = normalise_phone(raw)
    except HelplineError as err:
        assert err.code == "error.invalid_phone" and err.text("hi")
        return
    assert re.fullmatch(r"\+91[6-9]\d{9}", phone)
    assert normalise_phone(phone) == phone


places = st.text(max_size=40) | st.sampled_from(
    ["Rudraprayag", "रुद्रप्रयाग", "rudraprayag ", "UKHIMATH", "ऊखीमठ", "Tehri Garhwal", "dehradun", "' OR 1=1"])


@QUICK
@given(places, st.none() | places)
def test_place_resolution_finds_a_place_or_none(district_text, block_text):
    district = reference.resolve_district(district_text)
    assert district is None or reference.district(district.code) is not None
    block = reference.resolve_block(block_text or "", district.code if district else None)
    assert block is None or (district is None or block.district == district.code)


_citizens = itertools.count(1)


@WITH_DB
@given(text=st.text(max_size=300) | st.just(" "), name=st.none() | st.text(max_size=60),
       phone=st.none() | st.text(max_size=16) | st.from_regex(r"[6-9]\d{9}", fullmatch=True),
       department=st.sampled_from(["energy", "health", "other", "", "Energy", "बिजली", "nope"]),
       district=places, location=st.none() | json_values, language=st.sampled_from(["hi", "en", "fr", "", None]))
def test_file_ticket_with_anything_files_or_refuses_politely(sqlite_database, text, name, phone, department,
                                                             district, location, language):
    from helpline import service

    try:
        view = service.file_ticket(text=text, department=department, district=district, name=name, phone=phone,
                                   channel="web", channel_user_id=f"fuzz-{next(_citizens)}", location=location,
                                   language=language)
    except HelplineError as err:
        assert err.text("hi") and err.text("en")
        return
    assert view.number.startswith("CMH-") and view.text == view.text.strip() and view.text


field_names = st.sampled_from(["api_key", "service_code", "description", "attribute[district]", "attribute[block]",
                               "jurisdiction_id", "address_string", "lat", "long", "first_name", "last_name",
                               "phone", "email", "media_url", "attribute[language]", "attribute[idempotency_key]"])


@WITH_DB
@given(st.dictionaries(field_names, json_values, max_size=10))
def test_open311_post_fields_of_any_shape_file_or_refuse_in_the_spec_format(sqlite_database, monkeypatch, fields):
    from helpline import settings
    from portal import open311, open311_input

    monkeypatch.setattr(settings, "OPEN311_API_KEYS", ["fuzz-key"])
    fields = {"api_key": "fuzz-key", "service_code": "energy", "description": "no power",
              "attribute[district]": "rudraprayag", **fields}
    try:
        answer = open311._file(fields)
    except open311_input.Open311Error as err:
        assert err.status in (400, 401, 404, 413) and err.description
        return
    except HelplineError as err:
        assert err.text("en")
        return
    assert answer["service_request_id"].startswith("CMH-")
