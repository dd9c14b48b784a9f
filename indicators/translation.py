from modeltranslation.translator import TranslationOptions, register

from .models import ActionPlan, ActionPlanItem, Indicator


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    fields = ("name", "description")
    required_languages = ("kk", "ru")


@register(ActionPlan)
class ActionPlanTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ("kk",)


@register(ActionPlanItem)
class ActionPlanItemTranslation(TranslationOptions):
    fields = ("title", "responsible", "completion_form")
    required_languages = ("kk",)
