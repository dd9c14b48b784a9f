"""An analyst's journey in headless Chromium: the dashboard in Russian, a region, a CSV download."""

import csv
import io
from pathlib import Path

import pytest
from django.utils import timezone

from enbek.enums import Role
from indicators.enums import RunKind
from indicators.services import aggregation_run_execute
from tests.conftest import skip_without_chromium
from tests.factories import DynastyFactory, UserFactory, region
from tests.factories.indicators import OutreachActivityFactory

PASSWORD = "Qwerty!2345"

pytestmark = [pytest.mark.browser, skip_without_chromium]


@pytest.mark.usefixtures("reference_data")
def test_browser_analyst_filters_dashboard_by_region_and_downloads_csv(browser, live_server, tmp_path):
    analyst = UserFactory(email="analyst@example.kz", roles=[Role.MINISTRY_ANALYST])
    now = timezone.now()
    DynastyFactory.create_batch(2, region=region("75"), published_at=now)
    DynastyFactory(region=region("71"), published_at=now)
    OutreachActivityFactory(region=region("75"), date=timezone.localdate(), estimated_reach=2500)
    assert aggregation_run_execute(kind=RunKind.FULL).status == "succeeded"

    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, locale="ru-RU", accept_downloads=True
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/ru/accounts/login/?next=/ru/indicators/dashboard/")
    page.fill("#id_username", analyst.email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url == f"{live_server.url}/ru/indicators/dashboard/"
    assert page.locator("h1").inner_text() == "Панель показателей"
    assert page.locator(".lead").first.inner_text().startswith("Республика Казахстан")

    page.select_option("#id_region", "75")
    with page.expect_navigation():
        page.click("form.filters button[type=submit]")
    assert "region=75" in page.url
    assert page.locator(".lead").first.inner_text().startswith("город Алматы")
    published = page.locator('tr[data-code="dynasties.published"] td.num').first
    assert published.inner_text() == "2"

    with page.expect_download() as download_info:
        page.click("a.export-csv")
    download = download_info.value
    assert download.suggested_filename == f"indicators-{timezone.localdate().year}-75.csv"
    path = tmp_path / download.suggested_filename
    download.save_as(str(path))
    rows = list(csv.reader(io.StringIO(Path(path).read_text(encoding="utf-8-sig"))))
    assert rows[0][:2] == ["code", "Показатель"]
    assert len(rows) == 26
    row = next(r for r in rows if r[0] == "dynasties.published")
    assert (row[4], row[6]) == ("город Алматы", "2.0")
    reach = next(r for r in rows if r[0] == "outreach.reach")
    assert reach[6] == "2500.0"
    context.close()
