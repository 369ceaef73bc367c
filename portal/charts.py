"""Small server-rendered SVG charts (no scripts, no CDN): disposed / pending / beyond time per row."""
from __future__ import annotations

from markupsafe import Markup, escape

from helpline.reports.overview import Counts
from portal.texts import t

ROW = 26
LABEL_W = 230
BAR_W = 420
COLOURS = {"disposed": "#2e7d32", "pending": "#f9a825", "beyond_time": "#c62828"}


def stacked_bars(rows: list[tuple[str, Counts]], lang: str) -> Markup:
    """One horizontal bar per row, scaled to the largest received count; labels escaped."""
    rows = [(label, c) for label, c in rows if c.received]
    if not rows:
        return Markup("")
    top = max(c.received for _, c in rows)
    height = ROW * len(rows) + 30
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
             f'viewBox="0 0 {LABEL_W + BAR_W + 60} {height}" width="100%">']
    for i, (label, c) in enumerate(rows):
        y = i * ROW + 4
        parts.append(f'<text x="{LABEL_W - 6}" y="{y + 15}" text-anchor="end" font-size="13">{escape(label)}</text>')
        x = LABEL_W
        within = c.pending - c.beyond_time
        for key, value in (("disposed", c.disposed), ("pending", within), ("beyond_time", c.beyond_time)):
            width = BAR_W * value / top if top else 0
            if width > 0:
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{ROW - 8}" '
                             f'fill="{COLOURS[key]}"><title>{escape(t("ov." + key, lang))}: {value}</title></rect>')
                x += width
        parts.append(f'<text x="{x + 5:.1f}" y="{y + 15}" font-size="12">{c.received}</text>')
    legend_y = len(rows) * ROW + 20
    x = LABEL_W
    for key, colour in COLOURS.items():
        parts.append(f'<rect x="{x}" y="{legend_y - 10}" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{x + 16}" y="{legend_y}" font-size="12">{escape(t("ov." + key, lang))}</text>')
        x += 130
    parts.append("</svg>")
    return Markup("".join(parts))
