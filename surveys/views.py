"""Pages of the values survey: taking it (anonymous, one section per page, no JavaScript needed),
results for ministry analysts, a public summary once published, exports and printable invitation codes.

The anonymous participation token is a random value in a signed cookie (or an invitation code's);
the draft and the participation are stored under its keyed hash only.
"""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from . import charts, exports, selectors, services, tokens
from .forms import BY_LABELS, DemographicsForm, InvitationCodeForm, ResultsFilterForm
from .models import InvitationBatch, Survey

COOKIE_MAX_AGE = 400 * 24 * 3600


def _token(request) -> str | None:
    return request.get_signed_cookie(tokens.COOKIE_NAME, default=None, salt=tokens.COOKIE_SALT)


def _set_token(response, token: str) -> None:
    response.set_signed_cookie(
        tokens.COOKIE_NAME,
        token,
        salt=tokens.COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def _open_survey(year: int) -> Survey:
    survey = get_object_or_404(Survey, year=year)
    return survey


def index(request):
    current = selectors.survey_current()
    published = list(selectors.survey_published_list())
    full = selectors.can_see_full_results(request.user)
    waves = list(selectors.survey_with_results_list()) if full else []
    return render(request, "surveys/index.html", {"current": current, "published": published, "waves": waves})


@never_cache
@require_http_methods(["GET", "POST"])
def start(request, year: int):
    """The wave's introduction, the optional invitation code, and the start button."""
    survey = _open_survey(year)
    if not survey.is_open_on(timezone.localdate()):
        return render(request, "surveys/closed.html", {"survey": survey}, status=200)
    token = _token(request)
    code_form = InvitationCodeForm(request.POST or None)
    if request.method == "POST" and code_form.is_valid():
        try:
            token = services.invitation_code_check(survey=survey, code=code_form.cleaned_data["code"])
        except ValidationError as error:
            code_form.add_error("code", error)
        else:
            response = redirect("surveys:page", year=year, page=1)
            _set_token(response, token)
            return response
    answered = bool(token) and services.has_answered(survey=survey, token=token)
    draft = services.draft_get(survey=survey, token=token) if token and not answered else None
    response = render(
        request,
        "surveys/start.html",
        {"survey": survey, "code_form": code_form, "answered": answered, "draft": draft},
    )
    if not token:
        _set_token(response, tokens.new_token())
    return response


def _pages(structure: services.Structure) -> int:
    return len(structure.sections) + 1  # the sections, then "about you"


def _raw_answers(request, questions) -> dict:
    raw = {}
    for question in questions:
        if question.kind == "multiple":
            values = request.POST.getlist(question.code)
            raw[question.code] = values
        else:
            raw[question.code] = request.POST.get(question.code, "").strip()
    return raw


def _visible(structure, questions, answers) -> list:
    return [q for q in questions if services.question_visible(q, answers, structure)]


@never_cache
@require_http_methods(["GET", "POST"])
def page(request, year: int, page: int):
    """One section per page (then the demographic block), kept in the server-side draft on every step."""
    survey = _open_survey(year)
    today = timezone.localdate()
    if not survey.is_open_on(today):
        return render(request, "surveys/closed.html", {"survey": survey})
    token = _token(request)
    if not token:
        return redirect("surveys:start", year=year)
    if services.has_answered(survey=survey, token=token):
        return render(request, "surveys/already.html", {"survey": survey})
    structure = services.Structure.load(survey)
    total = _pages(structure)
    if not 1 <= page <= total:
        raise Http404
    draft = services.draft_get(survey=survey, token=token)
    data = dict(draft.data) if draft else {}
    answers = dict(data.get("answers", {}))
    people = dict(data.get("people", {}))
    errors: dict = {}
    notice = False
    is_last = page == total
    section = None if is_last else structure.sections[page - 1]
    form = DemographicsForm(request.POST or None, initial=people) if is_last else None

    if request.method == "POST":
        if is_last:
            people = {k: request.POST.get(k, "") for k in DemographicsForm.base_fields}
            services.draft_save(
                survey=survey, token=token, data={"answers": answers, "people": people}, page=page
            )
            if form.is_valid():
                demographics = {**form.cleaned_data, "region": form.cleaned_data["region"]}
                try:
                    services.response_submit(
                        survey=survey,
                        token=token,
                        answers=services.answers_without_hidden(structure=structure, answers=answers),
                        demographics=demographics,
                        today=today,
                    )
                except services.AlreadyAnswered:
                    return render(request, "surveys/already.html", {"survey": survey})
                except services.AnswersInvalid as invalid:
                    # An earlier page's answer is missing (a draft from another tab): go back to it.
                    first = next(
                        (
                            i + 1
                            for i, s in enumerate(structure.sections)
                            for q in s.question_list
                            if q.code in invalid.errors
                        ),
                        None,
                    )
                    if first:
                        return redirect("surveys:page", year=year, page=first)
                    for field, messages in invalid.errors.items():
                        if field in form.fields:
                            for message in messages:
                                form.add_error(field, message)
                else:
                    return redirect("surveys:thanks", year=year)
        else:
            shown = set(request.POST.getlist("_shown"))
            answers.update(_raw_answers(request, section.question_list))
            answers = services.answers_without_hidden(structure=structure, answers=answers)
            services.draft_save(
                survey=survey, token=token, data={"answers": answers, "people": people}, page=page
            )
            visible = _visible(structure, section.question_list, answers)
            if {q.code for q in visible} - shown:
                notice = True  # a follow-up question appeared: show it before checking the page
            else:
                try:
                    services.answers_validate(structure=structure, answers=answers, questions=visible)
                except services.AnswersInvalid as invalid:
                    errors = invalid.errors
                else:
                    if "back" in request.POST and page > 1:
                        return redirect("surveys:page", year=year, page=page - 1)
                    return redirect("surveys:page", year=year, page=page + 1)
    if "back" in request.POST and page > 1 and not errors:
        return redirect("surveys:page", year=year, page=page - 1)
    questions = []
    if section is not None:
        for question in _visible(structure, section.question_list, answers):
            value = answers.get(question.code)
            questions.append(
                {
                    "q": question,
                    "value": value if not isinstance(value, list) else None,
                    "values": value if isinstance(value, list) else [],
                    "errors": errors.get(question.code, []),
                    "numbers": range(*_number_range(question)),
                }
            )
    return render(
        request,
        "surveys/page.html",
        {
            "survey": survey,
            "section": section,
            "questions": questions,
            "form": form,
            "page": page,
            "total": total,
            "percent": round(100 * (page - 1) / total),
            "notice": notice,
            "has_errors": bool(errors) or (form is not None and form.errors),
        },
        status=400 if errors or (form is not None and form.errors) else 200,
    )


def _number_range(question) -> tuple[int, int]:
    from .enums import NUMBER_RANGE

    low, high = NUMBER_RANGE.get(question.kind, (0, -1))
    return low, high + 1


def thanks(request, year: int):
    survey = get_object_or_404(Survey, year=year)
    return render(request, "surveys/thanks.html", {"survey": survey})


def _results_survey(request, year: int) -> tuple[Survey, bool]:
    survey = get_object_or_404(Survey.objects.exclude(status="draft"), year=year)
    if not selectors.can_see_results(request.user, survey):
        if not request.user.is_authenticated:
            raise Http404  # no hint that unpublished results exist
        raise PermissionDenied
    return survey, selectors.can_see_full_results(request.user)


def results(request, year: int):
    """Analysts: every table with counts, breakdowns, the index by region and trends; others: the summary."""
    survey, full = _results_survey(request, year)
    filters = ResultsFilterForm(request.GET or None)
    by = filters.cleaned_data.get("by") or None if full and filters.is_valid() else None
    weights = selectors.survey_weights(survey)
    tables = selectors.question_tables(survey, by=by, weights=weights)
    index = selectors.labour_values_index(survey, weights=weights)
    region_names = selectors.group_labels("region")
    trends = {}
    if full:
        for code, trend in selectors.questions_year_over_year(
            codes=[t.question.code for t in tables]
        ).items():
            trends[code] = charts.line_chart(trend)
    items = [
        {"table": t, "chart": charts.bar_chart(t), "trend": trends.get(t.question.code, "")} for t in tables
    ]
    return render(
        request,
        "surveys/results.html",
        {
            "survey": survey,
            "full": full,
            "items": items,
            "weights": weights,
            "filters": filters,
            "by": by,
            "by_label": BY_LABELS.get(by or "", ""),
            "index": index,
            "index_regions": sorted(
                ((region_names.get(str(k), k), v) for k, v in index["regions"].items()),
                key=lambda p: str(p[0]),
            ),
            "trim": (selectors.weighting.TRIM_LOW, selectors.weighting.TRIM_HIGH),
        },
    )


@login_required
def export(request, year: int, kind: str):
    survey, full = _results_survey(request, year)
    if not full:
        raise PermissionDenied
    name = f"survey-{survey.year}"
    if kind == "microdata.csv":
        rows = exports.microdata_rows(survey)
    elif kind == "codebook.csv":
        rows = exports.codebook_rows(survey)
    elif kind in ("tables.csv", "tables.xlsx"):
        by = request.GET.get("by") or None
        if by not in (None, *selectors.BY_CHOICES):
            raise Http404
        tables = selectors.question_tables(survey, by=by)
        if kind == "tables.xlsx":
            content = exports.tables_xlsx(tables)
            response = HttpResponse(
                content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            )
            response["Content-Disposition"] = f'attachment; filename="{name}-tables.xlsx"'
            return response
        rows = exports.table_rows(tables)
    else:
        raise Http404
    response = StreamingHttpResponse(exports.csv_stream(rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{name}-{kind}"'
    return response


@login_required
def invitation_print(request, pk: int):
    if not request.user.has_perm("surveys.view_invitationbatch"):
        raise PermissionDenied
    batch = get_object_or_404(InvitationBatch.objects.select_related("survey", "region"), pk=pk)
    codes = list(batch.codes.values_list("code", flat=True))
    start_url = request.build_absolute_uri(reverse("surveys:start", args=[batch.survey.year]))
    return render(
        request, "surveys/invitations_print.html", {"batch": batch, "codes": codes, "start_url": start_url}
    )
