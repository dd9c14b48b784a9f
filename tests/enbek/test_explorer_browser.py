"""The explorer's main journey in headless Chromium, on a 360 px phone (and once on a desktop): a pupil
takes the interest quiz, opens a suggested profession and reaches a dynasty of that profession.

Run on its own with `pytest -m browser`; skipped when Debian's Chromium is not installed.
"""

import pytest

from enbek.selectors import quiz_outcome, quiz_statements, quiz_types_of
from tests.conftest import skip_without_chromium
from tests.factories import DynastyFactory, MemberFactory

pytestmark = [pytest.mark.browser, skip_without_chromium]

TITLES = {"kk": "Мен кім бола аламын?", "ru": "Какая профессия мне подойдёт?"}


def answer(statement) -> int:
    """A pupil who likes working with hands and machines, a little curious, not much else."""
    return {"R": 5, "I": 3}.get(statement.holland_type, 1)


@pytest.mark.usefixtures("reference_data")
@pytest.mark.parametrize(("language", "width"), [("kk", 360), ("ru", 360), ("kk", 1366)])
def test_browser_pupil_takes_the_quiz_opens_a_profession_and_reaches_a_dynasty(
    browser, live_server, language, width
):
    statements = list(quiz_statements())
    answers = {str(s.pk): answer(s) for s in statements}
    suggested = quiz_outcome(answers, quiz_types_of(statements))["professions"][0][0]
    dynasty = DynastyFactory(family_name_kk="Ерментаевтер", family_name_ru="Ерментаевы", slug="ermentaevter")
    MemberFactory(dynasty=dynasty, profession_ref=suggested)

    context = browser.new_context(viewport={"width": width, "height": 780}, locale=f"{language}-KZ")
    page = context.new_page()
    page.goto(f"{live_server.url}/{language}/")
    page.click(f"main a[href='/{language}/professions/quiz/']")
    assert page.locator("h1").inner_text() == TITLES[language]

    pages = 0
    while "/quiz/result/" not in page.url:
        names = page.locator("fieldset.quiz-item input[type=radio]").evaluate_all(
            "inputs => [...new Set(inputs.map(i => i.name))]"
        )
        assert len(names) == 6
        for name in names:
            statement_id = name[1:]
            page.locator(f"input[name={name}][value='{answers[statement_id]}']").check()
        if width == 360:  # nothing wider than the phone's screen
            assert page.evaluate("document.documentElement.scrollWidth") <= 360
        with page.expect_navigation():
            page.click("button[name=go][value=next]")
        pages += 1
    assert pages == 6

    if width == 360:
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    first = page.locator(".suggested-professions li a").first
    assert first.inner_text() == getattr(suggested, f"name_{language}")
    with page.expect_navigation():
        first.click()
    assert page.url == f"{live_server.url}/{language}/professions/{suggested.code}/"
    assert page.locator("h1").inner_text() == getattr(suggested, f"name_{language}")
    if width == 360:
        assert page.evaluate("document.documentElement.scrollWidth") <= 360

    card = page.locator(".dynasty-card h3 a")
    assert card.count() == 1
    with page.expect_navigation():
        card.click()
    assert page.url == f"{live_server.url}/{language}/dynasties/ermentaevter/"
    assert getattr(dynasty, f"family_name_{language}") in page.locator("h1").inner_text()
    context.close()
