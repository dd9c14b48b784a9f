from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin

from . import admin_i18n
from .admin_i18n import DeletionSummaryMixin, TranslatedRelationsMixin, group_label
from .models import Organization, Proverb, Region, User

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
class OrganizationAdmin(DeletionSummaryMixin, TranslationAdmin):
    list_display = ("name", "kind", "bin", "region", "is_verified")
    list_filter = ("is_verified", "kind", "region")
    search_fields = ("name_kk", "name_ru", "bin")
    list_select_related = ("region",)
    filter_horizontal = ("representatives",)
    autocomplete_fields = ("region",)
    formfield_overrides = URL_OVERRIDES


@admin.register(Proverb)
class ProverbAdmin(TranslationAdmin):
    list_display = ("__str__", "original_language", "has_both_languages", "is_active", "source")
    list_filter = ("is_active", "original_language")
    search_fields = ("text_kk", "text_ru", "source")

    @admin.display(boolean=True, description=_("both languages"))
    def has_both_languages(self, obj):
        return bool(obj.text_kk and obj.text_ru)


@admin.register(User)
class UserAdmin(DeletionSummaryMixin, TranslatedRelationsMixin, DjangoUserAdmin):
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


# --- Django's groups and django-axes, in the page's language (see enbek/admin_i18n.py) -------------
admin_i18n.install()
admin.site.unregister(Group)


@admin.register(Group)
class GroupAdmin(DeletionSummaryMixin, TranslatedRelationsMixin, DjangoGroupAdmin):
    list_display = ("name", "role")

    @admin.display(description=_("Role"))
    def role(self, group):
        return group_label(group)


if apps.is_installed("axes"):
    from axes.admin import AccessAttemptAdmin
    from axes.models import AccessAttempt

    if admin.site.is_registered(AccessAttempt):

        class SignInAttemptAdmin(AccessAttemptAdmin):
            """axes' own admin, with its status and clean-up message translated."""

            @admin.display(description=_("status"))
            def status(self, attempt):
                limit = settings.AXES_FAILURE_LIMIT
                left = limit - attempt.failures_since_start if isinstance(limit, int) else 0
                if left > 0:
                    return ngettext("%(count)d attempt left", "%(count)d attempts left", left) % {
                        "count": left
                    }
                return gettext("Locked out")

            @admin.action(description=_("Clean up expired attempts"))
            def cleanup_expired_attempts(self, request, queryset):
                count = self.handler.clean_expired_user_attempts(request=request)
                self.message_user(
                    request,
                    ngettext(
                        "%(count)d expired attempt removed.", "%(count)d expired attempts removed.", count
                    )
                    % {"count": count},
                )

        admin.site.unregister(AccessAttempt)
        admin.site.register(AccessAttempt, SignInAttemptAdmin)
