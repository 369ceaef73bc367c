"""Fixtures for the WhatsApp channel: the fake Graph API, a scripted Rasa, the webhook on a FastAPI app."""
from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

import httpx
import pytest
from fastapi import FastAPI

from tests.fakes import graph_api
from tests.fakes.graph_api import FakeGraph

SECRET = "app-secret"
WA_ID = "919876543210"


@pytest.fixture
def graph():
    with FakeGraph() as fake:
        yield fake


class ScriptedRasa:
    """Rasa's REST channel as an httpx transport: records each body, answers with `script(body)`."""

    def __init__(self, script: Callable[[dict], list[dict]] | None = None):
        self.script = script or (lambda body: [{"text": f"got {body['message']}"}])
        self.received: list[dict] = []
        self.gate: asyncio.Event | None = None   # when set up, Rasa answers only once it is opened

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        body = json.loads(request.content)
        self.received.append(body)
        if self.gate is not None:
            await self.gate.wait()
        return httpx.Response(200, json=self.script(body))

    def relay(self, timeout: float = 5.0, max_wait: float | None = None):
        from bot.relay import Relay

        return Relay(rasa_url="http://rasa.test", path="/webhooks/rest/webhook", timeout=timeout,
                     max_wait=max_wait, transport=httpx.MockTransport(self))


@pytest.fixture
def rasa() -> ScriptedRasa:
    return ScriptedRasa()


@pytest.fixture
async def hook(graph, rasa, sqlite_database, tmp_path):
    """The webhook (real client to the fake Graph API, scripted Rasa) mounted on a FastAPI app."""
    from bot.whatsapp.webhook import WhatsAppWebhook
    from bot.whatsapp.adapter import WhatsAppClient

    config = graph.config(app_secret=SECRET)
    webhook = WhatsAppWebhook(config, relay=rasa.relay(), client=WhatsAppClient(config),
                              photo_dir=tmp_path / "photos")
    yield webhook
    await webhook.shutdown()
    await webhook.client.aclose()
    await webhook.relay.aclose()


@pytest.fixture
async def post(hook):
    """An HTTP client to the app, as Meta would post: `await meta.post_signed(payload)`."""
    app = FastAPI()
    app.include_router(hook.router)

    class Meta(httpx.AsyncClient):
        async def post_signed(self, payload: dict, secret: str = SECRET) -> httpx.Response:
            raw, headers = graph_api.signed(payload, secret)
            return await self.post("/webhooks/whatsapp", content=raw, headers=headers)

    async with Meta(transport=httpx.ASGITransport(app=app), base_url="http://helpline.test") as client:
        yield client
