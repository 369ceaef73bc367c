"""The monthly review on known tickets (SQLite and PostgreSQL): figures, grades, lists, files, CLI."""
from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import update

from helpline import service
from helpline.store import db
from helpline.reports import review
from helpline.cli import main
from helpline.errors import InvalidInput
from helpline.store.models import Ticket

T0 = datetime(2026, 3, 2, 6, 0, tzinfo=timezone.utc)
AS_OF = T0 + timedelta(days=20)


def _day(n: float) -> datetime:
    return T0 + timedelta(days=n)


def _file(text: str, department: str, district: str, block: str | None, phone: str, when: datetime) -> str:
    return service.file_ticket(text=text, department=department, district=district, block=block, phone=phone,
                               channel="phone", now=when).number


@pytest.fixture
def march(database: str) -> dict[str, str]:
    """Rudraprayag's March 2026: in time + satisfied, reopened then late, neglected, special closure."""
    t = {}
    t["a"] = _file("Bijli nahi hai teen din se", "energy", "rudraprayag", "ukhimath", "9876500001", _day(0))
    service.officer_action(t["a"], "resolve", officer="energy.L1.rudraprayag.ukhimath", note="line fixed",
                           now=_day(2))
    service.give_feedback(t["a"], satisfied=True, rating=5, now=_day(2.5))
    t["b"] = _file("transformer jal gaya gaon ka", "energy", "rudraprayag", "ukhimath", "9876500002", _day(0))
    service.officer_action(t["b"], "resolve", officer="energy.L1.rudraprayag.ukhimath", note="done", now=_day(3))
    service.give_feedback(t["b"], satisfied=False, rating=1, now=_day(4))  # reopened at L2, due day 11
    service.officer_action(t["b"], "resolve", officer="energy.L2.rudraprayag", note="new transformer",
                           now=_day(12))
    service.give_feedback(t["b"], satisfied=True, rating=4, now=_day(13))
    t["c"] = _file("सड़क पर बड़ा गड्ढा है", "public_works", "rudraprayag", "jakholi", "9876500003", _day(1))
    t["d"] = _file("meter reading galat hai", "energy", "rudraprayag", "jakholi", "9876500004", _day(0))
    service.officer_action(t["d"], "special_close", officer="energy.L3.state", note="court order", now=_day(1))
    t["practice"] = _file("practice complaint", "energy", "rudraprayag", "ukhimath", "9876500005", _day(0))
    with db.unit_of_work() as session:
        session.execute(update(Ticket).where(Ticket.number == t["practice"]).values(is_practice=True))
    t["dehradun"] = _file("light nahi aa rahi", "energy", "dehradun", None, "9876500006", _day(5))
    t["february"] = _file("purani shikayat", "energy", "rudraprayag", "ukhimath", "9876500007",
                          datetime(2026, 2, 27, 6, tzinfo=timezone.utc))
    return t


def _by_key(lines: list[review.Figures]) -> dict[str, dict]:
    return {f.key: f.as_row() for f in lines}


def test_district_review_counts_the_months_tickets(march: dict[str, str]) -> None:
    r = review.monthly_review("2026-03", district="Rudraprayag", now=AS_OF)
    total = r.total.as_row()
    assert (total["received"], total["disposed"], total["disposed_in_time"], total["pending"],
            total["pending_beyond_time"], total["special_closed"]) == (4, 3, 2, 1, 1, 1)
    assert total["avg_days_to_dispose"] == 5.0          # (2 + 12 + 1) / 3
    assert total["satisfied_pct"] == pytest.approx(66.7)  # 2 of 3 answers
    assert total["reopened_pct"] == 25.0
    assert [d.key for d in r.districts] == ["rudraprayag"]


def test_posts_grades_and_named_lists(march: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(review, "MIN_RECEIVED", 1)
    r = review.monthly_review("2026-03", district="rudraprayag", now=AS_OF)
    posts = _by_key(r.posts)
    assert set(posts) == {"energy.L1.rudraprayag.ukhimath", "energy.L2.rudraprayag",
                          "energy.L1.rudraprayag.jakholi", "public_works.L1.rudraprayag.jakholi"}
    ukhimath = posts["energy.L1.rudraprayag.ukhimath"]
    assert (ukhimath["received"], ukhimath["score"], ukhimath["grade"]) == (1, 100.0, "A")
    reopened_late = posts["energy.L2.rudraprayag"]
    assert (reopened_late["disposed_in_time"], reopened_late["reopened_pct"], reopened_late["satisfied_pct"]) \
        == (0, 100.0, 50.0)
    assert (reopened_late["score"], reopened_late["grade"]) == (37.5, "D")
    neglected = posts["public_works.L1.rudraprayag.jakholi"]
    assert (neglected["pending_beyond_time"], neglected["score"], neglected["grade"]) == (1, 13.3, "D")
    assert posts["energy.L1.rudraprayag.jakholi"]["special_closed"] == 1
    assert "Anju Adhikari" in ukhimath["detail"]
    assert [f.key for f in r.best] == ["energy.L1.rudraprayag.jakholi", "energy.L1.rudraprayag.ukhimath"]
    assert [f.key for f in r.most_beyond_time] == ["public_works.L1.rudraprayag.jakholi"]
    assert [f.key for f in r.most_reopened] == ["energy.L2.rudraprayag"]
    departments = _by_key(r.departments)
    assert (departments["energy"]["received"], departments["energy"]["disposed"]) == (3, 3)
    assert departments["public_works"]["pending"] == 1


def test_posts_that_let_complaints_run_out_of_time_are_named(database: str) -> None:
    """An escalation by time counts against the post the complaint left, not the one it reached."""
    _file("सड़क पर बड़ा गड्ढा है, कोई सुनवाई नहीं", "public_works", "rudraprayag", "jakholi", "9876500011", _day(0))
    _file("nali band hai mohalle ki", "public_works", "rudraprayag", "ukhimath", "9876500012", _day(0))
    february = _file("purani sadak toot gayi", "public_works", "rudraprayag", "jakholi", "9876500013",
                     datetime(2026, 2, 20, 6, tzinfo=timezone.utc))
    service.officer_action(february, "resolve", officer="public_works.L1.rudraprayag.jakholi", note="repaired",
                           now=_day(-4))
    service.officer_action(_file("pul toota hai", "public_works", "rudraprayag", "ukhimath", "9876500014", _day(0)),
                           "resolve", officer="public_works.L1.rudraprayag.ukhimath", note="fixed", now=_day(1))
    assert service.sweep(now=_day(7.1))["escalated"] == 2          # both L1 posts let 7 days pass: up to L2
    r = review.monthly_review("2026-03", district="rudraprayag", now=_day(7.2))
    posts = _by_key(r.posts)
    assert posts["public_works.L1.rudraprayag.jakholi"]["escalated_by_time"] == 1
    assert posts["public_works.L1.rudraprayag.ukhimath"]["escalated_by_time"] == 1
    assert (posts["public_works.L2.rudraprayag"]["received"], posts["public_works.L2.rudraprayag"]["escalated_by_time"]) \
        == (2, 0)
    assert [f.key for f in r.most_escalated] == ["public_works.L1.rudraprayag.ukhimath",
                                                 "public_works.L1.rudraprayag.jakholi"]   # tie: more received first
    assert r.total.escalated_by_time == 2
    assert review.monthly_review("2026-02", district="rudraprayag", now=_day(7.2)).most_escalated == []


def test_state_review_ranks_every_district(march: dict[str, str]) -> None:
    r = review.monthly_review("2026-03", now=AS_OF)
    assert r.total.received == 5
    assert {d.key: d.received for d in r.districts} == {"rudraprayag": 4, "dehradun": 1}


def test_month_follows_the_helpline_calendar(database: str) -> None:
    # 20:00 UTC on 28 February is 01:30 on 1 March in India: a March ticket.
    _file("pani nahi aa raha", "drinking_water", "rudraprayag", "ukhimath", "9876500011",
          datetime(2026, 2, 28, 20, tzinfo=timezone.utc))
    assert review.monthly_review("2026-03", now=AS_OF).total.received == 1
    assert review.monthly_review("2026-02", now=AS_OF).total.received == 0


@pytest.mark.parametrize("month", ["2026-13", "March", "", "2026-3"])
def test_bad_month_is_refused(sqlite_database: str, month: str) -> None:
    with pytest.raises(InvalidInput):
        review.monthly_review(month)


def test_unknown_district_is_refused(sqlite_database: str) -> None:
    with pytest.raises(InvalidInput):
        review.monthly_review("2026-03", district="Gotham")


def test_cli_writes_page_csv_and_charts(march: dict[str, str], tmp_path, capsys) -> None:  # noqa: ANN001
    out = tmp_path / "review"
    assert main(["report", "--month", "2026-03", "--district", "rudraprayag", "--out", str(out)]) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["scope"] == "rudraprayag" and summary["received"] == 4
    assert summary["most_beyond_time"] == ["public_works.L1.rudraprayag.jakholi"]
    page = (out / "review.html").read_text(encoding="utf-8")
    assert "मासिक समीक्षा" in page and "Monthly review" in page
    assert "public_works.L1.rudraprayag.jakholi" in page and "40%" in page
    with (out / "departments.csv").open(encoding="utf-8-sig") as fh:
        rows = {row["code"]: row for row in csv.DictReader(fh)}
    assert rows["energy"]["received"] == "3" and rows["energy"]["name_hi"].startswith("ऊर्जा")
    assert (out / "posts.csv").exists() and (out / "districts.csv").exists()
    for name in summary["files"]:
        if name.endswith(".png"):
            assert (out / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_refuses_district_with_state(sqlite_database: str, tmp_path, capsys) -> None:  # noqa: ANN001
    code = main(["report", "--month", "2026-03", "--district", "rudraprayag", "--state", "--out", str(tmp_path)])
    assert code == 1 and "either --district or --state" in capsys.readouterr().err
