"""Issue 15, finding 8: login codes never stored or logged in plain text; the proxy's scheme is honoured.

The officer still receives the code: the sender works it out when it claims the outbox row.
Behind a trusted proxy (PORTAL_TRUSTED_PROXIES) X-Forwarded-Proto https makes cookies Secure and
adds HSTS; the same header from anyone else changes nothing.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select, text, update

from helpline import settings
from helpline.officers import login as dashboard_login
from helpline.store import db
from helpline.tickets import outbox
from helpline.store.models import Officer, OfficerPost

PASSWORD = "correct horse battery"


def _client(address: str = "testclient") -> TestClient:
    from portal.app import create_app

    return TestClient(create_app(), base_url="http://testserver", raise_server_exceptions=False,
                      client=(address, 50000))


def _csrf(client: TestClient, **kw) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/dashboard/login", **kw).text).group(1)


def _link_telegram(post: str, chat: str) -> int:
    with db.unit_of_work() as session:
        session.execute(update(Officer).where(Officer.post_id == select(OfficerPost.id).where(
            OfficerPost.code == post).scalar_subquery()).values(telegram_chat_id=chat))
    return dashboard_login.login_officer(post)


def _database_dump() -> str:
    """Every row of the tables a login code could sit in, as text."""
    rows = []
    with db.engine().connect() as conn:
        for table in ("notification_outbox", "dashboard_login_code", "login_attempt", "app_setting"):
            rows += [json.dumps([str(v) for v in r], ensure_ascii=False)
                     for r in conn.execute(text(f"SELECT * FROM {table}"))]
    return "\n".join(rows)


def test_a_login_code_is_never_stored_or_logged_in_plain_text(sqlite_database, caplog) -> None:
    officer = _link_telegram("dm.rudraprayag", "555001")
    caplog.set_level(logging.DEBUG)
    with _client() as client:
        token = _csrf(client)
        assert client.post("/dashboard/login/code/send",
                           data={"post": "dm.rudraprayag", "csrf": token}).status_code == 200
        stored = _database_dump()
        [item] = outbox.claim_due()        # the sender: the officer's Telegram gets the code
        code = re.search(r"\b(\d{6})\b", item.text).group(1)
        assert item.address == "555001" and item.kind == "login_code"
        assert code not in stored and code not in json.dumps(item.payload)
        assert hashlib.sha256(f"{officer}:{code}".encode()).hexdigest() not in stored   # no offline guessing
        assert code not in caplog.text
        ok = client.post("/dashboard/login/code", data={"post": "dm.rudraprayag", "code": code, "csrf": token},
                         follow_redirects=False)
        assert ok.status_code == 303
    assert code not in caplog.text


def test_behind_a_trusted_proxy_cookies_are_secure_and_hsts_is_sent(sqlite_database, monkeypatch) -> None:
    monkeypatch.setattr(settings, "PORTAL_TRUSTED_PROXIES", "10.0.0.0/8, 192.0.2.1")
    dashboard_login.set_password("dm.rudraprayag", PASSWORD)
    https = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.23"}
    with _client("10.1.2.3") as proxied:
        page = proxied.get("/dashboard/login", headers=https)
        assert "secure" in page.headers["set-cookie"].lower()            # the CSRF cookie
        assert page.headers["strict-transport-security"].startswith("max-age=")
        token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)
        proxied.cookies.clear()   # httpx keeps Secure cookies for https only: send it as the browser would
        cookie = {"Cookie": f"hl_csrf={token}"}
        answer = proxied.post("/dashboard/login/password", headers={**https, **cookie}, follow_redirects=False,
                              data={"post": "dm.rudraprayag", "password": PASSWORD, "csrf": token})
        assert answer.status_code == 303
        session = answer.headers["set-cookie"]
        assert "hl_session=" in session and "secure" in session.lower()
        assert answer.headers["strict-transport-security"].startswith("max-age=")
        assert proxied.get("/healthz", headers=https).headers.get("strict-transport-security")
        # The address the throttle counts is the client's, as the proxy reported it.
        proxied.post("/dashboard/login/password", headers={**https, **cookie},
                     data={"post": "dm.rudraprayag", "password": "wrong", "csrf": token})
    with db.engine().connect() as conn:
        keys = {k for (k,) in conn.execute(text("SELECT key FROM login_attempt"))}
    assert "address:198.51.100.23" in keys and "address:10.1.2.3" not in keys
    with _client("203.0.113.50") as direct:   # not a trusted proxy: its headers are ignored
        token = _csrf(direct, headers=https)
        answer = direct.post("/dashboard/login/password", headers=https, follow_redirects=False,
                             data={"post": "dm.rudraprayag", "password": PASSWORD, "csrf": token})
        assert answer.status_code == 303
        assert "secure" not in answer.headers["set-cookie"].lower()
        assert "strict-transport-security" not in answer.headers
