"""Forms of the nudge banner pages: they validate what a person typed; the services write."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from enbek.models import Proverb, Region

from . import rendering
from .enums import ABDimension, BannerDesign, BannerFormat, BannerLanguage, BannerSize, LandingPage, PlaceType
from .selectors import placement_region_choices, proverb_theme_list

PRINT_SIZES = [(key, label) for key, label in BannerSize.choices if rendering.SIZES[key].printable]


def apply_service_errors(form: forms.Form, error: ValidationError, field: str | None = None) -> None:
    """A service's ValidationError next to the field it names (else `field`, else on top)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field, error.error_list)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _proverb_label(proverb: Proverb) -> str:
    text, _language = proverb.display(get_language())
    return text if len(text) <= 90 else text[:88] + "…"


class ProverbChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _proverb_label(obj)


class ThemeFilterForm(forms.Form):
    theme = forms.ModelChoiceField(
        label=_("Theme"),
        queryset=proverb_theme_list(),
        to_field_name="slug",
        required=False,
        empty_label=_("All themes"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].label_from_instance = lambda theme: theme.name

    def theme_slug(self) -> str | None:
        return self.cleaned_data["theme"].slug if self.is_valid() and self.cleaned_data.get("theme") else None


class BannerDownloadForm(forms.Form):
    """What to download: a design, a language, a size and a format (GET, shareable)."""

    design = forms.ChoiceField(label=_("Design"), choices=BannerDesign.choices, initial=BannerDesign.STEPPE)
    language = forms.ChoiceField(label=_("Language of the banner"), choices=BannerLanguage.choices)
    size = forms.ChoiceField(label=_("Size"), choices=BannerSize.choices, initial=BannerSize.A4)
    file_format = forms.ChoiceField(label=_("Format"), choices=BannerFormat.choices, initial=BannerFormat.PDF)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = (get_language() or "kk")[:2]

    def clean(self):
        data = super().clean()
        size, file_format = data.get("size"), data.get("file_format")
        if size and file_format == BannerFormat.PDF and not rendering.SIZES[size].printable:
            self.add_error("file_format", _("Social media sizes are made as PNG pictures only."))
        return data


class PlacementForm(forms.Form):
    proverb = ProverbChoiceField(label=_("Proverb"), queryset=Proverb.objects.none())
    design = forms.ChoiceField(label=_("Design"), choices=BannerDesign.choices)
    language = forms.ChoiceField(label=_("Language of the banner"), choices=BannerLanguage.choices)
    region = forms.ModelChoiceField(label=_("Region"), queryset=Region.objects.none())
    place_type = forms.ChoiceField(label=_("Place type"), choices=PlaceType.choices)
    address = forms.CharField(
        label=_("Address or place"),
        max_length=255,
        help_text=_("Street and building, or the site's name for an online placement."),
    )
    starts_on = forms.DateField(label=_("Placed on"), widget=DateInput())
    ends_on = forms.DateField(
        label=_("Removed on"), required=False, widget=DateInput(), help_text=_("Leave empty while it hangs.")
    )
    landing = forms.ChoiceField(
        label=_("Page the QR code opens"), choices=LandingPage.choices, initial=LandingPage.HOME
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proverb"].queryset = Proverb.objects.filter(is_active=True).order_by("id")
        regions = placement_region_choices(user)
        self.fields["region"].queryset = regions
        self.fields["region"].label_from_instance = lambda region: region.name
        if regions.count() == 1:
            # A coordinator's one region: preselected, no empty choice to miss.
            self.fields["region"].empty_label = None
            self.fields["region"].initial = self.initial.get("region") or regions.first().pk
        self.fields["language"].initial = (get_language() or "kk")[:2]
        self.fields["starts_on"].initial = timezone.localdate()

    @staticmethod
    def initial_for(placement) -> dict:
        return {
            "proverb": placement.banner.proverb_id,
            "design": placement.banner.design,
            "language": placement.banner.language,
            "region": placement.region_id,
            "place_type": placement.place_type,
            "address": placement.address,
            "starts_on": placement.starts_on,
            "ends_on": placement.ends_on,
            "landing": placement.landing,
        }

    def clean(self):
        data = super().clean()
        starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The banner cannot be removed before it was placed."))
        if starts_on and starts_on > timezone.localdate() + datetime.timedelta(days=366):
            self.add_error("starts_on", _("Record a placement at most a year ahead."))
        return data


class PlacementPhotoForm(forms.Form):
    # A plain file field: enbek.images decodes, checks and re-encodes it (one place for the rules).
    photo = forms.FileField(
        label=_("Photo proof"),
        help_text=_("A photo of the banner in place: JPEG, PNG or WebP. Location data is removed."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png,image/webp"}),
    )


class PlacementFilterForm(forms.Form):
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.none(), required=False, empty_label=_("All regions")
    )
    place_type = forms.ChoiceField(
        label=_("Place type"), choices=[("", _("All place types")), *PlaceType.choices], required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from .selectors import placement_regions

        regions = placement_regions(user)
        self.fields["region"].queryset = Region.objects.order_by("code") if regions is None else regions
        self.fields["region"].label_from_instance = lambda region: region.name

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {
            "region": self.cleaned_data.get("region"),
            "place_type": self.cleaned_data.get("place_type") or None,
        }


class BatchForm(forms.Form):
    design = forms.ChoiceField(label=_("Design"), choices=BannerDesign.choices)
    language = forms.ChoiceField(label=_("Language of the banners"), choices=BannerLanguage.choices)
    sizes = forms.MultipleChoiceField(
        label=_("Sizes"),
        choices=BannerSize.choices,
        widget=forms.CheckboxSelectMultiple,
        initial=[BannerSize.A4],
    )
    file_format = forms.ChoiceField(label=_("Format"), choices=BannerFormat.choices, initial=BannerFormat.PDF)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].initial = (get_language() or "kk")[:2]

    def clean(self):
        data = super().clean()
        sizes, file_format = data.get("sizes") or [], data.get("file_format")
        if file_format == BannerFormat.PDF and any(not rendering.SIZES[size].printable for size in sizes):
            self.add_error("sizes", _("Social media sizes are made as PNG pictures only."))
        return data


class ABForm(forms.Form):
    proverb = ProverbChoiceField(label=_("Proverb"), queryset=Proverb.objects.none(), required=False)
    dimension = forms.ChoiceField(
        label=_("Compare"), choices=ABDimension.choices, initial=ABDimension.DESIGN, required=False
    )
    date_from = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    date_to = forms.DateField(label=_("To (inclusive)"), widget=DateInput(), required=False)
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.none(), required=False, empty_label=_("All regions")
    )

    def __init__(self, *args, proverbs, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proverb"].queryset = proverbs
        self.fields["region"].queryset = regions
        self.fields["region"].label_from_instance = lambda region: region.name

    def clean(self):
        data = super().clean()
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("The end of the period cannot come before its start."))
        return data

    def period(self) -> tuple[datetime.date, datetime.date]:
        """[from, to) with defaults: the last 90 days up to today."""
        today = timezone.localdate()
        data = self.cleaned_data if self.is_valid() else {}
        date_to = data.get("date_to") or today
        date_from = data.get("date_from") or date_to - datetime.timedelta(days=89)
        return date_from, date_to + datetime.timedelta(days=1)
