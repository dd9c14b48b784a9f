"""Forms of the composed pages: the explorer's filters, the visitor's region and the interest quiz."""

from django import forms
from django.utils.translation import gettext_lazy as _

from enbek.enums import Audience, HollandType
from enbek.selectors import region_list, sphere_list


def _sphere_choices() -> list:
    return [("", _("All spheres"))] + [(s.slug, s.name) for s in sphere_list()]


class ProfessionFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=100,
        help_text=_("A name in Kazakh or Russian, in Cyrillic or Latin letters, or a code."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    sphere = forms.ChoiceField(label=_("Sphere of labour"), required=False)
    interest = forms.ChoiceField(
        label=_("Interest type"), required=False, choices=[("", _("Any"))] + list(HollandType.choices)
    )
    audience = forms.ChoiceField(
        label=_("Who it suits"), required=False, choices=[("", _("Anyone"))] + list(Audience.choices)
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A callable: read when the select is rendered or validated, not when the form is built (a page
        # served from its public fragment never needs it).
        self.fields["sphere"].choices = _sphere_choices

    def filters(self) -> dict:
        """The valid filters (an invalid one is dropped and shown with its error)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {name: data.get(name) or None for name in ("q", "sphere", "interest", "audience")}


class RegionForm(forms.Form):
    """Where a visitor who is not signed in wants to learn (?region=<KATO code>)."""

    region = forms.ChoiceField(label=_("Your region"), required=False)

    def __init__(self, *args, regions=None, **kwargs):
        super().__init__(*args, **kwargs)
        regions = regions if regions is not None else list(region_list())
        self.fields["region"].choices = [("", _("All regions"))] + [(r.code, r.name) for r in regions]


# The 1–5 scale of the quiz (enbek.quiz.ANSWER_MIN..ANSWER_MAX), as a person would say it.
ANSWER_CHOICES = [
    (1, _("Not at all")),
    (2, _("Rather not")),
    (3, _("Not sure")),
    (4, _("Rather yes")),
    (5, _("Very much")),
]
