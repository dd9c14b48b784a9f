import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook

from enbek.enums import Role
from enbek.models import Profession
from events.models import Event, Registration
from tests.factories import (
    EventFactory,
    OrganizationFactory,
    RegistrationFactory,
    UserFactory,
    profession,
    region,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("source_language")]


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


def _events(count: int, **kwargs) -> list[Event]:
    organization = OrganizationFactory(is_verified=True)
    events = []
    for n in range(count):
        event = EventFactory(organization=organization, professions=[profession("7212-01")], **kwargs)
        RegistrationFactory.create_batch(2, event=event)
        events.append(event)
    return events


@pytest.mark.parametrize(
    "url",
    [
        "/ru/events/",
        "/ru/events/?region=75&has_seats=on&profession=7212-01",
        "/ru/events/calendar/",
        "/api/v1/events/",
        "/ru/events/feed.ics",
    ],
)
def test_list_query_count_is_constant(client, url):
    _events(1)
    one = _queries(client, url)
    _events(29)
    assert _queries(client, url) == one


def test_detail_query_count_does_not_grow_with_registrations_or_professions(client):
    event = _events(1)[0]
    one = _queries(client, f"/ru/events/{event.pk}/")
    RegistrationFactory.create_batch(30, event=event)
    event.professions.add(*Profession.objects.exclude(code="7212-01")[:2])
    assert _queries(client, f"/ru/events/{event.pk}/") == one
    assert _queries(client, f"/api/v1/events/{event.pk}/") <= one


def test_list_filters_and_seats(client):
    full = EventFactory(capacity=1, title_ru="Полное", region=OrganizationFactory().region)
    RegistrationFactory(event=full)
    free = EventFactory(capacity=5, title_ru="Свободное")
    EventFactory(status="draft", title_ru="Черновик")
    EventFactory(organization=OrganizationFactory(is_verified=False), title_ru="Непроверенное")

    body = client.get("/ru/events/").content.decode()
    assert ("Полное" in body, "Свободное" in body, "Черновик" in body, "Непроверенное" in body) == (
        True,
        True,
        False,
        False,
    )
    body = client.get("/ru/events/?has_seats=on").content.decode()
    assert ("Полное" in body, "Свободное" in body) == (False, True)
    assert f"/ru/events/{free.pk}/" in body


def test_calendar_shows_the_month(client):
    start = timezone.make_aware(datetime.datetime(2030, 3, 14, 10, 0))
    EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2), title_ru="Мартовское")

    body = client.get("/ru/events/calendar/?month=2030-03").content.decode()
    assert "Мартовское" in body
    assert "Мартовское" not in client.get("/ru/events/calendar/?month=2030-04").content.decode()
    assert client.get("/ru/events/calendar/?month=garbage").status_code == 200


def test_detail_shows_seats_left_and_register_button(client, citizen):
    event = EventFactory(capacity=10)
    RegistrationFactory.create_batch(3, event=event)
    client.force_login(citizen)

    body = client.get(f"/ru/events/{event.pk}/").content.decode()

    assert 'data-seats-left="7"' in body
    assert 'id="register-button"' in body


def test_draft_detail_is_404_for_the_public_and_other_enterprises(client, other_representative):
    draft = EventFactory(status="draft")
    assert client.get(f"/ru/events/{draft.pk}/").status_code == 404
    client.force_login(other_representative)
    assert client.get(f"/ru/events/{draft.pk}/").status_code == 404
    assert client.get(f"/ru/events/manage/{draft.pk}/").status_code == 404
    assert client.get(f"/ru/events/manage/{draft.pk}/edit/").status_code == 404
    assert client.post(f"/ru/events/manage/{draft.pk}/publish/").status_code == 404
    assert client.post(f"/ru/events/manage/{draft.pk}/cancel/").status_code == 404


def test_attendees_and_exports_are_404_for_another_enterprise(client, other_representative):
    event = EventFactory()
    RegistrationFactory(event=event)
    client.force_login(other_representative)
    for suffix in ("", "check-in/", "attendees.csv", "attendees.xlsx"):
        assert client.get(f"/ru/events/manage/{event.pk}/{suffix}").status_code == 404, suffix


def test_citizen_cannot_see_another_registration(client, citizen):
    registration = RegistrationFactory()
    client.force_login(citizen)
    assert client.get(f"/ru/events/registrations/{registration.pk}/").status_code == 404
    assert client.post(f"/ru/events/registrations/{registration.pk}/cancel/").status_code == 404
    registration.refresh_from_db()
    assert registration.status == "confirmed"


def test_register_and_see_ticket_with_qr(client, citizen):
    event = EventFactory()
    client.force_login(citizen)

    response = client.post(f"/ru/events/{event.pk}/register/", {"seats": "1"})

    registration = Registration.objects.get(event=event, user=citizen)
    assert response.status_code == 302
    assert response["Location"] == f"/ru/events/registrations/{registration.pk}/"
    body = client.get(response["Location"]).content.decode()
    assert registration.ticket_code in body
    assert "<svg" in body
    assert (
        client.get("/ru/me/registrations/")
        .content.decode()
        .count(f"/ru/events/registrations/{registration.pk}/")
        == 1
    )


def test_register_group_errors_stay_next_to_fields(client, citizen):
    event = EventFactory(capacity=30)
    client.force_login(citizen)

    response = client.post(f"/ru/events/{event.pk}/register/", {"seats": "10", "contact_phone": "123"})

    assert response.status_code == 400
    body = response.content.decode()
    assert 'id="id_contact_phone_error"' in body
    assert Registration.objects.count() == 0


def test_register_closed_event_shows_reason(client, citizen):
    event = EventFactory(registration_closes_at=timezone.now() - datetime.timedelta(hours=1))
    client.force_login(citizen)

    response = client.post(f"/ru/events/{event.pk}/register/", {"seats": "1"})

    assert response.status_code == 400
    assert 'class="form-errors"' in response.content.decode()


def test_anonymous_register_redirects_to_login(client):
    event = EventFactory()
    response = client.post(f"/ru/events/{event.pk}/register/", {"seats": "1"})
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_representative_creates_draft_and_publishes(client, representative, enterprise):
    client.force_login(representative)
    start = timezone.localtime() + datetime.timedelta(days=3)
    response = client.post(
        "/ru/events/manage/new/",
        {
            "kind": "open_day",
            "title_kk": "Ашық есік күні",
            "title_ru": "День открытых дверей",
            "audience": "pupils",
            "grade_from": "8",
            "grade_to": "11",
            "region": enterprise.region_id,
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "capacity": "25",
            "professions": [profession("7212-01").pk],
        },
    )
    event = Event.objects.get(organization=enterprise)
    assert response.status_code == 302
    assert (event.status, event.title_ru, event.grade_from, event.created_by) == (
        "draft",
        "День открытых дверей",
        8,
        representative,
    )
    assert list(event.professions.values_list("code", flat=True)) == ["7212-01"]

    client.post(f"/ru/events/manage/{event.pk}/publish/")
    event.refresh_from_db()
    assert event.status == "published"


def test_event_form_errors_next_to_fields(client, representative, enterprise):
    client.force_login(representative)
    start = timezone.localtime() + datetime.timedelta(days=3)
    response = client.post(
        "/ru/events/manage/new/",
        {
            "kind": "open_day",
            "title_kk": "Ашық есік күні",
            "title_ru": "",
            "audience": "any_age",
            "region": enterprise.region_id,
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start - datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "capacity": "25",
        },
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_title_ru_error"' in body
    assert Event.objects.count() == 0


def test_check_in_by_scanned_qr_link(client, representative, enterprise):
    start = timezone.now() + datetime.timedelta(hours=1)
    event = EventFactory(
        organization=enterprise, starts_at=start, ends_at=start + datetime.timedelta(hours=2)
    )
    registration = RegistrationFactory(event=event)
    client.force_login(representative)

    page = client.get(f"/ru/events/manage/{event.pk}/check-in/?code={registration.ticket_code}")
    assert f'value="{registration.ticket_code}"' in page.content.decode()
    response = client.post(f"/ru/events/manage/{event.pk}/check-in/", {"code": registration.ticket_code})

    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.status == "attended"


def _export_rows(client, event, fmt):
    response = client.get(f"/ru/events/manage/{event.pk}/attendees.{fmt}")
    assert response.status_code == 200
    if fmt == "csv":
        return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[("" if c is None else str(c)) for c in row] for row in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_unmasked_for_organiser_masked_for_colleague(client, representative, enterprise, fmt):
    event = EventFactory(organization=enterprise, created_by=representative)
    person = UserFactory(phone="+77019998877", full_name="=HYPERLINK(1)")
    registration = RegistrationFactory(event=event, user=person)
    colleague = UserFactory(roles=[Role.ENTERPRISE_REPRESENTATIVE])
    enterprise.representatives.add(colleague)

    client.force_login(representative)
    rows = _export_rows(client, event, fmt)
    assert len(rows[0]) == 10
    assert rows[1][0] == registration.ticket_code
    assert rows[1][1] == "'=HYPERLINK(1)"
    assert rows[1][3] == "+77019998877"

    client.force_login(colleague)
    assert _export_rows(client, event, fmt)[1][3] == "+7 701 *** ** 77"


def test_event_ics_parsed_back_strictly(client):
    event = EventFactory(
        title_ru="День, открытых; дверей \\ «Цех»",
        description_ru="Строка 1\nСтрока 2 " + "длинный текст " * 20,
        latitude="43.238949",
        longitude="76.889709",
    )
    response = client.get(f"/ru/events/{event.pk}/event.ics")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    raw = response.content
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    assert b"\n" not in raw.replace(b"\r\n", b"")
    calendar = Calendar.from_ical(raw)
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "День, открытых; дверей \\ «Цех»"
    assert str(vevent["DESCRIPTION"]).startswith("Строка 1\nСтрока 2 длинный текст")
    assert vevent.decoded("DTSTART") == event.starts_at.replace(microsecond=0)
    assert vevent.decoded("DTEND") == event.ends_at.replace(microsecond=0)
    assert str(vevent["UID"]).startswith(f"event-{event.pk}@")
    assert vevent["GEO"].latitude == pytest.approx(43.238949)
    assert calendar["VERSION"] == "2.0"


def test_feed_filters_by_region_and_kind(client):
    almaty = EventFactory(kind="open_day")
    EventFactory(kind="excursion")
    EventFactory(kind="open_day", organization=OrganizationFactory(is_verified=True, region=region("71")))

    response = client.get("/ru/events/feed.ics?region=75&kind=open_day")

    calendar = Calendar.from_ical(response.content)
    assert [str(e["UID"]).split("@")[0] for e in calendar.walk("VEVENT")] == [f"event-{almaty.pk}"]
    assert client.get("/ru/events/feed.ics?region=zz").status_code == 400


def test_coordinator_verifies_own_region_only(client, coordinator):
    mine = OrganizationFactory(is_verified=False)
    other = OrganizationFactory(is_verified=False, region=region("71"))
    client.force_login(coordinator)

    body = client.get("/ru/events/coordinator/").content.decode()
    assert (mine.name in body, other.name in body) == (True, False)
    assert client.post(f"/ru/events/coordinator/organisations/{other.pk}/verify/").status_code == 404
    client.post(f"/ru/events/coordinator/organisations/{mine.pk}/verify/")

    mine.refresh_from_db()
    other.refresh_from_db()
    assert (mine.is_verified, other.is_verified) == (True, False)


def test_citizen_cannot_open_coordinator_or_enterprise_area(client, citizen):
    client.force_login(citizen)
    assert client.get("/ru/events/coordinator/").status_code == 403
    assert client.get("/ru/events/manage/").status_code == 403


def test_staff_navigation_links_with_counts(client, coordinator, representative, enterprise):
    OrganizationFactory(is_verified=False)
    OrganizationFactory(is_verified=False)
    EventFactory(organization=enterprise, status="draft")

    client.force_login(coordinator)
    body = client.get("/ru/").content.decode()
    assert 'data-work="events.verification"' in body
    assert 'href="/ru/events/coordinator/"' in body

    client.force_login(representative)
    body = client.get("/ru/").content.decode()
    assert 'data-work="events.manage"' in body
