"""Upload hardening: enbek.images.process_image_upload on its own and through dynasties.services.photo_add."""

import io
import re
import struct
import time
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import ExifTags, Image, features

from dynasties.models import Dynasty, Photo
from dynasties.services import dynasty_submit, photo_add, photo_delete
from enbek.images import process_image_upload

pytestmark = pytest.mark.usefixtures("source_language")

NOT_AN_IMAGE = "This file is not a photo we can accept. Upload a JPEG, PNG or WebP image."
TOO_MANY_PIXELS = "The image has too many pixels: 40 megapixels at most."
SCRIPT = b"<html><body><script>alert(1)</script></body></html>"
RANDOM_JPG = re.compile(r"[0-9a-f]{32}\.jpg")
RANDOM_WEBP = re.compile(r"[0-9a-f]{32}\.webp")


# --- Building test files ----------------------------------------------------------------------------
def gps_exif(*, orientation: int | None = None) -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "SecretCam"
    exif[ExifTags.Base.Model] = "Model-GPS-42"
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (43.0, 15.0, 30.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (76.0, 57.0, 10.0)
    return exif


def jpeg_bytes(size=(2400, 1200), *, orientation: int | None = None, **save_options) -> bytes:
    """A camera-like JPEG: EXIF with maker, model and a GPS IFD (0x8825)."""
    image = Image.new("RGB", size, (180, 40, 40))
    image.paste((20, 60, 200), (0, 0, size[0] // 2, size[1] // 3))  # asymmetric, so rotation shows
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", exif=gps_exif(orientation=orientation), **save_options)
    return buffer.getvalue()


def png_bytes(size=(800, 600), mode="RGBA") -> bytes:
    image = Image.new(mode, size, (10, 120, 60, 128) if mode == "RGBA" else (10, 120, 60))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def image_bytes(format: str, size=(64, 48), mode="RGB") -> bytes:
    buffer = io.BytesIO()
    Image.new(mode, size, "red").save(buffer, format=format)
    return buffer.getvalue()


def png_declaring(width: int, height: int) -> bytes:
    """A tiny PNG whose header declares width × height pixels (a decompression bomb, small on disk)."""
    data = bytearray(image_bytes("PNG", (1, 1), "1"))
    assert data[12:16] == b"IHDR"
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def upload(content: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


def opened(content_file) -> Image.Image:
    content_file.seek(0)
    return Image.open(io.BytesIO(content_file.read()))


def file_bytes(field_file) -> bytes:
    with field_file.storage.open(field_file.name, "rb") as handle:
        return handle.read()


def assert_refused(content: bytes, message: str, name: str = "photo.jpg", code: str | None = None) -> None:
    with pytest.raises(ValidationError) as exc:
        process_image_upload(upload(content, name))
    assert exc.value.messages == [message]
    if code is not None:
        assert exc.value.code == code


# --- The test files themselves are what they claim --------------------------------------------------
def test_images_source_jpeg_carries_gps():
    source = Image.open(io.BytesIO(jpeg_bytes()))

    exif = source.getexif()
    assert 0x8825 in exif
    assert exif.get_ifd(0x8825)[ExifTags.GPS.GPSLatitudeRef] == "N"


def test_images_crafted_bomb_is_small_on_disk_and_declares_its_size():
    data = png_declaring(20000, 20000)

    assert len(data) < 200
    assert struct.unpack(">II", data[16:24]) == (20000, 20000)
    with pytest.raises(Image.DecompressionBombError):  # even Pillow's own default limit refuses it
        Image.open(io.BytesIO(data))


# --- Accepted images ------------------------------------------------------------------------------
def test_images_jpeg_with_gps_stripped_resized_and_renamed():
    processed = process_image_upload(upload(jpeg_bytes((2400, 1200)), "Almaty-home-GPS.jpg"))

    display, thumbnail = opened(processed.display), opened(processed.thumbnail)
    assert (display.format, thumbnail.format) == ("JPEG", "JPEG")
    assert display.size == (1600, 800) == (processed.width, processed.height)
    assert thumbnail.size == (480, 240)
    for image in (display, thumbnail):
        assert len(image.getexif()) == 0
        assert 0x8825 not in image.getexif()
        assert "exif" not in image.info
    for content_file in (processed.display, processed.thumbnail):
        content_file.seek(0)
        raw = content_file.read()
        assert b"Exif\x00\x00" not in raw
        assert b"SecretCam" not in raw
    assert RANDOM_JPG.fullmatch(processed.display.name)
    assert RANDOM_JPG.fullmatch(processed.thumbnail.name)
    assert processed.display.name != processed.thumbnail.name
    assert "Almaty" not in processed.display.name


def test_images_small_jpeg_not_enlarged():
    processed = process_image_upload(upload(jpeg_bytes((300, 200))))

    assert opened(processed.display).size == (300, 200)
    assert opened(processed.thumbnail).size == (300, 200)


def test_images_portrait_limited_by_height():
    processed = process_image_upload(upload(jpeg_bytes((1000, 3200))))

    assert opened(processed.display).size == (500, 1600)
    assert opened(processed.thumbnail).size == (150, 480)


def test_images_exif_orientation_applied():
    processed = process_image_upload(upload(jpeg_bytes((300, 200), orientation=6)))

    display = opened(processed.display)
    assert display.size == (200, 300)
    assert (processed.width, processed.height) == (200, 300)
    assert ExifTags.Base.Orientation not in display.getexif()
    # Orientation 6 turns the image 90° clockwise: the blue top-left block ends up top-right.
    assert display.convert("RGB").getpixel((190, 10))[2] > 150
    assert display.convert("RGB").getpixel((10, 10))[0] > 150


def test_images_random_names_differ_between_uploads():
    data = jpeg_bytes((100, 100))

    names = {process_image_upload(upload(data)).display.name for _ in range(3)}

    assert len(names) == 3


def test_images_png_with_alpha_kept_as_webp():
    processed = process_image_upload(upload(png_bytes((2000, 1000), "RGBA"), "logo.png", "image/png"))

    display, thumbnail = opened(processed.display), opened(processed.thumbnail)
    assert (display.format, display.mode, display.size) == ("WEBP", "RGBA", (1600, 800))
    assert (thumbnail.format, thumbnail.size) == ("WEBP", (480, 240))
    assert display.getpixel((10, 10))[3] == 128
    assert RANDOM_WEBP.fullmatch(processed.display.name)


def test_images_png_without_alpha_becomes_jpeg():
    processed = process_image_upload(upload(png_bytes((640, 480), "RGB"), "scan.png", "image/png"))

    assert opened(processed.display).format == "JPEG"
    assert RANDOM_JPG.fullmatch(processed.display.name)


@pytest.mark.skipif(not features.check("webp"), reason="Pillow was built without WebP")
def test_images_webp_accepted():
    processed = process_image_upload(upload(image_bytes("WEBP", (320, 240)), "photo.webp", "image/webp"))

    assert opened(processed.display).size == (320, 240)


def test_images_jpeg_comment_not_carried_over():
    data = jpeg_bytes((200, 100), comment=b"<script>alert(1)</script> 43.2583N 76.9528E")
    assert Image.open(io.BytesIO(data)).info["comment"].startswith(b"<script>")

    processed = process_image_upload(upload(data))

    for content_file in (processed.display, processed.thumbnail):
        content_file.seek(0)
        raw = content_file.read()
        assert b"<script" not in raw
        assert b"76.9528E" not in raw
        assert "comment" not in opened(content_file).info


def test_images_jpeg_xmp_not_carried_over():
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><exif:GPSLatitude>43,15.5N</exif:GPSLatitude></x:xmpmeta>'

    data = jpeg_bytes((200, 100), xmp=xmp)
    assert b"GPSLatitude" in data

    processed = process_image_upload(upload(data))

    processed.display.seek(0)
    assert b"GPSLatitude" not in processed.display.read()


def test_images_upload_limits_restored_after_processing():
    before = Image.MAX_IMAGE_PIXELS

    process_image_upload(upload(jpeg_bytes((100, 100))))
    with pytest.raises(ValidationError):
        process_image_upload(upload(png_declaring(20000, 20000), "bomb.png"))

    assert before == Image.MAX_IMAGE_PIXELS


# --- Refused files --------------------------------------------------------------------------------
def test_images_html_named_png_refused():
    assert_refused(b"<!DOCTYPE html>" + SCRIPT, NOT_AN_IMAGE, "photo.png", code="not_image")


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("photo.png", png_bytes((64, 48), "RGB") + SCRIPT),
        ("photo.jpg", jpeg_bytes((64, 48)) + SCRIPT),
    ],
)
def test_images_polyglot_appended_html_dropped(name, content):
    try:
        processed = process_image_upload(upload(content, name))
    except ValidationError as error:  # refusing it is as good as cleaning it
        assert error.messages == [NOT_AN_IMAGE]
        return

    for content_file in (processed.display, processed.thumbnail):
        content_file.seek(0)
        assert b"<script" not in content_file.read()


def test_images_svg_refused():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>'

    assert_refused(svg, NOT_AN_IMAGE, "photo.svg", code="not_image")


def test_images_renamed_text_file_refused():
    assert_refused("Бұл сурет емес, мәтін.\n".encode() * 20, NOT_AN_IMAGE, "photo.jpg", code="not_image")


def test_images_empty_file_refused():
    assert_refused(b"", NOT_AN_IMAGE, "photo.jpg", code="not_image")


@pytest.mark.parametrize(("format", "mode"), [("GIF", "P"), ("BMP", "RGB"), ("TIFF", "RGB"), ("ICO", "RGBA")])
def test_images_other_formats_refused(format, mode):
    assert_refused(
        image_bytes(format, (32, 32), mode), NOT_AN_IMAGE, f"photo.{format.lower()}", code="not_image"
    )


def test_images_truncated_jpeg_refused():
    data = jpeg_bytes((800, 600))

    assert_refused(data[: len(data) // 2], NOT_AN_IMAGE, code="not_image")


@pytest.mark.parametrize(("width", "height"), [(20000, 20000), (7000, 6000), (65535, 65535)])
def test_images_decompression_bomb_refused_quickly(width, height):
    started = time.perf_counter()

    assert_refused(png_declaring(width, height), TOO_MANY_PIXELS, "bomb.png", code="too_many_pixels")

    assert time.perf_counter() - started < 2  # a safety bound: it must not decode the pixels


def test_images_pixel_limit_boundary(settings):
    settings.ENBEK_UPLOAD_MAX_PIXELS = 1_000_000

    assert process_image_upload(upload(image_bytes("PNG", (1000, 1000)), "edge.png")).width == 1000
    assert_refused(
        image_bytes("PNG", (1001, 1000)),
        "The image has too many pixels: 1 megapixels at most.",
        "over.png",
        code="too_many_pixels",
    )


def test_images_file_over_default_15_mb_refused():
    oversized = upload(b"\xff\xd8\xff" + b"\0" * (15 * 1024 * 1024 - 2))

    with pytest.raises(ValidationError) as exc:
        process_image_upload(oversized)

    assert exc.value.messages == ["The file is too large: 15 MB at most."]
    assert exc.value.code == "too_large"


def test_images_file_over_lowered_limit_refused(settings):
    settings.ENBEK_UPLOAD_MAX_BYTES = 1024 * 1024
    data = jpeg_bytes((64, 48))
    data += b"\0" * (1024 * 1024 + 1 - len(data))

    with pytest.raises(ValidationError) as exc:
        process_image_upload(upload(data))

    assert exc.value.messages == ["The file is too large: 1 MB at most."]
    assert exc.value.code == "too_large"


def test_images_size_checked_by_reading_when_upload_has_no_size(settings):
    settings.ENBEK_UPLOAD_MAX_BYTES = 1024 * 1024
    stream = io.BytesIO(b"\0" * (1024 * 1024 + 1))
    assert not hasattr(stream, "size")

    with pytest.raises(ValidationError) as exc:
        process_image_upload(stream)

    assert exc.value.messages == ["The file is too large: 1 MB at most."]


def test_images_file_at_exact_limit_accepted(settings):
    data = jpeg_bytes((64, 48))
    settings.ENBEK_UPLOAD_MAX_BYTES = len(data)

    assert process_image_upload(upload(data)).width == 64

    settings.ENBEK_UPLOAD_MAX_BYTES = len(data) - 1
    with pytest.raises(ValidationError) as exc:
        process_image_upload(upload(data))
    assert exc.value.code == "too_large"


# --- Through the service --------------------------------------------------------------------------
def _media_files(settings) -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_photo_add_stores_clean_files_with_random_names(draft, citizen):
    photo = photo_add(
        dynasty=draft,
        user=citizen,
        upload=upload(jpeg_bytes((2400, 1200)), "Home-GPS.jpg"),
        caption_kk=" Отбасы ",
        caption_ru=" Семья ",
    )

    photo.refresh_from_db()
    assert re.fullmatch(r"dynasties/photos/[0-9a-f]{32}\.jpg", photo.image.name)
    assert re.fullmatch(r"dynasties/thumbs/[0-9a-f]{32}\.jpg", photo.thumbnail.name)
    assert (photo.width, photo.height) == (1600, 800)
    assert (photo.caption_kk, photo.caption_ru) == ("Отбасы", "Семья")
    assert photo.uploaded_by == citizen
    for field_file, size in ((photo.image, (1600, 800)), (photo.thumbnail, (480, 240))):
        raw = file_bytes(field_file)
        stored = Image.open(io.BytesIO(raw))
        assert stored.size == size
        assert len(stored.getexif()) == 0
        assert b"SecretCam" not in raw
    assert Dynasty.objects.get(pk=draft.pk).cover_id == photo.pk


def test_photo_add_orientation_applied(draft, citizen):
    photo = photo_add(dynasty=draft, user=citizen, upload=upload(jpeg_bytes((300, 200), orientation=6)))

    photo.refresh_from_db()
    assert (photo.width, photo.height) == (200, 300)
    assert Image.open(io.BytesIO(file_bytes(photo.image))).size == (200, 300)


def test_photo_add_first_is_cover_then_positions(draft, citizen):
    first = photo_add(dynasty=draft, user=citizen, upload=upload(jpeg_bytes((100, 100))))
    second = photo_add(dynasty=draft, user=citizen, upload=upload(png_bytes((100, 100)), "b.png"))
    third = photo_add(dynasty=draft, user=citizen, upload=upload(jpeg_bytes((100, 100))), make_cover=True)

    assert [p.position for p in (first, second, third)] == [0, 1, 2]
    assert Dynasty.objects.get(pk=draft.pk).cover_id == third.pk


def test_photo_add_polyglot_stored_without_html(draft, citizen):
    content = png_bytes((64, 48), "RGB") + SCRIPT
    try:
        photo = photo_add(dynasty=draft, user=citizen, upload=upload(content, "photo.png", "image/png"))
    except ValidationError as error:
        assert error.messages == [NOT_AN_IMAGE]
        assert not Photo.objects.exists()
        return

    assert b"<script" not in file_bytes(photo.image)
    assert b"<script" not in file_bytes(photo.thumbnail)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.png", b"<!DOCTYPE html>" + SCRIPT, NOT_AN_IMAGE),
        ("photo.svg", b'<svg xmlns="http://www.w3.org/2000/svg"/>', NOT_AN_IMAGE),
        ("photo.gif", image_bytes("GIF", (32, 32), "P"), NOT_AN_IMAGE),
        ("bomb.png", png_declaring(20000, 20000), TOO_MANY_PIXELS),
    ],
)
def test_photo_add_refused_upload_leaves_dynasty_unchanged(draft, citizen, settings, name, content, message):
    before = Dynasty.objects.values("cover_id", "updated_at", "status").get(pk=draft.pk)

    with pytest.raises(ValidationError) as exc:
        photo_add(dynasty=draft, user=citizen, upload=upload(content, name))

    assert exc.value.messages == [message]
    assert not Photo.objects.exists()
    assert Dynasty.objects.values("cover_id", "updated_at", "status").get(pk=draft.pk) == before
    assert _media_files(settings) == []


def test_photo_add_too_large_leaves_dynasty_unchanged(draft, citizen, settings):
    settings.ENBEK_UPLOAD_MAX_BYTES = 1024 * 1024

    with pytest.raises(ValidationError) as exc:
        photo_add(dynasty=draft, user=citizen, upload=upload(b"\0" * (1024 * 1024 + 1)))

    assert exc.value.messages == ["The file is too large: 1 MB at most."]
    assert not Photo.objects.exists()
    assert _media_files(settings) == []


def test_photo_add_by_another_citizen_denied(draft, other_citizen, settings):
    with pytest.raises(PermissionDenied):
        photo_add(dynasty=draft, user=other_citizen, upload=upload(jpeg_bytes((100, 100))))

    assert not Photo.objects.exists()
    assert _media_files(settings) == []


def test_photo_add_locked_after_submit(draft, citizen):
    dynasty_submit(dynasty=draft, user=citizen)

    with pytest.raises(ValidationError) as exc:
        photo_add(dynasty=draft, user=citizen, upload=upload(jpeg_bytes((100, 100))))

    assert exc.value.code == "locked"
    assert not Photo.objects.exists()


def test_photo_delete_removes_files_after_commit_and_moves_cover(
    draft, citizen, settings, django_capture_on_commit_callbacks
):
    first = photo_add(dynasty=draft, user=citizen, upload=upload(jpeg_bytes((100, 100))))
    second = photo_add(dynasty=draft, user=citizen, upload=upload(jpeg_bytes((100, 100))))
    assert len(_media_files(settings)) == 4

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        photo_delete(photo=first, user=citizen)
    assert len(_media_files(settings)) == 4  # the files go only once the deletion is committed
    for callback in callbacks:
        callback()

    assert len(_media_files(settings)) == 2
    assert list(Photo.objects.all()) == [second]
    assert Dynasty.objects.get(pk=draft.pk).cover_id == second.pk
