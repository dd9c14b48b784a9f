from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from enbek.models import Region

from ..models import Dynasty, Sphere


class DynastyFilter(filters.FilterSet):
    region = filters.ModelChoiceFilter(
        field_name="region",
        to_field_name="code",
        queryset=Region.objects.all(),
        label=_("Region (2-digit KATO code)"),
    )
    sphere = filters.ModelChoiceFilter(
        field_name="sphere", to_field_name="slug", queryset=Sphere.objects.all(), label=_("Sphere (slug)")
    )
    min_generations = filters.NumberFilter(field_name="generations", lookup_expr="gte", min_value=0, max_value=20)
    min_years = filters.NumberFilter(field_name="total_years", lookup_expr="gte", min_value=0, max_value=10000)

    class Meta:
        model = Dynasty
        fields = ["region", "sphere", "min_generations", "min_years"]
