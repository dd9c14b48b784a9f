from modeltranslation.translator import TranslationOptions, register

from .models import Organization, Proverb, ProverbTheme, Region


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name", "center")
    required_languages = ("kk", "ru")


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    fields = ("name", "address")
    required_languages = ("kk",)


@register(Proverb)
class ProverbTranslation(TranslationOptions):
    fields = ("text",)
    # The original language is filled; the other may wait for the editors (shown with a note).
    fallback_undefined = ""


@register(ProverbTheme)
class ProverbThemeTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("kk", "ru")
