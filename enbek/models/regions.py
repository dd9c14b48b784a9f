from django.db import models
from django.utils.translation import gettext_lazy as _

from ..enums import RegionKind


class Region(models.Model):
    """A top-level administrative unit of Kazakhstan (17 oblasts and 3 cities), by its KATO code."""

    code = models.CharField(_("code"), max_length=2, unique=True, help_text=_("First two digits of KATO."))
    kato = models.CharField(_("KATO code"), max_length=9, unique=True)
    iso = models.CharField(_("ISO 3166-2 code"), max_length=5, unique=True)
    kind = models.CharField(_("kind"), max_length=10, choices=RegionKind.choices)
    name = models.CharField(_("name"), max_length=100)
    center = models.CharField(_("administrative centre"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self) -> str:
        return self.name
