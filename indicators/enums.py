from django.db import models
from django.utils.translation import gettext_lazy as _


class Mechanism(models.TextChoices):
    """The concept's mechanisms; PLANS gathers the action-plan indicators themselves."""

    PLANS = "plans", _("Action plans")
    DYNASTIES = "dynasties", _("Labour dynasties")
    YA_PROFI = "ya_profi", _("«Я-профи» contest")
    CAREER_GUIDANCE = "career_guidance", _("Career guidance")
    NUDGE = "nudge", _("Nudge banners")
    SURVEY = "survey", _("Values survey")
    MEDIA = "media", _("Media and outreach")


# The mechanisms an action-plan item can implement (every one but the plans themselves).
ITEM_MECHANISMS = [m for m in Mechanism if m != Mechanism.PLANS]


class ItemStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    OVERDUE = "overdue", _("Overdue")


class OutreachKind(models.TextChoices):
    TV = "tv", _("TV programme")
    RADIO = "radio", _("Radio programme")
    PODCAST = "podcast", _("Podcast")
    PUBLICATION = "publication", _("Press or online publication")
    SOCIAL = "social", _("Social-media post or challenge")
    BILLBOARD = "billboard", _("Billboard or banner")
    EXHIBITION = "exhibition", _("Photo exhibition")
    EVENT_COVERAGE = "event_coverage", _("Event coverage")


BROADCAST_KINDS = (OutreachKind.TV, OutreachKind.RADIO, OutreachKind.PODCAST)
PUBLICATION_KINDS = (OutreachKind.PUBLICATION, OutreachKind.SOCIAL, OutreachKind.EVENT_COVERAGE)


class Unit(models.TextChoices):
    COUNT = "count", _("units")
    PEOPLE = "people", _("people")
    PERCENT = "percent", _("%")
    INDEX = "index", _("index points (0–100)")


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Period(models.TextChoices):
    MONTH = "month", _("Month")
    QUARTER = "quarter", _("Quarter")
    YEAR = "year", _("Year")


class TargetStatus(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    BEHIND = "behind", _("Behind")
    NO_TARGET = "no_target", _("No target")
    NO_DATA = "no_data", _("No data source yet")


class RunKind(models.TextChoices):
    FULL = "full", _("Full")
    INCREMENTAL = "incremental", _("Incremental")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    SUCCEEDED = "succeeded", _("Succeeded")
    FAILED = "failed", _("Failed")
    SKIPPED = "skipped", _("Skipped")
