"""Reads of the «Я-профи» contest. Every list is a constant number of queries; counts in SQL."""

import datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enbek.aggregations import aggregate_by_period, filter_period, in_region
from enbek.enums import Role
from enbek.worklist import WorkItem

from .enums import ApplicationStatus, ContestStatus, PortfolioKind
from .models import Application, Contest, Criterion, Nomination, PortfolioFile, ScoreSheet, Stage, StageEntry
from .services import can_manage_contests, can_screen_region, can_view_all_contest_data


# --- Public ----------------------------------------------------------------------------------------
def contest_public() -> QuerySet[Contest]:
    return Contest.objects.exclude(status=ContestStatus.DRAFT)


def contest_open_list(*, day: datetime.date | None = None) -> QuerySet[Contest]:
    """Published contests whose application window includes the day (today, Almaty time)."""
    day = day or timezone.localdate()
    return Contest.objects.filter(
        status=ContestStatus.PUBLISHED,
        applications_open__lte=day,
        applications_close__gte=day,
        window_closed_at__isnull=True,
    )


def contest_open_count(*, day: datetime.date | None = None) -> int:
    return contest_open_list(day=day).count()


def contest_list_with_nominations() -> QuerySet[Contest]:
    return contest_public().prefetch_related(
        Prefetch("nominations", queryset=Nomination.objects.select_related("profession"))
    )


def contest_detail(*, pk: int) -> Contest:
    return (
        contest_public()
        .prefetch_related(
            Prefetch("nominations", queryset=Nomination.objects.select_related("profession")),
            Prefetch("stages", queryset=Stage.objects.order_by("order")),
            Prefetch("criteria", queryset=Criterion.objects.select_related("nomination__profession")),
        )
        .get(pk=pk)
    )


def contest_published_results() -> QuerySet[Contest]:
    return contest_public().filter(results_published_at__isnull=False)


def results_entries(*, contest: Contest, stage: Stage | None = None, nomination_id: int | None = None):
    """The ranked entries of a stage (the final by default) of a published contest, one query."""
    if stage is None:
        stage = contest.stages.order_by("-order").first()
    if stage is None:
        return StageEntry.objects.none(), None
    entries = (
        StageEntry.objects.filter(stage=stage, score__isnull=False)
        .select_related(
            "application__nomination__profession", "application__region", "application__organization"
        )
        .order_by(
            "application__nomination__position",
            "application__nomination_id",
            "application__region__code",
            "rank",
        )
    )
    if nomination_id:
        entries = entries.filter(application__nomination_id=nomination_id)
    return entries, stage


def _portraits():
    return Prefetch(
        "files",
        queryset=PortfolioFile.objects.filter(kind=PortfolioKind.IMAGE).order_by("-is_portrait", "id"),
        to_attr="gallery_images",
    )


def winners_gallery(*, profession_id: int | None = None, limit: int | None = None) -> QuerySet[Application]:
    """Winners of published contests, newest contest first: the «Я-профи» role models."""
    queryset = (
        Application.objects.filter(
            status=ApplicationStatus.WINNER, contest__results_published_at__isnull=False
        )
        .select_related("contest", "nomination__profession", "region", "organization")
        .prefetch_related(_portraits())
        .order_by("-contest__year", "place", "id")
    )
    if profession_id:
        queryset = queryset.filter(nomination__profession_id=profession_id)
    return queryset[:limit] if limit else queryset


# --- The contestant --------------------------------------------------------------------------------
def applications_of(*, user) -> QuerySet[Application]:
    return (
        Application.objects.filter(user=user)
        .select_related("contest", "nomination__profession", "region", "stage")
        .prefetch_related("history__stage")
        .order_by("-created_at")
    )


def application_of_owner(*, user, pk: int) -> Application:
    """The user's own application (another's is DoesNotExist: a 404, not a 403)."""
    return (
        Application.objects.select_related("contest", "nomination__profession", "region", "organization")
        .prefetch_related("files", "history")
        .get(pk=pk, user=user)
    )


# --- Coordinators and the ministry -----------------------------------------------------------------
def screening_queue(*, user) -> QuerySet[Application]:
    """Submitted applications waiting for screening in the regions this user screens."""
    queryset = Application.objects.filter(status=ApplicationStatus.SUBMITTED)
    if not can_manage_contests(user):
        if not can_screen_region(user, user.coordinator_region_id) or not user.coordinator_region_id:
            return Application.objects.none()
        queryset = queryset.filter(region_id=user.coordinator_region_id)
    return queryset.select_related("contest", "nomination__profession", "region", "organization").order_by(
        "submitted_at", "id"
    )


def contest_work_items(user) -> list[WorkItem]:
    items = []
    if can_manage_contests(user) or (user.has_role(Role.REGIONAL_COORDINATOR) and user.coordinator_region_id):
        items.append(
            WorkItem(
                key="contests.screening",
                label=_("«Я-профи» applications to screen"),
                url=reverse("contests:screening"),
                count=screening_queue(user=user).count(),
                order=40,
            )
        )
    if user.has_role(Role.JURY_MEMBER) and not user.is_superuser:
        items.append(
            WorkItem(
                key="contests.jury",
                label=_("«Я-профи» score sheets"),
                url=reverse("contests:jury"),
                count=ScoreSheet.objects.filter(juror=user, submitted_at__isnull=True).count(),
                order=41,
            )
        )
    return items


def score_overview(*, stage: Stage, user, region_id: int | None = None) -> QuerySet[StageEntry]:
    """Entries of a stage with their jurors' progress, for the ministry (and a coordinator's region)."""
    entries = (
        StageEntry.objects.filter(stage=stage)
        .select_related("application__nomination__profession", "application__region")
        .annotate(
            sheets_total=Count("application__sheets", filter=Q(application__sheets__stage=stage)),
            sheets_done=Count(
                "application__sheets",
                filter=Q(application__sheets__stage=stage, application__sheets__submitted_at__isnull=False),
            ),
        )
        .order_by("application__nomination_id", "application__region__code", "rank", "id")
    )
    if not can_view_all_contest_data(user):
        entries = entries.filter(application__region_id=user.coordinator_region_id)
    elif region_id:
        entries = entries.filter(application__region_id=region_id)
    return entries


# --- Jury ------------------------------------------------------------------------------------------
def jury_sheets(*, juror) -> QuerySet[ScoreSheet]:
    """The juror's sheets (blind: the template shows the application number and nomination only)."""
    return (
        ScoreSheet.objects.filter(juror=juror)
        .select_related("stage__contest", "application__nomination__profession")
        .order_by("submitted_at", "stage_id", "id")
    )


def jury_sheet(*, juror, pk: int) -> ScoreSheet:
    return (
        ScoreSheet.objects.select_related("stage__contest", "application__nomination__profession")
        .prefetch_related("scores")
        .get(pk=pk, juror=juror)
    )


def other_sheets(*, sheet: ScoreSheet) -> QuerySet[ScoreSheet]:
    """Other jurors' submitted sheets of the same application: only once this juror submitted theirs."""
    if sheet.submitted_at is None:
        return ScoreSheet.objects.none()
    return (
        ScoreSheet.objects.filter(
            stage_id=sheet.stage_id, application_id=sheet.application_id, submitted_at__isnull=False
        )
        .exclude(pk=sheet.pk)
        .prefetch_related("scores__criterion")
        .order_by("id")
    )


def portfolio_for_jury(*, application: Application) -> list[PortfolioFile]:
    # Blind review: the portrait would show who the applicant is; work photos and documents only.
    return list(application.files.filter(is_portrait=False).order_by("id"))


# --- Profession page panel -------------------------------------------------------------------------
def profession_panel(*, profession, region=None, language: str) -> dict | None:
    """For the profession explorer: this profession's open nominations and its winners (None: nothing).

    Two queries. `language` is accepted for the explorer's contract; the template renders the
    translated fields in the active language.
    """
    nominations = list(
        Nomination.objects.filter(profession=profession, contest__in=contest_open_list()).select_related(
            "contest"
        )
    )
    winners = winners_gallery(profession_id=profession.pk)
    if region is not None:
        winners = winners.filter(region=region)
    winners = list(winners[:6])
    if not nominations and not winners:
        return None
    return {
        "template": "contests/_profession_panel.html",
        "context": {
            "profession": profession,
            "nominations": nominations,
            "winners": winners,
            "language": language,
        },
    }


# --- Indicators ------------------------------------------------------------------------------------
def _submitted_applications() -> QuerySet[Application]:
    return Application.objects.filter(submitted_at__isnull=False)


def contest_applications_aggregate(
    *, date_from: datetime.date, date_to: datetime.date, period: str, by_region: bool = True
) -> list[dict]:
    """Applications submitted in the period (by submitted_at), by the applicant's region."""
    return aggregate_by_period(
        _submitted_applications(),
        date_field="submitted_at",
        region_field="region_id",
        date_from=date_from,
        date_to=date_to,
        period=period,
        by_region=by_region,
    )


def contest_applications_rows(
    *, date_from: datetime.date, date_to: datetime.date, region_id: int | None = None
) -> QuerySet[Application]:
    queryset = filter_period(_submitted_applications(), "submitted_at", date_from, date_to)
    return (
        in_region(queryset, "region_id", region_id)
        .select_related("region", "nomination__profession")
        .order_by("submitted_at", "id")
    )


def _winners() -> QuerySet[Application]:
    return Application.objects.filter(
        status=ApplicationStatus.WINNER, contest__results_published_at__isnull=False
    )


def contest_winners_aggregate(
    *, date_from: datetime.date, date_to: datetime.date, period: str, by_region: bool = True
) -> list[dict]:
    """Winners announced in the period (by the contest's publication of results), by region."""
    return aggregate_by_period(
        _winners(),
        date_field="contest__results_published_at",
        region_field="region_id",
        date_from=date_from,
        date_to=date_to,
        period=period,
        by_region=by_region,
    )


def contest_winners_rows(
    *, date_from: datetime.date, date_to: datetime.date, region_id: int | None = None
) -> QuerySet[Application]:
    queryset = filter_period(_winners(), "contest__results_published_at", date_from, date_to)
    return (
        in_region(queryset, "region_id", region_id)
        .select_related("region", "nomination__profession")
        .order_by("contest__results_published_at", "place", "id")
    )
