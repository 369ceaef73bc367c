"""Who may read or act on which ticket: department, jurisdiction and level of the officer's post."""
from __future__ import annotations

from helpline import rules
from helpline.store.models import OfficerPost, Ticket


def in_jurisdiction(post: OfficerPost, ticket: Ticket) -> bool:
    """Whether the ticket's place lies in the post's block, district or (state post) anywhere."""
    if post.district_code is None:
        return True
    if post.district_code != ticket.district_code:
        return False
    return post.block_code is None or post.block_code == ticket.block_code


def can_read(post: OfficerPost, ticket: Ticket) -> bool:
    """Officers read what they may act on; the District Administrator reads the whole district."""
    if post.role == "district_admin":
        return post.district_code == ticket.district_code
    return can_act(post, ticket) or can_route(post, ticket)


def can_route(post: OfficerPost, ticket: Ticket) -> bool:
    """The routing desk (`other`) may transfer a ticket that found no post in its jurisdiction."""
    return (post.role == "officer" and post.active and post.department_code == rules.ROUTING_DESK
            and ticket.assigned_post_id is None and ticket.state == rules.REGISTERED
            and in_jurisdiction(post, ticket))


def can_act(post: OfficerPost, ticket: Ticket) -> bool:
    """Same department, place within jurisdiction, ticket level not above the post's level."""
    if post.role != "officer" or not post.active or post.level is None:
        return False
    return (post.department_code == ticket.department_code and in_jurisdiction(post, ticket)
            and ticket.level <= post.level)


def next_actions(post: OfficerPost, ticket: Ticket) -> tuple[str, ...]:
    """The officer actions the post's holder may take on the ticket now (what the service accepts)."""
    if can_route(post, ticket) and not can_act(post, ticket):
        return rules.ROUTING_DESK_ACTIONS
    if not can_act(post, ticket):
        return ()
    return rules.allowed_actions(ticket.state, post.level, pending_request=ticket.pending_action is not None,
                                 linked=ticket.parent_id is not None)
