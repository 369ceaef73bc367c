"""Fixtures of the portal tests: a fresh SQLite core with the demo roster, and a TestClient."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from helpline import clock


@pytest.fixture()
def core(sqlite_database):
    """The core on a fresh SQLite helpline (tests/conftest.py) with the demo roster of Rudraprayag."""
    yield sqlite_database
    clock._cache = (0.0, 0)


def _client():
    from portal.app import create_app

    with TestClient(create_app(), base_url="http://testserver") as c:
        yield c


@pytest.fixture()
def client(core):
    yield from _client()


@pytest.fixture()
def any_client(database):
    """A client on SQLite and on PostgreSQL (the `database` fixture's two variants)."""
    yield from _client()
    clock._cache = (0.0, 0)


def csrf_of(client: TestClient, path: str = "/dashboard/login") -> str:
    """Open a page and return the CSRF token its forms carry."""
    page = client.get(path)
    match = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert match, "the page has no CSRF token"
    return match.group(1)


def login(client: TestClient, post: str, password: str = "correct horse battery") -> None:
    """Set the post holder's password and log in through the form."""
    from helpline.officers import login as dashboard_login

    dashboard_login.set_password(post, password)
    token = csrf_of(client)
    response = client.post("/dashboard/login/password", data={"post": post, "password": password, "csrf": token},
                           follow_redirects=False)
    assert response.status_code == 303, response.text
