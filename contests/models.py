"""«Я-профи», the contest of working professions: contests, nominations, stages, applications, jury.

Personal data: the applicant's IIN is never stored in full. An application keeps a keyed HMAC-SHA256
of it (`iin_hash`, unique per contest: one application per person), its last four digits for the
masked form `********1234`, and the birth date and sex the IIN encodes (the eligibility rules need
those). See README ««Я-профи» contest» for the reasoning.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from enbek.enums import Language

from .enums import ApplicationStatus, ContestStatus, Education, PortfolioKind, RankingRule


class Contest(models.Model):
    """One year's «Я-профи»: the rules, the application window, eligibility and the ranking rule.

    The window is inclusive of whole days in the portal's time zone (Asia/Almaty): applications are
    accepted from 00:00 on `applications_open` to 23:59:59 on `applications_close`.
    """

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000)])
    title = models.CharField(_("title"), max_length=255)
    rules = models.TextField(_("rules"), blank=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    applications_open = models.DateField(_("applications open"))
    applications_close = models.DateField(_("applications close"))
    status = models.CharField(
        _("status"), max_length=12, choices=ContestStatus.choices, default=ContestStatus.DRAFT
    )
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=18)
    max_age = models.PositiveSmallIntegerField(_("maximum age"), default=63)
    min_experience_years = models.PositiveSmallIntegerField(_("minimum years of experience"), default=1)
    ranking_rule = models.CharField(
        _("ranking rule"), max_length=8, choices=RankingRule.choices, default=RankingRule.MEAN
    )
    results_published_at = models.DateTimeField(_("results published at"), null=True, blank=True)
    results_published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("results published by"),
    )
    window_closed_at = models.DateTimeField(_("window closed at"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-applications_open"]
        verbose_name = _("contest")
        verbose_name_plural = _("contests")
        constraints = [
            models.CheckConstraint(
                condition=Q(applications_close__gte=F("applications_open")), name="contest_window_ordered"
            ),
            models.CheckConstraint(condition=Q(max_age__gte=F("min_age")), name="contest_age_range_ordered"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def results_published(self) -> bool:
        return self.results_published_at is not None


class Nomination(models.Model):
    """A profession of the shared classifier competed for in one contest."""

    contest = models.ForeignKey(
        Contest, models.CASCADE, related_name="nominations", verbose_name=_("contest")
    )
    profession = models.ForeignKey(
        "enbek.Profession", models.PROTECT, related_name="contest_nominations", verbose_name=_("profession")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(fields=["contest", "profession"], name="nomination_profession_once")
        ]

    def __str__(self) -> str:
        return str(self.profession.name)


class Stage(models.Model):
    """A round: regional qualifying rounds are ranked per region, the national final across the country."""

    contest = models.ForeignKey(Contest, models.CASCADE, related_name="stages", verbose_name=_("contest"))
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    is_regional = models.BooleanField(
        _("ranked per region"), default=True, help_text=_("Regional round: ranking and advancing per region.")
    )
    advance_count = models.PositiveSmallIntegerField(
        _("advance per region and nomination"),
        default=3,
        help_text=_("How many of each region and nomination go on to the next stage (the final: places)."),
    )
    exclude_same_region = models.BooleanField(
        _("no jurors from the applicant's region"),
        default=False,
        help_text=_("Conflict of interest: a juror never scores an applicant of their own region."),
    )
    jurors_per_application = models.PositiveSmallIntegerField(
        _("jurors per application"), default=3, validators=[MinValueValidator(1)]
    )
    advanced_at = models.DateTimeField(_("advanced at"), null=True, blank=True, editable=False)
    advanced_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    ranked_at = models.DateTimeField(_("ranking computed at"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["contest", "order"]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        constraints = [
            models.UniqueConstraint(fields=["contest", "order"], name="stage_order_once"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="stage_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.title


class Criterion(models.Model):
    """A scoring criterion: for the whole contest, or for one nomination only."""

    contest = models.ForeignKey(Contest, models.CASCADE, related_name="criteria", verbose_name=_("contest"))
    nomination = models.ForeignKey(
        Nomination,
        models.CASCADE,
        null=True,
        blank=True,
        related_name="criteria",
        verbose_name=_("nomination"),
        help_text=_("Empty: the criterion applies to every nomination."),
    )
    name = models.CharField(_("name"), max_length=200)
    max_points = models.PositiveSmallIntegerField(
        _("maximum points"), default=10, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(condition=Q(max_points__gte=1), name="criterion_max_positive"),
            models.CheckConstraint(condition=Q(weight__gt=0), name="criterion_weight_positive"),
        ]

    def __str__(self) -> str:
        return self.name


class Application(models.Model):
    """One person's application to one contest, from draft to winner."""

    contest = models.ForeignKey(
        Contest, models.PROTECT, related_name="applications", verbose_name=_("contest")
    )
    nomination = models.ForeignKey(
        Nomination,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("nomination"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.CASCADE,
        related_name="contest_applications",
        verbose_name=_("contestant"),
    )
    # The IIN itself is not kept: a keyed hash for the one-per-person rule, the last 4 for masking.
    iin_hash = models.CharField(max_length=64, blank=True, editable=False)
    iin_last4 = models.CharField(max_length=4, blank=True, editable=False)
    birth_date = models.DateField(_("birth date"), null=True, blank=True, editable=False)
    sex = models.CharField(_("sex"), max_length=6, blank=True, editable=False)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=16, blank=True)
    region = models.ForeignKey(
        "enbek.Region", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("region")
    )
    organization = models.ForeignKey(
        "enbek.Organization",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="contest_applications",
        verbose_name=_("employer (registered organisation)"),
    )
    employer_name = models.CharField(_("employer"), max_length=255, blank=True)
    experience_years = models.PositiveSmallIntegerField(_("years of experience"), null=True, blank=True)
    education = models.CharField(_("education"), max_length=12, choices=Education.choices, blank=True)
    story = models.TextField(_("your path in the profession"), blank=True)
    story_language = models.CharField(
        _("language of the story"), max_length=2, choices=Language.choices, default=Language.KK
    )
    photo_in_gallery = models.BooleanField(_("show my photo in the winners' gallery"), default=False)
    consent_at = models.DateTimeField(
        _("consent to personal-data processing given at"), null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ApplicationStatus.choices, default=ApplicationStatus.DRAFT
    )
    reject_reason = models.TextField(_("reason for rejection"), blank=True)
    stage = models.ForeignKey(
        Stage, models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("current stage")
    )
    place = models.PositiveSmallIntegerField(_("place"), null=True, blank=True)
    step = models.PositiveSmallIntegerField(default=1, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["contest", "iin_hash"], condition=~Q(iin_hash=""), name="application_iin_once"
            ),
            models.UniqueConstraint(fields=["contest", "user"], name="application_user_once"),
            models.CheckConstraint(
                condition=Q(status="draft") | (Q(consent_at__isnull=False) & ~Q(iin_hash="")),
                name="application_submitted_has_consent_and_iin",
            ),
            models.CheckConstraint(
                condition=Q(place__isnull=True) | Q(status="winner"), name="application_place_only_winner"
            ),
        ]
        indexes = [
            models.Index(fields=["contest", "status", "region"], name="application_queue"),
            models.Index(fields=["submitted_at"], name="application_submitted"),
        ]

    def __str__(self) -> str:
        return f"#{self.pk}"

    @property
    def iin_masked(self) -> str:
        return f"********{self.iin_last4}" if self.iin_last4 else ""

    @property
    def employer(self) -> str:
        return str(self.organization.name) if self.organization_id else self.employer_name


class StatusChange(models.Model):
    """The application's history as its owner sees it: each status with when, who and why."""

    application = models.ForeignKey(Application, models.CASCADE, related_name="history")
    status = models.CharField(_("status"), max_length=10, choices=ApplicationStatus.choices)
    stage = models.ForeignKey(Stage, models.SET_NULL, null=True, blank=True, related_name="+")
    reason = models.TextField(_("reason"), blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.status}"


class PortfolioFile(models.Model):
    """A photo of the contestant's work (re-encoded, EXIF dropped) or a PDF (≤ 10 MB, checked)."""

    application = models.ForeignKey(Application, models.CASCADE, related_name="files")
    kind = models.CharField(_("kind"), max_length=6, choices=PortfolioKind.choices)
    file = models.FileField(_("file"), upload_to="contests/portfolio/")
    thumbnail = models.ImageField(_("thumbnail"), upload_to="contests/thumbs/", blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    pages = models.PositiveSmallIntegerField(_("pages"), null=True, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    is_portrait = models.BooleanField(_("portrait of the contestant"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("portfolio file")
        verbose_name_plural = _("portfolio files")

    def __str__(self) -> str:
        return self.title or self.file.name


class StageEntry(models.Model):
    """An application taking part in a stage, with its computed score and rank (SQL, see selectors)."""

    stage = models.ForeignKey(Stage, models.CASCADE, related_name="entries")
    application = models.ForeignKey(Application, models.CASCADE, related_name="stage_entries")
    score = models.DecimalField(max_digits=10, decimal_places=4, null=True, blank=True)
    top_criterion_score = models.DecimalField(max_digits=10, decimal_places=4, null=True, blank=True)
    jurors_scored = models.PositiveSmallIntegerField(default=0)
    rank = models.PositiveIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["stage", "rank", "id"]
        verbose_name = _("stage entry")
        verbose_name_plural = _("stage entries")
        constraints = [models.UniqueConstraint(fields=["stage", "application"], name="stage_entry_once")]
        indexes = [models.Index(fields=["stage", "rank"], name="stage_entry_rank")]

    def __str__(self) -> str:
        return f"{self.stage_id}/{self.application_id}"


class JuryAssignment(models.Model):
    """A juror's remit in a stage: one nomination, optionally one region."""

    juror = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="jury_assignments", verbose_name=_("juror")
    )
    stage = models.ForeignKey(Stage, models.CASCADE, related_name="jury", verbose_name=_("stage"))
    nomination = models.ForeignKey(
        Nomination, models.CASCADE, related_name="jury", verbose_name=_("nomination")
    )
    region = models.ForeignKey(
        "enbek.Region", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("region")
    )

    class Meta:
        verbose_name = _("jury assignment")
        verbose_name_plural = _("jury assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["juror", "stage", "nomination", "region"],
                name="jury_assignment_once",
                nulls_distinct=False,
            )
        ]

    def __str__(self) -> str:
        return f"{self.juror} · {self.stage} · {self.nomination}"


class ScoreSheet(models.Model):
    """One juror's review of one application in one stage; submitted once, then read-only."""

    stage = models.ForeignKey(Stage, models.CASCADE, related_name="sheets")
    application = models.ForeignKey(Application, models.CASCADE, related_name="sheets")
    juror = models.ForeignKey(settings.AUTH_USER_MODEL, models.CASCADE, related_name="score_sheets")
    submitted_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("score sheet")
        verbose_name_plural = _("score sheets")
        constraints = [
            models.UniqueConstraint(fields=["stage", "application", "juror"], name="score_sheet_once")
        ]
        indexes = [models.Index(fields=["juror", "submitted_at"], name="score_sheet_juror")]

    def __str__(self) -> str:
        return f"{self.stage_id}/{self.application_id}/{self.juror_id}"


class Score(models.Model):
    """Points for one criterion, in [0, max_points] (copied from the criterion), or an explicit abstain."""

    sheet = models.ForeignKey(ScoreSheet, models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, models.CASCADE, related_name="scores")
    points = models.PositiveSmallIntegerField(_("points"), null=True, blank=True)
    max_points = models.PositiveSmallIntegerField()
    abstain = models.BooleanField(_("abstain"), default=False)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(fields=["sheet", "criterion"], name="score_once"),
            models.CheckConstraint(
                condition=(Q(abstain=True) & Q(points__isnull=True))
                | (
                    Q(abstain=False)
                    & Q(points__isnull=False)
                    & Q(points__gte=0)
                    & Q(points__lte=F("max_points"))
                ),
                name="score_points_in_range_or_abstain",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.sheet_id}/{self.criterion_id}"
