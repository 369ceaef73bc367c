"""Benchmark of "me too" (issue 17) on PostgreSQL: the similar-ticket lookup at 10k and 1M stored tickets,
and the matcher's precision/recall on the labelled pairs of tests/data.

Run: .venv/bin/python bench/metoo_scale.py   (HELPLINE_BENCH_POSTGRES_URL or HELPLINE_TEST_POSTGRES_URL is
the admin connection; a database of its own is created and dropped). Prints figures; never asserts on time.
Tickets are bulk-inserted with SQL across every department and block of the state, filed over a year
(30 % still open, half with a location), each with a stored signature from the labelled texts. A lookup
is `service.similar` (its own read-only unit of work), for a random department, block and text; half
of them also give a location (block or 500 m radius). Median and p95 over LOOKUPS lookups per size.
"""
from __future__ import annotations

import json
import os
import random
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from bench.scratch import scratch_database  # noqa: E402
from helpline import reference, service  # noqa: E402
from helpline.store import db  # noqa: E402
from helpline.tickets import matcher  # noqa: E402

SIZES = [int(n) for n in os.environ.get("BENCH_SIZES", "10000,1000000").split(",")]
LOOKUPS = int(os.environ.get("BENCH_LOOKUPS", "300"))
MOMENT = datetime(2026, 6, 1, 6, 0, tzinfo=timezone.utc)
DATA = Path(__file__).resolve().parent.parent / "tests" / "data"

BULK = """
INSERT INTO ticket (number, text, normalised_text, match_key, department_code, district_code, block_code,
    lat, lon, state, level, due_at, next_sweep_at, reminded_level, overdue_notified, channel, citizen_id,
    language, is_practice, affected, created_at, updated_at, closed_at)
SELECT 'CMH-2020-' || lpad(g::text, 7, '0'), 'bulk complaint ' || g, 'bulk complaint ' || g,
    (CAST(:keys AS text[]))[1 + (g::bigint * 31) % CAST(:nkeys AS integer)],
    (CAST(:deps AS text[]))[1 + g % CAST(:ndeps AS integer)],
    (CAST(:districts AS text[]))[1 + (g::bigint * 7919) % CAST(:nblocks AS integer)],
    (CAST(:blocks AS text[]))[1 + (g::bigint * 7919) % CAST(:nblocks AS integer)],
    CASE WHEN g % 2 = 0 THEN 29.0 + ((g::bigint * 7) % 24000) / 10000.0 END,
    CASE WHEN g % 2 = 0 THEN 77.5 + ((g::bigint * 13) % 35000) / 10000.0 END,
    CASE WHEN g % 10 < 7 THEN 'closed' ELSE 'assigned' END, 1,
    :moment + interval '300 days', NULL, 0, false, 'telegram', :citizen, 'hi', false, 1,
    :moment - ((g::bigint * 37) % 525600) * interval '1 minute', :moment,
    CASE WHEN g % 10 < 7 THEN :moment END
FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) AS g
"""


def _pairs(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines() if line.strip()]


def precision_recall(name: str) -> str:
    rows = _pairs(name)
    got = [(matcher.similarity(r["a"], r["b"]) >= matcher.THRESHOLD, r["same"]) for r in rows]
    tp = sum(p and y for p, y in got)
    fp = sum(p and not y for p, y in got)
    fn = sum(y and not p for p, y in got)
    return (f"{name}: {len(rows)} pairs, threshold {matcher.THRESHOLD}: precision {tp / max(1, tp + fp):.3f}, "
            f"recall {tp / max(1, tp + fn):.3f} (tp {tp}, fp {fp}, fn {fn})")


def main() -> None:
    print(precision_recall("metoo_pairs.jsonl"))
    print(precision_recall("metoo_pairs_holdout.jsonl"), flush=True)
    with scratch_database():
        run()


def run() -> None:
    texts = sorted({t for r in _pairs("metoo_pairs.jsonl") for t in (r["a"], r["b"])})
    keys = [matcher.signature(t) for t in texts]
    deps = [d.code for d in reference.departments()]
    places = [(b.district, b.code) for d in reference.districts() for b in reference.blocks_of(d.code)]
    with db.engine().begin() as conn:
        citizen = conn.execute(text("INSERT INTO citizen (name, language, created_at) VALUES "
                                    "('bulk', 'hi', now()) RETURNING id")).scalar()
    params = {"keys": keys, "nkeys": len(keys), "deps": deps, "ndeps": len(deps),
              "districts": [p[0] for p in places], "blocks": [p[1] for p in places], "nblocks": len(places),
              "citizen": citizen, "moment": MOMENT}
    rnd = random.Random(17)
    stored = 0
    for size in SIZES:
        started = time.perf_counter()
        step = 100_000
        for first in range(stored + 1, size + 1, step):
            with db.engine().begin() as conn:
                conn.execute(text(BULK), {**params, "first": first, "last": min(size, first + step - 1)})
        with db.engine().connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE ticket"))
            total = conn.execute(text("SELECT count(*) FROM ticket")).scalar()
            geo = conn.execute(text(
                "EXPLAIN SELECT id, match_key FROM ticket WHERE department_code = 'energy' AND lat BETWEEN 30.5 AND "
                "30.509 AND lon BETWEEN 79.0 AND 79.01 AND state IN ('assigned', 'in_progress') AND created_at >= "
                ":since AND parent_id IS NULL ORDER BY created_at DESC LIMIT 500"),
                {"since": MOMENT - timedelta(days=14)}).scalars().all()
            plan = conn.execute(text(
                "EXPLAIN SELECT id, match_key FROM ticket WHERE department_code = 'energy' AND district_code = "
                "'rudraprayag' AND block_code = 'ukhimath' AND state IN ('assigned', 'in_progress') AND "
                "created_at >= :since AND parent_id IS NULL ORDER BY created_at DESC LIMIT 500"),
                {"since": MOMENT - timedelta(days=14)}).scalars().all()
        stored = size
        print(f"-- {total:,} tickets stored, loaded in {time.perf_counter() - started:.1f} s; block query plan: "
              + " / ".join(line.strip() for line in plan if "Scan" in line or "Index Cond" in line)
              + "; radius query plan: " + " / ".join(line.strip() for line in geo if "Scan" in line), flush=True)
        for with_location in (False, True):
            times, found = [], 0
            for _ in range(LOOKUPS):
                dep = rnd.choice(deps)
                district, block = rnd.choice(places)
                where = (29.0 + rnd.random() * 2.4, 77.5 + rnd.random() * 3.5) if with_location else None
                started = time.perf_counter()
                hits = service.similar(text=rnd.choice(texts), department=dep, district=district, block=block,
                                       location=where, now=MOMENT)
                times.append((time.perf_counter() - started) * 1000)
                found += bool(hits)
            times.sort()
            print(f"   similar lookup{' with a location' if with_location else ''}: median "
                  f"{statistics.median(times):.2f} ms, p95 {times[int(len(times) * 0.95) - 1]:.2f} ms, "
                  f"max {times[-1]:.2f} ms over {LOOKUPS} lookups ({found} found a known problem)", flush=True)


if __name__ == "__main__":
    main()
