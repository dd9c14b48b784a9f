"""Placeholder photos drawn with Pillow: a gradient, a few soft circles, the family's initial and name.

Nothing is downloaded. Files get fixed names so that a second run finds them instead of writing
copies; the large seed draws a small pool once and points thousands of rows at it.
"""

import functools
import io
import random
from dataclasses import dataclass
from pathlib import Path

from django.core.files.base import ContentFile
from django.db.models import ImageField
from PIL import Image, ImageDraw, ImageFont

from enbek.text import transliterate

DISPLAY_SIZE = (1200, 800)
THUMBNAIL_SIZE = (480, 320)

# Steppe, sky, wheat, copper and felt colours: (top, bottom) of the gradient.
PALETTES: list[tuple[tuple[int, int, int], tuple[int, int, int]]] = [
    ((0x1F, 0x5F, 0x99), (0x8E, 0xC5, 0xE8)),
    ((0xB8, 0x86, 0x0B), (0xF3, 0xD9, 0x8B)),
    ((0x2E, 0x6B, 0x3F), (0xA8, 0xCF, 0x8E)),
    ((0x8C, 0x3B, 0x1F), (0xE6, 0xA5, 0x7E)),
    ((0x4B, 0x2C, 0x6B), (0xB9, 0xA3, 0xD6)),
    ((0x1D, 0x4E, 0x4E), (0x86, 0xC5, 0xB8)),
]

# A font with Cyrillic and Kazakh letters where the system has one; else Pillow's own (Latin only).
_FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    "/Library/Fonts/Arial Unicode.ttf",
    "C:/Windows/Fonts/arialbd.ttf",
]


def _font(size: int) -> tuple[ImageFont.ImageFont | ImageFont.FreeTypeFont, bool]:
    for candidate in _FONT_CANDIDATES:
        if Path(candidate).exists():
            return ImageFont.truetype(candidate, size), True
    return ImageFont.load_default(size=size), False


def _latin(text: str) -> str:
    return transliterate(text).upper() if text[:1].isupper() else transliterate(text)


@functools.cache
def _gradient_mask() -> Image.Image:
    # Stretching Pillow's 256×256 gradient is most of the drawing time: done once per process.
    return Image.linear_gradient("L").resize(DISPLAY_SIZE)


def draw_placeholder(*, initial: str, caption: str, palette: int, variant: int) -> Image.Image:
    """A 1200×800 picture; the same arguments always give the same pixels."""
    width, height = DISPLAY_SIZE
    top, bottom = PALETTES[palette % len(PALETTES)]
    mask = _gradient_mask()
    image = Image.composite(
        Image.new("RGB", (width, height), bottom), Image.new("RGB", (width, height), top), mask
    )
    overlay = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    rng = random.Random(f"placeholder:{palette}:{variant}")
    for _ in range(6):
        radius = rng.randint(60, 260)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse(
            (x - radius, y - radius, x + radius, y + radius), fill=(255, 255, 255, rng.randint(18, 42))
        )
    image = Image.alpha_composite(image.convert("RGBA"), overlay)
    draw = ImageDraw.Draw(image)
    centre_x, centre_y, radius = width // 2, height // 2 - 60, 170
    draw.ellipse(
        (centre_x - radius, centre_y - radius, centre_x + radius, centre_y + radius),
        fill=(255, 255, 255, 235),
        outline=top,
        width=8,
    )
    font, unicode_font = _font(200)
    letter = initial if unicode_font else _latin(initial)[:2]
    draw.text((centre_x, centre_y), letter, font=font, fill=top, anchor="mm")
    if caption:
        caption_font, unicode_font = _font(54)
        text = caption if unicode_font else _latin(caption)
        draw.text((centre_x, height - 130), text, font=caption_font, fill=(255, 255, 255), anchor="mm")
    return image.convert("RGB")


def _jpeg(image: Image.Image, size: tuple[int, int]) -> bytes:
    copy = image if image.size == size else image.resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
    buffer = io.BytesIO()
    copy.save(buffer, format="JPEG", quality=82)
    return buffer.getvalue()


@dataclass(frozen=True)
class StoredPlaceholder:
    image: str
    thumbnail: str
    width: int
    height: int


def store_placeholder(
    *,
    image_field: ImageField,
    thumbnail_field: ImageField,
    name: str,
    initial: str,
    caption: str,
    palette: int,
    variant: int,
) -> StoredPlaceholder:
    """Draw and save a photo and its thumbnail through a model's two image fields, once per name.

    The fields' own storage and folders are used (e.g. dynasties' Photo.image and Photo.thumbnail),
    so the files sit where uploads do; a fixed name (not the random one of enbek.images) lets a second
    run find them instead of copying.
    """
    targets = [
        (image_field, image_field.generate_filename(None, f"demo-{name}.jpg"), DISPLAY_SIZE),
        (thumbnail_field, thumbnail_field.generate_filename(None, f"demo-{name}.jpg"), THUMBNAIL_SIZE),
    ]
    if not all(field.storage.exists(stored) for field, stored, _size in targets):
        picture = draw_placeholder(initial=initial, caption=caption, palette=palette, variant=variant)
        for field, stored, size in targets:
            if field.storage.exists(stored):
                field.storage.delete(stored)
            saved = field.storage.save(stored, ContentFile(_jpeg(picture, size)))
            if saved != stored:
                raise RuntimeError(f"the storage renamed {stored} to {saved}")
    return StoredPlaceholder(
        image=targets[0][1], thumbnail=targets[1][1], width=DISPLAY_SIZE[0], height=DISPLAY_SIZE[1]
    )
