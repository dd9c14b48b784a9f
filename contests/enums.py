from django.db import models
from django.utils.translation import gettext_lazy as _


class ContestStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


class RankingRule(models.TextChoices):
    """How the jurors' weighted totals of one application become its score."""

    MEAN = "mean", _("Mean of the jurors' totals")
    MEDIAN = "median", _("Median of the jurors' totals")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")
    ADVANCED = "advanced", _("Advanced to the next stage")
    FINALIST = "finalist", _("Finalist")
    WINNER = "winner", _("Winner")


# Statuses in which an application takes part in the contest (ranked, scored, shown to jurors).
IN_COMPETITION = (
    ApplicationStatus.ACCEPTED,
    ApplicationStatus.ADVANCED,
    ApplicationStatus.FINALIST,
    ApplicationStatus.WINNER,
)


class Education(models.TextChoices):
    SECONDARY = "secondary", _("Secondary school")
    VOCATIONAL = "vocational", _("Technical and vocational (college)")
    HIGHER = "higher", _("Higher (university)")
    COURSES = "courses", _("Courses and training on the job")


class PortfolioKind(models.TextChoices):
    IMAGE = "image", _("Photo")
    PDF = "pdf", _("PDF document")
