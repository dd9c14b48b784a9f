"""Forms of the contest pages: they check shapes; the services apply the rules and write."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from enbek.enums import Language
from enbek.forms import RegionChoiceField
from enbek.models import Organization

from .enums import Education
from .models import Application, Criterion, Nomination


def apply_service_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's ValidationError next to the field it names, else on top of the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.error_list)


class NominationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Nomination) -> str:
        return f"{obj.profession.name} ({obj.profession.code})"


class PersonalStepForm(forms.Form):
    """Step 1. The IIN is not stored: once accepted, the field may stay empty to keep it."""

    iin = forms.CharField(
        label=_("IIN"),
        max_length=12,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "pattern": "[0-9]*"}),
        help_text=_("12 digits. Your birth date and sex are taken from it; the number itself is not kept."),
    )
    full_name = forms.CharField(label=_("Full name"), max_length=200, required=False)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=30,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel", "inputmode": "tel"}),
    )
    region = RegionChoiceField(label=_("Region"), required=False)
    nomination = NominationChoiceField(
        label=_("Nomination (your profession)"), queryset=Nomination.objects.none(), required=False
    )

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].queryset = Nomination.objects.filter(
            contest_id=application.contest_id
        ).select_related("profession")
        self.fields["nomination"].empty_label = _("— choose a nomination —")
        if application.iin_last4:
            self.fields["iin"].help_text = _(
                "Saved: %(masked)s. Leave empty to keep it, or type the number again to change it."
            ) % {"masked": application.iin_masked}


class WorkStepForm(forms.Form):
    organization = forms.ModelChoiceField(
        label=_("Employer from the portal's list"),
        queryset=Organization.objects.none(),
        required=False,
        empty_label=_("— not in the list —"),
    )
    employer_name = forms.CharField(
        label=_("Employer"),
        max_length=255,
        required=False,
        help_text=_("If your employer is not in the list."),
    )
    experience_years = forms.IntegerField(
        label=_("Years of experience in the profession"), min_value=0, max_value=70, required=False
    )
    education = forms.ChoiceField(
        label=_("Education"), choices=[("", _("— choose —"))] + list(Education.choices), required=False
    )
    story = forms.CharField(
        label=_("Your path in the profession"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("How you came to the profession, what you have achieved, whom you have taught."),
    )
    story_language = forms.ChoiceField(label=_("Language of the story"), choices=Language.choices)

    def __init__(self, *args, application: Application, **kwargs):
        super().__init__(*args, **kwargs)
        organizations = Organization.objects.order_by("name")
        if application.region_id:
            organizations = organizations.filter(region_id=application.region_id)
        self.fields["organization"].queryset = organizations


class PortfolioForm(forms.Form):
    file = forms.FileField(
        label=_("Photo of your work or a PDF (diploma, certificate)"),
        required=False,
        help_text=_("JPEG, PNG or WebP photos; PDF documents up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
    )
    title = forms.CharField(label=_("Caption"), max_length=200, required=False)
    is_portrait = forms.BooleanField(
        label=_("This is my portrait (for the winners' gallery)"), required=False
    )
    photo_in_gallery = forms.BooleanField(
        label=_("If I win, show my portrait in the winners' gallery"), required=False
    )


class SubmitStepForm(forms.Form):
    consent = forms.BooleanField(
        label=_(
            "I agree to the processing of my personal data (IIN, name, phone, employer) for the contest, "
            "under the Law of the Republic of Kazakhstan on personal data."
        ),
        required=False,
    )


class ScreeningForm(forms.Form):
    decision = forms.ChoiceField(choices=[("accept", _("Accept")), ("reject", _("Reject"))])
    reason = forms.CharField(
        label=_("Reason for rejection"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ScoreSheetForm(forms.Form):
    """One points field, abstain box and comment per criterion of the application's nomination."""

    def __init__(self, *args, criteria: list[Criterion], **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.IntegerField(
                label=criterion.name,
                min_value=0,
                max_value=criterion.max_points,
                required=False,
                help_text=_("From 0 to %(max)d points, weight %(weight)s.")
                % {"max": criterion.max_points, "weight": criterion.weight.normalize()},
            )
            self.fields[f"abstain_{criterion.pk}"] = forms.BooleanField(label=_("Abstain"), required=False)
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"), max_length=2000, required=False
            )

    def rows(self):
        for criterion in self.criteria:
            yield (
                criterion,
                self[f"criterion_{criterion.pk}"],
                self[f"abstain_{criterion.pk}"],
                self[f"comment_{criterion.pk}"],
            )

    def scores(self) -> dict[int, dict]:
        return {
            c.pk: {
                "points": self.cleaned_data.get(f"criterion_{c.pk}"),
                "abstain": self.cleaned_data.get(f"abstain_{c.pk}"),
                "comment": self.cleaned_data.get(f"comment_{c.pk}", ""),
            }
            for c in self.criteria
        }
