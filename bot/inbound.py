"""What every inbound channel does before Rasa sees a message: de-duplicate, save photos, keep order.

- `claim(channel, key)`: the first delivery of a Telegram update_id / WhatsApp message id wins,
  through the core's unique inbound table, so a retried update is handled once on any replica.
- `save_photo(...)`: every channel's photos go under one folder, settings.PHOTO_DIR
  (HELPLINE_PHOTO_DIR), one sub-folder per channel.
- `SenderOrder`: one sender's messages are handled one after another, in arrival order, while
  different senders are handled at once (Telegram chats, WhatsApp numbers, web chat sessions).
- `IntakeLoop`: webhook messages are stored (helpline/tickets/intake.py) before the 200 and handled from the
  database by this loop, so a crash after the 200 delays a message and never loses it.
"""
from __future__ import annotations

import asyncio
import logging
import os
import re
import secrets
from collections import defaultdict
from collections.abc import AsyncIterator, Awaitable, Callable, Hashable
from contextlib import asynccontextmanager
from pathlib import Path

from helpline import service, settings

from helpline.tickets import intake

log = logging.getLogger(__name__)


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


class IntakeLoop:
    """Handles one channel's stored webhook messages: claims due rows, runs `handle(item)` per row in
    each sender's order, and marks the row done (or retried) for this process only.

    `kick()` after an accept wakes it at once; otherwise it looks every `idle_seconds` for rows whose
    claim lapsed (a process that died holding them) and for retries.
    """

    def __init__(self, channel: str, handle: Callable[[intake.IntakeItem], Awaitable[None]],
                 idle_seconds: float = 1.0, at_once: int = 64):
        self.channel = channel
        self.handle = handle
        self.idle_seconds = idle_seconds
        self.at_once = at_once
        self.holder = f"{os.getpid()}-{secrets.token_hex(6)}"   # this process, this start
        self._order = SenderOrder()
        self._tasks: set[asyncio.Task] = set()
        self._wake = asyncio.Event()
        self._stop = asyncio.Event()
        self._runner: asyncio.Task | None = None

    def kick(self) -> None:
        """Something was accepted: claim it now (starting the loop if nobody has)."""
        self.start()
        self._wake.set()

    def start(self) -> None:
        if self._runner is None:
            self._stop.clear()
            self._runner = asyncio.create_task(self._run())

    async def stop(self) -> None:
        """Stop claiming; what is in hand finishes (an unfinished row is claimed again after the lease)."""
        self._stop.set()
        self._wake.set()
        if self._runner is not None:
            await self._runner
            self._runner = None
        await self.idle()

    async def idle(self) -> None:
        """Wait until every claimed row has been handled (tests and shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def run_once(self) -> int:
        """Claim what is due (within the in-flight cap) and start handling it; how many were claimed."""
        room = self.at_once - len(self._tasks)
        if room <= 0:
            return 0
        # A read first: claiming is a write, and on SQLite every write takes the database's lock.
        if not await asyncio.to_thread(intake.due, self.channel):
            return 0
        items = await asyncio.to_thread(intake.claim, self.channel, self.holder, room)
        for item in items:   # started in claim order, so each sender's turns keep arrival order
            task = asyncio.create_task(self._one(item))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
        return len(items)

    async def _run(self) -> None:
        while not self._stop.is_set():
            try:
                claimed = await self.run_once()
            except Exception:
                log.exception("%s intake: claim failed; retrying", self.channel)
                claimed = 0
            if claimed:
                continue
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), self.idle_seconds)
            except asyncio.TimeoutError:
                pass

    async def _one(self, item: intake.IntakeItem) -> None:
        async with self._order.turn(item.sender):
            # The wait for an earlier message of this sender may have been long: keep the claim.
            if not await asyncio.to_thread(intake.renew, item.id, self.holder):
                return   # the lease lapsed and another process has it now
            try:
                await self.handle(item)
            except Exception as err:
                log.exception("%s message %s not handled (attempt %s)", self.channel, item.key, item.attempts)
                await asyncio.to_thread(intake.retry, item.id, self.holder, repr(err), item.attempts)
                return
            await asyncio.to_thread(intake.done, item.id, self.holder)
        self._wake.set()   # a row held back by the in-flight cap may be waiting
