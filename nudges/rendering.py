"""Print-ready nudge banners: one layout, drawn by Pillow (PNG) and by fpdf2 (PDF, fonts embedded).

Sizes (pixel sizes are exact; the PDF page has the physical size below):
- a4: 210 × 297 mm at 300 dpi = 2480 × 3508 px
- a3: 297 × 420 mm at 300 dpi = 3508 × 4961 px
- billboard: a 6 × 3 m street billboard, delivered at a print scale of 1:10: a 600 × 300 mm file
  at 150 dpi = 3543 × 1772 px. The printer enlarges it ten times, which gives 15 dpi on the
  billboard itself, the usual resolution for a board read from 10 m and more. (A 6 m PDF page
  would exceed the 5.08 m (200 inch) limit of PDF viewers, hence the scale.)
- square: 1080 × 1080 px and story: 1080 × 1920 px, for social media (PNG only).

The layout is computed once in pixels with the shipped Noto fonts (nudges/fonts, SIL Open Font
License; never a system font), then drawn: by Pillow into the PNG, and by fpdf2 as vector shapes
and real text with the font embedded (subset) into a one-page PDF of the physical size. Long texts
are wrapped into balanced lines and shrunk until they fit inside the safe margins: nothing is cut.
"""

from __future__ import annotations

import functools
import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

import segno
from PIL import Image, ImageDraw, ImageFont

# fpdf2 subsets the fonts with fontTools, which logs every table it prunes at INFO.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT_DIR = Path(__file__).resolve().parent / "fonts"
FONTS = {
    "sans": FONT_DIR / "NotoSans-Regular.ttf",
    "sans-bold": FONT_DIR / "NotoSans-Bold.ttf",
    "serif-bold": FONT_DIR / "NotoSerif-Bold.ttf",
}
# fpdf2 family and style of each font key.
PDF_FONTS = {"sans": ("NotoSans", ""), "sans-bold": ("NotoSans", "B"), "serif-bold": ("NotoSerif", "B")}
# Bumped whenever the drawing changes, so that cached files are made again.
RENDER_VERSION = 4
PROJECT_NAME = "«Еңбек – елдің мұраты»"
MIN_TEXT_PX = 6

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Size:
    key: str
    width: int  # px
    height: int  # px
    dpi: int
    width_mm: float
    height_mm: float
    printable: bool  # offered as PDF
    scale: int = 1  # 10: the file is 1:10 of the real thing

    @property
    def landscape(self) -> bool:
        return self.width > self.height


def _px(mm: float, dpi: int) -> int:
    return round(mm / 25.4 * dpi)


SIZES: dict[str, Size] = {
    "a4": Size("a4", _px(210, 300), _px(297, 300), 300, 210, 297, True),
    "a3": Size("a3", _px(297, 300), _px(420, 300), 300, 297, 420, True),
    "billboard": Size("billboard", _px(600, 150), _px(300, 150), 150, 600, 300, True, scale=10),
    "square": Size("square", 1080, 1080, 72, 1080 / 72 * 25.4, 1080 / 72 * 25.4, False),
    "story": Size("story", 1080, 1920, 72, 1080 / 72 * 25.4, 1920 / 72 * 25.4, False),
}


@dataclass(frozen=True)
class Design:
    key: str
    background: RGB
    text: RGB  # the proverb
    secondary: RGB  # the second language, the ministry
    accent: RGB  # ornaments, the project name
    proverb_font: str
    ornament: str  # "band", "frame" or "bar"
    align: str = "center"  # of the proverb: "center" or "left"


DESIGNS: dict[str, Design] = {
    # The portal's blue with a gold band of steppe ornament, white type.
    "steppe": Design(
        "steppe", (0, 70, 92), (255, 255, 255), (214, 236, 242), (242, 183, 5), "sans-bold", "band"
    ),
    # Cream paper in a gold double frame, dark serif type.
    "classic": Design(
        "classic", (251, 246, 233), (29, 39, 48), (74, 89, 102), (122, 90, 0), "serif-bold", "frame"
    ),
    # White, a thick gold bar, very large black type set to the left.
    "bold": Design(
        "bold", (255, 255, 255), (17, 17, 17), (74, 89, 102), (0, 97, 127), "sans-bold", "bar", "left"
    ),
}
GOLD: RGB = (242, 183, 5)
WHITE: RGB = (255, 255, 255)
BLACK: RGB = (0, 0, 0)


# --- What is drawn ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Rect:
    x0: float
    y0: float
    x1: float
    y1: float
    color: RGB


@dataclass(frozen=True)
class Polygon:
    points: tuple[tuple[float, float], ...]
    color: RGB


@dataclass(frozen=True)
class TextLine:
    text: str
    x: float  # left edge
    baseline: float
    font: str  # a key of FONTS
    size: int  # px
    color: RGB
    width: float  # px, as Pillow measures it
    align: str  # "left", "center" or "right": how the PDF places its own measure of the width
    anchor_x: float  # the left, centre or right x that the alignment keeps
    ascent: int
    descent: int

    @property
    def box(self) -> tuple[float, float, float, float]:
        return (self.x, self.baseline - self.ascent, self.x + self.width, self.baseline + self.descent)


@dataclass(frozen=True)
class QRCode:
    x: int
    y: int
    module: int  # px per module
    matrix: tuple[tuple[bool, ...], ...]  # with its quiet zone

    @property
    def size(self) -> int:
        return self.module * len(self.matrix)


@dataclass
class Layout:
    size: Size
    design: Design
    background: RGB
    safe: tuple[int, int, int, int]  # left, top, right, bottom: text never leaves it
    shapes: list = field(default_factory=list)
    lines: list[TextLine] = field(default_factory=list)
    qr: QRCode | None = None
    proverb_lines: list[TextLine] = field(default_factory=list)
    language: str = "kk"  # "kk", "ru" or "both"


@dataclass(frozen=True)
class BannerTexts:
    """Everything written on a banner, already in its language(s)."""

    proverb: str  # the first (or only) language
    proverb_second: str  # the second language of a "both" banner, else ""
    ministry: tuple[str, ...]  # one name per language shown
    scan: tuple[str, ...]  # the caption under the QR code, one line per language
    link_label: str  # the short link as printed (without the scheme)
    qr_url: str  # what the QR code holds
    language: str  # "kk", "ru" or "both": the PDF's language tag


# --- Fonts and text fitting ------------------------------------------------------------------
@functools.lru_cache(maxsize=256)
def font(key: str, size: int) -> ImageFont.FreeTypeFont:
    # The basic layout measures advance widths as fpdf2 does, so both files set the same lines.
    return ImageFont.truetype(str(FONTS[key]), size, layout_engine=ImageFont.Layout.BASIC)


@functools.cache
def _advances(key: str) -> tuple[dict[int, int], int, int]:
    """Advance widths by code point (font units), the fallback width and units per em, read once."""
    from fontTools.ttLib import TTFont

    tt = TTFont(str(FONTS[key]), lazy=True)
    cmap = tt.getBestCmap()
    metrics = tt["hmtx"].metrics
    advances = {code: metrics[glyph][0] for code, glyph in cmap.items()}
    return advances, metrics[".notdef"][0], tt["head"].unitsPerEm


@functools.cache
def _overshoot_ratio(key: str) -> float:
    """How far (in ems) the font's ascent + descent exceed the 1.25 line height, shared above and
    below a block of lines: the first and last lines' accents and descenders must stay in the box."""
    from fontTools.ttLib import TTFont

    tt = TTFont(str(FONTS[key]), lazy=True)
    hhea = tt["hhea"]
    return max(0.0, (hhea.ascent - hhea.descent) / tt["head"].unitsPerEm - LINE_HEIGHT) / 2 * 1.05


LINE_HEIGHT = 1.25
# Room for the hinting of small sizes, which rounds each glyph's advance to whole pixels.
WIDTH_SLACK = 1.03


def text_width(key: str, size: int, text: str) -> float:
    """The unhinted width in pixels (as fpdf2 measures it), from the font's advance widths.

    Asking FreeType (Pillow's getlength) costs about a millisecond a call, and fitting a banner
    asks thousands of times; the final lines are measured by Pillow.
    """
    advances, fallback, units = _advances(key)
    return sum(advances.get(ord(char), fallback) for char in text) * size / units * WIDTH_SLACK


def wrap(text: str, key: str, size: int, width: float) -> list[str] | None:
    """Greedy word wrap; None when a single word is wider than the box at this size."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else word
        if text_width(key, size, candidate) <= width:
            current = candidate
            continue
        if text_width(key, size, word) > width:
            return None
        lines.append(current)
        current = word
    if current:
        lines.append(current)
    return lines


def balanced_wrap(text: str, key: str, size: int, width: float) -> list[str] | None:
    """The same number of lines as the greedy wrap, in the narrowest box: no lonely last word."""
    lines = wrap(text, key, size, width)
    if not lines or len(lines) == 1:
        return lines
    low, high = width / len(lines), width
    best = lines
    for _ in range(12):
        middle = (low + high) / 2
        attempt = wrap(text, key, size, middle)
        if attempt is not None and len(attempt) == len(lines):
            best, high = attempt, middle
        else:
            low = middle
    return best


@dataclass(frozen=True)
class Block:
    text: str
    font: str
    ratio: float  # size relative to the block group's main size
    color: RGB


def _block_size(block: Block, size: int) -> int:
    return max(MIN_TEXT_PX, round(size * block.ratio))


def _edges(blocks: list[Block], size: int) -> float:
    """The room kept above the first line and below the last one for their accents and descenders."""
    first, last = blocks[0], blocks[-1]
    # + 2 px: FreeType rounds the ascent and descent of each size to whole pixels.
    return (
        2
        + _overshoot_ratio(first.font) * _block_size(first, size)
        + _overshoot_ratio(last.font) * _block_size(last, size)
    )


def fit_blocks(
    blocks: list[Block], width: float, height: float, *, max_size: int, gap_ratio: float = 0.6
) -> tuple[int, list[list[str]]]:
    """The largest main size at which every block wraps inside width × height (line height 1.25)."""

    def attempt(size: int) -> list[list[str]] | None:
        wrapped, total = [], 0.0
        for index, block in enumerate(blocks):
            block_size = max(MIN_TEXT_PX, round(size * block.ratio))
            lines = balanced_wrap(block.text, block.font, block_size, width)
            if lines is None:
                return None
            wrapped.append(lines)
            total += len(lines) * block_size * LINE_HEIGHT + (size * gap_ratio if index else 0)
        total += _edges(blocks, size)
        return wrapped if total <= height else None

    low, high = MIN_TEXT_PX, max(MIN_TEXT_PX, max_size)
    best = attempt(low)
    if best is None:
        # Even the floor does not fit (an absurdly long text): go below it rather than cut anything.
        for size in range(MIN_TEXT_PX - 1, 0, -1):
            wrapped = attempt(size)
            if wrapped is not None:
                return size, wrapped
        raise ValueError("The text cannot be fitted into the banner.")
    found = low
    while low <= high:
        middle = (low + high) // 2
        wrapped = attempt(middle)
        if wrapped is not None:
            best, found, low = wrapped, middle, middle + 1
        else:
            high = middle - 1
    return found, best


def set_lines(
    layout: Layout,
    blocks: list[Block],
    box: tuple[float, float, float, float],
    *,
    max_size: int,
    align: str = "center",
    valign: str = "center",
    gap_ratio: float = 0.6,
) -> list[TextLine]:
    """Fit the blocks into the box, then place each line; returns (and records) the lines."""
    left, top, right, bottom = box
    size, wrapped = fit_blocks(blocks, right - left, bottom - top, max_size=max_size, gap_ratio=gap_ratio)
    heights = [
        len(lines) * _block_size(block, size) * LINE_HEIGHT
        for block, lines in zip(blocks, wrapped, strict=True)
    ]
    total = sum(heights) + size * gap_ratio * (len(blocks) - 1) + _edges(blocks, size)
    y = {"top": top, "bottom": bottom - total}.get(valign, top + (bottom - top - total) / 2)
    y += 1 + _overshoot_ratio(blocks[0].font) * _block_size(blocks[0], size)
    placed: list[TextLine] = []
    for index, (block, lines) in enumerate(zip(blocks, wrapped, strict=True)):
        if index:
            y += size * gap_ratio
        block_size = max(MIN_TEXT_PX, round(size * block.ratio))
        face = font(block.font, block_size)
        ascent, descent = face.getmetrics()
        line_height = block_size * LINE_HEIGHT
        for text in lines:
            width = face.getlength(text)
            if align == "center":
                x, anchor = left + (right - left - width) / 2, left + (right - left) / 2
            elif align == "right":
                x, anchor = right - width, right
            else:
                x, anchor = left, left
            # The baseline sits so that the line's ink is centred in its line height.
            baseline = y + (line_height + ascent - descent) / 2
            placed.append(
                TextLine(
                    text,
                    x,
                    baseline,
                    block.font,
                    block_size,
                    block.color,
                    width,
                    align,
                    anchor,
                    ascent,
                    descent,
                )
            )
            y += line_height
    layout.lines.extend(placed)
    return placed


# --- The layout of each design ------------------------------------------------------------------
def qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    code = segno.make(url, error="m", micro=False)
    return tuple(tuple(bool(cell) for cell in row) for row in code.matrix_iter(scale=1, border=4))


def _ornament(layout: Layout, design: Design, width: int, height: int, unit: int) -> None:
    shapes = layout.shapes
    if design.ornament == "band":
        # A band of gold rhombi top and bottom: a plain take on the steppe's "қошқар мүйіз" borders.
        band = unit
        for y0 in (0, height - band):
            shapes.append(Rect(0, y0, width, y0 + band, design.accent))
            step = band * 1.6
            count = int(width // step) + 2
            cy = y0 + band / 2
            for index in range(count):
                cx = index * step + step / 2
                shapes.append(
                    Polygon(
                        (
                            (cx, cy - band * 0.32),
                            (cx + band * 0.32, cy),
                            (cx, cy + band * 0.32),
                            (cx - band * 0.32, cy),
                        ),
                        design.background,
                    )
                )
    elif design.ornament == "frame":
        outer = unit * 0.55
        for inset, thickness in ((outer, unit * 0.12), (outer + unit * 0.25, unit * 0.05)):
            x0, y0, x1, y1 = inset, inset, width - inset, height - inset
            shapes.extend(
                [
                    Rect(x0, y0, x1, y0 + thickness, design.accent),
                    Rect(x0, y1 - thickness, x1, y1, design.accent),
                    Rect(x0, y0, x0 + thickness, y1, design.accent),
                    Rect(x1 - thickness, y0, x1, y1, design.accent),
                ]
            )
        corner = unit * 0.9
        for cx, cy, sx, sy in (
            (outer, outer, 1, 1),
            (width - outer, outer, -1, 1),
            (outer, height - outer, 1, -1),
            (width - outer, height - outer, -1, -1),
        ):
            shapes.append(Polygon(((cx, cy), (cx + sx * corner, cy), (cx, cy + sy * corner)), design.accent))
    else:  # "bar"
        if layout.size.landscape:
            shapes.append(Rect(0, 0, unit * 0.8, height, GOLD))
        else:
            shapes.append(Rect(0, 0, width, unit * 0.8, GOLD))
        shapes.append(Rect(0, height - unit * 0.25, width, height, design.accent))


def build_layout(*, size_key: str, design_key: str, texts: BannerTexts) -> Layout:
    """Where everything goes, in pixels of the final file."""
    size, design = SIZES[size_key], DESIGNS[design_key]
    width, height = size.width, size.height
    short = min(width, height)
    unit = round(short * 0.06)  # margins, ornament band, gaps
    inset = unit * (2.1 if design.ornament == "frame" else 1.6)
    left, top, right, bottom = round(inset), round(inset), round(width - inset), round(height - inset)
    if design.ornament == "bar":
        if size.landscape:
            left = round(unit * 0.8 + inset)
        else:
            top = round(unit * 0.8 + inset)
    layout = Layout(
        size=size,
        design=design,
        background=design.background,
        safe=(left, top, right, bottom),
        language=texts.language,
    )
    _ornament(layout, design, width, height, unit)

    # Header: the project's name.
    header_height = round(short * 0.07)
    # On a billboard the proverb stands left of the QR code: the name is centred over it, not the board.
    qr_room = round(short * 0.3) + unit * 2 if size.landscape else 0
    header_box = (left, top, right - qr_room, top + header_height)
    align = "left" if design.align == "left" else "center"
    set_lines(
        layout,
        [Block(PROJECT_NAME, "sans-bold", 1.0, design.accent if design.key != "steppe" else GOLD)],
        header_box,
        max_size=round(short * 0.045),
        align=align,
    )

    # Footer: the ministry's name beside the QR code (the code on a white panel, always dark on light).
    # A billboard is read from afar: its code is larger, and the proverb takes the width beside it.
    qr_side = round(short * (0.3 if size.landscape else 0.24))
    matrix = qr_matrix(texts.qr_url)
    module = max(2, qr_side // len(matrix))
    qr_px = module * len(matrix)
    caption_height = round(qr_px * 0.34)
    footer_height = qr_px + caption_height
    footer_top = bottom - footer_height
    panel_pad = max(2, module)
    qr_x, qr_y = right - qr_px, footer_top
    layout.shapes.append(
        Rect(qr_x - panel_pad, qr_y - panel_pad, right + panel_pad, qr_y + qr_px + panel_pad, WHITE)
    )
    layout.qr = QRCode(qr_x, qr_y, module, matrix)
    caption_blocks = [Block(scan, "sans-bold", 1.0, design.secondary) for scan in texts.scan]
    caption_blocks.append(Block(texts.link_label, "sans", 0.85, design.secondary))
    set_lines(
        layout,
        caption_blocks,
        (qr_x - panel_pad - unit, qr_y + qr_px + panel_pad, right + panel_pad, bottom),
        max_size=round(caption_height * 0.3),
        align="center",
        gap_ratio=0.05,
    )
    ministry_height = round(short * 0.13) if size.landscape else footer_height
    ministry_box = (left, bottom - ministry_height, qr_x - unit * 2, bottom)
    set_lines(
        layout,
        [Block(name, "sans", 1.0, design.secondary) for name in texts.ministry],
        ministry_box,
        max_size=round(short * 0.03),
        align="left",
        valign="bottom",
        gap_ratio=0.5,
    )

    # The proverb, as large as it goes between the header and the footer.
    if size.landscape:
        main_box = (left, top + header_height + unit, qr_x - unit * 2, bottom - ministry_height - unit)
    else:
        main_box = (left, top + header_height + unit, right, footer_top - unit)
    blocks = [Block(texts.proverb, design.proverb_font, 1.0, design.text)]
    if texts.proverb_second:
        blocks.append(Block(texts.proverb_second, design.proverb_font, 0.62, design.secondary))
    layout.proverb_lines = set_lines(
        layout, blocks, main_box, max_size=round(short * 0.16), align=design.align, gap_ratio=0.9
    )
    if texts.proverb_second and layout.proverb_lines:
        # A short accent rule between the two languages.
        first_lines = [line for line in layout.proverb_lines if line.color == design.text]
        second = [line for line in layout.proverb_lines if line.color != design.text]
        if first_lines and second:
            y = (
                first_lines[-1].baseline + first_lines[-1].descent + second[0].baseline - second[0].ascent
            ) / 2
            rule = unit * 1.5
            x0 = left if design.align == "left" else (main_box[0] + main_box[2]) / 2 - rule / 2
            layout.shapes.append(Rect(x0, y - unit * 0.04, x0 + rule, y + unit * 0.04, design.accent))
    return layout


# --- Drawing -----------------------------------------------------------------------------------
def draw_png(layout: Layout) -> Image.Image:
    size = layout.size
    image = Image.new("RGB", (size.width, size.height), layout.background)
    draw = ImageDraw.Draw(image)
    for shape in layout.shapes:
        if isinstance(shape, Rect):
            draw.rectangle((shape.x0, shape.y0, shape.x1 - 1, shape.y1 - 1), fill=shape.color)
        else:
            draw.polygon(shape.points, fill=shape.color)
    for line in layout.lines:
        draw.text(
            (line.x, line.baseline), line.text, font=font(line.font, line.size), fill=line.color, anchor="ls"
        )
    if layout.qr is not None:
        qr = layout.qr
        for row_index, row in enumerate(qr.matrix):
            y = qr.y + row_index * qr.module
            for column_index, dark in enumerate(row):
                if dark:
                    x = qr.x + column_index * qr.module
                    draw.rectangle((x, y, x + qr.module - 1, y + qr.module - 1), fill=BLACK)
    return image


def png_bytes(layout: Layout) -> bytes:
    buffer = io.BytesIO()
    image = draw_png(layout)
    # Flat colours compress well; the dpi goes into the file so that print shops see the scale.
    image.save(buffer, format="PNG", dpi=(layout.size.dpi, layout.size.dpi), compress_level=6)
    return buffer.getvalue()


def pdf_bytes(layout: Layout, *, title: str, author: str) -> bytes:
    """A one-page PDF of the physical size: vector shapes, real text in the embedded Noto fonts."""
    from fpdf import FPDF

    size = layout.size
    pdf = FPDF(unit="mm", format=(size.width_mm, size.height_mm))
    pdf.set_auto_page_break(False)
    pdf.set_margins(0, 0, 0)
    pdf.set_title(title)
    pdf.set_author(author)
    pdf.set_creator("enbek.gov.kz")
    pdf.set_lang("kk" if layout.language == "both" else layout.language)
    for key, (family, style) in PDF_FONTS.items():
        pdf.add_font(family, style, str(FONTS[key]))
    pdf.add_page()
    k = size.width_mm / size.width  # mm per pixel
    pdf.set_fill_color(*layout.background)
    pdf.rect(0, 0, size.width_mm, size.height_mm, style="F")
    for shape in layout.shapes:
        pdf.set_fill_color(*shape.color)
        if isinstance(shape, Rect):
            pdf.rect(
                shape.x0 * k, shape.y0 * k, (shape.x1 - shape.x0) * k, (shape.y1 - shape.y0) * k, style="F"
            )
        else:
            pdf.polygon([(x * k, y * k) for x, y in shape.points], style="F")
    for line in layout.lines:
        family, style = PDF_FONTS[line.font]
        pdf.set_font(family, style, size=line.size * k / 25.4 * 72)
        pdf.set_text_color(*line.color)
        width = pdf.get_string_width(line.text)
        x = {"center": line.anchor_x * k - width / 2, "right": line.anchor_x * k - width}.get(
            line.align, line.x * k
        )
        pdf.text(x, line.baseline * k, line.text)
    if layout.qr is not None:
        qr = layout.qr
        pdf.set_fill_color(*BLACK)
        for row_index, row in enumerate(qr.matrix):
            column = 0
            while column < len(row):
                if not row[column]:
                    column += 1
                    continue
                start = column
                while column < len(row) and row[column]:
                    column += 1
                pdf.rect(
                    (qr.x + start * qr.module) * k,
                    (qr.y + row_index * qr.module) * k,
                    (column - start) * qr.module * k,
                    qr.module * k,
                    style="F",
                )
    return bytes(pdf.output())


def render(*, size_key: str, design_key: str, texts: BannerTexts, fmt: str) -> bytes:
    """The file's bytes: "png" for any size, "pdf" for the printable sizes."""
    layout = build_layout(size_key=size_key, design_key=design_key, texts=texts)
    if fmt == "pdf":
        if not layout.size.printable:
            raise ValueError(f"{size_key} is a screen size: PNG only")
        return pdf_bytes(layout, title=texts.proverb, author=texts.ministry[0])
    return png_bytes(layout)
