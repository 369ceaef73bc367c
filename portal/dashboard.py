"""The officers' and DM's dashboard: login (password or Telegram code), overview, lists, a ticket.

Every figure comes from helpline.overview, scoped by the viewer's post; a ticket or filter outside
the viewer's jurisdiction is a 403 page, never an empty one. Forms carry a CSRF token.
"""
from __future__ import annotations

import logging
from urllib.parse import parse_qs

import anyio
import anyio.to_thread

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from helpline import clock, reference, settings

from helpline.officers import login_throttle
from helpline.officers import login as dashboard_login
from helpline.reports import overview
from helpline.errors import HelplineError, InvalidInput, NotFound, PermissionDenied
from helpline.text_hygiene import strip_unsafe
from portal import auth, charts
from portal.templating import page_language, render
from portal.texts import t

log = logging.getLogger(__name__)
router = APIRouter(prefix="/dashboard", include_in_schema=False)
PAGE_SIZE = 50
MAX_FORM = 8 * 1024
MAX_WAITING_CHECKS = 64   # login checks queued in one process before "busy" (503)


class _Forbidden(Exception):
    """Raised for a page outside the viewer's jurisdiction (rendered as the 403 page)."""


async def _form(request: Request) -> dict[str, str]:
    """An urlencoded form (bounded size), first value of each field."""
    raw = await request.body()
    if len(raw) > MAX_FORM:
        return {}
    try:
        parsed = parse_qs(raw.decode("utf-8", "replace"), keep_blank_values=True, max_num_fields=20)
    except ValueError:   # more than 20 fields: no form of ours has that many
        raise InvalidInput("error.invalid_input", detail="the form has too many fields") from None
    return {k: strip_unsafe(v[0]).strip() for k, v in parsed.items() if v}


def _viewer(request: Request) -> overview.Scope | None:
    officer = auth.session_officer(request)
    if officer is None:
        return None
    try:
        return overview.scope_of(officer)
    except NotFound:   # the officer left the post: the session ends with it
        return None


def _login_redirect() -> RedirectResponse:
    response = RedirectResponse("/dashboard/login", status_code=303)
    auth.end_session(response)
    return response


def _error(request: Request, status: int, key: str, **params: object) -> HTMLResponse:
    return render(request, "error.html", status_code=status, message=t(key, page_language(request), **params),
                  viewer=_viewer(request))


# ---------------------------------------------------------------- login

@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    return render(request, "login.html", error=None, post="", code_sent=False)


def _login_failed(request: Request, post: str, key: str = "login.failed", code_sent: bool = False,
                  status: int = 401) -> HTMLResponse:
    return render(request, "login.html", status_code=status, error=t(key, page_language(request)),
                  post=post, code_sent=code_sent)


async def _login_form(request: Request, code_sent: bool = False) -> tuple[dict, str, Response | None]:
    """The posted login form, its post, and the refusal when the CSRF token says no."""
    form = await _form(request)
    post = form.get("post", "")[:120]
    if not auth.csrf_ok(request, form.get("csrf")):
        return form, post, _login_failed(request, post, "login.csrf", code_sent=code_sent, status=403)
    return form, post, None


_checks: anyio.CapacityLimiter | None = None


async def _off_the_loop(work, *args):  # noqa: ANN001, ANN202
    """Run a login check (scrypt, database) in a small thread pool of its own, never on the event loop.

    scrypt is CPU work: a few threads use the cores; more would only queue. Its own pool leaves the
    default one free for every other route (and /healthz). A queue this long means an attack: answer
    "busy" at once rather than keep the connection waiting.
    """
    global _checks
    if _checks is None:
        _checks = anyio.CapacityLimiter(max(1, settings.LOGIN_CHECKS_AT_ONCE))
    if _checks.statistics().tasks_waiting >= MAX_WAITING_CHECKS:
        raise _Busy()
    return await anyio.to_thread.run_sync(work, *args, limiter=_checks)


class _Busy(Exception):
    """Too many login checks already waiting."""


def _client(request: Request) -> str | None:
    return request.client.host if request.client else None


def _password_login(post: str, password: str, address: str | None) -> int | str | None:
    """The officer id, "blocked", or None (wrong): throttled per officer and per address."""
    officer_id = dashboard_login.login_officer(post)
    if login_throttle.blocked(officer_id, address, name=post):
        return "blocked"
    # An unknown name costs the same scrypt as a real one (check_password hashes either way).
    got = dashboard_login.check_password(post, password)
    if got is None:
        login_throttle.failed(officer_id, address, name=post)
        return None
    login_throttle.succeeded(got)
    return got


def _code_login(post: str, code: str, address: str | None) -> int | str | None:
    officer_id = dashboard_login.login_officer(post)
    if login_throttle.blocked(officer_id, address, name=post):
        return "blocked"
    got = dashboard_login.redeem_login_code(officer_id, code) if officer_id is not None else None
    if got is None:
        login_throttle.failed(officer_id, address, name=post)
        return None
    login_throttle.succeeded(got)
    return got


def _send_code(post: str, address: str | None) -> None:
    """Send a login code when the post exists and has Telegram; every outcome looks the same outside."""
    officer_id = dashboard_login.login_officer(post)
    if login_throttle.blocked(officer_id, address, name=post):
        return
    login_throttle.failed(None, address)   # each code sent counts against the address: no one spends them all
    if officer_id is None:
        return
    try:
        dashboard_login.send_login_code(officer_id)
    except (NotFound, InvalidInput) as err:
        log.info("dashboard login code not sent to officer %s: %s", officer_id, err.code)


def _login_result(request: Request, post: str, got: int | str | None, code_sent: bool = False) -> Response:
    if got == "blocked":
        return _login_failed(request, post, "login.too_many", code_sent=code_sent, status=429)
    if got is None:
        return _login_failed(request, post, code_sent=code_sent)
    response = RedirectResponse("/dashboard", status_code=303)
    auth.start_session(response, request, int(got))
    log.info("dashboard login: officer %s", got)
    return response


@router.post("/login/password")
async def login_password(request: Request) -> Response:
    form, post, refused = await _login_form(request)
    if refused is not None:
        return refused
    try:
        got = await _off_the_loop(_password_login, post, form.get("password", "")[:200], _client(request))
    except _Busy:
        return _login_failed(request, post, "login.busy", status=503)
    return _login_result(request, post, got)


@router.post("/login/code/send")
async def login_code_send(request: Request) -> Response:
    form, post, refused = await _login_form(request)
    if refused is not None:
        return refused
    try:
        await _off_the_loop(_send_code, post, _client(request))
    except _Busy:
        return _login_failed(request, post, "login.busy", status=503)
    return render(request, "login.html", error=None, post=post, code_sent=True)


@router.post("/login/code")
async def login_code(request: Request) -> Response:
    form, post, refused = await _login_form(request, code_sent=True)
    if refused is not None:
        return refused
    try:
        got = await _off_the_loop(_code_login, post, form.get("code", "")[:20], _client(request))
    except _Busy:
        return _login_failed(request, post, "login.busy", code_sent=True, status=503)
    return _login_result(request, post, got, code_sent=True)


@router.post("/logout")
async def logout(request: Request) -> Response:
    form = await _form(request)
    if not auth.csrf_ok(request, form.get("csrf")):
        return _error(request, 403, "login.csrf")
    return _login_redirect()


# ---------------------------------------------------------------- pages

@router.get("", response_class=HTMLResponse)
def overview_page(request: Request) -> Response:
    viewer = _viewer(request)
    if viewer is None:
        return _login_redirect()
    ov = overview.district_overview(viewer.officer_id)
    lang = page_language(request)
    offset_days = (settings.CLOCK_OFFSET_SECONDS + int(_stored_offset())) / 86400
    return render(request, "overview.html", viewer=viewer, ov=ov,
                  chart_departments=charts.stacked_bars(
                      [(reference.department_name(d, lang), c)
                       for d, c in ov.by_department], lang),
                  chart_levels=charts.stacked_bars(ov.by_level, lang),
                  demo_days=round(offset_days, 1))


def _stored_offset() -> int:
    try:
        from helpline.store import db

        return int(db.get_app_setting(clock.OFFSET_KEY, 0))
    except Exception:  # the banner is a convenience; never break the page for it
        return 0


def _check_filters(viewer: overview.Scope, department: str | None, level: str | None) -> None:
    """A filter outside the viewer's jurisdiction is refused, not answered with an empty list."""
    if department and reference.department(department) is None:
        raise InvalidInput("error.unknown_department", value=department[:40])
    if viewer.role != "district_admin":
        if department and department != viewer.department:
            raise _Forbidden()
        if level and level.upper().removeprefix("L").isdigit() and viewer.max_level is not None \
                and int(level.upper().removeprefix("L")) > viewer.max_level:
            raise _Forbidden()


@router.get("/tickets", response_class=HTMLResponse)
def tickets_page(request: Request, status: str | None = None, department: str | None = None,
                 level: str | None = None, page: int = 1) -> Response:
    viewer = _viewer(request)
    if viewer is None:
        return _login_redirect()
    page = max(1, min(page, 10_000))
    try:
        _check_filters(viewer, department, level)
        rows = overview.tickets(viewer.officer_id, status=status or None, department=department or None,
                                level=level or None, limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
    except _Forbidden:
        return _error(request, 403, "error.403")
    except InvalidInput as err:
        return _error(request, 400, "error.400", detail=err.text(page_language(request)))
    filters = {k: v for k, v in (("status", status), ("department", department), ("level", level)) if v}
    return render(request, "tickets.html", viewer=viewer, rows=rows[:PAGE_SIZE], filters=filters,
                  page=page, has_next=len(rows) > PAGE_SIZE, status=status or "")


@router.get("/tickets/{number}", response_class=HTMLResponse)
def ticket_page(request: Request, number: str) -> Response:
    viewer = _viewer(request)
    if viewer is None:
        return _login_redirect()
    try:
        ticket = overview.ticket(number[:40], officer=viewer.officer_id)
    except PermissionDenied:
        return _error(request, 403, "error.403")
    except NotFound:
        return _error(request, 404, "error.404")
    return render(request, "ticket.html", viewer=viewer, ticket=ticket)


# ---------------------------------------------------------------- error pages

def install_error_pages(app: FastAPI) -> None:
    """Polite HTML error pages for the dashboard (JSON routes of others keep their own handlers)."""

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/dashboard") or request.url.path == "/":
            key = {403: "error.403", 404: "error.404"}.get(exc.status_code, "error.500")
            # The page names the viewer (a database read): off the event loop.
            return await run_in_threadpool(_error, request, exc.status_code, key)
        from fastapi.exception_handlers import http_exception_handler
        return await http_exception_handler(request, exc)

    @app.exception_handler(HelplineError)
    async def helpline_error(request: Request, exc: HelplineError) -> Response:
        log.warning("unhandled helpline error on %s: %s", request.url.path, exc.code)
        return await run_in_threadpool(_error, request, 400, "error.400", detail=exc.text(page_language(request)))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/dashboard"):
            return await run_in_threadpool(_error, request, 400, "error.400", detail="")
        from fastapi.exception_handlers import request_validation_exception_handler
        return await request_validation_exception_handler(request, exc)
