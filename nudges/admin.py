from django.contrib import admin
from django.db.models import Sum
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Banner, BannerBatch, Placement, Visit


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by the portal's services (short links, counters, files): the admin only reads."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Banner)
class BannerAdmin(ReadOnlyAdmin):
    list_display = ("proverb", "design", "language", "code", "created_at")
    list_filter = ("design", "language")
    search_fields = ("code", "proverb__text_kk", "proverb__text_ru")
    list_select_related = ("proverb",)


@admin.register(Placement)
class PlacementAdmin(admin.ModelAdmin):
    """Corrections by the ministry; coordinators record placements on the portal's own pages."""

    list_display = ("__str__", "region", "banner", "starts_on", "ends_on", "code", "visits", "has_photo")
    list_filter = ("region", "place_type", "banner__design", "banner__language")
    search_fields = ("address", "code")
    list_select_related = ("region", "banner__proverb")
    autocomplete_fields = ("region",)
    raw_id_fields = ("banner",)
    date_hierarchy = "starts_on"
    fields = (
        "banner",
        "region",
        "place_type",
        "address",
        "starts_on",
        "ends_on",
        "landing",
        "code",
        "photo_preview",
        "created_by",
        "created_at",
    )
    # The short link is printed already; photos come re-encoded through the portal's upload.
    readonly_fields = ("code", "photo_preview", "created_by", "created_at")

    def has_add_permission(self, request):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(visits_sum=Sum("visits__count"))

    @admin.display(description=_("QR visits"), ordering="visits_sum")
    def visits(self, obj):
        return obj.visits_sum or 0

    @admin.display(boolean=True, description=_("photo"))
    def has_photo(self, obj):
        return bool(obj.photo)

    @admin.display(description=_("photo proof"))
    def photo_preview(self, obj):
        if not obj.photo_thumbnail:
            return "—"
        return format_html(
            '<a href="{}"><img src="{}" alt="" width="160"></a>', obj.photo.url, obj.photo_thumbnail.url
        )


@admin.register(Visit)
class VisitAdmin(ReadOnlyAdmin):
    list_display = ("day", "banner", "placement", "count")
    list_filter = ("day",)
    list_select_related = ("banner__proverb", "placement")
    date_hierarchy = "day"


@admin.register(BannerBatch)
class BannerBatchAdmin(ReadOnlyAdmin):
    list_display = (
        "pk",
        "requested_by",
        "design",
        "language",
        "file_format",
        "status",
        "done",
        "total",
        "created_at",
    )
    list_filter = ("status",)
    list_select_related = ("requested_by",)
