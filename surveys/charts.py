"""Server-side SVG charts: a horizontal bar per answer (weighted share and its margin) and a line per
choice across the years. No JavaScript; suppressed values are drawn as a dash, never as a bar."""

from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

WIDTH = 340  # fits a 360 px phone
BAR_HEIGHT = 22
LABEL_HEIGHT = 16
COLOURS = ["#00617f", "#c8102e", "#e3a600", "#3b8f3b", "#6a4c93", "#8c564b", "#17becf", "#7f7f7f"]


def _n(value: float) -> str:
    return f"{value:.1f}"


def bar_chart(table) -> str:
    rows = table.rows
    if table.suppressed or not rows:
        return ""
    height = len(rows) * (BAR_HEIGHT + LABEL_HEIGHT + 6) + 4
    parts = [
        format_html(
            '<svg class="survey-chart" viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}">',
            WIDTH,
            height,
            table.question.text,
        )
    ]
    y = 2
    usable = WIDTH - 60
    for row in rows:
        parts.append(format_html('<text x="0" y="{}" font-size="12">{}</text>', y + 12, str(row.label)[:60]))
        y += LABEL_HEIGHT
        if row.suppressed:
            parts.append(
                format_html('<text x="0" y="{}" font-size="12">— {}</text>', y + 15, _("fewer than 10"))
            )
        else:
            share = row.weighted_share or 0.0
            width = max(1.0, usable * share / 100)
            parts.append(
                format_html(
                    '<rect x="0" y="{}" width="{}" height="{}" fill="#00617f"><title>{}</title></rect>',
                    y,
                    _n(width),
                    BAR_HEIGHT - 4,
                    f"{share:.1f}% ± {row.margin or 0:.1f}",
                )
            )
            if row.margin:
                low = usable * max(0.0, share - row.margin) / 100
                high = usable * min(100.0, share + row.margin) / 100
                mid = y + (BAR_HEIGHT - 4) / 2
                parts.append(
                    format_html(
                        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#222" stroke-width="1.5"/>',
                        _n(low),
                        _n(high),
                        _n(mid),
                        _n(mid),
                    )
                )
            parts.append(
                format_html(
                    '<text x="{}" y="{}" font-size="12">{}%</text>', _n(width + 4), y + 13, f"{share:.1f}"
                )
            )
        y += BAR_HEIGHT + 6
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - every part was escaped by format_html


def line_chart(trend: dict) -> str:
    """Weighted shares of each choice across the years ({"years", "series"} of question_year_over_year)."""
    years = trend["years"]
    if len(years) < 2:
        return ""
    height, left, right, top, bottom = 200, 34, 10, 10, 24
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    step = plot_w / (len(years) - 1)

    def point(i, value):
        return left + i * step, top + plot_h * (1 - value / 100)

    parts = [
        format_html(
            '<svg class="survey-chart" viewBox="0 0 {} {}" width="100%" role="img" aria-label="{}">',
            WIDTH,
            height + 18 * len(trend["series"]),
            _("Year over year"),
        )
    ]
    for tick in (0, 50, 100):
        _x, y = point(0, tick)
        parts.append(
            format_html(
                '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#ccc"/>'
                '<text x="0" y="{}" font-size="10">{}%</text>',
                left,
                WIDTH - right,
                _n(y),
                _n(y),
                _n(y + 3),
                tick,
            )
        )
    for i, year in enumerate(years):
        x, _y = point(i, 0)
        parts.append(
            format_html(
                '<text x="{}" y="{}" font-size="11" text-anchor="middle">{}</text>', _n(x), height - 6, year
            )
        )
    for n, series in enumerate(trend["series"]):
        colour = COLOURS[n % len(COLOURS)]
        points = [point(i, v) for i, v in enumerate(series["values"]) if v is not None]
        if len(points) >= 2:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
            parts.append(
                format_html('<polyline points="{}" fill="none" stroke="{}" stroke-width="2"/>', path, colour)
            )
        for x, y in points:
            parts.append(format_html('<circle cx="{}" cy="{}" r="3" fill="{}"/>', _n(x), _n(y), colour))
        legend_y = height + 14 + 18 * n
        parts.append(
            format_html(
                '<rect x="0" y="{}" width="10" height="10" fill="{}"/>'
                '<text x="14" y="{}" font-size="11">{}</text>',
                legend_y - 9,
                colour,
                legend_y,
                escape(series["label"])[:50],
            )
        )
    parts.append(mark_safe("</svg>"))
    return mark_safe("".join(str(p) for p in parts))  # noqa: S308 - every part was escaped by format_html
