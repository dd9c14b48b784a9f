from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..enums import Language


class Proverb(models.Model):
    """A proverb or saying about labour, shown as the proverb of the day and on nudge banners."""

    # Translated by modeltranslation into text_kk and text_ru; an empty translation is for the
    # ministry's editors to fill, and until then the original is shown with a language note.
    text = models.TextField(_("text"))
    original_language = models.CharField(_("original language"), max_length=2, choices=Language.choices)
    source = models.CharField(_("source"), max_length=200, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("proverb")
        verbose_name_plural = _("proverbs")

    def __str__(self) -> str:
        return self.original_text[:80]

    @property
    def original_text(self) -> str:
        return getattr(self, f"text_{self.original_language}", "") or ""

    def display(self, language: str | None = None) -> tuple[str, str]:
        """The text to show in this language and the language it is really in."""
        language = (language or get_language() or "kk")[:2]
        own = getattr(self, f"text_{language}", "") or ""
        if own.strip():
            return own, language
        return self.original_text, self.original_language
