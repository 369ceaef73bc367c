"""The dashboard as officers use it: logging in, seeing only their jurisdiction, escaped content."""
from __future__ import annotations

import re

from sqlalchemy import func, select, update

from helpline import service
from helpline.store import db
from helpline.tickets import outbox
from helpline.store.models import NotificationOutbox, Officer, OfficerPost
from tests.portal.conftest import csrf_of, login


def _file(text="बिजली नहीं है, तीन दिन से", department="energy", block="ukhimath", **kw):
    return service.file_ticket(text=text, department=department, district="rudraprayag", block=block,
                               channel="web", channel_user_id="citizen-1", **kw)


def test_health_check_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_dashboard_asks_for_login(client):
    response = client.get("/dashboard", follow_redirects=False)
    assert response.status_code == 303
    assert response.headers["location"] == "/dashboard/login"


def test_dm_logs_in_with_password_and_sees_the_district(client):
    ticket = _file()
    login(client, "dm.rudraprayag")
    page = client.get("/dashboard")
    assert page.status_code == 200
    assert "Pushpa Semalty" in page.text
    assert re.search(r'id="total-received">1<', page.text)
    assert client.get(f"/dashboard/tickets/{ticket.number}").status_code == 200


def test_wrong_password_is_refused_politely(client):
    from helpline.officers import login as dashboard_login

    dashboard_login.set_password("dm.rudraprayag", "the right password")
    token = csrf_of(client)
    response = client.post("/dashboard/login/password",
                           data={"post": "dm.rudraprayag", "password": "a wrong password", "csrf": token},
                           headers={"accept-language": "en"})
    assert response.status_code == 401
    assert "do not match" in response.text
    assert client.get("/dashboard", follow_redirects=False).status_code == 303


def test_login_form_without_csrf_token_is_refused(client):
    from helpline.officers import login as dashboard_login

    dashboard_login.set_password("dm.rudraprayag", "the right password")
    client.get("/dashboard/login")
    response = client.post("/dashboard/login/password",
                           data={"post": "dm.rudraprayag", "password": "the right password", "csrf": "forged"},
                           follow_redirects=False)
    assert response.status_code == 403
    assert client.get("/dashboard", follow_redirects=False).status_code == 303


def test_repeated_wrong_passwords_are_throttled(client):
    from helpline.officers import login as dashboard_login

    dashboard_login.set_password("energy.L2.rudraprayag", "the right password")
    token = csrf_of(client)
    codes = [client.post("/dashboard/login/password",
                         data={"post": "energy.L2.rudraprayag", "password": f"wrong {i}", "csrf": token}).status_code
             for i in range(6)]
    assert codes[:5] == [401] * 5 and codes[5] == 429
    right = client.post("/dashboard/login/password",
                        data={"post": "energy.L2.rudraprayag", "password": "the right password", "csrf": token},
                        follow_redirects=False)
    assert right.status_code == 429


def test_login_with_a_code_sent_to_the_officers_telegram(client):
    with db.unit_of_work() as session:
        session.execute(update(Officer).where(Officer.post_id == select(OfficerPost.id).where(
            OfficerPost.code == "dm.rudraprayag").scalar_subquery()).values(telegram_chat_id="555001"))
    token = csrf_of(client)
    sent = client.post("/dashboard/login/code/send", data={"post": "dm.rudraprayag", "csrf": token})
    assert sent.status_code == 200 and 'id="code-form"' in sent.text
    with db.unit_of_work() as session:
        row = session.scalars(select(NotificationOutbox).where(NotificationOutbox.kind == "login_code")).one()
        assert row.address == "555001" and row.channel == "telegram" and row.status == "pending"
    [item] = outbox.claim_due()   # what the notification sender delivers to the officer's Telegram
    code = re.search(r"\b(\d{6})\b", item.text).group(1)
    wrong = "000000" if code != "000000" else "111111"
    assert client.post("/dashboard/login/code", data={"post": "dm.rudraprayag", "code": wrong,
                                                       "csrf": token}).status_code == 401
    ok = client.post("/dashboard/login/code", data={"post": "dm.rudraprayag", "code": code, "csrf": token},
                     follow_redirects=False)
    assert ok.status_code == 303
    assert client.get("/dashboard").status_code == 200
    # A code works once.
    client.cookies.delete("hl_session")
    again = client.post("/dashboard/login/code", data={"post": "dm.rudraprayag", "code": code, "csrf": token},
                        follow_redirects=False)
    assert again.status_code == 401


def test_code_send_answers_the_same_for_every_post(client):
    """Unknown, unlinked and linked posts look alike from outside (issue 15, finding 8)."""
    with db.unit_of_work() as session:
        session.execute(update(Officer).where(Officer.post_id == select(OfficerPost.id).where(
            OfficerPost.code == "dm.rudraprayag").scalar_subquery()).values(telegram_chat_id="555001"))
    token = csrf_of(client)

    def answer(post):
        response = client.post("/dashboard/login/code/send", data={"post": post, "csrf": token},
                               headers={"accept-language": "en"})
        return response.status_code, response.text.replace(f'value="{post}"', 'value="POST"')

    linked, unlinked, unknown = answer("dm.rudraprayag"), answer("health.L2.rudraprayag"), answer("no.such.post")
    assert linked == unlinked == unknown
    assert linked[0] == 200 and 'id="code-form"' in linked[1]
    with db.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(NotificationOutbox)
                              .where(NotificationOutbox.kind == "login_code")) == 1


def test_officer_gets_403_outside_the_jurisdiction(client):
    own = _file(block="ukhimath")
    other_block = _file(text="jakholi me transformer jal gaya", block="jakholi")
    other_department = _file(text="hospital me doctor nahi aate", department="health")
    login(client, "energy.L1.rudraprayag.ukhimath")
    assert client.get(f"/dashboard/tickets/{own.number}").status_code == 200
    for number in (other_block.number, other_department.number):
        page = client.get(f"/dashboard/tickets/{number}", headers={"accept-language": "en"})
        assert page.status_code == 403
        assert "outside your jurisdiction" in page.text
    assert client.get("/dashboard/tickets?department=health").status_code == 403
    assert client.get("/dashboard/tickets?level=L3").status_code == 403
    listing = client.get("/dashboard/tickets")
    assert own.number in listing.text and other_block.number not in listing.text


def test_unknown_ticket_is_404_not_500(client):
    login(client, "dm.rudraprayag")
    assert client.get("/dashboard/tickets/CMH-2026-999999").status_code == 404
    assert client.get("/dashboard/tickets?status=nonsense").status_code == 400
    assert client.get("/dashboard/tickets?level=L9").status_code == 400


def test_complaint_text_is_escaped_everywhere(client):
    ticket = _file(text='<script>alert("x")</script> बिजली <img src=x onerror=alert(1)>')
    login(client, "dm.rudraprayag")
    for path in (f"/dashboard/tickets/{ticket.number}", "/dashboard/tickets"):
        page = client.get(path)
        assert page.status_code == 200
        assert "&lt;script&gt;alert(" in page.text
        assert "<script>alert" not in page.text and "<img src=x" not in page.text
    assert "default-src 'self'" in client.get("/dashboard").headers["content-security-policy"]


def test_ticket_page_shows_the_full_history(client):
    ticket = _file()
    service.officer_action(ticket.number, "start", officer="energy.L1.rudraprayag.ukhimath", note="lineman sent")
    login(client, "dm.rudraprayag")
    page = client.get(f"/dashboard/tickets/{ticket.number}")
    assert "event-filed" in page.text and "event-assigned" in page.text and "event-started" in page.text
    assert "lineman sent" in page.text


def test_logout_ends_the_session(client):
    login(client, "dm.rudraprayag")
    token = csrf_of(client, "/dashboard")
    response = client.post("/dashboard/logout", data={"csrf": token}, follow_redirects=False)
    assert response.status_code == 303
    client.cookies.delete("hl_session")   # the browser honours the deletion
    assert client.get("/dashboard", follow_redirects=False).status_code == 303


def test_forged_session_cookie_is_not_a_login(client):
    client.cookies.set("hl_session", "eyJkIjp7Im9mZmljZXIiOjF9LCJ0IjoxfQ.forged")
    assert client.get("/dashboard", follow_redirects=False).status_code == 303
