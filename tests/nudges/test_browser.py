"""Nudge banners in headless Chromium: a teacher downloads a poster, a coordinator records a placement.

Run on its own with `pytest -m browser`; skipped when Debian's Chromium is not installed.
"""

import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from enbek.enums import Role
from nudges.models import Placement, Visit
from tests.conftest import skip_without_chromium
from tests.factories import UserFactory, region
from tests.factories.nudges import proverb

PASSWORD = "Qwerty!2345"

pytestmark = [pytest.mark.browser, skip_without_chromium]


@pytest.mark.usefixtures("reference_data")
def test_browser_teacher_downloads_a4_poster_in_kazakh(browser, live_server, settings, tmp_path):
    settings.SITE_URL = live_server.url
    item = proverb(0)
    context = browser.new_context(
        viewport={"width": 360, "height": 780}, locale="kk-KZ", accept_downloads=True
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/kk/proverbs/")
    assert page.locator("h1").inner_text() == "Еңбек туралы мақал-мәтелдер"

    card = page.locator(f"#proverb-{item.pk}")
    assert card.locator("blockquote").inner_text() == item.text_kk
    card.locator("summary").click()
    card.locator("select[name=design]").select_option("classic")
    card.locator("select[name=language]").select_option("kk")
    card.locator("select[name=size]").select_option("a4")
    card.locator("select[name=file_format]").select_option("pdf")
    with page.expect_download() as info:
        card.locator("button[type=submit]").click()
    download = info.value
    assert download.suggested_filename == f"enbek-proverb-{item.pk}-a4-kk-classic.pdf"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)

    reader = PdfReader(io.BytesIO(saved.read_bytes()))
    assert len(reader.pages) == 1
    width, height = (round(float(v) / 72 * 25.4) for v in reader.pages[0].mediabox[2:])
    assert (width, height) == (210, 297)
    text = " ".join(reader.pages[0].extract_text().split())
    assert item.text_kk in text
    assert "Қазақстан Республикасы Еңбек және халықты әлеуметтік қорғау министрлігі" in text
    context.close()


@pytest.mark.usefixtures("reference_data")
def test_browser_coordinator_records_a_placement_in_russian_and_its_link_counts(
    browser, live_server, settings
):
    settings.SITE_URL = live_server.url
    UserFactory(
        email="coordinator@example.kz",
        roles=[Role.REGIONAL_COORDINATOR],
        region=region("75"),
        coordinator_region=region("75"),
    )
    item = proverb(2)
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="ru-RU")
    page = context.new_page()
    page.goto(f"{live_server.url}/ru/accounts/login/?next=/ru/proverbs/")
    page.fill("#id_username", "coordinator@example.kz")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")

    # The staff navigation leads to the placements (on a phone, inside the menu).
    page.click(".main-nav summary")
    with page.expect_navigation():
        page.click("a[data-work='nudges.placements']")
    assert page.url == f"{live_server.url}/ru/banners/placements/"
    with page.expect_navigation():
        page.click("a[href='/ru/banners/placements/new/']")

    page.select_option("#id_proverb", str(item.pk))
    page.select_option("#id_design", "bold")
    page.select_option("#id_language", "ru")
    assert page.locator("#id_region option").count() == 1
    page.select_option("#id_place_type", "bus_stop")
    page.fill("#id_address", "г. Алматы, остановка «Абая – Байтурсынова»")
    page.fill("#id_starts_on", "2026-05-04")
    page.select_option("#id_landing", "events:index")
    with page.expect_navigation():
        page.click("main form button[type=submit]")

    placement = Placement.objects.get()
    assert page.url == f"{live_server.url}/ru/banners/placements/{placement.pk}/"
    assert (placement.region.code, placement.banner.language, placement.place_type) == (
        "75",
        "ru",
        "bus_stop",
    )
    short_url = page.locator(".short-link").inner_text()
    assert short_url == f"{live_server.url}/b/{placement.code}"
    assert page.locator(".visits-total").inner_text() == "0"

    # Someone scans the code on the street.
    visitor = browser.new_context(viewport={"width": 360, "height": 780}, locale="ru-RU").new_page()
    visitor.goto(short_url)
    assert visitor.url == f"{live_server.url}/ru/events/"
    visitor.context.close()

    assert list(Visit.objects.values_list("placement_id", "count")) == [(placement.pk, 1)]
    page.reload()
    assert page.locator(".visits-total").inner_text() == "1"
    screenshots = os.environ.get("ENBEK_SCREENSHOT_DIR")
    if screenshots:
        page.screenshot(path=str(Path(screenshots) / "browser-placement-ru.png"), full_page=True)
    context.close()
