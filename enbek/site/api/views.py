from django.http import Http404
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.parsers import JSONParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from enbek.models import Profession
from enbek.pagecache import cache_public_page
from enbek.quiz import answer_errors
from enbek.selectors import (
    profession_catalogue,
    profession_catalogue_search,
    quiz_outcome,
    quiz_statements,
    quiz_types_of,
)
from enbek.services import quiz_completion_record

from ..selectors import profession_dynasties_count, profession_public_detail
from .serializers import (
    ProfessionDetailSerializer,
    ProfessionListParams,
    ProfessionListSerializer,
    QuizAnswersSerializer,
)

LANG_PARAMETER = OpenApiParameter(
    "lang", str, enum=["kk", "ru"], description="Language of translated fields (else Accept-Language)."
)
LIST_PARAMETERS = [
    LANG_PARAMETER,
    OpenApiParameter(
        "sphere",
        str,
        description="Sphere slug (GET /api/v1/spheres/); empty: every sphere.",
        extensions={"x-enbek-choices": "sphere"},
    ),
    # An empty value is the same as no value: what a form's «any» option sends.
    OpenApiParameter("interest", str, enum=["", *"RIASEC"], description="Holland interest type; empty: any."),
    OpenApiParameter(
        "audience",
        str,
        enum=["", "pupils", "students", "career_changers", "over_50"],
        description="Who it suits; empty: anyone.",
    ),
    OpenApiParameter("search", str, description="Code or name in Kazakh or Russian, Cyrillic or Latin."),
]


@method_decorator(cache_public_page("professions", timeout=300, shared=True), name="dispatch")
@extend_schema_view(
    list=extend_schema(parameters=LIST_PARAMETERS), retrieve=extend_schema(parameters=[LANG_PARAMETER])
)
class ProfessionViewSet(viewsets.ReadOnlyModelViewSet):
    """The active professions of the classifier, by sphere then code; `code` is e.g. 7212-01."""

    permission_classes = [AllowAny]
    lookup_field = "code"
    lookup_value_regex = r"\d{4}-\d{2}"
    filter_backends: list = []

    def get_queryset(self):
        return profession_catalogue()

    def list(self, request, *args, **kwargs):
        query = request.query_params
        params = ProfessionListParams(
            data={name: query.get(name, "") for name in ("sphere", "audience", "search")}
            | {"interest": query.get("interest", "").upper()}
        )
        params.is_valid(raise_exception=True)
        data = params.validated_data
        professions = profession_catalogue(
            sphere=data.get("sphere") or None,
            interest=data.get("interest") or None,
            audience=data.get("audience") or None,
        )
        # The search folds both languages and Latin spellings in Python over the loaded rows (see
        # enbek.selectors.profession_catalogue_search): the page is cut from that list.
        rows = profession_catalogue_search(professions, data.get("search") or "")
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(
            ProfessionListSerializer(page, many=True, context={"request": request}).data
        )

    def get_object(self) -> Profession:
        try:
            profession = profession_public_detail(code=self.kwargs[self.lookup_field])
        except Profession.DoesNotExist:
            raise Http404 from None
        profession.dynasties_count = profession_dynasties_count(profession)
        return profession

    def get_serializer_class(self):
        return ProfessionDetailSerializer if self.action == "retrieve" else ProfessionListSerializer


QUIZ_ITEMS = inline_serializer(
    "CareerQuiz",
    {
        "items": inline_serializer(
            "CareerQuizItem", {"id": serializers.IntegerField(), "text": serializers.CharField()}, many=True
        ),
        "scale": serializers.DictField(),
    },
)
QUIZ_RESULT = inline_serializer(
    "CareerQuizResult",
    {
        "profile": serializers.DictField(child=serializers.IntegerField()),
        "top_types": serializers.ListField(child=serializers.CharField()),
        "professions": serializers.ListField(child=serializers.DictField()),
    },
)


class CareerQuizView(APIView):
    """The interest quiz "Who could I become?": GET the statements, POST the answers for the result.

    Stateless: nothing of the answers is stored; a complete POST adds one to the day's count of
    completions (the indicators). The scoring is documented in enbek/quiz.py.
    """

    permission_classes = [AllowAny]
    # Anonymous and stateless: no session, so no CSRF token is asked of an app that posts answers.
    authentication_classes: list = []
    # The answers are an object keyed by statement: JSON only (a form field cannot carry it).
    parser_classes = [JSONParser]

    @extend_schema(parameters=[LANG_PARAMETER], responses=QUIZ_ITEMS)
    def get(self, request):
        items = [{"id": statement.pk, "text": statement.text} for statement in quiz_statements()]
        return Response(
            {
                "items": items,
                "scale": {
                    "min": 1,
                    "max": 5,
                    "labels": {1: _("Not at all"), 3: _("Not sure"), 5: _("Very much")},
                },
            }
        )

    @extend_schema(parameters=[LANG_PARAMETER], request=QuizAnswersSerializer, responses=QUIZ_RESULT)
    def post(self, request):
        body = QuizAnswersSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        given = {str(key): value for key, value in body.validated_data["answers"].items()}
        statements = list(quiz_statements())
        types_of = quiz_types_of(statements)
        reasons = answer_errors(given, types_of.keys())
        unknown = sorted(set(given) - set(types_of))
        if reasons or unknown:
            messages = {
                "missing": _("This statement is not answered."),
                "out_of_range": _("The answer must be a whole number from 1 to 5."),
            }
            errors = {key: [messages[reason]] for key, reason in reasons.items()}
            errors |= {key: [_("There is no such statement in the quiz.")] for key in unknown}
            raise ValidationError({"answers": errors})
        outcome = quiz_outcome({key: int(given[key]) for key in types_of}, types_of)
        quiz_completion_record()
        return Response(
            {
                "profile": outcome["profile"],
                "top_types": outcome["top_types"],
                "professions": [
                    {
                        **ProfessionListSerializer(profession, context={"request": request}).data,
                        "match": match,
                    }
                    for profession, match in outcome["professions"]
                ],
            }
        )
