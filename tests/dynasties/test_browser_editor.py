"""The editor in headless Chromium: nothing typed is lost between steps, Back + Save keeps one draft,
and leaving by a link asks first (Playwright; skipped without Debian's Chromium)."""

import pytest

from dynasties.models import Dynasty, Member
from enbek.enums import Role
from tests.conftest import skip_without_chromium
from tests.factories import UserFactory, region, sphere

from .test_browser import sign_in, submit

pytestmark = [pytest.mark.browser, skip_without_chromium]


@pytest.mark.usefixtures("reference_data")
def test_browser_editor_keeps_what_was_typed(browser, live_server):
    citizen = UserFactory(email="editor@example.kz", roles=[Role.CITIZEN], region=region("75"))
    context, page = sign_in(browser, live_server, citizen.email, "/kk/dynasties/new/")

    # Step 1, then Back and Save again: still one draft.
    page.fill("#id_family_name_kk", "Өтеповтер")
    page.select_option("#id_sphere", str(sphere("energy").pk))
    submit(page, "#step-form button.button")
    dynasty = Dynasty.objects.get(submitted_by=citizen)
    members_url = f"{live_server.url}/kk/dynasties/{dynasty.pk}/edit/members/"
    assert page.url == members_url
    page.go_back()
    assert page.input_value("#id_family_name_kk") == "Өтеповтер"
    submit(page, "#step-form button.button")
    assert page.url == members_url
    assert Dynasty.objects.filter(submitted_by=citizen).count() == 1

    # A member typed, then a click on step 3: saved, and the story step opens.
    page.fill("#id_full_name", "Сапар Өтепов")
    page.fill("#id_generation", "1")
    with page.expect_navigation():
        page.click(".steps button[value=story]")
    assert page.url == f"{live_server.url}/kk/dynasties/{dynasty.pk}/edit/story/"
    saved = Member.objects.filter(dynasty=dynasty).values_list("full_name", flat=True)
    assert list(saved) == ["Сапар Өтепов"]
    assert page.get_attribute(".steps li:nth-child(2)", "class") == "step step-todo"  # one generation

    # A story typed, then a click on step 2: saved.
    page.fill("#id_story_kk", "Өтеповтер үш буын бойы энергетик болды.")
    with page.expect_navigation():
        page.click(".steps button[value=members]")
    dynasty.refresh_from_db()
    assert dynasty.story_kk == "Өтеповтер үш буын бойы энергетик болды."
    assert page.get_attribute(".steps li:nth-child(3)", "class") == "step step-done"

    # Enter in a field saves the member and stays on the step (not a jump to step 1).
    page.fill("#id_full_name", "Ержан Өтепов")
    page.fill("#id_generation", "2")
    with page.expect_navigation():
        page.press("#id_generation", "Enter")
    assert page.url == members_url
    assert Member.objects.filter(dynasty=dynasty).count() == 2

    # Typed, then a link that cannot save: the browser asks, and staying keeps the text.
    page.fill("#id_full_name", "Әлі сақталмаған")
    dialogs = []

    def dismiss(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", dismiss)
    page.click(".wizard-kicker a")  # "My dynasties"
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.url == members_url
    assert page.input_value("#id_full_name") == "Әлі сақталмаған"

    # Leaving anyway (the question accepted), then with nothing typed: no question.
    page.remove_listener("dialog", dismiss)
    accepted = []
    page.on("dialog", lambda dialog: (accepted.append(dialog.type), dialog.accept()))
    page.goto(members_url)
    assert accepted == ["beforeunload"]
    with page.expect_navigation():
        page.click(".wizard-kicker a")
    assert page.url == f"{live_server.url}/kk/dynasties/mine/"
    assert accepted == ["beforeunload"]
    assert Member.objects.filter(dynasty=dynasty).count() == 2
    context.close()


@pytest.mark.usefixtures("reference_data")
def test_browser_editor_steps_save_without_javascript(browser, live_server):
    citizen = UserFactory(email="nojs@example.kz", roles=[Role.CITIZEN], region=region("75"))
    dynasty = Dynasty.objects.create(
        family_name_kk="Сейітовтер",
        family_name="Сейітовтер",
        slug="seiitovter",
        sphere=sphere("railway"),
        region=region("75"),
        submitted_by=citizen,
    )
    context = browser.new_context(viewport={"width": 360, "height": 740}, java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{live_server.url}/kk/accounts/login/?next=/kk/dynasties/{dynasty.pk}/edit/story/")
    page.fill("#id_username", citizen.email)
    page.fill("#id_password", "Qwerty!2345")
    submit(page)
    page.fill("#id_story_ru", "Три поколения железнодорожников.")
    with page.expect_navigation():
        page.click(".steps button[value=photos]")
    assert page.url == f"{live_server.url}/kk/dynasties/{dynasty.pk}/edit/photos/"
    dynasty.refresh_from_db()
    assert dynasty.story_ru == "Три поколения железнодорожников."
    context.close()
