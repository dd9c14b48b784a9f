from django.utils.decorators import method_decorator
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from ..pagecache import EVERYTHING, cache_public_page
from ..selectors import region_list, sphere_list
from .serializers import RegionSerializer, SphereSerializer

LANG_PARAMETER = OpenApiParameter(
    "lang", str, enum=["kk", "ru"], description="Language of translated fields (else Accept-Language)."
)


@method_decorator(cache_public_page(EVERYTHING, timeout=3600, shared=True), name="dispatch")
class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """The 20 top-level regions; `code` is the two-digit KATO prefix used by every filter."""

    serializer_class = RegionSerializer
    permission_classes = [AllowAny]
    lookup_field = "code"
    # The two-digit KATO prefix; anything else is not found.
    lookup_value_regex = r"[0-9]{2}"
    ordering_fields = ["code", "name_kk", "name_ru"]

    def get_queryset(self):
        return region_list()


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]), retrieve=extend_schema(parameters=[LANG_PARAMETER])
)
@method_decorator(cache_public_page(EVERYTHING, timeout=3600, shared=True), name="dispatch")
class SphereViewSet(viewsets.ReadOnlyModelViewSet):
    """The spheres of labour (the shared classifier); `slug` is what every filter takes."""

    serializer_class = SphereSerializer
    permission_classes = [AllowAny]
    lookup_field = "slug"
    filter_backends: list = []

    def get_queryset(self):
        return sphere_list()
