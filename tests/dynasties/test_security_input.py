"""Issue 12 items 3 and 4: control characters in single-line fields, hostile links, and unbounded
input are field errors, never a 500; a decision e-mail never leaves a half-done decision."""

import io

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from dynasties import services
from dynasties.enums import DynastyStatus
from dynasties.forms import ChallengeEntryForm, FamilyForm, MemberForm
from dynasties.models import Dynasty, Member
from tests.factories import region, sphere
from tests.factories.dynasties import DynastyFactory, MemberFactory

SINGLE_LINE_ERROR = "Use one line of text, without line breaks or control characters."


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.mark.parametrize(
    "name", ["Жұмабековтер\nәулеті", "Жұмабек\rтер", "Жұмабек\x00", "Ата\u2028ана", "Ата\x1bана"]
)
def test_family_form_refuses_control_characters_next_to_the_field(db, name):
    form = FamilyForm(data={"family_name_kk": name, "sphere": sphere().pk, "region": region().pk})

    assert not form.is_valid()
    assert form.errors["family_name_kk"][0] in {SINGLE_LINE_ERROR, "Null characters are not allowed."}


def test_member_form_refuses_a_newline_in_the_name_and_100000_characters_of_awards(draft):
    form = MemberForm(
        data={"full_name": "Мұрат\nЖұмабеков", "generation": 1, "awards_kk": "орден" * 20000},
        dynasty=draft,
    )

    assert not form.is_valid()
    assert form.errors["full_name"] == [SINGLE_LINE_ERROR]
    assert form.errors["awards_kk"] == ["Ensure this value has at most 2000 characters (it has 100000)."]


def test_member_model_refuses_100000_characters_of_awards(draft, citizen):
    with pytest.raises(ValidationError) as error:
        services.member_save(
            dynasty=draft, user=citizen, full_name="Мұрат", generation=1, awards_kk="а" * 100_000
        )

    assert "awards_kk" in error.value.message_dict
    assert Member.objects.filter(dynasty=draft, full_name="Мұрат").count() == 0


def test_service_refuses_a_newline_in_the_family_name(citizen):
    with pytest.raises(ValidationError) as error:
        services.dynasty_create(
            submitted_by=citizen, family_name_kk="Бір\nЕкі", sphere=sphere(), region=region()
        )

    assert error.value.message_dict["family_name_kk"] == [SINGLE_LINE_ERROR]


def test_challenge_form_with_a_broken_link_is_a_field_error(db):
    form = ChallengeEntryForm(
        data={"post_url": "https://www.tiktok.com/@family/video/1", "dynasty": "http://[::1"}
    )

    assert not form.is_valid()
    assert form.errors["dynasty"] == ["No published dynasty was found at this link."]


def test_challenge_post_with_a_broken_link_is_not_a_500(client, citizen):
    client.force_login(citizen)

    response = client.post(
        "/kk/dynasties/challenge/",
        {"post_url": "https://www.tiktok.com/@family/video/1", "dynasty": "http://[::1"},
    )

    assert response.status_code == 200
    assert citizen.challenge_entries.count() == 0


def test_publishing_a_legacy_name_with_a_newline_completes_and_sends_one_clean_subject(
    client, coordinator, citizen, settings, django_capture_on_commit_callbacks
):
    """A name stored before the validator (a newline in it) used to fail the e-mail header after the
    status had changed: a 500 and no e-mail. Now the subject is one line and the decision completes."""
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    dynasty = DynastyFactory(submitted_by=citizen, status=DynastyStatus.SUBMITTED, published_at=None)
    MemberFactory(dynasty=dynasty, generation=1)
    MemberFactory(dynasty=dynasty, generation=2)
    Dynasty.objects.filter(pk=dynasty.pk).update(family_name_kk="Жұмабековтер\nәулеті", family_name="")
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/kk/dynasties/moderation/{dynasty.pk}/publish/")

    assert response.status_code == 302
    dynasty.refresh_from_db()
    assert dynasty.status == DynastyStatus.PUBLISHED
    assert len(mail.outbox) == 1
    assert "\n" not in mail.outbox[0].subject
    assert "Жұмабековтер әулеті" in mail.outbox[0].subject or "Жумабековы" in mail.outbox[0].subject


def _jpeg() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (0, 97, 127)).save(buffer, format="JPEG")
    return SimpleUploadedFile("photo.jpg", buffer.getvalue(), content_type="image/jpeg")


def test_photos_are_capped_per_dynasty_with_a_clear_message(draft, citizen, settings):
    settings.DYNASTY_MAX_PHOTOS = 2
    for _ in range(2):
        services.photo_add(dynasty=draft, user=citizen, upload=_jpeg())

    with pytest.raises(ValidationError) as error:
        services.photo_add(dynasty=draft, user=citizen, upload=_jpeg())

    assert error.value.message_dict == {
        "image": ["A dynasty can have at most 2 photos: delete one to add another."]
    }
    assert draft.photos.count() == 2
