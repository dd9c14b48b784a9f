from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import filters, viewsets
from rest_framework.permissions import AllowAny

from ..enums import DynastyStatus
from ..models import Dynasty
from ..selectors import dynasty_detail_queryset, dynasty_published, dynasty_search, sphere_list
from .filters import DynastyFilter
from .serializers import DynastyDetailSerializer, DynastyListSerializer, SphereSerializer


class SphereViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = SphereSerializer
    permission_classes = [AllowAny]
    lookup_field = "slug"
    filter_backends: list = []

    def get_queryset(self):
        return sphere_list()


class DynastySearchFilter(filters.BaseFilterBackend):
    """?search=text: full-text over family names, member names and stories in both languages."""

    def filter_queryset(self, request, queryset, view):
        return dynasty_search(queryset, request.query_params.get("search", ""))

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "search",
                "required": False,
                "in": "query",
                "description": "Words to find in family names, member names and stories (kk or ru).",
                "schema": {"type": "string"},
            }
        ]


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("lang", str, enum=["kk", "ru"], description="Language of translated fields."),
        ]
    )
)
class DynastyViewSet(viewsets.ReadOnlyModelViewSet):
    """Published labour dynasties only; drafts, submitted and returned ones are 404."""

    permission_classes = [AllowAny]
    lookup_field = "slug"
    filter_backends = [DjangoFilterBackend, DynastySearchFilter, filters.OrderingFilter]
    filterset_class = DynastyFilter
    ordering_fields = ["published_at", "total_years", "generations", "members_count"]
    ordering = ["-published_at", "-id"]

    def get_queryset(self) -> QuerySet[Dynasty]:
        if self.action == "retrieve":
            return dynasty_detail_queryset().filter(status=DynastyStatus.PUBLISHED)
        return dynasty_published().select_related("sphere", "region", "cover")

    def get_serializer_class(self):
        return DynastyDetailSerializer if self.action == "retrieve" else DynastyListSerializer
