"""axe-core on the public pages and the dashboard, in Kazakh and Russian: no serious or critical violation.

To check a new page, add its path to PUBLIC_PAGES (or STAFF_PAGES with the role that sees it).
"""

import datetime

import pytest
from django.utils import timezone

from contests.enums import ApplicationStatus
from contests.models import Contest
from contests.services import application_start
from enbek.enums import Role
from indicators.enums import RunKind
from indicators.services import aggregation_run_execute
from tests.axe import assert_no_serious_violations
from tests.conftest import skip_without_chromium
from tests.factories import DynastyFactory, UserFactory, profession, region
from tests.factories.contests import ApplicationFactory, ContestFactory, NominationFactory
from tests.factories.dynasties import MemberFactory
from tests.factories.events import EventFactory
from tests.factories.surveys import wave

PASSWORD = "Qwerty!2345"
LANGUAGES = ["kk", "ru"]

pytestmark = [pytest.mark.browser, skip_without_chromium]

# "{slug}" is the published dynasty of the fixture.
PUBLIC_PAGES = [
    "/{lang}/",
    "/{lang}/dynasties/",
    "/{lang}/dynasties/?region=75&min_generations=2",
    "/{lang}/dynasties/{slug}/",
    "/{lang}/proverbs/",
    "/{lang}/about/",
    # The sections (issue 13): a profession page and the quiz, the event list and detail, the winners.
    "/{lang}/professions/7212-01/",
    "/{lang}/professions/quiz/",
    "/{lang}/events/",
    "/{lang}/events/{event}/",
    "/{lang}/contests/winners/",
]
STAFF_PAGES = [
    (Role.MINISTRY_ANALYST, "/{lang}/indicators/dashboard/"),
    (Role.MINISTRY_ANALYST, "/{lang}/indicators/dashboard/?region=75"),
]


@pytest.fixture
def content(reference_data):
    dynasty = DynastyFactory(region=region("75"), published_at=timezone.now())
    MemberFactory(dynasty=dynasty, generation=1, full_name="Асқар Жұмабеков")
    MemberFactory(dynasty=dynasty, generation=2, full_name="Нұрлан Жұмабеков", birth_year=1975)
    event = EventFactory(
        title_kk="Болат зауытындағы ашық есік",
        title_ru="День открытых дверей на сталелитейном заводе",
        region=region("75"),
        professions=[profession("7212-01")],
    )
    contest = ContestFactory()
    NominationFactory(contest=contest, profession=profession("7212-01"))
    ApplicationFactory(contest=contest, status=ApplicationStatus.WINNER, place=1, full_name="Серік Дәнекеров")
    Contest.objects.filter(pk=contest.pk).update(results_published_at=timezone.now())
    return {"slug": dynasty.slug, "event": event.pk}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_public_pages_have_no_serious_axe_violations(browser, live_server, content, lang):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    for template in PUBLIC_PAGES:
        response = page.goto(live_server.url + template.format(lang=lang, **content))
        assert response.status == 200, template
        assert_no_serious_violations(page)
    context.close()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_staff_pages_have_no_serious_axe_violations(browser, live_server, content, lang):
    assert aggregation_run_execute(kind=RunKind.FULL).status == "succeeded"
    by_role = {}
    for role, template in STAFF_PAGES:
        if role not in by_role:
            user = UserFactory(email=f"{role}@example.kz", roles=[role])
            context = browser.new_context(bypass_csp=True, viewport={"width": 1366, "height": 900})
            page = context.new_page()
            page.goto(f"{live_server.url}/{lang}/accounts/login/")
            page.fill("#id_username", user.email)
            page.fill("#id_password", PASSWORD)
            with page.expect_navigation():
                page.click("main form button[type=submit]")
            by_role[role] = page
        page = by_role[role]
        response = page.goto(live_server.url + template.format(lang=lang, **content))
        assert response.status == 200, template
        assert_no_serious_violations(page)
    for page in by_role.values():
        page.context.close()


def _signed_in_page(browser, live_server, user, lang: str):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/{lang}/accounts/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    return page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_application_form_and_survey_have_no_serious_axe_violations(
    browser, live_server, reference_data, lang
):
    """The «Я-профи» application form (a signed-in citizen, its first step) and the survey's first page."""
    contest = ContestFactory()
    NominationFactory(contest=contest, profession=profession("7212-01"))
    citizen = UserFactory(email="applicant@example.kz", roles=[Role.CITIZEN], region=region("75"))
    application = application_start(contest=contest, user=citizen)
    today = timezone.localdate()
    survey = wave(
        year=today.year,
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=30),
    )

    page = _signed_in_page(browser, live_server, citizen, lang)
    for step in (1, 2):
        response = page.goto(f"{live_server.url}/{lang}/contests/applications/{application.pk}/step/{step}/")
        assert response.status == 200
        assert page.locator("main form#step-form").count() == 1
        assert_no_serious_violations(page)
    page.context.close()

    context = browser.new_context(bypass_csp=True, viewport={"width": 1366, "height": 900})
    page = context.new_page()
    assert page.goto(f"{live_server.url}/{lang}/surveys/{survey.year}/").status == 200
    assert_no_serious_violations(page)
    with page.expect_navigation():
        page.click(".survey a.button")
    assert page.url.endswith(f"/{lang}/surveys/{survey.year}/page/1/")
    assert_no_serious_violations(page)
    context.close()
