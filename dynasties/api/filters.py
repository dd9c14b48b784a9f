from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from enbek.models import Region, Sphere

from ..enums import DynastyOrdering
from ..models import Dynasty
from ..selectors import dynasty_public_list

# The API speaks in field names (as DRF's OrderingFilter would); the selector in DynastyOrdering.
ORDERING = {
    "-published_at": DynastyOrdering.NEWEST,
    "-total_years": DynastyOrdering.YEARS,
    "-generations": DynastyOrdering.GENERATIONS,
}


class IntegerFilter(filters.NumberFilter):
    # NumberFilter takes decimals ("2.5"); a count of generations or years is a whole number.
    field_class = forms.IntegerField


class DynastyFilter(filters.FilterSet):
    """Validates the list parameters (a wrong value is a 400 naming the field) for the public list.

    The rows themselves come from dynasties.selectors.dynasty_public_list, the same selector as the
    HTML list, so that the API and the site never disagree on what is published or how it is ranked.
    """

    region = filters.ModelChoiceFilter(
        field_name="region",
        to_field_name="code",
        queryset=Region.objects.all(),
        label=_("Region (2-digit KATO code)"),
    )
    sphere = filters.ModelChoiceFilter(
        field_name="sphere", to_field_name="slug", queryset=Sphere.objects.all(), label=_("Sphere (slug)")
    )
    min_generations = IntegerFilter(
        field_name="generations",
        lookup_expr="gte",
        min_value=0,
        max_value=20,
        label=_("At least this many generations"),
    )
    min_years = IntegerFilter(
        field_name="total_years",
        lookup_expr="gte",
        min_value=0,
        max_value=10000,
        label=_("At least this many combined years of service"),
    )
    # Both are read by filter_queryset below rather than applied to a model field.
    search = filters.CharFilter(
        field_name="search",
        max_length=200,
        label=_("Words to find in family names, member names and stories (kk or ru)"),
    )
    ordering = filters.ChoiceFilter(
        field_name="ordering",
        choices=[
            ("-published_at", _("Newest first")),
            ("-total_years", _("Most years of service first")),
            ("-generations", _("Most generations first")),
        ],
        label=_("Order (default: newest, or best match when searching)"),
    )

    class Meta:
        model = Dynasty
        fields = ["region", "sphere", "min_generations", "min_years", "search", "ordering"]

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        ordering = data.get("ordering") or ""
        rows = dynasty_public_list(
            region=data["region"].code if data.get("region") else None,
            sphere=data["sphere"].slug if data.get("sphere") else None,
            min_generations=data.get("min_generations"),
            min_years=data.get("min_years"),
            search=data.get("search") or None,
            ordering=ORDERING.get(ordering, DynastyOrdering.NEWEST),
        )
        if ordering == "-published_at":
            # Asked for explicitly, newest wins over the relevance the selector uses when searching.
            rows = rows.order_by("-published_at", "-id")
        return rows
