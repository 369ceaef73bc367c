"""Issue 15 (logging): phone numbers are masked to their last 4 digits and an Open311 api_key never
reaches a log, in the portal's own log lines and in uvicorn's access log."""
from __future__ import annotations

import logging
from pathlib import Path

import httpx

from tests.security.portal_server import portal_server

PHONE = "9876543210"


def test_phone_numbers_in_log_lines_keep_only_their_last_four_digits(sqlite_database, caplog) -> None:
    from portal.app import create_app

    create_app()
    caplog.set_level(logging.INFO)
    logging.getLogger("helpline.service").warning("citizen %s (wa %s) filed", "+91" + PHONE, "91" + PHONE)
    logging.getLogger("portal.webchat").info(f"message from {PHONE}: bijli nahi")
    assert PHONE not in caplog.text and "******3210" in caplog.text
    assert "CMH-2026-000123" in _logged(caplog, "ticket %s", "CMH-2026-000123")   # ticket numbers stay


def _logged(caplog, message: str, *args: object) -> str:  # noqa: ANN001
    caplog.clear()
    logging.getLogger("portal.test").warning(message, *args)
    return caplog.text


def test_an_open311_api_key_never_reaches_the_logs(sqlite_database, tmp_path: Path) -> None:
    secret = "open311-secret-key-42"
    log_file = tmp_path / "web.log"
    with portal_server(sqlite_database, log_file, OPEN311_API_KEYS=f"{secret}:state") as (base, _proc):
        refused = httpx.get(f"{base}/open311/v2/requests.json?api_key={secret}&x={PHONE}")
        assert refused.status_code == 400
        assert httpx.post(f"{base}/open311/v2/requests.json?api_key={secret}",
                          data={"service_code": "energy"}).status_code == 400
        assert httpx.get(f"{base}/open311/v2/requests.json", headers={"X-Api-Key": secret}).status_code == 200
    logged = log_file.read_text(errors="replace")
    assert "/open311/v2/requests.json" in logged        # the access log was written
    assert secret not in logged and PHONE not in logged
    assert "api_key=***" in logged
