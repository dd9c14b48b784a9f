from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    OPEN_DAY = "open_day", _("Open day")
    EXCURSION = "excursion", _("Excursion")
    MEETING = "meeting", _("Meeting with professionals")
    MASTER_CLASS = "master_class", _("Master class")
    ONLINE_TOUR = "online_tour", _("Online tour")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    FINISHED = "finished", _("Finished")
    CANCELLED = "cancelled", _("Cancelled")


class EventAudience(models.TextChoices):
    PUPILS = "pupils", _("School pupils")
    STUDENTS = "students", _("College and university students")
    JOB_SEEKERS = "job_seekers", _("Job seekers")
    CAREER_CHANGERS = "career_changers", _("Adults changing careers")
    ANY_AGE = "any_age", _("Any age")


class RegistrationStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Did not come")


# Every status but "cancelled" is an active registration: one per user per event.
ACTIVE_STATUSES = (
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.NO_SHOW,
)
# The statuses that hold seats of the event's capacity.
SEAT_STATUSES = (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW)
