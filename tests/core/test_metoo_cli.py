"""`helpline similar`, `file --join`, `show` and `act` for "me too" (issue 17), as outside checks use them."""
from __future__ import annotations

import sqlite3

import pytest

from cli_runner import cli_runner

HINDI = "उखीमठ में ट्रांसफार्मर जल गया, बिजली नही है"
HINGLISH = "ukhimath mein transformer jal gaya light nahi"
PLACE = ("--department", "energy", "--district", "rudraprayag", "--block", "ukhimath")


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    run = cli_runner(tmp_path_factory.mktemp("metoo_cli") / "helpline.db")
    run("init")
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
