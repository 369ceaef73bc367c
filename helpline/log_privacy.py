"""Phone numbers never reach a log in full: only their last 4 digits.

`mask(value)` hides every phone-like run of digits (10 or more, with an optional + and spaces or
hyphens, as a WhatsApp id or a typed number) but its last 4: "whatsapp:919876543210" becomes
"whatsapp:********3210". `install()` makes every log record of the process pass through `mask`
(the entry points of the bot, worker, web app and action server call it), so a number that slips
into an error message or a library's log line is masked too. Message text is logged only at DEBUG.
"""
from __future__ import annotations

import logging
import re

# Not inside a word or a hyphenated code: ticket numbers (CMH-2026-000123) stay readable.
PHONE_LIKE = re.compile(r"(?<![\w-])\+?\d(?:[ \-]?\d){9,}(?!\w)")


def _hide(match: re.Match) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return "*" * (len(digits) - 4) + digits[-4:]


def mask(value: object) -> str:
    """`value` as text with every phone-like number reduced to its last 4 digits."""
    return PHONE_LIKE.sub(_hide, str(value))


_installed = False


def install() -> None:
    """Mask phone numbers in every log record made from now on in this process (idempotent)."""
    global _installed
    if _installed:
        return
    make = logging.getLogRecordFactory()

    def masked_record(*args, **kwargs) -> logging.LogRecord:
        record = make(*args, **kwargs)
        try:
            text = record.getMessage()
        except Exception:   # a bad format string is logging's problem to report, not ours
            return record
        masked = mask(text)
        if masked != text:
            record.msg, record.args = masked, None
        return record

    logging.setLogRecordFactory(masked_record)
    _installed = True
