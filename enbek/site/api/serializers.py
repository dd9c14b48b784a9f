"""The profession explorer's and the interest quiz's API (composition: it counts the dynasties too)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from enbek.enums import Audience, EntryPath, HollandType
from enbek.models import Profession, Sphere


class ProfessionListParams(serializers.Serializer):
    """The list's query parameters: a wrong value is a 400 naming the parameter."""

    sphere = serializers.SlugField(required=False, allow_blank=True, help_text="Sphere slug.")
    interest = serializers.ChoiceField(
        choices=HollandType.values, required=False, allow_blank=True, help_text="One Holland letter."
    )
    audience = serializers.ChoiceField(choices=Audience.values, required=False, allow_blank=True)
    search = serializers.CharField(required=False, allow_blank=True, max_length=100)

    def validate_sphere(self, value: str) -> str:
        if value and not Sphere.objects.filter(slug=value).exists():
            raise serializers.ValidationError(_("There is no sphere with this slug."))
        return value


class ProfessionListSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="Name in the request's language.")
    sphere = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = serializers.SerializerMethodField(help_text="The profession's page on the portal.")

    class Meta:
        model = Profession
        fields = ["code", "name", "sphere", "interest_code", "url"]

    def get_url(self, obj) -> str:
        path = reverse("professions:detail", args=[obj.code])
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request is not None else path


class ProfessionDetailSerializer(ProfessionListSerializer):
    description = serializers.CharField(read_only=True)
    sphere_name = serializers.CharField(source="sphere.name", read_only=True)
    paths = serializers.SerializerMethodField(help_text="The usual paths into it: college, university, …")
    audiences = serializers.SerializerMethodField(help_text="Who it suits as a next step.")
    dynasties_count = serializers.IntegerField(
        read_only=True, help_text="Published labour dynasties with a member in this profession."
    )

    class Meta(ProfessionListSerializer.Meta):
        fields = [*ProfessionListSerializer.Meta.fields, "sphere_name", "description", "paths", "audiences"]
        fields += ["dynasties_count"]

    def get_paths(self, obj) -> list[dict]:
        return [{"code": path, "label": str(EntryPath(path).label)} for path in obj.paths]

    def get_audiences(self, obj) -> list[dict]:
        return [{"code": audience, "label": str(Audience(audience).label)} for audience in obj.audiences]


class QuizAnswersSerializer(serializers.Serializer):
    answers = serializers.DictField(
        child=serializers.JSONField(), help_text='{"<item id>": 1..5} for every item of GET /career-quiz/.'
    )
