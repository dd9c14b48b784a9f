import datetime

from django.utils import timezone
from rest_framework import serializers

from enbek.models import Region

from ..enums import Period
from ..models import Indicator
from ..sources import SOURCES


class IndicatorSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True, help_text="Name in the request's language.")
    description = serializers.CharField(read_only=True)
    has_data_source = serializers.SerializerMethodField(
        help_text="False until the section that feeds it exists."
    )

    class Meta:
        model = Indicator
        fields = ["code", "name", "name_kk", "name_ru", "description", "unit", "direction", "mechanism",
                  "has_data_source"]  # fmt: skip

    def get_has_data_source(self, indicator) -> bool:
        return indicator.code in SOURCES


class ValuesQuerySerializer(serializers.Serializer):
    code = serializers.CharField(
        required=False, help_text="An indicator code; every published one when absent."
    )
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    region = serializers.CharField(
        required=False,
        help_text='A 2-digit region code, or "republic"; every region and the republic when absent.',
    )
    period = serializers.ChoiceField(choices=Period.choices, required=False, default=Period.YEAR)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The valid codes as choices, so that the OpenAPI schema lists them (an enum) and anything else
        # is a 400 (two small queries, whatever the data); none when the database cannot say
        # (`manage.py check` before migrate).
        from django.db import DatabaseError

        try:
            codes = list(
                Indicator.objects.filter(is_published=True).order_by("code").values_list("code", flat=True)
            )
            regions = list(Region.objects.order_by("code").values_list("code", flat=True))
        except DatabaseError:
            return
        self.fields["code"] = serializers.ChoiceField(
            choices=codes,
            required=False,
            help_text=self.fields["code"].help_text,
            error_messages={"invalid_choice": "Unknown or unpublished indicator."},
        )
        self.fields["region"] = serializers.ChoiceField(
            choices=["republic", *regions], required=False, help_text=self.fields["region"].help_text
        )

    def validate_code(self, code):
        if not Indicator.objects.filter(code=code, is_published=True).exists():
            raise serializers.ValidationError("Unknown or unpublished indicator.")
        return code

    def validate_year(self, year):
        return year

    def validate_region(self, value):
        if value == "republic":
            return value
        region = Region.objects.filter(code=value).first()
        if region is None:
            raise serializers.ValidationError("Unknown region code.")
        return region

    def validate(self, data):
        data.setdefault("year", timezone.localdate().year)
        data["date_from"] = datetime.date(data["year"], 1, 1)
        data["date_to"] = datetime.date(data["year"] + 1, 1, 1)
        return data


class ValueRowSerializer(serializers.Serializer):
    code = serializers.CharField()
    region = serializers.CharField(allow_null=True, help_text="Region code, null for the republic.")
    period_start = serializers.DateField()
    period = serializers.CharField()
    value = serializers.FloatField()
    target = serializers.FloatField(allow_null=True, help_text="The target of the period's year.")
    status = serializers.CharField(
        help_text="on_track, at_risk, behind or no_target: the year's, as of today."
    )
