from rest_framework import serializers

from enbek.enums import Language
from enbek.models import Organization, Region

from ..enums import Education
from ..models import Application, Contest, Nomination, Stage, StageEntry, StatusChange


class NominationSerializer(serializers.ModelSerializer):
    profession = serializers.CharField(source="profession.code", read_only=True)
    profession_name = serializers.CharField(source="profession.name", read_only=True)

    class Meta:
        model = Nomination
        fields = ["id", "profession", "profession_name"]


class StageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Stage
        fields = ["id", "order", "title", "starts_on", "ends_on", "is_regional", "advance_count"]


class ContestListSerializer(serializers.ModelSerializer):
    is_open = serializers.SerializerMethodField()
    results_published = serializers.BooleanField(read_only=True)

    class Meta:
        model = Contest
        fields = [
            "id",
            "year",
            "title",
            "slug",
            "applications_open",
            "applications_close",
            "is_open",
            "results_published",
        ]

    def get_is_open(self, contest) -> bool:
        from ..services import contest_window_is_open

        return contest_window_is_open(contest)


class ContestDetailSerializer(ContestListSerializer):
    nominations = NominationSerializer(many=True, read_only=True)
    stages = StageSerializer(many=True, read_only=True)

    class Meta(ContestListSerializer.Meta):
        fields = ContestListSerializer.Meta.fields + [
            "rules",
            "min_age",
            "max_age",
            "min_experience_years",
            "ranking_rule",
            "nominations",
            "stages",
        ]


class ApplicationCreateSerializer(serializers.Serializer):
    """Input of POST /contests/<id>/applications/: shapes only; the rules are in the service."""

    iin = serializers.CharField(max_length=20, allow_blank=True, default="", trim_whitespace=True)
    nomination = serializers.IntegerField()
    full_name = serializers.CharField(max_length=200)
    phone = serializers.CharField(max_length=30)
    region = serializers.SlugRelatedField(slug_field="code", queryset=Region.objects.all())
    organization = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), required=False, allow_null=True
    )
    employer_name = serializers.CharField(max_length=255, required=False, allow_blank=True, default="")
    experience_years = serializers.IntegerField(min_value=0, max_value=70)
    education = serializers.ChoiceField(choices=Education.choices)
    story = serializers.CharField(max_length=5000)
    story_language = serializers.ChoiceField(choices=Language.choices, default=Language.KK)
    photo_in_gallery = serializers.BooleanField(default=False)
    consent = serializers.BooleanField(default=False)


class StatusChangeSerializer(serializers.ModelSerializer):
    status_label = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = StatusChange
        fields = ["status", "status_label", "reason", "created_at"]


class MyApplicationSerializer(serializers.ModelSerializer):
    """The owner's view: the IIN only masked (the full number is not stored)."""

    iin = serializers.CharField(source="iin_masked", read_only=True)
    contest = serializers.IntegerField(source="contest_id", read_only=True)
    contest_title = serializers.CharField(source="contest.title", read_only=True)
    nomination = serializers.CharField(source="nomination.profession.name", read_only=True, default=None)
    region = serializers.CharField(source="region.code", read_only=True, default=None)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    history = StatusChangeSerializer(many=True, read_only=True)

    class Meta:
        model = Application
        fields = [
            "id",
            "contest",
            "contest_title",
            "nomination",
            "region",
            "iin",
            "birth_date",
            "full_name",
            "status",
            "status_label",
            "reject_reason",
            "place",
            "submitted_at",
            "history",
        ]


class ResultSerializer(serializers.ModelSerializer):
    """A published result: name, nomination, region, employer, score, rank, place. No IIN at all."""

    application = serializers.IntegerField(source="application_id")
    full_name = serializers.CharField(source="application.full_name")
    nomination = serializers.CharField(source="application.nomination.profession.name")
    profession = serializers.CharField(source="application.nomination.profession.code")
    region = serializers.CharField(source="application.region.code")
    region_name = serializers.CharField(source="application.region.name")
    employer = serializers.CharField(source="application.employer")
    place = serializers.IntegerField(source="application.place", allow_null=True)

    class Meta:
        model = StageEntry
        fields = [
            "application",
            "rank",
            "score",
            "full_name",
            "nomination",
            "profession",
            "region",
            "region_name",
            "employer",
            "place",
        ]
