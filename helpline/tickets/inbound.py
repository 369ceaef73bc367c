"""Inbound updates seen once: the (channel, key) row the bot replicas share to drop repeat deliveries."""
from __future__ import annotations

from sqlalchemy.orm import Session

from helpline import clock
from helpline.store.models import InboundMessage


def record(session: Session, channel: str, key: str | int) -> None:
    """Write the update's row; the commit fails (IntegrityError) when it was seen before."""
    session.add(InboundMessage(channel=str(channel)[:20], key=str(key)[:200], seen_at=clock.now()))
    session.flush()
