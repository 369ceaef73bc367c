"""Rasa's replies as WhatsApp messages: within Meta's limits, nothing lost, payloads in the ids."""
from __future__ import annotations

from hypothesis import given, settings, strategies as st

from bot.channel import Button, Reply
from bot.whatsapp.adapter import fits_buttons, render_reply
from tests.fakes.graph_api import body_of, check_message, choices_of


def sent(reply: Reply, lang: str = "hi") -> list[dict]:
    """The messages as posted, each checked against Meta's limits."""
    messages = [{"messaging_product": "whatsapp", "to": "919876543210", **m} for m in render_reply(reply, lang)]
    for m in messages:
        assert check_message(m) is None, (check_message(m), m)
    return messages


def test_long_text_is_split_at_4096_without_losing_words():
    words = [f"शब्द{i}" for i in range(2000)]
    messages = sent(Reply(" ".join(words)))
    assert len(messages) >= 3 and all(len(body_of(m)) <= 4096 for m in messages)
    assert " ".join(body_of(m) for m in messages).split() == words


def test_two_short_choices_are_reply_buttons_with_the_payload_in_the_id():
    feedback = (Button("संतुष्ट", '/feedback_satisfied{"ticket_number":"CMH-2026-000001"}'),
                Button("असंतुष्ट", '/feedback_unsatisfied{"ticket_number":"CMH-2026-000001"}'))
    [message] = sent(Reply("क्या आप संतुष्ट हैं?", feedback))
    assert message["interactive"]["type"] == "button"
    assert choices_of(message) == [(b.title, b.payload) for b in feedback]
    assert body_of(message) == "क्या आप संतुष्ट हैं?"


def test_more_than_three_or_long_choices_become_a_list_with_whole_titles_in_the_description():
    departments = [Button("Drinking Water (Jal Sansthan / Jal Nigam)", '/choose_department{"department":"drinking_water"}'),
                   Button("Energy (UPCL)", '/choose_department{"department":"energy"}')]
    [message] = sent(Reply("Which department?", tuple(departments)), "en")
    assert message["interactive"]["type"] == "list"
    assert message["interactive"]["action"]["button"] == "Choose"
    rows = message["interactive"]["action"]["sections"][0]["rows"]
    assert rows[0]["title"].endswith("…") and rows[0]["description"] == departments[0].title
    assert [r["id"] for r in rows] == [b.payload for b in departments]


def test_thirteen_districts_go_out_as_two_lists_with_every_choice_once():
    districts = tuple(Button(f"जिला {i}", f'/inform{{"district":"d{i}"}}') for i in range(13))
    messages = sent(Reply("आपका ज़िला कौन सा है?", districts))
    assert [len(choices_of(m)) for m in messages] == [10, 3]
    assert [i for m in messages for _, i in choices_of(m)] == [b.payload for b in districts]
    assert body_of(messages[0]) == "आपका ज़िला कौन सा है?" and body_of(messages[1]) == "और विकल्प:"


def test_a_payload_too_long_for_an_id_falls_back_to_the_title():
    [message] = sent(Reply("?", (Button("Yes", "/affirm" + "x" * 300), Button("No", "/deny"))))
    assert choices_of(message) == [("Yes", "Yes"), ("No", "/deny")]


def test_text_too_long_for_a_body_goes_first_then_the_choices():
    text = "क" * 3000
    messages = sent(Reply(text, (Button("छोड़ें", "/skip"),)))
    assert [m["type"] for m in messages] == ["text", "interactive"]
    assert body_of(messages[0]) == text and choices_of(messages[1]) == [("छोड़ें", "/skip")]


def test_an_image_url_goes_with_its_caption():
    [message] = sent(Reply("यह रहा", image="https://example.org/a.jpg"))
    assert message["image"] == {"link": "https://example.org/a.jpg", "caption": "यह रहा"}


titles = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=60).filter(str.strip)
payloads = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=300).filter(str.strip)


@settings(max_examples=150, deadline=None)
@given(text=st.text(max_size=9000), buttons=st.lists(st.builds(Button, titles, payloads), max_size=25))
def test_any_reply_renders_within_meta_limits_and_keeps_every_distinct_choice(text, buttons):
    buttons = [Button(b.title.strip(), b.payload.strip()) for b in buttons]
    reply = Reply(text, tuple(buttons))
    messages = sent(reply)
    offered = [i for m in messages for _, i in choices_of(m)]
    as_buttons = fits_buttons(buttons)
    limit = 256 if as_buttons else 200
    expected = list(dict.fromkeys(b.payload if len(b.payload) <= limit else b.title[:limit] for b in buttons))
    assert offered == expected
    assert all(m["interactive"]["type"] == ("button" if as_buttons else "list")
               for m in messages if m["type"] == "interactive")
    if not buttons:
        assert "".join(body_of(m) for m in messages).split() == text.split()
