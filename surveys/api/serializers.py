from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import Choice, Question, Section, Survey


class ChoiceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Choice
        fields = ["code", "label"]


class QuestionSerializer(serializers.ModelSerializer):
    choices = ChoiceSerializer(many=True, read_only=True)
    show_if = serializers.SerializerMethodField(help_text="{question, any_of} or null")
    min = serializers.SerializerMethodField()
    max = serializers.SerializerMethodField()

    class Meta:
        model = Question
        fields = ["code", "kind", "text", "help_text", "required", "show_if", "min", "max", "choices"]

    def get_show_if(self, obj) -> dict | None:
        if obj.show_if_question_id is None:
            return None
        return {"question": obj.show_if_question.code, "any_of": [str(c) for c in obj.show_if_codes]}

    def _range(self, obj):
        from ..enums import NUMBER_RANGE

        return NUMBER_RANGE.get(obj.kind, (None, None))

    def get_min(self, obj) -> int | None:
        return self._range(obj)[0]

    def get_max(self, obj) -> int | None:
        return self._range(obj)[1]


class SectionSerializer(serializers.ModelSerializer):
    questions = QuestionSerializer(many=True, read_only=True, source="question_list")

    class Meta:
        model = Section
        fields = ["title", "questions"]


class SurveySerializer(serializers.ModelSerializer):
    sections = serializers.SerializerMethodField()
    demographics = serializers.SerializerMethodField()

    class Meta:
        model = Survey
        fields = ["id", "year", "title", "intro", "opens_on", "closes_on", "sections", "demographics"]

    def get_sections(self, obj) -> list[dict]:
        # The sections with their questions as Structure.load prepared them (three queries in all).
        return SectionSerializer(self.context["sections"], many=True).data

    def get_demographics(self, obj) -> dict:
        from ..enums import DEMOGRAPHICS

        fields = {"region": "Region code (first two digits of KATO), see /api/v1/regions/"}
        for name, choices in DEMOGRAPHICS.items():
            if choices is not None:
                fields[name] = [{"code": value, "label": str(label)} for value, label in choices.choices]
        return fields


class ResponseInputSerializer(serializers.Serializer):
    answers = serializers.DictField(help_text="{question code: choice code | [choice codes] | number | text}")
    demographics = serializers.DictField(
        help_text="{region, sex, age_group, education, employment, settlement}"
    )
    token = serializers.CharField(
        required=False, min_length=16, max_length=200, help_text=_("The client's own participation token.")
    )
    invitation_code = serializers.CharField(required=False, max_length=20)
