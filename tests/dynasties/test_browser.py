"""A citizen's and a coordinator's journey through the real pages in headless Chromium (Playwright).

Run on its own with `pytest -m browser`; skipped when Debian's Chromium is not installed.
"""

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from dynasties.enums import DynastyStatus
from dynasties.models import Dynasty, Member
from enbek.enums import Role
from tests.conftest import skip_without_chromium
from tests.factories import UserFactory, region, sphere

PASSWORD = "Qwerty!2345"

pytestmark = [pytest.mark.browser, skip_without_chromium]


def sign_in(browser, live_server, email: str, next_path: str):
    """A fresh browser context signed in through the real login form (django-axes watches it)."""
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="kk-KZ")
    page = context.new_page()
    page.goto(f"{live_server.url}/kk/accounts/login/?next={next_path}")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url == f"{live_server.url}{next_path}"
    return context, page


def submit(page, selector: str = "main form button[type=submit]") -> None:
    with page.expect_navigation():
        page.click(selector)


@pytest.mark.usefixtures("reference_data")
def test_browser_citizen_submits_coordinator_publishes_public_sees_it_in_russian(
    browser, live_server, settings, tmp_path
):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    citizen = UserFactory(email="citizen@example.kz", roles=[Role.CITIZEN], region=region("75"))
    UserFactory(
        email="coordinator@example.kz",
        roles=[Role.REGIONAL_COORDINATOR],
        region=region("75"),
        coordinator_region=region("75"),
    )
    photo_path = tmp_path / "family.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (0, 97, 127)).save(buffer, format="JPEG")
    photo_path.write_bytes(buffer.getvalue())

    # 1. The citizen tells the family's story in Kazakh, step by step.
    context, page = sign_in(browser, live_server, citizen.email, "/kk/dynasties/new/")
    page.fill("#id_family_name_kk", "Оспановтар әулеті")
    page.fill("#id_family_name_ru", "Династия Оспановых")
    page.select_option("#id_sphere", str(sphere("energy").pk))
    page.select_option("#id_region", str(region("75").pk))
    page.fill("#id_founded_year", "1958")
    submit(page)
    dynasty = Dynasty.objects.get(submitted_by=citizen)
    assert page.url == f"{live_server.url}/kk/dynasties/{dynasty.pk}/edit/members/"
    assert page.locator(".steps [aria-current=step]").count() == 1

    page.fill("#id_full_name", "Оспан Жақыпов")
    page.fill("#id_generation", "1")
    page.fill("#id_birth_year", "1935")
    page.fill("#id_start_year", "1958")
    page.fill("#id_end_year", "1995")
    page.fill("#id_profession_kk", "Энергетик")
    submit(page, "form.member-form button[type=submit]")
    founder = Member.objects.get(dynasty=dynasty)

    page.fill("#id_full_name", "Ерлан Оспанов")
    page.fill("#id_generation", "2")
    page.select_option("#id_parent", str(founder.pk))
    page.fill("#id_birth_year", "1965")
    page.fill("#id_start_year", "1987")
    page.fill("#id_profession_ru", "Инженер-энергетик")
    submit(page, "form.member-form button[type=submit]")
    assert page.locator(".member-card").count() == 2

    with page.expect_navigation():
        page.click(".wizard-next button[value=story]")
    page.fill("#id_story_kk", "Оспановтар үш буын бойы **Алматы ЖЭО-сында** еңбек етті.")
    page.fill("#id_story_ru", "Три поколения Оспановых работали на **Алматинской ТЭЦ**.")
    submit(page)
    assert page.url == f"{live_server.url}/kk/dynasties/{dynasty.pk}/edit/photos/"

    page.set_input_files("#id_image", str(photo_path))
    page.fill("#id_caption_kk", "Станцияда")
    page.fill("#id_caption_ru", "На станции")
    submit(page, "form[enctype='multipart/form-data'] button[type=submit]")
    assert page.locator(".gallery-edit li").count() == 1

    with page.expect_navigation():
        page.click(".wizard-next button[value=review]")
    submit(page, ".checklist + form button[type=submit]")
    assert page.url == f"{live_server.url}/kk/dynasties/mine/"
    assert page.locator(".badge-submitted").count() == 1
    context.close()
    dynasty.refresh_from_db()
    assert (dynasty.status, dynasty.generations, dynasty.members_count) == (DynastyStatus.SUBMITTED, 2, 2)

    # 2. The coordinator of Almaty city publishes it.
    context, page = sign_in(browser, live_server, "coordinator@example.kz", "/kk/dynasties/moderation/")
    with page.expect_navigation():
        page.click(f"a[href='/kk/dynasties/moderation/{dynasty.pk}/']")
    submit(page, f"form[action='/kk/dynasties/moderation/{dynasty.pk}/publish/'] button")
    assert page.url == f"{live_server.url}/kk/dynasties/moderation/"
    context.close()
    dynasty.refresh_from_db()
    assert dynasty.status == DynastyStatus.PUBLISHED

    # 3. Anyone finds it in the Russian list and opens its Russian page.
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="ru-RU")
    page = context.new_page()
    page.goto(f"{live_server.url}/ru/dynasties/")
    card = page.locator(".dynasty-card h3 a", has_text="Династия Оспановых")
    assert card.count() == 1
    with page.expect_navigation():
        card.click()
    assert page.url == f"{live_server.url}/ru/dynasties/{dynasty.slug}/"
    assert page.locator("h1").inner_text() == "Династия Оспановых"
    assert page.locator(".story strong").inner_text() == "Алматинской ТЭЦ"
    assert page.locator(".tree-member").count() == 2
    assert page.locator(".tree-member-parent").count() == 1
    screenshots = os.environ.get("ENBEK_SCREENSHOT_DIR")
    if screenshots:
        page.screenshot(path=str(Path(screenshots) / "browser-detail-ru.png"), full_page=True)
    context.close()


@pytest.mark.usefixtures("reference_data")
def test_browser_member_profession_found_by_typing_in_kazakh_and_russian(browser, live_server):
    from enbek.models import Profession

    citizen = UserFactory(email="picker@example.kz", roles=[Role.CITIZEN], region=region("75"))
    dynasty = Dynasty.objects.create(
        family_name="Сейітовтер әулеті",
        family_name_kk="Сейітовтер әулеті",
        slug="seitovter",
        sphere=sphere("construction"),
        region=region("75"),
        submitted_by=citizen,
    )
    welder = Profession.objects.get(code="7212-01")
    url = f"/kk/dynasties/{dynasty.pk}/edit/members/"
    context, page = sign_in(browser, live_server, citizen.email, url)
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)

    # Kazakh page, typed on a Russian keyboard: the list narrows as one types and picks the only match.
    page.fill("#id_full_name", "Ерлан Сейітов")
    page.fill("#id_generation", "1")
    page.fill("#id_profession_search", "данекер")
    assert page.locator("#id_profession_ref option[data-search]").count() == 1
    assert page.input_value("#id_profession_ref") == str(welder.pk)
    assert page.locator("[data-profession-status]").inner_text().endswith(": 1")
    page.press("#id_profession_search", "Enter")  # does not submit the form
    assert page.url == f"{live_server.url}{url}"
    submit(page, "form.member-form button[type=submit]")
    assert Member.objects.get(dynasty=dynasty).profession_ref == welder

    # Russian page: several engineers; choosing is required before saving, and the choice is kept.
    page.goto(f"{live_server.url}/ru/dynasties/{dynasty.pk}/edit/members/")
    page.fill("#id_full_name", "Анна Сейітова")
    page.fill("#id_generation", "2")
    page.fill("#id_profession_search", "инженер")
    assert page.locator("#id_profession_ref option[data-search]").count() == 7
    page.click("form.member-form button[type=submit]")  # stopped in the browser: choose first
    assert page.url == f"{live_server.url}/ru/dynasties/{dynasty.pk}/edit/members/"
    assert Member.objects.filter(dynasty=dynasty).count() == 1
    civil = Profession.objects.get(code="2142-01")
    page.select_option("#id_profession_ref", str(civil.pk))
    submit(page, "form.member-form button[type=submit]")
    assert Member.objects.get(dynasty=dynasty, generation=2).profession_ref == civil
    assert page.locator(".member-card", has_text="Инженер-строитель").count() == 1
    # Clearing the search gives the whole classifier back.
    page.fill("#id_profession_search", "")
    page.dispatch_event("#id_profession_search", "input")
    assert page.locator("#id_profession_ref option[data-search]").count() == Profession.objects.count()
    assert errors == []
    context.close()
