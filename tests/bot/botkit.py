"""Helpers for the bot tests: a scripted fake Rasa REST channel and an async wait."""
from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.fakes.server import LoopbackServer


class FakeRasa(LoopbackServer):
    """Rasa's REST channel on loopback; `script(sender, message, metadata) -> list[dict]` answers."""

    thread_name = "fake-rasa"

    def __init__(self, script: Callable[[str, str, dict], list[dict]]):
        super().__init__()
        self.script = script
        self.received: list[dict] = []

    def app(self) -> Starlette:
        return Starlette(routes=[Route("/webhooks/{channel}/webhook", self._webhook, methods=["POST"])])

    async def _webhook(self, request: Request) -> JSONResponse:
        body = await request.json()
        self.received.append(body)
        answer = await asyncio.to_thread(self.script, body["sender"], body.get("message", ""),
                                         body.get("metadata") or {})
        return JSONResponse(answer)


def filing_script(sender: str, message: str, metadata: dict) -> list[dict]:
    """A stand-in dialogue: every complaint text files a new ticket (no idempotency of its own)."""
    from helpline import service

    if not message or message.startswith("/"):
        return [{"recipient_id": sender, "text": f"got {message}",
                 "buttons": [{"title": "Energy", "payload": '/inform{"department":"energy"}'}]}]
    ticket = service.file_ticket(text=message, department="energy", district="rudraprayag", block="ukhimath",
                                 channel="telegram", channel_user_id=sender.split(":", 1)[1],
                                 phone=metadata.get("phone"), language=metadata.get("language", "hi"))
    return [{"recipient_id": sender, "text": f"आपकी शिकायत दर्ज हो गई है। शिकायत संख्या: {ticket.number}"}]


async def wait_for(predicate: Callable[[], object], timeout: float = 10.0):
    """Await (without blocking the bot's loop) until predicate() is truthy; returns its value."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        await asyncio.sleep(0.05)
    raise AssertionError("condition not met in time")
