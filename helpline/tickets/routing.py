"""Which officer post a ticket goes to: L1 of the block, else of the district, else up the levels."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from helpline import rules
from helpline.store.models import Officer, OfficerPost

ROUTING_DESK = rules.ROUTING_DESK


def _post(session: Session, department: str, level: int, district: str | None,
          block: str | None) -> OfficerPost | None:
    query = select(OfficerPost).where(
        OfficerPost.department_code == department, OfficerPost.level == level,
        OfficerPost.role == "officer", OfficerPost.active.is_(True),
        OfficerPost.district_code.is_(None) if district is None else OfficerPost.district_code == district,
        OfficerPost.block_code.is_(None) if block is None else OfficerPost.block_code == block,
    ).order_by(OfficerPost.id).limit(1)
    return session.scalars(query).first()


def route(session: Session, department: str, district: str, block: str | None,
          min_level: int = rules.MIN_LEVEL) -> OfficerPost | None:
    """The post for a ticket at `min_level` or the nearest level above it that has a post.

    At each level: the block's post, then the district's post, then the state's post.
    """
    for level in range(min_level, rules.MAX_LEVEL + 1):
        if block:
            post = _post(session, department, level, district, block)
            if post:
                return post
        post = _post(session, department, level, district, None) or _post(session, department, level, None, None)
        if post:
            return post
    return None


def approver_post(session: Session, department: str, district: str) -> OfficerPost | None:
    """The post that approves an L1's rejection or transfer: L2 of the district, else above."""
    return route(session, department, district, None, min_level=rules.APPROVER_LEVEL)


def routing_desk_posts(session: Session, district: str) -> list[OfficerPost]:
    """The `other` desk of the district (lowest level first), else the state's `other` desk."""
    for where in (OfficerPost.district_code == district, OfficerPost.district_code.is_(None)):
        posts = list(session.scalars(select(OfficerPost).where(
            OfficerPost.department_code == ROUTING_DESK, OfficerPost.active.is_(True), where,
        ).order_by(OfficerPost.level, OfficerPost.id).limit(1)))
        if posts:
            return posts
    return []


def holders(session: Session, post: OfficerPost | None) -> list[Officer]:
    """The active officers holding `post` (normally one)."""
    if post is None:
        return []
    return list(session.scalars(select(Officer).where(Officer.post_id == post.id, Officer.active.is_(True))
                                .order_by(Officer.id)))
