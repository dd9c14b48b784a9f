"""Reads and aggregations of the nudge banners section. Every list is a constant number of queries."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    Count,
    DateField,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Greatest, Least, Trunc
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enbek.models import Proverb, ProverbTheme, Region, User
from enbek.worklist import WorkItem

from .enums import ABDimension, BannerDesign, PlaceType
from .models import Banner, BannerBatch, Placement, Visit

PERIODS = {"month", "quarter", "year"}


# --- The proverb library ---------------------------------------------------------------------------
def proverb_theme_list() -> QuerySet[ProverbTheme]:
    return ProverbTheme.objects.order_by("position", "slug")


def proverb_library(*, theme: str | None = None) -> QuerySet[Proverb]:
    """Active proverbs with their themes (one prefetch query), optionally of one theme."""
    queryset = Proverb.objects.filter(is_active=True).prefetch_related(
        Prefetch("themes", queryset=proverb_theme_list())
    )
    if theme:
        queryset = queryset.filter(themes__slug=theme)
    return queryset.order_by("id")


def proverb_active(*, pk: int) -> Proverb:
    return Proverb.objects.get(pk=pk, is_active=True)


# --- Short links -----------------------------------------------------------------------------------
@dataclass(frozen=True)
class ShortLinkTarget:
    banner_id: int
    placement_id: int | None
    landing: str  # a URL name
    language: str  # "kk", "ru" or "both"


def short_link_resolve(code: str) -> ShortLinkTarget | None:
    """A placement's or a banner's short link by its code (any case); None for an unknown code."""
    code = (code or "").strip().upper()
    if not code or len(code) > 12:
        return None
    placement = (
        Placement.objects.filter(code=code).values("pk", "banner_id", "landing", "banner__language").first()
    )
    if placement is not None:
        return ShortLinkTarget(
            placement["banner_id"], placement["pk"], placement["landing"], placement["banner__language"]
        )
    banner = Banner.objects.filter(code=code).values("pk", "language").first()
    if banner is not None:
        return ShortLinkTarget(banner["pk"], None, "nudges:proverbs", banner["language"])
    return None


# --- Region scope ------------------------------------------------------------------------------------
def can_place_in_region(user: User, region_id: int | None) -> bool:
    """The ministry (all regions) and a coordinator (their own) may record placements there."""
    if not user.is_authenticated or not user.has_perm("nudges.add_placement"):
        return False
    if user.is_superuser or user.has_perm("enbek.view_all_regions"):
        return True
    return user.coordinator_region_id is not None and user.coordinator_region_id == region_id


def placement_regions(user: User) -> QuerySet[Region] | None:
    """Regions whose placements this user sees: None = every region, an empty queryset = none."""
    if not user.is_authenticated or not user.has_perm("nudges.view_placement"):
        return Region.objects.none()
    if user.is_superuser or user.has_perm("enbek.view_all_regions"):
        return None
    if user.coordinator_region_id:
        return Region.objects.filter(pk=user.coordinator_region_id)
    return Region.objects.none()


def placement_region_choices(user: User) -> QuerySet[Region]:
    """Regions offered in the placement form: the coordinator's own, or all for the ministry."""
    if not user.has_perm("nudges.add_placement"):
        return Region.objects.none()
    if user.is_superuser or user.has_perm("enbek.view_all_regions"):
        return Region.objects.order_by("code")
    return Region.objects.filter(pk=user.coordinator_region_id).order_by("code")


def _visits_total():
    visits = Visit.objects.filter(placement=OuterRef("pk")).order_by().values("placement")
    return Coalesce(
        Subquery(visits.annotate(total=Sum("count")).values("total")[:1], output_field=IntegerField()), 0
    )


def placement_list(
    *,
    user: User,
    region: Region | None = None,
    place_type: str | None = None,
    proverb: Proverb | None = None,
) -> QuerySet[Placement]:
    """The placements this user may see, newest first, with their total visits (one query)."""
    queryset = Placement.objects.select_related("banner__proverb", "region").annotate(
        visits_total=_visits_total()
    )
    regions = placement_regions(user)
    if regions is not None:
        queryset = queryset.filter(region__in=regions)
    if region is not None:
        queryset = queryset.filter(region=region)
    if place_type:
        queryset = queryset.filter(place_type=place_type)
    if proverb is not None:
        queryset = queryset.filter(banner__proverb=proverb)
    return queryset.order_by("-starts_on", "-id")


def placement_for_user(*, user: User, pk: int) -> Placement:
    """A placement of a region this user sees; Placement.DoesNotExist otherwise (a 404, no hint)."""
    return placement_list(user=user).select_related("created_by").get(pk=pk)


def placement_visits_by_day(*, placement: Placement, days: int = 30) -> list[Visit]:
    since = timezone.localdate() - datetime.timedelta(days=days - 1)
    return list(placement.visits.filter(day__gte=since).order_by("-day"))


def placement_without_photo_count(*, user: User) -> int:
    return placement_list(user=user).filter(photo="").count()


# --- A/B view ----------------------------------------------------------------------------------------
@dataclass(frozen=True)
class ABRow:
    key: str
    label: str
    placements: int
    placement_days: int
    visits: int

    @property
    def per_placement_day(self) -> float:
        return self.visits / self.placement_days if self.placement_days else 0.0


def ab_proverbs(*, user: User) -> QuerySet[Proverb]:
    """Proverbs with at least one placement this user sees: the A/B view's choices."""
    placements = placement_list(user=user)
    return Proverb.objects.filter(banners__placements__in=placements.values("pk")).distinct().order_by("id")


def ab_comparison(
    *,
    user: User,
    proverb: Proverb,
    dimension: str,
    date_from: datetime.date,
    date_to: datetime.date,
    region: Region | None = None,
) -> list[ABRow]:
    """Visits per placement-day of each design (or place type) of one proverb, over [from, to).

    A placement-day is a day the banner hung inside the period (placed on … removed on, or today).
    Two queries: the placement-days and the visits, both grouped in SQL.
    """
    field = "banner__design" if dimension == ABDimension.DESIGN else "place_type"
    labels = dict(BannerDesign.choices if dimension == ABDimension.DESIGN else PlaceType.choices)
    last = min(date_to - datetime.timedelta(days=1), timezone.localdate())
    placements = (
        placement_list(user=user, region=region, proverb=proverb)
        .filter(starts_on__lte=last)
        .exclude(ends_on__lt=date_from)
    )
    start = Greatest(F("starts_on"), Value(date_from, output_field=DateField()))
    end = Least(
        Coalesce(F("ends_on"), Value(last, output_field=DateField())), Value(last, output_field=DateField())
    )
    spans = (
        placements.order_by()
        .values(field)
        .annotate(
            placements=Count("id"),
            span=Sum(ExpressionWrapper(end - start, output_field=DurationField())),
        )
    )
    visits = dict(
        Visit.objects.filter(placement__in=placements.values("pk"), day__gte=date_from, day__lt=date_to)
        .order_by()
        .values_list(f"placement__{field}")
        .annotate(total=Sum("count"))
        .values_list(f"placement__{field}", "total")
    )
    rows = []
    for row in spans:
        # Each placement's own day counts too: (end − start) + 1 day per placement.
        span = row["span"] or datetime.timedelta(0)
        days = span.days + row["placements"]
        rows.append(
            ABRow(
                key=row[field],
                label=str(labels.get(row[field], row[field])),
                placements=row["placements"],
                placement_days=days,
                visits=visits.get(row[field], 0) or 0,
            )
        )
    return sorted(rows, key=lambda r: (-r.per_placement_day, r.key))


# --- Batches -----------------------------------------------------------------------------------------
def batch_list_for(*, user: User) -> QuerySet[BannerBatch]:
    return BannerBatch.objects.filter(requested_by=user).order_by("-created_at", "-id")


def batch_for(*, user: User, pk: int) -> BannerBatch:
    """The user's own batch; another's is BannerBatch.DoesNotExist (404)."""
    return batch_list_for(user=user).get(pk=pk)


# --- Staff work in the navigation -----------------------------------------------------------------
def placement_work_items(user: User) -> list[WorkItem]:
    """Placements in the user's regions still waiting for their photo proof (for those who record them;
    analysts read the placements and the A/B view from the proverb library's links)."""
    if not user.has_perm("nudges.add_placement"):
        return []
    regions = placement_regions(user)
    if regions is not None and not user.coordinator_region_id:
        return []
    return [
        WorkItem(
            key="nudges.placements",
            label=_("Banner placements without a photo"),
            url=reverse("nudges:placements"),
            count=placement_without_photo_count(user=user),
            order=30,
        )
    ]


# --- Aggregations for the indicators --------------------------------------------------------------
def _check_period(period: str) -> None:
    if period not in PERIODS:
        raise ValueError(f"period must be one of {sorted(PERIODS)}")


def banners_placed_rows(
    *, date_from: datetime.date, date_to: datetime.date, region_id: int | None = None
) -> QuerySet[Placement]:
    """Banners put up in public places (every place type but online) on [date_from, date_to)."""
    queryset = (
        Placement.objects.exclude(place_type=PlaceType.ONLINE)
        .filter(starts_on__gte=date_from, starts_on__lt=date_to)
        .select_related("banner__proverb", "region")
    )
    if region_id is not None:
        queryset = queryset.filter(region_id=region_id)
    return queryset.order_by("starts_on", "id")


def banners_placed_aggregate(
    *, date_from: datetime.date, date_to: datetime.date, period: str, by_region: bool = True
) -> list[dict]:
    """Banners placed per region (or the republic) and period, by the day they were put up. One query.

    The dates are Almaty calendar dates (DateField), so no time zone conversion is involved.
    """
    _check_period(period)
    queryset = banners_placed_rows(date_from=date_from, date_to=date_to).select_related(None).order_by()
    queryset = queryset.annotate(period_start=Trunc("starts_on", period, output_field=DateField()))
    keys = ["region_id", "period_start"] if by_region else ["period_start"]
    rows = queryset.values(*keys).annotate(value=Count("id")).order_by(*keys)
    return [
        {
            "region_id": row["region_id"] if by_region else None,
            "period_start": row["period_start"],
            "value": row["value"],
        }
        for row in rows
    ]


def banner_visits_rows(
    *, date_from: datetime.date, date_to: datetime.date, region_id: int | None = None
) -> QuerySet[Visit]:
    """Days with QR visits on [date_from, date_to): of placements, and of self-printed banners.

    A region's rows are its placements'; a self-printed banner's visits have no region and count
    for the republic only.
    """
    queryset = Visit.objects.filter(day__gte=date_from, day__lt=date_to).select_related(
        "banner__proverb", "placement__region"
    )
    if region_id is not None:
        queryset = queryset.filter(placement__region_id=region_id)
    return queryset.order_by("day", "id")


def banner_visits_aggregate(
    *, date_from: datetime.date, date_to: datetime.date, period: str, by_region: bool = True
) -> list[dict]:
    """QR visits summed per region (or the republic) and period, by Almaty day. One query.

    By region: the visits of placements (self-printed copies have no region). The republic
    (by_region=False) counts every visit, self-printed copies included.
    """
    _check_period(period)
    queryset = banner_visits_rows(date_from=date_from, date_to=date_to).select_related(None).order_by()
    if by_region:
        queryset = queryset.filter(placement__isnull=False)
    queryset = queryset.annotate(period_start=Trunc("day", period, output_field=DateField()))
    if by_region:
        rows = (
            queryset.values("placement__region_id", "period_start")
            .annotate(value=Sum("count"))
            .order_by("placement__region_id", "period_start")
        )
        return [
            {
                "region_id": row["placement__region_id"],
                "period_start": row["period_start"],
                "value": row["value"],
            }
            for row in rows
        ]
    rows = queryset.values("period_start").annotate(value=Sum("count")).order_by("period_start")
    return [{"region_id": None, "period_start": row["period_start"], "value": row["value"]} for row in rows]
