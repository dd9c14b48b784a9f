from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from ..enums import Language, TranslationKind

# Long enough for any proverb or saying; short enough that a banner in both languages stays legible
# on a phone-sized social picture (nudges.rendering shrinks the text to fit, down to a floor).
PROVERB_MAX_LENGTH = 250


class ProverbTheme(models.Model):
    """A theme tag of the proverb library (labour, diligence, mastery…); name translated."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("proverb theme")
        verbose_name_plural = _("proverb themes")

    def __str__(self) -> str:
        return self.name


class Proverb(models.Model):
    """A proverb or saying about labour, shown as the proverb of the day and on nudge banners."""

    # Translated by modeltranslation into text_kk and text_ru; an empty translation is for the
    # ministry's editors to fill, and until then the original is shown with a language note.
    text = models.TextField(_("text"), validators=[MaxLengthValidator(PROVERB_MAX_LENGTH)])
    original_language = models.CharField(_("original language"), max_length=2, choices=Language.choices)
    # What the text in the other language is: a translation, or an equivalent proverb of that language
    # ("Сабыр түбі – сары алтын" for "Терпение и труд всё перетрут"); empty while there is none.
    translation_kind = models.CharField(
        _("the other language's text is"), max_length=12, choices=TranslationKind.choices, blank=True
    )
    themes = models.ManyToManyField(
        ProverbTheme, blank=True, related_name="proverbs", verbose_name=_("themes")
    )
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

    def text_in(self, language: str) -> str:
        """The text in exactly this language, empty when there is none yet."""
        return (getattr(self, f"text_{language[:2]}", "") or "").strip()

    def display(self, language: str | None = None) -> tuple[str, str]:
        """The text to show in this language and the language it is really in."""
        language = (language or get_language() or "kk")[:2]
        own = self.text_in(language)
        if own:
            return own, language
        return self.original_text, self.original_language

    def is_equivalent_in(self, language: str) -> bool:
        """True when the text in this (non-original) language is an equivalent, not a translation."""
        return (
            language[:2] != self.original_language
            and self.translation_kind == TranslationKind.EQUIVALENT
            and bool(self.text_in(language))
        )
