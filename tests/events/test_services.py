import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from events import services
from events.enums import EventStatus
from events.models import Registration
from tests.factories import EventFactory, OrganizationFactory, RegistrationFactory, UserFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("source_language")]


def _codes(error: ValidationError) -> list[str]:
    return [e.code for e in error.error_list]


def test_registration_create_confirms_while_seats_left_then_waitlists():
    event = EventFactory(capacity=2)
    people = UserFactory.create_batch(3)

    statuses = [services.registration_create(event_id=event.pk, user=p).status for p in people]

    assert statuses == ["confirmed", "confirmed", "waitlisted"]


def test_registration_create_twice_is_already_registered():
    event = EventFactory()
    person = UserFactory()
    services.registration_create(event_id=event.pk, user=person)

    with pytest.raises(services.AlreadyRegistered):
        services.registration_create(event_id=event.pk, user=person)
    assert Registration.objects.filter(event=event).count() == 1


def test_registration_after_cancelling_is_allowed_again():
    event = EventFactory()
    person = UserFactory()
    first = services.registration_create(event_id=event.pk, user=person)
    services.registration_cancel(registration=first, user=person)

    second = services.registration_create(event_id=event.pk, user=person)

    assert second.status == "confirmed"
    assert second.ticket_code != first.ticket_code


@pytest.mark.parametrize(
    ("changes", "code", "message_start"),
    [
        ({"registration_opens_at_days": 2}, "not_open_yet", "Registration opens on "),
        ({"registration_closes_at_days": -1}, "closed", "Registration closed on "),
        ({"status": EventStatus.CANCELLED}, "cancelled", "The event has been cancelled."),
        ({"status": EventStatus.FINISHED}, "finished", "The event has already taken place."),
        ({"status": EventStatus.DRAFT}, "not_published", "This event is not open for registration."),
    ],
)
def test_registration_refused_with_reason(changes, code, message_start):
    now = timezone.now()
    kwargs = {}
    if "registration_opens_at_days" in changes:
        kwargs["registration_opens_at"] = now + datetime.timedelta(days=changes["registration_opens_at_days"])
    if "registration_closes_at_days" in changes:
        kwargs["registration_closes_at"] = now + datetime.timedelta(
            days=changes["registration_closes_at_days"]
        )
    if "status" in changes:
        kwargs["status"] = changes["status"]
    event = EventFactory(**kwargs)

    with pytest.raises(ValidationError) as caught:
        services.registration_create(event_id=event.pk, user=UserFactory())

    assert _codes(caught.value) == [code]
    assert caught.value.messages[0].startswith(message_start)
    assert Registration.objects.count() == 0


def test_registration_refused_once_the_event_started():
    start = timezone.now() - datetime.timedelta(minutes=5)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))

    with pytest.raises(ValidationError) as caught:
        services.registration_create(event_id=event.pk, user=UserFactory())

    assert _codes(caught.value) == ["closed"]


def test_registration_of_unverified_organisation_refused():
    event = EventFactory(organization=OrganizationFactory(is_verified=False))

    with pytest.raises(ValidationError) as caught:
        services.registration_create(event_id=event.pk, user=UserFactory())

    assert _codes(caught.value) == ["not_published"]


def test_group_takes_its_seats():
    event = EventFactory(capacity=30)
    teacher = UserFactory()

    registration = services.registration_create(
        event_id=event.pk, user=teacher, seats=25, contact_name="Сауле", contact_phone="+77011234567"
    )

    assert (registration.status, registration.seats, registration.is_group) == ("confirmed", 25, True)
    other = services.registration_create(
        event_id=event.pk, user=UserFactory(), seats=5, contact_name="A", contact_phone="+77011234568"
    )
    assert other.status == "confirmed"
    assert services.registration_create(event_id=event.pk, user=UserFactory()).status == "waitlisted"


def test_group_larger_than_seats_left_refused_with_the_number_left():
    event = EventFactory(capacity=10)
    RegistrationFactory(event=event, seats=7)

    with pytest.raises(ValidationError) as caught:
        services.registration_create(
            event_id=event.pk, user=UserFactory(), seats=5, contact_name="Сауле", contact_phone="+77011234567"
        )

    assert caught.value.messages == ["Only 3 seats are left: register a smaller group."]


def test_group_larger_than_capacity_refused():
    event = EventFactory(capacity=10)

    with pytest.raises(ValidationError) as caught:
        services.registration_create(
            event_id=event.pk,
            user=UserFactory(),
            seats=12,
            contact_name="Сауле",
            contact_phone="+77011234567",
        )

    assert caught.value.messages == ["The event has 10 seats in all: a group of 12 does not fit."]


def test_group_needs_contact_name_and_phone():
    event = EventFactory(capacity=30)

    with pytest.raises(ValidationError) as caught:
        services.registration_create(event_id=event.pk, user=UserFactory(), seats=10)

    assert caught.value.message_dict == {
        "contact_name": ["Give the name of the group's contact person."],
        "contact_phone": ["Give a phone number to reach the group."],
    }


def test_cancel_promotes_waitlist_in_order_skipping_a_group_that_does_not_fit(
    eager_celery, django_capture_on_commit_callbacks
):
    event = EventFactory(capacity=3)
    holders = [RegistrationFactory(event=event, seats=1) for _ in range(2)]
    group_holder = RegistrationFactory(event=event, seats=1)
    base = timezone.now()
    waiting_group = RegistrationFactory(event=event, seats=2, status="waitlisted", contact_name="G")
    first = RegistrationFactory(event=event, status="waitlisted")
    second = RegistrationFactory(event=event, status="waitlisted")
    for offset, registration in enumerate([waiting_group, first, second]):
        Registration.objects.filter(pk=registration.pk).update(
            created_at=base + datetime.timedelta(seconds=offset)
        )

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=group_holder, user=group_holder.user)

    statuses = dict(Registration.objects.filter(event=event).values_list("pk", "status"))
    assert statuses[waiting_group.pk] == "waitlisted"  # 2 seats do not fit into 1
    assert statuses[first.pk] == "confirmed"
    assert statuses[second.pk] == "waitlisted"
    assert [m.to for m in mail.outbox] == [[first.user.email]]
    assert holders[0].status == "confirmed"

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=holders[0], user=holders[0].user)
        services.registration_cancel(registration=holders[1], user=holders[1].user)

    statuses = dict(Registration.objects.filter(event=event).values_list("pk", "status"))
    assert (statuses[second.pk], statuses[waiting_group.pk]) == ("confirmed", "waitlisted")

    services.registration_cancel(registration=first, user=first.user)  # now 2 seats are free

    waiting_group.refresh_from_db()
    assert waiting_group.status == "confirmed"


def test_cancel_of_another_persons_registration_refused():
    registration = RegistrationFactory()

    with pytest.raises(PermissionDenied):
        services.registration_cancel(registration=registration, user=UserFactory())
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_leaving_the_waitlist_promotes_nobody():
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status="waitlisted")
    after = RegistrationFactory(event=event, status="waitlisted")

    services.registration_cancel(registration=waiting, user=waiting.user)

    after.refresh_from_db()
    assert after.status == "waitlisted"


def test_event_cancel_notifies_every_registrant_and_deletes_nothing(
    representative, enterprise, eager_celery, django_capture_on_commit_callbacks
):
    event = EventFactory(organization=enterprise, capacity=1)
    confirmed = RegistrationFactory(event=event)
    waiting = RegistrationFactory(event=event, status="waitlisted")
    RegistrationFactory(event=event, status="cancelled")

    with django_capture_on_commit_callbacks(execute=True):
        services.event_cancel(event=event, user=representative, reason="Авария на линии")

    event.refresh_from_db()
    assert event.status == "cancelled"
    assert Registration.objects.filter(event=event).count() == 3
    assert sorted(m.to[0] for m in mail.outbox) == sorted([confirmed.user.email, waiting.user.email])
    assert all("Авария на линии" in m.body for m in mail.outbox)


def test_event_cancel_by_another_enterprise_refused(other_representative):
    event = EventFactory()

    with pytest.raises(PermissionDenied):
        services.event_cancel(event=event, user=other_representative)


def test_publish_requires_verified_organisation(representative, enterprise):
    enterprise.is_verified = False
    enterprise.save()
    event = EventFactory(organization=enterprise, status="draft", published_at=None)

    with pytest.raises(ValidationError) as caught:
        services.event_publish(event=event, user=representative)

    assert _codes(caught.value) == ["not_verified"]
    event.refresh_from_db()
    assert event.status == "draft"


def test_publish_verified(representative, enterprise):
    event = EventFactory(organization=enterprise, status="draft", published_at=None)

    services.event_publish(event=event, user=representative)

    event.refresh_from_db()
    assert event.status == "published"
    assert event.published_at is not None


def test_capacity_raised_promotes_and_lowered_below_taken_refused(representative, enterprise):
    event = EventFactory(organization=enterprise, capacity=2)
    RegistrationFactory.create_batch(2, event=event)
    waiting = RegistrationFactory(event=event, status="waitlisted")

    with pytest.raises(ValidationError) as caught:
        services.event_update(event=event, user=representative, fields={"capacity": 1})
    assert caught.value.message_dict == {
        "capacity": ["2 seats are already taken: the capacity cannot be lower."]
    }

    services.event_update(event=event, user=representative, fields={"capacity": 3})
    waiting.refresh_from_db()
    assert waiting.status == "confirmed"


def test_check_in_by_code_with_spaces_and_lower_case(representative, enterprise):
    start = timezone.now() + datetime.timedelta(hours=1)
    event = EventFactory(
        organization=enterprise, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    registration = RegistrationFactory(event=event)
    typed = registration.ticket_code[:5].lower() + " - " + registration.ticket_code[5:].lower()

    checked = services.registration_check_in(event=event, user=representative, code=typed)

    assert checked.pk == registration.pk
    registration.refresh_from_db()
    assert registration.status == "attended"
    with pytest.raises(ValidationError) as caught:
        services.registration_check_in(event=event, user=representative, code=registration.ticket_code)
    assert caught.value.message_dict["code"][0].startswith("This ticket was already checked in at ")


def test_check_in_refusals(representative, enterprise):
    start = timezone.now() + datetime.timedelta(hours=1)
    event = EventFactory(
        organization=enterprise, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    waiting = RegistrationFactory(event=event, status="waitlisted")
    elsewhere = RegistrationFactory()

    for code, message in [
        (waiting.ticket_code, "This person is on the waiting list, not confirmed."),
        (elsewhere.ticket_code, "No ticket with this code for this event."),
        ("NOPE", "No ticket with this code for this event."),
    ]:
        with pytest.raises(ValidationError) as caught:
            services.registration_check_in(event=event, user=representative, code=code)
        assert caught.value.message_dict == {"code": [message]}


def test_check_in_not_open_days_before(representative, enterprise):
    event = EventFactory(organization=enterprise)  # a week ahead
    registration = RegistrationFactory(event=event)

    with pytest.raises(ValidationError) as caught:
        services.registration_check_in(event=event, user=representative, code=registration.ticket_code)

    assert caught.value.message_dict["code"][0].startswith("Check-in opens on ")


def test_check_in_by_another_enterprise_refused(other_representative):
    registration = RegistrationFactory()

    with pytest.raises(PermissionDenied):
        services.registration_check_in(
            event=registration.event, user=other_representative, code=registration.ticket_code
        )


def test_mark_finished_and_no_shows():
    now = timezone.now()
    ended = EventFactory(
        starts_at=now - datetime.timedelta(hours=10), ends_at=now - datetime.timedelta(hours=8)
    )
    running = EventFactory(
        starts_at=now - datetime.timedelta(hours=1), ends_at=now + datetime.timedelta(hours=1)
    )
    came = RegistrationFactory(event=ended, status="attended")
    missed = RegistrationFactory(event=ended)
    waiting = RegistrationFactory(event=ended, status="waitlisted")
    current = RegistrationFactory(event=running)

    assert services.events_mark_finished(now=now) == 1
    assert services.registrations_mark_no_shows(now=now) == 1

    statuses = dict(Registration.objects.values_list("pk", "status"))
    assert statuses == {
        came.pk: "attended",
        missed.pk: "no_show",
        waiting.pk: "waitlisted",
        current.pk: "confirmed",
    }
    ended.refresh_from_db()
    running.refresh_from_db()
    assert (ended.status, running.status) == ("finished", "published")


def test_reminder_sent_once_in_the_registrants_language():
    start = timezone.now() + datetime.timedelta(hours=20)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    russian = RegistrationFactory(event=event, user=UserFactory(preferred_language="ru"))
    kazakh = RegistrationFactory(event=event, user=UserFactory(preferred_language="kk"))
    RegistrationFactory(event=EventFactory())  # a week ahead: not yet

    assert sorted(services.registrations_due_reminder()) == sorted([russian.pk, kazakh.pk])
    for pk in (russian.pk, kazakh.pk, russian.pk):
        services.registration_send_notice(registration_id=pk, notice="reminder")

    assert len(mail.outbox) == 2
    by_address = {m.to[0]: m for m in mail.outbox}
    assert by_address[russian.user.email].subject == f"Завтра: {event.title_ru}"
    assert by_address[kazakh.user.email].subject == f"Ертең: {event.title_kk}"
    assert services.registrations_due_reminder() == []
