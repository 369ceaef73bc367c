"""What every inbound channel shares: one photo folder, and one sender's messages handled in order."""
from __future__ import annotations

import asyncio
import re

import httpx

from bot import inbound
from bot.channel import Reply
from helpline import settings


async def test_one_senders_work_runs_in_turn_while_other_senders_go_ahead():
    order = inbound.SenderOrder()
    events: list[str] = []

    async def work(sender: str, name: str, seconds: float) -> None:
        async with order.turn(sender):
            events.append(f"start {name}")
            await asyncio.sleep(seconds)
            events.append(f"end {name}")

    first = asyncio.create_task(work("a", "a1", 0.2))
    await asyncio.sleep(0.01)
    await asyncio.gather(work("a", "a2", 0), work("b", "b1", 0), first)
    assert events.index("end a1") < events.index("start a2")   # same sender: strictly in turn
    assert events.index("end b1") < events.index("end a1")     # another sender does not wait
    assert len(order) == 0                                      # idle senders are forgotten


def test_photos_of_every_channel_go_under_the_one_photo_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(settings, "PHOTO_DIR", tmp_path / "photos")
    saved = inbound.save_photo("telegram", "AgAD/../x y", "jpg", b"\xff\xd8\xff")
    assert saved.parent == tmp_path / "photos" / "telegram" and saved.name == "AgAD____x_y.jpg"
    assert saved.read_bytes() == b"\xff\xd8\xff"
    other = inbound.save_photo("whatsapp", "wamid.1", "png", b"png", root=tmp_path / "elsewhere")
    assert other == tmp_path / "elsewhere" / "whatsapp" / "wamid_1.png"


class SlowRasa:
    """Answers each message after a pause, recording when each started and ended."""

    def __init__(self):
        self.events: list[str] = []

    async def relay(self, channel, user_id, text, metadata=None, on_slow=None):
        self.events.append(f"start {text}")
        await asyncio.sleep(0.3 if text == "first" else 0)
        self.events.append(f"end {text}")
        return [Reply(text=f"got {text}")]

    async def aclose(self):
        pass


async def _session(client: httpx.AsyncClient) -> str:
    page = await client.get("/")
    return re.search(r'data-session="([0-9a-f]{32})"', page.text).group(1)


async def test_the_web_chat_relays_one_sessions_messages_in_order(sqlite_database):
    from portal import webchat
    from portal.app import create_app

    rasa = SlowRasa()
    webchat.set_relay(rasa)
    transport = httpx.ASGITransport(app=create_app())
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as one, \
                httpx.AsyncClient(transport=transport, base_url="http://testserver") as two:
            mine, theirs = await _session(one), await _session(two)
            first = asyncio.create_task(one.post("/chat/send", json={"session": mine, "text": "first"}))
            await asyncio.sleep(0.05)
            second, other, first = await asyncio.gather(
                one.post("/chat/send", json={"session": mine, "text": "second"}),
                two.post("/chat/send", json={"session": theirs, "text": "other"}), first)
        assert [r.json()["replies"][0]["text"] for r in (first, second, other)] == ["got first", "got second",
                                                                                      "got other"]
        assert rasa.events.index("end first") < rasa.events.index("start second")
        assert rasa.events.index("end other") < rasa.events.index("end first")
    finally:
        webchat.set_relay(None)
