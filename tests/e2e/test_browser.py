"""A newcomer's tour in a real browser: web chat files complaints in Hindi and English, the DM sees
them on the dashboard, and the demo clock escalates one. Screenshots go to reports/screenshots/.

Real processes: Rasa + action server (tests/e2e/procs.py) and the portal under uvicorn; Debian's
Chromium (/usr/bin/chromium) driven by Playwright. Skipped, saying why, without a model or Chromium.
"""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from procs import APP_PYTHON, ROOT, Stack, free_port, stop_processes

pytestmark = pytest.mark.e2e

CHROMIUM = os.environ.get("HELPLINE_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
SHOTS = ROOT / "reports" / "screenshots"
TICKET = re.compile(r"CMH-\d{4}-\d{6}")
DM_POST = "dm.rudraprayag"
DM_PASSWORD = "browser-test-password"


def _cli(database_url: str, *args: str, stdin: str | None = None) -> str:
    env = {**os.environ, "HELPLINE_DATABASE_URL": database_url}
    done = subprocess.run([str(APP_PYTHON), "-m", "helpline.cli", *args], cwd=ROOT, env=env, input=stdin,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def chromium_path() -> str:
    path = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not path:
        pytest.skip(f"Chromium not found at {CHROMIUM} (apt-get install chromium); browser tests skipped")
    try:
        import playwright  # noqa: F401
    except ImportError:
        pytest.skip("the playwright package is not installed in .venv (pip install -r requirements.txt)")
    return path


@pytest.fixture(scope="module")
def portal_url(helpline_stack: Stack, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The portal under uvicorn, talking to the stack's Rasa and database."""
    port = free_port()
    log = tmp_path_factory.mktemp("portal") / "portal.log"
    env = {**os.environ, "HELPLINE_DATABASE_URL": helpline_stack.database_url, "RASA_URL": helpline_stack.rasa_url,
           "HELPLINE_RASA_SECRET": helpline_stack.secret,
           "PORTAL_SECRET": "browser-test-secret", "RASA_TIMEOUT_SECONDS": "30", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([str(APP_PYTHON), "-m", "uvicorn", "portal.app:app", "--host", "127.0.0.1",
                             "--port", str(port)], cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, f"portal exited:\n{log.read_text()[-3000:]}"
            try:
                if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, f"portal did not start:\n{log.read_text()[-3000:]}"
            time.sleep(0.3)
        _cli(helpline_stack.database_url, "officer", "password", DM_POST, stdin=DM_PASSWORD + "\n")
        yield url
    finally:
        stop_processes([proc])


@pytest.fixture(scope="module")
def browser(chromium_path: str):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        try:
            yield b
        finally:
            b.close()


def _answer(page, lang: str, complaint: str) -> None:
    """Reply to the bot's last question the way a citizen would (buttons where offered)."""
    last = page.locator("#log .msg.bot").last.inner_text().lower()
    # Only buttons that follow the bot's last message (older rows belong to earlier questions).
    buttons = page.locator("#log > .buttons:last-child button.choice")
    payloads = [buttons.nth(i).get_attribute("data-payload") or "" for i in range(buttons.count())]
    titles = [buttons.nth(i).inner_text().lower() for i in range(buttons.count())]

    def click(match) -> bool:
        for i, (payload, title) in enumerate(zip(payloads, titles)):
            if match(payload.lower(), title):
                buttons.nth(i).click()
                return True
        return False

    if click(lambda p, t: p.startswith("/affirm")) or click(lambda p, t: p.startswith("/skip")):
        return
    if ("विभाग" in last or "department" in last) and click(lambda p, t: "energy" in p or "ऊर्जा" in t or "energy" in t):
        return
    if ("ज़िले" in last or "जिले" in last or "district" in last) and click(lambda p, t: "rudraprayag" in p or "rudraprayag" in t or "रुद्रप्रयाग" in t):
        return
    if ("विकासखंड" in last or "ब्लॉक" in last or "block" in last) and click(lambda p, t: "ukhimath" in p or "ukhimath" in t or "ऊखीमठ" in t):
        return
    if "ज़िले" in last or "जिले" in last or "district" in last:
        text = "रुद्रप्रयाग" if lang == "hi" else "Rudraprayag"
    elif "विकासखंड" in last or "ब्लॉक" in last or "block" in last:
        text = "ऊखीमठ" if lang == "hi" else "Ukhimath"
    elif "नाम" in last or "name" in last:
        text = "रमेश सिंह" if lang == "hi" else "Ramesh Singh"
    elif "मोबाइल" in last or "mobile" in last or "phone" in last:
        text = "9876543210"
    elif ("समस्या" in last or "problem" in last) and not ("ticket number" in last or "शिकायत संख्या" in last):
        text = complaint
    else:
        # Not understood: do what a citizen would, press "New complaint" and describe the problem.
        start = page.locator('#log button.choice[data-payload="/file_complaint"]').first
        start.click()
        return
    page.fill("#text", text)
    page.click("#send")


def _filed_number(text: str) -> str | None:
    """A ticket number in the bot's message that names a ticket filed through the web chat
    (the bot's help texts also show an example number)."""
    from helpline import service
    from helpline.errors import NotFound

    for number in TICKET.findall(text):
        try:
            if service.get_ticket(number).channel == "web":
                return number
        except NotFound:
            continue
    return None


def _file_by_chat(browser, url: str, lang: str, complaint: str) -> str:
    """Chat until the bot gives a ticket number; returns it (screenshot of the chat saved)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(locale="hi-IN" if lang == "hi" else "en-IN")
    page = context.new_page()
    page.goto(f"{url}/?lang={lang}")
    page.fill("#text", complaint)
    page.click("#send")
    for _ in range(14):
        page.wait_for_selector('#chat[data-waiting="0"]', timeout=60_000)
        last = page.locator("#log .msg").last
        assert "busy" not in (last.get_attribute("class") or ""), page.locator("#log").inner_text()[-1500:]
        number = _filed_number(page.locator("#log .msg.bot").last.inner_text())
        if number:
            break
        _answer(page, lang, complaint)
    else:
        page.screenshot(path=str(SHOTS / f"webchat_{lang}_failed.png"), full_page=True)
        raise AssertionError(f"no ticket filed after 14 turns:\n{page.locator('#log').inner_text()[-3000:]}")
    page.screenshot(path=str(SHOTS / f"webchat_{lang}.png"), full_page=True)
    context.close()
    return number


def test_newcomer_tour_webchat_dashboard_demo_clock(browser, portal_url, stack_core):
    helpline_stack = stack_core
    numbers = {
        "hi": _file_by_chat(browser, portal_url, "hi", "ऊखीमठ रुद्रप्रयाग में तीन दिन से बिजली नहीं है"),
        "en": _file_by_chat(browser, portal_url, "en", "No electricity in Ukhimath, Rudraprayag for three days"),
    }
    assert numbers["hi"] != numbers["en"]

    context = browser.new_context(locale="en-IN")
    page = context.new_page()
    try:
        page.goto(f"{portal_url}/dashboard?lang=en")
        page.fill("#password-form input[name=post]", DM_POST)
        page.fill("#password-form input[name=password]", DM_PASSWORD)
        page.click("#password-form button[type=submit]")
        page.wait_for_selector("#totals")
        assert int(page.inner_text("#total-received")) >= 2
        page.screenshot(path=str(SHOTS / "dashboard_overview.png"), full_page=True)
        page.goto(f"{portal_url}/dashboard/tickets")
        for number in numbers.values():
            assert number in page.inner_text("#tickets")
        page.screenshot(path=str(SHOTS / "dashboard_tickets.png"), full_page=True)

        number = numbers["hi"]
        month = datetime.now(ZoneInfo("Asia/Kolkata")).strftime("%Y-%m")   # the month they were filed
        page.goto(f"{portal_url}/dashboard/tickets/{number}")
        assert "L1" in page.inner_text("#ticket-number")
        try:
            _cli(helpline_stack.database_url, "clock", "advance", "--days", "8")
            sweep = _cli(helpline_stack.database_url, "sweep")
            assert '"escalated"' in sweep
            page.goto(f"{portal_url}/dashboard/tickets/{number}")
            assert "L2" in page.inner_text("#ticket-number")
            assert page.locator("#history tr.event-escalated").count() == 1
            page.screenshot(path=str(SHOTS / "dashboard_ticket_escalated.png"), full_page=True)
            page.goto(f"{portal_url}/dashboard")
            assert page.locator("#demo-clock").count() == 1
            # The monthly review shows the month's tickets, the escalated one included.
            page.goto(f"{portal_url}/dashboard/review?month={month}")
            received = re.search(r"received\s+(\d+)", page.inner_text("p.sum"))
            assert received and int(received.group(1)) >= 2
            assert "energy" in page.inner_text("body")
            page.screenshot(path=str(SHOTS / "monthly_review.png"), full_page=True)
        finally:
            _cli(helpline_stack.database_url, "clock", "reset")
    finally:
        context.close()
