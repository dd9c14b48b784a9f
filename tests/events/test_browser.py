"""The events journey in headless Chromium (Playwright): a representative publishes an open day in
Kazakh, a citizen registers in Russian on a 360 px phone and sees the ticket with its QR code, the
representative checks them in by the ticket's code.

Run on its own with `pytest -m browser`; skipped when Debian's Chromium is not installed.
"""

import datetime

import pytest
from django.utils import timezone

from enbek.enums import Role
from events.models import Event, Registration
from tests.conftest import skip_without_chromium
from tests.factories import OrganizationFactory, UserFactory, region

PASSWORD = "Qwerty!2345"

pytestmark = [pytest.mark.browser, skip_without_chromium]


def sign_in(browser, live_server, email: str, next_path: str, lang: str):
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale=f"{lang}-KZ")
    page = context.new_page()
    page.goto(f"{live_server.url}/{lang}/accounts/login/?next={next_path}")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url == f"{live_server.url}{next_path}"
    return context, page


def submit(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


@pytest.mark.usefixtures("reference_data")
def test_browser_open_day_published_in_kk_registered_in_ru_checked_in(browser, live_server, eager_celery):
    enterprise = OrganizationFactory(is_verified=True, region=region("75"))
    representative = UserFactory(email="hr@example.kz", roles=[Role.ENTERPRISE_REPRESENTATIVE])
    enterprise.representatives.add(representative)
    citizen = UserFactory(email="citizen@example.kz", roles=[Role.CITIZEN], preferred_language="ru")
    start = timezone.localtime() + datetime.timedelta(hours=3)

    # 1. The representative creates the open day in Kazakh and publishes it.
    hr_context, hr = sign_in(browser, live_server, representative.email, "/kk/events/manage/new/", "kk")
    hr.select_option("#id_kind", "open_day")
    hr.fill("#id_title_kk", "Зауыттағы ашық есік күні")
    hr.fill("#id_title_ru", "День открытых дверей на заводе")
    hr.fill("#id_description_kk", "Цехтар мен мамандармен танысу.")
    hr.fill("#id_address_kk", "Абай даңғылы, 10")
    hr.fill("#id_starts_at", start.strftime("%Y-%m-%dT%H:%M"))
    hr.fill("#id_ends_at", (start + datetime.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"))
    hr.fill("#id_capacity", "20")
    submit(hr, "#save-event")
    event = Event.objects.get(organization=enterprise)
    assert hr.url == f"{live_server.url}/kk/events/manage/{event.pk}/"
    submit(hr, "#publish-event")
    assert hr.locator("#event-status").inner_text() == "Жарияланды"
    event.refresh_from_db()
    assert event.status == "published"

    # 2. A citizen finds it in Russian on a phone, registers and sees the ticket with its QR code.
    context, page = sign_in(browser, live_server, citizen.email, f"/ru/events/{event.pk}/", "ru")
    assert page.locator("h1").inner_text() == "День открытых дверей на заводе"
    assert page.locator(".seats[data-seats-left]").inner_text() == "Свободно 20 мест из 20"
    submit(page, "#register-button")
    registration = Registration.objects.get(event=event, user=citizen)
    assert page.url == f"{live_server.url}/ru/events/registrations/{registration.pk}/"
    assert page.locator("#ticket-code").inner_text() == registration.ticket_code
    qr = page.locator(".ticket-qr svg")
    assert qr.is_visible()
    box = qr.bounding_box()
    assert 150 <= box["width"] <= 340
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than the phone
    context.close()

    # 3. The representative checks the citizen in by the code read from the ticket.
    hr.goto(f"{live_server.url}/kk/events/manage/{event.pk}/check-in/")
    hr.fill("#id_code", registration.ticket_code.lower())
    submit(hr, "#checkin-button")
    assert registration.ticket_code in hr.locator("#checkin-result").inner_text()
    registration.refresh_from_db()
    assert registration.status == "attended"
    hr_context.close()
