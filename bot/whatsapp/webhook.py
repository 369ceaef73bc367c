"""WhatsApp adapter, inbound: the Cloud API webhook `/webhooks/whatsapp` of the portal's FastAPI app.

GET answers Meta's verification (hub.mode=subscribe, hub.verify_token, hub.challenge). Every POST
must carry `X-Hub-Signature-256`, the HMAC-SHA256 of the raw body with WHATSAPP_APP_SECRET; without
it the answer is 403 and nothing is read. Each message is stored once by its id in the database
(helpline/tickets/intake.py) before Meta gets its 200, and handled from there by an IntakeLoop (bot/inbound.py):
relayed to Rasa (bot/relay.py), the replies sent back through bot/whatsapp/adapter.py. A crash after the
200 delays the message until the claim's lease ends, never loses it. Statuses (sent, delivered, read, failed) update
the delivery record of notifications. The citizen is `whatsapp:<wa_id>`, verified phone `+<wa_id>`.
Mounted by portal/app.py when the WhatsApp settings are set (`build_webhook()` is None otherwise).
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import math
import re
from collections import OrderedDict
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import httpx
from fastapi import APIRouter, Request, Response
from fastapi.responses import PlainTextResponse

from bot import inbound
from bot.channel import Reply, guess_language, render
from bot.relay import SHARED_ITEM_TEXT, Relay, busy_reply
from bot.whatsapp.adapter import CHANNEL, GraphError, WhatsAppClient, WhatsAppConfig, reply_language
from helpline.tickets import intake
from helpline.log_privacy import mask
from helpline.tickets import outbox

log = logging.getLogger(__name__)

PATH = "/webhooks/whatsapp"
MAX_BODY = 1 << 20            # a real notification is a few KB
MAX_PHOTO_BYTES = 10 << 20    # WhatsApp images are at most 5 MB
WA_ID = re.compile(r"\d{6,20}")
PHOTO_TYPES = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp"}
STATUSES = ("sent", "delivered", "read", "failed")
IGNORED = ("reaction", "system", "ephemeral", "request_welcome")   # nothing a citizen needs answered


@dataclass(frozen=True)
class Inbound:
    """One citizen message, validated. kind: text, choice, location, image, contacts, bad_location,
    ignored or unsupported; `text` is the typed text, caption or chosen payload."""

    message_id: str
    wa_id: str
    kind: str
    text: str = ""
    location: dict | None = None
    media_id: str | None = None
    contact_wa_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeliveryReport:
    """One status of a message we sent."""

    message_id: str
    status: str
    at: datetime | None
    error: str | None


def signature_ok(raw: bytes, header: str | None, secret: str) -> bool:
    """`sha256=<hex>` of the raw body with the app secret, compared in constant time."""
    if not secret or not header:
        return False
    expected = "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected.encode(), header.strip().encode())


def _str(value: Any, limit: int = 4096) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _location(raw: Any) -> dict | None:
    if not isinstance(raw, dict):
        return None
    try:
        lat, lon = float(raw.get("latitude")), float(raw.get("longitude"))
    except (TypeError, ValueError):
        return None
    if math.isfinite(lat) and math.isfinite(lon) and -90 <= lat <= 90 and -180 <= lon <= 180:
        return {"lat": lat, "lon": lon}
    return None


def parse_message(m: Any) -> Inbound | None:
    """An Inbound for one `messages[]` item, or None when it lacks a usable id or sender."""
    if not isinstance(m, dict):
        return None
    message_id, wa_id, kind = _str(m.get("id"), 300), _str(m.get("from"), 30), _str(m.get("type"), 40)
    if not message_id or not WA_ID.fullmatch(wa_id):
        return None
    body = m.get(kind) if isinstance(m.get(kind), dict) else {}
    if kind == "text":
        return Inbound(message_id, wa_id, "text", _str(body.get("body")))
    if kind == "interactive":
        reply = body.get(_str(body.get("type"))) if body.get("type") in ("button_reply", "list_reply") else None
        if isinstance(reply, dict) and _str(reply.get("id")):
            return Inbound(message_id, wa_id, "choice", _str(reply.get("id")))
    if kind == "button":   # quick-reply button of a template message
        payload = _str(body.get("payload")) or _str(body.get("text"))
        if payload:
            return Inbound(message_id, wa_id, "choice", payload)
    if kind == "location":
        location = _location(body)
        return Inbound(message_id, wa_id, "location" if location else "bad_location", location=location)
    if kind == "image" and _str(body.get("id"), 200):
        return Inbound(message_id, wa_id, "image", _str(body.get("caption")), media_id=_str(body.get("id"), 200))
    if kind == "contacts" and isinstance(m.get("contacts"), list):
        ids = tuple(_str(p.get("wa_id"), 30) for c in m["contacts"] if isinstance(c, dict)
                    for p in (c.get("phones") if isinstance(c.get("phones"), list) else []) if isinstance(p, dict))
        return Inbound(message_id, wa_id, "contacts", contact_wa_ids=tuple(i for i in ids if i))
    if kind in IGNORED:
        return Inbound(message_id, wa_id, "ignored")
    return Inbound(message_id, wa_id, "unsupported")


def parse_status(s: Any) -> DeliveryReport | None:
    if not isinstance(s, dict) or s.get("status") not in STATUSES or not _str(s.get("id"), 300):
        return None
    try:
        at = datetime.fromtimestamp(int(s.get("timestamp")), tz=timezone.utc)
    except (TypeError, ValueError, OverflowError, OSError):
        at = None
    error = None
    errors = s.get("errors")
    if isinstance(errors, list) and errors and isinstance(errors[0], dict):
        e = errors[0]
        details = (e.get("error_data") or {}).get("details") if isinstance(e.get("error_data"), dict) else None
        error = " ".join(str(x) for x in (e.get("code"), e.get("title"), details) if x)[:500]
    return DeliveryReport(_str(s.get("id"), 300), s["status"], at, error)


def parse(payload: Any, phone_number_id: str | None = None) -> tuple[list[Inbound], list[DeliveryReport]]:
    """Messages and statuses of one webhook body; ValueError when it is not a WhatsApp notification.

    Changes for another phone number of the same app are left alone.
    """
    if not isinstance(payload, dict) or payload.get("object") != "whatsapp_business_account" \
            or not isinstance(payload.get("entry"), list):
        raise ValueError("not a WhatsApp Business Account notification")
    messages, statuses = [], []
    for entry in payload["entry"]:
        changes = entry.get("changes") if isinstance(entry, dict) else None
        for change in changes if isinstance(changes, list) else []:
            if not isinstance(change, dict) or change.get("field") != "messages" \
                    or not isinstance(change.get("value"), dict):
                continue
            value = change["value"]
            meta = value.get("metadata") if isinstance(value.get("metadata"), dict) else {}
            if phone_number_id and str(meta.get("phone_number_id") or phone_number_id) != str(phone_number_id):
                continue
            for m in value.get("messages") if isinstance(value.get("messages"), list) else []:
                parsed = parse_message(m)
                if parsed is None:
                    # The item may hold a message's text: only its shape above DEBUG.
                    log.warning("whatsapp message without id or sender ignored (type %s)",
                                mask(m.get("type") if isinstance(m, dict) else type(m).__name__)[:40])
                    log.debug("ignored whatsapp item: %.200r", m)
                else:
                    messages.append(parsed)
            for s in value.get("statuses") if isinstance(value.get("statuses"), list) else []:
                report = parse_status(s)
                if report is not None:
                    statuses.append(report)
    return messages, statuses


class WhatsAppWebhook:
    """The webhook routes plus the background processing of what they receive."""

    def __init__(self, config: WhatsAppConfig | None = None, relay: Relay | None = None,
                 client: WhatsAppClient | None = None, photo_dir: Path | None = None):
        self.config = config or WhatsAppConfig.from_settings()
        self._relay = relay
        self._client = client
        self.photo_dir = photo_dir   # None: settings.PHOTO_DIR
        self._tasks: set[asyncio.Task] = set()
        self.intake_loop = inbound.IntakeLoop(CHANNEL, self.process)
        # The language each citizen was last answered in (a hint for answers Rasa does not give).
        self._languages: OrderedDict[str, str] = OrderedDict()
        self.router = APIRouter()
        self.router.add_api_route(PATH, self.verify, methods=["GET"], include_in_schema=False)
        self.router.add_api_route(PATH, self.receive, methods=["POST"], include_in_schema=False)

    @property
    def relay(self) -> Relay:
        if self._relay is None:
            self._relay = Relay()
        return self._relay

    @property
    def client(self) -> WhatsAppClient:
        if self._client is None:
            self._client = WhatsAppClient(self.config)
        return self._client

    async def verify(self, request: Request) -> Response:
        """Meta's subscription check: echo hub.challenge when the verify token matches."""
        q = request.query_params
        token, challenge = q.get("hub.verify_token") or "", q.get("hub.challenge") or ""
        if q.get("hub.mode") == "subscribe" and self.config.verify_token and challenge and len(challenge) <= 200 \
                and hmac.compare_digest(token.encode(), self.config.verify_token.encode()):
            return PlainTextResponse(challenge)
        return Response(status_code=403)

    async def receive(self, request: Request) -> Response:
        """Check the signature, claim each message once, answer 200 at once; the work goes on after."""
        raw = await request.body()
        if len(raw) > MAX_BODY:
            return Response(status_code=413)
        if not signature_ok(raw, request.headers.get("X-Hub-Signature-256"), self.config.app_secret):
            log.warning("whatsapp webhook with a bad or missing signature refused")
            return Response(status_code=403)
        try:
            messages, statuses = parse(json.loads(raw), self.config.phone_number_id)
        except (ValueError, RecursionError) as err:
            log.warning("refused a malformed WhatsApp notification: %r", err)
            return Response(status_code=400)
        # Stored before the 200 (a database failure is a 500, and Meta delivers again).
        accepted = [await asyncio.to_thread(intake.accept, CHANNEL, m.message_id, m.wa_id, asdict(m))
                    for m in messages]
        if any(accepted):
            self.intake_loop.kick()
        for report in statuses:
            self._spawn(self.record(report))
        return Response(status_code=200)

    def _spawn(self, work) -> None:
        task = asyncio.create_task(work)
        self._tasks.add(task)   # a strong reference until done
        task.add_done_callback(self._tasks.discard)

    def start(self) -> None:
        """Start handling stored messages (also those a previous process accepted and did not finish)."""
        self.intake_loop.start()

    async def shutdown(self) -> None:
        await self.intake_loop.stop()
        await self.idle()

    async def idle(self) -> None:
        """Wait until everything received so far has been handled (tests and shutdown)."""
        while True:
            await self.intake_loop.idle()
            if self._tasks:
                await asyncio.gather(*list(self._tasks), return_exceptions=True)
            elif not await asyncio.to_thread(intake.due, CHANNEL):
                return
            else:
                await self.intake_loop.run_once()

    async def process(self, item: intake.IntakeItem) -> None:
        """Handle one stored message (the intake loop keeps each sender's order)."""
        payload = dict(item.payload)
        payload["contact_wa_ids"] = tuple(payload.get("contact_wa_ids") or ())
        await self.handle(Inbound(**payload))

    async def handle(self, message: Inbound) -> None:
        """Relay one message to Rasa (or answer it here) and send the replies; never raises."""
        try:
            await self._handle(message)
        except Exception:   # a failure must not be lost in an unobserved task
            log.exception("whatsapp message %s not handled", message.message_id)

    async def _handle(self, m: Inbound) -> None:
        lang = guess_language(m.text, self._languages.get(m.wa_id))
        meta: dict[str, Any] = {"phone": f"+{m.wa_id}"}
        if m.kind == "ignored":
            return
        if m.kind == "unsupported":
            return await self._answer(m.wa_id, render("bot.unsupported", lang), lang)
        if m.kind == "bad_location":
            return await self._answer(m.wa_id, render("error.invalid_location", lang), lang)
        if m.kind == "contacts" and m.wa_id not in m.contact_wa_ids:
            return await self._answer(m.wa_id, render("bot.contact_not_own", lang), lang)
        if m.kind == "location":
            meta["location"] = m.location
        if m.kind == "image":
            meta["photo"] = await self.save_photo(m.media_id or "")
        text = m.text or SHARED_ITEM_TEXT   # a photo's caption, else the item travels in the metadata

        async def please_wait(_reply: Reply) -> None:
            await self._answer(m.wa_id, render("bot.slow", lang), lang)

        replies = await self.relay.relay(CHANNEL, m.wa_id, text, meta, on_slow=please_wait)
        # The relay knows no language for WhatsApp (Rasa detects it): its busy answer follows ours.
        replies = [busy_reply(lang) if r.busy else r for r in replies]
        await self._send(m.wa_id, replies, None if any(not r.busy for r in replies) else lang)

    async def _answer(self, wa_id: str, text: str, lang: str) -> None:
        await self._send(wa_id, [Reply(text)], lang)

    async def _send(self, wa_id: str, replies: list[Reply], lang: str | None = None) -> None:
        lang = lang or reply_language(replies)
        self._languages[wa_id] = lang
        self._languages.move_to_end(wa_id)
        while len(self._languages) > 10000:
            self._languages.popitem(last=False)
        try:
            await self.client.send(wa_id, replies, lang)
        except (GraphError, httpx.HTTPError) as err:
            log.warning("whatsapp reply to %s not sent: %s", mask(wa_id), mask(repr(err)))

    async def save_photo(self, media_id: str) -> dict:
        """The photo's media id and, when it can be fetched, the file saved in the photo folder."""
        photo: dict[str, str] = {"file_id": media_id}
        try:
            url, mime = await self.client.media_url(media_id)
            extension = PHOTO_TYPES.get(mime.split(";")[0].strip().lower())
            if extension is None:
                raise GraphError(415, 0, f"not a photo: {mime!r}")
            content = await self.client.download(url, MAX_PHOTO_BYTES)
            target = await asyncio.to_thread(inbound.save_photo, CHANNEL, media_id, extension, content,
                                             self.photo_dir)
            photo["path"] = str(target)
        except (GraphError, httpx.HTTPError, OSError) as err:
            log.warning("whatsapp photo %s kept as media id only: %r", media_id, err)
        return photo

    async def record(self, report: DeliveryReport) -> None:
        """Record a status on the notification it belongs to; a failure is looked for a little longer,
        since Meta may report it before the sender has stored the message id."""
        tries = 3 if report.status == "failed" else 1
        try:
            for attempt in range(tries):
                number = await asyncio.to_thread(outbox.record_delivery, report.message_id, report.status,
                                                 at=report.at, error=report.error)
                if number is not None:
                    log.info("notification %s for %s: %s", report.message_id, number or "-", report.status)
                    return
                if attempt + 1 < tries:
                    await asyncio.sleep(attempt + 1)
            if report.status == "failed":
                log.warning("whatsapp message %s failed: %s", report.message_id, report.error)
        except Exception:
            log.exception("whatsapp status %s of %s not recorded", report.status, report.message_id)


def build_webhook() -> WhatsAppWebhook | None:
    """The webhook from the settings, or None when the channel is not configured."""
    config = WhatsAppConfig.from_settings()
    return WhatsAppWebhook(config) if config.enabled else None
