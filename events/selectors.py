"""Reads of the career-guidance events section, each in a fixed number of queries."""

import datetime

from django.db.models import Count, F, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enbek.aggregations import aggregate_by_period, filter_period, in_region
from enbek.models import Organization, Profession, User
from enbek.pagecache import cached_value
from enbek.worklist import WorkItem

from .enums import SEAT_STATUSES, EventStatus, RegistrationStatus
from .models import Event, Registration

PUBLIC_STATUSES = (EventStatus.PUBLISHED, EventStatus.FINISHED, EventStatus.CANCELLED)


# --- Who may do what --------------------------------------------------------------------------------
def can_manage_event(user, event: Event) -> bool:
    """Representatives of the event's organisation manage it; nobody else (not another enterprise)."""
    if user is None or not user.is_authenticated:
        return False
    return Organization.representatives.through.objects.filter(
        organization_id=event.organization_id, user_id=user.pk
    ).exists()


def can_coordinate_region(user, region_id: int | None) -> bool:
    if user is None or not user.is_authenticated or not user.has_perm("enbek.coordinate_region"):
        return False
    return user.is_ministry or (region_id is not None and user.coordinator_region_id == region_id)


def registration_window(event: Event) -> tuple[datetime.datetime | None, datetime.datetime]:
    """(opens, closes): opens None means as soon as published; closes defaults to the start."""
    return event.registration_opens_at, event.registration_closes_at or event.starts_at


# --- Public catalogue -------------------------------------------------------------------------------
def _seats_taken_subquery():
    return Coalesce(
        Subquery(
            Registration.objects.filter(event=OuterRef("pk"), status__in=SEAT_STATUSES)
            .order_by()
            .values("event")
            .annotate(total=Sum("seats"))
            .values("total")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def with_seats(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """Annotate seats_taken and seats_left in the same query (a correlated subquery, no join fan-out)."""
    return queryset.annotate(seats_taken=_seats_taken_subquery()).annotate(
        seats_left=Greatest(F("capacity") - F("seats_taken"), Value(0))
    )


def event_public() -> QuerySet[Event]:
    """Events anyone may see: not drafts, of organisations a coordinator or the ministry verified."""
    return Event.objects.filter(status__in=PUBLIC_STATUSES, organization__is_verified=True)


def event_public_list(
    *,
    region: int | None = None,
    kind: str | None = None,
    audience: str | None = None,
    profession: Profession | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
    has_seats: bool = False,
    upcoming_only: bool = True,
) -> QuerySet[Event]:
    """Published events matching the filters, soonest first, with their seats left."""
    queryset = Event.objects.filter(status=EventStatus.PUBLISHED, organization__is_verified=True)
    if upcoming_only and date_from is None:
        queryset = queryset.filter(ends_at__gte=timezone.now())
    if region is not None:
        queryset = queryset.filter(region_id=region)
    if kind:
        queryset = queryset.filter(kind=kind)
    if audience:
        queryset = queryset.filter(audience=audience)
    if profession is not None:
        queryset = queryset.filter(professions=profession)
    if date_from is not None:
        queryset = queryset.filter(ends_at__gte=_local_midnight(date_from))
    if date_to is not None:
        queryset = queryset.filter(starts_at__lt=_local_midnight(date_to + datetime.timedelta(days=1)))
    queryset = with_seats(queryset)
    if has_seats:
        queryset = queryset.filter(seats_left__gt=0)
    return queryset.select_related("organization", "region").order_by("starts_at", "id")


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def event_public_detail(*, pk: int) -> Event:
    """One public event with its seats, professions and photos (Event.DoesNotExist if not public)."""
    return (
        with_seats(event_public())
        .select_related("organization", "region")
        .prefetch_related("photos", Prefetch("professions", queryset=Profession.objects.order_by("code")))
        .get(pk=pk)
    )


def event_public_head(*, pk: int) -> Event:
    """One public event with its seats left (Event.DoesNotExist if not public): the event page's
    organisation, region, professions and photos are read only when its cached fragment is missing.

    The seats left come from the page cache's value store (group "events", which every registration,
    cancellation and promotion invalidates after its commit): planning the seats subquery cost more than
    the rest of a signed-in visitor's page."""
    event = event_public().get(pk=pk)
    event.seats_left = cached_value(
        "events", f"event.{event.pk}.seats_left", lambda: event_seats_left(event), timeout=5
    )
    return event


def event_seats_left(event: Event) -> int:
    taken = Registration.objects.filter(event=event, status__in=SEAT_STATUSES).aggregate(n=Sum("seats"))["n"]
    return max(event.capacity - (taken or 0), 0)


def event_extras(event: Event) -> dict:
    """The professions (by code) and photos an event page shows."""
    return {
        "professions": list(event.professions.order_by("code")),
        "photos": list(event.photos.all()),
    }


def event_month(*, year: int, month: int, region: int | None = None, kind: str | None = None) -> list[Event]:
    """Public events (published or finished) that overlap a month, for the calendar view."""
    first = datetime.date(year, month, 1)
    last = (first + datetime.timedelta(days=32)).replace(day=1)
    queryset = Event.objects.filter(
        status__in=(EventStatus.PUBLISHED, EventStatus.FINISHED),
        organization__is_verified=True,
        starts_at__lt=_local_midnight(last),
        ends_at__gte=_local_midnight(first),
    )
    if region is not None:
        queryset = queryset.filter(region_id=region)
    if kind:
        queryset = queryset.filter(kind=kind)
    return list(with_seats(queryset).select_related("organization", "region").order_by("starts_at", "id"))


def event_upcoming_list() -> QuerySet[Event]:
    """Published events that have not ended yet, soonest first."""
    return event_public_list()


def event_upcoming_count() -> int:
    return Event.objects.filter(
        status=EventStatus.PUBLISHED, organization__is_verified=True, ends_at__gte=timezone.now()
    ).count()


def event_upcoming_near(*, region_id: int | None, limit: int = 3) -> list[Event]:
    """For the home page: the next events in the person's region, else anywhere."""
    queryset = event_public_list()
    if region_id is not None:
        near = list(queryset.filter(region_id=region_id)[:limit])
        if near:
            return near
    return list(queryset[:limit])


def profession_panel(*, profession: Profession, region=None, language: str) -> dict | None:
    """The profession page's panel: upcoming published events that show this profession (region first)."""
    from django.utils import translation

    with translation.override(language):
        events = list(event_public_list(profession=profession)[:12])
        if not events:
            return None
        region_id = getattr(region, "pk", region)
        if region_id is not None:
            events.sort(key=lambda e: (e.region_id != region_id, e.starts_at, e.pk))
        events = events[:5]
        return {
            "template": "events/_profession_panel.html",
            "context": {
                "profession": profession,
                "events": events,
                "region_id": region_id,
                "more_url": reverse("events:index") + f"?profession={profession.code}",
            },
        }


# --- A person's registrations ------------------------------------------------------------------------
def registration_list_of(*, user: User) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(user=user)
        .select_related("event", "event__organization", "event__region")
        .order_by("-event__starts_at", "-id")
    )


def registration_active_for(*, event: Event, user) -> Registration | None:
    if user is None or not user.is_authenticated:
        return None
    return (
        Registration.objects.filter(
            event=event,
            user=user,
            status__in=(
                RegistrationStatus.CONFIRMED,
                RegistrationStatus.WAITLISTED,
                RegistrationStatus.ATTENDED,
                RegistrationStatus.NO_SHOW,
            ),
        )
        .order_by("-id")
        .first()
    )


def waitlist_position(registration: Registration) -> int | None:
    if registration.status != RegistrationStatus.WAITLISTED:
        return None
    return (
        Registration.objects.filter(event_id=registration.event_id, status=RegistrationStatus.WAITLISTED)
        .filter(
            Q(created_at__lt=registration.created_at)
            | Q(created_at=registration.created_at, id__lt=registration.pk)
        )
        .count()
        + 1
    )


# --- Enterprise area -------------------------------------------------------------------------------
def organizations_of(*, user: User) -> QuerySet[Organization]:
    return Organization.objects.filter(representatives=user).order_by("name")


def event_managed_list(*, user: User) -> QuerySet[Event]:
    """The events of the organisations this user represents (drafts included), newest start first."""
    return (
        with_seats(Event.objects.filter(organization__representatives=user))
        .annotate(
            waitlisted=Count("registrations", filter=Q(registrations__status=RegistrationStatus.WAITLISTED))
        )
        .select_related("organization", "region")
        .order_by("-starts_at", "-id")
    )


def event_managed(*, user: User, pk: int) -> Event:
    """One event of the user's organisations; Event.DoesNotExist (a 404) for any other."""
    return (
        with_seats(Event.objects.filter(organization__representatives=user))
        .select_related("organization", "region")
        .prefetch_related("photos", "professions")
        .get(pk=pk)
    )


def event_attendees(*, event: Event) -> QuerySet[Registration]:
    """Everyone registered, confirmed and attended first, then the waiting list in its order."""
    return Registration.objects.filter(event=event).select_related("user").order_by("created_at", "id")


# --- Coordinators ------------------------------------------------------------------------------------
def organizations_to_verify(*, user: User) -> QuerySet[Organization]:
    """Unverified organisations of the coordinator's region (every region for the ministry)."""
    queryset = Organization.objects.filter(is_verified=False)
    if not user.is_ministry:
        queryset = queryset.filter(region_id=user.coordinator_region_id)
    return (
        queryset.annotate(draft_events=Count("events", filter=Q(events__status=EventStatus.DRAFT)))
        .select_related("region")
        .order_by("-draft_events", "name")
    )


def event_region_list(*, user: User) -> QuerySet[Event]:
    """The coordinator's region's events (every status), for oversight."""
    queryset = Event.objects.all()
    if not user.is_ministry:
        queryset = queryset.filter(region_id=user.coordinator_region_id)
    return with_seats(queryset).select_related("organization", "region").order_by("-starts_at", "-id")


def event_work_items(user: User) -> list[WorkItem]:
    """Navigation links: coordinators, the organisations to verify; representatives, their events."""
    items = []
    if can_coordinate_region(user, user.coordinator_region_id) or (
        user.has_perm("enbek.coordinate_region") and user.is_ministry
    ):
        items.append(
            WorkItem(
                key="events.verification",
                label=_("Organisations to verify"),
                url=reverse("events:coordinator"),
                count=organizations_to_verify(user=user).count(),
                order=30,
            )
        )
    # Representatives hold enbek.change_organization: the permission cache spares everyone else a query.
    if (
        user.has_perm("enbek.change_organization")
        and Organization.representatives.through.objects.filter(user_id=user.pk).exists()
    ):
        items.append(
            WorkItem(
                key="events.manage",
                label=_("My organisation's events"),
                url=reverse("events:manage"),
                count=Event.objects.filter(
                    organization__representatives=user, status=EventStatus.DRAFT
                ).count(),
                order=31,
            )
        )
    return items


# --- Indicators: one pair per measure (indicators/registry.py) ---------------------------------------


def _held() -> QuerySet[Event]:
    # An event is held when it took place: published or finished, never cancelled; dated by its end.
    return Event.objects.filter(
        status__in=(EventStatus.PUBLISHED, EventStatus.FINISHED), ends_at__lte=timezone.now()
    )


def events_held_aggregate(*, date_from, date_to, period: str, by_region: bool = True) -> list[dict]:
    """Events that took place in the period (by their end), by the event's region."""
    return aggregate_by_period(
        _held(),
        date_field="ends_at",
        region_field="region_id",
        date_from=date_from,
        date_to=date_to,
        period=period,
        by_region=by_region,
    )


def events_held_rows(*, date_from, date_to, region_id: int | None = None) -> QuerySet[Event]:
    queryset = filter_period(_held(), "ends_at", date_from, date_to)
    return (
        in_region(queryset, "region_id", region_id)
        .select_related("region", "organization")
        .order_by("ends_at", "id")
    )


def _registrations() -> QuerySet[Registration]:
    # Every registration ever made that was not withdrawn, counted in people (a group's seats).
    return Registration.objects.exclude(status=RegistrationStatus.CANCELLED)


def event_registrations_aggregate(*, date_from, date_to, period: str, by_region: bool = True) -> list[dict]:
    """People registered in the period (a group counts its seats), by the event's region."""
    return aggregate_by_period(
        _registrations(),
        date_field="created_at",
        region_field="event__region_id",
        date_from=date_from,
        date_to=date_to,
        period=period,
        by_region=by_region,
        value=Sum("seats"),
    )


def event_registrations_rows(*, date_from, date_to, region_id: int | None = None) -> QuerySet[Registration]:
    queryset = filter_period(_registrations(), "created_at", date_from, date_to)
    return (
        in_region(queryset, "event__region_id", region_id)
        .select_related("event__region")
        .order_by("created_at", "id")
    )


def _checkin_eligible() -> QuerySet[Registration]:
    # Those who could have been checked in: confirmed for an event that took place (attended or not).
    return Registration.objects.filter(
        status__in=(RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW),
        event__status__in=(EventStatus.PUBLISHED, EventStatus.FINISHED),
    )


def event_checkin_eligible_aggregate(
    *, date_from, date_to, period: str, by_region: bool = True
) -> list[dict]:
    """Registrants whose attendance is settled (attended or no-show), by the event's end and region."""
    return aggregate_by_period(
        _checkin_eligible(),
        date_field="event__ends_at",
        region_field="event__region_id",
        date_from=date_from,
        date_to=date_to,
        period=period,
        by_region=by_region,
        value=Sum("seats"),
    )


def event_checkin_eligible_rows(
    *, date_from, date_to, region_id: int | None = None
) -> QuerySet[Registration]:
    queryset = filter_period(_checkin_eligible(), "event__ends_at", date_from, date_to)
    return (
        in_region(queryset, "event__region_id", region_id)
        .select_related("event__region")
        .order_by("event__ends_at", "id")
    )


def _attended() -> QuerySet[Registration]:
    return _checkin_eligible().filter(status=RegistrationStatus.ATTENDED)


def event_attended_aggregate(*, date_from, date_to, period: str, by_region: bool = True) -> list[dict]:
    """Registrants checked in at the event, by the event's end and region."""
    return aggregate_by_period(
        _attended(),
        date_field="event__ends_at",
        region_field="event__region_id",
        date_from=date_from,
        date_to=date_to,
        period=period,
        by_region=by_region,
        value=Sum("seats"),
    )


def event_attended_rows(*, date_from, date_to, region_id: int | None = None) -> QuerySet[Registration]:
    queryset = filter_period(_attended(), "event__ends_at", date_from, date_to)
    return (
        in_region(queryset, "event__region_id", region_id)
        .select_related("event__region")
        .order_by("event__ends_at", "id")
    )


def event_hosts_aggregate(*, date_from, date_to, period: str, by_region: bool = True) -> list[dict]:
    """Distinct organisations that held at least one event in the period (by the event's region)."""
    return aggregate_by_period(
        _held(),
        date_field="ends_at",
        region_field="region_id",
        date_from=date_from,
        date_to=date_to,
        period=period,
        by_region=by_region,
        value=Count("organization", distinct=True),
    )


def event_hosts_rows(*, date_from, date_to, region_id: int | None = None) -> QuerySet[Organization]:
    held = in_region(filter_period(_held(), "ends_at", date_from, date_to), "region_id", region_id)
    return (
        Organization.objects.filter(pk__in=held.values("organization_id"))
        .select_related("region")
        .order_by("name")
    )
