"""The portal's main journeys as its users meet them: in Kazakh and Russian, on a 1366 px desktop and on a
360×740 phone, in headless Chromium. A failing run leaves screenshots in var/screenshots/ (tests/conftest.py).
"""

import csv
import io

import pytest
from django.utils import timezone

from dynasties.enums import DynastyStatus
from dynasties.models import Dynasty
from enbek.enums import Role
from indicators.enums import RunKind
from indicators.services import aggregation_run_execute
from tests.conftest import skip_without_chromium
from tests.factories import DynastyFactory, UserFactory, region, sphere
from tests.factories.dynasties import MemberFactory
from tests.factories.nudges import proverb

PASSWORD = "Qwerty!2345"

pytestmark = [pytest.mark.browser, skip_without_chromium]

DEVICES = {
    "desktop": {"viewport": {"width": 1366, "height": 900}},
    "phone": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
}
OTHER = {"kk": "ru", "ru": "kk"}


@pytest.fixture(params=[(lang, device) for lang in ("kk", "ru") for device in DEVICES], ids="-".join)
def visit(request, browser, live_server, settings):
    """(language, a new page in a context of the device, the server's URL)."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.SITE_URL = live_server.url
    lang, device = request.param
    context = browser.new_context(
        locale="kk-KZ" if lang == "kk" else "ru-RU", accept_downloads=True, **DEVICES[device]
    )
    yield lang, device, context.new_page(), live_server.url
    context.close()


def _sign_in(page, base: str, lang: str, email: str, next_path: str) -> None:
    page.goto(f"{base}/{lang}/accounts/login/?next={next_path}")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url == base + next_path


def _family(name_kk: str, name_ru: str, region_code: str, **fields) -> Dynasty:
    dynasty = DynastyFactory(
        family_name_kk=name_kk,
        family_name_ru=name_ru,
        family_name=name_kk,
        region=region(region_code),
        **fields,
    )
    MemberFactory(dynasty=dynasty, generation=1, full_name=f"{name_kk} I")
    MemberFactory(dynasty=dynasty, generation=2, full_name=f"{name_kk} II", birth_year=1978)
    return dynasty


@pytest.mark.usefixtures("reference_data")
def test_journey_citizen_browses_filters_opens_a_dynasty_and_switches_language(visit):
    lang, device, page, base = visit
    almaty = _family("Алматылықтар әулеті", "Династия Алматинцевых", "75")
    _family("Астаналықтар әулеті", "Династия Астанинцевых", "71")

    page.goto(f"{base}/{lang}/")
    page.locator("a.button").first.click()  # «Discover labour dynasties»
    page.wait_for_url(f"{base}/{lang}/dynasties/")
    assert page.locator(".dynasty-cards > li").count() == 2

    more = page.locator("details.more-filters")
    if more.get_attribute("open") is None:  # on a phone the filters fold away
        more.locator("summary").click()
    page.select_option("#id_region", "75")
    with page.expect_navigation():
        page.click("form[role=search] button[type=submit]")
    assert "region=75" in page.url
    cards = page.locator(".dynasty-cards > li")
    assert cards.count() == 1
    shown = almaty.family_name_kk if lang == "kk" else almaty.family_name_ru
    assert cards.first.locator("h3").inner_text() == shown

    with page.expect_navigation():
        cards.first.locator("h3 a").click()
    assert page.url == f"{base}/{lang}/dynasties/{almaty.slug}/"
    assert page.locator("h1").inner_text() == shown

    other = OTHER[lang]
    with page.expect_navigation():
        page.click(f".lang-switch a[hreflang={other}]")
    assert page.url == f"{base}/{other}/dynasties/{almaty.slug}/"
    assert page.locator("html").get_attribute("lang") == other
    assert page.locator("h1").inner_text() == (
        almaty.family_name_kk if other == "kk" else almaty.family_name_ru
    )


@pytest.mark.usefixtures("reference_data")
def test_journey_teacher_downloads_a_poster(visit, tmp_path):
    lang, device, page, base = visit
    item = proverb(0)
    page.goto(f"{base}/{lang}/proverbs/")
    card = page.locator(f"#proverb-{item.pk}")
    card.locator("summary").click()
    card.locator("select[name=design]").select_option("classic")
    card.locator("select[name=language]").select_option(lang)
    card.locator("select[name=size]").select_option("a4")
    card.locator("select[name=file_format]").select_option("pdf")
    with page.expect_download() as info:
        card.locator("button[type=submit]").click()
    download = info.value
    assert download.suggested_filename == f"enbek-proverb-{item.pk}-a4-{lang}-classic.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    assert saved.read_bytes()[:5] == b"%PDF-"


@pytest.mark.usefixtures("reference_data")
def test_journey_coordinator_moderates_a_dynasty(visit):
    lang, device, page, base = visit
    coordinator = UserFactory(
        email="coordinator@example.kz",
        roles=[Role.REGIONAL_COORDINATOR],
        region=region("75"),
        coordinator_region=region("75"),
    )
    submitted = _family(
        "Тексерілетіндер әулеті",
        "Династия Проверяемых",
        "75",
        status=DynastyStatus.SUBMITTED,
        published_at=None,
        submitted_at=timezone.now(),
        sphere=sphere("energy"),
    )
    _sign_in(page, base, lang, coordinator.email, f"/{lang}/dynasties/moderation/")
    with page.expect_navigation():
        page.click(f"a[href='/{lang}/dynasties/moderation/{submitted.pk}/']")
    with page.expect_navigation():
        page.click(f"form[action='/{lang}/dynasties/moderation/{submitted.pk}/publish/'] button[type=submit]")
    submitted.refresh_from_db()
    assert submitted.status == DynastyStatus.PUBLISHED
    assert submitted.reviewed_by == coordinator
    assert page.locator(".messages").count() == 1

    # The public list shows it at once (the page cache is invalidated by the service).
    page.goto(f"{base}/{lang}/dynasties/")
    shown = submitted.family_name_kk if lang == "kk" else submitted.family_name_ru
    assert shown in page.locator(".dynasty-cards").inner_text()


@pytest.mark.usefixtures("reference_data")
def test_journey_analyst_filters_the_dashboard_and_downloads_csv(visit, tmp_path):
    lang, device, page, base = visit
    analyst = UserFactory(email="analyst@example.kz", roles=[Role.MINISTRY_ANALYST])
    now = timezone.now()
    DynastyFactory.create_batch(2, region=region("75"), published_at=now)
    DynastyFactory(region=region("71"), published_at=now)
    assert aggregation_run_execute(kind=RunKind.FULL).status == "succeeded"

    _sign_in(page, base, lang, analyst.email, f"/{lang}/indicators/dashboard/")
    page.select_option("#id_region", "75")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert "region=75" in page.url
    assert page.locator('tr[data-code="dynasties.published"] td.num').first.inner_text() == "2"

    with page.expect_download() as info:
        page.click("a.export-csv")
    download = info.value
    assert download.suggested_filename == f"indicators-{timezone.localdate().year}-75.csv"
    path = tmp_path / download.suggested_filename
    download.save_as(str(path))
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    published = next(row for row in rows if row[0] == "dynasties.published")
    assert published[6] == "2.0"
