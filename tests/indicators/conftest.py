"""Shared fixtures of the indicators tests: the language of the msgids, a fixed calendar."""

import datetime

import pytest
from django.utils import translation

# Every hand-built fixture lives in 2025; "today" is fixed so that zero-filling and statuses are exact.
TODAY = datetime.date(2025, 6, 30)


@pytest.fixture
def source_language():
    with translation.override("en"):
        yield


def values_of(code: str, period: str, *, region_code: str | None = "*") -> dict:
    """{(region code or None, period_start): value} of the stored snapshots of one indicator."""
    from indicators.models import IndicatorValue

    queryset = IndicatorValue.objects.filter(indicator__code=code, period=period).select_related("region")
    if region_code != "*":
        queryset = queryset.filter(region__code=region_code) if region_code else queryset.filter(region=None)
    return {(v.region.code if v.region else None, v.period_start): v.value for v in queryset}


def nonzero(values: dict) -> dict:
    return {key: value for key, value in values.items() if value}
