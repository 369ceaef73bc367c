"""Time `helpline report` on PostgreSQL with 100k and 1M tickets (prints figures, never asserts).

Run: .venv/bin/python bench/report_scale.py [--admin-url postgresql+psycopg://postgres@127.0.0.1:5432/test]
       [--sizes 100000,1000000]
Creates its own database (helpline_bench_<random>), bulk-loads tickets, audit events and feedback with
INSERT ... SELECT generate_series (March 2026, all 13 districts, 17 departments), and drops it at the end.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# One ticket in ten of each state mix: mostly disposed, some pending, some reopened and special closed.
LOAD_TICKETS = """
INSERT INTO ticket (number, text, normalised_text, department_code, district_code, block_code, state, level,
    assigned_post_id, due_at, next_sweep_at, reminded_level, overdue_notified, resolved_at, closed_at,
    channel, citizen_id, language, is_practice, created_at, updated_at)
SELECT 'BEN-2026-' || lpad(g::text, 7, '0'), 'bench complaint ' || g, '', d.codes[1 + g % 17],
       s.codes[1 + (g / 17) % 13], NULL,
       (ARRAY['closed','closed','closed_no_feedback','resolved','assigned','in_progress','reopened',
              'rejected','special_closed','closed'])[1 + g % 10],
       1 + g % 3, p.ids[1 + g % cardinality(p.ids)],
       c.at + interval '7 days', NULL, 0, false,
       CASE WHEN g % 10 IN (0, 1, 2, 3, 9) THEN c.at + (g % 11) * interval '1 day' END,
       CASE WHEN g % 10 IN (0, 1, 2, 7, 8, 9) THEN c.at + (g % 11) * interval '1 day' END,
       'web', CAST(:citizen AS integer), 'hi', g % 97 = 0, c.at, c.at + (g % 11) * interval '1 day'
FROM generate_series(CAST(:first AS bigint), CAST(:last AS bigint)) AS g
CROSS JOIN (SELECT array_agg(code ORDER BY code) AS codes FROM department WHERE code <> 'other') d
CROSS JOIN (SELECT array_agg(code ORDER BY code) AS codes FROM district) s
CROSS JOIN (SELECT array_agg(id ORDER BY id) AS ids FROM officer_post WHERE role = 'officer') p
CROSS JOIN LATERAL (SELECT timestamptz '2026-02-28 18:30:00+00' + (g % 2678400) * interval '1 second' AS at) c
"""
LOAD_EVENTS = """
INSERT INTO ticket_event (ticket_id, at, actor, kind, from_state, to_state, from_level, to_level, note, from_post_id)
SELECT t.id, t.created_at + k.after, k.actor, k.kind, NULL, t.state, 1, t.level, k.note,
       CASE WHEN k.kind = 'escalated' THEN t.assigned_post_id END
FROM ticket t
CROSS JOIN (VALUES ('filed', interval '0', 'citizen', 'channel web'), ('assigned', interval '1 second', 'system', NULL),
                   ('escalated', interval '8 days', 'system', 'not disposed of at L1 in time'),
                   ('resolved', interval '2 days', 'officer:1', 'action taken'),
                   ('reopened', interval '3 days', 'citizen', 'not satisfied')) AS k(kind, after, actor, note)
WHERE t.id BETWEEN :first_id AND :last_id
  AND (k.kind IN ('filed', 'assigned') OR (k.kind = 'resolved' AND t.resolved_at IS NOT NULL)
       OR (k.kind = 'reopened' AND t.state = 'reopened') OR (k.kind = 'escalated' AND t.level > 1))
"""
LOAD_FEEDBACK = """
INSERT INTO feedback (ticket_id, satisfied, rating, level, post_id, created_at)
SELECT t.id, t.state = 'closed', CASE WHEN t.state = 'closed' THEN 4 ELSE 2 END, t.level, t.assigned_post_id,
       t.created_at + interval '3 days'
FROM ticket t WHERE t.id BETWEEN :first_id AND :last_id AND t.state IN ('closed', 'reopened')
"""


def _load(conn, first: int, last: int, citizen: int) -> None:  # noqa: ANN001
    before = conn.execute(text("SELECT coalesce(max(id), 0) FROM ticket")).scalar()
    conn.execute(text(LOAD_TICKETS), {"first": first, "last": last, "citizen": citizen})
    after = conn.execute(text("SELECT max(id) FROM ticket")).scalar()
    bounds = {"first_id": before + 1, "last_id": after}
    conn.execute(text(LOAD_EVENTS), bounds)
    conn.execute(text(LOAD_FEEDBACK), bounds)


def _time_report(url: str, *extra: str) -> tuple[float, dict]:
    env = {**os.environ, "HELPLINE_DATABASE_URL": url}
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        done = subprocess.run([str(ROOT / ".venv" / "bin" / "helpline"), "report", "--month", "2026-03",
                               *extra, "--out", out], env=env, capture_output=True, text=True, check=False)
        took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"helpline report failed: {done.stderr.strip()}")
    return took, json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--admin-url", default=os.environ.get(
        "HELPLINE_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"))
    parser.add_argument("--sizes", default="100000,1000000")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    name = f"helpline_bench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(args.admin_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(args.admin_url).set(database=name).render_as_string(hide_password=False)
    try:
        from helpline import setup
        from helpline.store import db

        db.configure(url)
        setup.init_database()
        db.engine().dispose()
        engine = create_engine(url)
        with engine.begin() as conn:
            citizen = conn.execute(text("INSERT INTO citizen (name, language, created_at) "
                                        "VALUES ('bench', 'hi', now()) RETURNING id")).scalar()
        loaded = 0
        for size in sizes:
            started = time.perf_counter()
            with engine.begin() as conn:
                _load(conn, loaded + 1, size, citizen)
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("ANALYZE"))
                events = conn.execute(text("SELECT count(*) FROM ticket_event")).scalar()
            load_s = time.perf_counter() - started
            loaded = size
            state_s, summary = _time_report(url, "--state")
            district_s, _ = _time_report(url, "--district", "rudraprayag")
            print(f"{size:>9,} tickets ({events:,} events): load {load_s:6.1f} s | helpline report --state "
                  f"{state_s:6.2f} s | --district rudraprayag {district_s:6.2f} s | "
                  f"received {summary['received']:,}, grade {summary['grade']}", flush=True)
        engine.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
