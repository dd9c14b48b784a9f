from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import EventKind, EventStatus


class Event(models.Model):
    """A career-guidance event an enterprise holds: an open day, an excursion, a meeting."""

    organization = models.ForeignKey(
        "enbek.Organization", models.CASCADE, related_name="events", verbose_name=_("organisation")
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices, default=EventKind.OPEN_DAY)
    region = models.ForeignKey(
        "enbek.Region", models.PROTECT, related_name="events", verbose_name=_("region")
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("seats"), default=30)
    status = models.CharField(
        _("status"), max_length=12, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            )
        ]

    def __str__(self) -> str:
        return self.title
