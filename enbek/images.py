"""Hardened handling of every user upload of an image.

Only JPEG, PNG and WebP are decoded; anything over the byte or pixel limit is refused before it is
decoded in full; the image is rotated by its EXIF orientation and saved into a new file, so EXIF,
GPS and any bytes appended to the original (an HTML/PNG polyglot, say) are gone; the new files get
random names. The caller gets a display size and a thumbnail.
"""

import io
import uuid
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

ALLOWED_FORMATS = ("JPEG", "PNG", "WEBP")
DISPLAY_SIZE = 1600
THUMBNAIL_SIZE = 480


@dataclass(frozen=True)
class ProcessedImage:
    display: ContentFile
    thumbnail: ContentFile
    width: int
    height: int


def _random_name(extension: str) -> str:
    return f"{uuid.uuid4().hex}.{extension}"


def _encode(image: Image.Image, max_side: int) -> tuple[ContentFile, int, int]:
    copy = image.copy()
    copy.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
    buffer = io.BytesIO()
    if copy.mode in {"RGBA", "LA"} or (copy.mode == "P" and "transparency" in copy.info):
        # Transparency is kept in WebP, which every current browser shows and is smaller than PNG.
        copy = copy.convert("RGBA")
        copy.info = {}  # no metadata of the original travels on (Pillow re-writes e.g. a JPEG comment)
        copy.save(buffer, format="WEBP", quality=85, method=4)
        extension = "webp"
    else:
        copy = copy.convert("RGB")
        copy.info = {}
        copy.save(buffer, format="JPEG", quality=85, optimize=True, progressive=True)
        extension = "jpg"
    return ContentFile(buffer.getvalue(), name=_random_name(extension)), copy.width, copy.height


def process_image_upload(upload) -> ProcessedImage:
    """Check and re-encode an uploaded image; raise ValidationError with a translated reason."""
    max_bytes = settings.ENBEK_UPLOAD_MAX_BYTES
    max_pixels = settings.ENBEK_UPLOAD_MAX_PIXELS
    size = getattr(upload, "size", None)
    if size is not None and size > max_bytes:
        raise ValidationError(
            _("The file is too large: %(size)d MB at most.") % {"size": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValidationError(
            _("The file is too large: %(size)d MB at most.") % {"size": max_bytes // (1024 * 1024)},
            code="too_large",
        )
    not_an_image = ValidationError(
        _("This file is not a photo we can accept. Upload a JPEG, PNG or WebP image."), code="not_image"
    )
    too_many_pixels = ValidationError(
        _("The image has too many pixels: %(mp)d megapixels at most.") % {"mp": max_pixels // 1_000_000},
        code="too_many_pixels",
    )
    with warnings.catch_warnings():
        # Pillow warns above MAX_IMAGE_PIXELS and raises above twice that: both are refusals here.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        previous_limit = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = max_pixels
        try:
            with Image.open(io.BytesIO(data), formats=list(ALLOWED_FORMATS)) as probe:
                if probe.width * probe.height > max_pixels:
                    raise too_many_pixels
                probe.verify()
            with Image.open(io.BytesIO(data), formats=list(ALLOWED_FORMATS)) as image:
                image.load()
                image = ImageOps.exif_transpose(image)
                display, width, height = _encode(image, DISPLAY_SIZE)
                thumbnail, _w, _h = _encode(image, THUMBNAIL_SIZE)
        except (Image.DecompressionBombWarning, Image.DecompressionBombError):
            raise too_many_pixels from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError, TypeError):
            raise not_an_image from None
        finally:
            Image.MAX_IMAGE_PIXELS = previous_limit
    return ProcessedImage(display=display, thumbnail=thumbnail, width=width, height=height)
