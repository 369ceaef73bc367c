"""Logs never carry a citizen's phone number or an Open311 api_key.

`install()` wraps the logging record factory of the process, so every record (ours, uvicorn's
access log, any library's) has its message and text arguments scrubbed before any handler sees it:
Indian mobile numbers (a WhatsApp id is one) keep only their last 4 digits, and `api_key=...` in a
logged URL or form becomes `api_key=***`. Call it once at start-up (the portal does, as does the CLI).
"""
from __future__ import annotations

import logging
import re

_PHONE = re.compile(r"(?<![\d])(?:\+?91[\s-]?|0)?([6-9]\d{5})(\d{4})(?![\d])")
_API_KEY = re.compile(r"(?i)(api_key=)[^&\s\"']*")
_installed = False


def mask_phone(text: str) -> str:
    """`text` with every Indian mobile number shown as its last 4 digits: "******3210"."""
    return _PHONE.sub(lambda m: "******" + m.group(2), text)


def scrub(text: str) -> str:
    """`text` fit for a log: phones masked, api_key values hidden."""
    return _API_KEY.sub(r"\1***", mask_phone(text))


def _scrub_arg(value: object) -> object:
    return scrub(value) if isinstance(value, str) else value


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
        return record

    logging.setLogRecordFactory(scrubbed_record)
    _installed = True
