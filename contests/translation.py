from modeltranslation.translator import TranslationOptions, register

from .models import Contest


@register(Contest)
class ContestTranslation(TranslationOptions):
    fields = ("title", "profession", "description")
    required_languages = ("kk", "ru")
