from django import forms
from django.utils.translation import gettext_lazy as _

from enbek.models import Region

from .enums import AgeGroup, Education, Employment, Settlement, Sex


class DemographicsForm(forms.Form):
    """The fixed "about you" block: what weights the answers, and nothing that identifies anyone."""

    region = forms.ModelChoiceField(
        label=_("Region where you live"), queryset=Region.objects.order_by("name"), empty_label=_("Choose…")
    )
    sex = forms.ChoiceField(label=_("Sex"), choices=Sex.choices, widget=forms.RadioSelect)
    age_group = forms.ChoiceField(label=_("Age"), choices=AgeGroup.choices, widget=forms.RadioSelect)
    education = forms.ChoiceField(label=_("Education"), choices=Education.choices, widget=forms.RadioSelect)
    employment = forms.ChoiceField(
        label=_("Employment"), choices=Employment.choices, widget=forms.RadioSelect
    )
    settlement = forms.ChoiceField(
        label=_("You live in"), choices=Settlement.choices, widget=forms.RadioSelect
    )


class InvitationCodeForm(forms.Form):
    code = forms.CharField(
        label=_("Invitation code"),
        max_length=20,
        help_text=_("If an interviewer gave you a card with a code, type it here."),
    )


BY_LABELS = {
    "region": _("Region"),
    "sex": _("Sex"),
    "age_group": _("Age"),
    "education": _("Education"),
    "employment": _("Employment"),
    "settlement": _("City or village"),
}


class ResultsFilterForm(forms.Form):
    by = forms.ChoiceField(
        label=_("Break down by"),
        required=False,
        choices=[("", _("Nobody: the whole country"))] + list(BY_LABELS.items()),
    )
