from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import ContestStatus


class Contest(models.Model):
    """A round of «Я-профи», the contest of working professions: one profession, one region or national."""

    title = models.CharField(_("title"), max_length=255)
    profession = models.CharField(_("profession"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    region = models.ForeignKey(
        "enbek.Region",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="contests",
        verbose_name=_("region"),
        help_text=_("Empty for a national round."),
    )
    applications_open = models.DateField(_("applications open"))
    applications_close = models.DateField(_("applications close"))
    status = models.CharField(
        _("status"), max_length=12, choices=ContestStatus.choices, default=ContestStatus.DRAFT
    )
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-applications_open"]
        verbose_name = _("contest")
        verbose_name_plural = _("contests")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(applications_close__gte=models.F("applications_open")),
                name="contest_window_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title
