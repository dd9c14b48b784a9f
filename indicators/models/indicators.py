from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..enums import Direction, Mechanism, Period, RunKind, RunStatus, Unit


class Indicator(models.Model):
    """An effectiveness indicator of the catalogue (indicators.catalogue); computed per indicators.sources."""

    code = models.CharField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    direction = models.CharField(
        _("direction"), max_length=10, choices=Direction.choices, default=Direction.HIGHER
    )
    mechanism = models.CharField(_("mechanism"), max_length=20, choices=Mechanism.choices)
    # A count that adds up over the year (pro-rated against the target) or a level (a share, an index).
    is_cumulative = models.BooleanField(_("adds up over the year"), default=True)
    is_published = models.BooleanField(
        _("published as open data"), default=False, help_text=_("Shown on the public page and in the API.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        permissions = [
            ("view_dashboard", _("Can see the indicators dashboard")),
            ("run_aggregation", _("Can start a full recalculation of the indicators")),
        ]

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    """The value an indicator should reach in a year, for one region or (region empty) the republic."""

    indicator = models.ForeignKey(
        Indicator, models.CASCADE, related_name="targets", verbose_name=_("indicator")
    )
    region = models.ForeignKey(
        "enbek.Region",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("region"),
        help_text=_("Empty for the republic."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.FloatField(_("target value"))

    class Meta:
        ordering = ["indicator", "year", "region__code"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "year"],
                condition=models.Q(region__isnull=False),
                name="target_region_year",
            ),
            models.UniqueConstraint(
                fields=["indicator", "year"],
                condition=models.Q(region__isnull=True),
                name="target_republic_year",
            ),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="target_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year}: {self.value:g}"


class IndicatorValue(models.Model):
    """A snapshot: the indicator's value for one region (or the republic) and one month, quarter or year."""

    indicator = models.ForeignKey(
        Indicator, models.CASCADE, related_name="values", verbose_name=_("indicator")
    )
    region = models.ForeignKey(
        "enbek.Region", models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("region")
    )
    period = models.CharField(_("period"), max_length=8, choices=Period.choices)
    period_start = models.DateField(_("period start"))
    value = models.FloatField(_("value"))
    computed_at = models.DateTimeField(_("computed at"))

    class Meta:
        ordering = ["indicator", "period", "period_start", "region__code"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        # Two partial constraints: a plain unique constraint treats every NULL region as distinct.
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "region", "period", "period_start"],
                condition=models.Q(region__isnull=False),
                name="value_region_period",
            ),
            models.UniqueConstraint(
                fields=["indicator", "period", "period_start"],
                condition=models.Q(region__isnull=True),
                name="value_republic_period",
            ),
        ]
        indexes = [models.Index(fields=["period", "period_start"], name="value_period_start")]

    def __str__(self) -> str:
        return (
            f"{self.indicator_id} {self.region_id or '-'} {self.period} {self.period_start}: {self.value:g}"
        )


class AggregationRun(models.Model):
    """One recalculation of the snapshots: when, what, how it ended, how many rows it wrote."""

    kind = models.CharField(_("kind"), max_length=12, choices=RunKind.choices)
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("queued at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    date_from = models.DateField(_("from"), null=True, blank=True)
    date_to = models.DateField(_("to (exclusive)"), null=True, blank=True)
    progress_done = models.PositiveIntegerField(_("indicators done"), default=0)
    progress_total = models.PositiveIntegerField(_("indicators to do"), default=0)
    rows_written = models.PositiveIntegerField(_("rows written"), default=0)
    waited_seconds = models.FloatField(_("waited for the lock (s)"), default=0)
    note = models.CharField(_("note"), max_length=255, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("aggregation run")
        verbose_name_plural = _("aggregation runs")
        indexes = [models.Index(fields=["status", "-created_at"], name="run_status_created")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} {self.status}"

    @property
    def is_active(self) -> bool:
        return self.status in {RunStatus.QUEUED, RunStatus.RUNNING}

    @property
    def percent(self) -> int:
        if not self.progress_total:
            return 100 if self.status == RunStatus.SUCCEEDED else 0
        return round(100 * self.progress_done / self.progress_total)
