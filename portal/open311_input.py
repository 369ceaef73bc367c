"""Open311 input: the spec's error, field checks, and who is reading (API keys and their scope).

`portal/open311.py` answers the routes; this module decides whether what came in can be used.
Keys come from settings.OPEN311_API_KEYS: `key` (may only file), `key:state` or `key:<district>`
(reads that scope in full); they are accepted in the `X-Api-Key` header or a POST body only.
"""
from __future__ import annotations

import hmac
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from fastapi import Request

from helpline import reference, settings
from helpline.text_hygiene import describe, first_unsafe

log = logging.getLogger(__name__)
STATE_JURISDICTIONS = {"uttarakhand", "uk", "uk.gov.in", "cmhelpline.uk.gov.in"}
KEY_HEADER = "X-Api-Key"
STATE_SCOPE = "state"


class Open311Error(Exception):
    """An error answered in the spec's format with an HTTP status."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description



# ---------------------------------------------------------------- input checks

def clean(value: Any, name: str, limit: int = 4000) -> str | None:
    """A text field: None when absent or blank; refused when it cannot be stored."""
    if value is None:
        return None
    if isinstance(value, (dict, list)):
        raise Open311Error(400, f"{name} must be a single value")
    text = str(value).strip()
    bad = first_unsafe(text)
    if bad is not None:
        raise Open311Error(400, f"{name} contains a control character or non-character ({describe(bad)})"
                           if bad != "\x00" else f"{name} contains a NUL character")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise Open311Error(400, f"{name} is not valid UTF-8 text") from None
    if len(text) > limit:
        raise Open311Error(400, f"{name} is longer than {limit} characters")
    return text or None


def moment(value: str | None, name: str) -> datetime | None:
    text = clean(value, name, 64)
    if text is None:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("z", "Z").replace("Z", "+00:00"))
    except ValueError:
        raise Open311Error(400, f"{name} must be a W3C date-time, e.g. 2026-03-01T00:00:00+05:30") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    try:
        return moment.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        raise Open311Error(400, f"{name} is out of range") from None


def codes(value: str | None, name: str) -> list[str]:
    text = clean(value, name, 20000)
    return [part.strip() for part in text.split(",") if part.strip()] if text else []


def jurisdiction_district(value: str | None) -> str | None:
    """A district code for a district jurisdiction; None for the state; unknown ones are refused."""
    text = clean(value, "jurisdiction_id", 100)
    if text is None or text.lower() in STATE_JURISDICTIONS:
        return None
    dist = reference.resolve_district(text)
    if dist is None:
        raise Open311Error(404, "jurisdiction_id not found: use 'uttarakhand' or a district name")
    return dist.code


# ---------------------------------------------------------------- API keys and their read scope

@dataclass(frozen=True)
class Caller:
    """Who reads: anonymous (district None, full False), a district's key, or a state key."""

    full: bool = False
    district: str | None = None     # the key's district; None with full=True: the whole state


ANONYMOUS = Caller()


def configured_keys() -> dict[str, Caller | None]:
    """OPEN311_API_KEYS entries `key`, `key:state` or `key:<district>` as {key: read scope}.

    A bare key may only file; a key whose scope names no district reads nothing (logged).
    """
    keys: dict[str, Caller | None] = {}
    for entry in settings.OPEN311_API_KEYS:
        key, sep, scope = entry.strip().rpartition(":")
        if not sep:
            keys[scope] = None
        elif scope.lower() == STATE_SCOPE:
            keys[key] = Caller(full=True)
        elif (dist := reference.resolve_district(scope)) is not None:
            keys[key] = Caller(full=True, district=dist.code)
        else:
            log.warning("OPEN311_API_KEYS: a key has the unknown scope %r; it may only file", scope[:40])
            keys[key] = None
    return keys


def matching_key(given: str | None) -> tuple[str, Caller | None] | None:
    """(key, read scope) of the configured key equal to `given` (constant-time), else None."""
    if not given:
        return None
    found = None
    for key, scope in configured_keys().items():
        if key and hmac.compare_digest(key.encode(), given.encode()):
            found = (key, scope)
    return found


def no_key_in_url(request: Request) -> None:
    if any(name.lower() == "api_key" for name in request.query_params):
        raise Open311Error(400, f"api_key must not be sent in the URL: send it in the {KEY_HEADER} header "
                                "or in the body of a POST")


def reader(request: Request) -> Caller:
    """The caller of a read: anonymous without a key; a wrong key or one without read scope is a 401."""
    no_key_in_url(request)
    given = clean(request.headers.get(KEY_HEADER), KEY_HEADER, 200)
    if given is None:
        return ANONYMOUS
    matched = matching_key(given)
    if matched is None or matched[1] is None:
        raise Open311Error(401, f"the {KEY_HEADER} is not valid for reading service requests")
    return matched[1]
