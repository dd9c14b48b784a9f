import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from enbek.validators import HttpUrlValidator, validate_phone

from .enums import ACTIVE_STATUSES, EventAudience, EventKind, EventStatus, RegistrationStatus

# Ticket codes avoid letters and digits that are easy to confuse when typed from paper (0/O, 1/I/L).
TICKET_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
TICKET_LENGTH = 10
MAX_GROUP_SEATS = 40


def new_ticket_code() -> str:
    return "".join(secrets.choice(TICKET_ALPHABET) for _ in range(TICKET_LENGTH))


class Event(models.Model):
    """A career-guidance event an enterprise holds: an open day, an excursion, a meeting, a master class."""

    organization = models.ForeignKey(
        "enbek.Organization", models.CASCADE, related_name="events", verbose_name=_("organisation")
    )
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=12, choices=EventKind.choices, default=EventKind.OPEN_DAY)
    professions = models.ManyToManyField(
        "enbek.Profession", blank=True, related_name="events", verbose_name=_("professions shown")
    )
    audience = models.CharField(
        _("audience"), max_length=16, choices=EventAudience.choices, default=EventAudience.ANY_AGE
    )
    # School pupils only: the grades (1–11) the event suits.
    grade_from = models.PositiveSmallIntegerField(
        _("from grade"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(11)]
    )
    grade_to = models.PositiveSmallIntegerField(
        _("to grade"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(11)]
    )
    region = models.ForeignKey(
        "enbek.Region", models.PROTECT, related_name="events", verbose_name=_("region")
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    online_url = models.URLField(
        _("online link"), max_length=500, blank=True, validators=[HttpUrlValidator()]
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("seats"), default=30, validators=[MinValueValidator(1)])
    registration_opens_at = models.DateTimeField(
        _("registration opens"),
        null=True,
        blank=True,
        help_text=_("Empty: as soon as the event is published."),
    )
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: when the event starts.")
    )
    accessibility = models.TextField(_("accessibility notes"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    cancellation_reason = models.TextField(_("reason for cancellation"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["status", "starts_at"]),
            models.Index(fields=["region", "status", "starts_at"]),
            models.Index(fields=["organization", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.CheckConstraint(condition=models.Q(capacity__gte=1), name="event_capacity_positive"),
            models.CheckConstraint(
                condition=models.Q(grade_from__isnull=True)
                | models.Q(grade_to__isnull=True)
                | models.Q(grade_to__gte=models.F("grade_from")),
                name="event_grades_ordered",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EventPhoto(models.Model):
    """A photo of the event's site, re-encoded on upload (enbek.images): display size and thumbnail."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="photos", verbose_name=_("event"))
    image = models.ImageField(
        _("image"), upload_to="events/photos/", width_field="width", height_field="height"
    )
    thumbnail = models.ImageField(_("thumbnail"), upload_to="events/thumbs/")
    width = models.PositiveIntegerField(default=0, editable=False)
    height = models.PositiveIntegerField(default=0, editable=False)
    caption = models.CharField(_("caption"), max_length=255, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("event photo")
        verbose_name_plural = _("event photos")

    def __str__(self) -> str:
        return self.caption or self.image.name


class Registration(models.Model):
    """A person's (or a teacher's group's) place at an event: confirmed, on the waiting list, and so on."""

    event = models.ForeignKey(Event, models.CASCADE, related_name="registrations", verbose_name=_("event"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="event_registrations", verbose_name=_("person")
    )
    seats = models.PositiveSmallIntegerField(
        _("seats"), default=1, validators=[MinValueValidator(1), MaxValueValidator(MAX_GROUP_SEATS)]
    )
    # A group (a teacher with a class): its contact person and phone. Personal data: masked for others.
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_phone = models.CharField(
        _("contact phone"), max_length=16, blank=True, validators=[validate_phone]
    )
    status = models.CharField(
        _("status"), max_length=12, choices=RegistrationStatus.choices, default=RegistrationStatus.CONFIRMED
    )
    ticket_code = models.CharField(_("ticket code"), max_length=12, unique=True, default=new_ticket_code)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    promoted_at = models.DateTimeField(_("moved from the waiting list at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        indexes = [
            models.Index(fields=["event", "status", "created_at"]),
            models.Index(fields=["user", "status"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "user"],
                condition=models.Q(status__in=[s.value for s in ACTIVE_STATUSES]),
                name="registration_one_active_per_user",
            ),
            models.CheckConstraint(
                condition=models.Q(seats__gte=1) & models.Q(seats__lte=MAX_GROUP_SEATS),
                name="registration_seats_range",
            ),
        ]

    def __str__(self) -> str:
        return self.ticket_code

    @property
    def is_group(self) -> bool:
        return self.seats > 1

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_STATUSES
