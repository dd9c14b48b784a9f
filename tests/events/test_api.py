import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from events.models import Registration
from tests.factories import EventFactory, OrganizationFactory, RegistrationFactory, profession

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    """Answers in Russian (the language a client asks for with Accept-Language)."""
    return APIClient(HTTP_ACCEPT_LANGUAGE="ru")


def test_list_shape_and_only_public(api):
    event = EventFactory(capacity=10, professions=[profession("7212-01")])
    RegistrationFactory.create_batch(3, event=event)
    EventFactory(status="draft")
    EventFactory(organization=OrganizationFactory(is_verified=False))

    body = api.get("/api/v1/events/", HTTP_ACCEPT_LANGUAGE="ru").json()

    assert body["count"] == 1
    [row] = body["results"]
    assert row["id"] == event.pk
    assert row["title"] == event.title_ru
    assert (row["kind"], row["region"], row["capacity"], row["seats_left"]) == ("open_day", "75", 10, 7)
    assert row["organization"] == event.organization.name_ru
    assert row["url"] == f"http://testserver/ru/events/{event.pk}/"
    parsed = datetime.datetime.fromisoformat(row["starts_at"])
    assert parsed.utcoffset() == datetime.timedelta(hours=5)
    assert parsed == event.starts_at.replace(microsecond=parsed.microsecond)


def test_list_filters(api):
    wanted = EventFactory(kind="excursion", audience="pupils", professions=[profession("7212-01")])
    students = EventFactory(kind="excursion", audience="students")
    full = EventFactory(kind="excursion", audience="pupils", capacity=1)
    RegistrationFactory(event=full)
    full.professions.add(profession("7212-01"))

    url = "/api/v1/events/?region=75&kind=excursion&audience=pupils&profession=7212-01&has_seats=true"
    assert [r["id"] for r in api.get(url).json()["results"]] == [wanted.pk]
    day = timezone.localtime(wanted.starts_at).date()
    ranged = api.get(f"/api/v1/events/?date_from={day}&date_to={day}").json()
    assert sorted(r["id"] for r in ranged["results"]) == sorted([wanted.pk, students.pk, full.pk])


def test_list_bad_filter_is_400_with_field(api):
    response = api.get("/api/v1/events/?region=zz")
    assert response.status_code == 400
    assert list(response.json()) == ["region"]


def test_detail_and_draft_404(api):
    event = EventFactory()
    draft = EventFactory(status="draft")
    assert api.get(f"/api/v1/events/{event.pk}/").json()["id"] == event.pk
    assert api.get(f"/api/v1/events/{draft.pk}/").status_code == 404


def test_register_201_then_409(api, citizen):
    event = EventFactory(capacity=1)
    api.force_authenticate(citizen)

    response = api.post(f"/api/v1/events/{event.pk}/registrations/", {}, format="json")

    registration = Registration.objects.get()
    assert response.status_code == 201
    assert response.json() == {
        "id": registration.pk,
        "status": "confirmed",
        "ticket_code": registration.ticket_code,
        "event": event.pk,
        "seats": 1,
    }
    again = api.post(f"/api/v1/events/{event.pk}/registrations/", {}, format="json")
    assert again.status_code == 409
    assert again.json() == {
        "detail": "Вы уже зарегистрированы на это мероприятие.",
        "code": "already_registered",
    }


def test_register_full_is_waitlisted(api, citizen):
    event = EventFactory(capacity=1)
    RegistrationFactory(event=event)
    api.force_authenticate(citizen)
    response = api.post(f"/api/v1/events/{event.pk}/registrations/", {}, format="json")
    assert (response.status_code, response.json()["status"]) == (201, "waitlisted")


@pytest.mark.parametrize(
    ("event_kwargs", "payload", "expected"),
    [
        ({"status": "cancelled"}, {}, {"detail": "Мероприятие отменено.", "code": "cancelled"}),
        (
            {"registration_closes_at": timezone.now() - datetime.timedelta(hours=1)},
            {},
            "closed",
        ),
        (
            {"capacity": 5},
            {"seats": 6, "contact_name": "A", "contact_phone": "+77011234567"},
            {
                "detail": "Всего мест на мероприятии: 5 — группа из 6 человек не поместится.",
                "code": "too_many_seats",
            },
        ),
        ({}, {"seats": 0}, "seats"),
    ],
)
def test_register_400_with_reason(api, citizen, event_kwargs, payload, expected):
    event = EventFactory(**event_kwargs)
    api.force_authenticate(citizen)

    response = api.post(f"/api/v1/events/{event.pk}/registrations/", payload, format="json")

    assert response.status_code == 400
    body = response.json()
    if expected == "closed":
        assert body["code"] == "closed"
        assert body["detail"].startswith("Регистрация закрылась ")
    elif expected == "seats":
        assert list(body) == ["seats"]
    else:
        assert body == expected


def test_register_anonymous_refused(api):
    event = EventFactory()
    response = api.post(f"/api/v1/events/{event.pk}/registrations/", {}, format="json")
    assert response.status_code in (401, 403)
    assert Registration.objects.count() == 0


def test_delete_own_and_404_for_another(api, citizen):
    mine = RegistrationFactory(user=citizen)
    theirs = RegistrationFactory()
    api.force_authenticate(citizen)

    assert api.delete(f"/api/v1/registrations/{theirs.pk}/").status_code == 404
    assert api.delete(f"/api/v1/registrations/{mine.pk}/").status_code == 204
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert (mine.status, theirs.status) == ("cancelled", "confirmed")


def test_my_registrations(api, citizen):
    mine = RegistrationFactory(user=citizen)
    RegistrationFactory()
    api.force_authenticate(citizen)

    body = api.get("/api/v1/me/registrations/").json()

    assert [(r["id"], r["event"], r["status"]) for r in body["results"]] == [
        (mine.pk, mine.event_id, "confirmed")
    ]
    assert APIClient().get("/api/v1/me/registrations/").status_code in (401, 403)


def test_my_registrations_constant_queries(api, citizen):
    RegistrationFactory(user=citizen)
    api.force_authenticate(citizen)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        api.get("/api/v1/me/registrations/")
    for _ in range(29):
        RegistrationFactory(user=citizen)
    with CaptureQueriesContext(connection) as many:
        api.get("/api/v1/me/registrations/")
    assert len(many.captured_queries) == len(one.captured_queries)
