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


@pytest.fixture
def postgres_only():
    from django.conf import settings

    if not settings.IS_POSTGRES:
        pytest.skip("PostgreSQL only: set DATABASE_URL=postgres://… to run this test.")


@pytest.fixture
def short_history(settings):
    """Full runs over 2024 and 2025 only: small, exact fixtures."""
    settings.INDICATORS_HISTORY_YEARS = 2


@pytest.fixture
def data_2025(db):
    """A small world in 2025: dynasties published in two regions, outreach, a plan with items."""
    return build_data_2025()


def build_data_2025() -> dict:
    from zoneinfo import ZoneInfo

    from indicators.enums import ItemStatus, OutreachKind
    from tests.factories import DynastyFactory, MemberFactory, region
    from tests.factories.indicators import ActionPlanFactory, ActionPlanItemFactory, OutreachActivityFactory

    almaty = ZoneInfo("Asia/Almaty")
    D = datetime.date
    r75, r71 = region("75"), region("71")
    dynasties = [
        DynastyFactory(region=r75, published_at=datetime.datetime(2025, 1, 15, 10, tzinfo=almaty)),
        DynastyFactory(region=r75, published_at=datetime.datetime(2025, 2, 3, 10, tzinfo=almaty)),
        DynastyFactory(region=r71, published_at=datetime.datetime(2025, 5, 20, 10, tzinfo=almaty)),
    ]
    MemberFactory.create_batch(2, dynasty=dynasties[0])
    OutreachActivityFactory(kind=OutreachKind.TV, region=r75, date=D(2025, 6, 10), estimated_reach=500)
    OutreachActivityFactory(kind=OutreachKind.BILLBOARD, region=r71, date=D(2025, 3, 3), estimated_reach=200)
    plan = ActionPlanFactory(region=r75, year=2025)
    ActionPlanItemFactory(
        plan=plan, deadline=D(2025, 2, 28), status=ItemStatus.DONE, completed_on=D(2025, 2, 20)
    )
    ActionPlanItemFactory(plan=plan, deadline=D(2025, 3, 15), status=ItemStatus.OVERDUE)
    ActionPlanItemFactory(plan=plan, deadline=D(2025, 9, 1), status=ItemStatus.PLANNED)
    return {"dynasties": dynasties, "plan": plan}
