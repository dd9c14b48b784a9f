"""Charts drawn on the server as SVG: a trend sparkline and the tile-grid map of the 20 regions.

No script and no style attribute (the CSP allows neither): geometry and colours are SVG presentation
attributes, text is escaped by format_html.
"""

import math

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from .enums import Unit

# (column, row) of each region by its KATO prefix, roughly as on the map: west to east, north to south.
TILES = {
    "27": (0, 0), "39": (2, 0), "59": (3, 0), "55": (5, 0),
    "23": (0, 1), "15": (1, 1), "11": (3, 1), "71": (4, 1), "63": (6, 1),
    "47": (0, 2), "62": (2, 2), "35": (3, 2), "10": (5, 2),
    "43": (2, 3), "61": (3, 3), "31": (4, 3), "33": (5, 3),
    "79": (3, 4), "19": (4, 4), "75": (5, 4),
}  # fmt: skip
COLUMNS, ROWS = 7, 5
TILE_W, TILE_H, GAP = 124, 84, 6
# A sequential blue scale (light to dark) with the text colour that stays readable on each.
SCALE = [("#deebf7", "#10232f"), ("#9ecae1", "#10232f"), ("#4a98c9", "#ffffff"), ("#1f6aa5", "#ffffff"),
         ("#08306b", "#ffffff")]  # fmt: skip
NO_DATA = ("#eceff1", "#4a5966")


def format_value(value, unit: str) -> str:
    if value is None:
        return "—"
    text = f"{value:,.1f}" if unit in (Unit.PERCENT, Unit.INDEX) else f"{value:,.0f}"
    text = text.replace(",", "\u202f")
    return f"{text}\u202f%" if unit == Unit.PERCENT else text


def sparkline(points: list[tuple], *, width: int = 120, height: int = 28, label: str = "") -> str:
    """A polyline of the values (None skipped) with the last point marked; empty when nothing to draw."""
    values = [(i, v) for i, (_start, v) in enumerate(points) if v is not None]
    if len(values) < 2:
        return ""
    top = max(v for _i, v in values)
    bottom = min(v for _i, v in values)
    span = (top - bottom) or 1.0
    steps = max(len(points) - 1, 1)
    coords = [
        (round(2 + i * (width - 4) / steps, 1), round(height - 3 - (v - bottom) * (height - 6) / span, 1))
        for i, v in values
    ]
    path = " ".join(f"{x},{y}" for x, y in coords)
    last_x, last_y = coords[-1]
    return format_html(
        '<svg class="sparkline" width="{}" height="{}" viewBox="0 0 {} {}" role="img" aria-label="{}">'
        '<polyline points="{}" fill="none" stroke="#00617f" stroke-width="2" stroke-linejoin="round"/>'
        '<circle cx="{}" cy="{}" r="2.5" fill="#7a5a00"/></svg>',
        width,
        height,
        width,
        height,
        label,
        path,
        last_x,
        last_y,
    )


def bins(values: list[float], *, whole: bool = False) -> list[tuple[float, float]]:
    """Up to five equal-width classes from the smallest to the largest value (one when all are equal).

    whole: counts, so every class is a range of whole numbers (0–1, 2–3…) and none repeats another.
    """
    if not values:
        return []
    low, high = min(values), max(values)
    if math.isclose(low, high):
        return [(low, high)]
    if whole:
        low, high = math.floor(low), math.ceil(high)
        step = max(1, math.ceil((high - low + 1) / len(SCALE)))
        classes, start = [], low
        while start <= high:
            classes.append((start, min(start + step - 1, high)))
            start += step
        return classes
    step = (high - low) / len(SCALE)
    return [(low + k * step, low + (k + 1) * step) for k in range(len(SCALE))]


def _lines(name: str, width: int = 15) -> list[str]:
    """The region's name on one or two lines of about `width` characters (hyphens and spaces break)."""
    words = name.replace("-", "- ").split()
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + len(word) + 1 <= width and len(lines) <= 2:
            lines[-1] = (lines[-1] + " " + word).replace("- ", "-")
        else:
            lines.append(word)
    lines = [line.replace("- ", "-") for line in lines]
    if len(lines) > 2:
        lines = [lines[0], " ".join(lines[1:])]
    return [line if len(line) <= width + 3 else line[: width + 2] + "…" for line in lines]


def class_of(value: float, classes: list[tuple[float, float]]) -> int:
    for k, (_low, high) in enumerate(classes):
        if value <= high + 1e-9 or k == len(classes) - 1:
            return k
    return len(classes) - 1


def tile_map(cells, *, unit: str, link_for) -> dict:
    """The SVG map and its legend: each region's tile coloured by its class, linked to its drill-down."""
    shown = [c.value for c in cells if c.visible and c.value is not None]
    classes = bins(shown, whole=unit in (Unit.COUNT, Unit.PEOPLE))

    def colour(k: int) -> tuple[str, str]:
        return SCALE[k] if len(classes) > 1 else SCALE[2]  # all equal: one middle colour

    tiles = []
    for cell in cells:
        column, row = TILES.get(cell.region.code, (COLUMNS - 1, ROWS - 1))
        x, y = column * (TILE_W + GAP), row * (TILE_H + GAP)
        if cell.visible and cell.value is not None:
            fill, ink = colour(class_of(cell.value, classes))
        else:
            fill, ink = NO_DATA
        value = format_value(cell.value, unit) if cell.visible else ""
        title = f"{cell.region.name}: {value or _('not available')}"
        lines = _lines(cell.region.name)
        label = format_html_join(
            "",
            '<text x="{}" y="{}" fill="{}" font-size="12" text-anchor="middle">{}</text>',
            ((x + TILE_W / 2, y + 20 + 14 * k, ink, line) for k, line in enumerate(lines)),
        )
        tile = format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" rx="8" fill="{}" stroke="#ffffff"/>{}'
            '<text x="{}" y="{}" fill="{}" font-size="18" font-weight="700" text-anchor="middle">{}</text>'
            "<title>{}</title>",
            x,
            y,
            TILE_W,
            TILE_H,
            fill,
            label,
            x + TILE_W / 2,
            y + TILE_H - 12,
            ink,
            value,
            title,
        )
        if cell.visible:
            tile = format_html(
                '<a href="{}" data-region="{}">{}</a>', link_for(cell.region), cell.region.code, tile
            )
        else:
            tile = format_html('<g data-region="{}">{}</g>', cell.region.code, tile)
        tiles.append(tile)
    width, height = COLUMNS * (TILE_W + GAP) - GAP, ROWS * (TILE_H + GAP) - GAP
    svg = format_html(
        # A group, not an image: its tiles are links to each region (axe: nested-interactive).
        '<svg class="tile-map" viewBox="0 0 {} {}" role="group" aria-labelledby="map-title">{}</svg>',
        width,
        height,
        mark_safe("".join(str(t) for t in tiles)),  # noqa: S308 - every tile is format_html
    )
    legend = []
    for k, (low, high) in enumerate(classes):
        low_text, high_text = format_value(low, unit), format_value(high, unit)
        text = low_text if low_text == high_text else f"{low_text} – {high_text}"
        legend.append({"fill": colour(k)[0], "text": text})
    return {"svg": svg, "legend": legend, "no_data_fill": NO_DATA[0]}


def legend_swatch(fill: str) -> str:
    return format_html(
        '<svg width="18" height="18" aria-hidden="true">'
        '<rect width="18" height="18" rx="3" fill="{}"/></svg>',
        fill,
    )
