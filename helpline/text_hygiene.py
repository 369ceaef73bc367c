"""The one rule for text accepted from outside: no control characters, no Unicode non-characters.

C0 controls other than tab, newline and carriage return, DEL and C1 controls, lone surrogates and the
non-characters (U+FDD0..U+FDEF and U+xFFFE/U+xFFFF of every plane) never mean anything in a
complaint, and XML 1.0 cannot carry most of them: one such character in a ticket made the whole
Open311 XML feed unreadable. Every entry (Open311, dashboard forms, CLI, the Rasa form, filing
itself) and every XML writer uses the functions here.
"""
from __future__ import annotations

import re

_UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]")


def first_unsafe(text: str) -> str | None:
    """The first character of `text` that is refused, or None when it has none."""
    match = _UNSAFE.search(text)
    return match.group(0) if match else None


def strip_unsafe(text: str) -> str:
    """`text` without control characters (tab, newline, CR kept) and non-characters."""
    return _UNSAFE.sub("", text)


def describe(char: str) -> str:
    """A short name of a refused character for an error message: "NUL" or "U+000B"."""
    return "NUL" if char == "\x00" else f"U+{ord(char):04X}"
