"""axe-core on the public pages and the dashboard, in Kazakh and Russian: no serious or critical violation.

To check a new page, add its path to PUBLIC_PAGES (or STAFF_PAGES with the role that sees it).
"""

import pytest
from django.utils import timezone

from enbek.enums import Role
from indicators.enums import RunKind
from indicators.services import aggregation_run_execute
from tests.axe import assert_no_serious_violations
from tests.conftest import skip_without_chromium
from tests.factories import DynastyFactory, UserFactory, region
from tests.factories.dynasties import MemberFactory

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
    return {"slug": dynasty.slug}


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
