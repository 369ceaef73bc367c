"""What every inbound channel does before Rasa sees a message: de-duplicate, save photos, keep order.

- `claim(channel, key)`: the first delivery of a Telegram update_id / WhatsApp message id wins,
  through the core's unique inbound table, so a retried update is handled once on any replica.
- `save_photo(...)`: every channel's photos go under one folder, settings.PHOTO_DIR
  (HELPLINE_PHOTO_DIR), one sub-folder per channel.
- `SenderOrder`: one sender's messages are handled one after another, in arrival order, while
  different senders are handled at once (Telegram chats, WhatsApp numbers, web chat sessions).
"""
from __future__ import annotations

import asyncio
import re
from collections import defaultdict
from collections.abc import AsyncIterator, Hashable
from contextlib import asynccontextmanager
from pathlib import Path

from helpline import service, settings


def claim(channel: str, key: str | int) -> bool:
    """True the first time (channel, key) is seen, False for every later delivery."""
    return bool(service.claim_inbound(channel, str(key)))


def photo_dir(channel: str, root: Path | None = None) -> Path:
    """The folder of one channel's photos under `root` (default settings.PHOTO_DIR)."""
    return (root or settings.PHOTO_DIR) / channel


def safe_name(key: str) -> str:
    """A file name from a provider's id: letters, digits, _ and - only, at most 80 characters."""
    return re.sub(r"[^A-Za-z0-9_-]", "_", key)[:80] or "photo"


def save_photo(channel: str, key: str, extension: str, content: bytes, root: Path | None = None) -> Path:
    """Write a received photo to `<photo folder>/<channel>/<key>.<extension>`; returns the path."""
    folder = photo_dir(channel, root)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{safe_name(key)}.{extension}"
    target.write_bytes(content)
    return target


class SenderOrder:
    """Per-sender ordering: `async with order.turn(sender):` runs one sender's work strictly in turn."""

    def __init__(self) -> None:
        self._locks: dict[Hashable, asyncio.Lock] = {}
        self._waiting: dict[Hashable, int] = defaultdict(int)   # holding or awaiting each lock

    @asynccontextmanager
    async def turn(self, sender: Hashable) -> AsyncIterator[None]:
        lock = self._locks.setdefault(sender, asyncio.Lock())
        self._waiting[sender] += 1
        try:
            async with lock:
                yield
        finally:
            self._waiting[sender] -= 1
            if not self._waiting[sender]:   # forget idle senders
                self._waiting.pop(sender, None)
                self._locks.pop(sender, None)

    def __len__(self) -> int:
        """How many senders have work in hand (0 when idle)."""
        return len(self._locks)
