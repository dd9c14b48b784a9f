from django.core.files.storage import default_storage
from django.http import Http404, HttpResponse
from django.utils.decorators import method_decorator
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import viewsets
from rest_framework.permissions import AllowAny
from rest_framework.renderers import BaseRenderer, JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from enbek.models import Proverb
from enbek.pagecache import cache_public_page

from .. import rendering, services
from ..enums import BannerFormat
from ..selectors import proverb_active, proverb_library
from .serializers import BannerQuerySerializer, ProverbSerializer

LANG_PARAMETER = OpenApiParameter(
    "lang", str, enum=["kk", "ru"], description="Language of `text` (else Accept-Language)."
)
THEME_PARAMETER = OpenApiParameter("theme", str, description="Only the proverbs of this theme (its slug).")


@extend_schema_view(
    list=extend_schema(parameters=[LANG_PARAMETER, THEME_PARAMETER]),
    retrieve=extend_schema(parameters=[LANG_PARAMETER]),
)
@method_decorator(cache_public_page("proverbs", timeout=300, shared=True), name="dispatch")
class ProverbViewSet(viewsets.ReadOnlyModelViewSet):
    """Active proverbs about labour, in Kazakh and Russian."""

    serializer_class = ProverbSerializer
    permission_classes = [AllowAny]
    filter_backends: list = []

    def get_queryset(self):
        theme = self.request.query_params.get("theme") if self.action == "list" else None
        return proverb_library(theme=theme or None)


class PNGRenderer(BaseRenderer):
    media_type = "image/png"
    format = "png"
    charset = None
    render_style = "binary"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return data


SIZES_DOC = "; ".join(f"{key}: {size.width}×{size.height} px" for key, size in rendering.SIZES.items())


class ProverbBannerView(APIView):
    """A proverb's banner as a PNG of exactly the documented size; its QR code is the banner's short link."""

    permission_classes = [AllowAny]
    renderer_classes = [PNGRenderer, JSONRenderer]
    # ?lang= is the banner's language here (kk, ru or both), validated by BannerQuerySerializer.
    own_lang_parameter = True

    @extend_schema(
        parameters=[BannerQuerySerializer],
        description=f"Sizes: {SIZES_DOC}. Unknown size, language or design: 400 naming the field.",
        responses={
            (200, "image/png"): OpenApiTypes.BINARY,
            400: OpenApiResponse(description='Field errors, e.g. {"size": ["…"]}'),
            404: OpenApiResponse(description="No such active proverb"),
        },
    )
    def get(self, request, pk: int):
        query = BannerQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        try:
            proverb = proverb_active(pk=pk)
        except Proverb.DoesNotExist:
            raise Http404 from None
        data = query.validated_data
        banner = services.banner_get_or_create(proverb=proverb, design=data["design"], language=data["lang"])
        name = services.banner_file(banner=banner, size=data["size"], fmt=BannerFormat.PNG)
        with default_storage.open(name, "rb") as handle:
            content = handle.read()
        response = HttpResponse(content, content_type="image/png")
        filename = services.banner_download_name(banner=banner, size=data["size"], fmt=BannerFormat.PNG)
        response["Content-Disposition"] = f'inline; filename="{filename}"'
        response["Cache-Control"] = "public, max-age=86400"
        return response

    def finalize_response(self, request, response, *args, **kwargs):
        # Errors are JSON whatever the client accepts: a PNG renderer cannot write field errors.
        if isinstance(response, Response):
            request.accepted_renderer = JSONRenderer()
            request.accepted_media_type = JSONRenderer.media_type
        return super().finalize_response(request, response, *args, **kwargs)
