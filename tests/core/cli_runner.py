"""The `helpline` command run as outside checks run it, on an SQLite file of its own (shared by the CLI tests)."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HELPLINE = ROOT / ".venv" / "bin" / "helpline"


def cli_runner(path: Path):
    """run(*args, ok=True): the parsed JSON of a success, or the one error line of a refusal
    (non-zero exit, nothing on stdout, no traceback); run.counts() counts tickets, events, outbox rows."""
    if not HELPLINE.exists():
        pytest.skip(f"{HELPLINE} is not installed (make venvs)")
    env = {**os.environ, "HELPLINE_DATABASE_URL": f"sqlite:///{path}"}

    def run(*args: str, ok: bool = True):
        done = subprocess.run([str(HELPLINE), *args], env=env, capture_output=True, text=True, timeout=120)
        if ok:
            assert done.returncode == 0, done.stderr
            return json.loads(done.stdout)
        assert done.returncode != 0 and done.stdout == ""
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in done.stderr, done.stderr
        return lines[0]

    def counts():
        with sqlite3.connect(path) as conn:
            return tuple(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                         for t in ("ticket", "ticket_event", "notification_outbox"))

    run.counts, run.path = counts, path
    return run
