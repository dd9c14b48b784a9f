from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .enums import BannerDesign, BannerFormat, BannerLanguage, BatchStatus, LandingPage, PlaceType

CODE_LENGTH = 7


class Banner(models.Model):
    """A proverb in one design and language. Its own short link is on the copies people print
    themselves from /proverbs/; a placement has a short link of its own."""

    proverb = models.ForeignKey(
        "enbek.Proverb", models.PROTECT, related_name="banners", verbose_name=_("proverb")
    )
    design = models.CharField(_("design"), max_length=20, choices=BannerDesign.choices)
    language = models.CharField(_("language"), max_length=4, choices=BannerLanguage.choices)
    code = models.CharField(_("short link code"), max_length=12, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["proverb_id", "design", "language"]
        verbose_name = _("banner")
        verbose_name_plural = _("banners")
        constraints = [
            models.UniqueConstraint(fields=["proverb", "design", "language"], name="banner_unique_variant")
        ]

    def __str__(self) -> str:
        return f"{self.proverb} · {self.get_design_display()} · {self.get_language_display()}"


class Placement(models.Model):
    """A banner put up somewhere (or online) by a regional coordinator, with its own QR short link."""

    banner = models.ForeignKey(Banner, models.PROTECT, related_name="placements", verbose_name=_("banner"))
    region = models.ForeignKey(
        "enbek.Region", models.PROTECT, related_name="banner_placements", verbose_name=_("region")
    )
    place_type = models.CharField(_("place type"), max_length=20, choices=PlaceType.choices)
    address = models.CharField(_("address or place"), max_length=255)
    starts_on = models.DateField(_("placed on"))
    ends_on = models.DateField(_("removed on"), null=True, blank=True)
    landing = models.CharField(
        _("page the QR code opens"), max_length=40, choices=LandingPage.choices, default=LandingPage.HOME
    )
    code = models.CharField(_("short link code"), max_length=12, unique=True)
    # Photo proof, re-encoded by enbek.images (EXIF and GPS gone, random names).
    photo = models.ImageField(_("photo proof"), upload_to="nudges/placements/", blank=True)
    photo_thumbnail = models.ImageField(upload_to="nudges/placements/thumbs/", blank=True)
    photo_uploaded_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        related_name="banner_placements",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-starts_on", "-id"]
        verbose_name = _("banner placement")
        verbose_name_plural = _("banner placements")
        indexes = [
            models.Index(fields=["region", "starts_on"]),
            models.Index(fields=["banner", "place_type"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="placement_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_place_type_display()}: {self.address}"


class Visit(models.Model):
    """Scans of one short link on one day (Almaty): a counter, nothing about who scanned.

    The row belongs to a placement, or to a banner alone for self-printed copies. Counting is one
    atomic upsert (services.visit_record), so simultaneous scans never lose a count.
    """

    banner = models.ForeignKey(Banner, models.CASCADE, related_name="visits", verbose_name=_("banner"))
    placement = models.ForeignKey(
        Placement, models.CASCADE, null=True, blank=True, related_name="visits", verbose_name=_("placement")
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("visits"), default=0)

    class Meta:
        ordering = ["day"]
        verbose_name = _("short link visits")
        verbose_name_plural = _("short link visits")
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "day"], condition=Q(placement__isnull=False), name="visit_placement_day"
            ),
            models.UniqueConstraint(
                fields=["banner", "day"], condition=Q(placement__isnull=True), name="visit_banner_day"
            ),
        ]
        indexes = [models.Index(fields=["day"])]

    def __str__(self) -> str:
        return f"{self.day}: {self.count}"


def _batch_sizes_default() -> list[str]:
    return ["a4"]


class BannerBatch(models.Model):
    """Every active proverb × the chosen sizes, rendered by a Celery task into one ZIP."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="banner_batches",
        verbose_name=_("requested by"),
    )
    design = models.CharField(_("design"), max_length=20, choices=BannerDesign.choices)
    language = models.CharField(_("language"), max_length=4, choices=BannerLanguage.choices)
    sizes = models.JSONField(_("sizes"), default=_batch_sizes_default)
    file_format = models.CharField(_("format"), max_length=3, choices=BannerFormat.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=BatchStatus.choices, default=BatchStatus.PENDING
    )
    total = models.PositiveIntegerField(_("files to make"), default=0)
    done = models.PositiveIntegerField(_("files made"), default=0)
    archive = models.FileField(_("ZIP archive"), upload_to="nudges/batches/", blank=True)
    error = models.CharField(_("error"), max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("banner batch")
        verbose_name_plural = _("banner batches")

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_status_display()}"

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0
