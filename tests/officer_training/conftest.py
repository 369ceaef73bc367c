"""Fixtures of the officer-training tests: the bot fixtures of tests/bot (fake Bot API, fake Rasa,
a running bot on a fresh SQLite core) and a portal TestClient."""
from __future__ import annotations

import pytest

from tests.bot.conftest import core_db, fake_rasa, fake_tg, running_bot  # noqa: F401 - fixtures reused

L1_POST = "energy.L1.rudraprayag.ukhimath"
L2_POST = "energy.L2.rudraprayag"
DM_POST = "dm.rudraprayag"
INCHARGE_POST = "other.L1.rudraprayag"


@pytest.fixture
def portal_client(sqlite_database):
    from fastapi.testclient import TestClient

    from portal.app import create_app

    with TestClient(create_app(), base_url="http://testserver") as client:
        yield client


def file_real(text="तीन दिन से बिजली नहीं है", department="energy", block="ukhimath", citizen="5001", **kw):
    """A citizen's real complaint filed on Telegram."""
    from helpline import service

    return service.file_ticket(text=text, department=department, district="rudraprayag", block=block,
                               channel="telegram", channel_user_id=citizen, phone="9876543210", **kw)


def texts(tg, chat) -> list[str]:
    return [m.get("text") or m.get("caption") or "" for m in tg.messages(chat)]


def buttons(message: dict) -> list[tuple[str, str]]:
    """(title, callback_data) of a message's inline keyboard."""
    return [(b["text"], b["callback_data"]) for row in (message.get("reply_markup") or {}).get("inline_keyboard", [])
            for b in row]


async def link(tg, chat: int, post: str) -> str:
    """Link the chat to the post's holder with a fresh invite code; returns the bot's answer."""
    from helpline import service
    from tests.bot.botkit import wait_for

    code = service.invite_officer(post).code
    before = len(tg.messages(chat))
    tg.send_text(chat, f"/link {code}")
    await wait_for(lambda: len(tg.messages(chat)) > before)
    return tg.messages(chat)[-1]["text"]
