"""Reads of the indicators app: its own measures (plans, outreach), scoping, and the dashboard's data.

Every dashboard read is a fixed number of queries whatever the number of indicators, regions or
months: values, targets and regions are each fetched in one query and joined here.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from enbek.aggregations import aggregate_by_period, filter_period, in_region
from enbek.models import Region, User

from .catalogue import SPECS
from .enums import BROADCAST_KINDS, PUBLICATION_KINDS, ItemStatus, OutreachKind, Period, TargetStatus
from .models import (
    ActionPlan,
    ActionPlanItem,
    AggregationRun,
    Indicator,
    IndicatorValue,
    OutreachActivity,
    Target,
)
from .periods import next_start, period_start, previous_start, starts_between, year_range
from .sources import SOURCES
from .status import Assessment, assess


# --- Aggregations for the indicators --------------------------------------------------------------
# The same contract as every section's (BRIEF.md): one SQL query grouped by region and period.
def _items(by_region: bool) -> QuerySet[ActionPlanItem]:
    # Items of the republican plan have no region: they count for the republic only.
    queryset = ActionPlanItem.objects.all()
    return queryset.filter(plan__region__isnull=False) if by_region else queryset


def _items_rows(queryset, date_field, date_from, date_to, region_id) -> QuerySet[ActionPlanItem]:
    queryset = filter_period(queryset, date_field, date_from, date_to)
    return (
        in_region(queryset, "plan__region_id", region_id)
        .select_related("plan__region")
        .order_by(date_field, "plan_id", "position", "id")
    )


def plan_items_aggregate(*, date_from, date_to, period, by_region=True) -> list[dict]:
    """Plan items by deadline: regional plans by region; the republic counts every plan, its own too."""
    return aggregate_by_period(
        _items(by_region),
        date_field="deadline",
        region_field="plan__region_id",
        date_from=date_from,
        date_to=date_to,
        period=period,
        by_region=by_region,
    )


def plan_items_rows(*, date_from, date_to, region_id=None) -> QuerySet[ActionPlanItem]:
    return _items_rows(ActionPlanItem.objects.all(), "deadline", date_from, date_to, region_id)


def plan_items_done_aggregate(*, date_from, date_to, period, by_region=True) -> list[dict]:
    """Items done, by the day they were completed."""
    return aggregate_by_period(
        _items(by_region).filter(status=ItemStatus.DONE),
        date_field="completed_on",
        region_field="plan__region_id",
        date_from=date_from,
        date_to=date_to,
        period=period,
        by_region=by_region,
    )


def plan_items_done_rows(*, date_from, date_to, region_id=None) -> QuerySet[ActionPlanItem]:
    return _items_rows(
        ActionPlanItem.objects.filter(status=ItemStatus.DONE), "completed_on", date_from, date_to, region_id
    )


def plan_items_overdue_aggregate(*, date_from, date_to, period, by_region=True) -> list[dict]:
    """Items overdue now, by their deadline."""
    return aggregate_by_period(
        _items(by_region).filter(status=ItemStatus.OVERDUE),
        date_field="deadline",
        region_field="plan__region_id",
        date_from=date_from,
        date_to=date_to,
        period=period,
        by_region=by_region,
    )


def plan_items_overdue_rows(*, date_from, date_to, region_id=None) -> QuerySet[ActionPlanItem]:
    return _items_rows(
        ActionPlanItem.objects.filter(status=ItemStatus.OVERDUE), "deadline", date_from, date_to, region_id
    )


def plan_items_due_done_aggregate(*, date_from, date_to, period, by_region=True) -> list[dict]:
    """Items done among those due in the period (by deadline): the numerator of the completion rate."""
    return aggregate_by_period(
        _items(by_region).filter(status=ItemStatus.DONE),
        date_field="deadline",
        region_field="plan__region_id",
        date_from=date_from,
        date_to=date_to,
        period=period,
        by_region=by_region,
    )


def plan_items_due_done_rows(*, date_from, date_to, region_id=None) -> QuerySet[ActionPlanItem]:
    return _items_rows(
        ActionPlanItem.objects.filter(status=ItemStatus.DONE), "deadline", date_from, date_to, region_id
    )


def _years(date_from: datetime.date, date_to: datetime.date) -> list[int]:
    return [start.year for start in starts_between(date_from, date_to, Period.YEAR) if start >= date_from]


def _plans_with_items(years: list[int]) -> QuerySet[ActionPlan]:
    return ActionPlan.objects.filter(region__isnull=False, year__in=years).filter(Q(items__isnull=False))


def plan_regions_with_items_aggregate(*, date_from, date_to, period, by_region=True) -> list[dict]:
    """Regions whose plan of the year has at least one item (1 per region; the republic: how many).

    A yearly measure: plans are per year, so a month or quarter gives no rows.
    """
    if period != Period.YEAR:
        return []
    queryset = _plans_with_items(_years(date_from, date_to)).order_by()
    if by_region:
        rows = queryset.values("region_id", "year").annotate(value=Count("region_id", distinct=True))
    else:
        rows = queryset.values("year").annotate(value=Count("region_id", distinct=True))
    return [
        {
            "region_id": row.get("region_id"),
            "period_start": datetime.date(row["year"], 1, 1),
            "value": row["value"],
        }
        for row in rows
    ]


def plan_regions_with_items_rows(*, date_from, date_to, region_id=None) -> QuerySet[ActionPlan]:
    queryset = _plans_with_items(_years(date_from, date_to)).distinct()
    return (
        in_region(queryset, "region_id", region_id).select_related("region").order_by("year", "region__code")
    )


def plan_regions_aggregate(*, date_from, date_to, period, by_region=True) -> list[dict]:
    """Every region, once a year: the denominator of the share of regions covered."""
    if period != Period.YEAR:
        return []
    years = _years(date_from, date_to)
    if by_region:
        ids = list(Region.objects.values_list("id", flat=True))
        return [
            {"region_id": region_id, "period_start": datetime.date(year, 1, 1), "value": 1}
            for year in years
            for region_id in ids
        ]
    count = Region.objects.count()
    return [{"region_id": None, "period_start": datetime.date(year, 1, 1), "value": count} for year in years]


def plan_regions_rows(*, date_from, date_to, region_id=None) -> QuerySet[Region]:
    return in_region(Region.objects.all(), "id", region_id).order_by("code")


def _outreach(kinds=None) -> QuerySet[OutreachActivity]:
    queryset = OutreachActivity.objects.all()
    return queryset if kinds is None else queryset.filter(kind__in=kinds)


def _outreach_aggregate(kinds, *, date_from, date_to, period, by_region, value=None) -> list[dict]:
    # An activity of a national outlet has no region: it counts for the republic only.
    queryset = _outreach(kinds)
    if by_region:
        queryset = queryset.filter(region__isnull=False)
    return aggregate_by_period(
        queryset,
        date_field="date",
        region_field="region_id",
        date_from=date_from,
        date_to=date_to,
        period=period,
        by_region=by_region,
        value=value,
    )


def _outreach_rows(kinds, *, date_from, date_to, region_id) -> QuerySet[OutreachActivity]:
    queryset = filter_period(_outreach(kinds), "date", date_from, date_to)
    return in_region(queryset, "region_id", region_id).select_related("region").order_by("date", "id")


def outreach_activities_aggregate(*, date_from, date_to, period, by_region=True) -> list[dict]:
    return _outreach_aggregate(None, date_from=date_from, date_to=date_to, period=period, by_region=by_region)


def outreach_activities_rows(*, date_from, date_to, region_id=None) -> QuerySet[OutreachActivity]:
    return _outreach_rows(None, date_from=date_from, date_to=date_to, region_id=region_id)


def outreach_broadcasts_aggregate(*, date_from, date_to, period, by_region=True) -> list[dict]:
    return _outreach_aggregate(
        BROADCAST_KINDS, date_from=date_from, date_to=date_to, period=period, by_region=by_region
    )


def outreach_broadcasts_rows(*, date_from, date_to, region_id=None) -> QuerySet[OutreachActivity]:
    return _outreach_rows(BROADCAST_KINDS, date_from=date_from, date_to=date_to, region_id=region_id)


def outreach_publications_aggregate(*, date_from, date_to, period, by_region=True) -> list[dict]:
    return _outreach_aggregate(
        PUBLICATION_KINDS, date_from=date_from, date_to=date_to, period=period, by_region=by_region
    )


def outreach_publications_rows(*, date_from, date_to, region_id=None) -> QuerySet[OutreachActivity]:
    return _outreach_rows(PUBLICATION_KINDS, date_from=date_from, date_to=date_to, region_id=region_id)


def outreach_billboards_aggregate(*, date_from, date_to, period, by_region=True) -> list[dict]:
    return _outreach_aggregate(
        (OutreachKind.BILLBOARD,), date_from=date_from, date_to=date_to, period=period, by_region=by_region
    )


def outreach_billboards_rows(*, date_from, date_to, region_id=None) -> QuerySet[OutreachActivity]:
    return _outreach_rows(
        (OutreachKind.BILLBOARD,), date_from=date_from, date_to=date_to, region_id=region_id
    )


def outreach_reach_aggregate(*, date_from, date_to, period, by_region=True) -> list[dict]:
    """The sum of the estimated reach of the entered activities."""
    return _outreach_aggregate(
        None,
        date_from=date_from,
        date_to=date_to,
        period=period,
        by_region=by_region,
        value=Sum("estimated_reach"),
    )


def outreach_reach_rows(*, date_from, date_to, region_id=None) -> QuerySet[OutreachActivity]:
    return _outreach_rows(None, date_from=date_from, date_to=date_to, region_id=region_id).filter(
        estimated_reach__gt=0
    )


# --- Breakdowns shown on an indicator's page ------------------------------------------------------
# A dynasty's media kind as an outreach kind (videos and articles are online publications).
MEDIA_AS_OUTREACH = {
    "tv": OutreachKind.TV,
    "radio": OutreachKind.RADIO,
    "podcast": OutreachKind.PODCAST,
    "video": OutreachKind.PUBLICATION,
    "article": OutreachKind.PUBLICATION,
}


def outreach_by_kind(*, date_from, date_to, region_id=None) -> list[dict]:
    """Outreach by kind: entered activities, dynasties' media episodes and exhibitions (three queries)."""
    from dynasties.selectors import dynasty_exhibitions_rows, dynasty_media_kind_counts

    counts: dict[str, int] = defaultdict(int)
    entered = _outreach_rows(None, date_from=date_from, date_to=date_to, region_id=region_id)
    for kind, n in entered.order_by().values_list("kind").annotate(n=Count("id")).values_list("kind", "n"):
        counts[kind] += n
    for media_kind, n in dynasty_media_kind_counts(
        date_from=date_from, date_to=date_to, region_id=region_id
    ).items():
        counts[MEDIA_AS_OUTREACH.get(media_kind, OutreachKind.PUBLICATION)] += n
    counts[OutreachKind.EXHIBITION] += dynasty_exhibitions_rows(
        date_from=date_from, date_to=date_to, region_id=region_id
    ).count()
    return [
        {"key": kind.value, "label": kind.label, "value": counts.get(kind.value, 0)} for kind in OutreachKind
    ]


def plan_items_by_status(*, date_from, date_to, region_id=None) -> list[dict]:
    """Plan items due in the period by status (one query)."""
    rows = plan_items_rows(date_from=date_from, date_to=date_to, region_id=region_id)
    counts = dict(rows.order_by().values_list("status").annotate(n=Count("id")).values_list("status", "n"))
    return [
        {"key": status.value, "label": status.label, "value": counts.get(status.value, 0)}
        for status in ItemStatus
    ]


# --- Who sees which region -------------------------------------------------------------------------
def can_view_dashboard(user: User) -> bool:
    return user.is_authenticated and (user.is_superuser or user.has_perm("indicators.view_dashboard"))


def dashboard_regions(user: User) -> QuerySet[Region] | None:
    """None: every region and the republic (ministry); else the coordinator's one region (or none)."""
    if not can_view_dashboard(user):
        return Region.objects.none()
    if user.is_superuser or user.has_perm("enbek.view_all_regions"):
        return None
    if user.coordinator_region_id:
        return Region.objects.filter(pk=user.coordinator_region_id)
    return Region.objects.none()


def region_allowed(user: User, region_id: int | None) -> bool:
    """May the user see this region (None = the republic, for the ministry only)?"""
    regions = dashboard_regions(user)
    if regions is None:
        return True
    return region_id is not None and region_id == user.coordinator_region_id and can_view_dashboard(user)


def plans_for(user: User) -> QuerySet[ActionPlan]:
    regions = dashboard_regions(user)
    queryset = ActionPlan.objects.select_related("region").annotate(
        items_count=Count("items"),
        done_count=Count("items", filter=Q(items__status=ItemStatus.DONE)),
        overdue_count=Count("items", filter=Q(items__status=ItemStatus.OVERDUE)),
    )
    if regions is not None:
        queryset = queryset.filter(region__in=regions)
    return queryset.order_by("-year", "region__code")


def outreach_for(user: User) -> QuerySet[OutreachActivity]:
    regions = dashboard_regions(user)
    queryset = OutreachActivity.objects.select_related("region", "dynasty", "created_by")
    if regions is not None:
        queryset = queryset.filter(region__in=regions)
    return queryset.order_by("-date", "-id")


# --- The dashboard's data --------------------------------------------------------------------------
@dataclass
class Row:
    indicator: Indicator
    value: float | None
    target: float | None
    assessment: Assessment
    has_source: bool
    months: list[tuple[datetime.date, float | None]] = field(default_factory=list)

    @property
    def spec(self):
        return SPECS.get(self.indicator.code)


def indicator_list(*, mechanism: str | None = None, published_only: bool = False) -> QuerySet[Indicator]:
    queryset = Indicator.objects.all()
    if mechanism:
        queryset = queryset.filter(mechanism=mechanism)
    if published_only:
        queryset = queryset.filter(is_published=True)
    return queryset.order_by("position", "code")


def _month_starts(year: int, today: datetime.date) -> list[datetime.date]:
    start, end = year_range(year)
    last = min(end, next_start(period_start(today, Period.MONTH), Period.MONTH))
    return starts_between(start, last, Period.MONTH) if last > start else []


def dashboard_rows(
    *,
    year: int,
    region_id: int | None,
    mechanism: str | None = None,
    published_only: bool = False,
    today: datetime.date | None = None,
) -> list[Row]:
    """Every indicator's yearly value, target, status and monthly trend for one region or the republic.

    Four queries: indicators, yearly values, monthly values, targets.
    """
    today = today or timezone.localdate()
    indicators = list(indicator_list(mechanism=mechanism, published_only=published_only))
    ids = [i.id for i in indicators]
    year_start = datetime.date(year, 1, 1)
    yearly = dict(
        IndicatorValue.objects.filter(
            indicator_id__in=ids, region_id=region_id, period=Period.YEAR, period_start=year_start
        ).values_list("indicator_id", "value")
    )
    months = _month_starts(year, today)
    monthly: dict[int, dict] = defaultdict(dict)
    for indicator_id, start, value in IndicatorValue.objects.filter(
        indicator_id__in=ids,
        region_id=region_id,
        period=Period.MONTH,
        period_start__gte=year_start,
        period_start__lt=datetime.date(year + 1, 1, 1),
    ).values_list("indicator_id", "period_start", "value"):
        monthly[indicator_id][start] = value
    targets = dict(
        Target.objects.filter(indicator_id__in=ids, region_id=region_id, year=year).values_list(
            "indicator_id", "value"
        )
    )
    rows = []
    for indicator in indicators:
        has_source = indicator.code in SOURCES
        value = yearly.get(indicator.id) if has_source else None
        rows.append(
            Row(
                indicator=indicator,
                value=value,
                target=targets.get(indicator.id),
                assessment=assess(
                    value=value,
                    target=targets.get(indicator.id),
                    direction=indicator.direction,
                    cumulative=indicator.is_cumulative,
                    year=year,
                    today=today,
                ),
                has_source=has_source,
                months=[(m, monthly[indicator.id].get(m)) for m in months],
            )
        )
    return rows


@dataclass
class RegionCell:
    region: Region
    value: float | None
    target: float | None
    assessment: Assessment
    visible: bool = True


def region_cells(
    *, indicator: Indicator, year: int, regions: QuerySet[Region] | None, today: datetime.date | None = None
) -> list[RegionCell]:
    """The yearly value in each of the 20 regions (hidden outside the user's regions); 3 queries."""
    today = today or timezone.localdate()
    has_source = indicator.code in SOURCES
    allowed = None if regions is None else set(regions.values_list("id", flat=True))
    values = dict(
        IndicatorValue.objects.filter(
            indicator=indicator,
            region__isnull=False,
            period=Period.YEAR,
            period_start=datetime.date(year, 1, 1),
        ).values_list("region_id", "value")
    )
    targets = dict(
        Target.objects.filter(indicator=indicator, region__isnull=False, year=year).values_list(
            "region_id", "value"
        )
    )
    cells = []
    for region in Region.objects.order_by("code"):
        visible = allowed is None or region.id in allowed
        value = values.get(region.id) if (has_source and visible) else None
        target = targets.get(region.id) if visible else None
        cells.append(
            RegionCell(
                region=region,
                value=value,
                target=target,
                visible=visible,
                assessment=assess(
                    value=value,
                    target=target,
                    direction=indicator.direction,
                    cumulative=indicator.is_cumulative,
                    year=year,
                    today=today,
                ),
            )
        )
    return cells


def period_values(
    *, indicator: Indicator, year: int, region_id: int | None, period: str
) -> list[tuple[datetime.date, float]]:
    """The indicator's values by month or quarter of the year, for one region or the republic."""
    return list(
        IndicatorValue.objects.filter(
            indicator=indicator,
            region_id=region_id,
            period=period,
            period_start__gte=datetime.date(year, 1, 1),
            period_start__lt=datetime.date(year + 1, 1, 1),
        )
        .order_by("period_start")
        .values_list("period_start", "value")
    )


def target_for(*, indicator: Indicator, year: int, region_id: int | None) -> float | None:
    return (
        Target.objects.filter(indicator=indicator, year=year, region_id=region_id)
        .values_list("value", flat=True)
        .first()
    )


def value_years() -> list[int]:
    """The years that have values, newest first (with the current year always offered)."""
    starts = (
        IndicatorValue.objects.filter(period=Period.YEAR, region=None)
        .order_by()
        .values_list("period_start", flat=True)
    )
    years = {start.year for start in starts.distinct()}
    years.add(timezone.localdate().year)
    return sorted(years, reverse=True)


def latest_runs(limit: int = 10) -> QuerySet[AggregationRun]:
    return AggregationRun.objects.select_related("requested_by").order_by("-created_at", "-id")[:limit]


def active_full_run() -> AggregationRun | None:
    return (
        AggregationRun.objects.filter(kind="full", status__in=["queued", "running"])
        .order_by("created_at")
        .first()
    )


def last_successful_run() -> AggregationRun | None:
    return AggregationRun.objects.filter(status="succeeded").order_by("-finished_at").first()


def status_counts(rows: list[Row]) -> dict[str, int]:
    counts = {status.value: 0 for status in TargetStatus}
    for row in rows:
        counts[row.assessment.status] += 1
    return counts


def previous_period_start(start: datetime.date, period: str) -> datetime.date:
    return previous_start(start, period)


# --- Staff navigation --------------------------------------------------------------------------------
def indicator_work_items(user: User) -> list:
    """The dashboard in the staff navigation, with the number of overdue plan items the user sees."""
    from django.urls import reverse
    from django.utils.translation import gettext_lazy as _

    from enbek.worklist import WorkItem

    if not can_view_dashboard(user):
        return []
    regions = dashboard_regions(user)
    if regions is not None and not user.coordinator_region_id:
        return []
    overdue = ActionPlanItem.objects.filter(status=ItemStatus.OVERDUE)
    if regions is not None:
        overdue = overdue.filter(plan__region_id=user.coordinator_region_id)
    return [
        WorkItem(
            key="indicators.dashboard",
            label=_("Indicators dashboard"),
            url=reverse("indicators:dashboard"),
            count=overdue.count(),
            order=50,
        )
    ]
