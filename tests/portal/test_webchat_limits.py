"""Finding 5 of issue 15: the web chat cannot be abused at will.

Fresh cookies are no fresh allowance: new sessions per hour and messages per minute are limited per
client address (and per session) in the database, so every web process shares them; over a limit the
answer is 429 with a polite text in the person's language; photos have a quota; photos of chats that
filed nothing are removed after a day; the daily complaint limit counts per phone across channels.
"""
from __future__ import annotations

import os
import time
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from bot.channel import Reply
from helpline import service, settings
from helpline.errors import DailyLimitExceeded
from portal import webchat
from tests.portal.test_portal_webchat import _session

PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 64


class FilingRasa:
    """Stands in for Rasa + the complaint form: every complaint text files a ticket for its session,
    with the phone number the citizen typed (a different one per session: the attacker's best case)."""

    def __init__(self):
        self.calls = []

    async def relay(self, channel, user_id, text, metadata=None, on_slow=None):
        self.calls.append((user_id, text))
        number = service.file_ticket(text=text, department="energy", district="rudraprayag", block="ukhimath",
                                     channel="web", channel_user_id=user_id,
                                     phone=f"98765{len(self.calls):05d}").number
        return [Reply(text=f"filed {number}")]

    async def aclose(self):
        pass


@pytest.fixture()
def filing(client):
    fake = FilingRasa()
    webchat.set_relay(fake)
    yield fake
    webchat.set_relay(None)


def _fresh_browser():
    from portal.app import create_app

    return TestClient(create_app(), base_url="http://testserver")   # a new cookie jar, the same address


def test_forty_fresh_web_sessions_from_one_address_cannot_file_forty_complaints(client, filing):
    filed = refused = 0
    for i in range(40):
        with _fresh_browser() as browser:
            webchat.set_relay(filing)   # each app's shutdown closes the shared relay
            page = browser.get("/?lang=en")
            if page.status_code == 429:
                assert "Too many new chats" in page.text
                refused += 1
                continue
            session = _session(browser)
            answer = browser.post("/chat/send", json={"session": session, "text": f"no power in ward {i}"})
            filed += answer.status_code == 200
    assert filed <= settings.WEB_SESSIONS_PER_HOUR < 40
    assert refused == 40 - filed and len(filing.calls) == filed


def test_messages_over_the_limit_get_429_in_the_persons_language(client, monkeypatch):
    monkeypatch.setattr(settings, "WEB_MESSAGES_PER_MINUTE", 3)
    calls = []

    class Echo:
        async def relay(self, channel, user_id, text, metadata=None, on_slow=None):
            calls.append(text)
            return [Reply(text="ok")]

        async def aclose(self):
            pass

    webchat.set_relay(Echo())
    try:
        session = _session(client)
        answers = [client.post("/chat/send", json={"session": session, "text": f"m{i}", "language": "hi"})
                   for i in range(5)]
    finally:
        webchat.set_relay(None)
    assert [a.status_code for a in answers] == [200, 200, 200, 429, 429]
    assert "एक मिनट रुककर" in answers[3].json()["error"] and answers[3].headers["retry-after"] == "60"
    assert calls == ["m0", "m1", "m2"]   # nothing over the limit reached Rasa


def test_the_limits_are_shared_by_every_web_process(client, monkeypatch):
    """Two app instances (as two uvicorn workers would be) count against one database row."""
    monkeypatch.setattr(settings, "WEB_SESSIONS_PER_HOUR", 2)
    with _fresh_browser() as one, _fresh_browser() as two:
        assert one.get("/").status_code == 200
        assert two.get("/").status_code == 200
    with _fresh_browser() as three:
        assert three.get("/").status_code == 429


def test_photo_quota_per_session(client, monkeypatch, tmp_path):
    monkeypatch.setattr(settings, "PHOTO_DIR", tmp_path / "photos")
    monkeypatch.setattr(settings, "WEB_PHOTOS_PER_SESSION", 2)

    class Echo:
        async def relay(self, channel, user_id, text, metadata=None, on_slow=None):
            return [Reply(text="photo ok")]

        async def aclose(self):
            pass

    webchat.set_relay(Echo())
    try:
        session = _session(client)
        headers = {"Content-Type": "image/png", "X-Chat-Session": session, "X-Chat-Language": "en"}
        answers = [client.post("/chat/photo", content=PNG, headers=headers) for _ in range(3)]
    finally:
        webchat.set_relay(None)
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert "No more photos" in answers[2].json()["error"]
    assert len(list((tmp_path / "photos" / "web").iterdir())) == 2   # the refused one was never written


def test_photos_of_chats_that_filed_nothing_are_removed_after_a_day(core, tmp_path, monkeypatch):
    from bot import inbound
    from helpline import retention

    monkeypatch.setattr(settings, "PHOTO_DIR", tmp_path / "photos")
    kept = inbound.save_photo("web", "s1-a", "jpg", b"\xff\xd8\xff kept")
    unfiled = inbound.save_photo("web", "s2-b", "jpg", b"\xff\xd8\xff unfiled")
    fresh = inbound.save_photo("telegram", "s3-c", "jpg", b"\xff\xd8\xff fresh")
    service.file_ticket(text="transformer burnt", department="energy", district="rudraprayag", block="ukhimath",
                        channel="web", channel_user_id="s1", phone="9876500001", photos=[str(kept)])
    day_old = time.time() - 25 * 3600
    for path in (kept, unfiled):
        os.utime(path, (day_old, day_old))
    assert retention.purge_unfiled_photos() == 1
    assert kept.exists() and fresh.exists() and not unfiled.exists()


def test_the_daily_limit_counts_per_phone_across_channels_and_sessions(core):
    channels = ["web", "telegram", "whatsapp"]
    for i in range(settings.DAILY_COMPLAINT_LIMIT):
        service.file_ticket(text=f"complaint {i} about road number {i * 13}", department="public_works",
                            district="rudraprayag", block="ukhimath", channel=channels[i % 3],
                            channel_user_id=f"person-{i}", phone="+91 98765 43210")
    with pytest.raises(DailyLimitExceeded):
        service.file_ticket(text="one more about the water tank", department="drinking_water",
                            district="rudraprayag", block="ukhimath", channel="web",
                            channel_user_id="a-fresh-cookie", phone="9876543210")


def test_rate_counter_is_atomic_and_windows_end(any_client):
    from datetime import datetime, timezone

    from helpline import rate_limits

    t0 = datetime(2026, 3, 2, 6, 0, 5, tzinfo=timezone.utc)
    assert [rate_limits.take("k", 2, timedelta(minutes=1), now=t0) for _ in range(3)] == [True, True, False]
    assert rate_limits.take("k", 2, timedelta(minutes=1), now=t0 + timedelta(minutes=1))
    assert rate_limits.purge(now=t0 + timedelta(minutes=5)) == 2
