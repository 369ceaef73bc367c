"""Scale-out: two copies of every stateless process on loopback, many citizens at once on Telegram.

Layout (tests/scale/cluster.py, as deploy/ describes it): 2 Rasa servers (SQL tracker store on
PostgreSQL, Redis lock store, deploy/endpoints.prod.yml), 2 action servers, 2 web apps serving the
Telegram webhook, 2 workers (sweep + sender), a random-copy balancer in front of each pair, the
fake Bot API. SCALE_CITIZENS citizens (default 200; SCALE_AT_ONCE in conversation at a time) each
file a complaint and ask its status, every message landing on a random copy; every 10th citizen's
first update is delivered twice, as Telegram does after a slow webhook. A citizen told that the
service is busy sends the message again (counted and printed).

Checked: every conversation ends with a ticket number and a status answer; exactly one ticket per
citizen; Rasa saw each update once; each officer notification reached Telegram exactly once per
(event, recipient); every copy took work and most conversations crossed copies; no process died.
"""
from __future__ import annotations

import asyncio
import os
import socket
import statistics
import time

import pytest
from sqlalchemy import text

from helpline import service
from helpline.store import db
from tests.scale.citizens import Outcome, p95, run_citizens
from tests.scale.cluster import (PG_ADMIN_URL, RASA, Cluster, create_database, drop_database, newest_model,
                                 start_cluster)

pytestmark = [pytest.mark.scale, pytest.mark.e2e, pytest.mark.rasa, pytest.mark.postgres]

CITIZENS = int(os.environ.get("SCALE_CITIZENS", "200"))
AT_ONCE = int(os.environ.get("SCALE_AT_ONCE", "50"))
DISTRICT = "rudraprayag"            # the demo roster's district (tests/scale/citizens.py files there)
CITIZEN_CHATS = 7_000_000           # citizen i chats from 7_000_000 + i
OFFICER_CHATS = 6_000_000           # officer n is linked to chat 6_000_000 + n


def _unavailable(what: str) -> None:
    if os.environ.get("HELPLINE_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"{what} (HELPLINE_REQUIRE_POSTGRES=1)")
    pytest.skip(what)


def _check_services() -> None:
    """Skip (or fail in CI) when the model, the Rasa runtime, PostgreSQL or Redis is missing."""
    if newest_model() is None:
        pytest.skip("no trained model in models/: run `make train` (or set HELPLINE_TEST_MODEL)")
    if not RASA.exists():
        pytest.skip("the Rasa runtime .venv-rasa is not installed: run `make venvs`")
    probe = f"helpline_probe_{os.getpid()}"
    try:
        create_database(probe)
        drop_database(probe)
    except Exception as err:  # noqa: BLE001 - any failure means "no PostgreSQL here"
        _unavailable(f"PostgreSQL not usable at {PG_ADMIN_URL}: {str(err).splitlines()[0]}")
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=3) as sock:
            sock.sendall(b"PING\r\n")
            assert sock.recv(16).startswith(b"+PONG")
    except (OSError, AssertionError) as err:
        _unavailable(f"Redis not reachable at 127.0.0.1:6379: {err!r}")


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory):
    """The running layout, with this process's core on its helpline database (to check the result)."""
    _check_services()
    previous = db.engine().url.render_as_string(hide_password=False) if db._engine is not None else None
    running = start_cluster(tmp_path_factory.mktemp("scale"), model=newest_model())
    db.configure(running.database_url)
    try:
        yield running
    finally:
        db.engine().dispose()
        running.stop()
        db.configure(previous)   # later tests find the core where it was


def _link_officers(cluster: Cluster) -> dict[int, int]:
    """Every officer of the district linked to a Telegram chat of their own; officer id -> chat."""
    chats = {}
    for officer in service.officers(district=DISTRICT):
        invite = service.invite_officer(officer.post)
        linked = service.link_officer_telegram(invite.code, OFFICER_CHATS + officer.id)
        chats[linked.id] = OFFICER_CHATS + officer.id
    return chats


def _outbox_rows() -> list[dict]:
    with db.engine().connect() as conn:
        rows = conn.execute(text(
            "SELECT o.id, o.dedupe_key, o.recipient_kind, o.address, o.kind, o.status, o.attempts, "
            "o.provider_message_id, o.payload, t.number FROM notification_outbox o "
            "LEFT JOIN ticket t ON t.id = o.ticket_id ORDER BY o.id"))
        return [dict(r._mapping) for r in rows]


def _wait_outbox_sent(timeout: float = 120.0) -> list[dict]:
    """The outbox once no row waits any more (the workers keep sending meanwhile)."""
    deadline = time.monotonic() + timeout
    while True:
        rows = _outbox_rows()
        if all(r["status"] != "pending" for r in rows) or time.monotonic() > deadline:
            return rows
        time.sleep(1)


def _describe(outcome: Outcome) -> str:
    lines = [f"chat {outcome.chat} ({outcome.department}, {outcome.block}): {outcome.error}"]
    lines += [f"   citizen: {said!r}\n       bot: {heard}" for said, heard in outcome.transcript]
    return "\n".join(lines)


def test_citizens_file_through_two_copies_of_everything(cluster: Cluster, capsys: pytest.CaptureFixture) -> None:
    officer_chats = _link_officers(cluster)
    chats = [CITIZEN_CHATS + i for i in range(CITIZENS)]
    outcomes, wall = asyncio.run(run_citizens(cluster.tg, cluster.rasa_url, cluster.token, chats,
                                              at_once=AT_ONCE, redeliver_every=10))

    # Every conversation completed: a ticket number, then the status of that ticket.
    failed = [o for o in outcomes if o.error or not o.number]
    assert not failed, (f"{len(failed)} of {CITIZENS} conversations did not complete; first ones:\n"
                        + "\n".join(_describe(o) for o in failed[:3])
                        + f"\nwebhook attempts without a 2xx: {cluster.tg.webhook_failures()[:20]}\n"
                        + cluster.logs(1500))
    assert all(o.status_answered for o in outcomes), [_describe(o) for o in outcomes if not o.status_answered][:3]
    # Each update reached Rasa exactly once, redelivered ones included.
    assert [o.chat for o in outcomes if o.user_events != o.sent] == []

    # Exactly one ticket per citizen, the one they were told; nothing else was filed.
    numbers = [o.number for o in outcomes]
    assert len(set(numbers)) == CITIZENS
    with db.engine().connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM ticket")).scalar() == CITIZENS
    for outcome in outcomes:
        theirs = service.citizen_tickets(channel="telegram", channel_user_id=str(outcome.chat), open_only=False)
        assert [t.number for t in theirs] == [outcome.number], f"chat {outcome.chat}: {theirs}"

    # Every notification reached Telegram exactly once per (event, recipient), as the fake Bot API saw it.
    rows = _wait_outbox_sent()
    officer_rows = [r for r in rows if r["recipient_kind"] == "officer"]
    assert {r["number"] for r in officer_rows if r["kind"] == "assigned"} == set(numbers), \
        "every new ticket notifies its officer"
    assert [r["dedupe_key"] for r in rows if r["status"] != "sent"] == []
    for row in rows:
        chat = int(row["address"])
        copies = [m for m in cluster.tg.messages(chat) if m.get("text") == row["payload"]["text"]]
        assert len(copies) == 1, f"{row['dedupe_key']} ({row['kind']}, {row['number']}) sent {len(copies)} times"
        assert str(copies[0]["message_id"]) == row["provider_message_id"]
    to_officers = sum(len(cluster.tg.messages(chat)) for chat in officer_chats.values())
    assert to_officers == len(officer_rows), "officers got only their notifications, each once"

    # The balancers spread the work: every copy took a fair share; conversations crossed copies.
    stats = cluster.balancer_stats()
    for name, stat in stats.items():
        counts = list(stat["requests"].values())
        assert len(counts) == cluster.copies and min(counts) >= 0.3 * sum(counts) / cluster.copies, (name, stat)
        assert stat["conversations_on_several_copies"] >= 0.8 * stat["conversations"], (name, stat)
    assert cluster.exited() == {}, cluster.logs(2000)

    turns = sorted(t for o in outcomes for t in o.turns)
    with capsys.disabled():
        print(f"\n[scale-out] {cluster.copies} copies of each process; started in {cluster.started_in:.0f} s; "
              f"{CITIZENS} citizens ({AT_ONCE} at a time) filed and asked status in {wall:.0f} s: "
              f"{len(turns)} turns, {len(turns) / wall:.1f} turns/s, turn median {statistics.median(turns):.2f} s, "
              f"p95 {p95(turns):.2f} s, max {turns[-1]:.2f} s; "
              f"{sum(o.resent for o in outcomes)} messages sent again after a busy answer; "
              f"{len(cluster.tg.webhook_failures())} webhook attempts repeated; "
              f"{len(rows)} notifications sent once each; "
              "requests per copy " + "; ".join(f"{k} {sorted(v['requests'].values())}" for k, v in stats.items()) + "; "
              "RSS MiB " + ", ".join(f"{k} {v:.0f}" for k, v in cluster.memory().items() if v)
              + "; CPU s " + ", ".join(f"{k} {v:.0f}" for k, v in cluster.cpu().items() if v))
