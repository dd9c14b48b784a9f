from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from enbek.richtext import STORY_MAX_LENGTH
from enbek.validators import MultilineTextValidator, SingleLineValidator

from ..enums import DynastyStatus

YEAR_VALIDATORS = [MinValueValidator(1850), MaxValueValidator(2100)]
# Longest free texts a family writes (per language); forms and serializers use the same numbers.
AWARDS_MAX_LENGTH = 2000
RETURN_REASON_MAX_LENGTH = 2000


class Dynasty(models.Model):
    """A family that has worked in one sphere for at least two generations.

    members_count, generations and total_years are derived from the members by one SQL UPDATE in
    dynasties.services.dynasty_refresh_figures (never by Python loops) and stored so that the
    list can filter and sort 20,000 dynasties on indexes; search_text and search_vector likewise.
    """

    family_name = models.CharField(_("family name"), max_length=200, validators=[SingleLineValidator()])
    slug = models.SlugField(_("slug"), max_length=220, unique=True)
    sphere = models.ForeignKey(
        "enbek.Sphere", models.PROTECT, related_name="dynasties", verbose_name=_("sphere")
    )
    region = models.ForeignKey(
        "enbek.Region", models.PROTECT, related_name="dynasties", verbose_name=_("region")
    )
    organization = models.ForeignKey(
        "enbek.Organization",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="dynasties",
        verbose_name=_("main organisation"),
    )
    founded_year = models.PositiveSmallIntegerField(
        _("year the dynasty began"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    story = models.TextField(
        _("story"),
        blank=True,
        max_length=STORY_MAX_LENGTH,
        validators=[MaxLengthValidator(STORY_MAX_LENGTH), MultilineTextValidator()],
        help_text=_("Markdown or plain text."),
    )
    # The story rendered and sanitised once, when it was saved (dynasties.services.dynasty_render_story):
    # pages and the API show this and never run the Markdown renderer per request.
    story_html = models.TextField(editable=False, blank=True, default="")
    cover = models.ForeignKey(
        "dynasties.Photo",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cover photo"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=DynastyStatus.choices, default=DynastyStatus.DRAFT
    )
    return_reason = models.TextField(
        _("reason for return"),
        blank=True,
        max_length=RETURN_REASON_MAX_LENGTH,
        validators=[MaxLengthValidator(RETURN_REASON_MAX_LENGTH), MultilineTextValidator()],
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="submitted_dynasties",
        verbose_name=_("submitted by"),
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    members_count = models.PositiveIntegerField(_("members"), default=0, editable=False)
    generations = models.PositiveSmallIntegerField(_("generations"), default=0, editable=False)
    total_years = models.PositiveIntegerField(_("combined years of service"), default=0, editable=False)
    search_text = models.TextField(editable=False, blank=True, default="")
    search_vector = SearchVectorField(null=True, editable=False)
    # The one-time token of the form that created this draft: that form sent again (Back, then
    # Save; a double click) finds this draft instead of creating a second one.
    creation_token = models.UUIDField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("labour dynasty")
        verbose_name_plural = _("labour dynasties")
        permissions = [("moderate_dynasty", _("Can publish or return dynasties"))]
        indexes = [
            models.Index(fields=["status", "-published_at"], name="dynasty_status_published"),
            models.Index(fields=["status", "region", "-published_at"], name="dynasty_status_region"),
            models.Index(fields=["status", "-generations"], name="dynasty_status_generations"),
            models.Index(fields=["status", "-total_years"], name="dynasty_status_years"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["submitted_by", "creation_token"], name="dynasty_creation_token_unique"
            )
        ]

    def __str__(self) -> str:
        return self.family_name

    def get_absolute_url(self) -> str:
        return reverse("dynasties:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.status == DynastyStatus.PUBLISHED

    @property
    def is_editable(self) -> bool:
        return self.status in {DynastyStatus.DRAFT, DynastyStatus.RETURNED}


class Member(models.Model):
    """A member of the dynasty: generation 1 is the founder; parent draws the family tree."""

    dynasty = models.ForeignKey(Dynasty, models.CASCADE, related_name="members", verbose_name=_("dynasty"))
    full_name = models.CharField(_("full name"), max_length=200, validators=[SingleLineValidator()])
    generation = models.PositiveSmallIntegerField(
        _("generation"),
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("1 is the founder."),
    )
    parent = models.ForeignKey(
        "self", models.SET_NULL, null=True, blank=True, related_name="children", verbose_name=_("parent")
    )
    birth_year = models.PositiveSmallIntegerField(
        _("year of birth"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    death_year = models.PositiveSmallIntegerField(
        _("year of death"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    profession = models.CharField(
        _("profession or position"), max_length=200, blank=True, validators=[SingleLineValidator()]
    )
    # The classifier's profession, when the family names one; the free text above stays as written
    # (a position such as "head of the shop", or the family's own words).
    profession_ref = models.ForeignKey(
        "enbek.Profession",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="dynasty_members",
        verbose_name=_("profession in the classifier"),
    )
    organization_name = models.CharField(
        _("organisation"), max_length=255, blank=True, validators=[SingleLineValidator()]
    )
    start_year = models.PositiveSmallIntegerField(
        _("started work"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    end_year = models.PositiveSmallIntegerField(
        _("finished work"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Empty if still working."),
    )
    awards = models.TextField(
        _("awards"),
        blank=True,
        max_length=AWARDS_MAX_LENGTH,
        validators=[MaxLengthValidator(AWARDS_MAX_LENGTH), MultilineTextValidator()],
    )
    photo = models.ImageField(_("photo"), upload_to="dynasties/members/", blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["generation", "position", "id"]
        verbose_name = _("dynasty member")
        verbose_name_plural = _("dynasty members")
        indexes = [models.Index(fields=["dynasty", "generation"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_year__isnull=True)
                | models.Q(start_year__isnull=True)
                | models.Q(end_year__gte=models.F("start_year")),
                name="member_end_after_start",
            ),
            models.CheckConstraint(
                condition=models.Q(death_year__isnull=True)
                | models.Q(birth_year__isnull=True)
                | models.Q(death_year__gte=models.F("birth_year")),
                name="member_death_after_birth",
            ),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def profession_label(self) -> str:
        """The job title as the family wrote it, else the classifier's name (profession_ref loaded)."""
        if self.profession:
            return self.profession
        return self.profession_ref.name if self.profession_ref_id else ""
