"""Channel-neutral relay of a citizen's message to Rasa's REST channel, with a busy answer on failure.

Every channel (Telegram, WhatsApp) calls `relay(channel, user_id, text, metadata)` and renders
the returned `Reply` objects. Within settings.RASA_TIMEOUT_SECONDS the citizen hears something:
Rasa's answer; or, when Rasa is down, a polite "busy, please send it again" in their language
(the message is logged with its sender, not queued: a queued answer arriving minutes later would
interleave with the citizen's resend); or, when Rasa is only slow, "please wait" and the answer
when it comes (up to settings.RASA_MAX_WAIT_SECONDS).
"""
from __future__ import annotations

import asyncio
import json
import logging
from pathlib import Path
from typing import Any, Awaitable, Callable

import httpx
import yaml

from bot.channel import Reply, from_rasa, language, render
from helpline import settings
from helpline.log_privacy import mask

log = logging.getLogger(__name__)

REST_PATH = "/webhooks/rest/webhook"
METADATA_PATH = "/webhooks/helpline/webhook"   # nlu/ input channel that keeps message metadata
SECRET_HEADER = "X-Helpline-Secret"   # checked by nlu/channel.py (HELPLINE_RASA_SECRET)
MAX_MESSAGE_CHARS = 4000
# The text relayed with a location, photo or contact sent without words: the item travels in the
# metadata, which the complaint form reads (actions/slots.py); empty text is what the dialogue expects.
SHARED_ITEM_TEXT = ""
_METADATA_KEYS = ("channel", "user_id", "phone", "name", "location", "photo", "language")


def webhook_path(credentials: Path = settings.ROOT / "credentials.yml") -> str:
    """The REST channel path: the setting, else our metadata channel if credentials.yml has it."""
    if settings.RASA_WEBHOOK_PATH:
        return settings.RASA_WEBHOOK_PATH
    try:
        declared = yaml.safe_load(credentials.read_text()) or {}
    except (OSError, yaml.YAMLError):
        declared = {}
    if isinstance(declared, dict) and any(str(k).startswith("nlu.") for k in declared):
        return METADATA_PATH
    return REST_PATH


def clean_text(text: Any) -> str:
    """Text safe to hand to Rasa: a string, no control characters but newlines, bounded length."""
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    text = "".join(ch for ch in text if ch == "\n" or ch == "\t" or ord(ch) >= 32)
    return text.strip()[:MAX_MESSAGE_CHARS]


def build_metadata(channel: str, user_id: str, metadata: dict | None) -> dict:
    """The contract's metadata object, with empty values dropped and unknown keys refused."""
    meta = {"channel": channel, "user_id": str(user_id)}
    for key in _METADATA_KEYS:
        value = (metadata or {}).get(key)
        if value not in (None, "", {}) and key not in ("channel", "user_id"):
            meta[key] = value
    return meta


class Relay:
    """A reusable HTTP client to Rasa; one per process, shared by every conversation."""

    def __init__(self, rasa_url: str | None = None, path: str | None = None,
                 timeout: float | None = None, transport: httpx.AsyncBaseTransport | None = None,
                 max_wait: float | None = None, secret: str | None = None):
        self.url = (rasa_url or settings.RASA_URL).rstrip("/") + (path or webhook_path())
        self.timeout = float(timeout if timeout is not None else settings.RASA_TIMEOUT_SECONDS)
        self.max_wait = max(self.timeout, float(max_wait if max_wait is not None else settings.RASA_MAX_WAIT_SECONDS))
        self._client = httpx.AsyncClient(
            timeout=httpx.Timeout(self.max_wait, connect=min(2.0, self.timeout)),
            limits=httpx.Limits(max_connections=200, max_keepalive_connections=50),
            transport=transport,
            headers={SECRET_HEADER: settings.RASA_SECRET if secret is None else secret},
        )

    async def relay(self, channel: str, user_id: str, text: str, metadata: dict | None = None,
                    on_slow: Callable[[Reply], Awaitable[Any]] | None = None) -> list[Reply]:
        """Send one message (text or a button payload) and return Rasa's replies, or the busy reply.

        When Rasa takes longer than `timeout` and `on_slow` is given, it gets a "please wait" reply
        and the answer is still awaited (up to `max_wait`): Rasa processes the message anyway, so
        dropping its answer would leave the citizen one step behind their own conversation.
        """
        meta = build_metadata(channel, user_id, metadata)
        lang = language(meta.get("language"))
        sender = f"{channel}:{user_id}"
        body = {"sender": sender, "message": clean_text(text), "metadata": meta}
        post = asyncio.ensure_future(self._client.post(self.url, json=body))
        try:
            done, _ = await asyncio.wait({post}, timeout=self.timeout)
            if not done and on_slow is not None:
                await on_slow(Reply(text=render("bot.slow", lang)))
                done, _ = await asyncio.wait({post}, timeout=max(0.0, self.max_wait - self.timeout))
            if not done:
                raise asyncio.TimeoutError(f"no answer in {self.timeout}s")
            response = post.result()
            response.raise_for_status()
            replies = from_rasa(response.json())
            if not replies:
                # Rasa answers nothing when an action failed (e.g. the action server died while
                # filing): silence would leave the citizen waiting, so ask them to send it again.
                log.warning("rasa gave no answer for %s (an action failed?); citizen asked to resend", mask(sender))
                return [busy_reply(lang)]
            return replies
        except (httpx.HTTPError, asyncio.TimeoutError, json.JSONDecodeError, ValueError) as err:
            log.warning("rasa unavailable for %s (message not processed, citizen asked to resend): %r",
                        mask(sender), err)
            return [busy_reply(lang)]
        finally:
            if not post.done():
                post.cancel()

    async def aclose(self) -> None:
        await self._client.aclose()


def busy_reply(lang: str) -> Reply:
    return Reply(text=render("bot.busy", lang), busy=True)


_default: Relay | None = None


async def relay(channel: str, user_id: str, text: str, metadata: dict | None = None) -> list[Reply]:
    """Module-level shortcut over one shared Relay (created on first use)."""
    global _default
    if _default is None:
        _default = Relay()
    return await _default.relay(channel, user_id, text, metadata)
