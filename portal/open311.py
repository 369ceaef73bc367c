"""Open311 GeoReport v2 API: departments as services, tickets as service requests (JSON and XML).

GET services, GET requests (filters), GET one request, POST a request (api_key from
settings.OPEN311_API_KEYS; filed through helpline.service.file_ticket, channel "api").
Reads never show the citizen's name or phone. Anonymous reads publish only what is safe (service,
status, block/district, dates, coordinates rounded to about 1 km) and never a police or women/child
ticket; a key with a read scope (`key:state` or `key:<district>`) sees its scope in full. Keys come
in the `X-Api-Key` header or the POST body, never the URL. Errors use the spec's format:
JSON `[{"code", "description"}]`, XML `<errors><error><code/><description/></error></errors>`.
"""
from __future__ import annotations

import hashlib
import json
import logging
import re
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any
from urllib.parse import parse_qsl
from xml.etree import ElementTree as ET


from fastapi import APIRouter, Header, Query, Request
from fastapi.responses import JSONResponse, Response
from sqlalchemy import select
from starlette.concurrency import run_in_threadpool

from helpline import clock, geo, reference, service
from helpline.store.db import unit_of_work
from helpline.text_hygiene import strip_unsafe
from helpline.errors import DailyLimitExceeded, HelplineError
from helpline.rules import PENDING, level_label
from helpline.store.models import Ticket, TicketEvent, TicketPhoto
from portal import open311_input as checks

log = logging.getLogger(__name__)
router = APIRouter(prefix="/open311/v2", tags=["Open311 GeoReport v2"])

MAX_BODY = 1024 * 1024
MAX_RESULTS = 1000
DEFAULT_DAYS = 90
_DEVANAGARI = re.compile(r"[\u0900-\u097F]")
# Complaints to these departments can endanger the citizen: never listed to anonymous callers.
NEVER_ANONYMOUS = ("home_police", "women_child")
# Anonymous coordinates are rounded to 2 decimals: about 1.1 km north-south, under 1 km east-west here.
ANONYMOUS_DECIMALS = 2


# ---------------------------------------------------------------- rendering

def _xml(root: str, item: str, rows: Iterable[dict]) -> bytes:
    top = ET.Element(root)
    for row in rows:
        node = ET.SubElement(top, item)
        for key, value in row.items():
            child = ET.SubElement(node, key)
            if value is not None:
                # Text stored before the entry checks (or by another channel) must not break the feed.
                child.text = ("true" if value else "false") if isinstance(value, bool) else strip_unsafe(str(value))
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(top, encoding="utf-8", xml_declaration=False)


def _answer(fmt: str, root: str, item: str, rows: list[dict], status: int = 200) -> Response:
    if fmt == "xml":
        return Response(_xml(root, item, rows), status_code=status, media_type="text/xml; charset=utf-8")
    return JSONResponse(rows, status_code=status)


def _error(fmt: str, status: int, description: str) -> Response:
    return _answer(fmt, "errors", "error", [{"code": status, "description": description}], status)


def _iso(moment: datetime | None) -> str | None:
    return clock.aware(moment).isoformat(timespec="seconds") if moment else None


# ---------------------------------------------------------------- services

def _services() -> list[dict]:
    return [{"service_code": d.code, "service_name": d.name_en,
             "description": f"{d.name_hi} / {d.name_en}", "metadata": False, "type": "realtime",
             "keywords": d.keywords, "group": d.group}
            for d in reference.departments()]


# ---------------------------------------------------------------- service requests

def _address(t: Ticket) -> str:
    blk, dist = reference.block(t.block_code), reference.district(t.district_code)
    parts = [blk.name_en if blk else t.block_code, dist.name_en if dist else t.district_code, "Uttarakhand"]
    return ", ".join(p for p in parts if p)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, ANONYMOUS_DECIMALS)


def _request_rows(tickets: list[Ticket], caller: checks.Caller) -> list[dict]:
    """Tickets as service requests, never the citizen's identity; text, note, photo and the exact
    place only for a keyed caller (one query each for notes and photos)."""
    ids = [t.id for t in tickets] if caller.full else []
    notes: dict[int, str] = {}
    media: dict[int, str] = {}
    if ids:
        with unit_of_work(readonly=True) as session:
            for ticket_id, note in session.execute(
                    select(TicketEvent.ticket_id, TicketEvent.note).where(
                        TicketEvent.ticket_id.in_(ids), TicketEvent.actor.like("officer:%"),
                        TicketEvent.note.is_not(None)).order_by(TicketEvent.id)):
                notes[ticket_id] = note
            for ticket_id, ref in session.execute(
                    select(TicketPhoto.ticket_id, TicketPhoto.ref).where(
                        TicketPhoto.ticket_id.in_(ids), TicketPhoto.source == "citizen").order_by(TicketPhoto.id)):
                # Only public links: a Telegram file id or a local path means nothing outside.
                if ticket_id not in media and ref.startswith(("https://", "http://")):
                    media[ticket_id] = ref
    rows = []
    for t in tickets:
        service_name = reference.department_name(t.department_code, "en")
        post = t.assigned_post
        agency = f"{service_name}, {level_label(t.level)}"
        if post is not None and caller.full:
            agency += f" ({post.title_en})"
        rows.append({
            "service_request_id": t.number,
            "status": "open" if t.state in PENDING else "closed",
            "status_notes": notes.get(t.id),
            "service_name": service_name,
            "service_code": t.department_code,
            "description": t.text if caller.full else None,
            "agency_responsible": agency,
            "service_notice": None,
            "requested_datetime": _iso(t.created_at),
            "updated_datetime": _iso(t.updated_at),
            "expected_datetime": _iso(t.due_at) if t.state in PENDING else None,
            "address": _address(t),
            "address_id": None,
            "zipcode": None,
            "lat": t.lat if caller.full else _rounded(t.lat),
            "long": t.lon if caller.full else _rounded(t.lon),
            "media_url": media.get(t.id),
        })
    return rows


def _find_requests(params: dict[str, str | None], caller: checks.Caller) -> list[dict]:
    ids = [n.upper() for n in checks.codes(params.get("service_request_id"), "service_request_id")]
    query = select(Ticket).where(Ticket.is_practice.is_(False))
    if not caller.full:
        query = query.where(Ticket.department_code.not_in(NEVER_ANONYMOUS))
    elif caller.district is not None:
        query = query.where(Ticket.district_code == caller.district)
    if ids:
        if len(ids) > MAX_RESULTS:
            raise checks.Open311Error(400, f"at most {MAX_RESULTS} service_request_id values")
        query = query.where(Ticket.number.in_(ids))  # the spec: other filters are ignored
    else:
        codes = checks.codes(params.get("service_code"), "service_code")
        unknown = [c for c in codes if reference.department(c) is None]
        if unknown:
            raise checks.Open311Error(400, f"unknown service_code: {unknown[0][:40]}")
        statuses = {s.lower() for s in checks.codes(params.get("status"), "status")}
        if statuses - {"open", "closed"}:
            raise checks.Open311Error(400, "status must be open, closed or both (comma-separated)")
        start = checks.moment(params.get("start_date"), "start_date")
        end = checks.moment(params.get("end_date"), "end_date")
        if start is None and end is None:
            start = clock.now() - timedelta(days=DEFAULT_DAYS)
        elif start is None:
            start = end - timedelta(days=DEFAULT_DAYS)
        if end is not None and start > end:
            raise checks.Open311Error(400, "start_date is after end_date")
        query = query.where(Ticket.created_at >= start)
        if end is not None:
            query = query.where(Ticket.created_at <= end)
        if codes:
            query = query.where(Ticket.department_code.in_(codes))
        if statuses == {"open"}:
            query = query.where(Ticket.state.in_(PENDING))
        elif statuses == {"closed"}:
            query = query.where(Ticket.state.not_in(PENDING))
        district = checks.jurisdiction_district(params.get("jurisdiction_id"))
        if district:
            query = query.where(Ticket.district_code == district)
    with unit_of_work(readonly=True) as session:
        tickets = list(session.scalars(query.order_by(Ticket.created_at.desc(), Ticket.id.desc())
                                       .limit(MAX_RESULTS)).unique())
        return _request_rows(tickets, caller)


# ---------------------------------------------------------------- filing

async def _read_body(request: Request) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_BODY:
        raise checks.Open311Error(413, "request body larger than 1 MB")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > MAX_BODY:
            raise checks.Open311Error(413, "request body larger than 1 MB")
    return bytes(body)


def _fields(request: Request, body: bytes) -> dict[str, Any]:
    """The POST fields: form-encoded (the spec) or a JSON object; query parameters fill gaps
    (never the api_key: a URL ends up in logs and browser histories)."""
    checks.no_key_in_url(request)
    fields: dict[str, Any] = dict(request.query_params)
    if request.headers.get(checks.KEY_HEADER):
        fields["api_key"] = request.headers[checks.KEY_HEADER]
    if not body.strip():
        return fields
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        text = body.decode("utf-8")
        if kind == "application/json":
            data = json.loads(text)
            if not isinstance(data, dict):
                raise checks.Open311Error(400, "the JSON body must be an object")
            fields.update(data)
            nested = data.get("attribute")
            if isinstance(nested, dict):  # {"attribute": {"district": ...}} as some clients send it
                for name, value in nested.items():
                    fields.setdefault(f"attribute[{name}]", value)
        else:
            fields.update(parse_qsl(text, keep_blank_values=True, strict_parsing=False, errors="strict"))
    except (UnicodeDecodeError, ValueError, RecursionError):   # RecursionError: JSON nested too deep
        raise checks.Open311Error(400, "the body is not valid UTF-8 form data or JSON") from None
    return fields


def _api_key(value: Any) -> str:
    """The matching configured key (compared in constant time), else a 401."""
    given = checks.clean(value, "api_key", 200) if not isinstance(value, (dict, list)) else None
    matched = checks.matching_key(given)
    if matched is not None:
        return matched[0]
    raise checks.Open311Error(401, "a valid api_key is required to post a service request")


def _place(fields: dict[str, Any]) -> tuple[str, str | None]:
    """(district code, block code) from attribute[district]/[block], jurisdiction_id or address_string."""
    district = checks.clean(fields.get("attribute[district]"), "attribute[district]", 100)
    block = checks.clean(fields.get("attribute[block]"), "attribute[block]", 100)
    address = checks.clean(fields.get("address_string"), "address_string", 500)
    dist = reference.resolve_district(district) if district else None
    if district and dist is None:
        raise checks.Open311Error(400, f"unknown district: {district[:60]}")
    if dist is None:
        code = checks.jurisdiction_district(fields.get("jurisdiction_id"))
        dist = reference.district(code) if code else None
    parts = [p.strip() for p in re.split(r"[,;\n]", address or "") if p.strip()]
    if dist is None:
        dist = next((d for d in (reference.resolve_district(p) for p in parts) if d), None)
    blk = None
    if block:
        blk = reference.resolve_block(block, dist.code if dist else None)
        if blk is None:
            raise checks.Open311Error(400, f"unknown block: {block[:60]}")
    else:
        blk = next((b for b in (reference.resolve_block(p, dist.code if dist else None) for p in parts) if b), None)
    if dist is None and blk is not None:
        dist = reference.district(blk.district)
    if dist is None:
        raise checks.Open311Error(400, "the district is required: give attribute[district] or an address_string "
                                "naming the district (lat/long alone cannot be placed)")
    return dist.code, blk.code if blk else None


def _location(fields: dict[str, Any]) -> tuple[float, float] | None:
    lat, lon = checks.clean(fields.get("lat"), "lat", 40), checks.clean(fields.get("long"), "long", 40)
    if lat is None and lon is None:
        return None
    try:
        point = (float(lat), float(lon))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise checks.Open311Error(400, "lat and long must both be given as decimal degrees") from None
    if not geo.on_earth(*point):
        raise checks.Open311Error(400, "lat or long out of range")
    return point


def _file(fields: dict[str, Any]) -> dict:
    key_used = _api_key(fields.get("api_key"))
    code = checks.clean(fields.get("service_code"), "service_code", 60)
    if code is None or reference.department(code) is None:
        raise checks.Open311Error(400, "service_code is required and must be one of services.json")
    description = checks.clean(fields.get("description"), "description", service.MAX_TEXT)
    if description is None:
        raise checks.Open311Error(400, "description is required")
    district, block = _place(fields)
    location = _location(fields)
    name = " ".join(x for x in (checks.clean(fields.get("first_name"), "first_name", 100),
                                checks.clean(fields.get("last_name"), "last_name", 100)) if x) or None
    phone = checks.clean(fields.get("phone"), "phone", 30)
    checks.clean(fields.get("email"), "email", 200)  # accepted by the spec; the core keeps no e-mail
    media = checks.clean(fields.get("media_url"), "media_url", 2000)
    if media is not None and not media.startswith(("https://", "http://")):
        raise checks.Open311Error(400, "media_url must be an http(s) URL")
    language = (checks.clean(fields.get("attribute[language]"), "attribute[language]", 5)
                or ("hi" if _DEVANAGARI.search(description) else "en")).lower()
    if language not in ("hi", "en"):
        raise checks.Open311Error(400, "attribute[language] must be hi or en")
    client_key = checks.clean(fields.get("attribute[idempotency_key]"), "attribute[idempotency_key]", 150)
    client = hashlib.sha256(key_used.encode()).hexdigest()[:12]
    if client_key:
        key = f"open311:{client}:{client_key}"
    else:
        # A retried POST (same client, same content, same day) must not file twice.
        day = clock.now().astimezone(clock.local_zone()).date().isoformat()
        digest = hashlib.sha256(json.dumps([code, description, district, block, location, name, phone, media, day],
                                           ensure_ascii=False).encode()).hexdigest()[:40]
        key = f"open311:{client}:auto:{digest}"
    view = service.file_ticket(text=description, department=code, district=district, block=block, name=name,
                               phone=phone, channel="api", key=key, location=location,
                               photos=[media] if media else (), language=language)
    due = view.due_at.astimezone(clock.local_zone()).strftime("%d-%m-%Y") if view.due_at else None
    if view.linked:
        notice = (f"Linked to the citizen's open complaint {view.number} / "
                  f"नागरिक की खुली शिकायत {view.number} से जोड़ी गई")
    else:
        notice = f"Registered as {view.number}" + (f"; action due by {due}" if due else "") + \
                 f" / शिकायत {view.number} दर्ज" + (f"; निस्तारण की तिथि {due}" if due else "")
    return {"service_request_id": view.number, "service_notice": notice, "account_id": None}


# ---------------------------------------------------------------- routes

_ERROR_SCHEMA = {"type": "array", "items": {"type": "object", "properties": {
    "code": {"type": "integer"}, "description": {"type": "string"}}}}
_ERRORS = {status: {"description": text, "content": {"application/json": {"schema": _ERROR_SCHEMA},
                                                     "text/xml": {}}}
           for status, text in ((400, "Malformed input"), (401, "Missing or invalid api_key"),
                                (404, "Not found"), (413, "Body larger than 1 MB"),
                                (429, "The citizen's daily complaint limit is reached"))}
_TEXT = {"type": "string"}
_POST_SCHEMA = {"type": "object", "required": ["api_key", "service_code", "description"], "properties": {
    "api_key": _TEXT, "service_code": {"type": "string", "enum": [d.code for d in reference.departments()]},
    "jurisdiction_id": _TEXT, "lat": {"type": "number"},
    "long": {"type": "number"}, "address_string": _TEXT, "address_id": _TEXT, "description": _TEXT,
    "first_name": _TEXT, "last_name": _TEXT, "phone": _TEXT, "email": _TEXT, "device_id": _TEXT,
    "account_id": _TEXT, "media_url": _TEXT, "attribute[district]": _TEXT, "attribute[block]": _TEXT,
    "attribute[idempotency_key]": _TEXT, "attribute[language]": {"type": "string", "enum": ["hi", "en"]}}}
_POST_EXTRA = {"requestBody": {"required": True, "content": {
    "application/x-www-form-urlencoded": {"schema": _POST_SCHEMA}, "application/json": {"schema": _POST_SCHEMA}}}}


def _get_params(request: Request) -> dict[str, str | None]:
    return dict(request.query_params)


def _guarded(fmt: str, work) -> Response:  # noqa: ANN001
    """`work()` answered, or its error in the spec's format."""
    try:
        return work()
    except checks.Open311Error as exc:
        return _error(fmt, exc.status, exc.description)
    except DailyLimitExceeded as exc:
        return _error(fmt, 429, exc.text("en"))
    except HelplineError as exc:
        return _error(fmt, 400, exc.text("en"))


# Reads are plain `def` routes: FastAPI runs them in its thread pool, so their database calls never
# hold up the event loop that also serves the web chat and the webhooks.
_KEY = Header(None, alias=checks.KEY_HEADER, description="an API key with a read scope: full fields of its scope")


def _services_route(fmt: str):  # noqa: ANN202
    def services(request: Request, jurisdiction_id: str | None = Query(None)) -> Response:
        def work() -> Response:
            checks.no_key_in_url(request)
            checks.jurisdiction_district(jurisdiction_id)
            return _answer(fmt, "services", "service", _services())
        return _guarded(fmt, work)
    return services


def _requests_route(fmt: str):  # noqa: ANN202
    def requests(request: Request, service_request_id: str | None = Query(None),
                 service_code: str | None = Query(None), start_date: str | None = Query(None),
                 end_date: str | None = Query(None), status: str | None = Query(None),
                 jurisdiction_id: str | None = Query(None), api_key: str | None = _KEY) -> Response:
        def work() -> Response:
            caller = checks.reader(request)
            return _answer(fmt, "service_requests", "request", _find_requests(_get_params(request), caller))
        return _guarded(fmt, work)
    return requests


def _request_route(fmt: str):  # noqa: ANN202
    def one_request(request: Request, service_request_id: str, jurisdiction_id: str | None = Query(None),
                    api_key: str | None = _KEY) -> Response:
        def work() -> Response:
            caller = checks.reader(request)
            number = checks.clean(service_request_id, "service_request_id", 40)
            if not number or "," in number:
                raise checks.Open311Error(404, "service request not found")
            rows = _find_requests({"service_request_id": number}, caller)
            if not rows:
                raise checks.Open311Error(404, f"service request {number[:40]} not found")
            return _answer(fmt, "service_requests", "request", rows)
        return _guarded(fmt, work)
    return one_request


def _post_route(fmt: str):  # noqa: ANN202
    async def post_request(request: Request) -> Response:
        try:
            body = await _read_body(request)
        except checks.Open311Error as exc:
            return _error(fmt, exc.status, exc.description)
        # Parsing and filing touch the database: in the thread pool, off the event loop.
        return await run_in_threadpool(
            _guarded, fmt, lambda: _answer(fmt, "service_requests", "request", [_file(_fields(request, body))],
                                           status=201))
    return post_request


for _fmt in ("json", "xml"):
    router.add_api_route(f"/services.{_fmt}", _services_route(_fmt), methods=["GET"], responses=_ERRORS,
                         summary=f"Departments as Open311 services ({_fmt.upper()})",
                         operation_id=f"open311_services_{_fmt}")
    router.add_api_route(f"/requests.{_fmt}", _requests_route(_fmt), methods=["GET"], responses=_ERRORS,
                         summary=f"Service requests, newest first, at most {MAX_RESULTS} ({_fmt.upper()})",
                         operation_id=f"open311_requests_{_fmt}")
    router.add_api_route(f"/requests.{_fmt}", _post_route(_fmt), methods=["POST"], responses=_ERRORS,
                         status_code=201, openapi_extra=_POST_EXTRA,
                         summary=f"File a service request (needs api_key) ({_fmt.upper()})",
                         operation_id=f"open311_post_request_{_fmt}")
    router.add_api_route(f"/requests/{{service_request_id}}.{_fmt}", _request_route(_fmt), methods=["GET"],
                         responses=_ERRORS, summary=f"One service request by ticket number ({_fmt.upper()})",
                         operation_id=f"open311_request_{_fmt}")


@router.api_route("/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
async def not_found(rest: str) -> Response:
    """Any other path under the API: the spec's 404 (XML when the path asks for it)."""
    return _error("xml" if rest.endswith(".xml") else "json", 404, "no such Open311 endpoint")
