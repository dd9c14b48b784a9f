"""Pages of the indicators: the public open-data page and, for staff, the dashboard, plans and outreach.

A regional coordinator sees only their region: every queryset is narrowed by
selectors.dashboard_regions, and another region's page is a 404. Everything works without JavaScript.
"""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dynasties.forms import apply_service_errors
from enbek.models import Region

from . import services
from .charts import format_value, tile_map
from .enums import ITEM_MECHANISMS, ItemStatus, Mechanism, Period, RunKind, TargetStatus
from .exports import FORMATS, table_response, xlsx_response
from .forms import DashboardFilterForm, DrillForm, OutreachForm, PlanImportForm, PlanItemForm
from .importing import PLAN_COLUMNS, ImportFailed, plan_rows_for_export
from .models import ActionPlan, ActionPlanItem, AggregationRun, Indicator, IndicatorValue, OutreachActivity
from .periods import next_start, period_start, year_range
from .selectors import (
    active_full_run,
    can_view_dashboard,
    dashboard_regions,
    dashboard_rows,
    last_successful_run,
    latest_runs,
    outreach_for,
    period_values,
    plans_for,
    region_allowed,
    region_cells,
    status_counts,
    target_for,
    value_years,
)
from .sources import SOURCES
from .status import assess

ROWS_PAGE_SIZE = 50
LIST_PAGE_SIZE = 25
DEFAULT_MAP_INDICATOR = "dynasties.published"


# --- Scope ---------------------------------------------------------------------------------------------
def _scope(request) -> QuerySet[Region] | None:
    """None for the ministry (every region); the coordinator's region; 403 for anyone else."""
    if not can_view_dashboard(request.user):
        raise PermissionDenied
    regions = dashboard_regions(request.user)
    if regions is not None and not regions.exists():
        raise PermissionDenied
    return regions


def _region(request, scope) -> Region | None:
    """The region asked for (?region=<code>), the coordinator's own by default; another one is a 404."""
    code = (request.GET.get("region") or "").strip()
    if code:
        region = Region.objects.filter(code=code).first()
        if region is None or not region_allowed(request.user, region.id):
            raise Http404
        return region
    if scope is None:
        return None
    return scope.first()


def _year(request) -> int:
    try:
        year = int(request.GET.get("year") or timezone.localdate().year)
    except ValueError:
        raise Http404 from None
    if not 2000 <= year <= 2100:
        raise Http404
    return year


def _region_label(region: Region | None) -> str:
    return region.name if region is not None else _("Republic of Kazakhstan")


def _status_label(status: str) -> str:
    return str(TargetStatus(status).label)


# --- Public open data --------------------------------------------------------------------------------
@require_GET
def index(request):
    year = _year(request)
    rows = dashboard_rows(year=year, region_id=None, published_only=True)
    return render(
        request,
        "indicators/index.html",
        {
            "rows": rows,
            "year": year,
            "years": value_years(),
            "formats": FORMATS,
            "can_view_dashboard": can_view_dashboard(request.user),
        },
    )


@require_GET
def open_data_export(request, fmt: str):
    """Every value of the published indicators for a year: republic and regions, months to year."""
    year = _year(request)
    start, end = year_range(year)
    values = (
        IndicatorValue.objects.filter(
            indicator__is_published=True, period_start__gte=start, period_start__lt=end
        )
        .select_related("indicator", "region")
        .order_by("indicator__position", "period", "period_start", "region__code")
    )
    header = ["code", "indicator", "unit", "region", "period", "period_start", "value"]
    rows = (
        [
            v.indicator.code,
            v.indicator.name,
            v.indicator.unit,
            v.region.code if v.region else "",
            v.period,
            v.period_start.isoformat(),
            v.value,
        ]
        for v in values.iterator(chunk_size=2000)
    )
    return table_response(fmt, f"enbek-indicators-{year}", header, rows, title=str(year))


# --- Dashboard ----------------------------------------------------------------------------------------
def _dashboard_data(request) -> dict:
    scope = _scope(request)
    region = _region(request, scope)
    years = value_years()
    form = DashboardFilterForm(
        request.GET or None,
        years=years,
        regions=Region.objects.order_by("code") if scope is None else scope,
        republic_allowed=scope is None,
    )
    year = _year(request)
    mechanism = form.value("mechanism") or ""
    rows = dashboard_rows(year=year, region_id=region.id if region else None, mechanism=mechanism or None)
    return {
        "scope": scope,
        "region": region,
        "year": year,
        "years": years,
        "form": form,
        "mechanism": mechanism,
        "mechanism_label": Mechanism(mechanism).label if mechanism else "",
        "rows": rows,
    }


@login_required
@require_GET
def dashboard(request):
    data = _dashboard_data(request)
    year, scope = data["year"], data["scope"]
    map_code = request.GET.get("map") or DEFAULT_MAP_INDICATOR
    map_indicator = (
        Indicator.objects.filter(code=map_code).first() or Indicator.objects.order_by("position").first()
    )
    tiles = None
    if map_indicator is not None:
        cells = region_cells(indicator=map_indicator, year=year, regions=scope)
        base = reverse("indicators:dashboard")

        def link_for(region):
            return f"{base}?year={year}&region={region.code}&map={map_indicator.code}"

        tiles = tile_map(cells, unit=map_indicator.unit, link_for=link_for)
    data.update(
        {
            "map_indicator": map_indicator,
            "tiles": tiles,
            "counts": status_counts(data["rows"]),
            "runs": latest_runs(5),
            "active_run": active_full_run(),
            "last_run": last_successful_run(),
            "can_run": request.user.is_superuser or request.user.has_perm("indicators.run_aggregation"),
            "formats": FORMATS,
            # Built once for the 25 rows' links rather than reversed for each.
            "dashboard_url": reverse("indicators:dashboard"),
            "drill_query": f"year={year}" + (f"&region={data['region'].code}" if data["region"] else ""),
            "counted_title": _("What was counted"),
        }
    )
    return render(request, "indicators/dashboard.html", data)


@login_required
@require_GET
def dashboard_export(request, fmt: str):
    data = _dashboard_data(request)
    region = data["region"]
    header = [
        "code",
        _("Indicator"),
        _("Mechanism"),
        _("Unit"),
        _("Region"),
        _("Year"),
        _("Value"),
        _("Target"),
        _("Expected by now"),
        _("Status"),
    ]
    rows = [
        [
            row.indicator.code,
            row.indicator.name,
            row.indicator.get_mechanism_display(),
            row.indicator.get_unit_display(),
            _region_label(region),
            data["year"],
            row.value,
            row.target,
            row.assessment.expected,
            _status_label(row.assessment.status),
        ]
        for row in data["rows"]
    ]
    suffix = region.code if region else "kz"
    return table_response(fmt, f"indicators-{data['year']}-{suffix}", header, rows, title=str(data["year"]))


def _indicator_data(request, code: str) -> dict:
    scope = _scope(request)
    indicator = get_object_or_404(Indicator, code=code)
    region = _region(request, scope)
    year = _year(request)
    region_id = region.id if region else None
    source = SOURCES.get(code)
    today = timezone.localdate()
    months = period_values(indicator=indicator, year=year, region_id=region_id, period=Period.MONTH)
    quarters = period_values(indicator=indicator, year=year, region_id=region_id, period=Period.QUARTER)
    yearly = dict(period_values(indicator=indicator, year=year, region_id=region_id, period=Period.YEAR))
    value = yearly.get(datetime.date(year, 1, 1)) if source else None
    target = target_for(indicator=indicator, year=year, region_id=region_id)
    assessment = assess(
        value=value,
        target=target,
        direction=indicator.direction,
        cumulative=indicator.is_cumulative,
        year=year,
        today=today,
    )
    cells = region_cells(indicator=indicator, year=year, regions=scope)
    start, end = year_range(year)
    breakdown = source.breakdown_rows(date_from=start, date_to=end, region_id=region_id) if source else []
    return {
        "indicator": indicator,
        "region": region,
        "year": year,
        "years": value_years(),
        "scope": scope,
        "has_source": source is not None,
        "value": value,
        "target": target,
        "assessment": assessment,
        "months": months,
        "quarters": quarters,
        "cells": [c for c in cells if c.visible],
        "breakdown": breakdown,
        "formats": FORMATS,
    }


@login_required
@require_GET
def indicator_detail(request, code: str):
    return render(request, "indicators/indicator.html", _indicator_data(request, code))


@login_required
@require_GET
def indicator_export(request, code: str, fmt: str):
    data = _indicator_data(request, code)
    indicator, year = data["indicator"], data["year"]
    if request.GET.get("table") == "regions":
        header = [_("Region code"), _("Region"), _("Value"), _("Target"), _("Status")]
        rows = [
            [c.region.code, c.region.name, c.value, c.target, _status_label(c.assessment.status)]
            for c in data["cells"]
        ]
        name = f"{indicator.code}-{year}-regions"
    else:
        header = [_("Period"), _("Start"), _("Region"), _("Value")]
        rows = [
            [_("Month"), start.isoformat(), _region_label(data["region"]), value]
            for start, value in data["months"]
        ]
        rows += [
            [_("Quarter"), start.isoformat(), _region_label(data["region"]), value]
            for start, value in data["quarters"]
        ]
        name = f"{indicator.code}-{year}-{data['region'].code if data['region'] else 'kz'}-months"
    return table_response(fmt, name, header, rows, title=indicator.code[:31])


def _describe(obj) -> tuple[str, str, str]:
    """(what, region, link) of a counted row, whatever section it comes from."""
    region = None
    for path in ("region", "dynasty.region", "plan.region"):
        target = obj
        for part in path.split("."):
            target = getattr(target, part, None)
            if target is None:
                break
        if isinstance(target, Region):
            region = target
            break
    link = ""
    if hasattr(obj, "get_absolute_url"):
        link = obj.get_absolute_url()
    elif getattr(obj, "url", ""):
        link = obj.url
    elif getattr(obj, "dynasty", None) is not None and hasattr(obj.dynasty, "get_absolute_url"):
        link = obj.dynasty.get_absolute_url()
    return str(obj), region.name if region else "", link


def _rows_data(request, code: str) -> dict:
    scope = _scope(request)
    indicator = get_object_or_404(Indicator, code=code)
    region = _region(request, scope)
    source = SOURCES.get(code)
    if source is None:
        raise Http404
    form = DrillForm(request.GET)
    if not form.is_valid():
        raise Http404
    year = form.cleaned_data["year"]
    period = form.cleaned_data.get("period") or Period.YEAR
    start = form.cleaned_data.get("start") or datetime.date(year, 1, 1)
    start = period_start(start, period)
    end = next_start(start, period)
    sets = source.row_sets(date_from=start, date_to=end, region_id=region.id if region else None)
    return {
        "indicator": indicator,
        "region": region,
        "year": start.year,
        "period": period,
        "start": start,
        "end": end - datetime.timedelta(days=1),
        "sets": sets,
        "formats": FORMATS,
    }


@login_required
@require_GET
def indicator_rows(request, code: str):
    data = _rows_data(request, code)
    page_number = request.GET.get("page")
    tables = []
    for measure, queryset in data["sets"]:
        page = Paginator(queryset, ROWS_PAGE_SIZE).get_page(page_number)
        tables.append(
            {
                "title": queryset.model._meta.verbose_name_plural,
                "reference": measure.reference,
                "page": page,
                "rows": [_describe(obj) for obj in page.object_list],
            }
        )
    data["tables"] = tables
    data["has_more"] = any(t["page"].has_next() for t in tables)
    data["next_page"] = max((t["page"].number for t in tables), default=1) + 1
    return render(request, "indicators/rows.html", data)


@login_required
@require_GET
def indicator_rows_export(request, code: str, fmt: str):
    data = _rows_data(request, code)
    header = [_("Source"), "id", _("Counted row"), _("Region"), _("Link")]

    def rows():
        for _measure, queryset in data["sets"]:
            label = str(queryset.model._meta.verbose_name)
            for obj in queryset.iterator(chunk_size=1000):
                text, region, link = _describe(obj)
                yield [label, obj.pk, text, region, link]

    name = f"{data['indicator'].code}-{data['start'].isoformat()}-{data['period']}-rows"
    return table_response(fmt, name, header, rows(), title=data["indicator"].code[:31])


# --- Runs ------------------------------------------------------------------------------------------------
@login_required
@require_POST
def run_start(request):
    _scope(request)
    run, queued = services.aggregation_run_request(user=request.user, kind=RunKind.FULL)
    if queued:
        messages.success(request, _("A full recalculation has been queued."))
    else:
        messages.info(request, _("A full recalculation is already under way: here is its progress."))
    return redirect("indicators:run", pk=run.pk)


@login_required
@require_GET
def run_detail(request, pk: int):
    scope = _scope(request)
    if scope is not None:
        raise PermissionDenied
    run = get_object_or_404(AggregationRun.objects.select_related("requested_by"), pk=pk)
    return render(request, "indicators/run.html", {"run": run})


# --- Action plans -------------------------------------------------------------------------------------
def _plan_or_404(request, pk: int) -> ActionPlan:
    _scope(request)
    try:
        return plans_for(request.user).get(pk=pk)
    except ActionPlan.DoesNotExist:
        raise Http404 from None


@login_required
@require_GET
def plan_list(request):
    scope = _scope(request)
    page = Paginator(plans_for(request.user), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    can_import = request.user.is_superuser or request.user.has_perm("indicators.change_actionplanitem")
    return render(
        request,
        "indicators/plans.html",
        {"page": page, "plans": page.object_list, "can_import": can_import, "scope": scope},
    )


@login_required
@require_GET
def plan_detail(request, pk: int):
    plan = _plan_or_404(request, pk)
    items = plan.items.order_by("position", "id")
    can_edit = request.user.is_superuser or request.user.has_perm("indicators.change_actionplanitem")
    return render(
        request,
        "indicators/plan.html",
        {"plan": plan, "items": items, "can_edit": can_edit, "formats": FORMATS},
    )


@login_required
@require_GET
def plan_export(request, pk: int, fmt: str):
    plan = _plan_or_404(request, pk)
    suffix = plan.region.code if plan.region else "kz"
    return table_response(
        fmt, f"plan-{plan.year}-{suffix}", PLAN_COLUMNS, plan_rows_for_export(plan), title=str(plan.year)
    )


@login_required
@require_GET
def plan_template(request):
    _scope(request)
    example = [
        "1.1",
        "Еңбек әулеттері туралы телебағдарламалар циклі",
        "Цикл телепрограмм о трудовых династиях",
        ITEM_MECHANISMS[0].value,
        "Облыс әкімдігі",
        "Акимат области",
        f"{timezone.localdate().year}-12-01",
        "Эфирге шығу",
        "Выход в эфир",
        ItemStatus.PLANNED.value,
        "",
    ]
    return xlsx_response("plan-template", PLAN_COLUMNS, [example], title="plan")


@login_required
@require_http_methods(["GET", "POST"])
def plan_import(request):
    scope = _scope(request)
    if not (request.user.is_superuser or request.user.has_perm("indicators.change_actionplanitem")):
        raise PermissionDenied
    regions = Region.objects.order_by("code") if scope is None else scope
    initial = {"year": timezone.localdate().year, "region": scope.first() if scope is not None else None}
    form = PlanImportForm(
        request.POST or None,
        request.FILES or None,
        regions=regions,
        republic_allowed=scope is None,
        initial=initial,
    )
    errors = []
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            plan, result = services.plan_import(
                user=request.user,
                region=form.cleaned_data["region"],
                year=form.cleaned_data["year"],
                upload=form.cleaned_data["file"],
            )
        except ImportFailed as failure:
            errors = failure.errors
            status = 400
        else:
            messages.success(
                request,
                _("Imported: %(created)s new items, %(updated)s updated.")
                % {"created": result.created, "updated": result.updated},
            )
            return redirect("indicators:plan", pk=plan.pk)
    elif request.method == "POST":
        status = 400
    return render(
        request,
        "indicators/plan_import.html",
        {"form": form, "errors": errors, "columns": PLAN_COLUMNS},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def plan_item_edit(request, pk: int):
    _scope(request)
    item = get_object_or_404(ActionPlanItem.objects.select_related("plan__region"), pk=pk)
    if item.plan_id not in set(plans_for(request.user).filter(pk=item.plan_id).values_list("pk", flat=True)):
        raise Http404
    initial = {
        "status": item.status if item.status != ItemStatus.OVERDUE else ItemStatus.IN_PROGRESS,
        "evidence_url": item.evidence_url,
    }
    form = PlanItemForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_item_update(
                item=item,
                user=request.user,
                status=form.cleaned_data["status"],
                evidence_url=form.cleaned_data["evidence_url"],
                evidence_file=form.cleaned_data["evidence_file"],
            )
        except ValidationError as error:
            apply_service_errors(form, error, {"evidence_file": "evidence_file"}, field="evidence_file")
        else:
            messages.success(request, _("The item has been updated."))
            return redirect("indicators:plan", pk=item.plan_id)
    status = 400 if request.method == "POST" else 200
    return render(request, "indicators/plan_item.html", {"item": item, "form": form}, status=status)


# --- Outreach -------------------------------------------------------------------------------------------
@login_required
@require_GET
def outreach_list(request):
    scope = _scope(request)
    page = Paginator(outreach_for(request.user), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    can_add = request.user.is_superuser or request.user.has_perm("indicators.add_outreachactivity")
    return render(
        request,
        "indicators/outreach.html",
        {"page": page, "activities": page.object_list, "can_add": can_add, "scope": scope},
    )


def _outreach_form_view(request, activity: OutreachActivity | None):
    scope = _scope(request)
    if not (request.user.is_superuser or request.user.has_perm("indicators.add_outreachactivity")):
        raise PermissionDenied
    regions = Region.objects.order_by("code") if scope is None else scope
    initial = {"region": scope.first() if scope is not None else None, "date": timezone.localdate()}
    if activity is not None:
        initial = {
            "kind": activity.kind,
            "title": activity.title,
            "outlet": activity.outlet,
            "region": activity.region,
            "date": activity.date,
            "estimated_reach": activity.estimated_reach,
            "url": activity.url,
            "dynasty_slug": activity.dynasty.slug if activity.dynasty else "",
        }
    form = OutreachForm(
        request.POST or None, regions=regions, republic_allowed=scope is None, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        fields["dynasty"] = fields.pop("dynasty_slug")
        try:
            services.outreach_activity_save(user=request.user, activity=activity, **fields)
        except ValidationError as error:
            apply_service_errors(form, error, {}, field="title")
        else:
            messages.success(request, _("The activity has been saved."))
            return redirect("indicators:outreach")
    status = 400 if request.method == "POST" else 200
    return render(
        request, "indicators/outreach_form.html", {"form": form, "activity": activity}, status=status
    )


@login_required
@require_http_methods(["GET", "POST"])
def outreach_new(request):
    return _outreach_form_view(request, None)


def _activity_or_404(request, pk: int) -> OutreachActivity:
    _scope(request)
    try:
        return outreach_for(request.user).get(pk=pk)
    except OutreachActivity.DoesNotExist:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def outreach_edit(request, pk: int):
    return _outreach_form_view(request, _activity_or_404(request, pk))


@login_required
@require_POST
def outreach_delete(request, pk: int):
    activity = _activity_or_404(request, pk)
    services.outreach_activity_delete(user=request.user, activity=activity)
    messages.success(request, _("The activity has been deleted."))
    return redirect("indicators:outreach")


__all__ = ["format_value"]
