"""The rule book and the service agree: an officer may do exactly the actions their view offers."""
from __future__ import annotations

import itertools

import pytest

from helpline import rules, service
from helpline.errors import HelplineError
from tests.core.core_helpers import ENERGY_L2, ENERGY_L3, JAKHOLI_L1, T0, UKHIMATH_L1, days, file

WORKS_L1 = "public_works.L1.rudraprayag.ukhimath"
POSTS = (UKHIMATH_L1, JAKHOLI_L1, ENERGY_L2, ENERGY_L3, WORKS_L1, "dm.rudraprayag")
_citizens = itertools.count(5000)


def _ticket(setup: str) -> str:
    """A fresh energy ticket in Ukhimath, brought to the state the setup names."""
    n = next(_citizens)
    number = file(f"Transformer number {n} burnt, village dark since Monday", channel_user_id=str(n)).number
    later = T0 + days(1)
    if setup == "in_progress":
        service.officer_action(number, "start", officer=UKHIMATH_L1, now=later)
    elif setup in ("resolved", "closed"):
        service.officer_action(number, "resolve", officer=UKHIMATH_L1, note="new transformer fitted", now=later)
        if setup == "closed":
            service.give_feedback(number, satisfied=True, now=later + days(1))
    elif setup == "pending":
        service.officer_action(number, "reject", officer=UKHIMATH_L1, reason="duplicate", now=later)
    elif setup == "transferred":
        service.officer_action(number, "transfer", officer=ENERGY_L2, to_department="public_works", now=later)
    return number


def _offered(number: str, post: str) -> tuple[str, ...]:
    try:
        return service.get_ticket(number, officer=post).next_actions
    except HelplineError:     # may not even read it
        return ()


@pytest.mark.parametrize("setup", ["assigned", "in_progress", "resolved", "pending", "transferred", "closed"])
def test_every_action_is_accepted_exactly_when_it_is_offered(sqlite_database, setup):
    for post in POSTS:
        offered = _offered(_ticket(setup), post)
        assert set(offered) <= set(rules.ACTIONS) and list(offered) == [a for a in rules.ACTIONS if a in offered]
        for action in rules.ACTIONS:
            number = _ticket(setup)
            try:
                service.officer_action(number, action, officer=post, note="done as the citizen asked",
                                       reason="duplicate", to_department="forest", now=T0 + days(2))
                accepted = True
            except HelplineError:
                accepted = False
            assert accepted == (action in offered), (setup, post, action, offered)


def test_the_rule_book_groups_every_state_once():
    assert rules.OPEN | rules.FINAL == set(rules.STATES) and not rules.OPEN & rules.FINAL
    assert rules.PENDING < rules.OPEN and rules.DISPOSED == rules.FINAL | {rules.RESOLVED}
    assert rules.TRANSFERRED in rules.PENDING     # the group the old cards forgot
    assert rules.allowed_actions(rules.TRANSFERRED, 1) == ("start", "resolve", "reject", "transfer")
    assert rules.allowed_actions(rules.RESOLVED, rules.MAX_LEVEL) == ("special_close",)
    assert rules.needs_approval("reject", 1) and not rules.needs_approval("reject", rules.APPROVER_LEVEL)
    assert not rules.needs_approval("transfer", 1, rules.ROUTING_DESK)
