from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enbek.models import Region

from .enums import ITEM_MECHANISMS, ItemStatus, Mechanism, OutreachKind, Period
from .models import Indicator


class RegionCodeField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class DashboardFilterForm(forms.Form):
    """Year, region (empty: the republic), mechanism and the indicator that colours the map."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    region = RegionCodeField(
        label=_("Region"),
        queryset=Region.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=_("Republic of Kazakhstan"),
    )
    mechanism = forms.ChoiceField(label=_("Mechanism"), required=False)
    map = forms.ModelChoiceField(
        label=_("Map shows"),
        queryset=Indicator.objects.none(),
        to_field_name="code",
        required=False,
        empty_label=None,
    )

    def __init__(self, *args, years: list[int], regions, republic_allowed: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["region"].queryset = regions
        if not republic_allowed:
            self.fields["region"].empty_label = None
        self.fields["mechanism"].choices = [("", _("All mechanisms")), *Mechanism.choices]
        self.fields["map"].queryset = Indicator.objects.order_by("position", "code")

    def value(self, name, default=None):
        if self.is_bound and self.is_valid():
            return self.cleaned_data.get(name) or default
        return default


class DrillForm(forms.Form):
    year = forms.IntegerField(min_value=2000, max_value=2100, required=False)
    region = forms.CharField(max_length=2, required=False)
    period = forms.ChoiceField(choices=Period.choices, required=False)
    start = forms.DateField(required=False, input_formats=["%Y-%m-%d"])

    def clean_year(self):
        return self.cleaned_data.get("year") or timezone.localdate().year


class PlanImportForm(forms.Form):
    region = RegionCodeField(
        label=_("Plan of"),
        queryset=Region.objects.none(),
        required=False,
        empty_label=_("Republic of Kazakhstan"),
    )
    year = forms.IntegerField(label=_("Year"), min_value=2020, max_value=2100)
    file = forms.FileField(
        label=_("File (.xlsx or .csv)"),
        help_text=_("The first row names the columns, as in the exported file or the template."),
    )

    def __init__(self, *args, regions, republic_allowed: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        if not republic_allowed:
            self.fields["region"].required = True
            self.fields["region"].empty_label = None


class PlanItemForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(s.value, s.label) for s in ItemStatus if s != ItemStatus.OVERDUE],
        help_text=_("An unfinished item past its deadline becomes overdue by itself."),
    )
    evidence_url = forms.URLField(
        label=_("Evidence link"), max_length=500, required=False, assume_scheme="https"
    )
    evidence_file = forms.ImageField(label=_("Evidence (scan or photo)"), required=False)


class OutreachForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OutreachKind.choices)
    title = forms.CharField(label=_("Title"), max_length=255)
    outlet = forms.CharField(label=_("Outlet"), max_length=200, required=False)
    region = RegionCodeField(
        label=_("Region"), queryset=Region.objects.none(), required=False, empty_label=_("National outlet")
    )
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    estimated_reach = forms.IntegerField(label=_("Estimated reach (people)"), min_value=0, initial=0)
    url = forms.URLField(label=_("Link"), max_length=500, required=False, assume_scheme="https")
    dynasty_slug = forms.SlugField(
        label=_("Dynasty (address name)"),
        required=False,
        max_length=220,
        help_text=_("The last part of the dynasty's page address, if the material is about one."),
    )

    def __init__(self, *args, regions, republic_allowed: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        if not republic_allowed:
            self.fields["region"].required = True
            self.fields["region"].empty_label = None

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError(
                _("Enter the date the material came out; it cannot be in the future.")
            )
        return date

    def clean_dynasty_slug(self):
        from dynasties.selectors import dynasty_published

        slug = self.cleaned_data.get("dynasty_slug")
        if not slug:
            return None
        dynasty = dynasty_published().filter(slug=slug).first()
        if dynasty is None:
            raise forms.ValidationError(_("No published dynasty has this address."))
        return dynasty


ITEM_MECHANISM_CHOICES = [(m.value, m.label) for m in ITEM_MECHANISMS]
