"""The ministry's admin in headless Chromium: a dynasty with its members fits a 1,366 px screen."""

import os
from pathlib import Path

import pytest

from dynasties.models import MediaEpisode
from tests.conftest import skip_without_chromium
from tests.factories import DynastyFactory, MemberFactory, PhotoFactory, UserFactory

pytestmark = [pytest.mark.browser, skip_without_chromium]


@pytest.mark.usefixtures("reference_data")
@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_browser_admin_dynasty_page_fits_a_laptop_screen(browser, live_server, lang):
    admin = UserFactory(email="admin@example.kz", is_staff=True, is_superuser=True)
    dynasty = DynastyFactory(family_name_kk="Өтеповтер", family_name_ru="Өтеповы")
    for generation in (1, 2, 3):
        MemberFactory(
            dynasty=dynasty,
            generation=generation,
            full_name=f"Сапарбек Өтепов-Жақыпбеков {generation}",
            awards_kk="«Еңбек Даңқы» орденінің үш дәрежесі, «Құрмет» ордені",
            awards_ru="Орден «Еңбек Даңқы» трёх степеней, орден «Құрмет»",
        )
    PhotoFactory(dynasty=dynasty)
    MediaEpisode.objects.create(
        dynasty=dynasty,
        title_kk="Өтеповтер әулеті туралы хабар",
        title_ru="Передача о династии Өтеповых",
        kind="tv",
        outlet_kk="Өңірлік телеарна",
        outlet_ru="Региональный телеканал",
        url="https://example.kz/tv/otepov-dynasty-episode",
    )
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.goto(
        f"{live_server.url}/{lang}/admin/login/?next=/{lang}/admin/dynasties/dynasty/{dynasty.pk}/change/"
    )
    page.fill("#id_username", admin.email)
    page.fill("#id_password", "Qwerty!2345")
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert page.url.endswith(f"/{lang}/admin/dynasties/dynasty/{dynasty.pk}/change/")
    assert page.locator("input[name$='-full_name']").count() >= 3
    directory = os.environ.get("ENBEK_SCREENSHOT_DIR")
    if directory:
        page.screenshot(path=str(Path(directory) / f"admin-dynasty-{lang}.png"), full_page=True)
    wide = page.evaluate(
        """[...document.querySelectorAll('fieldset, .inline-group, table')]
             .filter(e => e.getBoundingClientRect().right > 1366)
             .map(e => (e.id || e.className || e.tagName) + ':' + e.getBoundingClientRect().right)"""
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366, wide
    context.close()
