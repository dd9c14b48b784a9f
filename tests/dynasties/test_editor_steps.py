"""The four-step editor: moving between steps saves what was typed, the step bar tells the truth, and
sending step 1 twice (Back, then Save again) keeps one draft."""

import re
import uuid

import pytest

from dynasties import services
from dynasties.enums import DynastyStatus
from dynasties.models import Dynasty, Member, Photo
from tests.factories import region, sphere

from .conftest import build_family
from .test_views import jpeg_upload

pytestmark = pytest.mark.django_db


def _draft(owner, **fields) -> Dynasty:
    return services.dynasty_create(
        submitted_by=owner,
        family_name_kk=fields.pop("family_name_kk", "Өтеповтер"),
        family_name_ru="Өтеповы",
        sphere=sphere("energy"),
        region=region("75"),
        **fields,
    )


def _url(dynasty: Dynasty, step: str, lang: str = "kk") -> str:
    return f"/{lang}/dynasties/{dynasty.pk}/edit/{step}/"


def _step_states(html: str) -> dict[str, str]:
    """{"family": "done", …} from the step bar's classes, in order."""
    keys = ["family", "members", "story", "photos", "review"]
    states = re.findall(r'<li class="step step-(done|todo|optional)', html)
    assert len(states) == 5, html
    return dict(zip(keys, states, strict=True))


FAMILY_POST = {
    "family_name_kk": "Өтеповтер",
    "family_name_ru": "Өтеповы",
    "founded_year": "1958",
}


def _family_post(**extra) -> dict:
    return {**FAMILY_POST, "sphere": sphere("energy").pk, "region": region("75").pk, **extra}


# --- Moving between steps saves what was typed ----------------------------------------------------
def test_step_bar_buttons_submit_the_step_form(client, citizen):
    dynasty = _draft(citizen)
    client.force_login(citizen)
    html = client.get(_url(dynasty, "members")).content.decode()
    assert 'id="step-form"' in html
    for step in ("family", "story", "photos", "review"):
        assert f'<button type="submit" form="step-form" name="goto" value="{step}" class="step-link">' in html
    assert '<button type="submit" form="step-form" name="goto" value="story" class="button">' in html
    # Enter in a field submits with the first button of the form in tree order: a plain save.
    first_button = html.index('form="step-form"')
    assert html[first_button - 30 : first_button + 30].count("hidden") == 1
    assert '<button type="submit" form="step-form" hidden></button>' in html


def test_member_typed_then_next_step_is_saved_and_opens_it(client, citizen):
    dynasty = _draft(citizen)
    client.force_login(citizen)
    response = client.post(
        _url(dynasty, "members"),
        {"full_name": "Сапар Өтепов", "generation": "1", "start_year": "1958", "goto": "story"},
    )
    assert response.status_code == 302
    assert response["Location"] == _url(dynasty, "story")
    assert list(Member.objects.filter(dynasty=dynasty).values_list("full_name", "generation")) == [
        ("Сапар Өтепов", 1)
    ]


def test_empty_member_form_then_next_step_saves_nothing(client, citizen):
    dynasty = _draft(citizen)
    client.force_login(citizen)
    response = client.post(
        _url(dynasty, "members"), {"full_name": " ", "generation": "", "parent": "", "goto": "photos"}
    )
    assert response.status_code == 302
    assert response["Location"] == _url(dynasty, "photos")
    assert not Member.objects.filter(dynasty=dynasty).exists()


def test_half_typed_member_then_next_step_stays_with_errors_and_input(client, citizen):
    dynasty = _draft(citizen)
    client.force_login(citizen)
    response = client.post(
        _url(dynasty, "members"), {"full_name": "", "profession_kk": "Энергетик", "goto": "story"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_full_name_error"' in html
    assert 'value="Энергетик"' in html
    assert 'data-unsaved-warning="typed"' in html
    assert not Member.objects.filter(dynasty=dynasty).exists()


def test_member_edited_then_another_step_is_saved(client, citizen):
    dynasty = build_family(citizen)
    member = dynasty.members.order_by("generation").first()
    client.force_login(citizen)
    response = client.post(
        _url(dynasty, f"members/{member.pk}"),
        {"full_name": "Жаңа Есім", "generation": "1", "goto": "review"},
    )
    assert response["Location"] == _url(dynasty, "review")
    member.refresh_from_db()
    assert member.full_name == "Жаңа Есім"


def test_story_typed_then_another_step_is_saved(client, citizen):
    dynasty = _draft(citizen)
    client.force_login(citizen)
    response = client.post(
        _url(dynasty, "story", "ru"), {"story_kk": "Үш буын.", "story_ru": "Три поколения.", "goto": "family"}
    )
    assert response["Location"] == _url(dynasty, "family", "ru")
    dynasty.refresh_from_db()
    assert (dynasty.story_kk, dynasty.story_ru) == ("Үш буын.", "Три поколения.")


def test_family_changed_then_another_step_is_saved(client, citizen):
    dynasty = _draft(citizen)
    client.force_login(citizen)
    response = client.post(_url(dynasty, "family"), _family_post(founded_year="1960", goto="story"))
    assert response["Location"] == _url(dynasty, "story")
    dynasty.refresh_from_db()
    assert dynasty.founded_year == 1960


def test_photo_chosen_then_next_step_uploads_it(client, citizen):
    dynasty = _draft(citizen)
    client.force_login(citizen)
    response = client.post(
        _url(dynasty, "photos"), {"image": jpeg_upload(), "caption_kk": "Станцияда", "goto": "review"}
    )
    assert response["Location"] == _url(dynasty, "review")
    assert list(Photo.objects.filter(dynasty=dynasty).values_list("caption_kk", flat=True)) == ["Станцияда"]


def test_no_photo_chosen_then_next_step_just_moves_on(client, citizen):
    dynasty = _draft(citizen)
    client.force_login(citizen)
    response = client.post(_url(dynasty, "photos"), {"caption_kk": "", "goto": "review"})
    assert response["Location"] == _url(dynasty, "review")
    assert not Photo.objects.filter(dynasty=dynasty).exists()


def test_caption_without_photo_then_next_step_keeps_the_caption(client, citizen):
    dynasty = _draft(citizen)
    client.force_login(citizen)
    response = client.post(_url(dynasty, "photos"), {"caption_kk": "Станцияда", "goto": "review"})
    assert response.status_code == 200
    assert 'value="Станцияда"' in response.content.decode()


def test_unknown_goto_is_ignored(client, citizen):
    dynasty = _draft(citizen)
    client.force_login(citizen)
    response = client.post(_url(dynasty, "story"), {"story_kk": "Тарих.", "goto": "../admin"})
    assert response["Location"] == _url(dynasty, "photos")


def test_review_and_locked_pages_link_the_steps(client, citizen):
    dynasty = build_family(citizen)
    client.force_login(citizen)
    html = client.get(_url(dynasty, "review")).content.decode()
    assert 'name="goto"' not in html
    assert f'<a class="step-link" href="{_url(dynasty, "story")}">' in html
    services.dynasty_submit(dynasty=dynasty, user=citizen)
    html = client.get(_url(dynasty, "story")).content.decode()
    assert 'name="goto"' not in html


def test_locked_draft_with_goto_answers_locked(client, citizen):
    dynasty = build_family(citizen)
    services.dynasty_submit(dynasty=dynasty, user=citizen)
    client.force_login(citizen)
    response = client.post(_url(dynasty, "story"), {"story_kk": "Жаңа.", "goto": "photos"})
    assert response.status_code == 409


# --- The step bar shows what the draft really holds -----------------------------------------------
def test_step_states_of_a_new_draft(client, citizen):
    dynasty = _draft(citizen)
    client.force_login(citizen)
    states = _step_states(client.get(_url(dynasty, "members")).content.decode())
    assert states == {
        "family": "done",
        "members": "todo",
        "story": "todo",
        "photos": "optional",
        "review": "todo",
    }


def test_step_states_story_without_members(client, citizen):
    dynasty = _draft(citizen)
    services.dynasty_set_story(dynasty=dynasty, user=citizen, story_kk="Тарих.", story_ru="")
    client.force_login(citizen)
    html = client.get(_url(dynasty, "review")).content.decode()
    assert _step_states(html) == {
        "family": "done",
        "members": "todo",
        "story": "done",
        "photos": "optional",
        "review": "todo",
    }
    assert html.count("(әлі жасалмаған)") == 2  # members and review, announced to screen readers


def test_step_states_one_generation_is_not_done(client, citizen):
    dynasty = _draft(citizen)
    services.member_save(dynasty=dynasty, user=citizen, full_name="Сапар Өтепов", generation=1)
    client.force_login(citizen)
    assert _step_states(client.get(_url(dynasty, "story")).content.decode())["members"] == "todo"


def test_step_states_complete_draft(client, citizen):
    dynasty = build_family(citizen)
    services.photo_add(dynasty=dynasty, user=citizen, upload=jpeg_upload())
    client.force_login(citizen)
    states = _step_states(client.get(_url(dynasty, "family")).content.decode())
    assert states == {
        "family": "done",
        "members": "done",
        "story": "done",
        "photos": "done",
        "review": "todo",
    }


# --- Step 1 sent twice keeps one draft --------------------------------------------------------------
def _token(html: str) -> str:
    return re.search(r'name="creation_token" value="([0-9a-f-]{36})"', html).group(1)


def test_new_form_carries_a_one_time_token(client, citizen):
    client.force_login(citizen)
    first = _token(client.get("/kk/dynasties/new/").content.decode())
    second = _token(client.get("/kk/dynasties/new/").content.decode())
    assert first != second


def test_back_and_resubmit_with_the_same_token_keeps_one_draft(client, citizen):
    client.force_login(citizen)
    token = _token(client.get("/kk/dynasties/new/").content.decode())
    first = client.post("/kk/dynasties/new/", _family_post(creation_token=token))
    dynasty = Dynasty.objects.get(submitted_by=citizen)
    services.member_save(dynasty=dynasty, user=citizen, full_name="Сапар Өтепов", generation=1)

    # Back, a change, Save again: the same draft, with the change.
    second = client.post("/kk/dynasties/new/", _family_post(creation_token=token, founded_year="1961"))

    assert first["Location"] == second["Location"] == _url(dynasty, "members")
    assert Dynasty.objects.filter(submitted_by=citizen).count() == 1
    dynasty.refresh_from_db()
    assert (dynasty.founded_year, dynasty.members_count) == (1961, 1)


def test_reloaded_form_sent_again_reuses_the_empty_identical_draft(client, citizen):
    client.force_login(citizen)
    client.post("/kk/dynasties/new/", _family_post(creation_token=str(uuid.uuid4())))
    client.post("/kk/dynasties/new/", _family_post(creation_token=str(uuid.uuid4())))
    client.post("/kk/dynasties/new/", _family_post(creation_token="not-a-token"))
    assert Dynasty.objects.filter(submitted_by=citizen).count() == 1


def test_a_second_family_or_a_started_draft_gives_a_new_draft(client, citizen, other_citizen):
    client.force_login(citizen)
    client.post("/kk/dynasties/new/", _family_post(creation_token=str(uuid.uuid4())))
    client.post(
        "/kk/dynasties/new/", _family_post(family_name_kk="Сейітовтер", creation_token=str(uuid.uuid4()))
    )
    assert Dynasty.objects.filter(submitted_by=citizen).count() == 2
    started = Dynasty.objects.get(submitted_by=citizen, family_name_kk="Өтеповтер")
    services.member_save(dynasty=started, user=citizen, full_name="Сапар Өтепов", generation=1)
    client.post("/kk/dynasties/new/", _family_post(creation_token=str(uuid.uuid4())))
    assert Dynasty.objects.filter(submitted_by=citizen).count() == 3


def test_another_user_s_token_never_reaches_their_draft(client, citizen, other_citizen):
    token = uuid.uuid4()
    theirs = _draft(other_citizen, creation_token=token)
    client.force_login(citizen)
    client.post("/kk/dynasties/new/", _family_post(creation_token=str(token)))
    mine = Dynasty.objects.get(submitted_by=citizen)
    assert mine.pk != theirs.pk
    assert Dynasty.objects.filter(submitted_by=other_citizen).count() == 1


def test_resubmit_after_submitting_gives_the_locked_draft(client, citizen):
    token = uuid.uuid4()
    dynasty = build_family(citizen)
    Dynasty.objects.filter(pk=dynasty.pk).update(creation_token=token, status=DynastyStatus.SUBMITTED)
    client.force_login(citizen)
    response = client.post("/kk/dynasties/new/", _family_post(creation_token=str(token)))
    assert response["Location"] == _url(dynasty, "members")
    assert Dynasty.objects.filter(submitted_by=citizen).count() == 1
