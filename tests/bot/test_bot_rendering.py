"""Rasa replies become neutral Reply objects; long text is split where a reader expects it."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from bot.channel import Button, Reply, from_rasa, split_text
from bot.telegram.adapter import CALLBACK_LIMIT, PayloadTokens, file_base_url, keyboard, tokens


def test_rasa_text_buttons_and_image_become_replies():
    replies = from_rasa([
        {"recipient_id": "telegram:1", "text": "कौन सा विभाग?",
         "buttons": [{"title": "बिजली", "payload": '/inform{"department":"energy"}'},
                     {"title": "", "payload": "/x"}, "junk"]},
        {"recipient_id": "telegram:1", "image": "https://example.org/a.png"},
        "not a message", {"recipient_id": "telegram:1"},
    ])
    assert replies == [
        Reply("कौन सा विभाग?", (Button("बिजली", '/inform{"department":"energy"}'),)),
        Reply("", (), "https://example.org/a.png"),
    ]


def test_malformed_rasa_answer_gives_no_replies():
    assert from_rasa({"error": "x"}) == []
    assert from_rasa(None) == []


def test_split_prefers_line_breaks_then_words():
    text = "पहली पंक्ति\n" + "शब्द " * 30 + "\nअंतिम"
    pieces = split_text(text, 40)
    assert all(len(p) <= 40 for p in pieces)
    assert pieces[0] == "पहली पंक्ति"
    assert pieces[-1].endswith("अंतिम")
    assert " ".join(" ".join(pieces).split()) == " ".join(text.split())


def test_a_word_longer_than_the_limit_is_cut_not_lost():
    pieces = split_text("x" * 10 + " tail", 4)
    assert pieces[:3] == ["xxxx", "xxxx", "xx"] and "".join(pieces).replace(" ", "") == "x" * 10 + "tail"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(alphabet="abcअआ", min_size=1, max_size=12), min_size=0, max_size=80),
       st.lists(st.sampled_from([" ", "\n"]), min_size=80, max_size=80),
       st.integers(min_value=12, max_value=60))
def test_split_never_exceeds_the_limit_and_keeps_every_word(words, seps, limit):
    text = "".join(w + s for w, s in zip(words, seps))
    pieces = split_text(text, limit)
    assert all(0 < len(p) <= limit for p in pieces)
    assert " ".join(pieces).split() == text.split()


def test_long_payload_gets_a_short_token_that_resolves_back():
    payload = '/inform{"department":"urban_development","district":"udham_singh_nagar","block":"x"}'
    assert len(payload.encode()) > CALLBACK_LIMIT
    markup = keyboard((Button("शहरी विकास", payload), Button("ok", "/affirm")))
    data = [b.callback_data for row in markup.inline_keyboard for b in row]
    assert all(len(d.encode()) <= CALLBACK_LIMIT for d in data)
    assert data[1] == "/affirm"

    class Query:   # the part of a CallbackQuery the resolver reads
        def __init__(self, d):
            self.data, self.message = d, type("M", (), {"reply_markup": markup})()

    assert tokens.payload_for(Query(data[0])) == payload
    # Another replica without the token in memory falls back to the button's title.
    assert PayloadTokens().payload_for(Query(data[0])) == "शहरी विकास"


def test_file_url_is_derived_from_the_api_url():
    assert file_base_url("https://api.telegram.org/bot") == "https://api.telegram.org/file/bot"
    assert file_base_url("http://127.0.0.1:8081/bot") == "http://127.0.0.1:8081/file/bot"
    assert file_base_url("http://h/tg/bot{token}") == "http://h/tg/file/bot{token}"
