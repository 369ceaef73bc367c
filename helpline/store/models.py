"""SQLAlchemy 2 models of the helpline: reference data, officer posts, citizens, tickets, audit, outbox.

Nothing here is ever deleted; every foreign key is RESTRICT by default.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (JSON, BigInteger, Boolean, CheckConstraint, DateTime, Float, ForeignKey,
                        Index, Integer, String, Text, UniqueConstraint)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy.types import TypeDecorator

from helpline.rules import MAX_LEVEL, MIN_LEVEL, STATES


class UTCDateTime(TypeDecorator):
    """Aware UTC datetimes on every database (SQLite stores them naive, in UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        value = value.astimezone(timezone.utc)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc) if value.tzinfo is None else value.astimezone(timezone.utc)


class Base(DeclarativeBase):
    pass


def _in(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class Department(Base):
    __tablename__ = "department"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(200))
    name_hi: Mapped[str] = mapped_column(String(200))
    level_days: Mapped[list[int] | None] = mapped_column(JSON)


class District(Base):
    __tablename__ = "district"
    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(200))
    name_hi: Mapped[str] = mapped_column(String(200))


class Block(Base):
    __tablename__ = "block"
    code: Mapped[str] = mapped_column(String(60), primary_key=True)
    district_code: Mapped[str] = mapped_column(ForeignKey("district.code"), index=True)
    name_en: Mapped[str] = mapped_column(String(200))
    name_hi: Mapped[str] = mapped_column(String(200))


class OfficerPost(Base):
    """A post (department, level, jurisdiction); district_admin posts watch a whole district."""

    __tablename__ = "officer_post"
    __table_args__ = (
        CheckConstraint(f"level IS NULL OR level BETWEEN {MIN_LEVEL} AND {MAX_LEVEL}", name="ck_post_level"),
        CheckConstraint("role IN ('officer', 'district_admin')", name="ck_post_role"),
        Index("ix_post_route", "department_code", "level", "district_code", "block_code"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(120), unique=True)
    department_code: Mapped[str | None] = mapped_column(ForeignKey("department.code"))
    level: Mapped[int | None] = mapped_column(Integer)
    district_code: Mapped[str | None] = mapped_column(ForeignKey("district.code"))
    block_code: Mapped[str | None] = mapped_column(ForeignKey("block.code"))
    role: Mapped[str] = mapped_column(String(20), default="officer")
    title_en: Mapped[str] = mapped_column(String(200))
    title_hi: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class Officer(Base):
    """A person holding a post; `active` is False once they leave it (the row stays)."""

    __tablename__ = "officer"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("officer_post.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(20))
    telegram_chat_id: Mapped[str | None] = mapped_column(String(40), index=True)
    whatsapp_id: Mapped[str | None] = mapped_column(String(40))
    language: Mapped[str] = mapped_column(String(2), default="hi")
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    password_hash: Mapped[str | None] = mapped_column(String(200))   # dashboard login (p1_dashboard_login)
    post: Mapped[OfficerPost] = relationship(lazy="joined")


class OfficerInvite(Base):
    """A one-time code (stored hashed) that links an officer's Telegram chat."""

    __tablename__ = "officer_invite"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id"), index=True)
    code_hash: Mapped[str] = mapped_column(String(64), unique=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Citizen(Base):
    __tablename__ = "citizen"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(20), index=True)
    language: Mapped[str] = mapped_column(String(2), default="hi")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class CitizenIdentity(Base):
    """How a citizen reaches us: (channel, external id), e.g. ("telegram", chat id)."""

    __tablename__ = "citizen_identity"
    __table_args__ = (UniqueConstraint("channel", "external_id", name="uq_identity"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"), index=True)
    channel: Mapped[str] = mapped_column(String(20))
    external_id: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Ticket(Base):
    """A complaint; `next_sweep_at` is the next moment the sweep must look at it (NULL: never)."""

    __tablename__ = "ticket"
    __table_args__ = (
        CheckConstraint(f"level BETWEEN {MIN_LEVEL} AND {MAX_LEVEL}", name="ck_ticket_level"),
        CheckConstraint(_in("state", STATES), name="ck_ticket_state"),
        Index("ix_ticket_next_sweep", "next_sweep_at"),
        Index("ix_ticket_post_state", "assigned_post_id", "state"),
        Index("ix_ticket_place", "district_code", "department_code", "state"),
        Index("ix_ticket_citizen", "citizen_id", "created_at"),
        Index("ix_ticket_created", "created_at"),
        # "Me too" (helpline/tickets/metoo.py): known problems of a department in a block, or near a point.
        Index("ix_ticket_metoo", "department_code", "district_code", "block_code", "state", "created_at"),
        Index("ix_ticket_metoo_geo", "department_code", "lat", "lon"),
        Index("ix_ticket_parent", "parent_id"),
    )
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    text: Mapped[str] = mapped_column(Text)
    normalised_text: Mapped[str] = mapped_column(Text, default="")
    # The matcher's signature of the text (helpline/tickets/matcher.py), stored so a lookup never refolds it.
    match_key: Mapped[str] = mapped_column(Text, default="", server_default="")
    # The known problem this citizen's ticket joined; a parent counts its citizens in `affected`.
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"))
    affected: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    department_code: Mapped[str] = mapped_column(ForeignKey("department.code"))
    district_code: Mapped[str] = mapped_column(ForeignKey("district.code"))
    block_code: Mapped[str | None] = mapped_column(ForeignKey("block.code"))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    state: Mapped[str] = mapped_column(String(20))
    level: Mapped[int] = mapped_column(Integer, default=MIN_LEVEL)
    assigned_post_id: Mapped[int | None] = mapped_column(ForeignKey("officer_post.id"))
    due_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    next_sweep_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reminded_level: Mapped[int] = mapped_column(Integer, default=0)
    overdue_notified: Mapped[bool] = mapped_column(Boolean, default=False)
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # A request waiting for L2 approval: "reject" or "transfer", with its details.
    pending_action: Mapped[str | None] = mapped_column(String(20))
    pending_reason: Mapped[str | None] = mapped_column(String(40))
    pending_note: Mapped[str | None] = mapped_column(Text)
    pending_to_department: Mapped[str | None] = mapped_column(ForeignKey("department.code"))
    pending_by_officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    channel: Mapped[str] = mapped_column(String(20))
    citizen_id: Mapped[int] = mapped_column(ForeignKey("citizen.id"))
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    language: Mapped[str] = mapped_column(String(2), default="hi")
    is_practice: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    assigned_post: Mapped[OfficerPost | None] = relationship(lazy="joined")
    citizen: Mapped[Citizen] = relationship(lazy="joined")


class TicketPhoto(Base):
    __tablename__ = "ticket_photo"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    ref: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(20), default="citizen")
    added_at: Mapped[datetime] = mapped_column(UTCDateTime)


class TicketEvent(Base):
    """The audit trail: who did what to a ticket, when, from which state and level to which."""

    __tablename__ = "ticket_event"
    __table_args__ = (Index("ix_event_ticket", "ticket_id", "id"), Index("ix_event_at", "at", "kind"))
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"))
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(60))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("officer_post.id"))
    # The post that held the ticket before this event moved it (escalation, transfer, reopening):
    # the monthly review counts complaints a post let run out of time.
    from_post_id: Mapped[int | None] = mapped_column(ForeignKey("officer_post.id"))
    kind: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[str | None] = mapped_column(String(20))
    to_state: Mapped[str | None] = mapped_column(String(20))
    from_level: Mapped[int | None] = mapped_column(Integer)
    to_level: Mapped[int | None] = mapped_column(Integer)
    note: Mapped[str | None] = mapped_column(Text)


class LinkedFiling(Base):
    """A near-identical complaint that was linked to an open ticket instead of filed again."""

    __tablename__ = "linked_filing"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    idempotency_key: Mapped[str | None] = mapped_column(String(200), unique=True)
    text: Mapped[str] = mapped_column(Text)
    channel: Mapped[str] = mapped_column(String(20))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Feedback(Base):
    __tablename__ = "feedback"
    __table_args__ = (CheckConstraint("rating IS NULL OR rating BETWEEN 1 AND 5", name="ck_rating"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    satisfied: Mapped[bool] = mapped_column(Boolean)
    rating: Mapped[int | None] = mapped_column(Integer)
    level: Mapped[int] = mapped_column(Integer)
    post_id: Mapped[int | None] = mapped_column(ForeignKey("officer_post.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class NotificationOutbox(Base):
    """A message to deliver, written with the change that causes it; dedupe_key is unique."""

    __tablename__ = "notification_outbox"
    __table_args__ = (
        CheckConstraint("recipient_kind IN ('officer', 'citizen')", name="ck_outbox_recipient"),
        CheckConstraint("status IN ('pending', 'sent', 'failed')", name="ck_outbox_status"),
        Index("ix_outbox_due", "status", "next_attempt_at"),
    )
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    # NULL for messages tied to no ticket (dashboard login codes, migration p1_dashboard_login).
    event_id: Mapped[int | None] = mapped_column(ForeignKey("ticket_event.id"), index=True)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"), index=True)
    recipient_kind: Mapped[str] = mapped_column(String(10))
    recipient_id: Mapped[str] = mapped_column(String(40))
    channel: Mapped[str] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(40))
    payload: Mapped[dict] = mapped_column(JSON)
    dedupe_key: Mapped[str] = mapped_column(String(80), unique=True)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    provider_message_id: Mapped[str | None] = mapped_column(String(120), index=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    # What the provider reported later (WhatsApp: sent, delivered, read, failed).
    delivery_status: Mapped[str | None] = mapped_column(String(20))
    delivery_status_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class InboundMessage(Base):
    """An inbound update already handled (Telegram update_id, WhatsApp message id): the unique
    (channel, key) makes every bot replica handle it once."""

    __tablename__ = "inbound_message"
    __table_args__ = (UniqueConstraint("channel", "key", name="uq_inbound"),)
    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(200))
    seen_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class TicketCounter(Base):
    """The last ticket number given in a year; incremented under a row lock."""

    __tablename__ = "ticket_counter"
    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class AppSetting(Base):
    """Settings that every process must share at run time (e.g. the demo clock offset)."""

    __tablename__ = "app_setting"
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class PracticeTicket(Base):
    """A practice ticket (ticket.is_practice) made for one officer; cleared ones are archived, never deleted."""

    __tablename__ = "practice_ticket"
    __table_args__ = (Index("ix_practice_officer", "officer_id", "cleared_at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), unique=True)
    officer_id: Mapped[int] = mapped_column(ForeignKey("officer.id"))
    round_no: Mapped[int] = mapped_column(Integer, default=1)
    scenario: Mapped[str] = mapped_column(String(20))            # resolve | reject | transfer
    expected: Mapped[str | None] = mapped_column(String(40))     # the fitting reason or department
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    cleared_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class RosterEvent(Base):
    """The audit of roster changes: who was put on or taken off which post, when, by whom."""

    __tablename__ = "roster_event"
    __table_args__ = (Index("ix_roster_event_post", "post_id", "at"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    kind: Mapped[str] = mapped_column(String(20))                # assigned | vacated
    post_id: Mapped[int] = mapped_column(ForeignKey("officer_post.id"))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))           # the new holder
    previous_officer_id: Mapped[int | None] = mapped_column(ForeignKey("officer.id"))  # the one who left
    actor: Mapped[str] = mapped_column(String(60), default="cli")
    open_tickets: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str | None] = mapped_column(Text)
