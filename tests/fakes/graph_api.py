"""A local stand-in for Meta's WhatsApp Cloud API (Graph API), plus real-shaped webhook payloads.

The fake serves on loopback what the bot calls: `POST /{version}/{phone-number-id}/messages`
(checked against WhatsApp's limits, recorded, answered like Meta), `GET /{version}/{media-id}`
(the media URL) and the media download. Usage:

    with FakeGraph() as graph:
        client = WhatsAppClient(graph.config(app_secret="s", verify_token="v"))
        graph.wait_for("919876543210", lambda m: "CMH-" in body_of(m))

The payload builders (`text_message`, `list_reply`, ..., `notification`) give what Meta posts to
the webhook; `sign(raw, secret)` gives its X-Hub-Signature-256 header.
"""
from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import re
import threading
import time
import uuid
from typing import Any, Callable

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from tests.fakes.server import LoopbackServer

VERSION = "v21.0"
PHONE_NUMBER_ID = "106540352242922"
DISPLAY_NUMBER = "15550783881"
WABA_ID = "102290129340398"


def _error(status: int, code: int, message: str) -> JSONResponse:
    return JSONResponse({"error": {"message": message, "type": "OAuthException", "code": code,
                                   "fbtrace_id": uuid.uuid4().hex[:20]}}, status_code=status)


def check_message(body: dict) -> str | None:
    """What Meta would refuse in an outbound message (its documented limits), or None."""
    if body.get("messaging_product") != "whatsapp" or not str(body.get("to") or "").isdigit():
        return "messaging_product must be whatsapp and to a phone number"
    kind = body.get("type", "text")
    if kind == "text":
        text = (body.get("text") or {}).get("body")
        if not isinstance(text, str) or not text.strip() or len(text) > 4096:
            return "text.body must be 1-4096 characters"
        return None
    if kind == "image":
        image = body.get("image") or {}
        if not (image.get("link") or image.get("id")) or len(image.get("caption") or "") > 1024:
            return "image needs a link or id, caption at most 1024"
        return None
    if kind == "template":
        template = body.get("template") or {}
        if not template.get("name") or not (template.get("language") or {}).get("code"):
            return "template needs a name and a language code"
        for component in template.get("components") or []:
            for parameter in component.get("parameters") or []:
                value = parameter.get("text") or parameter.get("payload") or ""
                if not value or len(value) > 1024 or re.search(r"[\n\t]| {4,}", value):
                    return "template parameter: 1-1024 characters, no newline, tab or 4 spaces"
        return None
    if kind != "interactive":
        return f"unsupported type {kind}"
    interactive = body.get("interactive") or {}
    text = (interactive.get("body") or {}).get("text")
    if not isinstance(text, str) or not text.strip() or len(text) > 1024:
        return "interactive.body.text must be 1-1024 characters"
    action = interactive.get("action") or {}
    if interactive.get("type") == "button":
        buttons = action.get("buttons") or []
        ids = [(b.get("reply") or {}).get("id") for b in buttons]
        titles = [(b.get("reply") or {}).get("title") for b in buttons]
        if not 1 <= len(buttons) <= 3 or any(b.get("type") != "reply" for b in buttons):
            return "1-3 reply buttons"
        if any(not t or len(t) > 20 for t in titles) or any(not i or len(i) > 256 for i in ids):
            return "button title 1-20 characters, id 1-256"
        if len(set(ids)) != len(ids) or len(set(titles)) != len(titles):
            return "button ids and titles must be unique"
        return None
    if interactive.get("type") == "list":
        sections = action.get("sections") or []
        rows = [r for s in sections for r in s.get("rows") or []]
        label = action.get("button")
        if not label or len(label) > 20 or not 1 <= len(sections) <= 10 or not 1 <= len(rows) <= 10:
            return "list: button label 1-20, 1-10 sections, 1-10 rows in all"
        if len(sections) > 1 and any(not s.get("title") for s in sections):
            return "list: every section needs a title when there are several"
        for r in rows:
            if not r.get("id") or len(r["id"]) > 200 or not r.get("title") or len(r["title"]) > 24 \
                    or len(r.get("description") or "") > 72:
                return "list row: id 1-200, title 1-24, description at most 72"
        if len({r["id"] for r in rows}) != len(rows):
            return "list row ids must be unique"
        return None
    return "unsupported interactive type"


def body_of(message: dict) -> str:
    """The text a person reads in one sent message."""
    kind = message.get("type", "text")
    if kind == "template":
        return " ".join(p.get("text", "") for c in message["template"]["components"] if c["type"] == "body"
                        for p in c["parameters"])
    if kind == "text":
        return message["text"]["body"]
    if kind == "image":
        return message["image"].get("caption") or ""
    return message["interactive"]["body"]["text"]


def choices_of(message: dict) -> list[tuple[str, str]]:
    """(title, id) of every button or list row of one sent message."""
    if message.get("type") != "interactive":
        return []
    action = message["interactive"]["action"]
    if "buttons" in action:
        return [(b["reply"]["title"], b["reply"]["id"]) for b in action["buttons"]]
    return [(r["title"], r["id"]) for s in action["sections"] for r in s["rows"]]


class FakeGraph(LoopbackServer):
    """One WhatsApp business phone number; thread-safe; serves in a background thread."""

    thread_name = "fake-graph"

    def __init__(self, token: str = "EAAG-test-token", phone_number_id: str = PHONE_NUMBER_ID):
        super().__init__()
        self.token = token
        self.phone_number_id = phone_number_id
        self._lock = threading.Condition()
        self._ids = itertools.count(1)
        self.sent: dict[str, list[dict]] = {}        # wa_id -> messages sent to them, in order
        self.refused: list[tuple[dict, str]] = []    # (message, why) refused by the limits
        self.media: dict[str, tuple[str, bytes]] = {}   # media id -> (mime type, content)
        self.downloads: list[str] = []
        self._failures: list[tuple[int, int]] = []   # (HTTP status, Meta code) for the next sends

    @property
    def graph_url(self) -> str:
        return f"{self.url}/{VERSION}"

    def config(self, app_secret: str = "app-secret", verify_token: str = "verify-me"):
        from bot.whatsapp.adapter import WhatsAppConfig

        return WhatsAppConfig(self.token, self.phone_number_id, app_secret, verify_token, self.graph_url)

    def env(self, app_secret: str = "app-secret", verify_token: str = "verify-me") -> dict[str, str]:
        """The environment that points a helpline process at this fake."""
        return {"WHATSAPP_TOKEN": self.token, "WHATSAPP_PHONE_NUMBER_ID": self.phone_number_id,
                "WHATSAPP_APP_SECRET": app_secret, "WHATSAPP_VERIFY_TOKEN": verify_token,
                "WHATSAPP_GRAPH_URL": self.graph_url}

    def app(self) -> Starlette:
        return Starlette(routes=[
            Route(f"/{VERSION}/{{phone_id}}/messages", self._messages, methods=["POST"]),
            Route(f"/{VERSION}/{{media_id}}", self._media_info, methods=["GET"]),
            Route("/download/{media_id}", self._download, methods=["GET"]),
        ])

    # --- what a test arranges and reads ---------------------------------------------------------

    def add_media(self, content: bytes, mime: str = "image/jpeg") -> str:
        media_id = str(900000000000000 + next(self._ids))
        self.media[media_id] = (mime, content)
        return media_id

    def fail_next(self, status: int = 400, code: int = 131026, count: int = 1) -> None:
        with self._lock:
            self._failures += [(status, code)] * count

    def messages(self, wa_id: str) -> list[dict]:
        with self._lock:
            return list(self.sent.get(str(wa_id), []))

    def texts(self, wa_id: str) -> list[str]:
        return [body_of(m) for m in self.messages(wa_id)]

    def wait_for(self, wa_id: str, predicate: Callable[[dict], bool] = lambda m: True,
                 timeout: float = 10.0, after: int = 0) -> dict:
        """The first message to `wa_id` (from index `after`) that satisfies predicate."""
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                for m in self.sent.get(str(wa_id), [])[after:]:
                    if predicate(m):
                        return m
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"no matching message to {wa_id}; sent: {self.texts(wa_id)[-5:]}")
                self._lock.wait(left)

    # --- the Graph API ---------------------------------------------------------------------------

    def _authorised(self, request: Request) -> bool:
        return request.headers.get("authorization") == f"Bearer {self.token}"

    async def _messages(self, request: Request) -> Response:
        if not self._authorised(request):
            return _error(401, 190, "Invalid OAuth access token - Cannot parse access token")
        if request.path_params["phone_id"] != self.phone_number_id:
            return _error(400, 100, "Unsupported post request. Object with ID does not exist")
        try:
            body = await request.json()
        except ValueError:
            return _error(400, 100, "Invalid JSON")
        with self._lock:
            failure = self._failures.pop(0) if self._failures else None
        if failure:
            return _error(failure[0], failure[1], "Message failed to send (scripted)")
        why = check_message(body)
        if why:
            with self._lock:
                self.refused.append((body, why))
            return _error(400, 131009, f"(#131009) Parameter value is not valid: {why}")
        wamid = "wamid.HBgM" + uuid.uuid4().hex.upper() + "FQIAERgS"
        with self._lock:
            self.sent.setdefault(body["to"], []).append({**body, "_id": wamid})
            self._lock.notify_all()
        return JSONResponse({"messaging_product": "whatsapp",
                             "contacts": [{"input": body["to"], "wa_id": body["to"]}],
                             "messages": [{"id": wamid}]})

    async def _media_info(self, request: Request) -> Response:
        if not self._authorised(request):
            return _error(401, 190, "Invalid OAuth access token")
        media_id = request.path_params["media_id"]
        if media_id not in self.media:
            return _error(400, 100, "Unsupported get request. Object does not exist")
        mime, content = self.media[media_id]
        return JSONResponse({"messaging_product": "whatsapp", "url": f"{self.url}/download/{media_id}",
                             "mime_type": mime, "sha256": hashlib.sha256(content).hexdigest(),
                             "file_size": len(content), "id": media_id})

    async def _download(self, request: Request) -> Response:
        if not self._authorised(request):   # Meta's media URLs need the token too
            return Response(status_code=401)
        media_id = request.path_params["media_id"]
        if media_id not in self.media:
            return Response(status_code=404)
        self.downloads.append(media_id)
        mime, content = self.media[media_id]
        return Response(content, media_type=mime)


# --- what Meta posts to the webhook ----------------------------------------------------------------

_counter = itertools.count(1)


def wamid() -> str:
    """A fresh inbound message id shaped like Meta's (long, sharing a prefix per sender)."""
    return "wamid.HBgMOTE5ODc2NTQzMjEwFQIAEhggQTNEN0Y" + uuid.uuid4().hex.upper()


def _message(wa_id: str, kind: str, content: dict, message_id: str | None = None) -> dict:
    return {"from": wa_id, "id": message_id or wamid(), "timestamp": str(int(time.time())), "type": kind,
            **content}


def text_message(wa_id: str, body: str, message_id: str | None = None) -> dict:
    return _message(wa_id, "text", {"text": {"body": body}}, message_id)


def button_reply(wa_id: str, reply_id: str, title: str = "choice") -> dict:
    return _message(wa_id, "interactive", {"interactive": {
        "type": "button_reply", "button_reply": {"id": reply_id, "title": title}}})


def list_reply(wa_id: str, reply_id: str, title: str = "choice", description: str = "") -> dict:
    reply = {"id": reply_id, "title": title, **({"description": description} if description else {})}
    return _message(wa_id, "interactive", {"interactive": {"type": "list_reply", "list_reply": reply}})


def location_message(wa_id: str, lat: float, lon: float, name: str = "") -> dict:
    return _message(wa_id, "location", {"location": {"latitude": lat, "longitude": lon,
                                                     **({"name": name} if name else {})}})


def image_message(wa_id: str, media_id: str, caption: str = "", mime: str = "image/jpeg") -> dict:
    image = {"id": media_id, "mime_type": mime, "sha256": "x" * 44, **({"caption": caption} if caption else {})}
    return _message(wa_id, "image", {"image": image})


def contacts_message(wa_id: str, contact_wa_id: str, name: str = "Ramesh") -> dict:
    return _message(wa_id, "contacts", {"contacts": [{
        "name": {"formatted_name": name, "first_name": name},
        "phones": [{"phone": f"+{contact_wa_id}", "wa_id": contact_wa_id, "type": "CELL"}]}]})


def other_message(wa_id: str, kind: str) -> dict:
    """A sticker, audio, video, document... (or "unsupported", Meta's own type for unknown ones)."""
    content = {"errors": [{"code": 131051, "title": "Message type unknown"}]} if kind == "unsupported" \
        else {kind: {"id": "1234567890", "mime_type": "audio/ogg; codecs=opus"}}
    return _message(wa_id, kind, content)


def status(message_id: str, state: str, recipient: str, error_code: int | None = None) -> dict:
    item: dict[str, Any] = {"id": message_id, "status": state, "timestamp": str(int(time.time())),
                            "recipient_id": recipient}
    if state in ("sent", "delivered", "read"):
        item["conversation"] = {"id": uuid.uuid4().hex, "origin": {"type": "service"}}
        item["pricing"] = {"billable": True, "pricing_model": "CBP", "category": "service"}
    if error_code:
        item["errors"] = [{"code": error_code, "title": "Message undeliverable",
                           "error_data": {"details": "Message Undeliverable."}}]
    return item


def notification(messages: list[dict] = (), statuses: list[dict] = (), name: str = "Ramesh",
                 phone_number_id: str = PHONE_NUMBER_ID) -> dict:
    """The webhook body Meta posts, with contacts[] for every sender."""
    value: dict[str, Any] = {"messaging_product": "whatsapp",
                             "metadata": {"display_phone_number": DISPLAY_NUMBER, "phone_number_id": phone_number_id}}
    if messages:
        senders = dict.fromkeys(m["from"] for m in messages)
        value["contacts"] = [{"profile": {"name": name}, "wa_id": s} for s in senders]
        value["messages"] = list(messages)
    if statuses:
        value["statuses"] = list(statuses)
    return {"object": "whatsapp_business_account",
            "entry": [{"id": WABA_ID, "changes": [{"value": value, "field": "messages"}]}]}


def sign(raw: bytes, secret: str) -> str:
    """The X-Hub-Signature-256 header Meta sends with `raw`."""
    return "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()


def signed(payload: dict, secret: str) -> tuple[bytes, dict[str, str]]:
    """(raw body, headers) of a signed webhook post."""
    raw = json.dumps(payload, ensure_ascii=False).encode()
    return raw, {"Content-Type": "application/json", "X-Hub-Signature-256": sign(raw, secret)}
