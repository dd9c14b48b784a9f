from django.db.models import QuerySet
from django.http import Http404
from django.utils.decorators import method_decorator
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from enbek.pagecache import cache_public_page

from ..models import Dynasty
from ..selectors import dynasty_public_detail, dynasty_published
from ..services import PAGE_GROUP
from .filters import DynastyFilter
from .serializers import DynastyDetailSerializer, DynastyListSerializer

LANG_PARAMETER = OpenApiParameter(
    "lang", str, enum=["kk", "ru"], description="Language of translated fields (else Accept-Language)."
)


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER]), retrieve=extend_schema(parameters=[LANG_PARAMETER])
)
@method_decorator(cache_public_page(PAGE_GROUP, timeout=300), name="dispatch")
class DynastyViewSet(viewsets.ReadOnlyModelViewSet):
    """Published labour dynasties only; drafts, submitted and returned ones are 404."""

    permission_classes = [AllowAny]
    lookup_field = "slug"
    # Slugs are ASCII letters, digits, hyphens and underscores; anything else is not found (404).
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    filter_backends = [DjangoFilterBackend]
    filterset_class = DynastyFilter

    def get_queryset(self) -> QuerySet[Dynasty]:
        return dynasty_published()

    def filter_queryset(self, queryset):
        # The list parameters mean nothing to one dynasty: ?region=zz on a detail URL is not a 400.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def get_object(self) -> Dynasty:
        try:
            return dynasty_public_detail(slug=self.kwargs[self.lookup_field])
        except Dynasty.DoesNotExist:
            raise Http404 from None

    def get_serializer_class(self):
        return DynastyDetailSerializer if self.action == "retrieve" else DynastyListSerializer
