"""The header on a 360 px phone and on a desktop, and the logo, in headless Chromium (Playwright).

Run on its own with `pytest -m browser`; skipped when Debian's Chromium is not installed.
"""

import base64
import io
import os
from pathlib import Path

import pytest
from django.conf import settings
from PIL import Image

from dynasties.enums import DynastyStatus
from enbek.enums import Role
from tests.conftest import skip_without_chromium
from tests.factories import DynastyFactory, UserFactory, region

pytestmark = [pytest.mark.browser, skip_without_chromium]

PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1366, "height": 768}


def _shot(page, name: str) -> None:
    directory = os.environ.get("ENBEK_SCREENSHOT_DIR")
    if directory:
        page.screenshot(path=str(Path(directory) / name))


def _content_top(page) -> float:
    return page.evaluate("document.querySelector('main').getBoundingClientRect().top")


@pytest.mark.usefixtures("reference_data")
@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_browser_phone_menu_is_one_line_and_opens(browser, live_server, javascript):
    context = browser.new_context(viewport=PHONE, java_script_enabled=javascript)
    page = context.new_page()
    page.goto(f"{live_server.url}/kk/")

    # Before: 570 px of links above the content. Now the header is a logo line and a "Menu" line.
    assert _content_top(page) <= 130
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    about = page.locator(".main-nav a[href='/kk/about/']")
    assert not about.is_visible()
    summary = page.locator(".main-nav summary")
    assert summary.inner_text().strip() == "Мәзір"
    _shot(page, f"phone-menu-closed-{'js' if javascript else 'nojs'}.png")

    summary.click()
    assert about.is_visible()
    assert page.locator(".main-nav a[href='/kk/accounts/login/']").is_visible()
    assert page.evaluate("document.querySelector('.main-nav details').open") is True
    _shot(page, f"phone-menu-open-{'js' if javascript else 'nojs'}.png")
    with page.expect_navigation():
        about.click()
    assert page.url == f"{live_server.url}/kk/about/"
    context.close()


@pytest.mark.usefixtures("reference_data")
def test_browser_phone_menu_shows_a_coordinator_s_waiting_work(browser, live_server):
    coordinator = UserFactory(
        email="menu@example.kz", roles=[Role.REGIONAL_COORDINATOR], coordinator_region=region("75")
    )
    DynastyFactory.create_batch(2, status=DynastyStatus.SUBMITTED, region=region("75"), published_at=None)
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{live_server.url}/ru/accounts/login/?next=/ru/about/")
    page.fill("#id_username", coordinator.email)
    page.fill("#id_password", "Qwerty!2345")
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert _content_top(page) <= 130

    # The count is on the closed menu's button; the queue is one tap away.
    summary = page.locator(".main-nav summary")
    assert summary.locator(".badge").inner_text() == "2"
    assert summary.locator(".visually-hidden").inner_text() == "(ждут вас: 2)"
    summary.click()
    queue = page.locator(".main-nav a[data-work='dynasties.moderation']")
    assert queue.is_visible()
    _shot(page, "phone-menu-coordinator.png")
    with page.expect_navigation():
        queue.click()
    assert page.url == f"{live_server.url}/ru/dynasties/moderation/"
    context.close()


@pytest.mark.usefixtures("reference_data")
def test_browser_desktop_menu_is_always_open(browser, live_server):
    context = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/ru/")
    assert not page.locator(".main-nav summary").is_visible()
    for href in ("/ru/dynasties/", "/ru/about/", "/ru/accounts/login/"):
        assert page.locator(f".main-nav a[href='{href}']").is_visible()
    _shot(page, "desktop-menu.png")
    assert _content_top(page) <= 140
    context.close()


def _white_tops(png: bytes) -> dict[int, int]:
    """For each column, the first white pixel below the horizon line (the logo's lower half)."""
    image = Image.open(io.BytesIO(png)).convert("RGB")
    width, height = image.size
    tops = {}
    for x in range(width):
        for y in range(int(height * 0.6), height):
            r, g, b = image.getpixel((x, y))
            if r > 230 and g > 230 and b > 230:
                tops[x] = y
                break
    return tops


def test_browser_logo_at_phone_size_does_not_frown(browser):
    """The old logo's white arc under the sun read as a frowning mouth: the lower half's white shapes
    were highest in the middle. Now they rise from left to right (steps of growth)."""
    svg = (Path(settings.BASE_DIR) / "static" / "img" / "logo.svg").read_bytes()
    page = browser.new_page(viewport={"width": 40, "height": 40}, device_scale_factor=4)
    page.set_content(
        "<body style='margin:0;background:#00617f'>"
        f"<img src='data:image/svg+xml;base64,{base64.b64encode(svg).decode()}' width=40 height=40></body>"
    )
    tops = _white_tops(page.screenshot())
    page.close()
    assert tops, "no white shape in the logo's lower half"
    columns = sorted(tops)
    left, middle, right = (tops[c] for c in (columns[0], columns[len(columns) // 2], columns[-1]))
    frown = middle < left - 4 and middle < right - 4
    assert not frown, (left, middle, right)
    assert left > middle > right  # rising to the right
