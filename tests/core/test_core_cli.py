"""The `helpline` command as outside scripts use it: JSON out, one clear line and non-zero on bad input."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from cli_runner import cli_runner



@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    run = cli_runner(tmp_path_factory.mktemp("cli") / "var" / "helpline.db")
    run("init")
    run("init")   # safe to re-run
    return run


def test_file_show_act_feedback_and_sweep(cli):
    t = cli("file", "--text", "Transformer burnt, no power", "--department", "energy",
            "--district", "रुद्रप्रयाग", "--block", "Ukhimath", "--phone", "9876543210", "--key", "call-1")
    assert {"number", "state", "level", "department", "district", "block", "assigned_post", "due_at"} <= set(t)
    assert (t["state"], t["level"], t["district"], t["block"]) == ("assigned", "L1", "rudraprayag", "ukhimath")
    assert t["assigned_post"] == "energy.L1.rudraprayag.ukhimath"
    assert cli("file", "--text", "Transformer burnt, no power", "--department", "energy",
               "--district", "Rudraprayag", "--key", "call-1")["number"] == t["number"]
    shown = cli("show", t["number"])
    assert [e["kind"] for e in shown["events"]] == ["filed", "assigned"]
    assert cli("act", t["number"], "start", "--as", "energy.L1.rudraprayag.ukhimath")["state"] == "in_progress"
    cli("act", t["number"], "resolve", "--as", "energy.L1.rudraprayag.ukhimath", "--note", "replaced")
    reopened = cli("feedback", t["number"], "unsatisfied", "--rating", "2")
    assert (reopened["state"], reopened["level"]) == ("reopened", "L2")
    due = datetime.fromisoformat(reopened["due_at"])
    summary = cli("sweep", "--at", (due + timedelta(minutes=1)).isoformat())
    assert summary == {"escalated": 1, "reminded": 0, "closed": 0}
    assert cli("show", t["number"])["level"] == "L3"


def test_bad_input_exits_non_zero_with_one_line_and_writes_nothing(cli):
    t = cli("file", "--text", "Road washed away near the bridge", "--department", "public_works",
            "--district", "rudraprayag", "--block", "jakholi")
    before = cli.counts()
    bad = [
        ("file", "--text", "x", "--department", "electricity", "--district", "rudraprayag"),
        ("file", "--text", "x", "--department", "energy", "--district", "gotham"),
        ("file", "--text", "x", "--department", "energy", "--district", "rudraprayag", "--phone", "12345"),
        ("show", "CMH-2026-999999"),
        ("act", t["number"], "special-close", "--as", "public_works.L1.rudraprayag.jakholi", "--note", "no"),
        ("act", t["number"], "start", "--as", "energy.L1.rudraprayag.jakholi"),
        ("act", t["number"], "resolve", "--as", "dm.rudraprayag", "--note", "x"),
        ("feedback", t["number"], "satisfied"),
        ("act", t["number"], "approve", "--as", "public_works.L2.rudraprayag"),
        ("sweep", "--at", "yesterday"),
    ]
    messages = [cli(*args, ok=False) for args in bad]
    assert "electricity" in messages[0] and "gotham" in messages[1] and "12345" in messages[2]
    assert "L3 or L4" in messages[4]
    assert cli.counts() == before


def test_officer_invite_and_list(cli):
    invite = cli("officer", "invite", "energy.L2.rudraprayag")
    assert len(invite["code"]) >= 8 and invite["post"] == "energy.L2.rudraprayag"
    listed = cli("officer", "list", "--district", "Rudraprayag")
    posts = {o["post"] for o in listed}
    assert {"dm.rudraprayag", "energy.L1.rudraprayag.ukhimath", "energy.L4.state"} <= posts
    assert "energy.L9.nowhere" in cli("officer", "invite", "energy.L9.nowhere", ok=False)
