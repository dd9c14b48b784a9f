"""The contest's main journey in headless Chromium (Playwright): apply in Kazakh on a 360 px phone,
a juror scores, the ministry publishes, the results are shown in Russian.

Run on its own with `pytest -m browser`; skipped when Debian's Chromium is not installed.
"""

import io

import pytest
from PIL import Image

from contests.models import Application, ScoreSheet
from contests.services import application_screen
from enbek.enums import Role
from tests.conftest import skip_without_chromium
from tests.factories import UserFactory, profession, region
from tests.factories.contests import (
    ContestFactory,
    CriterionFactory,
    JuryAssignmentFactory,
    NominationFactory,
    StageFactory,
    next_iin,
)

PASSWORD = "Qwerty!2345"

pytestmark = [pytest.mark.browser, skip_without_chromium]


def sign_in(browser, live_server, email: str, next_path: str, lang: str = "kk"):
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale=f"{lang}-KZ")
    page = context.new_page()
    page.goto(f"{live_server.url}/{lang}/accounts/login/?next={next_path}")
    page.fill("#id_username", email)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("main form button[type=submit]")
    assert page.url == f"{live_server.url}{next_path}"
    return context, page


def submit(page, selector: str = "main form#step-form button[type=submit]") -> None:
    with page.expect_navigation():
        page.click(selector)


@pytest.mark.usefixtures("reference_data")
def test_browser_apply_in_kazakh_jury_scores_results_in_russian(browser, live_server, settings, tmp_path):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    contest = ContestFactory(
        title_kk="«Я-профи» — 2026", title_ru="«Я-профи» — 2026", title="«Я-профи» — 2026"
    )
    nomination = NominationFactory(contest=contest, profession=profession("7212-01"))
    stage = StageFactory(contest=contest, is_regional=False, advance_count=3)
    skill = CriterionFactory(
        contest=contest, name_kk="Шеберлік", name_ru="Мастерство", name="Шеберлік", weight=2
    )
    citizen = UserFactory(email="welder@example.kz", roles=[Role.CITIZEN], region=region("75"))
    juror = JuryAssignmentFactory(
        stage=stage, nomination=nomination, juror__email="juror@example.kz", juror__roles=[Role.JURY_MEMBER]
    ).juror
    ministry = UserFactory(email="ministry@example.kz", roles=[Role.MINISTRY_ADMINISTRATOR])
    photo = tmp_path / "weld.jpg"
    buffer = io.BytesIO()
    Image.new("RGB", (320, 240), (200, 90, 20)).save(buffer, format="JPEG")
    photo.write_bytes(buffer.getvalue())
    iin = next_iin()

    # 1. The welder applies in Kazakh on a phone, step by step.
    context, page = sign_in(browser, live_server, citizen.email, f"/kk/contests/{contest.pk}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    submit(page, "main form button[type=submit]")
    application = Application.objects.get(user=citizen)
    assert page.url.endswith(f"/kk/contests/applications/{application.pk}/step/1/")
    page.fill("#id_iin", iin)
    page.fill("#id_full_name", "Серік Дәнекеров")
    page.fill("#id_phone", "+7 701 555 44 33")
    page.select_option("#id_region", str(region("75").pk))
    page.select_option("#id_nomination", str(nomination.pk))
    submit(page)
    page.fill("#id_employer_name", "«Болат» ЖШС")
    page.fill("#id_experience_years", "9")
    page.select_option("#id_education", "vocational")
    page.fill("#id_story", "Колледжден кейін зауытта он жыл дәнекерлеуші болдым.")
    submit(page)
    page.set_input_files("#id_file", str(photo))
    page.fill("#id_title", "Менің жұмысым")
    submit(page)
    assert page.locator("ul.portfolio li").count() == 1
    submit(page)
    page.check("#id_consent")
    submit(page)
    assert page.url.endswith(f"/kk/contests/applications/{application.pk}/")
    assert "********" + iin[-4:] in page.content()
    assert iin not in page.content()
    application.refresh_from_db()
    assert application.status == "submitted"
    context.close()

    # 2. Screened in; the juror scores blind.
    application_screen(application=application, actor=ministry, accept=True)
    sheet = ScoreSheet.objects.create(stage=stage, application=application, juror=juror)
    context, page = sign_in(browser, live_server, juror.email, "/kk/contests/jury/")
    with page.expect_navigation():
        page.click(f"a[href$='/contests/jury/sheets/{sheet.pk}/']")
    assert "Серік Дәнекеров" not in page.content()
    page.fill(f"#id_criterion_{skill.pk}", "9")
    submit(page, "form.score-sheet button[type=submit]")
    sheet.refresh_from_db()
    assert sheet.submitted_at is not None
    context.close()

    # 3. The ministry publishes the results.
    context, page = sign_in(
        browser, live_server, ministry.email, f"/ru/contests/manage/stages/{stage.pk}/", "ru"
    )
    submit(page, "button[value=publish]")
    context.close()

    # 4. Anyone sees them in Russian, and the winners' gallery.
    context = browser.new_context(viewport={"width": 360, "height": 780}, locale="ru-RU")
    page = context.new_page()
    page.goto(f"{live_server.url}/ru/contests/{contest.pk}/results/")
    assert page.locator("h1").inner_text() == "Результаты"
    assert "Серік Дәнекеров" in page.locator("table.results").inner_text()
    page.goto(f"{live_server.url}/ru/contests/winners/")
    assert "Серік Дәнекеров" in page.content()
    assert "1 место" in page.content()
    context.close()
