"""One SQL aggregate grouped by region and period: the shape every section's indicator measure answers.

Sections may build their `<measure>_aggregate` functions (BRIEF.md, "Aggregations for the
indicators") on `aggregate_by_period`: it filters [date_from, date_to) on a date or datetime field,
truncates that field to the month, quarter or year in Asia/Almaty and groups by the region, all in
one query. by_region=False groups by period only: the republic, computed in SQL, so that a distinct
count or an average is right for the whole country too.
"""

import datetime
from zoneinfo import ZoneInfo

from django.db.models import Count, DateField, DateTimeField, F, QuerySet
from django.db.models.functions import Trunc

ALMATY = ZoneInfo("Asia/Almaty")
PERIOD_KINDS = ("month", "quarter", "year")


def local_bounds(
    date_from: datetime.date, date_to: datetime.date
) -> tuple[datetime.datetime, datetime.datetime]:
    """Midnight in Almaty of both days, for filtering a datetime column on its index."""
    start = datetime.datetime.combine(date_from, datetime.time.min, tzinfo=ALMATY)
    end = datetime.datetime.combine(date_to, datetime.time.min, tzinfo=ALMATY)
    return start, end


def filter_period(
    queryset: QuerySet, date_field: str, date_from: datetime.date, date_to: datetime.date
) -> QuerySet:
    """Rows whose date_field falls in [date_from, date_to) (Almaty days for a datetime field)."""
    if is_datetime_path(queryset.model, date_field):
        start, end = local_bounds(date_from, date_to)
    else:
        start, end = date_from, date_to
    return queryset.filter(**{f"{date_field}__gte": start, f"{date_field}__lt": end})


def in_region(queryset: QuerySet, field: str, region_id: int | None) -> QuerySet:
    """Rows of one region (field names it: "region_id", "event__region_id"…), or all for None."""
    return queryset if region_id is None else queryset.filter(**{field: region_id})


def is_datetime_path(model, path: str) -> bool:
    """Whether "a__b__c" ends on a DateTimeField (following foreign keys)."""
    parts = path.split("__")
    for part in parts[:-1]:
        model = model._meta.get_field(part).related_model
    return isinstance(model._meta.get_field(parts[-1]), DateTimeField)


def aggregate_by_period(
    queryset: QuerySet,
    *,
    date_field: str,
    region_field: str | None,
    date_from: datetime.date,
    date_to: datetime.date,
    period: str,
    by_region: bool = True,
    value=None,
) -> list[dict]:
    """[{"region_id", "period_start", "value"}] in one query; value defaults to COUNT(*).

    region_field None: the measure has no region (rows come back with region_id None only).
    """
    if period not in PERIOD_KINDS:
        raise ValueError(f"period must be one of {PERIOD_KINDS}, not {period!r}")
    if is_datetime_path(queryset.model, date_field):
        truncated = Trunc(date_field, period, output_field=DateField(), tzinfo=ALMATY)
    else:
        truncated = Trunc(date_field, period, output_field=DateField())
    queryset = filter_period(queryset, date_field, date_from, date_to).order_by()
    grouped_by_region = by_region and region_field is not None
    # values() names its fields: with expressions only, Django would select (and group by) every column.
    if grouped_by_region:
        grouped = queryset.annotate(region_key=F(region_field), period_start=truncated).values(
            "region_key", "period_start"
        )
    else:
        grouped = queryset.annotate(period_start=truncated).values("period_start")
    rows = grouped.annotate(value=value if value is not None else Count("pk")).order_by()
    return [
        {
            "region_id": row["region_key"] if grouped_by_region else None,
            "period_start": _date(row["period_start"]),
            "value": row["value"],
        }
        for row in rows
    ]


def _date(value) -> datetime.date:
    return value.date() if isinstance(value, datetime.datetime) else value
