from modeltranslation.translator import TranslationOptions, register

from .models import Contest, Criterion, Stage


@register(Contest)
class ContestTranslation(TranslationOptions):
    fields = ("title", "rules")
    required_languages = ("kk", "ru")


@register(Stage)
class StageTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("kk", "ru")


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("name",)
    required_languages = ("kk", "ru")
