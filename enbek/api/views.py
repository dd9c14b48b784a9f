from rest_framework import viewsets
from rest_framework.permissions import AllowAny

from ..selectors import region_list
from .serializers import RegionSerializer


class RegionViewSet(viewsets.ReadOnlyModelViewSet):
    """The 20 top-level regions; `code` is the two-digit KATO prefix used by every filter."""

    serializer_class = RegionSerializer
    permission_classes = [AllowAny]
    lookup_field = "code"
    ordering_fields = ["code", "name_kk", "name_ru"]

    def get_queryset(self):
        return region_list()
