"""A visitor's first visit in headless Chromium (Playwright): proverb, language switch, sign-up, sign-out.

Run on its own with `pytest -m browser`; skipped when Debian's Chromium is not installed.
"""

from urllib.parse import urlsplit

import pytest

from enbek.models import Proverb, User
from tests.conftest import skip_without_chromium
from tests.factories import region

pytestmark = [pytest.mark.browser, skip_without_chromium]


@pytest.mark.usefixtures("reference_data")
def test_browser_visitor_reads_proverb_switches_language_and_signs_up(browser, live_server):
    Proverb.objects.update(is_active=False)
    Proverb.objects.create(
        text_kk="Еңбек етсең ерінбей, тояды қарның тіленбей.",
        text_ru="Будешь трудиться без лени — будешь сыт, не прося.",
        original_language="kk",
        is_active=True,
    )
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="kk-KZ")
    page = context.new_page()
    foreign = []
    page.on(
        "request",
        lambda request: (
            urlsplit(request.url).netloc != urlsplit(live_server.url).netloc and foreign.append(request.url)
        ),
    )

    # The home page in Kazakh, usable at 360 px: no horizontal scrolling.
    page.goto(f"{live_server.url}/kk/")
    assert page.get_attribute("html", "lang") == "kk"
    assert page.inner_text(".proverb blockquote").strip() == "Еңбек етсең ерінбей, тояды қарның тіленбей."
    assert page.evaluate("document.documentElement.scrollWidth") <= 360

    # The skip link is the first thing the keyboard reaches and leads to the content.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.getAttribute('href')") == "#main"

    # RU keeps the visitor on the same page, now in Russian.
    page.goto(f"{live_server.url}/kk/about/")
    with page.expect_navigation():
        page.click(".lang-switch a[hreflang=ru]")
    assert urlsplit(page.url).path == "/ru/about/"
    assert page.get_attribute("html", "lang") == "ru"
    page.goto(f"{live_server.url}/ru/")
    proverb_ru = page.inner_text(".proverb blockquote").strip()
    assert proverb_ru == "Будешь трудиться без лени — будешь сыт, не прося."

    # Sign-up: a mistake keeps what was typed and says what is wrong next to the field.
    page.goto(f"{live_server.url}/ru/accounts/signup/")
    page.fill("#id_email", "aigerim@example.kz")
    page.fill("#id_full_name", "Айгерим Садыкова")
    page.select_option("#id_region", str(region("75").pk))
    page.fill("#id_password1", "Qwerty!2345")
    page.fill("#id_password2", "Qwerty!2346")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.input_value("#id_email") == "aigerim@example.kz"
    assert page.input_value("#id_full_name") == "Айгерим Садыкова"
    assert "Пароли не совпадают." in page.inner_text("main")
    assert not User.objects.filter(email="aigerim@example.kz").exists()

    page.fill("#id_password1", "Qwerty!2345")
    page.fill("#id_password2", "Qwerty!2345")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert urlsplit(page.url).path == "/ru/accounts/profile/"
    assert "Алматы" in page.inner_text("main dl")
    user = User.objects.get(email="aigerim@example.kz")
    assert (user.full_name, user.region.code, user.preferred_language) == ("Айгерим Садыкова", "75", "ru")

    # KK on the profile stays on the profile; signing out returns a visitor.
    with page.expect_navigation():
        page.click(".lang-switch a[hreflang=kk]")
    assert urlsplit(page.url).path == "/kk/accounts/profile/"
    page.click(".main-nav summary")  # the phone's menu
    with page.expect_navigation():
        page.click("header form button[type=submit]")
    page.click(".main-nav summary")
    assert page.is_visible(".main-nav a[href='/kk/accounts/login/']")

    # Fonts, styles and scripts all came from the portal itself.
    assert foreign == []
    context.close()
