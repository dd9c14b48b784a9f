from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from enbek.models import Profession, Region
from enbek.validators import validate_phone

from .enums import EventAudience, EventKind
from .models import MAX_GROUP_SEATS, Event


def apply_service_errors(form: forms.Form, error: ValidationError) -> None:
    """Put a service's ValidationError next to the field it names, else on top of the form."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error.error_list)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class ProfessionCodeField(forms.ModelChoiceField):
    """A profession chosen by its classifier code (7212-01), as it appears in links."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Profession.objects.all(), to_field_name="code", **kwargs)


class EventFilterForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.order_by("code"), to_field_name="code", required=False
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("Any kind"))] + EventKind.choices, required=False
    )
    audience = forms.ChoiceField(
        label=_("Audience"), choices=[("", _("Anyone"))] + EventAudience.choices, required=False
    )
    profession = ProfessionCodeField(
        label=_("Profession"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "7212-01", "inputmode": "numeric"}),
    )
    date_from = forms.DateField(label=_("From"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("To"), required=False, widget=DateInput())
    has_seats = forms.BooleanField(label=_("Only with free seats"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", _("The end of the range cannot be before its start."))
        return data

    def selector_kwargs(self) -> dict:
        data = {}
        if self.is_bound:
            # Valid filters apply even when another one is wrong (that one is shown with its error).
            self.is_valid()
            data = self.cleaned_data
        return {
            "region": data["region"].pk if data.get("region") else None,
            "kind": data.get("kind") or None,
            "audience": data.get("audience") or None,
            "profession": data.get("profession"),
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to"),
            "has_seats": bool(data.get("has_seats")),
        }


class RegistrationForm(forms.Form):
    seats = forms.IntegerField(
        label=_("Seats"),
        min_value=1,
        max_value=MAX_GROUP_SEATS,
        initial=1,
        help_text=_("More than one: a group, for example a teacher with a class."),
    )
    contact_name = forms.CharField(label=_("Contact person of the group"), max_length=200, required=False)
    contact_phone = forms.CharField(
        label=_("Contact phone of the group"),
        max_length=16,
        required=False,
        validators=[validate_phone],
        widget=forms.TextInput(
            attrs={"inputmode": "tel", "autocomplete": "tel", "placeholder": "+77011234567"}
        ),
    )


class EventForm(forms.ModelForm):
    professions = forms.ModelMultipleChoiceField(
        label=_("Professions shown"),
        queryset=Profession.objects.order_by("code"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "title_kk",
            "title_ru",
            "description_kk",
            "description_ru",
            "audience",
            "grade_from",
            "grade_to",
            "region",
            "address_kk",
            "address_ru",
            "latitude",
            "longitude",
            "online_url",
            "starts_at",
            "ends_at",
            "capacity",
            "registration_opens_at",
            "registration_closes_at",
            "accessibility_kk",
            "accessibility_ru",
        ]
        labels = {
            "title_kk": _("Title in Kazakh"),
            "title_ru": _("Title in Russian"),
            "description_kk": _("Description in Kazakh"),
            "description_ru": _("Description in Russian"),
            "address_kk": _("Address in Kazakh"),
            "address_ru": _("Address in Russian"),
            "accessibility_kk": _("Accessibility notes in Kazakh"),
            "accessibility_ru": _("Accessibility notes in Russian"),
        }
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "registration_opens_at": DateTimeInput(),
            "registration_closes_at": DateTimeInput(),
            "description_kk": forms.Textarea(attrs={"rows": 5}),
            "description_ru": forms.Textarea(attrs={"rows": 5}),
            "accessibility_kk": forms.Textarea(attrs={"rows": 2}),
            "accessibility_ru": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_kk"].required = True
        self.fields["title_ru"].required = True
        self.fields["region"].queryset = Region.objects.order_by("code")
        self.fields["online_url"].assume_scheme = "https"
        for name in ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at"):
            self.fields[name].input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]

    def clean(self):
        data = super().clean()
        if data.get("audience") != EventAudience.PUPILS:
            data["grade_from"] = data["grade_to"] = None
        return data

    def service_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("professions", None)
        return data


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason, for the registrants"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Ticket code"),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "autofocus": True,
            }
        ),
    )


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"), widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"})
    )
    caption = forms.CharField(label=_("Caption"), max_length=255, required=False)
