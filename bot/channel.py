"""What every channel shares: the `Reply` model, the `Channel` protocol, `DeliveryError`, text helpers.

Rasa's REST channel JSON becomes `Reply` objects; the Telegram and WhatsApp adapters render the
same replies, each within its own limits, and the notification sender delivers through `Channel`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol

from helpline import texts as messages

# The texts themselves live in the core (one place per language); channels only render them.
render = messages.render
language = messages.language


@dataclass(frozen=True)
class Button:
    """One choice offered to the person; `payload` is what comes back when it is pressed."""

    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    """One message to show: text, optional choices, optional image URL or path."""

    text: str = ""
    buttons: tuple[Button, ...] = ()
    image: str | None = None
    busy: bool = False   # the "service busy" answer given when Rasa could not be reached
    data: dict[str, Any] = field(default_factory=dict)   # Rasa "custom" payload, if any


def _buttons(raw: Any) -> tuple[Button, ...]:
    buttons = []
    for b in raw if isinstance(raw, list) else []:
        if not isinstance(b, dict):
            continue
        title = str(b.get("title") or "").strip()
        payload = str(b.get("payload") or title).strip()
        if title and payload:
            buttons.append(Button(title, payload))
    return tuple(buttons)


def from_rasa(messages: Any) -> list[Reply]:
    """Turn the REST channel's list of bot messages into replies; ignores malformed items."""
    replies: list[Reply] = []
    for m in messages if isinstance(messages, list) else []:
        if not isinstance(m, dict):
            continue
        text = m.get("text") if isinstance(m.get("text"), str) else ""
        custom = m.get("custom") if isinstance(m.get("custom"), dict) else {}
        if not text and isinstance(custom.get("text"), str):
            text = custom["text"]
        buttons = _buttons(m.get("buttons") or custom.get("buttons"))
        image = m.get("image") if isinstance(m.get("image"), str) else None
        if text or buttons or image or custom:
            replies.append(Reply(text=text.strip(), buttons=buttons, image=image, data=custom))
    return replies


def split_text(text: str, limit: int) -> list[str]:
    """Split text into pieces of at most `limit` characters, at line breaks, then words."""
    if limit < 1:
        raise ValueError("limit must be positive")
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    pieces: list[str] = []
    current = ""
    for line in text.split("\n"):
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
            continue
        if current:
            pieces.append(current)
        chunks = _split_line(line, limit) or [""]
        pieces.extend(chunks[:-1])
        current = chunks[-1]   # the tail of a long line may still take the following lines
    if current:
        pieces.append(current)
    return [p.strip() for p in pieces if p.strip()]


def _split_line(line: str, limit: int) -> list[str]:
    """Split one line at spaces; a word longer than the limit is cut hard."""
    chunks: list[str] = []
    current = ""
    for word in line.split(" "):
        while len(word) > limit:
            if current:
                chunks.append(current)
                current = ""
            chunks.append(word[:limit])
            word = word[limit:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= limit:
            current = candidate
        else:
            chunks.append(current)
            current = word
    if current:
        chunks.append(current)
    return chunks


def guess_language(text: str | None, language_code: str | None = None) -> str:
    """Hindi if the text has Devanagari, else the Telegram/WhatsApp language tag, else Hindi."""
    if text and any("\u0900" <= ch <= "\u097f" for ch in text):
        return "hi"
    return language(language_code) if language_code else "hi"


class DeliveryError(Exception):
    """A channel refused a message: `retry_after` seconds when known; permanent if never deliverable."""

    def __init__(self, message: str, retry_after: float | None = None, permanent: bool = False):
        super().__init__(message)
        self.retry_after = retry_after
        self.permanent = permanent


class Channel(Protocol):
    """What the notification sender needs from a channel adapter (Telegram, WhatsApp)."""

    name: str

    async def deliver(self, address: str, replies: list[Reply]) -> str | None:
        """Send; return the provider's message id; raise DeliveryError on refusal."""
