from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from . import admin_i18n
from .admin_i18n import DeletionSummaryMixin, TranslatedRelationsMixin, group_label
from .enums import EDUCATION_KINDS
from .models import (
    Organization,
    Profession,
    Proverb,
    ProverbTheme,
    QuizCompletionDay,
    QuizStatement,
    Region,
    Sphere,
    TrainingProgramme,
    User,
)

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


class TrainingProgrammeInline(TranslationTabularInline):
    """The programmes of a college, university or training centre, on the organisation's page."""

    model = TrainingProgramme
    extra = 1
    fields = ("profession", "title", "url", "duration_months", "study_form", "is_active")
    autocomplete_fields = ("profession",)
    formfield_overrides = URL_OVERRIDES


@admin.register(Organization)
class OrganizationAdmin(DeletionSummaryMixin, TranslationAdmin):
    list_display = ("name", "kind", "bin", "region", "is_verified")
    list_filter = ("is_verified", "kind", "region")
    search_fields = ("name_kk", "name_ru", "bin")
    list_select_related = ("region",)
    filter_horizontal = ("representatives",)
    autocomplete_fields = ("region",)
    formfield_overrides = URL_OVERRIDES
    inlines = (TrainingProgrammeInline,)

    def get_inlines(self, request, obj):
        # Only education providers list programmes (TrainingProgramme.clean says so too).
        return self.inlines if obj is not None and obj.kind in EDUCATION_KINDS else ()


@admin.register(Sphere)
class SphereAdmin(DeletionSummaryMixin, TranslationAdmin):
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    search_fields = ("name_kk", "name_ru", "slug")
    ordering = ("position", "slug")


class ProfessionProgrammeInline(TranslationTabularInline):
    model = TrainingProgramme
    fk_name = "profession"
    extra = 0
    fields = ("organization", "title", "url", "duration_months", "study_form", "is_active")
    autocomplete_fields = ("organization",)
    formfield_overrides = URL_OVERRIDES


@admin.register(Profession)
class ProfessionAdmin(DeletionSummaryMixin, TranslationAdmin):
    list_display = ("code", "name", "sphere", "interest_code", "is_active")
    list_filter = (
        "is_active",
        "sphere",
        "path_college",
        "path_university",
        "path_on_the_job",
        "path_retraining",
        "suits_pupils",
        "suits_students",
        "suits_career_changers",
        "suits_over_50",
    )
    search_fields = ("code", "name_kk", "name_ru")
    list_select_related = ("sphere",)
    ordering = ("code",)
    fieldsets = (
        (None, {"fields": ("code", "name", "sphere", "description", "interest_code", "is_active")}),
        (
            _("Paths into the profession"),
            {"fields": ("path_college", "path_university", "path_on_the_job", "path_retraining")},
        ),
        (
            _("Who it suits"),
            {"fields": ("suits_pupils", "suits_students", "suits_career_changers", "suits_over_50")},
        ),
    )
    inlines = (ProfessionProgrammeInline,)

    def has_delete_permission(self, request, obj=None):
        # Sections link to professions by code: retire one by unticking "active" instead.
        return False


@admin.register(TrainingProgramme)
class TrainingProgrammeAdmin(TranslationAdmin):
    list_display = ("title", "organization", "profession", "study_form", "duration_months", "is_active")
    list_filter = (
        "is_active",
        "study_form",
        "organization__kind",
        "organization__region",
        "profession__sphere",
    )
    search_fields = (
        "title_kk",
        "title_ru",
        "organization__name_kk",
        "organization__name_ru",
        "profession__code",
        "profession__name_kk",
        "profession__name_ru",
    )
    list_select_related = ("organization", "profession")
    autocomplete_fields = ("organization", "profession")
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
class ProverbThemeAdmin(DeletionSummaryMixin, TranslationAdmin):
    list_display = ("name", "slug", "position")
    list_editable = ("position",)
    search_fields = ("name_kk", "name_ru", "slug")


@admin.register(QuizStatement)
class QuizStatementAdmin(DeletionSummaryMixin, TranslationAdmin):
    """The interest quiz's statements: editors word them better or retire one (a saved result keeps
    its scores; the quiz's pages and the API ask the active ones)."""

    list_display = ("key", "text", "holland_type", "position", "is_active")
    list_filter = ("holland_type", "is_active")
    list_editable = ("position", "is_active")
    search_fields = ("key", "text_kk", "text_ru")
    ordering = ("position", "id")


@admin.register(QuizCompletionDay)
class QuizCompletionDayAdmin(admin.ModelAdmin):
    """The daily counts of finished quizzes: read only (they feed the indicators)."""

    list_display = ("day", "count")
    date_hierarchy = "day"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Proverb)
class ProverbAdmin(DeletionSummaryMixin, TranslationAdmin):
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
