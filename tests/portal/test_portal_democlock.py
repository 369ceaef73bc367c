"""The demo clock: `helpline clock advance` then `helpline sweep` escalates a ticket a newcomer can watch."""
from __future__ import annotations

import json

from helpline import cli, service


def _cli(capsys, *argv) -> dict:
    assert cli.main(list(argv)) == 0, capsys.readouterr().err
    return json.loads(capsys.readouterr().out)


def test_advancing_the_clock_and_sweeping_escalates_the_ticket(client, capsys):
    ticket = service.file_ticket(text="transformer kharab hai", department="energy", district="rudraprayag",
                                 block="ukhimath", channel="web", channel_user_id="c1")
    assert ticket.level == "L1"
    shown = _cli(capsys, "clock", "advance", "--days", "8")
    assert shown["offset_days"] == 8
    assert _cli(capsys, "sweep")["escalated"] == 1
    assert service.get_ticket(ticket.number).level == "L2"
    from tests.portal.conftest import login

    login(client, "dm.rudraprayag")
    page = client.get("/dashboard", headers={"accept-language": "en"}).text
    assert 'id="demo-clock"' in page and "8.0 days ahead" in page
    assert _cli(capsys, "clock", "reset")["offset_days"] == 0
    assert 'id="demo-clock"' not in client.get("/dashboard").text


def test_the_clock_never_moves_backwards(core, capsys):
    assert cli.main(["clock", "advance", "--days", "-2"]) == 1
    assert "--days" in capsys.readouterr().err
