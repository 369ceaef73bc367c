"""The monthly review written out: CSV files, PNG charts (matplotlib, Agg) and a bilingual HTML page.

Chart labels are English: matplotlib's fonts here have no Devanagari; the HTML page is Hindi and English.
"""
from __future__ import annotations

import base64
import csv
import io
import json
from pathlib import Path

from jinja2 import Environment, select_autoescape

from helpline.errors import InvalidInput
from helpline.reports.review import GRADES, MIN_RECEIVED, WEIGHT_LABELS, WEIGHTS, Figures, Review, monthly_review

CSV_COLUMNS = ("code", "name_en", "name_hi", "detail", "received", "disposed", "disposed_in_time", "pending",
               "pending_beyond_time", "escalated_by_time", "avg_days_to_dispose", "satisfied_pct", "reopened_pct",
               "special_closed", "feedback_answers", "score", "grade")
TABLES = (("posts", "Officer posts", "अधिकारी पद"), ("departments", "Departments", "विभाग"),
          ("districts", "Districts", "जनपद"))
CHART_ROWS = 15


def write_csv(path: Path, lines: list[Figures]) -> None:
    """One CSV (UTF-8 with BOM, so spreadsheet programs show Hindi names correctly)."""
    with path.open("w", newline="", encoding="utf-8-sig") as fh:
        writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        for f in lines:
            writer.writerow(f.as_row())


def _figure_png(draw) -> bytes:  # noqa: ANN001
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 4.8), dpi=100)
    try:
        draw(ax)
        fig.tight_layout()
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        return buf.getvalue()
    finally:
        plt.close(fig)


def _workload_chart(title: str, lines: list[Figures]) -> bytes:
    """Stacked bars: disposed within time, disposed late, pending, pending beyond time."""
    lines = sorted(lines, key=lambda f: -f.received)[:CHART_ROWS]

    def draw(ax) -> None:  # noqa: ANN001
        names = [f.key for f in lines]
        late = [f.disposed - f.disposed_in_time for f in lines]
        in_time_pending = [f.pending - f.pending_beyond_time for f in lines]
        parts = (([f.disposed_in_time for f in lines], "disposed within time", "#2e7d32"),
                 (late, "disposed late", "#9ccc65"), (in_time_pending, "pending", "#ffb300"),
                 ([f.pending_beyond_time for f in lines], "pending beyond time", "#c62828"))
        left = [0] * len(lines)
        for values, label, colour in parts:
            ax.barh(names, values, left=left, label=label, color=colour)
            left = [a + b for a, b in zip(left, values)]
        ax.invert_yaxis()
        ax.set_xlabel("tickets filed in the month")
        ax.set_title(title)
        ax.legend(loc="lower right", fontsize=8)
        if not lines:
            ax.text(0.5, 0.5, "no tickets", ha="center", va="center", transform=ax.transAxes)

    return _figure_png(draw)


def _score_chart(title: str, lines: list[Figures]) -> bytes:
    scored = [f for f in lines if f.score is not None][:CHART_ROWS]
    colours = {"A": "#2e7d32", "B": "#7cb342", "C": "#ffb300", "D": "#c62828"}

    def draw(ax) -> None:  # noqa: ANN001
        ax.barh([f.key for f in scored], [f.score for f in scored],
                color=[colours.get(f.grade, "#999999") for f in scored])
        for floor, grade in GRADES:
            ax.axvline(floor, color="#777777", linewidth=0.6, linestyle="--")
            ax.text(floor, -0.8, grade, fontsize=8, color="#555555")
        ax.set_xlim(0, 100)
        ax.invert_yaxis()
        ax.set_xlabel("score (0-100)")
        ax.set_title(title)
        if not scored:
            ax.text(0.5, 0.5, "no tickets", ha="center", va="center", transform=ax.transAxes)

    return _figure_png(draw)


def charts(review: Review) -> dict[str, bytes]:
    """File name -> PNG bytes of every chart of the review."""
    out = {"departments.png": _workload_chart(f"Departments, {review.month}", review.departments),
           "department_scores.png": _score_chart(f"Department scores, {review.month}", review.departments),
           "post_scores.png": _score_chart(f"Officer post scores (top {CHART_ROWS}), {review.month}",
                                           review.posts)}
    if review.district is None:
        out["districts.png"] = _workload_chart(f"Districts, {review.month}", review.districts)
        out["district_scores.png"] = _score_chart(f"District scores, {review.month}", review.districts)
    return out


_PAGE = """<!doctype html>
<html lang="hi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>मासिक समीक्षा / Monthly review {{ r.month }} — {{ r.scope_en }}</title>
<style>
body{font-family:system-ui,"Noto Sans Devanagari","Noto Sans",sans-serif;margin:1.5rem;color:#222;max-width:80rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:right}
th{background:#f0f0f0} td.l,th.l{text-align:left}
.g-A{background:#c8e6c9}.g-B{background:#dcedc8}.g-C{background:#fff3c4}.g-D{background:#ffcdd2}
.sum{font-size:1.05rem} img{max-width:100%;border:1px solid #eee;margin:.3rem 0}
.hi{color:#555}
</style></head><body>
{% if back_url %}<p><a href="{{ back_url }}">← डैशबोर्ड / Dashboard</a></p>{% endif %}
<h1>मासिक समीक्षा — {{ r.scope_hi }}, {{ r.month }}<br><span class="hi">Monthly review — {{ r.scope_en }}, {{ r.month }}</span></h1>
<p>माह में दर्ज शिकायतें, रिपोर्ट बनने के समय की स्थिति ({{ as_of }}) / Tickets filed in the month, as they
stand when the report was made ({{ as_of }}). अभ्यास (practice) शिकायतें नहीं गिनी गईं / practice tickets are not counted.</p>
<p class="sum">कुल प्राप्त / received <b>{{ t.received }}</b> · निस्तारित / disposed <b>{{ t.disposed }}</b>
(समय में / within time {{ t.disposed_in_time }}) · लंबित / pending <b>{{ t.pending }}</b>
(समय-सीमा पार / beyond time <b>{{ t.pending_beyond_time }}</b>) ·
अंक / score <b>{{ t.score if t.score is not none else "-" }}</b> · ग्रेड / grade <b>{{ t.grade }}</b></p>

<h2>पुरस्कार हेतु श्रेष्ठ / Best performers (for reward)</h2>
{% if r.best %}<ol>{% for f in r.best %}<li><b>{{ f.key }}</b> — {{ f.name_hi }} / {{ f.name_en }} {% if f.detail %}({{ f.detail }}){% endif %}:
 score {{ f.score }}, grade {{ f.grade }}, {{ f.received }} received, {{ f.disposed_in_time }} within time</li>{% endfor %}</ol>
{% else %}<p>कोई नहीं (ग्रेड A/B और कम से कम {{ min_received }} शिकायतें आवश्यक) / none (grade A or B with at least {{ min_received }} tickets needed)</p>{% endif %}

{% macro negligent(items) %}{% if items %}<ol>{% for f in items %}<li><b>{{ f.key }}</b> — {{ f.name_hi }} / {{ f.name_en }} {% if f.detail %}({{ f.detail }}){% endif %}:
 {{ caller(f) }}</li>{% endfor %}</ol>{% else %}<p>कोई नहीं / none</p>{% endif %}{% endmacro -%}
<h2>लापरवाही: सर्वाधिक समय-सीमा पार लंबित / Negligent: most pending beyond time</h2>
{% call(f) negligent(r.most_beyond_time) %}{{ f.pending_beyond_time }} beyond time of {{ f.received }}{% endcall %}
<h2>लापरवाही: सर्वाधिक समय-सीमा पार होकर ऊपर भेजी गई / Negligent: most left to run out of time (escalated)</h2>
{% call(f) negligent(r.most_escalated) %}{{ f.escalated_by_time }} escalated by time this month{% endcall %}
<h2>लापरवाही: सर्वाधिक पुनः खोली गई / Negligent: most reopened</h2>
{% call(f) negligent(r.most_reopened) %}{{ f.reopened }} reopened of {{ f.received }}{% endcall %}

{% for name, en, hi in tables %}{% set lines = r[name] %}
<h2>{{ hi }} / {{ en }}</h2>
{% if name + ".csv" in files %}<p><a href="{{ name }}.csv">{{ name }}.csv</a></p>{% endif %}
<table><thead><tr><th class="l">कोड / code</th><th class="l">नाम / name</th>
<th>प्राप्त<br>received</th><th>निस्तारित<br>disposed</th><th>समय में<br>within time</th><th>लंबित<br>pending</th>
<th>समय-सीमा पार<br>beyond time</th><th>समय पार, ऊपर भेजी<br>escalated by time</th><th>औसत दिन<br>avg days</th><th>संतुष्ट %<br>satisfied %</th>
<th>पुनः खोली %<br>reopened %</th><th>विशेष निस्तारण<br>special closures</th><th>अंक<br>score</th><th>ग्रेड<br>grade</th></tr></thead><tbody>
{% for f in lines %}{% set row = f.as_row() %}<tr class="g-{{ f.grade }}"><td class="l">{{ f.key }}</td>
<td class="l">{{ f.name_hi }}<br><span class="hi">{{ f.name_en }}{% if f.detail %} · {{ f.detail }}{% endif %}</span></td>
<td>{{ f.received }}</td><td>{{ f.disposed }}</td><td>{{ f.disposed_in_time }}</td><td>{{ f.pending }}</td>
<td>{{ f.pending_beyond_time }}</td><td>{{ f.escalated_by_time }}</td><td>{{ dash(row.avg_days_to_dispose) }}</td><td>{{ dash(row.satisfied_pct) }}</td>
<td>{{ dash(row.reopened_pct) }}</td><td>{{ f.special_closed }}</td><td>{{ dash(f.score) }}</td><td>{{ f.grade }}</td></tr>
{% else %}<tr><td class="l" colspan="14">इस माह कोई शिकायत नहीं / no tickets this month</td></tr>{% endfor %}
</tbody></table>{% endfor %}

<h2>चार्ट / Charts</h2>
{% for name, src in images %}<p><img src="{{ src }}" alt="{{ name }}"></p>{% endfor %}

<h2>अंक कैसे बनते हैं / How the score is made</h2>
<ul>{% for key, weight in weights.items() %}<li>{{ (weight * 100) | round | int }}% — {{ labels[key][1] }} / {{ labels[key][0] }}</li>{% endfor %}</ul>
<p>ग्रेड / grade: A ≥ 80, B ≥ 60, C ≥ 40, D &lt; 40. जहाँ कोई प्रतिक्रिया नहीं मिली, वह भाग छोड़कर शेष भार बढ़ाए जाते हैं /
where no feedback was given, that part is left out and the other weights scaled up.</p>
<p>किसी पद की "प्राप्त" शिकायतें = माह की वे शिकायतें जो रिपोर्ट के समय उस पद को सौंपी हैं (निस्तारित: जिस पद ने निस्तारण किया;
लंबित: जिस पद पर प्रतीक्षारत) / A post's "received" tickets are the month's tickets assigned to it when the report runs
(disposed: the post that disposed of them; pending: the post they wait on, after any escalation).
समय में = उस स्तर की समय-सीमा के भीतर निस्तारण / within time = disposed within the time limit of the level that disposed of it.</p>
</body></html>
"""

_env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))


def render_html(review: Review, images: list[tuple[str, str]], files: tuple[str, ...] = (),
                back_url: str | None = None) -> str:
    """The review page; `images` are (name, src) pairs: file names, or data: URIs for a dashboard page."""
    return _env.from_string(_PAGE).render(
        r=review, t=review.total, as_of=review.as_of.strftime("%Y-%m-%d %H:%M UTC"), tables=TABLES,
        images=images, files=files, weights=WEIGHTS, labels=WEIGHT_LABELS, min_received=MIN_RECEIVED,
        dash=lambda v: "-" if v is None else v, back_url=back_url)


def page_with_inline_charts(review: Review, back_url: str | None = None) -> str:
    """The review page with its charts embedded (for serving from the dashboard without files)."""
    images = [(name, "data:image/png;base64," + base64.b64encode(png).decode())
              for name, png in charts(review).items()]
    return render_html(review, images, back_url=back_url)


def write_review(review: Review, out: Path) -> dict:
    """Write review.html, posts.csv, departments.csv, districts.csv and the charts into `out`."""
    out.mkdir(parents=True, exist_ok=True)
    files = []
    for name, _, _ in TABLES:
        write_csv(out / f"{name}.csv", getattr(review, name))
        files.append(f"{name}.csv")
    pngs = charts(review)
    for name, png in pngs.items():
        (out / name).write_bytes(png)
        files.append(name)
    (out / "review.html").write_text(render_html(review, [(n, n) for n in pngs], tuple(files)), encoding="utf-8")
    files.insert(0, "review.html")
    return {**review.summary(), "out": str(out), "files": files}


def summary_line(result: dict) -> str:
    return json.dumps(result, ensure_ascii=False, default=str)


def report_command(*, month: str, district: str | None, state: bool, out: str) -> dict:
    """`helpline report`: compute the review and write it into `out`; returns the summary."""
    if state and district:
        raise InvalidInput("error.invalid_input", detail="give either --district or --state, not both")
    review = monthly_review(month, district=None if state else district)
    return write_review(review, Path(out))
