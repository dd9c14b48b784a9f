"""Writes of the career-guidance events section.

Capacity is the one hard rule: every change of who holds a seat (registration, cancellation,
promotion from the waiting list, a smaller capacity) happens in one transaction that first locks
the event row (SELECT … FOR UPDATE), so concurrent requests for the same event queue up behind the
lock and the seat count they read is the truth. A partial unique constraint on (event, user) for
active registrations backs the "one registration per person" rule at the database level.
"""

import datetime
import logging

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from enbek.images import process_image_upload
from enbek.models import Organization, Profession, User
from enbek.pagecache import pagecache_invalidate_on_commit
from enbek.validators import validate_phone

from .enums import ACTIVE_STATUSES, SEAT_STATUSES, EventStatus, RegistrationStatus
from .models import MAX_GROUP_SEATS, Event, EventPhoto, Registration
from .selectors import can_coordinate_region, can_manage_event, registration_window

logger = logging.getLogger(__name__)

# Check-in opens this long before the start and closes this long after the end; then no-shows are marked.
CHECKIN_OPENS_BEFORE = datetime.timedelta(hours=12)
CHECKIN_CLOSES_AFTER = datetime.timedelta(hours=6)
REMINDER_AHEAD = datetime.timedelta(hours=24)
MAX_PHOTOS = 8
#: The cached public pages showing events and their seats left (enbek.pagecache): list, calendar, detail,
#: API, the profession pages' panels and the home page. Registrations move it too: seats left stay exact.
PAGE_GROUP = "events"


class AlreadyRegistered(ValidationError):
    """The person already holds an active registration for this event (the API answers 409)."""


def _local(moment: datetime.datetime) -> str:
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


def _queue_notice(registration_ids: list[int], notice: str) -> None:
    from .tasks import send_notice

    ids = list(registration_ids)
    if ids:
        transaction.on_commit(lambda: [send_notice.delay(pk, notice) for pk in ids])


def _seats_taken(event: Event) -> int:
    return event.registrations.filter(status__in=SEAT_STATUSES).aggregate(total=Sum("seats"))["total"] or 0


def _require_manager(event: Event, user: User) -> None:
    if not can_manage_event(user, event):
        raise PermissionDenied(_("Only the organisation's representatives can manage this event."))


# --- Events ---------------------------------------------------------------------------------------
EDITABLE_FIELDS = (
    "title_kk",
    "title_ru",
    "description_kk",
    "description_ru",
    "kind",
    "audience",
    "grade_from",
    "grade_to",
    "region",
    "address_kk",
    "address_ru",
    "latitude",
    "longitude",
    "online_url",
    "starts_at",
    "ends_at",
    "capacity",
    "registration_opens_at",
    "registration_closes_at",
    "accessibility_kk",
    "accessibility_ru",
)


def _validate_event(event: Event) -> None:
    errors: dict[str, list[str]] = {}
    if event.starts_at and event.ends_at and event.ends_at < event.starts_at:
        errors.setdefault("ends_at", []).append(_("The event cannot end before it starts."))
    if event.grade_from and event.grade_to and event.grade_to < event.grade_from:
        errors.setdefault("grade_to", []).append(_("The last grade cannot be lower than the first."))
    closes = event.registration_closes_at
    opens = event.registration_opens_at
    if closes and event.ends_at and closes > event.ends_at:
        errors.setdefault("registration_closes_at", []).append(
            _("Registration cannot close after the event ends.")
        )
    if opens and closes and closes <= opens:
        errors.setdefault("registration_closes_at", []).append(_("Registration must close after it opens."))
    if (event.latitude is None) != (event.longitude is None):
        errors.setdefault("longitude", []).append(_("Give both the latitude and the longitude, or neither."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def event_create(
    *, user: User, organization: Organization, fields: dict, professions: list[Profession] | tuple = ()
) -> Event:
    """A new draft event of an organisation the user represents; nothing is public until published."""
    if not organization.representatives.filter(pk=user.pk).exists():
        raise PermissionDenied(_("You do not represent this organisation."))
    event = Event(organization=organization, created_by=user, status=EventStatus.DRAFT)
    for name in EDITABLE_FIELDS:
        if name in fields:
            setattr(event, name, fields[name])
    if event.region_id is None:
        event.region_id = organization.region_id
    _validate_event(event)
    event.save()
    event.professions.set(professions)
    return event


@transaction.atomic
def event_update(
    *, event: Event, user: User, fields: dict, professions: list[Profession] | tuple | None = None
) -> Event:
    """Change an event's details. A larger capacity moves people up from the waiting list at once;
    a capacity below the seats already confirmed is refused rather than dropping anyone."""
    _require_manager(event, user)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status in (EventStatus.FINISHED, EventStatus.CANCELLED):
        raise ValidationError(_("A finished or cancelled event can no longer be changed."))
    for name in EDITABLE_FIELDS:
        if name in fields:
            setattr(event, name, fields[name])
    _validate_event(event)
    taken = _seats_taken(event)
    if event.capacity < taken:
        raise ValidationError(
            {
                "capacity": [
                    _("%(taken)d seats are already taken: the capacity cannot be lower.") % {"taken": taken}
                ]
            }
        )
    event.save()
    if professions is not None:
        event.professions.set(professions)
    if event.status == EventStatus.PUBLISHED:
        _promote_waitlisted(event)
    pagecache_invalidate_on_commit(PAGE_GROUP)
    return event


@transaction.atomic
def event_publish(*, event: Event, user: User) -> Event:
    """Make a draft public. Only events of organisations verified by a coordinator or the ministry go out."""
    _require_manager(event, user)
    event = Event.objects.select_for_update().select_related("organization").get(pk=event.pk)
    if event.status != EventStatus.DRAFT:
        raise ValidationError(_("Only a draft can be published."))
    if not event.organization.is_verified:
        raise ValidationError(
            _(
                "Your organisation has not been verified yet. Your region's coordinator verifies it; "
                "the event stays a draft until then."
            ),
            code="not_verified",
        )
    if event.ends_at <= timezone.now():
        raise ValidationError(_("The event has already ended: change its dates before publishing."))
    event.status = EventStatus.PUBLISHED
    event.published_at = timezone.now()
    event.save(update_fields=["status", "published_at", "updated_at"])
    pagecache_invalidate_on_commit(PAGE_GROUP)
    return event


@transaction.atomic
def event_cancel(*, event: Event, user: User, reason: str = "") -> Event:
    """Cancel an event; every active registrant is told by e-mail. Nothing is deleted: the
    registrations stay with their statuses for the history and the statistics."""
    _require_manager(event, user)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status in (EventStatus.CANCELLED, EventStatus.FINISHED):
        raise ValidationError(_("This event is already finished or cancelled."))
    was_public = event.status == EventStatus.PUBLISHED
    event.status = EventStatus.CANCELLED
    event.cancelled_at = timezone.now()
    event.cancellation_reason = reason.strip()
    event.save(update_fields=["status", "cancelled_at", "cancellation_reason", "updated_at"])
    if was_public:
        ids = event.registrations.filter(
            status__in=(RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
        ).values_list("pk", flat=True)
        _queue_notice(list(ids), "event_cancelled")
    pagecache_invalidate_on_commit(PAGE_GROUP)
    return event


def event_photo_add(*, event: Event, user: User, upload, caption: str = "") -> EventPhoto:
    """Attach a photo, re-encoded by Pillow (EXIF and GPS gone, random name, size limits)."""
    _require_manager(event, user)
    if event.photos.count() >= MAX_PHOTOS:
        raise ValidationError({"image": [_("An event has at most %(n)d photos.") % {"n": MAX_PHOTOS}]})
    try:
        processed = process_image_upload(upload)
    except ValidationError as error:
        raise ValidationError({"image": error.messages}) from None
    photo = EventPhoto(event=event, caption=caption.strip(), position=event.photos.count())
    photo.image.save(processed.display.name, processed.display, save=False)
    photo.thumbnail.save(processed.thumbnail.name, processed.thumbnail, save=False)
    photo.save()
    pagecache_invalidate_on_commit(PAGE_GROUP)
    return photo


def event_photo_delete(*, photo: EventPhoto, user: User) -> None:
    _require_manager(photo.event, user)
    files = [photo.image.name, photo.thumbnail.name]
    storage = photo.image.storage
    photo.delete()
    pagecache_invalidate_on_commit(PAGE_GROUP)
    transaction.on_commit(lambda: [storage.delete(name) for name in files if name])


# --- Registrations --------------------------------------------------------------------------------
def _refusal(event: Event, seats: int, now: datetime.datetime) -> ValidationError | None:
    if event.status == EventStatus.CANCELLED:
        return ValidationError(_("The event has been cancelled."), code="cancelled")
    if event.status == EventStatus.FINISHED or event.ends_at <= now:
        return ValidationError(_("The event has already taken place."), code="finished")
    if event.status != EventStatus.PUBLISHED or not event.organization.is_verified:
        return ValidationError(_("This event is not open for registration."), code="not_published")
    opens, closes = registration_window(event)
    if opens and now < opens:
        return ValidationError(
            _("Registration opens on %(date)s.") % {"date": _local(opens)}, code="not_open_yet"
        )
    if now >= closes:
        return ValidationError(
            _("Registration closed on %(date)s.") % {"date": _local(closes)}, code="closed"
        )
    if seats < 1 or seats > MAX_GROUP_SEATS:
        return ValidationError(
            _("A group can have from 1 to %(max)d seats.") % {"max": MAX_GROUP_SEATS}, code="seats"
        )
    if seats > event.capacity:
        return ValidationError(
            _("The event has %(capacity)d seats in all: a group of %(seats)d does not fit.")
            % {"capacity": event.capacity, "seats": seats},
            code="too_many_seats",
        )
    return None


@transaction.atomic
def registration_create(
    *,
    event_id: int,
    user: User,
    seats: int = 1,
    contact_name: str = "",
    contact_phone: str = "",
    now: datetime.datetime | None = None,
) -> Registration:
    """Register a person (or a teacher's group of `seats`) for an event.

    The event row is locked first, so the seats counted here cannot be taken by a concurrent
    request before the insert: the capacity is never exceeded. A full event puts the person on the
    waiting list; a group larger than the seats still left (when some are left) is refused with the
    number of seats left, since a partial booking would split the class.
    """
    now = now or timezone.now()
    # What can be checked without the event is checked before taking its lock (kept short).
    if seats > 1:
        errors = {}
        if not contact_name.strip():
            errors["contact_name"] = [_("Give the name of the group's contact person.")]
        if not contact_phone.strip():
            errors["contact_phone"] = [_("Give a phone number to reach the group.")]
        else:
            try:
                validate_phone(contact_phone.strip())
            except ValidationError as error:
                errors["contact_phone"] = error.messages
        if errors:
            raise ValidationError(errors)
    try:
        event = Event.objects.select_for_update(of=("self",)).select_related("organization").get(pk=event_id)
    except Event.DoesNotExist:
        raise ValidationError(_("This event is not open for registration."), code="not_published") from None
    refusal = _refusal(event, seats, now)
    if refusal is not None:
        raise refusal
    if event.registrations.filter(user=user, status__in=ACTIVE_STATUSES).exists():
        raise AlreadyRegistered(_("You are already registered for this event."), code="already_registered")
    left = event.capacity - _seats_taken(event)
    if left <= 0:
        status = RegistrationStatus.WAITLISTED
    elif seats <= left:
        status = RegistrationStatus.CONFIRMED
    else:
        raise ValidationError(
            _("Only %(left)d seats are left: register a smaller group.") % {"left": left},
            code="too_many_seats",
        )
    registration = Registration(
        event=event,
        user=user,
        seats=seats,
        contact_name=contact_name.strip(),
        contact_phone=contact_phone.strip(),
        status=status,
    )
    try:
        with transaction.atomic():
            registration.save()
    except IntegrityError:
        raise AlreadyRegistered(
            _("You are already registered for this event."), code="already_registered"
        ) from None
    _queue_notice([registration.pk], "registered")
    pagecache_invalidate_on_commit(PAGE_GROUP)  # the seats left shown on the public pages
    return registration


def _promote_waitlisted(event: Event, now: datetime.datetime | None = None) -> list[Registration]:
    """Move the first waiting registrations that fit into the free seats, in order of registration.

    The caller holds the lock on the event. A waiting group too large for the free seats is passed
    over (it keeps its place) and smaller registrations after it may go first.
    """
    now = now or timezone.now()
    if event.status != EventStatus.PUBLISHED or event.starts_at <= now:
        return []
    free = event.capacity - _seats_taken(event)
    promoted = []
    if free <= 0:
        return promoted
    for registration in event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
        "created_at", "id"
    ):
        if registration.seats <= free:
            registration.status = RegistrationStatus.CONFIRMED
            registration.promoted_at = now
            registration.save(update_fields=["status", "promoted_at", "updated_at"])
            promoted.append(registration)
            free -= registration.seats
            if free == 0:
                break
    _queue_notice([r.pk for r in promoted], "promoted")
    if promoted:
        pagecache_invalidate_on_commit(PAGE_GROUP)
    return promoted


@transaction.atomic
def registration_cancel(*, registration: Registration, user: User) -> Registration:
    """The person cancels their registration or leaves the waiting list; a freed seat goes to the
    first waiting registration(s) that fit, who are told by e-mail."""
    if registration.user_id != user.pk:
        raise PermissionDenied(_("This is not your registration."))
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status not in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED):
        raise ValidationError(_("This registration can no longer be cancelled."), code="not_active")
    if event.starts_at <= timezone.now():
        raise ValidationError(_("The event has already started."), code="started")
    held_seats = registration.status == RegistrationStatus.CONFIRMED
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at", "updated_at"])
    if held_seats:
        _promote_waitlisted(event)
    pagecache_invalidate_on_commit(PAGE_GROUP)
    return registration


def normalise_ticket_code(code: str) -> str:
    return "".join(ch for ch in (code or "").upper() if ch.isalnum())


@transaction.atomic
def registration_check_in(
    *, event: Event, user: User, code: str, now: datetime.datetime | None = None
) -> Registration:
    """Mark the holder of a ticket as attended, by the code typed or scanned from the ticket's QR."""
    _require_manager(event, user)
    now = now or timezone.now()
    if event.status not in (EventStatus.PUBLISHED, EventStatus.FINISHED):
        raise ValidationError({"code": [_("Check-in is only possible at a published event.")]})
    if now < event.starts_at - CHECKIN_OPENS_BEFORE:
        raise ValidationError(
            {
                "code": [
                    _("Check-in opens on %(date)s.")
                    % {"date": _local(event.starts_at - CHECKIN_OPENS_BEFORE)}
                ]
            }
        )
    if now > event.ends_at + CHECKIN_CLOSES_AFTER:
        raise ValidationError({"code": [_("Check-in for this event is closed.")]})
    code = normalise_ticket_code(code)
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(event=event, ticket_code=code)
        .first()
    )
    if registration is None:
        raise ValidationError({"code": [_("No ticket with this code for this event.")]})
    if registration.status == RegistrationStatus.ATTENDED:
        raise ValidationError(
            {
                "code": [
                    _("This ticket was already checked in at %(time)s.")
                    % {"time": _local(registration.checked_in_at)}
                ]
            }
        )
    if registration.status == RegistrationStatus.WAITLISTED:
        raise ValidationError({"code": [_("This person is on the waiting list, not confirmed.")]})
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError({"code": [_("This registration was cancelled.")]})
    registration.status = RegistrationStatus.ATTENDED
    registration.checked_in_at = now
    registration.save(update_fields=["status", "checked_in_at", "updated_at"])
    return registration


# --- Coordinators -----------------------------------------------------------------------------------
@transaction.atomic
def organization_verify(*, organization: Organization, user: User) -> Organization:
    """A coordinator of its region (or the ministry) confirms the organisation: its events may go public."""
    if not can_coordinate_region(user, organization.region_id):
        raise PermissionDenied(_("You cannot verify organisations of this region."))
    Organization.objects.filter(pk=organization.pk).update(is_verified=True)
    organization.is_verified = True
    pagecache_invalidate_on_commit(PAGE_GROUP)  # its published events become public
    logger.info("organisation %s verified by user %s", organization.pk, user.pk)
    return organization


# --- Scheduled work ---------------------------------------------------------------------------------
def events_mark_finished(*, now: datetime.datetime | None = None) -> int:
    """Published events whose end has passed become finished."""
    now = now or timezone.now()
    finished = Event.objects.filter(status=EventStatus.PUBLISHED, ends_at__lte=now).update(
        status=EventStatus.FINISHED, updated_at=now
    )
    if finished:
        pagecache_invalidate_on_commit(PAGE_GROUP)
    return finished


def registrations_mark_no_shows(*, now: datetime.datetime | None = None) -> int:
    """Confirmed people who were not checked in by the time check-in closed did not come."""
    now = now or timezone.now()
    return Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        event__status__in=(EventStatus.PUBLISHED, EventStatus.FINISHED),
        event__ends_at__lte=now - CHECKIN_CLOSES_AFTER,
    ).update(status=RegistrationStatus.NO_SHOW, updated_at=now)


def registrations_due_reminder(*, now: datetime.datetime | None = None) -> list[int]:
    now = now or timezone.now()
    return list(
        Registration.objects.filter(
            status=RegistrationStatus.CONFIRMED,
            reminder_sent_at__isnull=True,
            event__status=EventStatus.PUBLISHED,
            event__starts_at__gt=now,
            event__starts_at__lte=now + REMINDER_AHEAD,
        ).values_list("pk", flat=True)
    )


NOTICES = {"registered", "promoted", "event_cancelled", "reminder"}


@transaction.atomic
def registration_send_notice(*, registration_id: int, notice: str) -> bool:
    """E-mail one registrant, in their own language. A reminder is sent at most once: the row is
    locked and stamped in the same transaction as the sending, so a second run finds it stamped."""
    if notice not in NOTICES:
        raise ValueError(notice)
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event", "event__organization", "user")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return False
    if notice == "reminder":
        if registration.reminder_sent_at is not None or registration.status != RegistrationStatus.CONFIRMED:
            return False
        registration.reminder_sent_at = timezone.now()
        registration.save(update_fields=["reminder_sent_at"])
    user = registration.user
    with translation.override(user.preferred_language or settings.LANGUAGE_CODE):
        context = {
            "registration": registration,
            "event": registration.event,
            "user": user,
            "notice": notice,
            "ticket_url": settings.SITE_URL.rstrip("/") + reverse("events:ticket", args=[registration.pk]),
        }
        subject = " ".join(render_to_string("events/email/notice_subject.txt", context).split())
        body = render_to_string("events/email/notice_body.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
    return True
