from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from enbek.validators import HttpUrlValidator

from ..enums import OutreachKind


class OutreachActivity(models.Model):
    """A broadcast, publication, post, billboard, exhibition or coverage about labour, entered by staff.

    Dynasties' own media episodes and photo exhibitions are counted from the dynasties section; they
    are not entered here again (the service refuses a link that a dynasty's media episode already has).
    """

    kind = models.CharField(_("kind"), max_length=16, choices=OutreachKind.choices)
    title = models.CharField(_("title"), max_length=255)
    outlet = models.CharField(
        _("outlet"), max_length=200, blank=True, help_text=_("Channel, newspaper, site or place.")
    )
    region = models.ForeignKey(
        "enbek.Region",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="outreach_activities",
        verbose_name=_("region"),
        help_text=_("Empty for a national outlet."),
    )
    date = models.DateField(_("date"))
    estimated_reach = models.PositiveIntegerField(_("estimated reach (people)"), default=0)
    url = models.URLField(_("link"), max_length=500, blank=True, validators=[HttpUrlValidator()])
    dynasty = models.ForeignKey(
        "dynasties.Dynasty",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dynasty"),
    )
    contest = models.ForeignKey(
        "contests.Contest",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("contest"),
    )
    event = models.ForeignKey(
        "events.Event", models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("event")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("entered by"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name = _("outreach activity")
        verbose_name_plural = _("outreach activities")
        indexes = [models.Index(fields=["date", "region"], name="outreach_date_region")]

    def __str__(self) -> str:
        return self.title
