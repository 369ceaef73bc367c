"""The web chat: the browser talks only to the portal, which relays to Rasa as web:<session>."""
from __future__ import annotations

import re

import pytest

from bot.channel import Button, Reply
from helpline import settings
from portal import webchat


class FakeRasa:
    """Records what the portal relays and answers like Rasa would."""

    def __init__(self, replies):
        self.calls = []
        self.replies = replies

    async def relay(self, channel, user_id, text, metadata=None, on_slow=None):
        self.calls.append((channel, user_id, text, metadata))
        return self.replies

    async def aclose(self):
        pass


@pytest.fixture()
def rasa(client):
    fake = FakeRasa([Reply(text="आपकी शिकायत किस विभाग की है? <b>bold</b>",
                           buttons=(Button("ऊर्जा", "/choose_department{\"department\":\"energy\"}"),)),
                     Reply(image="javascript:alert(1)")])
    webchat.set_relay(fake)
    yield fake
    webchat.set_relay(None)


def _session(client) -> str:
    page = client.get("/")
    assert page.status_code == 200
    return re.search(r'data-session="([0-9a-f]{32})"', page.text).group(1)


def test_chat_page_is_bilingual(client):
    assert "शिकायत" in client.get("/?lang=hi").text
    assert "File or track a complaint" in client.get("/?lang=en").text


def test_message_is_relayed_as_the_web_session_and_replies_come_back(client, rasa):
    session = _session(client)
    response = client.post("/chat/send", json={"session": session, "text": "बिजली नहीं है", "language": "hi"})
    assert response.status_code == 200
    data = response.json()
    assert data["replies"][0]["text"].startswith("आपकी शिकायत")
    assert data["replies"][0]["buttons"] == [{"title": "ऊर्जा", "payload": "/choose_department{\"department\":\"energy\"}"}]
    assert data["replies"][1]["image"] is None          # a javascript: URL is never passed on
    assert rasa.calls == [("web", session, "बिजली नहीं है", {"language": "hi"})]


def test_button_payload_and_location_are_relayed(client, rasa):
    session = _session(client)
    client.post("/chat/send", json={"session": session, "payload": "/my_complaints"})
    client.post("/chat/send", json={"session": session, "text": "", "location": {"lat": 30.28, "lon": 78.98}})
    assert rasa.calls[0][2] == "/my_complaints"
    assert rasa.calls[1][2] == "" and rasa.calls[1][3]["location"] == {"lat": 30.28, "lon": 78.98}


def test_the_same_browser_keeps_its_session(client, rasa):
    assert _session(client) == _session(client)


def test_a_request_without_the_cookie_or_with_another_session_is_refused(client, rasa):
    session = _session(client)
    assert client.post("/chat/send", json={"session": "0" * 32, "text": "hi"}).status_code == 403
    client.cookies.clear()
    assert client.post("/chat/send", json={"session": session, "text": "hi"}).status_code == 403
    assert rasa.calls == []


def test_malformed_messages_get_a_polite_error_not_a_500(client, rasa):
    session = _session(client)
    bad = [{"session": session}, {"session": session, "text": 5},
           {"session": session, "text": "x", "location": {"lat": 999, "lon": 0}},
           {"session": session, "text": "x", "location": "here"}]
    for body in bad:
        response = client.post("/chat/send", json=body, headers={"accept-language": "en"})
        assert response.status_code == 400
        assert "Please try again" in response.json()["error"]
    assert client.post("/chat/send", content=b"not json", headers={"content-type": "application/json"}).status_code == 400
    assert client.post("/chat/send", content=b"text=hi").status_code == 415
    assert client.post("/chat/send", json={"session": session, "text": "x" * 20000}).status_code == 413
    assert rasa.calls == []


def test_rasa_down_gives_the_busy_answer(client):
    from bot.relay import Relay

    webchat.set_relay(Relay(rasa_url="http://127.0.0.1:9", timeout=1))
    try:
        session = _session(client)
        data = client.post("/chat/send", json={"session": session, "text": "hello", "language": "en"}).json()
        assert data["busy"] is True and data["replies"][0]["text"]
    finally:
        webchat.set_relay(None)


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def test_a_photo_is_saved_and_relayed_like_telegram(client, rasa, tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "PHOTO_DIR", tmp_path / "photos")
    session = _session(client)
    response = client.post("/chat/photo", content=PNG,
                           headers={"content-type": "image/png", "x-chat-session": session, "x-chat-language": "en"})
    assert response.status_code == 200 and response.json()["replies"]
    channel, user, text, metadata = rasa.calls[0]
    assert (channel, user, text, metadata["language"]) == ("web", session, "", "en")
    saved = metadata["photo"]["path"]
    assert saved.startswith(str(tmp_path / "photos")) and saved.endswith(".png")
    assert open(saved, "rb").read() == PNG


def test_only_real_images_of_this_session_are_taken(client, rasa, tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "PHOTO_DIR", tmp_path / "photos")
    session = _session(client)
    fake = client.post("/chat/photo", content=b"<svg onload=alert(1)>",
                       headers={"content-type": "image/png", "x-chat-session": session})
    assert fake.status_code == 415
    other = client.post("/chat/photo", content=PNG, headers={"content-type": "image/png", "x-chat-session": "f" * 32})
    assert other.status_code == 403
    huge = client.post("/chat/photo", content=PNG + b"\x00" * (6 * 1024 * 1024),
                       headers={"content-type": "image/png", "x-chat-session": session})
    assert huge.status_code == 413
    assert rasa.calls == [] and not (tmp_path / "photos").exists()
