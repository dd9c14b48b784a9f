"""Issue 12 item 6: under django-csp's policy the API docs, the home page and a dynasty's page load
in headless Chromium without a single CSP violation and without a request to another host."""

import pytest

from tests.conftest import skip_without_chromium
from tests.factories.dynasties import DynastyFactory, MemberFactory

pytestmark = [pytest.mark.browser, skip_without_chromium]

COLLECT_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


@pytest.mark.usefixtures("reference_data")
def test_browser_pages_load_without_csp_violations_or_other_hosts(browser, live_server):
    dynasty = DynastyFactory(story_kk="**Үш буын** металлург.\n\n> Әкемнің сөзі")
    MemberFactory(dynasty=dynasty)
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(COLLECT_VIOLATIONS)
    page = context.new_page()
    console, elsewhere = [], []
    page.on("console", lambda message: console.append(message.text))
    page.on(
        "request",
        lambda request: (
            None
            if request.url.startswith((live_server.url, "data:", "blob:"))
            else elsewhere.append(request.url)
        ),
    )
    found = {}
    for path, ready in [
        ("/api/docs/", ".swagger-ui .opblock"),
        ("/kk/", "main"),
        (f"/kk/dynasties/{dynasty.slug}/", ".story"),
        (f"/ru/dynasties/{dynasty.slug}/", ".story"),
    ]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
        assert "Content-Security-Policy" in {name.title() for name in response.headers}
        page.wait_for_selector(ready, timeout=20_000)
        page.wait_for_load_state("networkidle")
        found[path] = page.evaluate("window.__cspViolations")

    context.close()
    assert found == {path: [] for path in found}
    assert [text for text in console if "Content Security Policy" in text] == []
    assert elsewhere == []


def test_redoc_is_gone(client, db):
    assert client.get("/api/redoc/").status_code == 404
