"""Issue 15, finding 3: bogus logins cannot stall the web process.

A real uvicorn server (its own process) on a test database; 200 logins with random names arrive at
once (each a full scrypt: the per-address limit is lifted here); /healthz must keep answering
within a second, and so must an Open311 read.
"""
from __future__ import annotations

import asyncio
import re
import secrets
import time

import httpx
import pytest

from tests.security.portal_server import portal_server

pytestmark = pytest.mark.timeout(180)
LOGINS = 200


@pytest.fixture
def server(sqlite_database: str):
    with portal_server(sqlite_database, HELPLINE_LOGIN_FAILURES_PER_ADDRESS="1000000") as (base, _proc):
        yield base


async def _storm(base: str) -> tuple[list[float], list[int]]:
    limits = httpx.Limits(max_connections=LOGINS + 10)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as attacker, \
            httpx.AsyncClient(base_url=base, timeout=30) as prober:
        page = await attacker.get("/dashboard/login")
        token = re.search(r'name="csrf" value="([^"]+)"', page.text).group(1)

        async def bogus() -> int:
            form = {"post": "officer." + secrets.token_hex(6), "password": secrets.token_hex(8), "csrf": token}
            return (await attacker.post("/dashboard/login/password", data=form)).status_code

        storm = [asyncio.create_task(bogus()) for _ in range(LOGINS)]
        await asyncio.sleep(0.3)
        waits = []
        while not all(task.done() for task in storm) or len(waits) < 5:
            for path in ("/healthz", "/open311/v2/services.json"):
                started = time.monotonic()
                answer = await prober.get(path)
                waits.append(time.monotonic() - started)
                assert answer.status_code == 200, path
            await asyncio.sleep(0.2)
        return waits, [task.result() for task in storm]


def test_healthz_answers_within_a_second_while_bogus_logins_arrive(server: str) -> None:
    waits, statuses = asyncio.run(_storm(server))
    assert set(statuses) <= {401, 503}, set(statuses)     # refused, or "busy" at once: never a 500
    assert statuses.count(401) >= 10                      # the checks really ran
    assert max(waits) < 1.0, f"slowest answer {max(waits):.2f}s over {len(waits)} probes"
