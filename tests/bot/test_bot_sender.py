"""The notification sender against the fake Bot API: delivery recorded, 429/5xx retried, rates kept."""
from __future__ import annotations

import time
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.telegram.adapter import build_bot
from bot.sender import RateLimiter, Sender
from bot.telegram.adapter import TelegramChannel

CITIZEN = 5001
L1 = 7001
L1_POST = "energy.L1.rudraprayag.ukhimath"


@pytest.fixture
async def bot(fake_tg, core_db):
    bot = build_bot(token=fake_tg.token, base_url=fake_tg.base_url)
    async with bot:
        yield bot


def _officer_linked(chat=L1):
    from helpline import service

    code = service.invite_officer(L1_POST).code
    service.link_officer_telegram(code, chat)


def _rows():
    from helpline.store import db
    from helpline.store.models import NotificationOutbox

    with db.unit_of_work() as session:
        return [(r.kind, r.status, r.attempts, r.provider_message_id, r.next_attempt_at, r.last_error)
                for r in session.scalars(select(NotificationOutbox).order_by(NotificationOutbox.id))]


def _file(text="बिजली नहीं है", citizen=CITIZEN):
    from helpline import service

    return service.file_ticket(text=text, department="energy", district="rudraprayag", block="ukhimath",
                               channel="telegram", channel_user_id=str(citizen))


def _sender(bot, **kw) -> Sender:
    return Sender({"telegram": TelegramChannel(bot)}, limiter=RateLimiter(per_second=30, per_chat=0.01), **kw)


async def test_delivery_is_recorded_with_the_telegram_message_id(bot, fake_tg):
    _officer_linked()
    ticket = _file()
    await _sender(bot).run_once()
    sent = fake_tg.messages(L1)
    assert len(sent) == 1 and ticket.number in sent[0]["text"]
    [(kind, status, attempts, provider_id, _, _)] = _rows()
    assert (kind, status, attempts, provider_id) == ("assigned", "sent", 1, str(sent[0]["message_id"]))
    assert await _sender(bot).run_once() == 0   # never sent twice


async def test_429_waits_retry_after_then_delivers(bot, fake_tg):
    from helpline import clock

    _officer_linked()
    _file()
    fake_tg.fail_next("sendMessage", status=429, retry_after=7)
    before = clock.now()
    await _sender(bot).run_once()
    [(_, status, attempts, _, retry_at, error)] = _rows()
    assert status == "pending" and "429" in error
    assert retry_at >= before + timedelta(seconds=7)
    assert fake_tg.messages(L1) == []
    # Once the time has come, it goes out.
    from helpline.tickets import outbox
    [item] = outbox.claim_due(now=retry_at + timedelta(seconds=1))
    await _sender(bot).deliver(item)
    assert len(fake_tg.messages(L1)) == 1 and _rows()[0][1] == "sent"


async def test_5xx_backs_off_longer_each_time_and_nothing_is_dropped(bot, fake_tg):
    from helpline import clock
    from helpline.tickets import outbox

    _officer_linked()
    _file()
    fake_tg.fail_next("sendMessage", status=502, retry_after=None, count=2)
    sender = _sender(bot, backoff_base=10)
    at = clock.now()
    delays = []
    for _ in range(2):
        [item] = outbox.claim_due(now=at)
        await sender.deliver(item)
        retry_at = _rows()[0][4]
        delays.append((retry_at - clock.now()).total_seconds())
        at = retry_at + timedelta(seconds=1)
    assert 8 <= delays[0] <= 11 and 18 <= delays[1] <= 21
    [item] = outbox.claim_due(now=at)
    await sender.deliver(item)
    assert _rows()[0][1] == "sent" and len(fake_tg.messages(L1)) == 1


async def test_officer_without_telegram_is_retried_later_not_dropped(bot, fake_tg):
    _file()
    await _sender(bot).run_once()
    [(_, status, _, _, retry_at, error)] = _rows()
    assert status == "pending" and "no address" in error


async def test_a_crash_between_send_and_record_resends_the_same_event_once_more(bot, fake_tg, monkeypatch):
    """At-least-once: the row is claimed again after the lease, so the officer may see it twice, never zero."""
    from helpline import clock
    from helpline.tickets import outbox

    _officer_linked()
    _file()
    monkeypatch.setattr(outbox, "mark_sent", lambda *a, **k: (_ for _ in ()).throw(RuntimeError("crash")))
    with pytest.raises(RuntimeError):
        await _sender(bot).run_once()
    monkeypatch.undo()
    assert len(fake_tg.messages(L1)) == 1
    assert outbox.claim_due(now=clock.now()) == []   # hidden while the lease lasts
    [item] = outbox.claim_due(now=clock.now() + outbox.CLAIM_LEASE + timedelta(seconds=1))
    await _sender(bot).deliver(item)
    texts = [m["text"] for m in fake_tg.messages(L1)]
    assert len(texts) == 2 and texts[0] == texts[1]
    assert _rows()[0][1] == "sent"


async def test_one_chat_gets_at_most_one_message_per_interval(bot, fake_tg):
    _officer_linked()
    for i, text in enumerate(["बिजली का खंभा गिरा", "ट्रांसफार्मर जल गया", "मीटर की रीडिंग गलत"]):
        _file(text=text, citizen=CITIZEN + i)
    sender = Sender({"telegram": TelegramChannel(bot)}, limiter=RateLimiter(per_second=30, per_chat=0.4))
    start = time.monotonic()
    await sender.run_once()
    assert len(fake_tg.messages(L1)) == 3
    assert time.monotonic() - start >= 0.8


async def test_blocked_chat_is_given_up_with_the_reason(bot, fake_tg):
    _officer_linked()
    _file()
    fake_tg.fail_next("sendMessage", status=403, retry_after=None)
    await _sender(bot).run_once()
    [(_, status, _, _, _, error)] = _rows()
    assert status == "failed" and "refused" in error


def test_only_the_holder_of_a_claim_can_record_its_outcome(core_db):
    """A claim whose lease lapsed belongs to the next sender: the first may no longer mark it."""
    from helpline import clock
    from helpline.tickets import outbox

    _officer_linked()
    _file()
    [first] = outbox.claim_due()
    [second] = outbox.claim_due(now=clock.now() + outbox.CLAIM_LEASE + timedelta(seconds=1))
    assert second.id == first.id and second.attempts == first.attempts + 1
    assert outbox.mark_sent(first.id, "tg-old", claim=first.attempts) is False
    assert outbox.mark_failed(first.id, "late", None, claim=first.attempts) is False
    assert outbox.mark_sent(second.id, "tg-new", claim=second.attempts) is True
    [(_, status, _, provider_id, _, _)] = _rows()
    assert (status, provider_id) == ("sent", "tg-new")


async def test_a_long_429_pause_renews_the_claim_so_no_second_worker_resends(bot, fake_tg, monkeypatch):
    from helpline.tickets import outbox

    monkeypatch.setattr(outbox, "CLAIM_LEASE", timedelta(seconds=0.6))
    _officer_linked()
    _file()
    sender = _sender(bot)
    [item] = outbox.claim_due()
    sender.limiter.pause(2.0)   # Telegram said: wait (longer than the lease)
    import asyncio

    delivery = asyncio.create_task(sender.deliver(item))
    stolen = []
    for _ in range(6):          # another worker keeps looking while the first waits
        await asyncio.sleep(0.3)
        stolen += await asyncio.to_thread(outbox.claim_due)
    await delivery
    assert stolen == []
    assert len(fake_tg.messages(L1)) == 1
    assert [r[1] for r in _rows()] == ["sent"]
