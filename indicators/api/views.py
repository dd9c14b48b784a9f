from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny

from ..enums import Period
from ..models import IndicatorValue, Target
from ..selectors import indicator_list
from ..status import assess
from .serializers import IndicatorSerializer, ValueRowSerializer, ValuesQuerySerializer

LANG_PARAMETER = OpenApiParameter(
    "lang", str, enum=["kk", "ru"], description="Language of translated fields (else Accept-Language)."
)


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]), retrieve=extend_schema(parameters=[LANG_PARAMETER])
)
class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """The published effectiveness indicators (open data) and their values."""

    serializer_class = IndicatorSerializer
    permission_classes = [AllowAny]
    lookup_field = "code"
    lookup_value_regex = r"[a-z_]+\.[a-z_]+"
    filter_backends: list = []

    def get_queryset(self):
        return indicator_list(published_only=True)

    @extend_schema(
        parameters=[ValuesQuerySerializer],
        responses=ValueRowSerializer(many=True),
        description="Values of published indicators by region and month, quarter or year, with the year's "
        "target and status.",
    )
    @action(detail=False, url_path="values", serializer_class=ValueRowSerializer)
    def values(self, request):
        query = ValuesQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        params = query.validated_data
        queryset = IndicatorValue.objects.filter(
            indicator__is_published=True,
            period=params["period"],
            period_start__gte=params["date_from"],
            period_start__lt=params["date_to"],
        ).select_related("indicator", "region")
        if params.get("code"):
            queryset = queryset.filter(indicator__code=params["code"])
        region = params.get("region")
        if region == "republic":
            queryset = queryset.filter(region__isnull=True)
        elif region is not None:
            queryset = queryset.filter(region=region)
        queryset = queryset.order_by("indicator__position", "period_start", "region__code", "id")
        page = self.paginate_queryset(queryset)
        return self.get_paginated_response(ValueRowSerializer(self._rows(page), many=True).data)

    @staticmethod
    def _rows(values: list[IndicatorValue]) -> list[dict]:
        """Each value with its year's target and status: two more queries for the whole page."""
        keys = {(v.indicator_id, v.region_id, v.period_start.year) for v in values}
        indicator_ids = {k[0] for k in keys}
        years = {k[2] for k in keys}
        targets = {
            (t.indicator_id, t.region_id, t.year): t.value
            for t in Target.objects.filter(indicator_id__in=indicator_ids, year__in=years)
        }
        yearly = {
            (v.indicator_id, v.region_id, v.period_start.year): v.value
            for v in IndicatorValue.objects.filter(
                indicator_id__in=indicator_ids, period=Period.YEAR, period_start__year__in=years
            ).only("indicator_id", "region_id", "period_start", "value")
        }
        today = timezone.localdate()
        rows = []
        for value in values:
            key = (value.indicator_id, value.region_id, value.period_start.year)
            target = targets.get(key)
            assessment = assess(
                value=yearly.get(key),
                target=target,
                direction=value.indicator.direction,
                cumulative=value.indicator.is_cumulative,
                year=key[2],
                today=today,
            )
            rows.append(
                {
                    "code": value.indicator.code,
                    "region": value.region.code if value.region else None,
                    "period_start": value.period_start,
                    "period": value.period,
                    "value": value.value,
                    "target": target,
                    "status": assessment.status,
                }
            )
        return rows
