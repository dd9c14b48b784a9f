from django.utils.translation import get_language
from rest_framework import serializers

from enbek.models import Proverb

from ..enums import BannerDesign, BannerLanguage, BannerSize


class ProverbSerializer(serializers.ModelSerializer):
    original_lang = serializers.CharField(source="original_language", read_only=True)
    text = serializers.SerializerMethodField(
        help_text="The text in the request's language (else the original)."
    )
    text_lang = serializers.SerializerMethodField(help_text="The language `text` is really in.")
    themes = serializers.SerializerMethodField()

    class Meta:
        model = Proverb
        fields = [
            "id",
            "text_kk",
            "text_ru",
            "original_lang",
            "translation_kind",
            "text",
            "text_lang",
            "themes",
        ]

    def get_text(self, obj) -> str:
        return obj.display(get_language())[0]

    def get_text_lang(self, obj) -> str:
        return obj.display(get_language())[1]

    def get_themes(self, obj) -> list[str]:
        return [theme.slug for theme in obj.themes.all()]


class BannerQuerySerializer(serializers.Serializer):
    """The query of /api/v1/proverbs/<id>/banner.png; an unknown value is a 400 naming the field."""

    size = serializers.ChoiceField(choices=BannerSize.values, default=BannerSize.A4)
    lang = serializers.ChoiceField(choices=BannerLanguage.values, default=BannerLanguage.KK)
    design = serializers.ChoiceField(choices=BannerDesign.values, default=BannerDesign.STEPPE)
