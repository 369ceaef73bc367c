"""The monthly review in the dashboard: GET /dashboard/review?month=YYYY-MM (the DM's own district).

The same page as `helpline report` writes, with its charts embedded. Only a District Administrator
may open it (officers see only their own jurisdiction, and the review names every post of the
district); not logged in: to the login page.
"""
from __future__ import annotations

import asyncio
from datetime import timedelta

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from helpline import clock
from helpline.reports import overview, review, review_files
from helpline.errors import InvalidInput, NotFound
from portal import auth

router = APIRouter(prefix="/dashboard", include_in_schema=False)

_TEXT = {
    403: ("यह समीक्षा केवल जिलाधिकारी अपने जनपद के लिए देख सकते हैं।",
          "Only the District Administrator can see the review of their district."),
    400: ("माह YYYY-MM रूप में दें, जैसे 2026-03।", "Give the month as YYYY-MM, e.g. 2026-03."),
}


def _message(status: int) -> HTMLResponse:
    hi, en = _TEXT[status]
    body = (f'<!doctype html><html lang="hi"><meta charset="utf-8"><title>{status}</title>'
            f'<p>{hi}</p><p>{en}</p><p><a href="/dashboard">डैशबोर्ड / Dashboard</a></p></html>')
    return HTMLResponse(body, status_code=status)


def last_month() -> str:
    """The month before the current one (the month a review is normally held for)."""
    first = clock.now().astimezone(clock.local_zone()).replace(day=1)
    return (first - timedelta(days=1)).strftime("%Y-%m")


@router.get("/review", response_class=HTMLResponse)
async def review_page(request: Request, month: str | None = Query(None),
                      district: str | None = Query(None)) -> Response:
    """The district's monthly review page (default: last month)."""
    officer = auth.session_officer(request)
    if officer is None:
        return RedirectResponse("/dashboard/login", status_code=303)
    try:
        scope = await asyncio.to_thread(overview.scope_of, officer)   # a database read: off the event loop
    except NotFound:
        return RedirectResponse("/dashboard/login", status_code=303)
    if scope.role != "district_admin" or (district and district != scope.district):
        return _message(403)
    # The aggregation and the charts take a moment: keep the event loop free meanwhile.
    try:
        page = await asyncio.to_thread(_page, month or last_month(), scope.district)
    except InvalidInput:
        return _message(400)
    return HTMLResponse(page)


def _page(month: str, district: str | None) -> str:
    result = review.monthly_review(month, district=district)
    return review_files.page_with_inline_charts(result, back_url="/dashboard")
