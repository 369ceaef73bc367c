"""The monthly review page of the dashboard: the DM sees their district's review; others do not."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from helpline import service
from portal import auth
from portal.review_pages import router


@pytest.fixture
def client(sqlite_database: str) -> TestClient:
    app = FastAPI()
    app.include_router(router)
    return TestClient(app, follow_redirects=False)


def _login(client: TestClient, post: str) -> None:
    officer = service.get_officer(post).id
    client.cookies.set(auth.SESSION_COOKIE, auth.sign("session", {"officer": officer}))


def test_dm_sees_the_districts_review_with_charts(client: TestClient) -> None:
    service.file_ticket(text="Transformer kharab hai", department="energy", district="rudraprayag",
                        block="ukhimath", phone="9876511111", now=datetime(2026, 3, 3, tzinfo=timezone.utc))
    _login(client, "dm.rudraprayag")
    page = client.get("/dashboard/review?month=2026-03")
    assert page.status_code == 200
    assert "मासिक समीक्षा" in page.text and "Rudraprayag district" in page.text
    assert "energy.L1.rudraprayag.ukhimath" in page.text and "data:image/png;base64," in page.text


def test_review_needs_login_and_the_dm(client: TestClient) -> None:
    response = client.get("/dashboard/review?month=2026-03")
    assert response.status_code == 303 and response.headers["location"] == "/dashboard/login"
    _login(client, "energy.L1.rudraprayag.ukhimath")
    assert client.get("/dashboard/review?month=2026-03").status_code == 403
    _login(client, "dm.rudraprayag")
    assert client.get("/dashboard/review?month=2026-03&district=dehradun").status_code == 403
    assert client.get("/dashboard/review?month=March").status_code == 400
