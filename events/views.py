"""Pages of the career-guidance events section: the public catalogue, tickets, the enterprise's own
area and the coordinators' verification. Views validate and call a service; selectors read."""

import calendar as pycalendar
import datetime
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from enbek.models import Organization
from enbek.pagecache import cache_public_page, lazy
from enbek.privacy import mask_phone

from . import exports, ical, services
from .enums import EventStatus, RegistrationStatus
from .forms import (
    CancelEventForm,
    CheckInForm,
    EventFilterForm,
    EventForm,
    PhotoForm,
    RegistrationForm,
    apply_service_errors,
)
from .models import Event, EventPhoto, Registration
from .selectors import (
    can_coordinate_region,
    event_attendees,
    event_extras,
    event_managed,
    event_managed_list,
    event_month,
    event_public_detail,
    event_public_head,
    event_public_list,
    event_region_list,
    organizations_of,
    organizations_to_verify,
    registration_active_for,
    registration_list_of,
    registration_window,
    waitlist_position,
)

PAGE_SIZE = 20
FEED_LIMIT = 500


def _filters(request) -> tuple[EventFilterForm, dict]:
    form = EventFilterForm(request.GET or None)
    return form, form.selector_kwargs()


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


# Seats left must never be stale by more than a few seconds: a short timeout on top of the invalidation by
# every registration, cancellation and promotion (events.services).
@cache_public_page("events", timeout=5)
@require_GET
def index(request):
    form, kwargs = _filters(request)
    # Lazy: a signed-in visitor gets the list from the page's public fragment, without these queries.
    page = lazy(lambda: Paginator(event_public_list(**kwargs), PAGE_SIZE).get_page(request.GET.get("page")))
    query = _query_without_page(request)
    return render(
        request,
        "events/index.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "feed_url": reverse("events:feed") + (f"?{query}" if query else ""),
        },
    )


def _month(request) -> tuple[int, int]:
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-", 1))
        datetime.date(year, month, 1)
        if not 2000 <= year <= 2100:
            raise ValueError
    except ValueError:
        return today.year, today.month
    return year, month


@cache_public_page("events", timeout=5)
@require_GET
def month_calendar(request):
    form, kwargs = _filters(request)
    year, month = _month(request)
    events = event_month(year=year, month=month, region=kwargs["region"], kind=kwargs["kind"])
    by_day: dict[datetime.date, list[Event]] = {}
    for event in events:
        day = timezone.localtime(event.starts_at).date()
        last = timezone.localtime(event.ends_at).date()
        while day <= last:
            by_day.setdefault(day, []).append(event)
            day += datetime.timedelta(days=1)
    weeks = [
        [{"date": day, "in_month": day.month == month, "events": by_day.get(day, [])} for day in week]
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    first = datetime.date(year, month, 1)
    previous = (first - datetime.timedelta(days=1)).replace(day=1)
    following = (first + datetime.timedelta(days=32)).replace(day=1)
    query = request.GET.copy()
    query.pop("month", None)
    base = query.urlencode()
    return render(
        request,
        "events/calendar.html",
        {
            "form": form,
            "weeks": weeks,
            "month": first,
            "events": events,
            "previous_url": "?"
            + urlencode({"month": previous.strftime("%Y-%m")})
            + (f"&{base}" if base else ""),
            "next_url": "?"
            + urlencode({"month": following.strftime("%Y-%m")})
            + (f"&{base}" if base else ""),
            "weekdays": [datetime.date(2024, 1, day) for day in range(1, 8)],  # 1 Jan 2024 was a Monday
        },
    )


def _public_event(pk: int) -> Event:
    try:
        return event_public_detail(pk=pk)
    except Event.DoesNotExist:
        raise Http404 from None


@cache_public_page("events", timeout=5)
@require_GET
def detail(request, pk: int):
    try:
        event = event_public_head(pk=pk)
    except Event.DoesNotExist:
        raise Http404 from None
    registration = registration_active_for(event=event, user=request.user)
    opens, closes = registration_window(event)
    now = timezone.now()
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            # Lazy: shown only inside the page's public fragment.
            "extras": lazy(lambda: event_extras(event)),
            "registration": registration,
            "form": RegistrationForm(),
            "opens": opens,
            "closes": closes,
            "not_open_yet": opens is not None and now < opens,
            "is_open": event.status == EventStatus.PUBLISHED
            and (opens is None or opens <= now)
            and now < closes,
            "position": waitlist_position(registration) if registration else None,
        },
    )


@login_required
@require_POST
def register(request, pk: int):
    event = _public_event(pk)
    form = RegistrationForm(request.POST)
    if form.is_valid():
        try:
            registration = services.registration_create(
                event_id=event.pk,
                user=request.user,
                seats=form.cleaned_data["seats"],
                contact_name=form.cleaned_data["contact_name"],
                contact_phone=form.cleaned_data["contact_phone"],
            )
        except services.AlreadyRegistered:
            messages.info(request, _("You are already registered for this event."))
            return redirect("events:detail", pk=event.pk)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            if registration.status == RegistrationStatus.WAITLISTED:
                messages.info(request, _("The event is full: you are on the waiting list."))
            else:
                messages.success(request, _("You are registered. Here is your ticket."))
            return redirect("events:ticket", pk=registration.pk)
    opens, closes = registration_window(event)
    return render(
        request,
        "events/detail.html",
        {
            "event": event,
            "extras": lazy(lambda: event_extras(event)),
            "registration": None,
            "form": form,
            "opens": opens,
            "closes": closes,
            "is_open": True,
        },
        status=400,
    )


def _own_registration(request, pk: int) -> Registration:
    # Another person's registration is a 404: its existence is not disclosed.
    return get_object_or_404(
        Registration.objects.select_related("event", "event__organization", "event__region"),
        pk=pk,
        user=request.user,
    )


def checkin_url(registration: Registration) -> str:
    """What the ticket's QR code holds: the organiser's check-in page with the code filled in."""
    path = reverse("events:manage_checkin", args=[registration.event_id])
    return settings.SITE_URL.rstrip("/") + path + "?" + urlencode({"code": registration.ticket_code})


@login_required
@require_GET
def ticket(request, pk: int):
    registration = _own_registration(request, pk)
    qr_svg = None
    if registration.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED):
        qr_svg = segno.make(checkin_url(registration), error="m").svg_inline(
            scale=5, dark="#1a1a1a", title=_("Ticket QR code")
        )
    return render(
        request,
        "events/ticket.html",
        {
            "registration": registration,
            "event": registration.event,
            "qr_svg": qr_svg,
            "position": waitlist_position(registration),
            "can_cancel": registration.status in (RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED)
            and registration.event.starts_at > timezone.now(),
        },
    )


@login_required
@require_POST
def registration_cancel(request, pk: int):
    registration = _own_registration(request, pk)
    was_waitlisted = registration.status == RegistrationStatus.WAITLISTED
    try:
        services.registration_cancel(registration=registration, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("events:ticket", pk=registration.pk)
    messages.success(
        request,
        _("You have left the waiting list.") if was_waitlisted else _("Your registration is cancelled."),
    )
    return redirect("my_registrations")


@login_required
@require_GET
def my_registrations(request):
    return render(request, "events/mine.html", {"registrations": registration_list_of(user=request.user)})


def _feed_response(events, *, name: str, filename: str) -> HttpResponse:
    response = HttpResponse(ical.calendar(events, name=name), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def event_ics(request, pk: int):
    event = _public_event(pk)
    return _feed_response([event], name=event.title, filename=f"event-{event.pk}.ics")


@require_GET
def feed(request):
    form, kwargs = _filters(request)
    if request.GET and not form.is_valid():
        return HttpResponse(
            "\n".join(f"{field}: {' '.join(errors)}" for field, errors in form.errors.items()),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    events = list(event_public_list(**kwargs)[:FEED_LIMIT])
    return _feed_response(events, name=_("Career-guidance events"), filename="events.ics")


# --- The enterprise's own area ------------------------------------------------------------------------
def _managed(request, pk: int) -> Event:
    try:
        return event_managed(user=request.user, pk=pk)
    except Event.DoesNotExist:
        raise Http404 from None


@login_required
@require_GET
def manage(request):
    organizations = list(organizations_of(user=request.user))
    if not organizations:
        raise PermissionDenied(_("Only enterprise representatives have an events area."))
    return render(
        request,
        "events/manage/list.html",
        {"organizations": organizations, "events": event_managed_list(user=request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def manage_new(request):
    organizations = list(organizations_of(user=request.user))
    if not organizations:
        raise PermissionDenied(_("Only enterprise representatives can create events."))
    organization = organizations[0]
    if len(organizations) > 1 and request.GET.get("organization"):
        organization = next(
            (o for o in organizations if str(o.pk) == request.GET["organization"]), organization
        )
    form = EventForm(request.POST or None, initial={"region": organization.region_id})
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(
                user=request.user,
                organization=organization,
                fields=form.service_fields(),
                professions=form.cleaned_data["professions"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The event is saved as a draft. Publish it when it is ready."))
            return redirect("events:manage_event", pk=event.pk)
    return render(
        request, "events/manage/form.html", {"form": form, "organization": organization, "event": None}
    )


@login_required
@require_http_methods(["GET", "POST"])
def manage_edit(request, pk: int):
    event = _managed(request, pk)
    form = EventForm(
        request.POST or None, instance=event, initial={"professions": list(event.professions.all())}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.event_update(
                event=event,
                user=request.user,
                fields=form.service_fields(),
                professions=form.cleaned_data["professions"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The event is saved."))
            return redirect("events:manage_event", pk=event.pk)
    return render(
        request, "events/manage/form.html", {"form": form, "organization": event.organization, "event": event}
    )


@login_required
@require_GET
def manage_event(request, pk: int):
    event = _managed(request, pk)
    attendees = list(event_attendees(event=event))
    unmasked = _unmasked(request.user, event)
    for registration in attendees:
        phone = registration.contact_phone or registration.user.phone
        registration.phone_display = phone if unmasked else mask_phone(phone)
    return render(
        request,
        "events/manage/event.html",
        {
            "event": event,
            "confirmed": [
                r
                for r in attendees
                if r.status
                in (RegistrationStatus.CONFIRMED, RegistrationStatus.ATTENDED, RegistrationStatus.NO_SHOW)
            ],
            "waitlist": [r for r in attendees if r.status == RegistrationStatus.WAITLISTED],
            "cancelled": [r for r in attendees if r.status == RegistrationStatus.CANCELLED],
            "checkin_form": CheckInForm(),
            "cancel_form": CancelEventForm(),
            "photo_form": PhotoForm(),
        },
    )


def _unmasked(user, event: Event) -> bool:
    """The event's organiser (who created it) and staff allowed to see personal data see phones in full."""
    return user.pk == event.created_by_id or user.has_perm("enbek.view_personal_data")


@login_required
@require_POST
def manage_publish(request, pk: int):
    event = _managed(request, pk)
    try:
        services.event_publish(event=event, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The event is published."))
    return redirect("events:manage_event", pk=event.pk)


@login_required
@require_POST
def manage_cancel(request, pk: int):
    event = _managed(request, pk)
    form = CancelEventForm(request.POST)
    if form.is_valid():
        try:
            services.event_cancel(event=event, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("The event is cancelled; everyone registered is being told by e-mail.")
            )
    return redirect("events:manage_event", pk=event.pk)


@login_required
@require_POST
def manage_photo_add(request, pk: int):
    event = _managed(request, pk)
    form = PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.event_photo_add(
                event=event,
                user=request.user,
                upload=form.cleaned_data["image"],
                caption=form.cleaned_data["caption"],
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("The photo is added."))
            return redirect("events:manage_event", pk=event.pk)
    messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("events:manage_event", pk=event.pk)


@login_required
@require_POST
def manage_photo_delete(request, pk: int, photo_pk: int):
    event = _managed(request, pk)
    photo = get_object_or_404(EventPhoto, pk=photo_pk, event=event)
    services.event_photo_delete(photo=photo, user=request.user)
    messages.success(request, _("The photo is removed."))
    return redirect("events:manage_event", pk=event.pk)


@login_required
@require_http_methods(["GET", "POST"])
def manage_checkin(request, pk: int):
    """Check-in by a typed code (POST) or by the QR scanned with a camera (GET ?code=…, then confirm)."""
    event = _managed(request, pk)
    form = CheckInForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    checked = None
    if request.method == "POST" and form.is_valid():
        try:
            checked = services.registration_check_in(
                event=event, user=request.user, code=form.cleaned_data["code"]
            )
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            form = CheckInForm()
    return render(
        request,
        "events/manage/checkin.html",
        {"event": event, "form": form, "checked": checked},
        status=400 if form.errors else 200,
    )


@login_required
@require_GET
def manage_export(request, pk: int, fmt: str):
    event = _managed(request, pk)
    header, rows = exports.attendee_rows(
        event_attendees(event=event), unmasked=_unmasked(request.user, event)
    )
    if fmt == "csv":
        response = HttpResponse(exports.as_csv(header, rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            exports.as_xlsx(header, rows, title=_("Attendees")),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = f'attachment; filename="event-{event.pk}-attendees.{fmt}"'
    return response


# --- Coordinators -----------------------------------------------------------------------------------------
def _require_coordinator(user) -> None:
    if not (user.has_perm("enbek.coordinate_region") and (user.is_ministry or user.coordinator_region_id)):
        raise PermissionDenied(_("Only regional coordinators and the ministry verify organisations."))


@login_required
@require_GET
def coordinator(request):
    _require_coordinator(request.user)
    events = Paginator(event_region_list(user=request.user), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "events/coordinator.html",
        {
            "organizations": organizations_to_verify(user=request.user),
            "page": events,
            "events": events.object_list,
        },
    )


@login_required
@require_POST
def coordinator_verify(request, pk: int):
    _require_coordinator(request.user)
    organization = get_object_or_404(Organization, pk=pk)
    if not can_coordinate_region(request.user, organization.region_id):
        raise Http404
    services.organization_verify(organization=organization, user=request.user)
    messages.success(
        request, _("%(name)s is verified: its events can now be published.") % {"name": organization.name}
    )
    return redirect("events:coordinator")
