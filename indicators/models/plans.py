from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from enbek.validators import HttpUrlValidator

from ..enums import ItemStatus, Mechanism


class ActionPlan(models.Model):
    """The republican «Рухани жаңғыру» action plan of a year (region empty) or one region's plan."""

    region = models.ForeignKey(
        "enbek.Region",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="action_plans",
        verbose_name=_("region"),
        help_text=_("Empty for the republican plan."),
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2020), MaxValueValidator(2100)]
    )
    title = models.CharField(_("title"), max_length=255)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-year", "region__code"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.UniqueConstraint(
                fields=["region", "year"], condition=models.Q(region__isnull=False), name="plan_region_year"
            ),
            models.UniqueConstraint(
                fields=["year"], condition=models.Q(region__isnull=True), name="plan_republic_year"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ActionPlanItem(models.Model):
    """One line of an action plan: what, by whom, by when, and whether it was done (with evidence)."""

    plan = models.ForeignKey(ActionPlan, models.CASCADE, related_name="items", verbose_name=_("plan"))
    number = models.CharField(_("number"), max_length=20)
    title = models.CharField(_("title"), max_length=500)
    mechanism = models.CharField(_("mechanism"), max_length=20, choices=Mechanism.choices)
    responsible = models.CharField(_("responsible body"), max_length=255)
    deadline = models.DateField(_("deadline"))
    completion_form = models.CharField(_("form of completion"), max_length=255, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ItemStatus.choices, default=ItemStatus.PLANNED
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    evidence_url = models.URLField(
        _("evidence link"), max_length=500, blank=True, validators=[HttpUrlValidator()]
    )
    evidence_file = models.ImageField(
        _("evidence (scan or photo)"), upload_to="indicators/evidence/", blank=True
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["plan", "position", "id"]
        verbose_name = _("action plan item")
        verbose_name_plural = _("action plan items")
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="plan_item_number")]
        indexes = [
            models.Index(fields=["status", "deadline"], name="plan_item_status_deadline"),
            models.Index(fields=["deadline"], name="plan_item_deadline"),
            models.Index(fields=["completed_on"], name="plan_item_completed"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"
