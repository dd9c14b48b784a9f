"""axe-core in Playwright: inject the vendored axe.min.js (tests/assets/axe-core, test-only) into a page and
fail on serious or critical violations.

    context = browser.new_context(bypass_csp=True)   # the portal's CSP rightly refuses injected scripts
    page.goto(url)
    assert_no_serious_violations(page)
"""

import json
from pathlib import Path

AXE = Path(__file__).resolve().parent / "assets" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def axe_violations(page, *, impacts=BLOCKING) -> list[dict]:
    """The violations of WCAG 2.x A/AA rules (and axe's best practices) on the page as it is now."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    results = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
            resultTypes: ['violations'],
        })"""
    )
    return [
        {
            "id": violation["id"],
            "impact": violation["impact"],
            "help": violation["help"],
            "nodes": [node["target"] for node in violation["nodes"]][:5],
        }
        for violation in results["violations"]
        if violation["impact"] in impacts
    ]


def assert_no_serious_violations(page) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{page.url}:\n{json.dumps(violations, ensure_ascii=False, indent=1)}"
