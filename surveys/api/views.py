"""The survey's API: the open wave's structure, anonymous responses, aggregated results (never microdata)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .. import selectors, services, tokens, weighting
from ..enums import SurveyStatus
from ..models import Survey
from .serializers import ResponseInputSerializer, SurveySerializer


class SurveyCurrentView(APIView):
    """The wave open today, its sections and questions in the request's language."""

    permission_classes = [AllowAny]

    @extend_schema(responses={200: SurveySerializer, 404: OpenApiResponse(description="No wave is open")})
    def get(self, request):
        survey = selectors.survey_current()
        if survey is None:
            raise Http404
        structure = services.Structure.load(survey)
        return Response(SurveySerializer(survey, context={"sections": structure.sections}).data)


class ResponseCreateView(APIView):
    """Submit one anonymous response. The participation token is the invitation code, the client's
    token, or the signed cookie (set here when missing); only its keyed hash is stored."""

    permission_classes = [AllowAny]

    @extend_schema(
        request=ResponseInputSerializer,
        responses={
            201: OpenApiResponse(description="Recorded"),
            400: OpenApiResponse(
                description='Per-question errors {"errors": {code: [...]}} or the wave is closed'
            ),
            409: OpenApiResponse(description="This token has answered this wave already"),
        },
    )
    def post(self, request, pk: int):
        survey = get_object_or_404(Survey.objects.exclude(status=SurveyStatus.DRAFT), pk=pk)
        data = ResponseInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        new_cookie = None
        if values.get("invitation_code"):
            try:
                token = services.invitation_code_check(survey=survey, code=values["invitation_code"])
            except services.ValidationError as error:
                code = status.HTTP_409_CONFLICT if error.code == "used" else status.HTTP_400_BAD_REQUEST
                return Response({"errors": {"invitation_code": error.messages}}, status=code)
        elif values.get("token"):
            token = values["token"]
        else:
            token = request.get_signed_cookie(tokens.COOKIE_NAME, default=None, salt=tokens.COOKIE_SALT)
            if not token:
                token = new_cookie = tokens.new_token()
        try:
            services.response_submit(
                survey=survey, token=token, answers=values["answers"], demographics=values["demographics"]
            )
        except services.SurveyClosed:
            return Response(
                {"detail": _("This survey is not accepting answers now."), "code": "closed"},
                status=status.HTTP_400_BAD_REQUEST,
            )
        except services.AnswersInvalid as invalid:
            return Response({"errors": invalid.errors}, status=status.HTTP_400_BAD_REQUEST)
        except services.AlreadyAnswered:
            return Response(
                {
                    "detail": _(
                        "You have already taken part in this year's survey. Thank you! Each person answers once."  # noqa: E501
                    )
                },
                status=status.HTTP_409_CONFLICT,
            )
        response = Response(
            {"detail": _("Thank you! Your answers have been recorded.")}, status=status.HTTP_201_CREATED
        )
        if new_cookie:
            response.set_signed_cookie(
                tokens.COOKIE_NAME,
                new_cookie,
                salt=tokens.COOKIE_SALT,
                httponly=True,
                samesite="Lax",
                max_age=400 * 86400,
            )
        return response


class ResultsView(APIView):
    """Weighted shares with 95% margins per question, overall and by region, sex or age group.

    Public once the results are published; before that for ministry analysts. Counts below 10 are
    null with "suppressed": true.
    """

    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[OpenApiParameter("by", str, enum=["region", "sex", "age_group"])],
        responses={200: OpenApiTypes.OBJECT, 400: OpenApiTypes.OBJECT, 404: OpenApiTypes.OBJECT},
    )
    def get(self, request, pk: int):
        survey = get_object_or_404(Survey.objects.exclude(status=SurveyStatus.DRAFT), pk=pk)
        if not selectors.can_see_results(request.user, survey):
            if not request.user.is_authenticated:
                raise Http404
            raise PermissionDenied
        by = request.query_params.get("by") or None
        if by not in (None, "region", "sex", "age_group"):
            return Response(
                {"by": [_("Choose region, sex or age_group.")]}, status=status.HTTP_400_BAD_REQUEST
            )
        weights = selectors.survey_weights(survey)
        tables = selectors.question_tables(survey, by=by, weights=weights)
        index = selectors.labour_values_index(survey, weights=weights)
        return Response(
            {
                "survey": {"id": survey.pk, "year": survey.year, "title": survey.title},
                "respondents": weights.respondents,
                "weighted": weights.weighted,
                "demo_population": weights.demo_population,
                "weight_trim": [weighting.TRIM_LOW, weighting.TRIM_HIGH],
                "suppress_below": weighting.SUPPRESS_BELOW,
                "by": by,
                "labour_values_index": index["republic"],
                "tables": [t.as_dict() for t in tables if t.question.kind != "text"],
            }
        )
