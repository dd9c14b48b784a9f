from modeltranslation.translator import TranslationOptions, register

from .models import (
    Organization,
    Profession,
    Proverb,
    ProverbTheme,
    QuizStatement,
    Region,
    Sphere,
    TrainingProgramme,
)


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


@register(Sphere)
class SphereTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("kk", "ru")


@register(Profession)
class ProfessionTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("kk", "ru")


@register(TrainingProgramme)
class TrainingProgrammeTranslation(TranslationOptions):
    # The provider's own title; the other language falls back to it until someone translates.
    fields = ("title",)
    required_languages = ("kk",)


@register(ProverbTheme)
class ProverbThemeTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("kk", "ru")


@register(QuizStatement)
class QuizStatementTranslation(TranslationOptions):
    fields = ("text",)
    required_languages = ("kk", "ru")
