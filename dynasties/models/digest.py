from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class CoordinatorDigest(models.Model):
    """When a regional coordinator was last e-mailed the dynasties submitted in their region.

    One row per coordinator, locked while a digest is sent: it makes the daily digest idempotent
    (at most one a day, whatever the beat or a retry does) and says where the next one starts.
    """

    coordinator = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        primary_key=True,
        related_name="dynasty_digest",
        verbose_name=_("coordinator"),
    )
    sent_at = models.DateTimeField(_("last digest sent at"), null=True, blank=True)
    # Dynasties submitted up to this moment were in a digest; the next lists those after it.
    covered_until = models.DateTimeField(_("submissions covered until"), null=True, blank=True)

    class Meta:
        verbose_name = _("coordinator's digest")
        verbose_name_plural = _("coordinators' digests")

    def __str__(self) -> str:
        return str(self.coordinator)
