"""Hostile inputs shared by the security tests, and checks that an answer leaks nothing."""
from __future__ import annotations

import re

SQL_INJECTIONS = ("' OR '1'='1", "rudraprayag'; DROP TABLE ticket;--", "1; DELETE FROM ticket_event",
                  "\" OR \"\"=\"", "CMH-2026-000001' UNION SELECT phone FROM citizen--")
SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'
ONE_MB = b"x" * (1024 * 1024 + 1)
INVALID_UTF8 = b'{"update_id": 1, "message": {"text": "\xff\xfe\xc3\x28"}}'
DEEP_JSON = ("[" * 10_000 + "]" * 10_000).encode()
DEEP_OBJECT = ('{"a":' * 10_000 + "1" + "}" * 10_000).encode()
PHONE = re.compile(r"(?:\+91|\b91)?[6-9]\d{9}\b")


def assert_no_leak(text: str, *secrets: str) -> None:
    """No stack trace, no phone number, none of the given strings (another citizen's data)."""
    assert "Traceback" not in text and 'File "' not in text, f"a stack trace leaked: {text[:500]}"
    assert not PHONE.search(text), f"a phone number leaked: {PHONE.search(text).group(0)}"
    for secret in secrets:
        assert secret not in text, f"{secret!r} leaked"
