"""A real uvicorn process of the portal on a test database, for tests that need real sockets."""
from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def portal_server(database_url: str, log_file: Path | None = None,
                  **env: str) -> Iterator[tuple[str, subprocess.Popen]]:
    """(base URL, process) of `uvicorn portal.app:app` on `database_url`; stopped afterwards.

    With `log_file`, the server logs at info level (access log included) into that file.
    """
    port = _free_port()
    full_env = {**os.environ, "HELPLINE_DATABASE_URL": database_url, "PORTAL_SECRET": secrets.token_urlsafe(32),
                "TELEGRAM_BOT_TOKEN": "", "WHATSAPP_TOKEN": "", **env}
    output = open(log_file, "ab") if log_file else None
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "portal.app:app", "--host", "127.0.0.1",
                             "--port", str(port), "--log-level", "info" if log_file else "warning"],
                            cwd=ROOT, env=full_env, stdout=output, stderr=subprocess.STDOUT if output else None)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/healthz", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, "the portal did not start"
            time.sleep(0.3)
        yield base, proc
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
        if output is not None:
            output.close()
