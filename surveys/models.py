"""The annual values survey: waves, their questions, anonymous responses and the population frame.

Anonymity by construction: a Response holds answers, the demographic block and the day it was
submitted — no user, token, IP, user agent or time of day. Whether a token has answered is kept in
Participation, a keyed hash with no link to the response and no timestamp, so neither table nor
their join says who answered what.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from .enums import (
    AgeGroup,
    Education,
    Employment,
    QuestionKind,
    Settlement,
    Sex,
    SurveyStatus,
    TextReview,
)


class Survey(models.Model):
    """One yearly wave of the questionnaire."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    intro = models.TextField(_("introduction"), blank=True)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"), help_text=_("The last day answers are accepted."))
    status = models.CharField(
        _("status"), max_length=10, choices=SurveyStatus.choices, default=SurveyStatus.DRAFT
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("survey wave")
        verbose_name_plural = _("survey waves")
        ordering = ["-year"]
        permissions = [("view_results", _("Can see the survey's full results and exports"))]

    def __str__(self) -> str:
        return f"{self.year}: {self.title}"

    def is_open_on(self, day) -> bool:
        return self.status == SurveyStatus.OPEN and self.opens_on <= day <= self.closes_on

    @property
    def is_published(self) -> bool:
        return self.status == SurveyStatus.PUBLISHED


class Section(models.Model):
    """A group of questions shown on one page."""

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="sections", verbose_name=_("survey wave"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["survey", "position", "id"]

    def __str__(self) -> str:
        return self.title


class Question(models.Model):
    survey = models.ForeignKey(
        Survey, models.CASCADE, related_name="questions", verbose_name=_("survey wave")
    )
    section = models.ForeignKey(Section, models.CASCADE, related_name="questions", verbose_name=_("section"))
    # Stable across waves: the same code in two years is the same question (year-over-year tables).
    code = models.SlugField(
        _("code"), max_length=40, help_text=_("Keep it from year to year for comparisons.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("type"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=500)
    help_text = models.CharField(_("hint"), max_length=300, blank=True)
    required = models.BooleanField(_("required"), default=True)
    # Show-if rule: this question is shown only when the answer to show_if_question is one of show_if_codes.
    show_if_question = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="dependants",
        verbose_name=_("show only if the answer to"),
    )
    show_if_codes = models.JSONField(
        _("is one of (choice codes)"),
        default=list,
        blank=True,
        help_text=_("Choice codes, or numbers for a scale question."),
    )
    # Labour values index: +1 counts the answer as is, -1 reversed (agreeing lowers the index), 0 not in it.
    index_direction = models.SmallIntegerField(
        _("labour values index"),
        default=0,
        choices=[(0, _("not in the index")), (1, _("in the index")), (-1, _("in the index, reversed"))],
    )

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["survey", "section__position", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["survey", "code"], name="survey_question_code_unique")]

    def __str__(self) -> str:
        return f"{self.code}. {self.text}"


class Choice(models.Model):
    question = models.ForeignKey(Question, models.CASCADE, related_name="choices", verbose_name=_("question"))
    code = models.SlugField(
        _("code"), max_length=40, help_text=_("Keep it from year to year for comparisons.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    label = models.CharField(_("answer"), max_length=300)

    class Meta:
        verbose_name = _("answer choice")
        verbose_name_plural = _("answer choices")
        ordering = ["question", "position", "id"]
        constraints = [models.UniqueConstraint(fields=["question", "code"], name="survey_choice_code_unique")]

    def __str__(self) -> str:
        return self.label


class Response(models.Model):
    """One completed questionnaire: answers, the demographic block and the day. Nothing else."""

    survey = models.ForeignKey(
        Survey, models.PROTECT, related_name="responses", verbose_name=_("survey wave")
    )
    submitted_on = models.DateField(_("submitted on"))
    region = models.ForeignKey("enbek.Region", models.PROTECT, related_name="+", verbose_name=_("region"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    age_group = models.CharField(_("age group"), max_length=5, choices=AgeGroup.choices)
    education = models.CharField(_("education"), max_length=12, choices=Education.choices)
    employment = models.CharField(_("employment"), max_length=14, choices=Employment.choices)
    settlement = models.CharField(_("settlement"), max_length=5, choices=Settlement.choices)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        indexes = [models.Index(fields=["survey", "region", "sex", "age_group"], name="survey_resp_cell_idx")]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.survey_id})"


class Answer(models.Model):
    """One answer: a choice (one row per ticked choice of a multiple question), a number or a text.

    The weighting cell (region, sex, age group) and the wave are copied from the response so that
    every table is one grouped scan of this table, without a join.
    """

    response = models.ForeignKey(Response, models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, models.PROTECT, related_name="answers")
    choice = models.ForeignKey(Choice, models.PROTECT, null=True, blank=True, related_name="answers")
    number = models.SmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    text_review = models.CharField(
        _("review"), max_length=10, choices=TextReview.choices, blank=True, default=""
    )
    survey = models.ForeignKey(Survey, models.CASCADE, related_name="+")
    region = models.ForeignKey("enbek.Region", models.PROTECT, related_name="+")
    sex = models.CharField(max_length=1, choices=Sex.choices)
    age_group = models.CharField(max_length=5, choices=AgeGroup.choices)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["survey", "question"], name="survey_answer_question_idx")]

    def __str__(self) -> str:
        return self.text[:80] or str(self.pk)


class CellCount(models.Model):
    """Answers counted by question, answer key and weighting cell, kept up to date by response_submit in
    the response's transaction: the results read at most a few thousand of these instead of scanning
    millions of answers. key is a choice code or a number; "*" counts the respondents who answered.
    Open-text answers are not counted here (they count only once approved, from Answer)."""

    RESPONDENTS = "*"

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="+")
    question = models.ForeignKey(Question, models.CASCADE, related_name="+")
    key = models.CharField(max_length=40)
    region = models.ForeignKey("enbek.Region", models.PROTECT, related_name="+")
    sex = models.CharField(max_length=1, choices=Sex.choices)
    age_group = models.CharField(max_length=5, choices=AgeGroup.choices)
    n = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("answer count by cell")
        verbose_name_plural = _("answer counts by cell")
        constraints = [
            models.UniqueConstraint(
                fields=["survey", "question", "key", "region", "sex", "age_group"],
                name="survey_cellcount_unique",
            )
        ]

    def __str__(self) -> str:
        return f"{self.question_id} {self.key}: {self.n}"


class Participation(models.Model):
    """That some token has answered this wave: HMAC(key, wave, token). No response link, no time."""

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64)

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(fields=["survey", "token_hash"], name="survey_participation_unique")
        ]

    def __str__(self) -> str:
        return self.token_hash[:12]


class Draft(models.Model):
    """Answers in progress, keyed like Participation (hashed token); deleted when the response is sent."""

    survey = models.ForeignKey(Survey, models.CASCADE, related_name="+")
    token_hash = models.CharField(max_length=64)
    data = models.JSONField(default=dict)
    page = models.PositiveSmallIntegerField(default=0)
    # The day only, to purge drafts abandoned after the wave closes.
    updated_on = models.DateField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["survey", "token_hash"], name="survey_draft_unique")]

    def __str__(self) -> str:
        return self.token_hash[:12]


class InvitationBatch(models.Model):
    """One-time codes for a field interviewer: printed, handed out, typed in by the respondent."""

    survey = models.ForeignKey(
        Survey, models.CASCADE, related_name="invitation_batches", verbose_name=_("survey wave")
    )
    label = models.CharField(
        _("label"), max_length=120, help_text=_("E.g. the interviewer and the district.")
    )
    region = models.ForeignKey(
        "enbek.Region", models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("region")
    )
    size = models.PositiveIntegerField(_("number of codes"), validators=[MinValueValidator(1)])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("invitation code batch")
        verbose_name_plural = _("invitation code batches")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.label


class InvitationCode(models.Model):
    # Whether a code was used is not stored here: that is its Participation (a hash), no link back.
    batch = models.ForeignKey(InvitationBatch, models.CASCADE, related_name="codes")
    code = models.CharField(max_length=12, unique=True)

    class Meta:
        ordering = ["batch", "id"]

    def __str__(self) -> str:
        return self.code


class PopulationCell(models.Model):
    """Adult population of one region × sex × age group: the weighting margins."""

    year = models.PositiveSmallIntegerField(_("year"))
    region = models.ForeignKey("enbek.Region", models.PROTECT, related_name="+", verbose_name=_("region"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    age_group = models.CharField(_("age group"), max_length=5, choices=AgeGroup.choices)
    population = models.PositiveIntegerField(_("population"))
    is_demo = models.BooleanField(_("demo figure"), default=False)
    source = models.CharField(_("source"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("population cell")
        verbose_name_plural = _("population cells")
        ordering = ["year", "region__code", "sex", "age_group"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "region", "sex", "age_group"], name="survey_population_cell_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.region_id} {self.sex} {self.age_group}: {self.population}"
