"""The sections' journeys as their users meet them: in Kazakh and Russian, on a 1366 px desktop and on a
360×740 phone, in headless Chromium (the fixtures of tests/enbek/test_journeys.py). A failing run leaves
screenshots in var/screenshots/ (tests/conftest.py).
"""

import datetime
import io

import pytest
from django.utils import timezone, translation
from PIL import Image

from contests.models import Application, ScoreSheet
from contests.services import application_screen
from enbek.enums import Role
from enbek.selectors import quiz_outcome, quiz_statements, quiz_types_of
from events.enums import EventStatus
from events.models import Registration
from events.services import registration_create
from surveys.models import Response
from tests.conftest import skip_without_chromium
from tests.enbek.test_journeys import _sign_in, visit  # noqa: F401 (visit: the fixture)
from tests.factories import OrganizationFactory, UserFactory, profession, region
from tests.factories.contests import (
    ContestFactory,
    CriterionFactory,
    JuryAssignmentFactory,
    NominationFactory,
    StageFactory,
    next_iin,
)
from tests.factories.events import EventFactory
from tests.factories.surveys import wave

pytestmark = [pytest.mark.browser, skip_without_chromium]


def _submit(page, selector: str) -> None:
    with page.expect_navigation():
        page.click(selector)


def _fits(page, device: str) -> None:
    if device == "phone":  # nothing wider than the phone's screen
        assert page.evaluate("document.documentElement.scrollWidth") <= 360


def _name(obj, field: str, lang: str) -> str:
    return getattr(obj, f"{field}_{lang}")


@pytest.mark.usefixtures("reference_data")
def test_journey_pupil_takes_the_quiz_and_opens_a_suggested_profession(visit):  # noqa: F811
    lang, device, page, base = visit
    statements = list(quiz_statements())
    # A pupil who likes working with hands and machines, a little curious, not much else.
    answers = {str(s.pk): {"R": 5, "I": 3}.get(s.holland_type, 1) for s in statements}
    suggested = quiz_outcome(answers, quiz_types_of(statements))["professions"][0][0]

    page.goto(f"{base}/{lang}/")
    with page.expect_navigation():
        page.click(f"main a[href='/{lang}/professions/quiz/']")
    while "/quiz/result/" not in page.url:
        names = page.locator("fieldset.quiz-item input[type=radio]").evaluate_all(
            "inputs => [...new Set(inputs.map(i => i.name))]"
        )
        assert names
        for name in names:
            page.locator(f"input[name={name}][value='{answers[name[1:]]}']").check()
        _fits(page, device)
        _submit(page, "button[name=go][value=next]")
    _fits(page, device)

    first = page.locator(".suggested-professions li a").first
    assert first.inner_text() == _name(suggested, "name", lang)
    with page.expect_navigation():
        first.click()
    assert page.url == f"{base}/{lang}/professions/{suggested.code}/"
    assert page.locator("h1").inner_text() == _name(suggested, "name", lang)
    assert page.locator("html").get_attribute("lang") == lang
    _fits(page, device)


@pytest.mark.usefixtures("reference_data")
def test_journey_citizen_registers_for_an_open_day_and_sees_the_ticket(visit):  # noqa: F811
    lang, device, page, base = visit
    event = EventFactory(
        title_kk="Зауыттағы ашық есік күні",
        title_ru="День открытых дверей на заводе",
        region=region("75"),
        capacity=20,
    )
    citizen = UserFactory(email="citizen@example.kz", roles=[Role.CITIZEN], preferred_language=lang)

    # Found in the public list first (an anonymous, cacheable page), then signed in.
    page.goto(f"{base}/{lang}/events/")
    link = page.locator(f"a[href='/{lang}/events/{event.pk}/']").first
    assert link.inner_text() == _name(event, "title", lang)
    _fits(page, device)
    _sign_in(page, base, lang, citizen.email, f"/{lang}/events/{event.pk}/")
    assert page.locator("h1").inner_text() == _name(event, "title", lang)
    assert page.locator(".seats[data-seats-left]").get_attribute("data-seats-left") == "20"
    _submit(page, "#register-button")

    registration = Registration.objects.get(event=event, user=citizen)
    assert registration.status == "confirmed"
    assert page.url == f"{base}/{lang}/events/registrations/{registration.pk}/"
    assert page.locator("#ticket-code").inner_text() == registration.ticket_code
    assert page.locator(".ticket-qr svg").is_visible()
    _fits(page, device)

    # The public page shows the seat taken at once.
    page.goto(f"{base}/{lang}/events/{event.pk}/")
    assert page.locator(".seats[data-seats-left]").get_attribute("data-seats-left") == "19"


@pytest.mark.usefixtures("reference_data")
def test_journey_representative_publishes_an_event_and_checks_an_attendee_in(visit):  # noqa: F811
    lang, device, page, base = visit
    enterprise = OrganizationFactory(is_verified=True, region=region("75"))
    representative = UserFactory(email="hr@example.kz", roles=[Role.ENTERPRISE_REPRESENTATIVE])
    enterprise.representatives.add(representative)
    start = timezone.now() + datetime.timedelta(hours=3)
    event = EventFactory(
        organization=enterprise,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        status=EventStatus.DRAFT,
        published_at=None,
    )

    _sign_in(page, base, lang, representative.email, f"/{lang}/events/manage/{event.pk}/")
    _submit(page, "#publish-event")
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    with translation.override(lang):
        assert page.locator("#event-status").inner_text() == str(EventStatus.PUBLISHED.label)
    _fits(page, device)

    attendee = UserFactory(roles=[Role.CITIZEN])
    registration = registration_create(event_id=event.pk, user=attendee)
    page.goto(f"{base}/{lang}/events/manage/{event.pk}/check-in/")
    page.fill("#id_code", registration.ticket_code.lower())
    _submit(page, "#checkin-button")
    assert registration.ticket_code in page.locator("#checkin-result").inner_text()
    registration.refresh_from_db()
    assert registration.status == "attended"
    _fits(page, device)


@pytest.mark.usefixtures("reference_data")
def test_journey_contestant_applies_to_ya_profi_and_a_juror_scores(visit, tmp_path):  # noqa: F811
    lang, device, page, base = visit
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
    step_form = "main form#step-form button[type=submit]"

    _sign_in(page, base, lang, citizen.email, f"/{lang}/contests/{contest.pk}/")
    _fits(page, device)
    _submit(page, "main form button[type=submit]")
    application = Application.objects.get(user=citizen)
    assert page.url.endswith(f"/{lang}/contests/applications/{application.pk}/step/1/")
    page.fill("#id_iin", iin)
    page.fill("#id_full_name", "Серік Дәнекеров")
    page.fill("#id_phone", "+7 701 555 44 33")
    page.select_option("#id_region", str(region("75").pk))
    page.select_option("#id_nomination", str(nomination.pk))
    _submit(page, step_form)
    page.fill("#id_employer_name", "«Болат» ЖШС")
    page.fill("#id_experience_years", "9")
    page.select_option("#id_education", "vocational")
    page.fill("#id_story", "Колледжден кейін зауытта он жыл дәнекерлеуші болдым.")
    _submit(page, step_form)
    page.set_input_files("#id_file", str(photo))
    page.fill("#id_title", "Менің жұмысым")
    _submit(page, step_form)
    assert page.locator("ul.portfolio li").count() == 1
    _submit(page, step_form)
    page.check("#id_consent")
    _fits(page, device)
    _submit(page, step_form)
    assert page.url.endswith(f"/{lang}/contests/applications/{application.pk}/")
    assert "********" + iin[-4:] in page.content()
    assert iin not in page.content()
    application.refresh_from_db()
    assert application.status == "submitted"

    # Screened in by the ministry; the juror (a new session) scores blind.
    application_screen(application=application, actor=ministry, accept=True)
    sheet = ScoreSheet.objects.create(stage=stage, application=application, juror=juror)
    page.context.clear_cookies()
    _sign_in(page, base, lang, juror.email, f"/{lang}/contests/jury/")
    with page.expect_navigation():
        page.click(f"a[href$='/contests/jury/sheets/{sheet.pk}/']")
    assert "Серік Дәнекеров" not in page.content()
    page.fill(f"#id_criterion_{skill.pk}", "9")
    _fits(page, device)
    _submit(page, "form.score-sheet button[type=submit]")
    sheet.refresh_from_db()
    assert sheet.submitted_at is not None


@pytest.mark.usefixtures("reference_data")
def test_journey_respondent_completes_the_survey(visit):  # noqa: F811
    lang, device, page, base = visit
    today = timezone.localdate()
    survey = wave(
        year=today.year,
        opens_on=today - datetime.timedelta(days=1),
        closes_on=today + datetime.timedelta(days=30),
    )
    next_button = "main form button[name=next]"

    page.goto(f"{base}/{lang}/surveys/")
    with page.expect_navigation():
        page.click(".survey-current a.button")
    assert page.locator("h1").inner_text() == _name(survey, "title", lang)
    with page.expect_navigation():
        page.click(".survey a.button")
    assert page.locator("h1").inner_text() == {"kk": "Еңбек", "ru": "Труд"}[lang]
    _fits(page, device)
    page.check("input[name=work_meaning][value='4']")
    page.check("input[name=state_provides][value='2']")
    page.check("input[name=learning][value='yes']")
    _submit(page, next_button)
    page.check("input[name=learning_how][value='online']")
    _submit(page, next_button)
    assert page.url.endswith(f"/{lang}/surveys/{survey.year}/page/2/")
    page.check("input[name=work_satisfaction][value='9']")
    page.fill("textarea[name=comment]", "Еңбек — бақыт")
    _submit(page, next_button)
    _fits(page, device)
    page.select_option("#id_region", str(region("75").pk))
    page.check("input[name=sex][value=f]")
    page.check("input[name=age_group][value='25-34']")
    page.check("input[name=education][value=higher]")
    page.check("input[name=employment][value=employed]")
    page.check("input[name=settlement][value=urban]")
    _submit(page, next_button)
    assert page.url.endswith(f"/{lang}/surveys/{survey.year}/thanks/")
    assert page.locator("html").get_attribute("lang") == lang
    assert Response.objects.filter(survey=survey).count() == 1
