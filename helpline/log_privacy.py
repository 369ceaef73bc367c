"""Logs never carry a citizen's phone number in full, nor an Open311 api_key.

`install()` wraps the logging record factory of the process, so every record (ours, uvicorn's
access log, any library's) has its message and text arguments scrubbed before any handler sees it:
every phone-like run of digits (10 or more, with an optional + and spaces or hyphens: a typed
number, a WhatsApp id) keeps only its last 4 digits ("whatsapp:919876543210" becomes
"whatsapp:********3210"; ticket numbers such as CMH-2026-000123 stay readable), and `api_key=...`
in a logged URL or form becomes `api_key=***`. Every entry point (web app, bot, worker, sender,
action server, CLI) calls it once at start-up. Message text is logged only at DEBUG.
"""
from __future__ import annotations

import logging
import re

# Not inside a word or a hyphenated code: ticket numbers (CMH-2026-000123) stay readable.
PHONE_LIKE = re.compile(r"(?<![\w-])\+?\d(?:[ \-]?\d){9,}(?!\w)")
_API_KEY = re.compile(r"(?i)(api_key=)[^&\s\"']*")
_installed = False


def _hide(match: re.Match) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return "*" * (len(digits) - 4) + digits[-4:]


def mask(value: object) -> str:
    """`value` as text with every phone-like number reduced to its last 4 digits."""
    return PHONE_LIKE.sub(_hide, str(value))



def scrub(text: str) -> str:
    """`text` fit for a log: phones masked, api_key values hidden."""
    return _API_KEY.sub(r"\1***", mask(text))


def _scrub_arg(value: object) -> object:
    if isinstance(value, str):
        return scrub(value)
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10 ** 9:
        return int(mask(value).replace("*", "0"))   # a number logged with %d keeps its type, not its digits
    return value


def install() -> None:
    """Scrub every log record of this process from now on (idempotent)."""
    global _installed
    if _installed:
        return
    make_record = logging.getLogRecordFactory()

    def scrubbed_record(*args: object, **kwargs: object) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        if isinstance(record.msg, str):
            record.msg = scrub(record.msg)
        if isinstance(record.args, tuple):
            # Element by element: formatters (uvicorn's access log) unpack the arguments themselves.
            record.args = tuple(_scrub_arg(a) for a in record.args)
        elif isinstance(record.args, dict):
            record.args = {k: _scrub_arg(v) for k, v in record.args.items()}
        try:   # anything else (an exception, an object) that still shows a number: the whole line
            text = record.getMessage()
        except Exception:   # noqa: BLE001 - a bad format string is logging's to report, not ours
            return record
        if (clean := scrub(text)) != text:
            record.msg, record.args = clean, None
        return record

    logging.setLogRecordFactory(scrubbed_record)
    _installed = True
