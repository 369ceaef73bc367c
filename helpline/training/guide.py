"""The officer's guide (tour after linking, and /help): texts in Hindi and English, built per post.

The texts themselves (tour, practice tips, readiness, handover notice) live in helpline/texts.py
under `training.*`.
"""
from __future__ import annotations

from helpline import reference, rules, settings
from helpline.texts import language, render


def level_days(department: str | None) -> list[int]:
    """The department's days at each level (settings.LEVEL_DAYS where it sets none)."""
    return [reference.level_days(department or "", level) for level in rules.LEVELS]


_department_name = reference.department_name


def is_incharge(officer) -> bool:
    """The district helpline in-charge: a post of the `other` desk of a district."""
    return officer.department == rules.ROUTING_DESK and officer.district is not None and officer.role == "officer"


def sample_notification(officer, lang: str) -> str:
    """What a new-complaint notification looks like for this officer's post."""
    place = reference.block(officer.block) or reference.district(officer.district or "")
    return render("notify.assigned", lang, number=f"{settings.TICKET_PREFIX}-2026-000000",
                  department=_department_name(officer.department, lang),
                  place=place.name(lang) if place else "", level=officer.level or rules.level_label(rules.MIN_LEVEL),
                  text=render("training.sample_text", lang), due="05-04-2026 17:00")


def tour(officer, lang: str | None = None) -> list[str]:
    """The guided tour, one text per step: notification, time limits, actions, how to start."""
    lang = language(lang or officer.language)
    title = officer.title_hi if lang == "hi" else officer.title_en
    if officer.role == "district_admin":
        return [render("training.tour_dm", lang, name=officer.name, title=title, hour=settings.DM_DIGEST_HOUR)]
    days = level_days(officer.department)
    steps = [render("training.tour_notification", lang, name=officer.name, title=title,
                    sample=sample_notification(officer, lang)),
             render("training.tour_limits", lang, department=_department_name(officer.department, lang),
                    l1=days[0], l2=days[1], l3=days[2], l4=days[3],
                    level=officer.level or rules.level_label(rules.MIN_LEVEL)),
             render("training.tour_actions", lang),
             render("training.tour_start", lang)]
    if is_incharge(officer):
        steps[-1] += "\n\n" + render("training.tour_incharge", lang)
    return steps


def guide(officer, lang: str | None = None) -> str:
    """The whole tour in one text, steps numbered, for /help and after /link."""
    steps = tour(officer, lang)
    if len(steps) == 1:
        return steps[0]
    return "\n\n".join(f"({i}/{len(steps)}) {text}" for i, text in enumerate(steps, 1))
