"""Property test: any sequence of officer actions, feedback and sweeps keeps the audit trail whole."""
from __future__ import annotations

import itertools

from core_helpers import ENERGY_L2, ENERGY_L3, T0, UKHIMATH_L1, days, file
from hypothesis import HealthCheck, given, settings, strategies as st

from helpline import service
from helpline.errors import HelplineError

OFFICERS = [UKHIMATH_L1, ENERGY_L2, ENERGY_L3, "dm.rudraprayag", "energy.L1.rudraprayag.jakholi"]
STEP = st.one_of(
    st.tuples(st.just("act"), st.sampled_from(["start", "resolve", "reject", "transfer", "approve",
                                               "special_close"]), st.sampled_from(OFFICERS)),
    st.tuples(st.just("feedback"), st.booleans(), st.none()),
    st.tuples(st.just("sweep"), st.integers(1, 9), st.none()),
)
_citizens = itertools.count()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(STEP, min_size=1, max_size=8))
def test_every_change_is_audited_and_refusals_change_nothing(sqlite_database, steps):
    ticket = file(f"complaint {next(_citizens)}: wires hanging low over the path",
                  channel_user_id=f"prop-{next(_citizens)}")
    moment = T0
    for step in steps:
        moment += days(1)
        before = service.get_ticket(ticket.number)
        try:
            if step[0] == "act":
                service.officer_action(ticket.number, step[1], officer=step[2], note="action taken",
                                       reason="duplicate", to_department="public_works", now=moment)
            elif step[0] == "feedback":
                service.give_feedback(ticket.number, satisfied=step[1], rating=3, now=moment)
            else:
                moment += days(step[1])
                service.sweep(now=moment)
        except HelplineError:
            after = service.get_ticket(ticket.number)
            assert (after.state, after.level, after.events) == (before.state, before.level, before.events)
            continue
        after = service.get_ticket(ticket.number)
        assert after.events[: len(before.events)] == before.events           # history only grows
        if (after.state, after.level, after.department) != (before.state, before.level, before.department):
            last = after.events[-1]
            assert (last.to_state, last.to_level) == (after.state, after.level)
        assert 1 <= int(after.level[1]) <= 4
        if before.state in ("closed", "closed_no_feedback", "rejected", "special_closed"):
            assert after.state == before.state                               # final states stay final
