"""The ministry edits waves in Kazakh and Russian, clones last year's wave, makes invitation codes,
enters or imports population figures and reviews open-text answers. Single responses are never listed."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline, TranslationTabularInline

from . import services
from .enums import TextReview
from .models import Answer, Choice, InvitationBatch, PopulationCell, Question, Section, Survey


class SectionInline(TranslationTabularInline):
    model = Section
    extra = 0
    fields = ("position", "title")


class QuestionInline(TranslationStackedInline):
    model = Question
    extra = 0
    fields = (
        ("section", "position", "code", "kind", "required"),
        "text",
        "help_text",
        ("show_if_question", "show_if_codes", "index_direction"),
    )
    raw_id_fields = ("show_if_question",)


@admin.register(Survey)
class SurveyAdmin(TranslationAdmin):
    list_display = ("year", "title", "status", "opens_on", "closes_on")
    list_filter = ("status",)
    fields = ("year", "title", "intro", ("opens_on", "closes_on"), "status")
    inlines = [SectionInline, QuestionInline]
    actions = ["clone_for_next_year"]

    @admin.action(description=_("Clone as next year's survey (same codes)"), permissions=["add"])
    def clone_for_next_year(self, request, queryset):
        for survey in queryset:
            try:
                clone = services.survey_clone(source=survey, year=survey.year + 1)
            except ValidationError as error:
                self.message_user(request, "; ".join(error.messages), messages.ERROR)
                continue
            self.message_user(
                request,
                _("The %(year)d survey was created as a draft from %(source)d's.")
                % {"year": clone.year, "source": survey.year},
                messages.SUCCESS,
            )


class ChoiceInline(TranslationTabularInline):
    model = Choice
    extra = 0
    fields = ("position", "code", "label")


@admin.register(Question)
class QuestionAdmin(TranslationAdmin):
    list_display = ("code", "text", "kind", "survey", "section", "required", "index_direction")
    list_filter = ("survey", "kind", "index_direction")
    search_fields = ("code", "text_kk", "text_ru")
    list_select_related = ("survey", "section")
    raw_id_fields = ("show_if_question",)
    inlines = [ChoiceInline]


class InvitationBatchForm(forms.ModelForm):
    class Meta:
        model = InvitationBatch
        fields = ("survey", "label", "region", "size")


@admin.register(InvitationBatch)
class InvitationBatchAdmin(admin.ModelAdmin):
    form = InvitationBatchForm
    list_display = ("label", "survey", "region", "size", "created_at", "print_link")
    list_select_related = ("survey", "region")
    list_filter = ("survey",)

    def has_change_permission(self, request, obj=None):
        return False

    @admin.display(description=_("printable list"))
    def print_link(self, batch):
        return format_html(
            '<a href="{}">{}</a>', reverse("surveys:invitation_print", args=[batch.pk]), _("Print")
        )

    def save_model(self, request, obj, form, change):
        # The codes are made by the service, in the same transaction as the batch.
        created = services.invitation_batch_create(
            survey=obj.survey, label=obj.label, size=obj.size, region=obj.region
        )
        obj.pk = created.pk


class PopulationImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"), help_text=_("Columns: year, region_code, sex, age_group, population.")
    )
    source = forms.CharField(label=_("source"), max_length=200, required=False)
    is_demo = forms.BooleanField(label=_("demo figures"), required=False)


@admin.register(PopulationCell)
class PopulationCellAdmin(admin.ModelAdmin):
    list_display = ("year", "region", "sex", "age_group", "population", "is_demo", "source")
    list_filter = ("year", "is_demo", "sex", "age_group", "region")
    list_select_related = ("region",)
    change_list_template = "admin/surveys/populationcell/change_list.html"

    def get_urls(self):
        return [
            path(
                "import/", self.admin_site.admin_view(self.import_view), name="surveys_populationcell_import"
            )
        ] + super().get_urls()

    def import_view(self, request):
        if not self.has_add_permission(request):
            return redirect("admin:index")
        form = PopulationImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                text = form.cleaned_data["file"].read().decode("utf-8-sig")
                count = services.population_import(
                    csv_text=text, is_demo=form.cleaned_data["is_demo"], source=form.cleaned_data["source"]
                )
            except UnicodeDecodeError:
                form.add_error("file", _("The file is not UTF-8 text."))
            except ValidationError as error:
                form.add_error("file", error)
            else:
                self.message_user(request, _("%(count)d population cells imported.") % {"count": count})
                return redirect("admin:surveys_populationcell_changelist")
        context = {
            **self.admin_site.each_context(request),
            "form": form,
            "title": _("Import population figures"),
        }
        return render(request, "admin/surveys/populationcell/import.html", context)


@admin.register(Answer)
class OpenTextAdmin(admin.ModelAdmin):
    """Open-text answers only: reviewed before they appear anywhere. No respondent data is shown."""

    list_display = ("text", "question", "text_review")
    list_filter = ("text_review", "survey")
    list_select_related = ("question",)
    fields = ("question", "text", "text_review")
    readonly_fields = ("question", "text")
    actions = ["approve", "reject"]

    def get_queryset(self, request):
        return super().get_queryset(request).exclude(text="")

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description=_("Approve for results"), permissions=["change"])
    def approve(self, request, queryset):
        services.answers_review(
            answer_ids=list(queryset.values_list("pk", flat=True)), status=TextReview.APPROVED
        )

    @admin.action(description=_("Reject"), permissions=["change"])
    def reject(self, request, queryset):
        services.answers_review(
            answer_ids=list(queryset.values_list("pk", flat=True)), status=TextReview.REJECTED
        )
