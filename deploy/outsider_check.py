"""Try a running helpline as an outsider would (issue 15): prints one PASS/FAIL line per check.

Usage, against `make run` started with an Open311 key (to file the probe's own complaint):
    OPEN311_API_KEYS=probe-key:state make run          # in one shell
    .venv/bin/python deploy/outsider_check.py --open311-key probe-key

Black box: only HTTP to the published addresses (web app, Rasa, action server), nothing read from
the database. Exit status 0 when every check passes. Safe to run against a test copy, not against
production (it files a complaint and spends the login tries of officer 5's spellings).
"""
from __future__ import annotations

import argparse
import asyncio
import re
import sys
import time
from xml.etree import ElementTree as ET

import httpx

NEVER_PUBLIC = ("home_police", "women_child")
OFFICER_SPELLINGS = ("5", "05", "005", "\uff15", "\u096b", " 5")   # ASCII, zeros, full-width, Devanagari
FIFTY_MB = 50 * 1024 * 1024
results: list[tuple[bool, str]] = []


def check(ok: bool, name: str, detail: str = "") -> None:
    results.append((ok, name))
    print(f"{'PASS' if ok else 'FAIL'}  {name}{'  (' + detail + ')' if detail else ''}")


def open311_reads(web: str, key: str | None) -> None:
    if key:   # a complaint holding a non-character and a vertical tab, filed the public way
        r = httpx.post(f"{web}/open311/v2/requests.json", data={
            "api_key": key, "service_code": "energy", "jurisdiction_id": "rudraprayag",
            "description": "probe: no power in ukhimath \uffff since \x0b two days",
            "lat": "30.51234", "long": "79.18765"})
        check(r.status_code in (200, 201, 400), "Open311 POST with U+FFFF/\\x0b is filed clean or refused",
              f"HTTP {r.status_code}")
    rows = httpx.get(f"{web}/open311/v2/requests.json").json()
    leaked = [r.get("service_request_id") for r in rows if r.get("description") or r.get("status_notes")]
    check(not leaked, "anonymous requests.json shows no complaint text or officer note", f"{len(rows)} rows")
    precise = [r for r in rows for k in ("lat", "long")
               if r.get(k) is not None and len(str(r[k]).split(".")[-1]) > 2]
    check(not precise, "anonymous coordinates are rounded to about 1 km")
    check(not [r for r in rows if r.get("service_code") in NEVER_PUBLIC],
          "no police or women/child ticket listed anonymously")
    xml = httpx.get(f"{web}/open311/v2/requests.xml")
    try:
        ET.fromstring(xml.content)
        check(True, "requests.xml is well-formed")
    except ET.ParseError as err:
        check(False, "requests.xml is well-formed", str(err))
    r = httpx.get(f"{web}/open311/v2/requests.json", params={"api_key": key or "anything"})
    check(r.status_code == 400, "an api_key in the URL is refused", f"HTTP {r.status_code}")


def forged_calls(rasa: str, actions: str) -> None:
    r = httpx.post(f"{rasa}/webhooks/helpline/webhook", json={"sender": "telegram:1", "message": "my complaints"})
    check(r.status_code in (401, 403), "Rasa's helpline channel refuses a call without the secret",
          f"HTTP {r.status_code}")
    r = httpx.post(f"{rasa}/webhooks/rest/webhook", json={"sender": "telegram:1", "message": "hi"})
    check(r.status_code == 404, "Rasa's rest channel is gone", f"HTTP {r.status_code}")
    r = httpx.post(f"{actions}/webhook", json={"next_action": "action_my_complaints",
                                               "tracker": {"sender_id": "telegram:1", "slots": {}}})
    check(r.status_code in (401, 403), "the action server refuses a call without the secret", f"HTTP {r.status_code}")


def _csrf(client: httpx.Client, web: str) -> str:
    page = client.get(f"{web}/dashboard/login").text
    found = re.search(r'name="csrf"\s+value="([^"]+)"', page)
    return found.group(1) if found else ""


def login_spellings(web: str) -> None:
    client = httpx.Client(follow_redirects=False)
    token = _csrf(client, web)
    for spelling in OFFICER_SPELLINGS:
        for attempt in range(3):
            client.post(f"{web}/dashboard/login/password",
                        data={"csrf": token, "post": spelling, "password": f"wrong-{attempt}"})
    # Only "5" names officer 5 (the other spellings name nobody and never log in): 3 tries so far.
    for attempt in range(2):
        client.post(f"{web}/dashboard/login/password", data={"csrf": token, "post": "5", "password": f"more-{attempt}"})
    r = client.post(f"{web}/dashboard/login/password", data={"csrf": token, "post": "5", "password": "wrong"})
    check(r.status_code == 429, "6 spellings x 3 tries give officer 5 no more than its 5 tries",
          f"HTTP {r.status_code} on the 6th try of officer 5")


async def healthz_under_load(web: str) -> None:
    async with httpx.AsyncClient(timeout=60) as client:
        token_page = await client.get(f"{web}/dashboard/login")
        found = re.search(r'name="csrf"\s+value="([^"]+)"', token_page.text)
        token = found.group(1) if found else ""

        async def bogus(i: int) -> None:
            try:
                await client.post(f"{web}/dashboard/login/password",
                                  data={"csrf": token, "post": f"nobody{i}", "password": "x" * 12})
            except httpx.HTTPError:
                pass

        flood = [asyncio.create_task(bogus(i)) for i in range(200)]
        await asyncio.sleep(0.5)
        slowest = 0.0
        for _ in range(5):
            start = time.monotonic()
            await client.get(f"{web}/healthz")
            slowest = max(slowest, time.monotonic() - start)
            await asyncio.sleep(0.2)
        await asyncio.gather(*flood)
    check(slowest < 1.0, "/healthz answers within 1 s while 200 bogus logins arrive", f"slowest {slowest:.2f} s")


def _fifty_megabytes():
    chunk = b"x" * (1024 * 1024)
    for _ in range(50):
        yield chunk


def big_bodies_and_malformed_input(web: str) -> None:
    for path in ("/dashboard/login/password", "/chat/send", "/chat/photo", "/open311/v2/requests.json",
                 "/webhooks/whatsapp", "/webhooks/telegram"):
        try:
            r = httpx.post(f"{web}{path}", content=_fifty_megabytes(),
                           headers={"content-length": str(FIFTY_MB), "content-type": "application/octet-stream"},
                           timeout=30)
            status = r.status_code
        except httpx.HTTPError as err:   # the server may close the connection after its 413
            status = f"closed ({type(err).__name__})"
        check(status in (413, 404), f"50 MB POST to {path} is refused before it is read", f"{status}")
    fields = {f"f{i}": "x" for i in range(30)}
    r = httpx.post(f"{web}/dashboard/login/password", data=fields)
    check(400 <= r.status_code < 500, "a form of 30 fields gets a 4xx", f"HTTP {r.status_code}")
    r = httpx.get(f"{web}/dashboard", headers={"cookie": "hl_session=\u00e9\u00e9.\u00e9".encode("utf-8")})
    check(r.status_code < 500, "a non-ASCII cookie is not a 500", f"HTTP {r.status_code}")


def fresh_sessions(web: str) -> None:
    refused = 0
    for _ in range(40):
        r = httpx.get(f"{web}/", headers={"cookie": ""})
        refused += r.status_code == 429
    check(refused >= 25, "40 fresh web sessions from one address: most are refused", f"{refused} refused with 429")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--web", default="http://127.0.0.1:8000")
    parser.add_argument("--rasa", default="http://127.0.0.1:5005")
    parser.add_argument("--actions", default="http://127.0.0.1:5055")
    parser.add_argument("--open311-key", default=None, help="a key of OPEN311_API_KEYS, to file the probe")
    args = parser.parse_args()
    open311_reads(args.web, args.open311_key)
    forged_calls(args.rasa, args.actions)
    login_spellings(args.web)
    asyncio.run(healthz_under_load(args.web))
    big_bodies_and_malformed_input(args.web)
    fresh_sessions(args.web)
    failed = [name for ok, name in results if not ok]
    print(f"\n{len(results) - len(failed)} of {len(results)} checks passed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
