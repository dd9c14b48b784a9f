from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status, viewsets
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from enbek.pagecache import cache_public_page

from ..models import Contest, Nomination
from ..selectors import applications_of, contest_detail, contest_list_with_nominations, results_entries
from ..services import DuplicateApplication, application_apply
from .serializers import (
    ApplicationCreateSerializer,
    ContestDetailSerializer,
    ContestListSerializer,
    MyApplicationSerializer,
    ResultSerializer,
)


@method_decorator(cache_public_page("contests", timeout=300, shared=True), name="dispatch")
class ContestViewSet(viewsets.ReadOnlyModelViewSet):
    """Published contests, open and past (drafts are 404)."""

    permission_classes = [AllowAny]
    filter_backends = []

    def get_queryset(self):
        return contest_list_with_nominations().prefetch_related("stages")

    def get_object(self):
        try:
            return contest_detail(pk=int(self.kwargs["pk"]))
        except (Contest.DoesNotExist, ValueError):
            raise Http404 from None

    def get_serializer_class(self):
        return ContestDetailSerializer if self.action == "retrieve" else ContestListSerializer


class ContestApplicationCreateView(APIView):
    """Apply: 201; 400 field errors (IIN reason, age, window, consent); 409 a second application."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        request=ApplicationCreateSerializer,
        responses={201: MyApplicationSerializer, 400: OpenApiTypes.OBJECT, 409: OpenApiTypes.OBJECT},
    )
    def post(self, request, pk: int):
        contest = get_object_or_404(Contest.objects.exclude(status="draft"), pk=pk)
        serializer = ApplicationCreateSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        nomination = Nomination.objects.filter(pk=data.pop("nomination"), contest=contest).first()
        if nomination is None:
            return Response({"nomination": [_("Choose a nomination of this contest.")]}, status=400)
        try:
            application = application_apply(
                contest=contest,
                user=request.user,
                iin=data.pop("iin"),
                consent=data.pop("consent"),
                nomination=nomination,
                **data,
            )
        except DuplicateApplication as duplicate:
            return Response(
                {"detail": str(duplicate.message), "code": "duplicate"}, status=status.HTTP_409_CONFLICT
            )
        application = applications_of(user=request.user).get(pk=application.pk)
        return Response(MyApplicationSerializer(application).data, status=status.HTTP_201_CREATED)


class MyApplicationListView(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = MyApplicationSerializer
    filter_backends = []

    def get_queryset(self):
        return applications_of(user=self.request.user)


@method_decorator(cache_public_page("contests", timeout=300, shared=True), name="dispatch")
class ContestResultsView(generics.ListAPIView):
    """The final ranking of a contest, public once the results are published (404 before)."""

    permission_classes = [AllowAny]
    serializer_class = ResultSerializer
    filter_backends = []

    def get_queryset(self):
        contest = get_object_or_404(Contest.objects.exclude(status="draft"), pk=self.kwargs["pk"])
        if not contest.results_published:
            raise Http404
        entries, _stage = results_entries(contest=contest)
        return entries
