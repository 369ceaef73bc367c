"""The worker: the time sweep (escalations, reminders, closures), the notification sender, and the
hourly retention run (helpline/retention.py: unfiled photos, old personal data).

    .venv/bin/python -m bot.worker            # both, until stopped
    .venv/bin/python -m bot.worker --once     # one sweep and one sender batch, then exit

Several workers may run at once: the sweep and the outbox claim rows with row locks.
"""
from __future__ import annotations

import argparse
import asyncio
import logging
import signal
from collections.abc import Callable

from bot import wiring
from bot.sender import Sender
from helpline import log_privacy, service, settings
from helpline import retention

log = logging.getLogger("helpline.worker")


async def every_while(stop: asyncio.Event, name: str, job: Callable[[], dict], every: float) -> None:
    """Run `job` now and then every `every` seconds until stopped; a failed run is retried next time."""
    while not stop.is_set():
        try:
            summary = await asyncio.to_thread(job)
            if any(summary.values()):
                log.info("%s: %s", name, summary)
        except Exception:
            log.exception("%s failed; the next run finishes the work", name)
        try:
            await asyncio.wait_for(stop.wait(), every)
        except asyncio.TimeoutError:
            pass


RETENTION_SECONDS = 3600


async def run(once: bool = False) -> None:
    channels = wiring.channels_from_settings()
    telegram = channels.get("telegram")
    if telegram is not None:
        await telegram.bot.initialize()
    sender = Sender(channels) if channels else None
    if sender is None:
        log.warning("no messaging channel configured: notifications stay in the outbox")
    try:
        if once:
            log.info("sweep: %s", await asyncio.to_thread(service.sweep))
            log.info("retention: %s", await asyncio.to_thread(retention.run))
            if sender is not None:
                await sender.run_once()
            return
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        tasks = [every_while(stop, "sweep", service.sweep, settings.SWEEP_SECONDS),
                 every_while(stop, "retention", retention.run, RETENTION_SECONDS)]
        if sender is not None:
            tasks.append(sender.run(stop))
        await asyncio.gather(*tasks)
    finally:
        if telegram is not None:
            await telegram.bot.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bot.worker", description=__doc__.splitlines()[0])
    parser.add_argument("--once", action="store_true", help="one sweep and one sender batch, then exit")
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    log_privacy.install()   # phone numbers: last 4 digits only, in every log line
    logging.getLogger("httpx").setLevel(logging.WARNING)
    asyncio.run(run(once=args.once))


if __name__ == "__main__":
    main()
