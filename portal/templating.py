"""Jinja2 pages (autoescaped), the page language, and the security headers every page carries."""
from __future__ import annotations

from datetime import datetime
from pathlib import Path
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from helpline import clock, reference
from portal import auth
from portal.texts import language, t

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
LANG_COOKIE = "hl_lang"
# No inline script and nothing from other hosts: what a page shows can never run as code.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data: https:; object-src 'none'; "
                               "frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
}

env = Environment(loader=FileSystemLoader(HERE / "templates"), autoescape=select_autoescape(default=True),
                  trim_blocks=True, lstrip_blocks=True)


def page_language(request: Request) -> str:
    """?lang= (remembered in a cookie), else the cookie, else the browser's preference, else Hindi."""
    asked = request.query_params.get("lang") or request.cookies.get(LANG_COOKIE)
    if asked:
        return language(asked)
    accept = request.headers.get("accept-language", "").lower()
    return "en" if accept.startswith("en") else "hi"


def local_time(moment: datetime | None) -> str:
    if moment is None:
        return ""
    return clock.aware(moment).astimezone(clock.local_zone()).strftime("%d-%m-%Y %H:%M")


department_name = reference.department_name
place_name = reference.place_name


def render(request: Request, template: str, status_code: int = 200, **context: object) -> HTMLResponse:
    """Render a page in the request's language with a CSRF token for its forms."""
    lang = page_language(request)
    response = HTMLResponse("", status_code=status_code)
    token = auth.csrf_token(request, response)

    def tr(key: str, **params: object) -> str:
        return t(key, lang, **params)

    other = "en" if lang == "hi" else "hi"
    query = {k: v for k, v in request.query_params.items() if k != "lang"}
    switch_url = request.url.path + "?" + urlencode({**query, "lang": other})
    body = env.get_template(template).render(
        request=request, lang=lang, other_lang=other, switch_url=switch_url, t=tr, csrf=token,
        state_name=lambda code: t(f"state.{code}", lang) if code else "",
        local_time=local_time, department_name=lambda c: department_name(c, lang),
        place_name=lambda d, b=None: place_name(d, b, lang), **context)
    response.body = response.render(body)
    response.headers["content-length"] = str(len(response.body))
    response.headers.update(SECURITY_HEADERS)
    if request.query_params.get("lang") in ("hi", "en"):
        response.set_cookie(LANG_COOKIE, lang, max_age=365 * 24 * 3600, samesite="strict", path="/")
    return response
