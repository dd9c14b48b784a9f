from modeltranslation.translator import TranslationOptions, register

from .models import Dynasty, MediaEpisode, Member, Photo, PhotoExhibition


@register(Dynasty)
class DynastyTranslation(TranslationOptions):
    # A citizen may write in one language; the other falls back to it until an editor translates.
    fields = ("family_name", "story", "story_html")


@register(Member)
class MemberTranslation(TranslationOptions):
    fields = ("profession", "awards")


@register(Photo)
class PhotoTranslation(TranslationOptions):
    fields = ("caption",)


@register(MediaEpisode)
class MediaEpisodeTranslation(TranslationOptions):
    fields = ("title", "outlet")


@register(PhotoExhibition)
class PhotoExhibitionTranslation(TranslationOptions):
    fields = ("title", "place")
