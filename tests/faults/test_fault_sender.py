"""The notification sender under faults: it dies between sending and recording; Telegram answers 429 / 5xx.

The design's rule (bot/sender.py, helpline/tickets/outbox.py): at-least-once, with the outbox row's dedupe key
"<event id>:<recipient>" as the idempotency key. A crash after Telegram accepted a message and before
mark_sent resends exactly that one message (same row, same dedupe key, same text) once the claim lease
of 5 minutes has passed; nothing is ever lost, and no other message is sent twice.
Time moves with the demo clock offset (helpline.clock), so no test sleeps for minutes.
"""
from __future__ import annotations


import pytest
from sqlalchemy import select

from bot import sender as sender_module
from bot.telegram.adapter import build_bot
from bot.sender import RateLimiter, Sender
from bot.telegram.adapter import TelegramChannel
from helpline import clock, service
from helpline.store import db
from helpline.tickets import outbox
from helpline.store.models import NotificationOutbox
from tests.fakes.telegram_api import FakeTelegram

pytestmark = pytest.mark.timeout(60)
L1_POST, L1_CHAT = "energy.L1.rudraprayag.ukhimath", 7101


class Killed(BaseException):
    """The worker process dies here (not an Exception: nothing in the sender may catch it)."""


@pytest.fixture
def fake_tg():
    with FakeTelegram() as tg:
        yield tg


@pytest.fixture
async def bot(fake_tg, sqlite_database):
    bot = build_bot(token=fake_tg.token, base_url=fake_tg.base_url)
    async with bot:
        yield bot
    clock._cache = (0.0, 0)


@pytest.fixture
def claims(monkeypatch):
    """Every outbox item the sender claims, in order (what a log of dedupe keys would show)."""
    seen: list[outbox.OutboxItem] = []
    real = outbox.claim_due

    def recording(*args, **kwargs):
        items = real(*args, **kwargs)
        seen.extend(items)
        return items

    monkeypatch.setattr(sender_module.outbox, "claim_due", recording)
    return seen


def _sender(bot) -> Sender:
    return Sender({"telegram": TelegramChannel(bot)}, limiter=RateLimiter(per_second=200, per_chat=0.01))


def _link_officer() -> None:
    service.link_officer_telegram(service.invite_officer(L1_POST).code, L1_CHAT)


def _file(i: int) -> str:
    return service.file_ticket(text=f"Pole {i} fell on the road near the school, wires lying loose",
                               department="energy", district="rudraprayag", block="ukhimath",
                               channel="telegram", channel_user_id=f"sender-fault-{i}").number


def _rows() -> list[tuple[str, str, int]]:
    with db.unit_of_work(readonly=True) as session:
        return [(r.dedupe_key, r.status, r.attempts) for r in
                session.scalars(select(NotificationOutbox).order_by(NotificationOutbox.id))]


def _advance(seconds: float) -> None:
    """Move the helpline's clock forward (the demo clock), as if that much time had passed."""
    current = int(db.get_app_setting(clock.OFFSET_KEY, 0))
    clock.set_offset(current + int(seconds) + 1)


async def test_a_crash_between_sending_and_recording_resends_that_one_message_with_its_dedupe_key(
        bot, fake_tg, claims, monkeypatch):
    _link_officer()
    first, second = _file(1), _file(2)
    real_mark_sent = outbox.mark_sent

    def die(item_id, provider_message_id=None, claim=None):  # noqa: ANN001
        raise Killed("worker killed after Telegram accepted the message")

    monkeypatch.setattr(sender_module.outbox, "mark_sent", die)
    with pytest.raises(Killed):
        await _sender(bot).run_once()
    # Telegram has the first notice; the helpline does not know it was sent, nor sent the second.
    assert [first in t for t in fake_tg.texts(L1_CHAT)] == [True]
    assert [status for _, status, _ in _rows()] == ["pending", "pending"]

    monkeypatch.setattr(sender_module.outbox, "mark_sent", real_mark_sent)
    restarted = _sender(bot)
    assert await restarted.run_once() == 0, "a claimed row was taken again before its lease ended"
    _advance(outbox.CLAIM_LEASE.total_seconds())
    assert await restarted.run_once() == 2
    assert await restarted.run_once() == 0

    texts = fake_tg.texts(L1_CHAT)
    assert [first in t for t in texts] == [True, True, False] and second in texts[2]
    assert texts[0] == texts[1], "the resent notice differs from the first: the officer cannot tell it is the same"
    keys = [item.dedupe_key for item in claims]
    assert keys[0] == keys[2] and keys.count(keys[0]) == 2 and keys.count(keys[1]) == 2
    assert claims[0].id == claims[2].id and claims[0].event_id == claims[2].event_id
    assert [(status, attempts) for _, status, attempts in _rows()] == [("sent", 2), ("sent", 2)]


async def test_a_crash_before_sending_loses_nothing_and_sends_once(bot, fake_tg, monkeypatch):
    _link_officer()
    number = _file(3)

    async def die_before(self, address, replies):  # noqa: ANN001
        raise Killed("worker killed before the message left")

    monkeypatch.setattr(TelegramChannel, "deliver", die_before)
    with pytest.raises(Killed):
        await _sender(bot).run_once()
    monkeypatch.undo()
    assert fake_tg.texts(L1_CHAT) == []
    _advance(outbox.CLAIM_LEASE.total_seconds())
    assert await _sender(bot).run_once() == 1
    [text] = fake_tg.texts(L1_CHAT)
    assert number in text and [s for _, s, _ in _rows()] == ["sent"]


async def test_telegram_429_and_5xx_are_retried_with_back_off_and_nothing_is_dropped(bot, fake_tg):
    _link_officer()
    numbers = [_file(i) for i in range(10, 14)]
    fake_tg.fail_next("sendMessage", status=429, retry_after=1)
    fake_tg.fail_next("sendMessage", status=502, retry_after=None, count=2)
    sender = _sender(bot)
    started = clock.now()

    await sender.run_once()
    with db.unit_of_work(readonly=True) as session:
        rows = list(session.scalars(select(NotificationOutbox).order_by(NotificationOutbox.id)))
    waits = [(r.status, round((r.next_attempt_at - started).total_seconds())) for r in rows]
    # One chat's notices go in order: the first meets the 429 (retry after 1 s), the next two a 502
    # (back-off 5 s after the first attempt); the last is delivered at once.
    assert [w[0] for w in waits] == ["pending", "pending", "pending", "sent"], waits
    assert "429" in rows[0].last_error and all("unavailable" in r.last_error for r in rows[1:3])
    assert 1 <= waits[0][1] <= 3 and all(5 <= w[1] <= 7 for w in waits[1:3]), waits

    for _ in range(5):   # let the clock run until everything is out
        if all(status == "sent" for _, status, _ in _rows()):
            break
        _advance(10)
        await sender.run_once()
    assert [status for _, status, _ in _rows()] == ["sent"] * 4, _rows()
    texts = fake_tg.texts(L1_CHAT)
    assert sorted(n for n in numbers for t in texts if n in t) == sorted(numbers), \
        "a notice was dropped or delivered twice"
    assert len(texts) == 4
    assert len(fake_tg.calls_of("sendMessage")) == 7   # 4 delivered + 3 refused attempts


async def test_a_lasting_5xx_outage_backs_off_exponentially_and_never_gives_up(bot, fake_tg):
    _link_officer()
    number = _file(20)
    fake_tg.fail_next("sendMessage", status=500, retry_after=None, count=4)
    sender = _sender(bot)
    delays = []
    for _ in range(4):
        before = clock.now()
        await sender.run_once()
        with db.unit_of_work(readonly=True) as session:
            row = session.scalars(select(NotificationOutbox)).one()
        assert row.status == "pending"
        delays.append(round((row.next_attempt_at - before).total_seconds()))
        _advance(delays[-1])
    assert all(abs(d - want) <= 1 for d, want in zip(delays, [5, 10, 20, 40])), delays
    await sender.run_once()
    assert [s for _, s, _ in _rows()] == ["sent"] and number in fake_tg.texts(L1_CHAT)[0]
