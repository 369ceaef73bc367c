"""The action server dies in the middle of filing: the citizen is asked to retry, and the retry files one ticket.

With real processes (skipped when models/ has no model): Rasa + action server from tests/e2e/procs.py;
the action server holds its filing transaction open half-way (tests/faults/crash_hook) and is killed
with SIGKILL, manager and worker; it is restarted on the same port and the citizen sends again.
Without Rasa, the same promise is checked on actions.filing directly: a core failure in the middle
of the transaction writes nothing, and a filing whose answer was lost is found again by its
idempotency key (conversation + form instance) instead of being filed twice.
"""
from __future__ import annotations

import asyncio
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import httpx
import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from actions.filing import ActionFileComplaint
from helpline import service
from helpline.store import db
from tests.actions.tracker_kit import make_tracker, responses, slot_events
from tests.e2e.procs import APP_PYTHON, RASA, ROOT, Stack, newest_model, process_tree, start_stack
from tests.faults.kit import counts

TICKET = re.compile(r"CMH-\d{4}-\d{6}")
HOOK_DIR = Path(__file__).resolve().parent / "crash_hook"
FORM = {"complaint_text": "Ukhimath bazaar me 3 din se bijli nahi hai", "department": "energy",
        "district": "rudraprayag", "block": "ukhimath", "citizen_name": "Mohan Lal", "phone": "9876543210",
        "location": "skipped", "confirm": True, "form_instance": "4d2c0e7f9a8b4c3d9e1f2a3b4c5d6e7f"}


# ---------------------------------------------------------------- without Rasa (always runs)

def _run_filing(sender: str, slots: dict) -> tuple[list, dict, CollectingDispatcher]:
    dispatcher = CollectingDispatcher()
    events = ActionFileComplaint().run(dispatcher, make_tracker(sender, intent="affirm", slots=slots), {})
    return responses(dispatcher), slot_events(events), dispatcher


@pytest.mark.timeout(60)
def test_a_core_failure_in_the_middle_of_filing_writes_nothing_and_asks_to_retry(sqlite_database):
    sender = "telegram:88001"

    def drop(conn, cursor, statement, *args):  # noqa: ANN001
        if statement.lstrip().upper().startswith("INSERT INTO NOTIFICATION_OUTBOX"):
            raise OperationalError(statement, None, Exception("server closed the connection (injected)"))

    before = counts()
    event.listen(db.engine(), "before_cursor_execute", drop)
    try:
        said, _, _ = _run_filing(sender, FORM)
    finally:
        event.remove(db.engine(), "before_cursor_execute", drop)
    assert said == ["utter_something_wrong"]   # "nothing was registered, please try again"
    assert counts() == before, "half a filing was left behind"

    said, slots, dispatcher = _run_filing(sender, {**FORM, "form_instance": "a-new-form-after-the-retry"})
    assert said == ["utter_ticket_filed"] and counts()["tickets"] == before["tickets"] + 1
    assert TICKET.fullmatch(slots["ticket_number"])


@pytest.mark.timeout(60)
def test_a_filing_whose_answer_was_lost_is_not_filed_twice_on_retry(sqlite_database):
    sender = "telegram:88002"
    _, first, _ = _run_filing(sender, FORM)
    # The action server died after the commit: Rasa never got the events, its slots are unchanged,
    # and the retry runs the action on the same form instance.
    _, again, _ = _run_filing(sender, FORM)
    assert first["ticket_number"] == again["ticket_number"]
    assert [t.number for t in service.citizen_tickets(channel="telegram", channel_user_id="88002")] \
        == [first["ticket_number"]]


# ---------------------------------------------------------------- real Rasa and action server

def _kill_action_server(stack: Stack) -> None:
    proc = stack.processes[0]
    for pid in process_tree(proc.pid):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    proc.wait(timeout=10)


def _restart_action_server(stack: Stack) -> None:
    port = stack.action_url.rsplit(":", 1)[1]
    env = {**os.environ, "HELPLINE_DATABASE_URL": stack.database_url, "PYTHONUNBUFFERED": "1",
           "HELPLINE_RASA_SECRET": stack.secret, "SANIC_HOST": "127.0.0.1"}
    proc = subprocess.Popen([str(APP_PYTHON), "-m", "actions.server", "--port", port],
                            cwd=ROOT, env=env, stdout=(stack.workdir / "actions-restarted.log").open("w"),
                            stderr=subprocess.STDOUT)
    stack.processes[0] = proc
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{stack.action_url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.3)
    raise AssertionError(f"the action server did not come back\n{stack.logs()}")


@pytest.fixture(scope="module")
def crashable_stack(tmp_path_factory: pytest.TempPathFactory):
    model = newest_model()
    if model is None:
        pytest.skip("no trained model in models/ (or HELPLINE_TEST_MODEL): run `make train` first")
    if not RASA.exists():
        pytest.skip("the Rasa runtime .venv-rasa is not installed: run `make venvs`")
    workdir = tmp_path_factory.mktemp("crashable-stack")
    trigger = workdir / "stop-in-filing"
    stack = start_stack(workdir, model=model, extra_env={
        "PYTHONPATH": os.pathsep.join(filter(None, [str(HOOK_DIR), os.environ.get("PYTHONPATH")])),
        "HELPLINE_FAULT_TRIGGER": str(trigger)})
    stack.trigger = trigger   # type: ignore[attr-defined]
    try:
        yield stack
    finally:
        stack.stop()


class WebCitizen:
    """A citizen talking through bot.relay (what Telegram, WhatsApp and the web chat use)."""

    ANSWERS = {"district": "Rudraprayag", "block": "Ukhimath", "citizen_name": "Mohan Lal",
               "phone": "9876543210", "location": "/skip", "confirm": "/affirm"}

    def __init__(self, stack: Stack, user_id: str):
        from bot.relay import Relay

        self.stack, self.user_id = stack, user_id
        self.relay = Relay(rasa_url=stack.rasa_url, timeout=30, max_wait=60, secret=stack.secret)
        self.transcript: list[tuple[str, list[str]]] = []

    async def say(self, text: str) -> list:
        replies = await self.relay.relay("telegram", self.user_id, text, {"language": "en"})
        self.transcript.append((text, [r.text[:90] for r in replies]))
        return replies

    def requested(self) -> str | None:
        return self.stack.tracker(f"telegram:{self.user_id}")["slots"].get("requested_slot")

    async def answer_until(self, replies: list, stop_at: str | None, turns: int = 10) -> list:
        """Answer each question of the form until it asks `stop_at` (or a ticket number comes)."""
        for _ in range(turns):
            if any(TICKET.search(r.text) for r in replies):
                return replies
            slot = self.requested()
            if slot == stop_at or slot is None:
                return replies
            if slot == "department":
                wanted = [b.payload for r in replies for b in r.buttons if '"energy"' in b.payload]
                replies = await self.say(wanted[0] if wanted else "/deny")
            else:
                replies = await self.say(self.ANSWERS[slot])
        raise AssertionError(f"the form did not end: {self.transcript}")


@pytest.mark.rasa
@pytest.mark.timeout(240)
async def test_action_server_killed_mid_filing_citizen_told_to_retry_and_retry_files_one_ticket(crashable_stack):
    stack = crashable_stack
    db.configure(stack.database_url)
    citizen = WebCitizen(stack, "88101")
    complaint = "ukhimath me 3 din se bijli nahi hai, transformer jal gaya"
    await citizen.answer_until(await citizen.say(complaint), stop_at="confirm")

    stack.trigger.touch()
    pending = asyncio.ensure_future(citizen.say("/affirm"))
    marker = Path(str(stack.trigger) + ".reached")
    deadline = time.monotonic() + 30
    while not marker.exists():
        assert time.monotonic() < deadline and not pending.done(), f"filing never started: {citizen.transcript}"
        await asyncio.sleep(0.05)
    _kill_action_server(stack)   # in the middle of the filing transaction
    replies = await asyncio.wait_for(pending, 60)

    assert replies and all(r.text for r in replies), f"the citizen heard nothing: {citizen.transcript}"
    assert not any(TICKET.search(r.text) for r in replies)
    assert service.citizen_tickets(channel="telegram", channel_user_id="88101") == []

    _restart_action_server(stack)
    replies = await citizen.answer_until(await citizen.say(complaint), stop_at=None)
    numbers = {m.group(0) for r in replies for m in TICKET.finditer(r.text)}
    assert len(numbers) == 1, f"no ticket after the retry: {citizen.transcript}\n{stack.logs()}"
    await citizen.say("/affirm")   # pressed once more for good measure
    tickets = service.citizen_tickets(channel="telegram", channel_user_id="88101")
    assert [t.number for t in tickets] == list(numbers), citizen.transcript
    print("\n".join(f"citizen: {said!r}\n    bot: {heard}" for said, heard in citizen.transcript))
    await citizen.relay.aclose()
