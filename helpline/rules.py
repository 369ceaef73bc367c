"""The rule book of the ticket life cycle: states and their groups, levels, channels, the action table.

Pure (no I/O, no database): the service enforces these rules, views expose `next_actions`, and
channels render that list. Every other module imports a group or a level from here.
"""
from __future__ import annotations

from dataclasses import dataclass

# ---------------------------------------------------------------- states and groups

STATES = ("registered", "assigned", "in_progress", "resolved", "closed", "closed_no_feedback",
          "reopened", "rejected", "special_closed", "transferred")
REGISTERED = "registered"      # filed, and (when no post was found) waiting at the routing desk
ASSIGNED = "assigned"
IN_PROGRESS = "in_progress"
RESOLVED = "resolved"          # the officer's answer, waiting for the citizen's feedback
CLOSED = "closed"
CLOSED_NO_FEEDBACK = "closed_no_feedback"
REOPENED = "reopened"
REJECTED = "rejected"
SPECIAL_CLOSED = "special_closed"
TRANSFERRED = "transferred"

# An officer still owes the citizen a disposal by a due date (these escalate on time).
PENDING = frozenset({REGISTERED, ASSIGNED, IN_PROGRESS, REOPENED, TRANSFERRED})
# Nothing more happens to the ticket.
FINAL = frozenset({CLOSED, CLOSED_NO_FEEDBACK, REJECTED, SPECIAL_CLOSED})
# Not final yet: pending, or resolved and waiting for feedback.
OPEN = PENDING | {RESOLVED}
# Disposed of by an officer (or closed after it): everything that left the officers' queues.
DISPOSED = FINAL | {RESOLVED}
# A known problem a new complaint may join ("me too"): still being worked on.
JOINABLE = PENDING

assert set(STATES) == OPEN | FINAL and not OPEN & FINAL


def is_open(state: str) -> bool:
    return state in OPEN


def is_pending(state: str) -> bool:
    return state in PENDING


# ---------------------------------------------------------------- levels

MIN_LEVEL = 1                  # the block (or district) officer a ticket is filed with
APPROVER_LEVEL = 2             # the district officer, who approves an L1's rejection or transfer
MAX_LEVEL = 4                  # the secretary: nothing escalates above it
LEVELS = tuple(range(MIN_LEVEL, MAX_LEVEL + 1))


def level_label(level: int | None) -> str | None:
    """1 -> "L1" (None for no level)."""
    return f"L{level}" if level else None


def level_number(level: str | int | None) -> int | None:
    """"L3", "3" or 3 -> 3; None when it is not a level."""
    text = str(level if level is not None else "").strip().upper().removeprefix("L")
    return int(text) if text.isdigit() and MIN_LEVEL <= int(text) <= MAX_LEVEL else None


def next_level(level: int) -> int:
    """One level up, never above the top."""
    return min(level + 1, MAX_LEVEL)


def is_top(level: int) -> bool:
    return level >= MAX_LEVEL


# ---------------------------------------------------------------- channels and reasons

CHANNELS = ("telegram", "whatsapp", "web", "phone", "api")
REJECTION_REASONS = ("duplicate", "not_actionable", "sub_judice", "personal_dispute", "incomplete")
ROUTING_DESK = "other"         # the department code of the desk that routes unplaced tickets


# ---------------------------------------------------------------- the action table

@dataclass(frozen=True)
class ActionRule:
    """One officer action: where it starts, who may take it, what it needs."""

    name: str
    from_states: frozenset[str]
    min_post_level: int = MIN_LEVEL
    approval_below: int | None = None   # a post below this level only requests it; L2 approves
    needs_pending_request: bool = False
    needs_note: bool = False
    needs_reason: bool = False          # one of REJECTION_REASONS
    needs_target: bool = False          # another department
    needs_note_or_reason: bool = False
    takes_photo: bool = False           # optional proof of the work done
    needs_photo: bool = False
    needs_parent: bool = False          # the number of the known problem (another open ticket)
    on_linked: bool | None = None       # True: only a ticket linked to a parent; False: only one that is not
    on_card: bool = True                # offered in next_actions (False: typed with a ticket number, CLI)


# In the order a card shows them.
# A ticket linked to a parent follows the parent: the officer acts on the parent, and may unlink it.
ACTION_TABLE: tuple[ActionRule, ...] = (
    ActionRule("approve", PENDING, min_post_level=APPROVER_LEVEL, needs_pending_request=True, on_linked=False),
    ActionRule("start", PENDING - {IN_PROGRESS}, on_linked=False),
    ActionRule("resolve", PENDING, needs_note=True, takes_photo=True, on_linked=False),
    ActionRule("reject", PENDING, approval_below=APPROVER_LEVEL, needs_reason=True, on_linked=False),
    ActionRule("transfer", PENDING, approval_below=APPROVER_LEVEL, needs_target=True, on_linked=False),
    ActionRule("special_close", OPEN, min_post_level=3, needs_note_or_reason=True),
    # Instead of rejecting a ticket as a duplicate: link it to the known problem (and undo that).
    ActionRule("link", PENDING, needs_parent=True, on_linked=False, on_card=False),
    ActionRule("unlink", PENDING, on_linked=True, on_card=False),
)
RULES = {rule.name: rule for rule in ACTION_TABLE}
ACTIONS = tuple(RULES)
SPECIAL_CLOSE_LEVEL = RULES["special_close"].min_post_level
# What the routing desk may do with a ticket no post took: send it to a department.
ROUTING_DESK_ACTIONS = ("transfer",)


def rule(action: str) -> ActionRule:
    return RULES[action]


def level_allows(action: str, post_level: int | None) -> bool:
    """Whether a post of `post_level` may take `action` at all."""
    return (post_level or 0) >= RULES[action].min_post_level


def state_allows(action: str, state: str, *, pending_request: bool = False, linked: bool = False) -> bool:
    """Whether `action` may start from `state` (approve also needs a request waiting) on a ticket
    that is (`linked`) or is not linked to a parent."""
    r = RULES[action]
    return (state in r.from_states and (pending_request or not r.needs_pending_request)
            and r.on_linked in (None, linked))


def needs_approval(action: str, post_level: int | None, department: str | None = None) -> bool:
    """Whether an officer of `post_level` only requests `action` (an L2 officer decides).

    Tickets at the routing desk move without approval: the desk exists to send them on.
    """
    below = RULES[action].approval_below
    return below is not None and (post_level or 0) < below and department != ROUTING_DESK


def allowed_actions(state: str, post_level: int | None, *, pending_request: bool = False,
                    linked: bool = False) -> tuple[str, ...]:
    """The actions an officer who may act on the ticket can take now, in card order (card actions only)."""
    return tuple(r.name for r in ACTION_TABLE
                 if r.on_card and level_allows(r.name, post_level)
                 and state_allows(r.name, state, pending_request=pending_request, linked=linked))
