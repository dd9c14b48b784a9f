"""Writes of the «Я-профи» contest: applications, screening, jury, ranking, advancing, results.

The full IIN never leaves the function that receives it: it is validated with the core validator
(birth date and sex come from it), turned into a keyed hash and its last four digits, and dropped.
No log line carries it.
"""

import datetime
import io
import logging
import uuid
from collections import defaultdict

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from enbek.enums import Role
from enbek.images import process_image_upload
from enbek.pagecache import pagecache_invalidate_on_commit
from enbek.validators import iin_info, normalize_phone

from .enums import IN_COMPETITION, ApplicationStatus, ContestStatus, PortfolioKind, RankingRule
from .models import (
    Application,
    Contest,
    Criterion,
    JuryAssignment,
    PortfolioFile,
    Score,
    ScoreSheet,
    Stage,
    StageEntry,
    StatusChange,
)

logger = logging.getLogger(__name__)

PDF_MAX_BYTES = 10 * 1024 * 1024
PDF_MAX_PAGES = 50
PORTFOLIO_MAX_FILES = 10
#: The cached public pages of the contests (enbek.pagecache): list, detail, results, winners, API, and the
#: profession pages' panels.
PAGE_GROUP = "contests"


class DuplicateApplication(Exception):
    """A second application of the same person (same IIN, or same account) to one contest."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


# --- Roles -----------------------------------------------------------------------------------------
def can_manage_contests(user) -> bool:
    return bool(
        user and user.is_authenticated and (user.is_superuser or user.has_role(Role.MINISTRY_ADMINISTRATOR))
    )


def can_view_all_contest_data(user) -> bool:
    """Ministry administrators and analysts: score overview and exports of every region (IIN masked)."""
    return can_manage_contests(user) or bool(
        user and user.is_authenticated and user.has_role(Role.MINISTRY_ANALYST)
    )


def can_screen_region(user, region_id: int | None) -> bool:
    if can_manage_contests(user):
        return True
    return bool(
        user
        and user.is_authenticated
        and user.has_role(Role.REGIONAL_COORDINATOR)
        and user.coordinator_region_id is not None
        and user.coordinator_region_id == region_id
    )


# --- IIN -------------------------------------------------------------------------------------------
def iin_digest(iin: str) -> str:
    """Keyed HMAC-SHA256 of an IIN: equal IINs give equal digests, the digest does not give the IIN back.

    The key is CONTESTS_IIN_KEY when set, else derived from SECRET_KEY; a 12-digit number has too
    few values for an unkeyed hash to protect it.
    """
    key = getattr(settings, "CONTESTS_IIN_KEY", None) or settings.SECRET_KEY
    return salted_hmac("contests.application.iin", iin.strip(), secret=key, algorithm="sha256").hexdigest()


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    """Full years on `day`: the birthday itself counts (a person born 2000-05-10 is 18 on 2018-05-10)."""
    years = day.year - birth_date.year
    if (day.month, day.day) < (birth_date.month, birth_date.day):
        years -= 1
    return years


def _apply_iin(application: Application, iin: str) -> None:
    """Validate the IIN and the age it gives (at the window's closing date); keep only hash, last 4, dates."""
    try:
        info = iin_info(iin)
    except ValidationError as error:
        raise ValidationError({"iin": error.messages}, code=error.code) from None
    contest = application.contest
    age = age_on(info.birth_date, contest.applications_close)
    if not contest.min_age <= age <= contest.max_age:
        raise ValidationError(
            {
                "iin": _(
                    "By the closing date (%(date)s) you will be %(age)d: the contest accepts applicants "
                    "aged %(min)d to %(max)d."
                )
                % {
                    "date": contest.applications_close.strftime("%d.%m.%Y"),
                    "age": age,
                    "min": contest.min_age,
                    "max": contest.max_age,
                }
            },
            code="ineligible_age",
        )
    application.iin_hash = iin_digest(iin)
    application.iin_last4 = iin.strip()[-4:]
    application.birth_date = info.birth_date
    application.sex = info.sex


# --- The window ------------------------------------------------------------------------------------
def contest_window_is_open(contest: Contest, *, now: datetime.datetime | None = None) -> bool:
    """Open from 00:00 of the first day to the end of the closing day, Almaty time."""
    day = timezone.localdate(now or timezone.now())
    return (
        contest.status == ContestStatus.PUBLISHED
        and contest.applications_open <= day <= contest.applications_close
        and contest.window_closed_at is None
    )


def _require_open(contest: Contest) -> None:
    if not contest_window_is_open(contest):
        raise ValidationError(
            {"contest": _("Applications to this contest are not accepted now: the window is closed.")},
            code="window_closed",
        )


# --- Drafts ----------------------------------------------------------------------------------------
DRAFT_FIELDS = (
    "nomination",
    "full_name",
    "phone",
    "region",
    "organization",
    "employer_name",
    "experience_years",
    "education",
    "story",
    "story_language",
    "photo_in_gallery",
)


def _history(application: Application, *, actor=None, reason: str = "", stage=None) -> None:
    StatusChange.objects.create(
        application=application, status=application.status, actor=actor, reason=reason, stage=stage
    )


def _duplicate_message():
    return _("An application with this IIN has already been made to this contest: one per person.")


def _guard_iin(contest_id: int, iin_hash: str, exclude_pk: int | None) -> None:
    """Serialise writers of the same (contest, IIN) and refuse a second application.

    A transaction-level advisory lock on the pair makes the second of two simultaneous requests wait
    for the first and then see its row; the unique constraint application_iin_once stays the last
    word (an IntegrityError from it is turned into the same refusal by the callers).
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, hashtext(%s))", [contest_id, iin_hash])
    clash = Application.objects.filter(contest_id=contest_id, iin_hash=iin_hash)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise DuplicateApplication(_duplicate_message())


@transaction.atomic
def application_start(*, contest: Contest, user) -> Application:
    """The user's draft for this contest, created on first use (one per account and contest)."""
    _require_open(contest)
    existing = Application.objects.filter(contest=contest, user=user).first()
    if existing:
        return existing
    application = Application(
        contest=contest,
        user=user,
        full_name=user.full_name,
        phone=user.phone,
        region_id=user.region_id,
        story_language=user.preferred_language or "kk",
    )
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        return Application.objects.get(contest=contest, user=user)
    _history(application, actor=user)
    return application


def _require_owner_draft(application: Application, user) -> Application:
    locked = Application.objects.select_for_update().select_related("contest").get(pk=application.pk)
    if locked.user_id != user.pk:
        raise PermissionDenied(_("This is not your application."))
    if locked.status != ApplicationStatus.DRAFT:
        raise ValidationError(_("A submitted application can no longer be changed."), code="not_draft")
    return locked


def _clean_fields(application: Application, fields: dict) -> dict:
    errors = {}
    cleaned = {}
    for name, value in fields.items():
        if name not in DRAFT_FIELDS:
            raise TypeError(f"unknown application field {name}")
        if name == "phone" and value:
            try:
                value = normalize_phone(value)
            except ValidationError as error:
                errors["phone"] = error.messages
                continue
        if name == "nomination" and value is not None and value.contest_id != application.contest_id:
            errors["nomination"] = [_("Choose a nomination of this contest.")]
            continue
        if isinstance(value, str):
            value = value.strip()
        cleaned[name] = value
    if errors:
        raise ValidationError(errors)
    return cleaned


def application_save_draft(
    *, application: Application, user, iin: str = "", step: int | None = None, **fields
):
    """Save what the contestant typed so far; the IIN only when given (it is not kept, see module).

    Valid fields are saved (committed) even when another field is wrong, so that nothing typed is
    lost: the ValidationError raised afterwards lists only the wrong ones.
    """
    errors: dict[str, list] = {}
    with transaction.atomic():
        application = _require_owner_draft(application, user)
        try:
            cleaned = _clean_fields(application, fields)
        except ValidationError as error:
            errors.update(error.message_dict)
            good = {k: v for k, v in fields.items() if k not in error.message_dict}
            cleaned = _clean_fields(application, good)
        for name, value in cleaned.items():
            setattr(application, name, value)
        if iin:
            try:
                _apply_iin(application, iin)
                _guard_iin(application.contest_id, application.iin_hash, application.pk)
            except ValidationError as error:
                errors.update(error.message_dict)
                application.refresh_from_db(fields=["iin_hash", "iin_last4", "birth_date", "sex"])
            except DuplicateApplication as duplicate:
                errors["iin"] = [duplicate.message]
                application.refresh_from_db(fields=["iin_hash", "iin_last4", "birth_date", "sex"])
        if step:
            application.step = max(application.step, step)
        application.save()
    if errors:
        raise ValidationError(errors)
    return application


def _check_pdf(data: bytes) -> int:
    """Page count of a real PDF, or a translated refusal (signature, size, pages, encryption)."""
    if len(data) > PDF_MAX_BYTES:
        raise ValidationError(_("A PDF may be 10 MB at most."), code="too_large")
    if not data.startswith(b"%PDF-"):
        raise ValidationError(_("This file is not a PDF document."), code="not_pdf")
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise ValidationError(
                _("The PDF is password-protected: upload it without a password."), code="encrypted"
            )
        pages = len(reader.pages)
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, RecursionError):
        raise ValidationError(_("The PDF is damaged and cannot be read."), code="bad_pdf") from None
    if pages < 1:
        raise ValidationError(_("The PDF has no pages."), code="bad_pdf")
    if pages > PDF_MAX_PAGES:
        raise ValidationError(
            _("The PDF has %(pages)d pages: %(max)d at most.") % {"pages": pages, "max": PDF_MAX_PAGES},
            code="too_many_pages",
        )
    return pages


@transaction.atomic
def portfolio_add(*, application: Application, user, upload, title: str = "", is_portrait: bool = False):
    """Attach a photo (re-encoded by enbek.images, random name) or a checked PDF to the owner's draft."""
    application = _require_owner_draft(application, user)
    if application.files.count() >= PORTFOLIO_MAX_FILES:
        raise ValidationError(
            _("At most %(n)d files: remove one first.") % {"n": PORTFOLIO_MAX_FILES}, code="too_many"
        )
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    item = PortfolioFile(application=application, title=(title or "").strip()[:200], is_portrait=is_portrait)
    if head == b"%PDF-" or (getattr(upload, "name", "") or "").lower().endswith(".pdf"):
        size = getattr(upload, "size", None)
        if size is not None and size > PDF_MAX_BYTES:
            raise ValidationError(_("A PDF may be 10 MB at most."), code="too_large")
        data = upload.read(PDF_MAX_BYTES + 1)
        item.pages = _check_pdf(data)
        item.kind = PortfolioKind.PDF
        item.size = len(data)
        item.file.save(f"{uuid.uuid4().hex}.pdf", ContentFile(data), save=False)
    else:
        processed = process_image_upload(upload)
        item.kind = PortfolioKind.IMAGE
        item.size = processed.display.size
        item.file.save(processed.display.name, processed.display, save=False)
        item.thumbnail.save(processed.thumbnail.name, processed.thumbnail, save=False)
    item.save()
    if is_portrait:
        application.files.exclude(pk=item.pk).update(is_portrait=False)
    return item


@transaction.atomic
def portfolio_remove(*, item: PortfolioFile, user) -> None:
    _require_owner_draft(item.application, user)
    names = [item.file.name, item.thumbnail.name]
    storage = item.file.storage
    item.delete()
    transaction.on_commit(lambda: [storage.delete(n) for n in names if n])


def _completeness_errors(application: Application) -> dict:
    errors: dict[str, list] = {}
    required = {
        "nomination": _("Choose a nomination."),
        "full_name": _("Enter your full name."),
        "phone": _("Enter a phone number."),
        "region": _("Choose your region."),
        "experience_years": _("Enter your years of experience."),
        "education": _("Choose your education."),
        "story": _("Tell the story of your path in the profession."),
    }
    for name, message in required.items():
        value = getattr(application, f"{name}_id" if name in ("nomination", "region") else name)
        if value in (None, ""):
            errors[name] = [message]
    if not application.iin_hash:
        errors["iin"] = [_("Enter your IIN.")]
    if not (application.organization_id or application.employer_name):
        errors["employer_name"] = [_("Name your employer.")]
    contest = application.contest
    if (
        application.experience_years is not None
        and application.experience_years < contest.min_experience_years
    ):
        errors["experience_years"] = [
            _("The contest needs at least %(years)d years of experience in the profession.")
            % {"years": contest.min_experience_years}
        ]
    return errors


@transaction.atomic
def application_submit(*, application: Application, user, consent: bool) -> Application:
    """Send the complete draft for screening, with the consent to personal-data processing and its time.

    Checked here, inside one transaction: the window (the contest row is locked, so the closing job
    cannot slip in between), completeness, consent, and the one-per-person rule on the IIN hash
    (advisory lock + unique constraint).
    """
    contest = Contest.objects.select_for_update().get(pk=application.contest_id)
    application = _require_owner_draft(application, user)
    application.contest = contest
    _require_open(contest)
    errors = _completeness_errors(application)
    if not consent:
        errors["consent"] = [_("Agree to the processing of your personal data to submit the application.")]
    if errors:
        raise ValidationError(errors)
    _guard_iin(contest.pk, application.iin_hash, application.pk)
    now = timezone.now()
    application.consent_at = now
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = now
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise DuplicateApplication(_duplicate_message()) from None
    _history(application, actor=user)
    logger.info("contest %s: application %s submitted", contest.pk, application.pk)
    return application


@transaction.atomic
def application_apply(*, contest: Contest, user, iin: str, consent: bool, **fields) -> Application:
    """One-call application (the API): create, fill and submit, all or nothing.

    Raises ValidationError with field errors (IIN reason, age, window, consent, missing fields) or
    DuplicateApplication (409) for a second application of the same person.
    """
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    _require_open(contest)
    if (
        Application.objects.filter(contest=contest, user=user)
        .exclude(status=ApplicationStatus.DRAFT)
        .exists()
    ):
        raise DuplicateApplication(_("You have already applied to this contest."))
    application = Application.objects.filter(contest=contest, user=user).first() or Application(
        contest=contest, user=user
    )
    application.contest = contest
    errors: dict[str, list] = {}
    try:
        for name, value in _clean_fields(application, fields).items():
            setattr(application, name, value)
    except ValidationError as error:
        errors.update(error.message_dict)
    try:
        _apply_iin(application, iin or "")
    except ValidationError as error:
        errors.update(error.message_dict)
    if not errors:
        errors.update(_completeness_errors(application))
    if not consent:
        errors["consent"] = [_("Agree to the processing of your personal data to submit the application.")]
    if errors:
        raise ValidationError(errors)
    _guard_iin(contest.pk, application.iin_hash, application.pk)
    now = timezone.now()
    application.consent_at = now
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = now
    created = application.pk is None
    try:
        with transaction.atomic():
            application.save()
    except IntegrityError:
        raise DuplicateApplication(_duplicate_message()) from None
    if created:
        StatusChange.objects.create(application=application, status=ApplicationStatus.DRAFT, actor=user)
    _history(application, actor=user)
    return application


# --- Screening -------------------------------------------------------------------------------------
def _first_stage(contest_id: int) -> Stage | None:
    return Stage.objects.filter(contest_id=contest_id).order_by("order").first()


@transaction.atomic
def application_screen(*, application: Application, actor, accept: bool, reason: str = "") -> Application:
    """Accept a submitted application into the first stage, or reject it with a reason for the contestant."""
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not can_screen_region(actor, application.region_id):
        raise PermissionDenied(_("You do not screen applications of this region."))
    if application.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted application can be screened."), code="not_submitted")
    reason = (reason or "").strip()
    if accept:
        stage = _first_stage(application.contest_id)
        if stage is None:
            raise ValidationError(_("The contest has no stages yet."), code="no_stage")
        application.status = ApplicationStatus.ACCEPTED
        application.stage = stage
        application.reject_reason = ""
        application.save(update_fields=["status", "stage", "reject_reason", "updated_at"])
        StageEntry.objects.get_or_create(stage=stage, application=application)
        _history(application, actor=actor, stage=stage)
    else:
        if not reason:
            raise ValidationError({"reason": _("Say why the application is rejected.")})
        application.status = ApplicationStatus.REJECTED
        application.reject_reason = reason
        application.save(update_fields=["status", "reject_reason", "updated_at"])
        _history(application, actor=actor, reason=reason)
    return application


# --- Jury ------------------------------------------------------------------------------------------
def juror_organization_ids(juror) -> set[int]:
    return set(juror.organizations.values_list("pk", flat=True))


def conflict_reason(
    *, stage: Stage, application: Application, juror, organization_ids: set[int] | None = None
):
    """Why this juror may not score this application (a translated sentence), or None."""
    if organization_ids is None:
        organization_ids = juror_organization_ids(juror)
    if application.user_id == juror.pk:
        return _("A juror cannot score their own application.")
    if application.organization_id and application.organization_id in organization_ids:
        return _("The juror represents the applicant's employer.")
    if stage.exclude_same_region and juror.region_id and juror.region_id == application.region_id:
        return _("At this stage a juror does not score applicants of their own region.")
    return None


def _covers(assignment: JuryAssignment, application: Application) -> bool:
    return assignment.nomination_id == application.nomination_id and (
        assignment.region_id is None or assignment.region_id == application.region_id
    )


@transaction.atomic
def sheet_assign(*, stage: Stage, application: Application, juror, actor=None) -> ScoreSheet:
    """Give one application of the stage to one juror, refusing a conflict of interest with its reason."""
    if actor is not None and not can_manage_contests(actor):
        raise PermissionDenied(_("Only the ministry assigns jurors."))
    if not StageEntry.objects.filter(stage=stage, application=application).exists():
        raise ValidationError(_("The application does not take part in this stage."), code="not_in_stage")
    remits = JuryAssignment.objects.filter(juror=juror, stage=stage)
    if not any(_covers(a, application) for a in remits):
        raise ValidationError(
            _("The juror is not on the jury of this nomination and region."), code="not_in_jury"
        )
    reason = conflict_reason(stage=stage, application=application, juror=juror)
    if reason:
        raise ValidationError(reason, code="conflict_of_interest")
    sheet, _created = ScoreSheet.objects.get_or_create(stage=stage, application=application, juror=juror)
    return sheet


@transaction.atomic
def jury_assign_automatically(*, stage: Stage, jurors_per_application: int | None = None, actor=None) -> int:
    """Spread the stage's applications over its jurors: each gets k jurors, loads kept even.

    Greedy by least load: each application (in a fixed order) goes to the k eligible jurors (remit
    covers its nomination and region, no conflict of interest) with the fewest sheets so far, ties
    to the lower id. Sheets that already exist count and are kept; an application with fewer
    eligible jurors than k gets all of them. Answers how many sheets were created.
    """
    if actor is not None and not can_manage_contests(actor):
        raise PermissionDenied(_("Only the ministry assigns jurors."))
    stage = Stage.objects.select_for_update().get(pk=stage.pk)
    k = jurors_per_application or stage.jurors_per_application
    remits = list(JuryAssignment.objects.filter(stage=stage).select_related("juror"))
    jurors = {a.juror_id: a.juror for a in remits}
    orgs: dict[int, set[int]] = defaultdict(set)
    from django.contrib.auth import get_user_model

    through = get_user_model().organizations.through
    for user_id, org_id in through.objects.filter(user_id__in=jurors).values_list(
        "user_id", "organization_id"
    ):
        orgs[user_id].add(org_id)
    load: dict[int, int] = defaultdict(int)
    existing: dict[int, set[int]] = defaultdict(set)
    for application_id, juror_id in ScoreSheet.objects.filter(stage=stage).values_list(
        "application_id", "juror_id"
    ):
        load[juror_id] += 1
        existing[application_id].add(juror_id)
    applications = Application.objects.filter(stage_entries__stage=stage).order_by("submitted_at", "id")
    new = []
    for application in applications.only("id", "user_id", "organization_id", "region_id", "nomination_id"):
        have = existing[application.pk]
        if len(have) >= k:
            continue
        eligible = {
            a.juror_id
            for a in remits
            if _covers(a, application)
            and a.juror_id not in have
            and conflict_reason(
                stage=stage,
                application=application,
                juror=jurors[a.juror_id],
                organization_ids=orgs[a.juror_id],
            )
            is None
        }
        for juror_id in sorted(eligible, key=lambda j: (load[j], j))[: k - len(have)]:
            load[juror_id] += 1
            new.append(ScoreSheet(stage=stage, application_id=application.pk, juror_id=juror_id))
    ScoreSheet.objects.bulk_create(new, batch_size=2000, ignore_conflicts=True)
    return len(new)


def criteria_for(application: Application) -> list[Criterion]:
    from django.db.models import Q

    return list(
        Criterion.objects.filter(contest_id=application.contest_id).filter(
            Q(nomination__isnull=True) | Q(nomination_id=application.nomination_id)
        )
    )


@transaction.atomic
def score_sheet_submit(*, sheet: ScoreSheet, juror, scores: dict[int, dict]) -> ScoreSheet:
    """Record the juror's points for every criterion (or an explicit abstain) and close the sheet.

    scores: {criterion_id: {"points": int | None, "abstain": bool, "comment": str}}. Points must be
    within [0, max]; every criterion needs points or an abstain. After commit the stage's ranking is
    recomputed (enbek.contests.recompute_ranking).
    """
    sheet = ScoreSheet.objects.select_for_update().select_related("application").get(pk=sheet.pk)
    if sheet.juror_id != juror.pk:
        raise PermissionDenied(_("This score sheet is not yours."))
    if sheet.submitted_at is not None:
        raise ValidationError(_("This score sheet has already been submitted."), code="submitted")
    criteria = criteria_for(sheet.application)
    errors: dict[str, list] = {}
    rows = []
    for criterion in criteria:
        given = scores.get(criterion.pk) or {}
        abstain = bool(given.get("abstain"))
        points = given.get("points")
        field = f"criterion_{criterion.pk}"
        if abstain:
            points = None
        elif points in (None, ""):
            errors[field] = [_("Give points or abstain.")]
            continue
        else:
            try:
                points = int(points)
            except (TypeError, ValueError):
                errors[field] = [_("Points must be a whole number.")]
                continue
            if not 0 <= points <= criterion.max_points:
                errors[field] = [_("Points from 0 to %(max)d.") % {"max": criterion.max_points}]
                continue
        rows.append(
            Score(
                sheet=sheet,
                criterion=criterion,
                points=points,
                abstain=abstain,
                max_points=criterion.max_points,
                comment=(given.get("comment") or "").strip(),
            )
        )
    if errors:
        raise ValidationError(errors)
    Score.objects.filter(sheet=sheet).delete()
    Score.objects.bulk_create(rows)
    sheet.submitted_at = timezone.now()
    sheet.save(update_fields=["submitted_at"])
    from .tasks import recompute_ranking

    stage_id = sheet.stage_id
    transaction.on_commit(lambda: recompute_ranking.delay(stage_id))
    return sheet


# --- Ranking ---------------------------------------------------------------------------------------
RANKING_SQL = """
WITH top_criterion AS (
    -- Each nomination's top criterion: the highest weight, then the first in order.
    SELECT DISTINCT ON (n.id) n.id AS nomination_id, c.id AS criterion_id
    FROM contests_nomination n
    JOIN contests_criterion c
      ON c.contest_id = n.contest_id AND (c.nomination_id IS NULL OR c.nomination_id = n.id)
    WHERE n.contest_id = %(contest)s
    ORDER BY n.id, c.weight DESC, c.position, c.id
),
sheet_totals AS (
    -- A juror's weighted total; abstained criteria are left out and the rest scaled to the full
    -- maximum, so that an abstain neither helps nor harms the applicant.
    SELECT sh.application_id,
           SUM(s.points * c.weight) FILTER (WHERE NOT s.abstain)
             / NULLIF(SUM(s.max_points * c.weight) FILTER (WHERE NOT s.abstain), 0)
             * SUM(s.max_points * c.weight) AS total
    FROM contests_scoresheet sh
    JOIN contests_score s ON s.sheet_id = sh.id
    JOIN contests_criterion c ON c.id = s.criterion_id
    WHERE sh.stage_id = %(stage)s AND sh.submitted_at IS NOT NULL
    GROUP BY sh.id, sh.application_id
),
app_scores AS (
    SELECT application_id,
           {aggregate} AS score,
           COUNT(total) AS jurors
    FROM sheet_totals
    WHERE total IS NOT NULL
    GROUP BY application_id
),
top_scores AS (
    SELECT sh.application_id, AVG(s.points)::numeric AS top_score
    FROM contests_scoresheet sh
    JOIN contests_application a ON a.id = sh.application_id
    JOIN top_criterion t ON t.nomination_id = a.nomination_id
    JOIN contests_score s ON s.sheet_id = sh.id AND s.criterion_id = t.criterion_id AND NOT s.abstain
    WHERE sh.stage_id = %(stage)s AND sh.submitted_at IS NOT NULL
    GROUP BY sh.application_id
),
ranked AS (
    SELECT e.id AS entry_id,
           sc.score,
           ts.top_score,
           COALESCE(sc.jurors, 0) AS jurors,
           ROW_NUMBER() OVER (
               PARTITION BY a.nomination_id, CASE WHEN %(regional)s THEN a.region_id END
               ORDER BY sc.score DESC NULLS LAST, ts.top_score DESC NULLS LAST, a.submitted_at, a.id
           ) AS rank
    FROM contests_stageentry e
    JOIN contests_application a ON a.id = e.application_id
    LEFT JOIN app_scores sc ON sc.application_id = e.application_id
    LEFT JOIN top_scores ts ON ts.application_id = e.application_id
    WHERE e.stage_id = %(stage)s
)
UPDATE contests_stageentry e
SET score = ROUND(r.score, 4), top_criterion_score = ROUND(r.top_score, 4),
    jurors_scored = r.jurors, rank = r.rank
FROM ranked r
WHERE e.id = r.entry_id
"""

AGGREGATES = {
    RankingRule.MEAN: "AVG(total)",
    RankingRule.MEDIAN: "(percentile_cont(0.5) WITHIN GROUP (ORDER BY total))::numeric",
}


@transaction.atomic
def stage_recompute_ranking(*, stage_id: int) -> int:
    """Recompute every entry's score and rank in the stage with one SQL statement; answer rows updated.

    Score: each juror's weighted total (Σ points × weight, abstains scaled out), then the mean or the
    median (PostgreSQL percentile_cont) of the jurors' totals, per the contest's rule. Rank within
    nomination (and region, for a regional stage): score, then the higher mean on the top criterion
    (highest weight), then the earlier submission, then the lower id. Idempotent.
    """
    stage = Stage.objects.select_related("contest").select_for_update(of=("self",)).get(pk=stage_id)
    sql = RANKING_SQL.replace("{aggregate}", AGGREGATES[RankingRule(stage.contest.ranking_rule)])
    with connection.cursor() as cursor:
        cursor.execute(sql, {"contest": stage.contest_id, "stage": stage.pk, "regional": stage.is_regional})
        updated = cursor.rowcount
    Stage.objects.filter(pk=stage.pk).update(ranked_at=timezone.now())
    return updated


def _next_stage(stage: Stage) -> Stage | None:
    return Stage.objects.filter(contest_id=stage.contest_id, order__gt=stage.order).order_by("order").first()


def _may_advance(actor, stage: Stage) -> bool:
    if can_manage_contests(actor):
        return True
    # A coordinator advances their own region's applicants of a regional stage.
    return stage.is_regional and bool(
        actor and actor.is_authenticated and actor.has_role(Role.REGIONAL_COORDINATOR)
    )


@transaction.atomic
def stage_advance(*, stage: Stage, actor) -> int:
    """Move the top N of each nomination (and region, for a regional stage) to the next stage.

    One action, recorded on the stage with who and when; the ranking is recomputed first. A
    coordinator advances only their own region; the ministry every region. Entries already advanced
    are not advanced again (idempotent). Answers how many applications advanced.
    """
    stage = Stage.objects.select_for_update().get(pk=stage.pk)
    if not _may_advance(actor, stage):
        raise PermissionDenied(_("You may not advance this stage."))
    target = _next_stage(stage)
    if target is None:
        raise ValidationError(_("This is the final stage: publish the results instead."), code="final")
    stage_recompute_ranking(stage_id=stage.pk)
    entries = StageEntry.objects.filter(
        stage=stage,
        rank__lte=stage.advance_count,
        score__isnull=False,
        application__status__in=IN_COMPETITION,
    ).select_related("application")
    if not can_manage_contests(actor):
        entries = entries.filter(application__region_id=actor.coordinator_region_id)
    is_final = _next_stage(target) is None
    new_status = ApplicationStatus.FINALIST if is_final else ApplicationStatus.ADVANCED
    moved = 0
    for entry in entries:
        _entry, created = StageEntry.objects.get_or_create(stage=target, application=entry.application)
        if not created:
            continue
        application = entry.application
        application.status = new_status
        application.stage = target
        application.save(update_fields=["status", "stage", "updated_at"])
        _history(application, actor=actor, stage=target)
        moved += 1
    stage.advanced_at = timezone.now()
    stage.advanced_by = actor
    stage.save(update_fields=["advanced_at", "advanced_by"])
    logger.info("stage %s advanced %s applications", stage.pk, moved)
    return moved


@transaction.atomic
def results_publish(*, contest: Contest, actor) -> Contest:
    """Rank the final stage, make its top N of each nomination winners with places, publish.

    Published once: a second call changes nothing.
    """
    if not can_manage_contests(actor):
        raise PermissionDenied(_("Only the ministry publishes the results."))
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    if contest.results_published_at:
        return contest
    final = Stage.objects.filter(contest=contest).order_by("-order").first()
    if final is None:
        raise ValidationError(_("The contest has no stages."), code="no_stage")
    stage_recompute_ranking(stage_id=final.pk)
    winners = StageEntry.objects.filter(
        stage=final,
        rank__lte=final.advance_count,
        score__isnull=False,
        application__status__in=IN_COMPETITION,
    ).select_related("application")
    for entry in winners:
        application = entry.application
        application.status = ApplicationStatus.WINNER
        application.place = entry.rank
        application.stage = final
        application.save(update_fields=["status", "place", "stage", "updated_at"])
        _history(application, actor=actor, stage=final)
    contest.results_published_at = timezone.now()
    contest.results_published_by = actor
    contest.save(update_fields=["results_published_at", "results_published_by"])
    pagecache_invalidate_on_commit(PAGE_GROUP)  # results, the winners gallery, the profession pages
    return contest


# --- Scheduled work --------------------------------------------------------------------------------
def _send_in_language(user, template: str, context: dict) -> None:
    from django.core.mail import send_mail
    from django.template.loader import render_to_string
    from django.utils import translation

    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {**context, "user": user, "site_url": settings.SITE_URL}
        subject = render_to_string(f"contests/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"contests/email/{template}_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])


def contest_close_window(*, contest_id: int, now: datetime.datetime | None = None) -> int:
    """Close a contest whose window has passed: drafts stay drafts (not deleted, not submitted), and each
    draft's owner is told by e-mail in their language. Idempotent: window_closed_at is set once, in the
    same transaction as the decision, so a second run sends nothing. Answers letters sent.
    """
    now = now or timezone.now()
    with transaction.atomic():
        contest = Contest.objects.select_for_update().get(pk=contest_id)
        if contest.window_closed_at is not None or timezone.localdate(now) <= contest.applications_close:
            return 0
        contest.window_closed_at = now
        contest.save(update_fields=["window_closed_at"])
        pagecache_invalidate_on_commit(PAGE_GROUP)  # no longer shown as open
        owners = list(
            Application.objects.filter(contest=contest, status=ApplicationStatus.DRAFT)
            .select_related("user")
            .order_by("id")
        )
    sent = 0
    for application in owners:
        if application.user.email:
            try:
                _send_in_language(
                    application.user, "window_closed", {"contest": contest, "application": application}
                )
                sent += 1
            except OSError as error:
                logger.warning("window-closed letter for application %s not sent: %s", application.pk, error)
    return sent


def contests_to_close(*, now: datetime.datetime | None = None) -> list[int]:
    today = timezone.localdate(now or timezone.now())
    return list(
        Contest.objects.filter(window_closed_at__isnull=True, applications_close__lt=today).values_list(
            "pk", flat=True
        )
    )


def juror_remind(*, juror_id: int, now: datetime.datetime | None = None) -> int:
    """E-mail a juror how many sheets wait for them; at most once a day (reminded_at on the sheets)."""
    from django.contrib.auth import get_user_model

    now = now or timezone.now()
    since = now - datetime.timedelta(hours=20)
    with transaction.atomic():
        pending = ScoreSheet.objects.select_for_update().filter(
            juror_id=juror_id, submitted_at__isnull=True, stage__ends_on__gte=timezone.localdate(now)
        )
        pending_ids = list(pending.values_list("pk", flat=True))
        if not pending_ids or ScoreSheet.objects.filter(pk__in=pending_ids, reminded_at__gt=since).exists():
            return 0
        juror = get_user_model().objects.get(pk=juror_id)
        if not juror.email:
            return 0
        _send_in_language(juror, "jury_reminder", {"count": len(pending_ids)})
        ScoreSheet.objects.filter(pk__in=pending_ids).update(reminded_at=now)
    return len(pending_ids)


def jurors_to_remind(*, now: datetime.datetime | None = None) -> list[int]:
    today = timezone.localdate(now or timezone.now())
    return list(
        ScoreSheet.objects.filter(
            submitted_at__isnull=True, stage__starts_on__lte=today, stage__ends_on__gte=today
        )
        .values_list("juror_id", flat=True)
        .distinct()
    )
