"""Benchmark of the ticket core on PostgreSQL: sweep time and filing time at 10k and 1M stored tickets.

Run: .venv/bin/python bench/core_scale.py   (HELPLINE_BENCH_POSTGRES_URL or HELPLINE_TEST_POSTGRES_URL is
the admin connection; a database of its own is created and dropped). Prints figures; never asserts on time.
The sweep reads only tickets whose indexed next_sweep_at has come, so its time should follow the
few hundred tickets due, not the number stored: the 1M/10k ratio should be near 1.
"""
from __future__ import annotations

import os
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from bench.scratch import scratch_database  # noqa: E402
from helpline import service  # noqa: E402
from helpline.store import db  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "10000,1000000").split(",")]
DUE = int(os.environ.get("BENCH_DUE", "300"))
FILINGS = int(os.environ.get("BENCH_FILINGS", "1000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))   # sweeps per size (fresh due tickets each); median shown
MOMENT = datetime(2026, 6, 1, 6, 0, tzinfo=timezone.utc)

# Tickets of earlier years, so their numbers never meet this year's counter. Most are closed
# (next_sweep_at NULL); the open ones are due long after MOMENT.
BULK = """
INSERT INTO ticket (number, text, normalised_text, department_code, district_code, block_code, state, level,
    assigned_post_id, due_at, next_sweep_at, reminded_level, overdue_notified, channel, citizen_id, language,
    is_practice, created_at, updated_at, closed_at)
SELECT 'CMH-2020-' || lpad(g::text, 7, '0'), 'bulk complaint ' || g, 'bulk complaint ' || g,
    'energy', 'rudraprayag', 'ukhimath',
    CASE WHEN g % 10 < 7 THEN 'closed' ELSE 'assigned' END, 1, :post,
    :moment + interval '30 days', CASE WHEN g % 10 < 7 THEN NULL ELSE :moment + interval '29 days' END,
    0, false, 'telegram', :citizen, 'hi', false,
    :moment - interval '200 days', :moment - interval '200 days',
    CASE WHEN g % 10 < 7 THEN :moment - interval '190 days' END
FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) AS g
"""
DUE_ROWS = """
INSERT INTO ticket (number, text, normalised_text, department_code, district_code, block_code, state, level,
    assigned_post_id, due_at, next_sweep_at, reminded_level, overdue_notified, channel, citizen_id, language,
    is_practice, created_at, updated_at)
SELECT 'CMH-2021-' || lpad((CAST(:base AS integer) + g)::text, 7, '0'), 'due complaint ' || g, 'due complaint ' || g,
    'energy', 'rudraprayag', 'ukhimath', 'assigned', 1, :post,
    :moment - interval '1 hour', :moment - interval '1 hour', 1, false, 'telegram', :citizen, 'hi', false,
    :moment - interval '7 days', :moment - interval '7 days'
FROM generate_series(1, CAST(:due AS integer)) AS g
"""


def main() -> None:
    with scratch_database():
        run()


def _add_due(post: int, citizen: int, base: int) -> None:
    with db.engine().begin() as conn:
        conn.execute(text(DUE_ROWS), {"post": post, "citizen": citizen, "moment": MOMENT, "base": base, "due": DUE})


def _settle() -> None:
    """Vacuum, analyse and checkpoint, so a sweep is not timed against the bulk load's background I/O."""
    with db.engine().connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("VACUUM ANALYZE ticket"))
        conn.execute(text("CHECKPOINT"))


def run() -> None:
    with db.engine().begin() as conn:
        post = conn.execute(text("SELECT id FROM officer_post WHERE code = 'energy.L1.rudraprayag.ukhimath'")).scalar()
        citizen = conn.execute(text("INSERT INTO citizen (name, language, created_at) VALUES "
                                    "('bulk', 'hi', now()) RETURNING id")).scalar()
    stored, sweep_times, batch_no = 0, {}, 0
    for round_no, size in enumerate(SIZES):
        started = time.perf_counter()
        with db.engine().begin() as conn:
            conn.execute(text(BULK), {"post": post, "citizen": citizen, "moment": MOMENT,
                                      "first": stored + 1, "last": size})
        _settle()
        with db.engine().connect() as conn:
            total = conn.execute(text("SELECT count(*) FROM ticket")).scalar()
            plan = conn.execute(text("EXPLAIN SELECT id FROM ticket WHERE next_sweep_at <= :m "
                                     "ORDER BY next_sweep_at, id LIMIT 500"), {"m": MOMENT}).scalars().all()
        print(f"-- {total:,} tickets stored, loaded in {time.perf_counter() - started:.1f} s; "
              f"due-ticket query plan: {plan[-1].strip() if len(plan) > 1 else plan[0].strip()}", flush=True)
        stored = size

        times = []
        for _ in range(ROUNDS):
            _add_due(post, citizen, batch_no * DUE)
            batch_no += 1
            _settle()
            started = time.perf_counter()
            summary = service.sweep(now=MOMENT)
            times.append(time.perf_counter() - started)
        sweep_s = sorted(times)[len(times) // 2]
        sweep_times[size] = sweep_s
        print(f"   sweep of {DUE} due tickets: median {sweep_s:.2f} s of {ROUNDS} "
              f"({', '.join(f'{t:.2f}' for t in times)}), {sweep_s / max(1, DUE) * 1000:.1f} ms per due ticket; "
              f"last {summary}", flush=True)
        started = time.perf_counter()
        quiet = service.sweep(now=MOMENT)
        print(f"   sweep with nothing due: {(time.perf_counter() - started) * 1000:.1f} ms  {quiet}", flush=True)

        started = time.perf_counter()
        for i in range(FILINGS):
            service.file_ticket(text=f"bench complaint {round_no}-{i}: streetlight {i * 7919 % 1000} is dark",
                                department="energy", district="rudraprayag", block="ukhimath",
                                channel="api", channel_user_id=f"bench-{round_no}-{i}",
                                now=MOMENT + timedelta(seconds=i))
        file_s = time.perf_counter() - started
        print(f"   filing {FILINGS} tickets through the service: {file_s:.2f} s "
              f"({file_s / FILINGS * 1000:.1f} ms each)", flush=True)
    if len(SIZES) >= 2:
        small, large = sweep_times[SIZES[0]], sweep_times[SIZES[-1]]
        print(f"sweep time ratio {SIZES[-1]:,}/{SIZES[0]:,} stored: {large / small:.2f} "
              f"(near 1: the sweep's cost follows the tickets due, not the tickets stored)")


if __name__ == "__main__":
    main()
