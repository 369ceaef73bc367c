"""Load on the Telegram bot: N citizens at once through the fake Bot API, next to Rasa alone.

Each citizen sends the same few messages one after another (waiting for the answer); a turn is
the time from the update being offered by the fake Bot API to the bot's first answer in that
chat. The same turns are then posted straight to Rasa; the ratio is the bot's overhead.
Prints figures only.

    .venv/bin/python bench/bot_load.py --citizens 10 --start-stack     # real Rasa + actions (needs a model)
    .venv/bin/python bench/bot_load.py --citizens 50 --fake-rasa-ms 50 # the bot alone, Rasa simulated
    .venv/bin/python bench/bot_load.py --rasa-url http://127.0.0.1:5005 --database-url sqlite:///var/helpline.db
"""
from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "e2e")]

from helpline import settings  # noqa: E402
from tests.fakes.telegram_api import FakeTelegram  # noqa: E402

MESSAGES = ["नमस्ते", "ऊखीमठ में तीन दिन से बिजली नहीं है", "रमेश कुमार", "रद्द करें"]


def _figures(name: str, times: list[float], wall: float) -> str:
    times = sorted(times)
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))] if times else 0.0
    median = statistics.median(times) if times else 0.0
    rate = len(times) / wall if wall else 0.0
    return f"{name:<22} {len(times):>6} {rate:>9.1f} {median * 1000:>10.0f} {p95 * 1000:>9.0f}"


async def _citizen_via_bot(tg: FakeTelegram, chat: int, times: list[float], timeout: float) -> None:
    for text in MESSAGES:
        before = len(tg.messages(chat))
        start = time.monotonic()
        tg.send_text(chat, text)
        while len(tg.messages(chat)) <= before:
            if time.monotonic() - start > timeout:
                raise RuntimeError(f"chat {chat}: no answer to {text!r} in {timeout}s")
            await asyncio.sleep(0.005)
        times.append(time.monotonic() - start)
        await asyncio.sleep(0.3)   # the rest of the turn's messages arrive; a person reads


async def _citizen_via_rasa(client: httpx.AsyncClient, url: str, sender: str, times: list[float]) -> None:
    for text in MESSAGES:
        start = time.monotonic()
        response = await client.post(url, json={"sender": sender, "message": text,
                                                "metadata": {"channel": "telegram", "user_id": sender}})
        response.raise_for_status()
        times.append(time.monotonic() - start)
        await asyncio.sleep(0.3)


async def run(citizens: int, rasa_url: str, timeout: float) -> None:
    from bot.telegram.app import build_application
    from bot.relay import Relay, webhook_path

    with FakeTelegram() as tg:
        app = build_application(token=tg.token, base_url=tg.base_url,
                                relay=Relay(rasa_url=rasa_url, timeout=timeout))
        async with app:
            await app.start()
            await app.updater.start_polling(poll_interval=0.0, timeout=1)
            bot_times: list[float] = []
            start = time.monotonic()
            await asyncio.gather(*(_citizen_via_bot(tg, 900000 + i, bot_times, timeout) for i in range(citizens)))
            bot_wall = time.monotonic() - start
            await app.updater.stop()
            await app.stop()
    rasa_times: list[float] = []
    url = rasa_url.rstrip("/") + webhook_path()
    # Rasa's helpline channel refuses callers without the shared secret (HELPLINE_RASA_SECRET).
    async with httpx.AsyncClient(timeout=timeout, headers={"X-Helpline-Secret": settings.RASA_SECRET}) as client:
        start = time.monotonic()
        run_id = uuid.uuid4().hex[:6]
        await asyncio.gather(*(_citizen_via_rasa(client, url, f"telegram:bench{run_id}{i}", rasa_times)
                               for i in range(citizens)))
        rasa_wall = time.monotonic() - start
    print(f"{citizens} citizens x {len(MESSAGES)} turns (turn = message in -> first answer out)")
    print(f"{'path':<22} {'turns':>6} {'turns/s':>9} {'median ms':>10} {'p95 ms':>9}")
    print(_figures("bot + Rasa (Telegram)", bot_times, bot_wall))
    print(_figures("Rasa alone", rasa_times, rasa_wall))
    if rasa_times and bot_times:
        overhead = statistics.median(bot_times) / max(statistics.median(rasa_times), 1e-6)
        print(f"median overhead of the bot: x{overhead:.2f}")


def _fake_rasa(delay_ms: float):
    """A stand-in Rasa answering every message after a fixed delay (the bot's cost alone)."""
    import threading

    import uvicorn
    from starlette.applications import Starlette
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def webhook(request):
        body = await request.json()
        await asyncio.sleep(delay_ms / 1000)
        return JSONResponse([{"recipient_id": body["sender"], "text": "ठीक है",
                              "buttons": [{"title": "हाँ", "payload": "/affirm"}]}])

    from tests.fakes.telegram_api import _free_port
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(Starlette(routes=[Route("/webhooks/{c}/webhook", webhook, methods=["POST"])]),
                                           host="127.0.0.1", port=port, log_level="warning", lifespan="off"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.02)
    return f"http://127.0.0.1:{port}", server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--citizens", type=int, default=10)
    parser.add_argument("--rasa-url", help="a running Rasa server with the helpline channel")
    parser.add_argument("--database-url", help="the helpline database that Rasa's action server uses")
    parser.add_argument("--start-stack", action="store_true", help="start Rasa + action server (needs a model)")
    parser.add_argument("--fake-rasa-ms", type=float, help="simulate Rasa with this fixed delay instead")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()

    from helpline.store import db

    stack = server = None
    workdir = Path(tempfile.mkdtemp(prefix="bot-load-"))
    if args.start_stack:
        from procs import newest_model, start_stack
        model = newest_model()
        if model is None:
            sys.exit("no trained model in models/ (or HELPLINE_TEST_MODEL): run `make train`")
        stack = start_stack(workdir, model=model)
        rasa_url, database_url = stack.rasa_url, stack.database_url
    elif args.fake_rasa_ms is not None:
        rasa_url, server = _fake_rasa(args.fake_rasa_ms)
        database_url = f"sqlite:///{workdir / 'helpline.db'}"
        db.configure(database_url)
        db.upgrade_schema()   # the bot needs only its de-duplication table
    else:
        rasa_url, database_url = args.rasa_url or "http://127.0.0.1:5005", args.database_url
    db.configure(database_url)
    try:
        asyncio.run(run(args.citizens, rasa_url, args.timeout))
    finally:
        if stack is not None:
            stack.stop()
        if server is not None:
            server.should_exit = True


if __name__ == "__main__":
    main()
