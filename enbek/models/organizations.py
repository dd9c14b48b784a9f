from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..enums import OrganizationKind
from ..validators import BINValidator, HttpUrlValidator, validate_phone


class Organization(models.Model):
    """An enterprise or institution: publishes career-guidance events, employs dynasties, hosts contests."""

    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(
        _("kind"), max_length=20, choices=OrganizationKind.choices, default=OrganizationKind.ENTERPRISE
    )
    bin = models.CharField(_("BIN"), max_length=12, unique=True, validators=[BINValidator()])
    region = models.ForeignKey(
        "enbek.Region", models.PROTECT, related_name="organizations", verbose_name=_("region")
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    website = models.URLField(_("website"), blank=True, validators=[HttpUrlValidator()])
    phone = models.CharField(_("phone"), max_length=16, blank=True, validators=[validate_phone])
    is_verified = models.BooleanField(_("verified"), default=False)
    representatives = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="organizations", verbose_name=_("representatives")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        indexes = [models.Index(fields=["region", "is_verified"])]

    def __str__(self) -> str:
        return self.name
