from rest_framework import serializers

from ..models import Dynasty, MediaEpisode, Member, Photo


def _absolute(request, field_file) -> str | None:
    if not field_file:
        return None
    url = field_file.url
    return request.build_absolute_uri(url) if request is not None else url


class DynastyListSerializer(serializers.ModelSerializer):
    region = serializers.CharField(source="region.code", read_only=True)
    region_name = serializers.CharField(source="region.name", read_only=True)
    sphere = serializers.CharField(source="sphere.slug", read_only=True)
    sphere_name = serializers.CharField(source="sphere.name", read_only=True)
    cover = serializers.SerializerMethodField()
    url = serializers.SerializerMethodField()

    class Meta:
        model = Dynasty
        fields = [
            "slug",
            "family_name",
            "family_name_kk",
            "family_name_ru",
            "region",
            "region_name",
            "sphere",
            "sphere_name",
            "generations",
            "members_count",
            "total_years",
            "founded_year",
            "published_at",
            "cover",
            "url",
        ]

    def get_cover(self, obj) -> str | None:
        return _absolute(self.context.get("request"), obj.cover.thumbnail if obj.cover_id else None)

    def get_url(self, obj) -> str:
        request = self.context.get("request")
        path = obj.get_absolute_url()
        return request.build_absolute_uri(path) if request is not None else path


class ProfessionRefSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True, help_text="The classifier's code, e.g. 7212-01.")
    name = serializers.CharField(read_only=True, help_text="Name in the request's language.")


class MemberSerializer(serializers.ModelSerializer):
    years = serializers.IntegerField(read_only=True, help_text="Years of service, computed in SQL.")
    parent = serializers.PrimaryKeyRelatedField(
        read_only=True, allow_null=True, help_text="The parent member's id; null for a founder."
    )
    profession_ref = ProfessionRefSerializer(
        read_only=True, allow_null=True, help_text="The classifier's profession, if the family named one."
    )

    class Meta:
        model = Member
        fields = [
            "id",
            "full_name",
            "generation",
            "parent",
            "birth_year",
            "death_year",
            "profession",
            "profession_ref",
            "organization_name",
            "start_year",
            "end_year",
            "years",
            "awards",
        ]


class PhotoSerializer(serializers.ModelSerializer):
    image = serializers.SerializerMethodField()
    thumbnail = serializers.SerializerMethodField()

    class Meta:
        model = Photo
        fields = ["image", "thumbnail", "width", "height", "caption"]

    def get_image(self, obj) -> str | None:
        return _absolute(self.context.get("request"), obj.image)

    def get_thumbnail(self, obj) -> str | None:
        return _absolute(self.context.get("request"), obj.thumbnail)


class MediaEpisodeSerializer(serializers.ModelSerializer):
    class Meta:
        model = MediaEpisode
        fields = ["title", "kind", "outlet", "date", "url"]


class DynastyDetailSerializer(DynastyListSerializer):
    story = serializers.CharField(
        source="story_html",
        read_only=True,
        help_text="Sanitised HTML rendered from the story's Markdown when it was saved.",
    )
    members = MemberSerializer(many=True, read_only=True)
    photos = PhotoSerializer(many=True, read_only=True)
    media = MediaEpisodeSerializer(many=True, read_only=True)
    organization = serializers.CharField(
        source="organization.name",
        read_only=True,
        default=None,
        allow_null=True,
        help_text="The main organisation's name; null when none is given.",
    )

    class Meta(DynastyListSerializer.Meta):
        fields = [*DynastyListSerializer.Meta.fields, "organization", "story", "members", "photos", "media"]
