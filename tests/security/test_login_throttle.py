"""Issue 15, finding 2: one officer, one spelling, one throttle, shared by every web process.

The login accepts only the canonical officer id or post code; failures are counted in the database
per resolved officer and per client address, so another web process (or a restart) sees them too.
"""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from helpline import settings
from helpline.officers import login as dashboard_login
from helpline.store import db

pytestmark = pytest.mark.timeout(120)
PASSWORD = "correct horse battery"


def _client(**kw) -> TestClient:
    from portal.app import create_app

    return TestClient(create_app(), base_url="http://testserver", raise_server_exceptions=False, **kw)


@pytest.fixture
def dm(sqlite_database) -> int:
    dashboard_login.set_password("dm.rudraprayag", PASSWORD)
    return dashboard_login.login_officer("dm.rudraprayag")


def _csrf(client: TestClient) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/dashboard/login").text).group(1)


def _login(client: TestClient, post: str, password: str, token: str) -> int:
    return client.post("/dashboard/login/password", data={"post": post, "password": password, "csrf": token},
                       follow_redirects=False).status_code


def _spellings(officer_id: int) -> list[str]:
    digits = str(officer_id)
    return ["0" + digits, "00" + digits, "".join(chr(0xFF10 + int(d)) for d in digits),
            "".join(chr(0x0966 + int(d)) for d in digits), f" {digits}", "DM.Rudraprayag"]


def test_only_the_canonical_id_or_post_code_names_an_officer(dm) -> None:
    assert dashboard_login.login_officer(str(dm)) == dm == dashboard_login.login_officer("dm.rudraprayag")
    for alias in _spellings(dm) + [f"{dm}\n", "dm.rudraprayag "]:
        assert dashboard_login.login_officer(alias) is None, repr(alias)
        assert dashboard_login.check_password(alias, PASSWORD) is None, repr(alias)


def test_alternate_spellings_of_an_officer_share_one_throttle(dm) -> None:
    with _client() as client:
        token = _csrf(client)
        # The attack: 18 wrong passwords over 6 spellings of the DM's id, then the right one.
        aliases = _spellings(dm)[:4]
        for post in aliases:   # an alias never logs in, so guessing through it is worthless
            assert _login(client, post, PASSWORD, token) == 401, post
        spellings = [str(dm), "dm.rudraprayag"] + aliases
        codes = {post: [_login(client, post, f"guess {i}", token) for i in range(3)] for post in spellings}
        # The two real spellings are one officer: 5 failures between them, then "too many".
        assert codes[str(dm)] + codes["dm.rudraprayag"] == [401] * 5 + [429]
        assert _login(client, "dm.rudraprayag", PASSWORD, token) == 429
        assert _login(client, str(dm), PASSWORD, token) == 429


def test_the_throttle_is_in_the_database_and_shared_by_every_web_process(dm) -> None:
    from helpline.officers.login_throttle import LoginAttempt

    with _client() as first:
        token = _csrf(first)
        for i in range(settings.LOGIN_FAILURES_PER_OFFICER):
            assert _login(first, "dm.rudraprayag", f"guess {i}", token) == 401
    with db.unit_of_work(readonly=True) as session:
        assert session.scalar(select(func.count()).select_from(LoginAttempt)
                              .where(LoginAttempt.key == f"officer:{dm}")) == settings.LOGIN_FAILURES_PER_OFFICER
    # Another process of the portal (a fresh app: nothing in memory) on another client address.
    with _client(client=("203.0.113.9", 50000)) as second:
        assert _login(second, str(dm), PASSWORD, _csrf(second)) == 429


def test_one_address_cannot_spray_guesses_over_many_names(dm, monkeypatch) -> None:
    monkeypatch.setattr(settings, "LOGIN_FAILURES_PER_ADDRESS", 6)
    with _client(client=("198.51.100.7", 40000)) as sprayer, _client(client=("198.51.100.8", 40000)) as other:
        token = _csrf(sprayer)
        codes = [_login(sprayer, name, "guess", token)
                 for name in ("energy.L1.rudraprayag.ukhimath", "health.L2.rudraprayag", "nobody.1", "nobody.2",
                              "energy.L2.rudraprayag", "forest.L2.rudraprayag", "dm.rudraprayag")]
        assert codes[:6] == [401] * 6 and codes[6] == 429
        assert _login(sprayer, "dm.rudraprayag", PASSWORD, token) == 429       # the address is held back
        assert _login(other, "dm.rudraprayag", PASSWORD, _csrf(other)) == 303   # the officer is not


def test_unknown_and_real_posts_are_throttled_alike(dm) -> None:
    with _client() as client:
        token = _csrf(client)
        for post in ("dm.rudraprayag", "dm.nowhere"):
            codes = [_login(client, post, f"guess {i}", token) for i in range(settings.LOGIN_FAILURES_PER_OFFICER + 1)]
            assert codes == [401] * settings.LOGIN_FAILURES_PER_OFFICER + [429], post


def test_a_right_login_clears_the_officers_count(dm) -> None:
    with _client() as client:
        token = _csrf(client)
        for i in range(settings.LOGIN_FAILURES_PER_OFFICER - 1):
            assert _login(client, "dm.rudraprayag", f"guess {i}", token) == 401
        assert _login(client, "dm.rudraprayag", PASSWORD, token) == 303
        client.cookies.delete("hl_session")
        assert _login(client, "dm.rudraprayag", "guess again", token) == 401


def test_the_migration_creates_the_throttle_table_as_modelled(database) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import MetaData

    from helpline.officers.login_throttle import LoginAttempt

    only = MetaData()
    LoginAttempt.__table__.to_metadata(only)
    with db.engine().connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), only)
    assert [d for d in diff if "login_attempt" in repr(d)] == []
    assert "login_attempt" in only.tables
