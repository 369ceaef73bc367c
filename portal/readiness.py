"""The readiness page: GET /dashboard/readiness, for the District Magistrate and the helpline in-charge.

Every post of the district: its officer, linked or not, practice finished or not, last activity;
first the posts without a linked or active officer, then the officers idle for 30 days.
Not logged in: to the login page; anyone else: 403 in Hindi and English.
"""
from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from helpline import reference
from helpline.training import readiness
from helpline.errors import PermissionDenied
from portal import auth
from portal.templating import SECURITY_HEADERS, department_name, env, local_time, page_language

router = APIRouter(prefix="/dashboard", include_in_schema=False)

WORDS = {
    "title": ("पदों की तैयारी", "Readiness of posts"),
    "summary": ("{posts} पद · {linked} पर जुड़े अधिकारी · {practised} ने अभ्यास पूरा किया",
                "{posts} posts · {linked} with a linked officer · {practised} finished practice"),
    "not_ready": ("बिना जुड़े या सक्रिय अधिकारी के पद", "Posts without a linked or active officer"),
    "idle": ("{days} दिन से कोई गतिविधि नहीं", "No activity for {days} days"),
    "all": ("सभी पद", "All posts"),
    "post": ("पद", "Post"), "department": ("विभाग", "Department"), "level": ("स्तर", "Level"),
    "officer": ("अधिकारी", "Officer"), "linked": ("टेलीग्राम जुड़ा", "Telegram linked"),
    "practice": ("अभ्यास पूरा", "Practice finished"), "last": ("अंतिम गतिविधि", "Last activity"),
    "yes": ("हाँ", "yes"), "no": ("नहीं", "no"), "vacant": ("रिक्त", "vacant"), "never": ("कभी नहीं", "never"),
    "none": ("कोई नहीं", "none"), "back": ("डैशबोर्ड", "Dashboard"),
    "forbidden": ("तैयारी केवल जिलाधिकारी और जिला हेल्पलाइन प्रभारी देख सकते हैं।",
                  "Only the District Magistrate and the district helpline in-charge can see readiness."),
}

PAGE = env.from_string("""<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ w.title }} · {{ district }}</title><link rel="stylesheet" href="/static/style.css"></head>
<body><main>
<p><a href="/dashboard">{{ w.back }}</a> · <a href="?lang={{ other }}">{{ 'English' if lang == 'hi' else 'हिंदी' }}</a></p>
<h1>{{ w.title }} · {{ district }}</h1>
<p id="summary">{{ summary }}</p>
<h2>{{ w.not_ready }} ({{ view.not_ready|length }})</h2>
{% if view.not_ready %}<ul id="not-ready">{% for p in view.not_ready %}
<li data-post="{{ p.post }}">{{ p.post }} · {{ p.title_hi if lang == 'hi' else p.title_en }} ·
{{ p.name if p.officer_id else w.vacant }}</li>{% endfor %}</ul>{% else %}<p>{{ w.none }}</p>{% endif %}
<h2>{{ idle_title }} ({{ view.idle|length }})</h2>
{% if view.idle %}<ul id="idle">{% for p in view.idle %}
<li data-post="{{ p.post }}">{{ p.post }} · {{ p.name }} · {{ when(p.last_activity) or w.never }}</li>{% endfor %}</ul>
{% else %}<p>{{ w.none }}</p>{% endif %}
<h2>{{ w.all }}</h2>
<table id="posts"><thead><tr><th>{{ w.post }}</th><th>{{ w.department }}</th><th>{{ w.level }}</th><th>{{ w.officer }}</th>
<th>{{ w.linked }}</th><th>{{ w.practice }}</th><th>{{ w.last }}</th></tr></thead><tbody>
{% for p in view.posts %}<tr data-post="{{ p.post }}"><td>{{ p.post }}</td><td>{{ dept(p.department) }}</td>
<td>{{ p.level or '' }}</td><td>{{ p.name or w.vacant }}</td><td>{{ w.yes if p.linked else w.no }}</td>
<td>{{ w.yes if p.practice_finished else w.no }}</td><td>{{ when(p.last_activity) or w.never }}</td></tr>
{% endfor %}</tbody></table>
</main></body></html>""")


def _words(lang: str) -> dict[str, str]:
    return {k: v[0 if lang == "hi" else 1] for k, v in WORDS.items()}


def _html(body: str, status: int = 200) -> HTMLResponse:
    return HTMLResponse(body, status_code=status, headers=SECURITY_HEADERS)


@router.get("/readiness", response_class=HTMLResponse)
async def readiness_page(request: Request) -> Response:
    """The viewer's district: posts not ready, officers idle, and every post."""
    officer = auth.session_officer(request)
    if officer is None:
        return RedirectResponse("/dashboard/login", status_code=303)
    lang = page_language(request)
    w = _words(lang)
    try:
        view = await asyncio.to_thread(readiness.readiness_for, officer)
    except PermissionDenied:
        return _html(f'<!doctype html><html lang="hi"><meta charset="utf-8"><title>403</title>'
                     f'<p>{WORDS["forbidden"][0]}</p><p>{WORDS["forbidden"][1]}</p>'
                     f'<p><a href="/dashboard">डैशबोर्ड / Dashboard</a></p></html>', 403)
    d = reference.district(view.district)
    summary = w["summary"].format(posts=len(view.posts), linked=view.linked, practised=view.practised)
    return _html(PAGE.render(lang=lang, other="en" if lang == "hi" else "hi", w=w, view=view, summary=summary,
                             district=d.name(lang) if d else view.district,
                             idle_title=w["idle"].format(days=readiness.IDLE_DAYS), when=local_time,
                             dept=lambda code: department_name(code, lang)))
