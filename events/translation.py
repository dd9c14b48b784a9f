from modeltranslation.translator import TranslationOptions, register

from .models import Event, EventPhoto


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("title", "description", "address", "accessibility")
    required_languages = {"kk": ("title",), "ru": ("title",)}


@register(EventPhoto)
class EventPhotoTranslation(TranslationOptions):
    fields = ("caption",)
