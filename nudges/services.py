"""Writes of the nudge banners section: banners and their cached files, placements, visits, batches."""

import datetime
import hashlib
import json
import logging
import secrets
import tempfile
import zipfile
from dataclasses import asdict

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from enbek.images import process_image_upload
from enbek.models import Proverb, Region, User

from . import rendering
from .enums import BannerDesign, BannerFormat, BannerLanguage, BannerSize, BatchStatus, LandingPage, PlaceType
from .models import CODE_LENGTH, Banner, BannerBatch, Placement, Visit
from .selectors import can_place_in_region

logger = logging.getLogger(__name__)

# No 0/O, 1/I/L: a code read aloud or typed from a photo is not misread.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CACHE_PREFIX = "nudges/banners"
# A batch still "running" this long after it started (the task is killed at 26 min) died with its
# worker: it may be claimed again.
BATCH_STALE_AFTER = datetime.timedelta(minutes=30)


def _require_choices(**values) -> None:
    """Refuse a value that is not one of its field's choices (forms and the API check first)."""
    choices = {
        "design": BannerDesign,
        "language": BannerLanguage,
        "file_format": BannerFormat,
        "place_type": PlaceType,
        "landing": LandingPage,
    }
    errors = {
        name: _("Choose one of the offered values.")
        for name, value in values.items()
        if value not in choices[name].values
    }
    if errors:
        raise ValidationError(errors)


# --- Short links ---------------------------------------------------------------------------------
def short_code_new() -> str:
    """A random code used by no banner and no placement (one namespace for /b/<code>)."""
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if not (Banner.objects.filter(code=code).exists() or Placement.objects.filter(code=code).exists()):
            return code


def short_link_url(code: str) -> str:
    """The absolute short link printed in QR codes: SITE_URL + /b/<code> (no language prefix)."""
    return settings.SITE_URL.rstrip("/") + reverse("short_link", kwargs={"code": code})


def short_link_label(code: str) -> str:
    url = short_link_url(code)
    return url.split("://", 1)[-1]


# --- Banners and their files ---------------------------------------------------------------------
def banner_get_or_create(*, proverb: Proverb, design: str, language: str) -> Banner:
    """The banner of this proverb, design and language, made once (safe when two requests race)."""
    _require_choices(design=design, language=language)
    banner = Banner.objects.filter(proverb=proverb, design=design, language=language).first()
    if banner is not None:
        return banner
    try:
        with transaction.atomic():
            return Banner.objects.create(
                proverb=proverb, design=design, language=language, code=short_code_new()
            )
    except IntegrityError:
        return Banner.objects.get(proverb=proverb, design=design, language=language)


def _ministry_name(language: str) -> str:
    with translation.override(language):
        return gettext(
            "Ministry of Labour and Social Protection of the Population of the Republic of Kazakhstan"
        )


def _scan_caption(language: str) -> str:
    with translation.override(language):
        return gettext("Scan the code")


def banner_texts(*, proverb: Proverb, language: str, code: str) -> rendering.BannerTexts:
    """What the banner says, in its language(s); a missing translation falls back to the original."""
    if language == BannerLanguage.BOTH:
        first, second = proverb.text_in("kk"), proverb.text_in("ru")
        if not first or not second:
            # Only one language exists yet: a one-language banner rather than an empty half.
            first, second = proverb.original_text, ""
        languages = ("kk", "ru")
    else:
        first, _shown = proverb.display(language)
        second = ""
        languages = (language,)
    return rendering.BannerTexts(
        proverb=first.strip(),
        proverb_second=second.strip(),
        ministry=tuple(_ministry_name(code_) for code_ in languages),
        scan=tuple(_scan_caption(code_) for code_ in languages),
        link_label=short_link_label(code),
        qr_url=short_link_url(code),
        language=language,
    )


def _cache_name(*, size: str, design: str, fmt: str, texts: rendering.BannerTexts) -> str:
    key = json.dumps([rendering.RENDER_VERSION, size, design, fmt, asdict(texts)], ensure_ascii=False)
    digest = hashlib.sha256(key.encode()).hexdigest()
    return f"{CACHE_PREFIX}/{digest[:2]}/{digest}.{fmt}"


def banner_file(*, banner: Banner, size: str, fmt: str, placement: Placement | None = None) -> str:
    """The storage name of the rendered file, made on the first request and kept in media storage.

    The name is a hash of everything drawn (texts, QR link, size, design, format, drawing version),
    so an edited proverb or a new drawing gives a new file and repeated downloads cost nothing.
    """
    size, fmt = BannerSize(size).value, BannerFormat(fmt).value
    if fmt == BannerFormat.PDF and not rendering.SIZES[size].printable:
        raise ValidationError({"file_format": _("Social media sizes are made as PNG pictures only.")})
    code = placement.code if placement is not None else banner.code
    texts = banner_texts(proverb=banner.proverb, language=banner.language, code=code)
    name = _cache_name(size=size, design=banner.design, fmt=fmt, texts=texts)
    if default_storage.exists(name):
        return name
    data = rendering.render(size_key=size, design_key=banner.design, texts=texts, fmt=fmt)
    saved = default_storage.save(name, ContentFile(data))
    if saved != name:
        # Another request made the same file meanwhile: keep theirs, drop the copy.
        default_storage.delete(saved)
    return name


def banner_download_name(*, banner: Banner, size: str, fmt: str, placement: Placement | None = None) -> str:
    suffix = f"-{placement.code}" if placement is not None else ""
    return f"enbek-proverb-{banner.proverb_id}-{size}-{banner.language}-{banner.design}{suffix}.{fmt}"


# --- Placements ------------------------------------------------------------------------------------
def _check_dates(starts_on: datetime.date, ends_on: datetime.date | None) -> None:
    if ends_on is not None and ends_on < starts_on:
        raise ValidationError({"ends_on": _("The banner cannot be removed before it was placed.")})


def _require_region(user: User, region: Region) -> None:
    if not can_place_in_region(user, region.pk):
        raise PermissionDenied(_("You record banner placements only in your own region."))


@transaction.atomic
def placement_create(
    *,
    user: User,
    proverb: Proverb,
    design: str,
    language: str,
    region: Region,
    place_type: str,
    address: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    landing: str = LandingPage.HOME,
) -> Placement:
    """Record a banner put up in a region: a coordinator in their own region, the ministry anywhere.

    The placement gets its own short link, which is what its banner's QR code holds.
    """
    _require_region(user, region)
    _check_dates(starts_on, ends_on)
    _require_choices(place_type=place_type, landing=landing)
    placement = Placement(
        banner=banner_get_or_create(proverb=proverb, design=design, language=language),
        region=region,
        place_type=place_type,
        address=address.strip(),
        starts_on=starts_on,
        ends_on=ends_on,
        landing=landing,
        code=short_code_new(),
        created_by=user,
    )
    placement.full_clean(exclude=["photo", "photo_thumbnail"])
    placement.save()
    return placement


@transaction.atomic
def placement_update(
    *,
    placement: Placement,
    user: User,
    proverb: Proverb,
    design: str,
    language: str,
    region: Region,
    place_type: str,
    address: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    landing: str = LandingPage.HOME,
) -> Placement:
    """Correct a placement. Its short link stays: the QR code is already printed."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    _require_region(user, placement.region)
    _require_region(user, region)
    _check_dates(starts_on, ends_on)
    _require_choices(place_type=place_type, landing=landing)
    banner = banner_get_or_create(proverb=proverb, design=design, language=language)
    if banner.pk != placement.banner_id and placement.visits.exists():
        # The QR code on the street still counts for the printed banner: a different banner would
        # mix two designs' figures in the A/B view. Record a new placement instead.
        raise ValidationError(
            {"design": _("This placement already has visits: record the new banner as a new placement.")}
        )
    placement.banner = banner
    placement.region = region
    placement.place_type = place_type
    placement.address = address.strip()
    placement.starts_on = starts_on
    placement.ends_on = ends_on
    placement.landing = landing
    placement.full_clean(exclude=["photo", "photo_thumbnail"])
    placement.save()
    return placement


@transaction.atomic
def placement_set_photo(*, placement: Placement, user: User, upload) -> Placement:
    """Attach the photo proof, re-encoded by the core pipeline; the previous photo's files go."""
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    _require_region(user, placement.region)
    try:
        processed = process_image_upload(upload)
    except ValidationError as error:
        raise ValidationError({"photo": error.messages}) from None
    old = [name for name in (placement.photo.name, placement.photo_thumbnail.name) if name]
    placement.photo.save(processed.display.name, processed.display, save=False)
    placement.photo_thumbnail.save(processed.thumbnail.name, processed.thumbnail, save=False)
    placement.photo_uploaded_at = timezone.now()
    placement.save(update_fields=["photo", "photo_thumbnail", "photo_uploaded_at", "updated_at"])
    transaction.on_commit(lambda: [default_storage.delete(name) for name in old])
    return placement


# --- Visits ----------------------------------------------------------------------------------------
def visit_record(*, banner_id: int, placement_id: int | None, day: datetime.date | None = None) -> None:
    """Count one scan for today (Almaty): one atomic INSERT … ON CONFLICT … count = count + 1.

    Nothing about the visitor is stored. Two scans at the same moment both count (the database
    serialises the upsert on the unique (placement, day) or (banner, day) index).
    """
    day = day or timezone.localdate()
    table = connection.ops.quote_name(Visit._meta.db_table)
    if placement_id is not None:
        target = "(placement_id, day) WHERE placement_id IS NOT NULL"
    else:
        target = "(banner_id, day) WHERE placement_id IS NULL"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (banner_id, placement_id, day, count) VALUES (%s, %s, %s, 1) "  # noqa: S608 - table and target are ours
            f"ON CONFLICT {target} DO UPDATE SET count = {table}.count + 1",
            [banner_id, placement_id, day],
        )


# --- Batches ---------------------------------------------------------------------------------------
@transaction.atomic
def batch_create(
    *, user: User, design: str, language: str, sizes: list[str], file_format: str
) -> BannerBatch:
    """Ask for every active proverb in these sizes as one ZIP; the Celery task makes it after commit."""
    from .tasks import build_batch

    _require_choices(design=design, language=language, file_format=file_format)
    if not sizes or any(size not in BannerSize.values for size in sizes):
        raise ValidationError({"sizes": _("Choose at least one size.")})
    if file_format == BannerFormat.PDF and any(not rendering.SIZES[size].printable for size in sizes):
        raise ValidationError({"sizes": _("Social media sizes are made as PNG pictures only.")})
    proverbs = Proverb.objects.filter(is_active=True).count()
    batch = BannerBatch.objects.create(
        requested_by=user,
        design=design,
        language=language,
        sizes=sizes,
        file_format=file_format,
        total=proverbs * len(sizes),
    )
    build_batch.delay_on_commit(batch.pk)
    return batch


def batch_build(*, batch_id: int) -> bool:
    """Render the batch into a ZIP in media storage, recording progress; False if not this run's to do.

    Idempotent by status: only a waiting batch (or one whose worker died long ago) is claimed, by
    a conditional UPDATE, so a redelivered task does not build it twice.
    """
    now = timezone.now()
    claimed = (
        BannerBatch.objects.filter(pk=batch_id)
        .filter(
            Q(status=BatchStatus.PENDING)
            | Q(status=BatchStatus.RUNNING, started_at__lt=now - BATCH_STALE_AFTER)
        )
        .update(status=BatchStatus.RUNNING, started_at=now, done=0, error="")
    )
    if not claimed:
        return False
    batch = BannerBatch.objects.get(pk=batch_id)
    proverbs = list(Proverb.objects.filter(is_active=True).order_by("id"))
    total = len(proverbs) * len(batch.sizes)
    BannerBatch.objects.filter(pk=batch_id).update(total=total)
    try:
        with tempfile.TemporaryFile() as handle:
            # PNG and PDF are compressed already: stored, not deflated again.
            with zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_STORED) as archive:
                done = 0
                for proverb in proverbs:
                    banner = banner_get_or_create(
                        proverb=proverb, design=batch.design, language=batch.language
                    )
                    for size in batch.sizes:
                        name = banner_file(banner=banner, size=size, fmt=batch.file_format)
                        with default_storage.open(name, "rb") as source:
                            archive.writestr(
                                banner_download_name(banner=banner, size=size, fmt=batch.file_format),
                                source.read(),
                            )
                        done += 1
                        BannerBatch.objects.filter(pk=batch_id).update(done=done)
            handle.seek(0)
            batch.refresh_from_db()
            batch.archive.save(f"enbek-banners-{batch.pk}.zip", File(handle), save=False)
        BannerBatch.objects.filter(pk=batch_id).update(
            archive=batch.archive.name, status=BatchStatus.DONE, finished_at=timezone.now()
        )
    except Exception as error:
        BannerBatch.objects.filter(pk=batch_id).update(
            status=BatchStatus.FAILED, error=str(error)[:255], finished_at=timezone.now()
        )
        raise
    return True
