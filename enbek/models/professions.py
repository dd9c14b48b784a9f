"""The classifier of labour every section shares: spheres of labour and professions."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..enums import EDUCATION_KINDS, Audience, EntryPath, StudyForm
from ..validators import HttpUrlValidator, validate_holland_code, validate_profession_code


class Sphere(models.Model):
    """A sphere of labour (metallurgy, railway, education…): dynasties, professions and events sit in one."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("sphere")
        verbose_name_plural = _("spheres")

    def __str__(self) -> str:
        return self.name


class ProfessionQuerySet(models.QuerySet):
    def active(self) -> "ProfessionQuerySet":
        return self.filter(is_active=True)

    def with_interest(self, letter: str) -> "ProfessionQuerySet":
        """Professions whose interest code contains this Holland letter (R, I, A, S, E or C)."""
        return self.filter(interest_code__contains=letter.upper())

    def with_path(self, *paths: str) -> "ProfessionQuerySet":
        """Professions reachable by every one of these paths (EntryPath values)."""
        return self.filter(**{f"path_{EntryPath(path).value}": True for path in paths})

    def suiting(self, *audiences: str) -> "ProfessionQuerySet":
        """Professions that suit every one of these audiences (Audience values)."""
        return self.filter(**{f"suits_{Audience(audience).value}": True for audience in audiences})


class Profession(models.Model):
    """A profession of the shared classifier, coded after ISCO-08 as Kazakhstan's classifier of occupations.

    Loaded from enbek/data/professions.csv by migration (update_or_create by code); sections link to it
    (a dynasty member's profession, career-guidance events, «Я-профи» nominations).
    """

    code = models.CharField(
        _("code"),
        max_length=7,
        unique=True,
        validators=[validate_profession_code],
        help_text=_("ISCO-08 unit group and a number within it, e.g. 7212-01."),
    )
    name = models.CharField(_("name"), max_length=150)
    sphere = models.ForeignKey(
        Sphere, models.PROTECT, related_name="professions", verbose_name=_("sphere of labour")
    )
    description = models.TextField(
        _("description"), help_text=_("What the work is, where it is done and what to learn for it.")
    )
    interest_code = models.CharField(
        _("interest code"),
        max_length=3,
        validators=[validate_holland_code],
        help_text=_("One to three letters of Holland's types R, I, A, S, E, C, the strongest first."),
    )
    path_college = models.BooleanField(EntryPath.COLLEGE.label, default=False)
    path_university = models.BooleanField(EntryPath.UNIVERSITY.label, default=False)
    path_on_the_job = models.BooleanField(EntryPath.ON_THE_JOB.label, default=False)
    path_retraining = models.BooleanField(EntryPath.RETRAINING.label, default=False)
    suits_pupils = models.BooleanField(Audience.PUPILS.label, default=False)
    suits_students = models.BooleanField(Audience.STUDENTS.label, default=False)
    suits_career_changers = models.BooleanField(Audience.CAREER_CHANGERS.label, default=False)
    suits_over_50 = models.BooleanField(Audience.OVER_50.label, default=False)
    is_active = models.BooleanField(_("active"), default=True)

    objects = ProfessionQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("profession")
        verbose_name_plural = _("professions")
        indexes = [models.Index(fields=["sphere", "is_active"], name="profession_sphere_active")]

    def __str__(self) -> str:
        return self.name

    @property
    def isco_group(self) -> str:
        return self.code[:4]

    @property
    def paths(self) -> list[str]:
        """The EntryPath values of this profession, in the enum's order."""
        return [path.value for path in EntryPath if getattr(self, f"path_{path.value}")]

    @property
    def audiences(self) -> list[str]:
        """The Audience values this profession suits, in the enum's order."""
        return [audience.value for audience in Audience if getattr(self, f"suits_{audience.value}")]

    @property
    def interest_types(self) -> list[str]:
        return list(self.interest_code)


class TrainingProgramme(models.Model):
    """What an education provider (college, university, training centre) teaches for a profession."""

    organization = models.ForeignKey(
        "enbek.Organization",
        models.CASCADE,
        related_name="training_programmes",
        verbose_name=_("education provider"),
        limit_choices_to={"kind__in": EDUCATION_KINDS},
    )
    profession = models.ForeignKey(
        Profession, models.PROTECT, related_name="training_programmes", verbose_name=_("profession")
    )
    title = models.CharField(_("programme"), max_length=255, help_text=_("As the provider names it."))
    url = models.URLField(
        _("link to the programme"), max_length=500, blank=True, validators=[HttpUrlValidator()]
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration in months"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    study_form = models.CharField(_("form of study"), max_length=12, choices=StudyForm.choices, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["organization", "profession", "id"]
        verbose_name = _("training programme")
        verbose_name_plural = _("training programmes")
        indexes = [models.Index(fields=["profession", "is_active"], name="programme_profession_active")]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        if self.organization_id and self.organization.kind not in EDUCATION_KINDS:
            raise ValidationError(
                {"organization": _("Only a college, a university or a training centre lists programmes.")}
            )
