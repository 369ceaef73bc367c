"""`helpline similar`, `file --join`, `show` and `act` for "me too" (issue 17), as outside checks use them."""
from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
HELPLINE = ROOT / ".venv" / "bin" / "helpline"
HINDI = "उखीमठ में ट्रांसफार्मर जल गया, बिजली नही है"
HINGLISH = "ukhimath mein transformer jal gaya light nahi"
PLACE = ("--department", "energy", "--district", "rudraprayag", "--block", "ukhimath")


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    if not HELPLINE.exists():
        pytest.skip(f"{HELPLINE} is not installed (make venvs)")
    path = tmp_path_factory.mktemp("metoo_cli") / "helpline.db"
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

    run("init")
    run.counts, run.path = counts, path
    return run


def test_similar_join_show_and_resolve_through_the_cli(cli):
    parent = cli("file", "--text", HINDI, *PLACE, "--channel", "telegram", "--user-id", "7001")
    cli("file", "--text", "बिजली का बिल बहुत ज्यादा आया है", *PLACE, "--channel", "telegram", "--user-id", "7009")
    found = cli("similar", "--text", HINGLISH, *PLACE)
    assert [f["number"] for f in found] == [parent["number"]]
    assert set(found[0]) == {"number", "score", "affected", "state", "level"} and found[0]["affected"] == 1
    child = cli("file", "--text", HINGLISH, *PLACE, "--channel", "telegram", "--user-id", "7002",
                "--join", parent["number"])
    assert child["parent"] == parent["number"] and child["number"] != parent["number"]
    shown = cli("show", parent["number"])
    assert shown["affected"] == 2 and shown["linked"] == [child["number"]]
    assert cli("similar", "--text", HINGLISH, *PLACE)[0]["affected"] == 2
    cli("act", parent["number"], "resolve", "--as", "energy.L1.rudraprayag.ukhimath", "--note", "Transformer replaced")
    assert cli("show", child["number"])["state"] == "resolved"
    assert cli("similar", "--text", HINGLISH, *PLACE) == []          # only open tickets
    with sqlite3.connect(cli.path) as conn:
        rows = conn.execute("SELECT t.number, o.address FROM notification_outbox o JOIN ticket t ON t.id = o.ticket_id "
                            "WHERE o.kind = 'resolved_feedback_request' ORDER BY t.number").fetchall()
    assert rows == sorted([(parent["number"], "7001"), (child["number"], "7002")])


@pytest.mark.parametrize("args", [
    ("similar", "--text", "  ", *PLACE),
    ("similar", "--text", HINGLISH, "--department", "nope", "--district", "rudraprayag"),
    ("similar", "--text", HINGLISH, "--department", "energy", "--district", "atlantis"),
    ("similar", "--text", HINGLISH, *PLACE, "--lat", "30.5"),
    ("similar", "--text", HINGLISH, *PLACE, "--lat", "300", "--lon", "79"),
    ("similar", "--text", HINGLISH, "--department", "energy"),
    ("file", "--text", HINGLISH, *PLACE, "--join", "CMH-2026-999999"),
    ("file", "--text", HINGLISH, *PLACE, "--join", " "),
    ("file", "--text", HINGLISH, *PLACE, "--lon", "79.1"),
    ("act", "CMH-2026-999999", "link", "--as", "energy.L1.rudraprayag.ukhimath", "--parent", "CMH-2026-000001"),
])
def test_bad_arguments_give_one_line_and_write_nothing(cli, args):
    before = cli.counts()
    line = cli(*args, ok=False)
    assert line.startswith("helpline: ")
    assert cli.counts() == before
