from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.forms import Textarea
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline

from enbek.admin import URL_OVERRIDES
from enbek.admin_i18n import DeletionSummaryMixin
from enbek.pagecache import PageCacheAdminMixin

from . import services
from .models import ChallengeEntry, Dynasty, MediaEpisode, Member, Photo, PhotoExhibition
from .services import PAGE_GROUP


class MemberInline(TranslationStackedInline):
    """One block per member, its fields in a few short rows: as a table (13 columns, two of them
    text areas in two languages) the page was 3,600 px wide on a 1,366 px screen."""

    model = Member
    fk_name = "dynasty"
    extra = 0
    fieldsets = (
        (None, {"fields": (("full_name", "generation", "parent", "position"),)}),
        (None, {"fields": (("birth_year", "death_year", "start_year", "end_year"),)}),
        (None, {"fields": ("profession", "profession_ref", "organization_name", "awards")}),
    )
    # A select of every member of every dynasty would be enormous.
    raw_id_fields = ("parent",)
    autocomplete_fields = ("profession_ref",)
    formfield_overrides = {models.TextField: {"widget": Textarea(attrs={"rows": 2, "cols": 60})}}


class PhotoInline(TranslationTabularInline):
    """Photos are added through the portal, which re-encodes them; here captions and order only."""

    model = Photo
    extra = 0
    fields = ("preview", "caption", "position", "uploaded_by")
    readonly_fields = ("preview", "uploaded_by")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=_("photo"))
    def preview(self, photo):
        if not photo.thumbnail:
            return "—"
        return format_html(
            '<a href="{}"><img src="{}" alt="" width="120"></a>', photo.image.url, photo.thumbnail.url
        )


class MediaEpisodeInline(TranslationStackedInline):
    """Stacked like the members: seven columns (titles and outlets in two languages, the link) do
    not fit a laptop's screen as a table."""

    model = MediaEpisode
    formfield_overrides = URL_OVERRIDES
    extra = 0
    fieldsets = ((None, {"fields": (("kind", "date"), "title", "outlet", "url")}),)


@admin.register(Dynasty)
class DynastyAdmin(PageCacheAdminMixin, DeletionSummaryMixin, TranslationAdmin):
    page_groups = (PAGE_GROUP,)

    list_display = (
        "family_name",
        "status",
        "region",
        "sphere",
        "generations",
        "members_count",
        "total_years",
        "submitted_at",
        "published_at",
    )
    list_filter = ("status", "region", "sphere")
    list_select_related = ("region", "sphere")
    search_fields = ("family_name_kk", "family_name_ru", "slug")
    date_hierarchy = "created_at"
    autocomplete_fields = ("region", "sphere", "organization", "submitted_by")
    raw_id_fields = ("cover",)
    # The status changes only through the moderation services (the action below, or the moderation
    # pages for a return with its reason): they check the region, stamp the dates and e-mail the family.
    readonly_fields = (
        "status",
        "return_reason",
        "members_count",
        "generations",
        "total_years",
        "reviewed_by",
        "submitted_at",
        "published_at",
        "created_at",
        "updated_at",
    )
    fieldsets = (
        (
            None,
            {"fields": ("family_name", "slug", "sphere", "region", "organization", "founded_year", "cover")},
        ),
        (_("story"), {"fields": ("story",)}),
        (
            _("status"),
            {
                "fields": (
                    "status",
                    "return_reason",
                    "submitted_by",
                    "submitted_at",
                    "reviewed_by",
                    "published_at",
                    "created_at",
                    "updated_at",
                )
            },
        ),
        (_("derived figures"), {"fields": ("members_count", "generations", "total_years")}),
    )
    inlines = (MemberInline, PhotoInline, MediaEpisodeInline)
    actions = ("publish_selected",)

    @admin.action(description=_("Publish the selected submitted dynasties"), permissions=["change"])
    def publish_selected(self, request, queryset):
        published = 0
        for dynasty in queryset.order_by("pk"):
            try:
                services.dynasty_publish(dynasty=dynasty, moderator=request.user)
            except (PermissionDenied, ValidationError) as error:
                text = "; ".join(getattr(error, "messages", None) or [str(error)])
                self.message_user(request, f"{dynasty}: {text}", messages.WARNING)
            else:
                published += 1
        self.message_user(request, _("Published: %(count)d.") % {"count": published}, messages.SUCCESS)

    def save_model(self, request, obj, form, change):
        # A story changed here is rendered now, like in the editor: pages only show the stored HTML.
        services.dynasty_render_story(dynasty=obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # The figures and the search index are derived from the members and the texts just saved.
        services.dynasty_refresh_figures(dynasty_ids=[form.instance.pk])
        services.dynasty_refresh_search(dynasty=form.instance)


@admin.register(ChallengeEntry)
class ChallengeEntryAdmin(PageCacheAdminMixin, admin.ModelAdmin):
    page_groups = (PAGE_GROUP,)

    formfield_overrides = URL_OVERRIDES
    list_display = ("post_url", "platform", "author_name", "region", "dynasty", "status", "created_at")
    list_filter = ("status", "platform", "region")
    list_select_related = ("region", "dynasty")
    search_fields = ("post_url", "author_name", "comment")
    raw_id_fields = ("author", "dynasty")
    readonly_fields = ("reviewed_by", "reviewed_at", "created_at")
    date_hierarchy = "created_at"


@admin.register(PhotoExhibition)
class PhotoExhibitionAdmin(PageCacheAdminMixin, DeletionSummaryMixin, TranslationAdmin):
    page_groups = (PAGE_GROUP,)

    list_display = ("title", "place", "region", "starts_on", "ends_on")
    list_filter = ("region",)
    list_select_related = ("region",)
    search_fields = ("title_kk", "title_ru", "place_kk", "place_ru")
    date_hierarchy = "starts_on"
    autocomplete_fields = ("region", "dynasties")
    raw_id_fields = ("photos",)


@admin.register(MediaEpisode)
class MediaEpisodeAdmin(PageCacheAdminMixin, TranslationAdmin):
    page_groups = (PAGE_GROUP,)

    formfield_overrides = URL_OVERRIDES
    list_display = ("title", "kind", "outlet", "date", "dynasty")
    list_filter = ("kind",)
    list_select_related = ("dynasty",)
    search_fields = (
        "title_kk",
        "title_ru",
        "outlet_kk",
        "outlet_ru",
        "dynasty__family_name_kk",
        "dynasty__family_name_ru",
    )
    autocomplete_fields = ("dynasty",)
