"""Inbound de-duplication (Telegram update_id, WhatsApp message id), shared by every bot replica.

The first claim of (channel, key) wins through a unique insert in the database, so an update
delivered twice, to one replica or two, is handled once.
"""
from __future__ import annotations

import hashlib
import logging
from datetime import datetime

from sqlalchemy.exc import IntegrityError

from helpline import clock
from helpline.store import db

log = logging.getLogger(__name__)


def claim(channel: str, key: str | int) -> bool:
    """True the first time (channel, key) is seen, False for every later delivery."""
    try:
        from helpline import service   # the core's own table, once it offers one
        if hasattr(service, "claim_inbound"):
            return bool(service.claim_inbound(channel, str(key)))
    except ImportError:
        pass
    return _claim_in_app_setting(channel, str(key))


def _claim_in_app_setting(channel: str, key: str) -> bool:
    # Until the core has an inbound-message table, the app_setting primary key is the
    # unique constraint that makes the claim atomic across replicas.
    from helpline.store.models import AppSetting

    row_key = f"seen.{channel}.{key}"
    if len(row_key) > 60:
        # WhatsApp message ids (~60 characters) of one sender differ near the end: hash, never cut.
        row_key = f"seen.{channel}.#{hashlib.sha256(key.encode()).hexdigest()[:40]}"
    stamp: datetime = clock.now()
    try:
        with db.unit_of_work() as session:
            session.add(AppSetting(key=row_key, value=stamp.isoformat()))
    except IntegrityError:
        log.info("duplicate %s update %s ignored", channel, key)
        return False
    return True
