from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from enbek.admin import URL_OVERRIDES

from .models import (
    ActionPlan,
    ActionPlanItem,
    AggregationRun,
    Indicator,
    IndicatorValue,
    OutreachActivity,
    Target,
)


class TargetInline(admin.TabularInline):
    model = Target
    extra = 0
    fields = ("year", "region", "value")
    ordering = ("-year", "region__code")


@admin.register(Indicator)
class IndicatorAdmin(TranslationAdmin):
    """Names, units and directions come from indicators/catalogue.py; here: publication and targets."""

    list_display = ("code", "name", "mechanism", "unit", "direction", "is_published")
    list_filter = ("mechanism", "is_published")
    list_editable = ("is_published",)
    search_fields = ("code", "name_kk", "name_ru")
    readonly_fields = ("code", "unit", "direction", "mechanism", "is_cumulative", "position")
    inlines = [TargetInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Target)
class TargetAdmin(admin.ModelAdmin):
    list_display = ("indicator", "year", "region", "value")
    list_filter = ("year", "indicator__mechanism", "indicator")
    list_select_related = ("indicator", "region")
    ordering = ("-year", "indicator__position", "region__code")


class ActionPlanItemInline(TranslationTabularInline):
    model = ActionPlanItem
    formfield_overrides = URL_OVERRIDES
    extra = 0
    fields = ("number", "title", "mechanism", "responsible", "deadline", "completion_form", "status",
              "completed_on", "evidence_url", "position")  # fmt: skip


@admin.register(ActionPlan)
class ActionPlanAdmin(TranslationAdmin):
    list_display = ("title", "region", "year")
    list_filter = ("year", "region")
    list_select_related = ("region",)
    inlines = [ActionPlanItemInline]


@admin.register(OutreachActivity)
class OutreachActivityAdmin(admin.ModelAdmin):
    formfield_overrides = URL_OVERRIDES
    list_display = ("title", "kind", "region", "date", "estimated_reach")
    list_filter = ("kind", "region", "date")
    list_select_related = ("region",)
    search_fields = ("title", "outlet", "url")
    raw_id_fields = ("dynasty", "contest", "event", "created_by")
    date_hierarchy = "date"


@admin.register(AggregationRun)
class AggregationRunAdmin(admin.ModelAdmin):
    list_display = ("pk", "kind", "status", "created_at", "finished_at", "rows_written", "waited_seconds")
    list_filter = ("kind", "status")
    readonly_fields = [f.name for f in AggregationRun._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(IndicatorValue)
class IndicatorValueAdmin(admin.ModelAdmin):
    list_display = ("indicator", "region", "period", "period_start", "value", "computed_at")
    list_filter = ("period", "indicator")
    list_select_related = ("indicator", "region")
    readonly_fields = [f.name for f in IndicatorValue._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
