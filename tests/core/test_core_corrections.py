"""`helpline nlu corrections`: officers' approved transfers as masked training candidates."""
from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from core_helpers import ENERGY_L2, T0, UKHIMATH_L1, days, file

from helpline import service
from helpline.reports.corrections import corrections, mask, parse_since

ROOT = Path(__file__).resolve().parents[2]
HELPLINE = ROOT / ".venv" / "bin" / "helpline"
TEXT = ("Ram Prasad here, mob 98765 43210, aadhaar 1234 5678 9012, ram.prasad@example.com: "
        "the road near the school is broken since March, ram prasad cannot take his cycle")


def _transfer(number: str, to: str, when) -> None:
    service.officer_action(number, "transfer", officer=UKHIMATH_L1, to_department=to, note="not power",
                           now=when)
    service.officer_action(number, "approve", officer=ENERGY_L2, now=when + days(0.1))


def test_an_approved_transfer_gives_a_masked_example_with_both_departments(database):
    moved = file(TEXT, name="Ram Prasad", phone="9876543210")
    kept = file("Transformer burnt, no electricity for three days", channel_user_id="1002")
    pending = file("No water in the tap since Monday", channel_user_id="1003")
    _transfer(moved.number, "public_works", T0 + days(1))
    service.officer_action(pending.number, "transfer", officer=UKHIMATH_L1, to_department="drinking_water",
                           note="water", now=T0 + days(1))     # asked, never approved: no correction

    [row] = list(corrections())
    assert row["number"] == moved.number and kept.number != row["number"]
    assert (row["department"], row["intent"], row["from_department"]) == (
        "public_works", "complaint_public_works", "energy")
    text = row["text"]
    for private in ("98765", "43210", "1234", "9012", "example.com", "Ram", "Prasad", "ram prasad"):
        assert private not in text, (private, text)
    assert "[phone]" in text and "[number]" in text and "[email]" in text and text.count("[name]") == 2
    assert "the road near the school is broken since March" in text


def test_since_keeps_only_later_transfers(database):
    early, late = file(channel_user_id="2001"), file("Pothole on the main road", channel_user_id="2002")
    _transfer(early.number, "public_works", T0 + days(1))        # 3 March 2026
    _transfer(late.number, "public_works", T0 + days(10))        # 12 March 2026
    assert [r["number"] for r in corrections(parse_since("2026-03-10"))] == [late.number]
    assert len(list(corrections(parse_since("2026-03-01")))) == 2


def test_mask_keeps_short_numbers_and_ordinary_words():
    assert mask("3 din se bijli nahi, ward 12 me", "Li") == "3 din se bijli nahi, ward 12 me"
    assert mask("call +91-9876543210 or 09876543210") == "call [phone] or [phone]"


@pytest.mark.parametrize("bad", ["2026-13-01", "01-03-2026", "yesterday", "2026-3-1"])
def test_a_bad_since_date_exits_2_with_one_clear_line(bad, tmp_path):
    if not HELPLINE.exists():
        pytest.skip(f"{HELPLINE} is not installed (make venvs)")
    env = {**os.environ, "HELPLINE_DATABASE_URL": f"sqlite:///{tmp_path / 'h.db'}"}
    done = subprocess.run([str(HELPLINE), "nlu", "corrections", "--since", bad], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    [line] = done.stderr.strip().splitlines()
    assert "YYYY-MM-DD" in line and bad in line


def test_the_command_prints_json_lines(database, capsys, monkeypatch):
    from helpline import cli

    moved = file(channel_user_id="3001")
    _transfer(moved.number, "public_works", T0 + days(1))
    assert cli.main(["nlu", "corrections", "--since", "2026-03-01"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert [json.loads(line)["number"] for line in lines] == [moved.number]
