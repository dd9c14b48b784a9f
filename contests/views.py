"""Pages of the «Я-профи» contest. Thin: check the request, call a selector or a service, render."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from enbek.pagecache import cache_public_page, lazy

from .enums import ApplicationStatus, PortfolioKind
from .forms import (
    PersonalStepForm,
    PortfolioForm,
    ScoreSheetForm,
    ScreeningForm,
    SubmitStepForm,
    WorkStepForm,
    apply_service_errors,
)
from .models import Application, Contest, PortfolioFile, ScoreSheet, Stage
from .selectors import (
    application_of_owner,
    applications_of,
    contest_detail,
    contest_list_with_nominations,
    contest_open_list,
    jury_sheet,
    jury_sheets,
    other_sheets,
    portfolio_for_jury,
    results_entries,
    score_overview,
    screening_queue,
    winners_gallery,
)
from .services import (
    DuplicateApplication,
    application_save_draft,
    application_screen,
    application_start,
    application_submit,
    can_manage_contests,
    can_view_all_contest_data,
    contest_window_is_open,
    criteria_for,
    jury_assign_automatically,
    portfolio_add,
    portfolio_remove,
    results_publish,
    score_sheet_submit,
    stage_advance,
)

STEPS = [
    (1, "personal"),
    (2, "work"),
    (3, "portfolio"),
    (4, "submit"),
]


def _steps(application: Application, current: int) -> list[dict]:
    labels = {1: _("About you"), 2: _("Your work"), 3: _("Portfolio"), 4: _("Consent and submit")}
    return [
        {
            "number": n,
            "label": labels[n],
            "current": n == current,
            "done": n < application.step or n < current,
        }
        for n, _key in STEPS
    ]


# --- Public ----------------------------------------------------------------------------------------
@cache_public_page("contests", timeout=300)
def index(request):
    contests = list(contest_list_with_nominations()[:30])
    open_ids = set(contest_open_list().values_list("pk", flat=True))
    return render(
        request,
        "contests/index.html",
        {
            "open_contests": [c for c in contests if c.pk in open_ids],
            "past_contests": [c for c in contests if c.pk not in open_ids],
            "winners": list(winners_gallery(limit=4)),
        },
    )


def _public_contest(pk: int) -> Contest:
    try:
        return contest_detail(pk=pk)
    except Contest.DoesNotExist:
        raise Http404 from None


@cache_public_page("contests", timeout=300)
def detail(request, pk: int):
    contest = _public_contest(pk)
    mine = None
    if request.user.is_authenticated:
        mine = Application.objects.filter(contest=contest, user=request.user).first()
    return render(
        request,
        "contests/detail.html",
        {"contest": contest, "is_open": contest_window_is_open(contest), "mine": mine},
    )


@cache_public_page("contests", timeout=300)
def results(request, pk: int):
    contest = _public_contest(pk)
    if not contest.results_published:
        raise Http404
    stages = list(contest.stages.all())
    stage = None
    stage_id = request.GET.get("stage")
    if stage_id and stage_id.isdigit():
        stage = next((s for s in stages if s.pk == int(stage_id)), None)
    nomination_id = request.GET.get("nomination")
    nomination_id = int(nomination_id) if nomination_id and nomination_id.isdigit() else None
    entries, stage = results_entries(contest=contest, stage=stage, nomination_id=nomination_id)
    page = Paginator(entries, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "contests/results.html",
        {"contest": contest, "stages": stages, "stage": stage, "page": page, "nomination_id": nomination_id},
    )


@cache_public_page("contests", timeout=300)
def winners(request):
    page = lazy(lambda: Paginator(winners_gallery(), 24).get_page(request.GET.get("page")))
    return render(request, "contests/winners.html", {"page": page})


# --- The contestant --------------------------------------------------------------------------------
@login_required
@require_POST
def apply(request, pk: int):
    contest = _public_contest(pk)
    try:
        application = application_start(contest=contest, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("contests:detail", pk=contest.pk)
    if application.status != ApplicationStatus.DRAFT:
        return redirect("contests:application", pk=application.pk)
    return redirect("contests:step", pk=application.pk, step=application.step if application.step < 4 else 1)


def _own_draft(request, pk: int) -> Application:
    try:
        return application_of_owner(user=request.user, pk=pk)
    except Application.DoesNotExist:
        raise Http404 from None


def _next_step(request, step: int) -> int:
    goto = request.POST.get("goto")
    if goto and goto.isdigit() and 1 <= int(goto) <= 4:
        return int(goto)
    return min(step + 1, 4)


@login_required
def step(request, pk: int, step: int):
    """One step of the application; every POST saves the draft, errors keep what was typed."""
    application = _own_draft(request, pk)
    if application.status != ApplicationStatus.DRAFT:
        return redirect("contests:application", pk=application.pk)
    if step not in (1, 2, 3, 4):
        raise Http404
    context = {
        "application": application,
        "contest": application.contest,
        "steps": _steps(application, step),
        "step": step,
    }
    if step == 1:
        return _personal_step(request, application, context)
    if step == 2:
        return _work_step(request, application, context)
    if step == 3:
        return _portfolio_step(request, application, context)
    return _submit_step(request, application, context)


def _save(request, application, form, fields: dict, step_number: int, iin: str = ""):
    try:
        application_save_draft(
            application=application, user=request.user, iin=iin, step=step_number + 1, **fields
        )
    except ValidationError as error:
        apply_service_errors(form, error)
        return False
    return True


def _personal_step(request, application, context):
    initial = {
        "full_name": application.full_name,
        "phone": application.phone,
        "region": application.region_id,
        "nomination": application.nomination_id,
    }
    form = PersonalStepForm(request.POST or None, initial=initial, application=application)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {k: data[k] for k in ("full_name", "phone", "region", "nomination")}
        if _save(request, application, form, fields, 1, iin=data["iin"]):
            return redirect("contests:step", pk=application.pk, step=_next_step(request, 1))
    return render(request, "contests/apply/personal.html", {**context, "form": form})


def _work_step(request, application, context):
    initial = {
        "organization": application.organization_id,
        "employer_name": application.employer_name,
        "experience_years": application.experience_years,
        "education": application.education,
        "story": application.story,
        "story_language": application.story_language,
    }
    form = WorkStepForm(request.POST or None, initial=initial, application=application)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        if _save(request, application, form, fields, 2):
            return redirect("contests:step", pk=application.pk, step=_next_step(request, 2))
    return render(request, "contests/apply/work.html", {**context, "form": form})


def _portfolio_step(request, application, context):
    form = PortfolioForm(
        request.POST or None,
        request.FILES or None,
        initial={"photo_in_gallery": application.photo_in_gallery},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = _save(request, application, form, {"photo_in_gallery": data["photo_in_gallery"]}, 3)
        upload = data.get("file")
        if saved and upload:
            try:
                portfolio_add(
                    application=application,
                    user=request.user,
                    upload=upload,
                    title=data["title"],
                    is_portrait=data["is_portrait"],
                )
            except ValidationError as error:
                form.add_error("file", error.messages)
                saved = False
            else:
                messages.success(request, _("The file is added."))
                return redirect("contests:step", pk=application.pk, step=3)
        if saved:
            return redirect("contests:step", pk=application.pk, step=_next_step(request, 3))
    files = list(application.files.all())
    return render(
        request,
        "contests/apply/portfolio.html",
        {**context, "form": form, "files": files, "pdf": PortfolioKind.PDF},
    )


def _submit_step(request, application, context):
    form = SubmitStepForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application_submit(
                application=application, user=request.user, consent=form.cleaned_data["consent"]
            )
        except DuplicateApplication as duplicate:
            form.add_error(None, duplicate.message)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(
                request, _("Your application is submitted. The coordinator of your region will screen it.")
            )
            return redirect("contests:application", pk=application.pk)
    return render(request, "contests/apply/submit.html", {**context, "form": form})


@login_required
@require_POST
def file_remove(request, pk: int, file_pk: int):
    application = _own_draft(request, pk)
    item = get_object_or_404(PortfolioFile, pk=file_pk, application=application)
    try:
        portfolio_remove(item=item, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("contests:step", pk=application.pk, step=3)


@login_required
def mine(request):
    return render(request, "contests/mine.html", {"applications": list(applications_of(user=request.user))})


@login_required
def application(request, pk: int):
    application = _own_draft(request, pk)
    return render(
        request, "contests/application.html", {"application": application, "contest": application.contest}
    )


# --- Jury ------------------------------------------------------------------------------------------
@login_required
def jury(request):
    page = Paginator(jury_sheets(juror=request.user), 50).get_page(request.GET.get("page"))
    return render(request, "contests/jury/list.html", {"page": page})


@login_required
def jury_sheet_view(request, pk: int):
    """A blind score sheet: the application's number, nomination, story and work; no name, IIN, employer."""
    try:
        sheet = jury_sheet(juror=request.user, pk=pk)
    except ScoreSheet.DoesNotExist:
        raise Http404 from None
    criteria = criteria_for(sheet.application)
    initial = {}
    for score in sheet.scores.all():
        initial[f"criterion_{score.criterion_id}"] = score.points
        initial[f"abstain_{score.criterion_id}"] = score.abstain
        initial[f"comment_{score.criterion_id}"] = score.comment
    form = ScoreSheetForm(request.POST or None, initial=initial, criteria=criteria)
    if request.method == "POST" and sheet.submitted_at is None and form.is_valid():
        try:
            score_sheet_submit(sheet=sheet, juror=request.user, scores=form.scores())
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Your score sheet is submitted."))
            return redirect("contests:jury_sheet", pk=sheet.pk)
    return render(
        request,
        "contests/jury/sheet.html",
        {
            "sheet": sheet,
            "form": form,
            "application": sheet.application,
            "files": portfolio_for_jury(application=sheet.application),
            "others": list(other_sheets(sheet=sheet)),
            "pdf": PortfolioKind.PDF,
        },
    )


# --- Coordinators ----------------------------------------------------------------------------------
@login_required
def screening(request):
    queue = screening_queue(user=request.user)
    if not (can_manage_contests(request.user) or request.user.coordinator_region_id):
        raise PermissionDenied
    page = Paginator(queue, 50).get_page(request.GET.get("page"))
    # The regional stages whose scores a coordinator follows and whose top they advance.
    stages = Stage.objects.filter(is_regional=True).select_related("contest")
    stages = stages.order_by("-contest__year", "order")[:20]
    return render(request, "contests/screening/queue.html", {"page": page, "stages": stages})


@login_required
def screening_detail(request, pk: int):
    queue = screening_queue(user=request.user)
    application = get_object_or_404(queue.prefetch_related("files"), pk=pk)
    form = ScreeningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application_screen(
                application=application,
                actor=request.user,
                accept=form.cleaned_data["decision"] == "accept",
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Decision saved."))
            return redirect("contests:screening")
    return render(
        request,
        "contests/screening/detail.html",
        {"application": application, "form": form, "pdf": PortfolioKind.PDF},
    )


# --- The ministry ----------------------------------------------------------------------------------
def _require_ministry(request, manage: bool = False):
    allowed = can_manage_contests(request.user) if manage else can_view_all_contest_data(request.user)
    if not allowed:
        raise PermissionDenied


@login_required
def manage(request):
    _require_ministry(request)
    contests = Contest.objects.prefetch_related("stages").order_by("-year", "-id")[:50]
    return render(
        request,
        "contests/manage/index.html",
        {"contests": contests, "can_manage": can_manage_contests(request.user)},
    )


@login_required
@require_POST
def manage_action(request, pk: int):
    """Ministry actions on a stage: automatic jury assignment, advancing the top N, publishing results.

    A regional coordinator may advance too: the service moves their own region's top only."""
    action = request.POST.get("action")
    if not (action == "advance" and request.user.coordinator_region_id):
        _require_ministry(request, manage=True)
    stage = get_object_or_404(Stage.objects.select_related("contest"), pk=pk)
    try:
        if action == "assign":
            created = jury_assign_automatically(stage=stage, actor=request.user)
            messages.success(request, _("Score sheets created: %(n)d.") % {"n": created})
        elif action == "advance":
            moved = stage_advance(stage=stage, actor=request.user)
            messages.success(request, _("Applications advanced: %(n)d.") % {"n": moved})
        elif action == "publish":
            results_publish(contest=stage.contest, actor=request.user)
            messages.success(request, _("The results are published."))
        else:
            raise Http404
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(reverse("contests:overview", args=[stage.pk]))


@login_required
def overview(request, pk: int):
    """The score overview of a stage: each entry's jurors' progress, score and rank (IIN masked)."""
    stage = get_object_or_404(Stage.objects.select_related("contest"), pk=pk)
    if not (can_view_all_contest_data(request.user) or request.user.coordinator_region_id):
        raise PermissionDenied
    page = Paginator(score_overview(stage=stage, user=request.user), 100).get_page(request.GET.get("page"))
    return render(
        request,
        "contests/manage/overview.html",
        {
            "stage": stage,
            "contest": stage.contest,
            "page": page,
            "can_manage": can_manage_contests(request.user),
            # A coordinator advances their region's top of a regional stage (the service checks it).
            "can_advance_region": bool(request.user.coordinator_region_id) and stage.is_regional,
        },
    )


EXPORT_COLUMNS = [
    "application",
    "rank",
    "score",
    "jurors",
    "nomination",
    "region",
    "full_name",
    "iin",
    "status",
    "place",
]


def _export_rows(stage: Stage, user):
    for entry in score_overview(stage=stage, user=user).iterator(chunk_size=2000):
        a = entry.application
        yield [
            a.pk,
            entry.rank or "",
            entry.score if entry.score is not None else "",
            entry.jurors_scored,
            str(a.nomination.profession.name) if a.nomination_id else "",
            a.region.code if a.region_id else "",
            a.full_name,
            a.iin_masked,  # never the full IIN (it is not stored)
            a.get_status_display(),
            a.place or "",
        ]


@login_required
def export(request, pk: int, fmt: str):
    stage = get_object_or_404(Stage.objects.select_related("contest"), pk=pk)
    _require_ministry(request)
    headers = [
        _("Application"),
        _("Rank"),
        _("Score"),
        _("Jurors"),
        _("Nomination"),
        _("Region"),
        _("Full name"),
        _("IIN"),
        _("Status"),
        _("Place"),
    ]
    filename = f"ya-profi-{stage.contest.year}-stage-{stage.order}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(headers)
        for row in _export_rows(stage, request.user):
            writer.writerow(row)
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
        return response
    if fmt == "xlsx":
        from openpyxl import Workbook

        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet(title=str(_("Results"))[:31])
        sheet.append(headers)
        for row in _export_rows(stage, request.user):
            sheet.append([float(v) if hasattr(v, "as_tuple") else v for v in row])
        buffer = io.BytesIO()
        workbook.save(buffer)
        response = HttpResponse(
            buffer.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}.xlsx"'
        return response
    raise Http404
