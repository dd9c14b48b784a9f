"""A respondent takes the survey in Kazakh on a 360 px phone in headless Chromium; an analyst then sees
the response counted in the results.

Run on its own with `pytest -m browser`; skipped when Debian's Chromium is not installed.
"""

import datetime

import pytest
from django.utils import timezone

from enbek.enums import Role
from surveys.models import Response
from tests.conftest import skip_without_chromium
from tests.factories import UserFactory, region
from tests.factories.surveys import respond, wave

PASSWORD = "Qwerty!2345"

pytestmark = [pytest.mark.browser, skip_without_chromium]


def submit(page, selector: str = "main form button[name=next]") -> None:
    with page.expect_navigation():
        page.click(selector)


def no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 360


@pytest.mark.usefixtures("reference_data")
def test_browser_respondent_completes_the_survey_in_kazakh_then_analyst_sees_it_counted(browser, live_server):
    today = timezone.localdate()
    survey = wave(
        year=today.year,
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=30),
    )
    for _ in range(11):
        respond(survey, today=today)
    UserFactory(email="analyst@example.kz", password=PASSWORD, roles=[Role.MINISTRY_ANALYST])

    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="kk-KZ")
    page = context.new_page()
    page.goto(f"{live_server.url}/kk/surveys/")
    with page.expect_navigation():
        page.click(".survey-current a.button")
    assert page.locator("h1").inner_text() == survey.title_kk
    with page.expect_navigation():
        page.click(".survey a.button")
    assert page.locator("h1").inner_text() == "Еңбек"
    assert page.locator("input[name=learning_how]").count() == 0
    no_sideways_scroll(page)

    page.check("input[name=work_meaning][value='4']")
    page.check("input[name=state_provides][value='2']")
    page.check("input[name=learning][value='yes']")
    submit(page)
    # "Yes" opened the follow-up on the same page; sending it empty shows the error next to it.
    assert page.locator("input[name=learning_how]").count() == 3
    submit(page)
    error = page.locator("#q-learning_how .error")
    assert error.count() == 1 and error.inner_text() != ""
    assert page.is_checked("input[name=work_meaning][value='4']")
    page.check("input[name=learning_how][value='online']")
    submit(page)
    assert page.url.endswith("/page/2/")

    # A reload of the first page keeps the answers (server-side draft).
    page.goto(f"{live_server.url}/kk/surveys/{survey.year}/page/1/")
    assert page.is_checked("input[name=learning_how][value='online']")
    page.goto(f"{live_server.url}/kk/surveys/{survey.year}/page/2/")
    page.check("input[name=work_satisfaction][value='9']")
    page.fill("textarea[name=comment]", "Еңбек — бақыт")
    submit(page)
    no_sideways_scroll(page)
    page.select_option("#id_region", str(region("75").pk))
    page.check("input[name=sex][value=f]")
    page.check("input[name=age_group][value='25-34']")
    page.check("input[name=education][value=higher]")
    page.check("input[name=employment][value=employed]")
    page.check("input[name=settlement][value=urban]")
    submit(page)
    assert page.url.endswith(f"/kk/surveys/{survey.year}/thanks/")
    assert Response.objects.filter(survey=survey).count() == 12
    # The same phone again: refused politely.
    page.goto(f"{live_server.url}/kk/surveys/{survey.year}/page/1/")
    assert page.locator("main .notice").count() == 1
    context.close()

    analyst = browser.new_context(viewport={"width": 360, "height": 780}, locale="kk-KZ")
    page = analyst.new_page()
    results = f"/kk/surveys/{survey.year}/results/"
    page.goto(f"{live_server.url}/kk/accounts/login/?next={results}")
    page.fill("#id_username", "analyst@example.kz")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url == f"{live_server.url}{results}"
    assert page.locator("[data-respondents]").get_attribute("data-respondents") == "12"
    learning = page.locator("#r-learning table").first
    assert "12" in learning.inner_text()
    analyst.close()
