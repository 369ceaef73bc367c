"""The notification sender: delivers the core's outbox through channel adapters, with retries.

At-least-once: a row is marked sent only after the channel accepted it; a crash in between
means the row is claimed again after the core's lease and the person may get that one message
twice (the dedupe key "<event>:<recipient>" names it in the logs), never zero times.
A row's claim is held for the core's lease; a long wait (Telegram's 429 pause) renews it, and the
outcome is recorded only while this sender still holds the claim, so no second worker resends it.
Rates: ~30 messages a second overall and 1 a second per chat (Telegram's limits), per process.
Run alone with `.venv/bin/python -m bot.sender`.
"""
from __future__ import annotations

import asyncio
import logging
import time
from collections import defaultdict
from datetime import timedelta

from bot import wiring
from bot.cards import render_notification
from bot.channel import Channel, DeliveryError
from helpline import clock, log_privacy
from helpline.tickets import outbox

log = logging.getLogger(__name__)

# Channels that deliver messages: their rows wait for an adapter that is not configured here
# (another worker may have it); a row of any other channel (web, phone) has nothing to send on.
MESSAGING_CHANNELS = ("whatsapp", "telegram")
NO_ADAPTER_RETRY = timedelta(minutes=30)
NO_ADDRESS_RETRY = timedelta(minutes=10)


class RateLimiter:
    """At most `per_second` sends overall and one per `per_chat` seconds to any one chat."""

    def __init__(self, per_second: float = 30.0, per_chat: float = 1.0):
        self._interval = 1.0 / per_second
        self._per_chat = per_chat
        self._next_global = 0.0
        self._next_chat: dict[str, float] = defaultdict(float)
        self._paused_until = 0.0
        self._lock = asyncio.Lock()

    def pause(self, seconds: float) -> None:
        """Telegram's 429 applies to the whole bot: nobody sends until it passes."""
        self._paused_until = max(self._paused_until, time.monotonic() + seconds)

    async def wait(self, chat: str) -> None:
        async with self._lock:
            now = time.monotonic()
            at = max(now, self._next_global, self._next_chat[chat], self._paused_until)
            self._next_global = at + self._interval
            self._next_chat[chat] = at + self._per_chat
        if at > now:
            await asyncio.sleep(at - now)


class Sender:
    """Claims due outbox rows and delivers them; one instance per worker process."""

    def __init__(self, channels: dict[str, Channel], batch: int = 50, idle_seconds: float = 1.0,
                 backoff_base: float = 5.0, max_backoff: float = 900.0, limiter: RateLimiter | None = None):
        self.channels = channels
        self.batch = batch
        self.idle_seconds = idle_seconds
        self.backoff_base = backoff_base
        self.max_backoff = max_backoff
        self.limiter = limiter or RateLimiter()

    def backoff(self, attempts: int) -> float:
        return min(self.max_backoff, self.backoff_base * 2 ** max(0, attempts - 1))

    async def run_once(self) -> int:
        """Deliver one batch; returns how many rows were claimed."""
        items = await asyncio.to_thread(outbox.claim_due, self.batch)
        by_address: dict[str, list] = defaultdict(list)
        for item in items:
            by_address[f"{item.channel}:{item.address}"].append(item)
        # One chat's messages in order; different chats at once (the limiter paces them).
        await asyncio.gather(*(self._deliver_in_order(group) for group in by_address.values()))
        return len(items)

    async def _deliver_in_order(self, items: list) -> None:
        for item in items:
            await self.deliver(item)

    async def deliver(self, item) -> None:
        """Deliver one claimed row and record the outcome."""
        channel = self.channels.get(item.channel)
        if channel is None:
            if item.channel in MESSAGING_CHANNELS:
                await self._fail(item, f"no {item.channel} adapter running", clock.now() + NO_ADAPTER_RETRY)
            else:
                await self._fail(item, f"channel {item.channel} has no messaging", None)
            return
        if not item.address:
            await self._fail(item, "recipient has no address yet", clock.now() + NO_ADDRESS_RETRY)
            return
        if not await self._hold_while(item, self.limiter.wait(f"{item.channel}:{item.address}")):
            log.warning("notification %s (%s): claim lost while waiting; left to its new holder",
                        item.dedupe_key, item.ticket_number)
            return
        try:
            message_id = await channel.deliver(item.address, [render_notification(item)])
        except DeliveryError as err:
            if err.permanent:
                log.error("notification %s (%s) undeliverable: %s", item.dedupe_key, item.ticket_number, err)
                await self._fail(item, str(err), None)
                return
            delay = err.retry_after if err.retry_after is not None else self.backoff(item.attempts)
            if err.retry_after:
                self.limiter.pause(err.retry_after)
            log.warning("notification %s (%s) retried in %.0fs: %s", item.dedupe_key, item.ticket_number,
                        delay, err)
            await self._fail(item, str(err), clock.now() + timedelta(seconds=delay))
            return
        except Exception as err:   # an adapter bug must not stop the loop; the row is retried
            log.exception("notification %s (%s) failed", item.dedupe_key, item.ticket_number)
            await self._fail(item, repr(err), clock.now() + timedelta(seconds=self.backoff(item.attempts)))
            return
        if not await asyncio.to_thread(outbox.mark_sent, item.id, message_id, claim=item.attempts):
            log.warning("notification %s (%s) sent after its claim was lost", item.dedupe_key, item.ticket_number)

    async def _hold_while(self, item, wait) -> bool:
        """Await `wait`, renewing the row's claim every third of a lease; False when the claim was lost."""
        every = outbox.CLAIM_LEASE.total_seconds() / 3
        task = asyncio.ensure_future(wait)
        while True:
            done, _ = await asyncio.wait({task}, timeout=every)
            if done:
                task.result()
                return True
            if not await asyncio.to_thread(outbox.renew_claim, item.id, item.attempts):
                task.cancel()
                return False

    async def _fail(self, item, error: str, retry_at) -> None:
        await asyncio.to_thread(outbox.mark_failed, item.id, error, retry_at, claim=item.attempts)

    async def run(self, stop: asyncio.Event) -> None:
        """Loop until `stop` is set: claim, deliver, sleep when idle."""
        while not stop.is_set():
            try:
                claimed = await self.run_once()
            except Exception:
                log.exception("sender batch failed; retrying")
                claimed = 0
            if claimed < self.batch:
                try:
                    await asyncio.wait_for(stop.wait(), self.idle_seconds)
                except asyncio.TimeoutError:
                    pass


async def _main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    log_privacy.install()   # phone numbers: last 4 digits only, in every log line
    logging.getLogger("httpx").setLevel(logging.WARNING)
    channels = wiring.channels_from_settings()
    if not channels:
        raise SystemExit("no channel configured: set TELEGRAM_BOT_TOKEN and/or the WHATSAPP_* settings")
    telegram = channels.get("telegram")
    if telegram is not None:
        await telegram.bot.initialize()
    stop = asyncio.Event()
    log.info("notification sender running for %s", ", ".join(channels))
    try:
        await Sender(channels).run(stop)
    finally:
        if telegram is not None:
            await telegram.bot.shutdown()


if __name__ == "__main__":
    asyncio.run(_main())
