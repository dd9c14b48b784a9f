from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from enbek.pagecache import PageCacheAdminMixin

from .models import Application, Contest, Criterion, JuryAssignment, Nomination, Stage, StatusChange


class NominationInline(admin.TabularInline):
    model = Nomination
    extra = 0
    autocomplete_fields = ["profession"]


class StageInline(TranslationTabularInline):
    model = Stage
    extra = 0


class CriterionInline(TranslationTabularInline):
    model = Criterion
    extra = 0


@admin.register(Contest)
class ContestAdmin(PageCacheAdminMixin, TranslationAdmin):
    page_groups = ("contests",)

    list_display = (
        "title",
        "year",
        "applications_open",
        "applications_close",
        "status",
        "results_published_at",
    )
    list_filter = ("status", "year")
    search_fields = ("title_kk", "title_ru")
    prepopulated_fields = {"slug": ("title_ru",)}
    readonly_fields = ("results_published_at", "results_published_by")
    inlines = [NominationInline, StageInline, CriterionInline]


@admin.register(JuryAssignment)
class JuryAssignmentAdmin(admin.ModelAdmin):
    list_display = ("juror", "stage", "nomination", "region")
    list_filter = ("stage__contest", "region")
    autocomplete_fields = ["juror"]
    list_select_related = ("juror", "stage", "nomination__profession", "region")


class StatusChangeInline(admin.TabularInline):
    model = StatusChange
    extra = 0
    can_delete = False
    readonly_fields = ("status", "stage", "reason", "actor", "created_at")

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """Staff see the masked IIN only: the full number is not stored (see contests.models)."""

    list_display = ("id", "contest", "nomination", "region", "status", "iin_masked", "submitted_at")
    list_filter = ("contest", "status", "region")
    list_select_related = ("contest", "nomination__profession", "region")
    readonly_fields = ("iin_masked", "birth_date", "sex", "consent_at", "submitted_at")
    exclude = ("iin_hash", "iin_last4")
    raw_id_fields = ("user", "organization")
    inlines = [StatusChangeInline]
