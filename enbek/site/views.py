"""The composed pages: home, about, the profession explorer and the interest quiz.

Everything works without JavaScript. The quiz keeps nothing about an anonymous visitor: the answers
given so far travel in the quiz's own form (hidden fields), the result's address carries them (?r=),
and a finished quiz only adds one to the day's count.
"""

from itertools import groupby
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dynasties.selectors import dynasty_recent_published
from enbek.enums import Audience, EntryPath, HollandType
from enbek.models import Profession
from enbek.pagecache import cache_public_page, cached_value, lazy
from enbek.quiz import ANSWER_MAX, ANSWER_MIN
from enbek.selectors import (
    profession_catalogue,
    profession_catalogue_search,
    proverb_of_the_day,
    quiz_outcome,
    quiz_outcome_from_profile,
    quiz_result_of,
    quiz_statements,
    quiz_types_of,
    region_list,
)
from enbek.services import quiz_completion_record, quiz_result_delete, quiz_result_save
from events.selectors import event_upcoming_near

from .forms import ANSWER_CHOICES, ProfessionFilterForm, RegionForm
from .panels import profession_panels_render
from .selectors import home_figures, profession_page, profession_public_detail

QUIZ_PAGE_SIZE = 6

# A plain explanation of each type for the quiz's result, as one would say it to a pupil or an adult.
TYPE_EXPLANATIONS = {
    HollandType.REALISTIC: gettext_lazy(
        "You like practical work whose result you can see and touch: machines, tools, building, land and "
        "animals. Working trades, transport, agriculture and industry are full of such work."
    ),
    HollandType.INVESTIGATIVE: gettext_lazy(
        "You like to understand how things work: to observe, calculate, experiment and find the cause. "
        "Science, medicine, engineering and IT need such people."
    ),
    HollandType.ARTISTIC: gettext_lazy(
        "You like to create something new and express yourself: drawing, words, music, design, cooking. "
        "Look at creative trades, design, media and crafts."
    ),
    HollandType.SOCIAL: gettext_lazy(
        "You like to be with people: to teach, help, care for and advise them. Education, health care, "
        "social work and services need you."
    ),
    HollandType.ENTERPRISING: gettext_lazy(
        "You like to lead, organise and persuade, to take decisions and responsibility. Management, "
        "business, sales and public service suit you."
    ),
    HollandType.CONVENTIONAL: gettext_lazy(
        "You like order and accuracy: documents, numbers, plans and rules. Accounting, logistics, "
        "offices and quality control rely on such people."
    ),
}


def _language(request) -> str:
    return "ru" if (request.LANGUAGE_CODE or "kk")[:2] == "ru" else "kk"


# The proverb of the day turns at midnight and other sections' figures are not announced: one minute.
@cache_public_page("dynasties", "proverbs", "events", timeout=60)
def home(request):
    language = _language(request)
    # The same proverb all day: asked of the database once per day and language, not per visit.
    day = timezone.localdate()
    proverb = cached_value(
        "proverbs",
        f"of-the-day:{day.isoformat()}:{language}",
        lambda: proverb_of_the_day(day=day, language=language),
    )
    proverb_text, proverb_language = proverb.display(language) if proverb else ("", "")
    return render(
        request,
        "home.html",
        {
            "proverb": proverb,
            "proverb_text": proverb_text,
            "proverb_language": proverb_language,
            # Lazy: a signed-in visitor gets them from the page's public fragment (one per region).
            "figures": lazy(home_figures),
            "recent_dynasties": lazy(lambda: list(dynasty_recent_published(limit=6))),
            # Upcoming career-guidance events in the signed-in person's region (else anywhere).
            "upcoming_events": lazy(
                lambda: event_upcoming_near(region_id=getattr(request.user, "region_id", None))
            ),
        },
    )


def about(request):
    return render(request, "about.html")


# --- The profession explorer ------------------------------------------------------------------------
@cache_public_page("professions", "dynasties", "events", "contests", timeout=300)
@require_GET
def profession_list(request):
    """The classifier by sphere, with search (both languages, Cyrillic or Latin) and filters. Two queries
    (the spheres of the filter, the professions), however many professions there are."""
    form = ProfessionFilterForm(request.GET or None)

    def results() -> dict:
        filters = form.filters()
        professions = profession_catalogue(
            sphere=filters.get("sphere"), interest=filters.get("interest"), audience=filters.get("audience")
        )
        professions = profession_catalogue_search(professions, filters.get("q") or "")
        groups = [
            {"sphere": sphere, "professions": list(items)}
            for sphere, items in groupby(professions, key=lambda profession: profession.sphere)
        ]
        return {"groups": groups, "count": len(professions)}

    # Lazy: a signed-in visitor gets the catalogue from the page's public fragment, without its queries.
    return render(
        request,
        "site/profession_list.html",
        {"form": form, "results": lazy(results), "holland_types": HollandType},
    )


@cache_public_page("professions", "dynasties", "events", "contests", timeout=300)
@require_GET
def profession_detail(request, code: str):
    try:
        profession = profession_public_detail(code=code)
    except Profession.DoesNotExist:
        raise Http404 from None
    regions = list(region_list())
    region_form = RegionForm(request.GET or None, regions=regions)
    region = None
    if "region" in request.GET:
        # The visitor's own choice, "all regions" included, wins over the profile's region.
        chosen = region_form.cleaned_data["region"] if region_form.is_valid() else ""
        region = next((r for r in regions if r.code == chosen), None)
    elif request.user.is_authenticated and request.user.region_id:
        region = next((r for r in regions if r.pk == request.user.region_id), None)
        region_form = RegionForm(initial={"region": region.code if region else ""}, regions=regions)
    # Lazy: a signed-in visitor gets these from the page's public fragment (one per region), without
    # their queries and the panels' rendering.
    page = lazy(lambda: profession_page(profession, region=region))
    panels = lazy(
        lambda: profession_panels_render(
            request=request, profession=profession, region=region, language=_language(request)
        )
    )
    return render(
        request,
        "site/profession_detail.html",
        {
            "profession": profession,
            "region": region,
            "region_form": region_form,
            "paths": [EntryPath(path).label for path in profession.paths],
            "audiences": [Audience(audience).label for audience in profession.audiences],
            "types": [HollandType(letter) for letter in profession.interest_code],
            "panels": panels,
            "page": page,
        },
    )


# --- The interest quiz --------------------------------------------------------------------------------
def _answer_name(statement) -> str:
    return f"a{statement.pk}"


def _given_answers(data, statements) -> dict[str, int]:
    """The valid answers in a submitted form (anything else is as if not answered)."""
    allowed = {str(value) for value in range(ANSWER_MIN, ANSWER_MAX + 1)}
    return {
        str(statement.pk): int(data[_answer_name(statement)])
        for statement in statements
        if data.get(_answer_name(statement), "") in allowed
    }


def _result_code(answers: dict[str, int], statements) -> str:
    """The answers in the quiz's order, one digit each: what the result's address carries."""
    return "".join(str(answers[str(statement.pk)]) for statement in statements)


def _answers_from_code(code: str, statements) -> dict[str, int] | None:
    if len(code) != len(statements) or any(c not in "12345" for c in code):
        return None
    return {str(statement.pk): int(digit) for statement, digit in zip(statements, code, strict=True)}


@require_http_methods(["GET", "POST"])
def quiz(request):
    """One page of statements at a time; the answers of the other pages go along as hidden fields."""
    statements = list(quiz_statements())
    pages = [statements[i : i + QUIZ_PAGE_SIZE] for i in range(0, len(statements), QUIZ_PAGE_SIZE)]
    if not pages:
        raise Http404
    answers: dict[str, int] = {}
    missing: set[str] = set()
    step = 0
    if request.method == "POST":
        answers = _given_answers(request.POST, statements)
        try:
            step = min(max(int(request.POST.get("step", "0")), 0), len(pages) - 1)
        except ValueError:
            step = 0
        if request.POST.get("go") == "back":
            step = max(step - 1, 0)
        else:
            missing = {str(s.pk) for s in pages[step] if str(s.pk) not in answers}
            if not missing:
                gap = next(
                    (i for i, page in enumerate(pages) if any(str(s.pk) not in answers for s in page)), None
                )
                if gap is None:
                    quiz_completion_record()
                    url = (
                        reverse("professions:quiz_result")
                        + "?"
                        + urlencode({"r": _result_code(answers, statements)})
                    )
                    return redirect(url)
                step = gap
    current = {str(s.pk) for s in pages[step]}
    return render(
        request,
        "site/quiz.html",
        {
            "step": step,
            "step_number": step + 1,
            "steps": len(pages),
            "is_last": step == len(pages) - 1,
            "answered": len(answers),
            "total": len(statements),
            "items": [
                {
                    "statement": s,
                    "name": _answer_name(s),
                    "value": answers.get(str(s.pk)),
                    "missing": str(s.pk) in missing,
                }
                for s in pages[step]
            ],
            "carried": [
                {"name": _answer_name(s), "value": answers[str(s.pk)]}
                for s in statements
                if str(s.pk) in answers and str(s.pk) not in current
            ],
            "choices": ANSWER_CHOICES,
            "has_errors": bool(missing),
        },
    )


def _outcome_context(outcome: dict) -> dict:
    profile = outcome["profile"]
    return {
        "top": [
            {"type": HollandType(letter), "score": profile[letter], "explanation": TYPE_EXPLANATIONS[letter]}
            for letter in outcome["top_types"]
        ],
        "profile": [
            {"type": holland_type, "score": profile[holland_type.value]} for holland_type in HollandType
        ],
        "professions": [{"profession": p, "match": match} for p, match in outcome["professions"]],
    }


@require_GET
def quiz_result(request):
    statements = list(quiz_statements())
    code = request.GET.get("r", "")
    answers = _answers_from_code(code, statements)
    if answers is None:
        messages.warning(request, _("This result could not be read. Please take the quiz again."))
        return redirect("professions:quiz")
    outcome = quiz_outcome(answers, quiz_types_of(statements))
    return render(
        request,
        "site/quiz_result.html",
        {
            "code": code,
            "login_url": reverse("accounts:login") + "?" + urlencode({"next": request.get_full_path()}),
            "saved": quiz_result_of(request.user),
            **_outcome_context(outcome),
        },
    )


@login_required
@require_POST
def quiz_result_keep(request):
    statements = list(quiz_statements())
    answers = _answers_from_code(request.POST.get("r", ""), statements)
    if answers is None:
        messages.warning(request, _("This result could not be read. Please take the quiz again."))
        return redirect("professions:quiz")
    quiz_result_save(user=request.user, answers=answers, types_of=quiz_types_of(statements))
    messages.success(request, _("The result is saved to your profile."))
    return redirect("professions:quiz_mine")


@login_required
@require_http_methods(["GET", "POST"])
def quiz_mine(request):
    """The person's saved result; POST deletes it."""
    if request.method == "POST":
        if quiz_result_delete(user=request.user):
            messages.success(request, _("Your saved quiz result is deleted."))
        return redirect("professions:quiz_mine")
    saved = quiz_result_of(request.user)
    context = {"saved": saved}
    if saved is not None:
        context.update(_outcome_context(quiz_outcome_from_profile(saved.profile)))
    return render(request, "site/quiz_mine.html", context)
