"""What a visitor on a phone downloads: the main pages under 300 KB on a first visit and under 50 KB on a
repeat visit, served as in production (gunicorn, DEBUG off, WhiteNoise: hashed names, a year of cache,
compressed copies). The bytes are those Chromium counted on the wire (headers included)."""

import pytest
from django.utils import timezone

from tests.conftest import skip_without_chromium
from tests.factories import DynastyFactory, PhotoFactory, profession, region
from tests.factories.events import EventFactory

pytestmark = [pytest.mark.browser, skip_without_chromium]

FIRST_VISIT_LIMIT = 300 * 1024
REPEAT_VISIT_LIMIT = 50 * 1024
#: The pages a spike lands on.
PAGES = ["/kk/", "/ru/", "/kk/dynasties/", "/ru/dynasties/", "/kk/events/", "/ru/events/"]


def _visit(page, cdp, url: str) -> int:
    transferred = []
    handler = lambda event: transferred.append(event["encodedDataLength"])  # noqa: E731
    cdp.on("Network.loadingFinished", handler)
    page.goto(url, wait_until="networkidle")
    cdp.remove_listener("Network.loadingFinished", handler)
    return sum(transferred)


@pytest.fixture
def content(reference_data):
    now = timezone.now()
    dynasties = [DynastyFactory(region=region("75"), published_at=now) for _ in range(12)]
    for dynasty in dynasties:
        photo = PhotoFactory(dynasty=dynasty)
        dynasty.cover = photo
        dynasty.save(update_fields=["cover"])
    # A full first page of the event list (20 cards), some with professions.
    for n in range(24):
        EventFactory(region=region("75"), professions=[profession("7212-01")] if n % 2 else [])
    return dynasties


@pytest.mark.parametrize("path", PAGES)
def test_page_weight_first_and_repeat_visit(browser, web_server, content, path):
    server = web_server(PAGE_CACHE="1")
    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")

    first = _visit(page, cdp, server.url + path)
    page.goto("about:blank")
    repeat = _visit(page, cdp, server.url + path)
    context.close()

    assert first < FIRST_VISIT_LIMIT, f"{path}: {first / 1024:.1f} KB on a first visit"
    assert repeat < REPEAT_VISIT_LIMIT, f"{path}: {repeat / 1024:.1f} KB on a repeat visit"


def test_static_files_hashed_compressed_and_cached_for_a_year(web_server, content):
    server = web_server()
    status, html = server.get("/kk/")
    assert status == 200
    css = next(
        part.split('"')[0] for part in html.decode().split('href="') if part.startswith("/static/css/portal.")
    )
    assert css != "/static/css/portal.css"  # a hashed name: a new release is a new URL
    import urllib.request

    request = urllib.request.Request(server.url + css, headers={"Accept-Encoding": "gzip, br"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.headers["Content-Encoding"] in ("gzip", "br")
        assert "max-age=315360000" in answer.headers["Cache-Control"]
        assert "immutable" in answer.headers["Cache-Control"]
