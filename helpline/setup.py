"""Setting up a helpline database: schema (Alembic), reference data and the demo roster, all idempotent.

`helpline init` runs `init_database`; the tests' templates do too.
"""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from helpline import clock, reference
from helpline.phone import normalise_phone
from helpline.store import db, models


def init_database(load_demo_roster: bool = True) -> None:
    """Alembic upgrade head, then reference data (and the demo roster); safe to re-run."""
    with db.init_lock():
        db.upgrade_schema()
        with db.unit_of_work() as session:
            load_reference(session)
            if load_demo_roster:
                seed_demo_roster(session)


def load_reference(session: Session) -> None:
    """Upsert departments, districts and blocks from the reference YAML."""
    reference.reload()
    for dep in reference.departments():
        row = session.get(models.Department, dep.code) or models.Department(code=dep.code)
        row.name_en, row.name_hi = dep.name_en, dep.name_hi
        row.level_days = list(dep.level_days) if dep.level_days else None
        session.add(row)
    for dist in reference.districts():
        row = session.get(models.District, dist.code) or models.District(code=dist.code)
        row.name_en, row.name_hi = dist.name_en, dist.name_hi
        session.add(row)
    session.flush()
    for dist in reference.districts():
        for blk in reference.blocks_of(dist.code):
            row = session.get(models.Block, blk.code) or models.Block(code=blk.code)
            row.district_code, row.name_en, row.name_hi = dist.code, blk.name_en, blk.name_hi
            session.add(row)
    session.flush()


def seed_demo_roster(session: Session) -> None:
    """Upsert every post of roster_demo.yaml and place its officer when the post has none."""
    now = clock.now()
    for spec in reference.roster():
        post = session.scalar(select(models.OfficerPost).where(models.OfficerPost.code == spec.code))
        if post is None:
            post = models.OfficerPost(code=spec.code)
            session.add(post)
        post.department_code, post.level = spec.department, spec.level
        post.district_code, post.block_code, post.role = spec.district, spec.block, spec.role
        post.title_en, post.title_hi, post.active = spec.title_en, spec.title_hi, True
        session.flush()
        if not spec.officer or session.scalar(
                select(models.RosterEvent.id).where(models.RosterEvent.post_id == post.id).limit(1)):
            continue   # a post changed with `helpline officer assign/vacate` keeps that change
        holder = session.scalar(select(models.Officer).where(models.Officer.post_id == post.id,
                                                             models.Officer.active.is_(True)))
        phone = spec.officer.get("phone")
        phone = normalise_phone(str(phone)) if phone else None
        if holder is None:
            holder = models.Officer(post_id=post.id, created_at=now, active=True)
            session.add(holder)
        holder.name = str(spec.officer.get("name") or spec.title_en)
        holder.phone = phone
        holder.language = str(spec.officer.get("language") or "hi")
        if spec.officer.get("telegram_chat_id"):
            holder.telegram_chat_id = str(spec.officer["telegram_chat_id"])
    session.flush()
