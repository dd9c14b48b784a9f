from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    OPEN_DAY = "open_day", _("Open day")
    EXCURSION = "excursion", _("Excursion")
    MEETING = "meeting", _("Meeting with professionals")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")
