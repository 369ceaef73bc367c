"""Indian mobile numbers: validation and the one stored form, +91XXXXXXXXXX."""
from __future__ import annotations

import re

from helpline.errors import InvalidInput

_MOBILE = re.compile(r"^(?:\+91|91|0)?([6-9]\d{9})$")


def normalise_phone(raw: str) -> str:
    """`raw` as +91XXXXXXXXXX; InvalidInput("error.invalid_phone") when it is no Indian mobile."""
    compact = re.sub(r"[\s\-().]", "", str(raw or ""))
    if compact.startswith("0091"):
        compact = "+91" + compact[4:]
    match = _MOBILE.match(compact)
    if not match:
        raise InvalidInput("error.invalid_phone", value=str(raw)[:40])
    return "+91" + match.group(1)
