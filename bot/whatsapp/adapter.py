"""WhatsApp adapter, outbound: renders `Reply` objects as Cloud API messages sent through the Graph API.

`POST {WHATSAPP_GRAPH_URL}/{WHATSAPP_PHONE_NUMBER_ID}/messages` with `Bearer WHATSAPP_TOKEN`.
Within WhatsApp's limits: text in pieces of 4096 characters; up to 3 short choices as reply
buttons, more (or longer) choices as list messages of at most 10 rows. A choice's payload travels
in the button or row id and comes back in the citizen's reply.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

import httpx

from bot.channel import Button, DeliveryError, Reply, render, split_text
from helpline import settings

log = logging.getLogger(__name__)

CHANNEL = "whatsapp"
TEXT_LIMIT = 4096
BODY_LIMIT = 1024          # body of an interactive message
CAPTION_LIMIT = 1024
MAX_BUTTONS = 3
BUTTON_TITLE_LIMIT = 20
BUTTON_ID_LIMIT = 256
MAX_ROWS = 10
ROW_TITLE_LIMIT = 24
ROW_ID_LIMIT = 200
ROW_DESCRIPTION_LIMIT = 72
LIST_BUTTON_LIMIT = 20
# Meta error codes (https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes).
RATE_LIMIT_CODES = {4, 80007, 130429, 131048, 131056}
OUTSIDE_WINDOW = 131047   # "Re-engagement message": more than 24 hours since the citizen wrote
PERMANENT_CODES = {100, 131008, 131009, 131021, 131026, 131030, 131047, 131051, 131052, 131053, 133010}


@dataclass(frozen=True)
class WhatsAppConfig:
    """The channel's settings; the channel is enabled only when all four secrets are set."""

    token: str
    phone_number_id: str
    app_secret: str
    verify_token: str
    graph_url: str = "https://graph.facebook.com/v21.0"
    template: str = ""      # approved template for notices outside the 24-hour window

    @classmethod
    def from_settings(cls) -> "WhatsAppConfig":
        return cls(settings.WHATSAPP_TOKEN, settings.WHATSAPP_PHONE_NUMBER_ID, settings.WHATSAPP_APP_SECRET,
                   settings.WHATSAPP_VERIFY_TOKEN, settings.WHATSAPP_GRAPH_URL, settings.WHATSAPP_TEMPLATE)

    @property
    def enabled(self) -> bool:
        return all((self.token, self.phone_number_id, self.app_secret, self.verify_token, self.graph_url))


class GraphError(Exception):
    """The Graph API refused a call: HTTP status and Meta's error code (0 when none was given)."""

    def __init__(self, status: int, code: int, message: str):
        super().__init__(f"graph {status} code {code}: {message}")
        self.status, self.code, self.message = status, code, message


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _unique_ids(buttons: tuple[Button, ...] | list[Button], limit: int) -> list[tuple[Button, str]]:
    """Each choice with the id it is sent with; a payload too long for an id falls back to its title
    (which Rasa reads as typed text), and repeated ids are dropped (WhatsApp refuses them)."""
    seen: set[str] = set()
    out = []
    for b in buttons:
        ident = b.payload if len(b.payload) <= limit else b.title[:limit]
        if ident and ident not in seen:
            seen.add(ident)
            out.append((b, ident))
    return out


def button_message(body: str, buttons: tuple[Button, ...] | list[Button]) -> dict:
    """An interactive reply-button message (at most 3 buttons)."""
    items = _unique_ids(buttons, BUTTON_ID_LIMIT)[:MAX_BUTTONS]
    return {"type": "button", "body": {"text": _cut(body, BODY_LIMIT)},
            "action": {"buttons": [{"type": "reply", "reply": {"id": ident, "title": _cut(b.title, BUTTON_TITLE_LIMIT)}}
                                   for b, ident in items]}}


def list_messages(body: str, buttons: tuple[Button, ...] | list[Button], lang: str) -> list[dict]:
    """Interactive list messages of at most 10 rows each; a title cut short is kept whole in the description."""
    items = _unique_ids(buttons, ROW_ID_LIMIT)
    label = _cut(render("wa.list_button", lang), LIST_BUTTON_LIMIT)
    out = []
    for start in range(0, len(items), MAX_ROWS):
        rows = []
        for b, ident in items[start:start + MAX_ROWS]:
            row = {"id": ident, "title": _cut(b.title, ROW_TITLE_LIMIT)}
            if len(b.title) > ROW_TITLE_LIMIT:
                row["description"] = _cut(b.title, ROW_DESCRIPTION_LIMIT)
            rows.append(row)
        text = body if start == 0 else render("wa.more_choices", lang)
        out.append({"type": "list", "body": {"text": _cut(text, BODY_LIMIT)},
                    "action": {"button": label, "sections": [{"rows": rows}]}})
    return out


def template_message(name: str, reply: Reply, lang: str) -> dict:
    """The notice as a template message: its text as the one body parameter, buttons as quick replies.

    Meta refuses newlines and tabs inside a template parameter, so lines are joined with " · ".
    """
    text = " · ".join(line.strip() for line in reply.text.splitlines() if line.strip())
    components: list[dict] = [{"type": "body", "parameters": [{"type": "text", "text": _cut(text, 1024)}]}]
    for index, button in enumerate(reply.buttons[:3]):
        components.append({"type": "button", "sub_type": "quick_reply", "index": str(index),
                           "parameters": [{"type": "payload", "payload": button.payload[:128]}]})
    return {"type": "template",
            "template": {"name": name, "language": {"code": lang}, "components": components}}


def fits_buttons(buttons: tuple[Button, ...] | list[Button]) -> bool:
    """Reply buttons for at most 3 choices with distinct titles that fit whole; a list otherwise."""
    return len(buttons) <= MAX_BUTTONS and all(len(b.title) <= BUTTON_TITLE_LIMIT for b in buttons) \
        and len({b.title for b in buttons}) == len(buttons)


def render_reply(reply: Reply, lang: str = "hi") -> list[dict]:
    """The Cloud API message objects (without recipient) that show one reply, in order."""
    messages: list[dict] = []
    text = reply.text or ""
    if reply.image and reply.image.startswith(("http://", "https://")):
        image = {"link": reply.image}
        if text and len(text) <= CAPTION_LIMIT and not reply.buttons:
            image["caption"] = text
            text = ""
        messages.append({"type": "image", "image": image})
    pieces = split_text(text, TEXT_LIMIT)
    if reply.buttons:
        # The last piece becomes the body of the choices when it fits; otherwise it goes as text.
        body = pieces.pop() if pieces and len(pieces[-1]) <= BODY_LIMIT else "👇"
        messages += [{"type": "text", "text": {"body": p, "preview_url": False}} for p in pieces]
        interactive = [button_message(body, reply.buttons)] if fits_buttons(reply.buttons) \
            else list_messages(body, reply.buttons, lang)
        messages += [{"type": "interactive", "interactive": i} for i in interactive]
    else:
        messages += [{"type": "text", "text": {"body": p, "preview_url": False}} for p in pieces]
    return messages


class WhatsAppClient:
    """The channel-neutral `send(address, replies)` / `deliver(...)` interface, for WhatsApp numbers."""

    name = CHANNEL
    text_limit = TEXT_LIMIT

    def __init__(self, config: WhatsAppConfig | None = None, timeout: float = 15.0,
                 transport: httpx.AsyncBaseTransport | None = None):
        self.config = config or WhatsAppConfig.from_settings()
        self._client = httpx.AsyncClient(timeout=timeout, transport=transport,
                                         headers={"Authorization": f"Bearer {self.config.token}"})

    @property
    def base(self) -> str:
        return self.config.graph_url.rstrip("/")

    async def send(self, address: str, replies: list[Reply], lang: str = "hi") -> str | None:
        """Send every reply in order; returns the last WhatsApp message id (wamid)."""
        last = None
        for reply in replies:
            for message in render_reply(reply, lang):
                last = await self._post(address, message) or last
        return last

    async def _post(self, to: str, message: dict) -> str | None:
        body = {"messaging_product": "whatsapp", "recipient_type": "individual", "to": str(to), **message}
        response = await self._client.post(f"{self.base}/{self.config.phone_number_id}/messages", json=body)
        data = _json(response)
        if response.status_code >= 400 or "error" in data:
            error = data.get("error") if isinstance(data.get("error"), dict) else {}
            raise GraphError(response.status_code, int(error.get("code") or 0),
                             str(error.get("message") or response.reason_phrase)[:300])
        ids = [m.get("id") for m in data.get("messages") or [] if isinstance(m, dict)]
        return str(ids[0]) if ids and ids[0] else None

    async def deliver(self, address: str, replies: list[Reply]) -> str | None:
        """The notification sender's entry: like send(), with Meta's refusals as DeliveryError."""
        lang = reply_language(replies)
        try:
            try:
                return await self.send(address, replies, lang)
            except GraphError as err:
                if err.code != OUTSIDE_WINDOW or not self.config.template:
                    raise
                # The citizen last wrote more than 24 hours ago: only a template may reach them.
                last = None
                for reply in replies:
                    last = await self._post(address, template_message(self.config.template, reply, lang)) or last
                return last
        except GraphError as err:
            if err.status == 429 or err.code in RATE_LIMIT_CODES:
                raise DeliveryError(f"whatsapp rate limit: {err}") from err
            if err.code in PERMANENT_CODES or (400 <= err.status < 500 and err.status not in (401, 403, 408)):
                # Not a WhatsApp user, outside the 24-hour window, bad parameters: resending cannot help.
                raise DeliveryError(f"whatsapp refused: {err}", permanent=True) from err
            raise DeliveryError(f"whatsapp unavailable: {err}") from err
        except httpx.HTTPError as err:
            raise DeliveryError(f"whatsapp unreachable: {err!r}") from err

    async def media_url(self, media_id: str) -> tuple[str, str]:
        """The download URL and MIME type of a received media object (`GET /{media-id}`)."""
        response = await self._client.get(f"{self.base}/{media_id}")
        data = _json(response)
        if response.status_code != 200 or not isinstance(data.get("url"), str):
            raise GraphError(response.status_code, int((data.get("error") or {}).get("code") or 0), "no media url")
        return data["url"], str(data.get("mime_type") or "")

    async def download(self, url: str, max_bytes: int) -> bytes:
        """The media bytes (the URL needs the same token); refuses anything larger than `max_bytes`."""
        async with self._client.stream("GET", url) as response:
            if response.status_code != 200:
                raise GraphError(response.status_code, 0, "media download failed")
            content = bytearray()
            async for chunk in response.aiter_bytes():
                content += chunk
                if len(content) > max_bytes:
                    raise GraphError(413, 0, f"media larger than {max_bytes} bytes")
            return bytes(content)

    async def aclose(self) -> None:
        await self._client.aclose()


def reply_language(replies: list[Reply]) -> str:
    """Hindi when the text is mostly Devanagari: notifications arrive already in the reader's language."""
    letters = [ch for r in replies for ch in r.text if ch.isalpha()]
    hindi = sum(1 for ch in letters if "\u0900" <= ch <= "\u097f")
    return "hi" if not letters or hindi * 2 >= len(letters) else "en"


def _json(response: httpx.Response) -> dict:
    try:
        data = response.json()
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}

