"""The relay carries the contract's sender and metadata to Rasa and answers 'busy' when Rasa fails."""
from __future__ import annotations

import asyncio
import json
import socket
import time

import httpx

from bot import relay as relay_module
from bot.relay import METADATA_PATH, REST_PATH, Relay, webhook_path


def _relay(handler, timeout=2.0) -> Relay:
    return Relay(rasa_url="http://rasa.test", path=REST_PATH, timeout=timeout,
                 transport=httpx.MockTransport(handler))


async def test_message_reaches_rasa_with_sender_and_metadata():
    seen = {}

    def handler(request: httpx.Request) -> httpx.Response:
        seen["url"] = str(request.url)
        seen["body"] = json.loads(request.content)
        return httpx.Response(200, json=[{"recipient_id": "telegram:42", "text": "नमस्ते",
                                          "buttons": [{"title": "हाँ", "payload": "/affirm"}]}])

    relay = _relay(handler)
    replies = await relay.relay("telegram", "42", "बिजली नहीं\x00 है", {
        "phone": "+919876543210", "location": {"lat": 30.5, "lon": 79.1}, "photo": None, "language": "hi",
        "injected": "dropped"})
    await relay.aclose()
    assert seen["url"] == "http://rasa.test/webhooks/rest/webhook"
    assert seen["body"] == {"sender": "telegram:42", "message": "बिजली नहीं है", "metadata": {
        "channel": "telegram", "user_id": "42", "phone": "+919876543210",
        "location": {"lat": 30.5, "lon": 79.1}, "language": "hi"}}
    assert replies[0].text == "नमस्ते" and replies[0].buttons[0].payload == "/affirm"
    assert not replies[0].busy


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_rasa_down_gives_busy_answer_in_hindi_at_once():
    relay = Relay(rasa_url=f"http://127.0.0.1:{_closed_port()}", path=REST_PATH, timeout=4)
    start = time.monotonic()
    replies = await relay.relay("telegram", "42", "बिजली नहीं है", {"language": "hi"})
    await relay.aclose()
    assert time.monotonic() - start < 5
    assert len(replies) == 1 and replies[0].busy
    assert "व्यस्त" in replies[0].text and "1905" in replies[0].text


async def test_rasa_hanging_gives_busy_answer_in_english_within_the_timeout():
    async def slow(request):
        await asyncio.sleep(30)

    class SlowTransport(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request):
            await slow(request)

    relay = Relay(rasa_url="http://rasa.test", path=REST_PATH, timeout=1, transport=SlowTransport())
    start = time.monotonic()
    replies = await relay.relay("whatsapp", "9198", "no water", {"language": "en"})
    await relay.aclose()
    assert time.monotonic() - start < 3
    assert replies[0].busy and "busy" in replies[0].text


async def test_rasa_error_or_garbage_gives_busy_answer():
    for response in (httpx.Response(500, text="boom"), httpx.Response(200, text="<html>")):
        relay = _relay(lambda request, r=response: r)
        replies = await relay.relay("telegram", "1", "hello", {})
        await relay.aclose()
        assert replies[0].busy


def test_metadata_channel_is_used_when_credentials_declare_it(tmp_path, monkeypatch):
    monkeypatch.setattr(relay_module.settings, "RASA_WEBHOOK_PATH", "")
    creds = tmp_path / "credentials.yml"
    creds.write_text("rest:\n")
    assert webhook_path(creds) == REST_PATH
    creds.write_text("nlu.channel.HelplineInput:\nrest:\n")
    assert webhook_path(creds) == METADATA_PATH
    assert webhook_path(tmp_path / "missing.yml") == REST_PATH


async def test_slow_rasa_gets_a_please_wait_then_the_real_answer():
    class SlowTransport(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request):
            await asyncio.sleep(1.5)
            return httpx.Response(200, json=[{"recipient_id": "telegram:1", "text": "शिकायत संख्या CMH-2026-000001"}])

    interim = []

    async def on_slow(reply):
        interim.append((time.monotonic() - start, reply))

    relay = Relay(rasa_url="http://rasa.test", path=REST_PATH, timeout=1, max_wait=10, transport=SlowTransport())
    start = time.monotonic()
    replies = await relay.relay("telegram", "1", "बिजली नहीं है", {"language": "hi"}, on_slow=on_slow)
    await relay.aclose()
    assert len(interim) == 1 and interim[0][0] < 1.4 and "रुकें" in interim[0][1].text
    assert [r.text for r in replies] == ["शिकायत संख्या CMH-2026-000001"] and not replies[0].busy


async def test_rasa_slower_than_the_longest_wait_gives_busy():
    class SlowTransport(httpx.AsyncBaseTransport):
        async def handle_async_request(self, request):
            await asyncio.sleep(30)

    async def on_slow(reply):
        pass

    relay = Relay(rasa_url="http://rasa.test", path=REST_PATH, timeout=0.5, max_wait=1, transport=SlowTransport())
    start = time.monotonic()
    replies = await relay.relay("telegram", "1", "x", {"language": "en"}, on_slow=on_slow)
    await relay.aclose()
    assert replies[0].busy and time.monotonic() - start < 2
