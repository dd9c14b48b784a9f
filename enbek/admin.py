from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from .models import Organization, Proverb, ProverbTheme, Region, User

admin.site.site_header = _("«Еңбек – елдің мұраты» administration")
admin.site.site_title = _("Еңбек – елдің мұраты")

# Links typed without a scheme are https (Django 6's default), as in the portal's own forms.
URL_OVERRIDES = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Region)
class RegionAdmin(TranslationAdmin):
    list_display = ("code", "name", "iso", "kato", "kind", "center")
    list_filter = ("kind",)
    search_fields = ("name_kk", "name_ru", "code", "iso")
    ordering = ("code",)

    def has_delete_permission(self, request, obj=None):
        # Regions are reference data loaded by migration; everything points at them.
        return False


@admin.register(Organization)
class OrganizationAdmin(TranslationAdmin):
    list_display = ("name", "kind", "bin", "region", "is_verified")
    list_filter = ("is_verified", "kind", "region")
    search_fields = ("name_kk", "name_ru", "bin")
    list_select_related = ("region",)
    filter_horizontal = ("representatives",)
    autocomplete_fields = ("region",)
    formfield_overrides = URL_OVERRIDES


class MissingTranslationFilter(admin.SimpleListFilter):
    """The editors' work list: proverbs still without a text in one of the two languages."""

    title = _("translation")
    parameter_name = "missing"

    def lookups(self, request, model_admin):
        return [("kk", _("Kazakh text missing")), ("ru", _("Russian text missing"))]

    def queryset(self, request, queryset):
        if self.value() in {"kk", "ru"}:
            field = f"text_{self.value()}"
            return queryset.filter(models.Q(**{f"{field}__isnull": True}) | models.Q(**{field: ""}))
        return queryset


@admin.register(ProverbTheme)
class ProverbThemeAdmin(TranslationAdmin):
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    search_fields = ("name_kk", "name_ru", "slug")


@admin.register(Proverb)
class ProverbAdmin(TranslationAdmin):
    list_display = (
        "__str__",
        "original_language",
        "has_both_languages",
        "translation_kind",
        "is_active",
        "source",
    )
    list_filter = (MissingTranslationFilter, "is_active", "original_language", "translation_kind", "themes")
    search_fields = ("text_kk", "text_ru", "source")
    filter_horizontal = ("themes",)
    fields = ("text", "original_language", "translation_kind", "themes", "source", "is_active")

    @admin.display(boolean=True, description=_("both languages"))
    def has_both_languages(self, obj):
        return bool(obj.text_kk and obj.text_ru)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ("email",)
    list_display = ("email", "full_name", "region", "coordinator_region", "is_staff", "is_active")
    list_filter = ("groups", "is_staff", "is_active", "region")
    search_fields = ("email", "full_name")
    list_select_related = ("region", "coordinator_region")
    autocomplete_fields = ("region", "coordinator_region")
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("full_name", "region", "phone", "iin", "preferred_language")}),
        (_("Roles"), {"fields": ("groups", "coordinator_region", "is_active", "is_staff", "is_superuser")}),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    filter_horizontal = ("groups", "user_permissions")
