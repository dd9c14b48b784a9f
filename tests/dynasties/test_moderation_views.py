"""Who may open the moderation pages and publish or return a dynasty, and what the author is told."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from dynasties.enums import ChallengeStatus, DynastyStatus
from tests.factories import ChallengeEntryFactory, DynastyFactory, MemberFactory, region

pytestmark = pytest.mark.django_db

QUEUE_URL = "/kk/dynasties/moderation/"


def kk(message: str) -> str:
    with translation.override("kk"):
        return gettext(message)


@pytest.fixture
def submitted(citizen):
    """A dynasty of Almaty city (75) submitted by the citizen."""
    dynasty = DynastyFactory(
        family_name_kk="Тексерілетін әулет",
        submitted_by=citizen,
        status=DynastyStatus.SUBMITTED,
        published_at=None,
        region=region("75"),
    )
    MemberFactory(dynasty=dynasty, generation=1)
    MemberFactory(dynasty=dynasty, generation=2)
    return dynasty


@pytest.fixture
def eager_celery(settings):
    # With REDIS_URL set the tasks would go to a broker: run them in-process here.
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


USERS = ["citizen", "other_citizen", "coordinator", "other_coordinator", "ministry_admin", "ministry_analyst"]


def login(client, request, name):
    user = request.getfixturevalue(name)
    client.force_login(user)
    return user


# --- The queue -------------------------------------------------------------------------------------
def test_queue_anonymous_is_redirected_to_login(client):
    response = client.get(QUEUE_URL)

    assert response.status_code == 302
    assert response["Location"] == "/kk/accounts/login/?next=/kk/dynasties/moderation/"


@pytest.mark.parametrize(
    ("user", "status", "listed"),
    [
        ("citizen", 403, None),
        ("other_citizen", 403, None),
        ("ministry_analyst", 403, None),
        ("coordinator", 200, ["Тексерілетін әулет"]),
        ("other_coordinator", 200, []),
        ("ministry_admin", 200, ["Тексерілетін әулет"]),
    ],
)
def test_queue_permission_matrix(client, request, submitted, user, status, listed):
    login(client, request, user)

    response = client.get(QUEUE_URL)

    assert response.status_code == status
    if listed is not None:
        assert [d.family_name_kk for d in response.context["dynasties"]] == listed


def test_queue_lists_only_submitted_dynasties_oldest_first(client, coordinator, submitted):
    DynastyFactory(family_name_kk="Жоба", status=DynastyStatus.DRAFT, published_at=None)
    DynastyFactory(family_name_kk="Жарияланған")
    client.force_login(coordinator)

    response = client.get(QUEUE_URL)

    assert [d.family_name_kk for d in response.context["dynasties"]] == ["Тексерілетін әулет"]


# --- The preview -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("citizen", 403),
        ("other_citizen", 403),
        ("ministry_analyst", 403),
        ("coordinator", 200),
        ("other_coordinator", 404),
        ("ministry_admin", 200),
    ],
)
def test_preview_permission_matrix(client, request, submitted, user, status):
    login(client, request, user)

    response = client.get(f"/kk/dynasties/moderation/{submitted.pk}/")

    assert response.status_code == status


def test_preview_shows_the_story_members_and_decision_forms(client, coordinator, submitted):
    client.force_login(coordinator)

    response = client.get(f"/kk/dynasties/moderation/{submitted.pk}/")

    body = response.content.decode()
    assert "Үш буын металлург." in body
    assert len(response.context["members"]) == 2
    assert f'action="/kk/dynasties/moderation/{submitted.pk}/publish/"' in body
    assert f'action="/kk/dynasties/moderation/{submitted.pk}/return/"' in body
    assert 'name="reason"' in body


def test_preview_of_a_draft_is_404_even_for_the_ministry(client, ministry_admin):
    draft = DynastyFactory(status=DynastyStatus.DRAFT, published_at=None)
    client.force_login(ministry_admin)

    assert client.get(f"/kk/dynasties/moderation/{draft.pk}/").status_code == 404


# --- Publish ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("user", "status", "after"),
    [
        ("citizen", 403, DynastyStatus.SUBMITTED),
        ("other_citizen", 403, DynastyStatus.SUBMITTED),
        ("ministry_analyst", 403, DynastyStatus.SUBMITTED),
        ("other_coordinator", 404, DynastyStatus.SUBMITTED),
        ("coordinator", 302, DynastyStatus.PUBLISHED),
        ("ministry_admin", 302, DynastyStatus.PUBLISHED),
    ],
)
def test_publish_permission_matrix(
    client, request, submitted, eager_celery, django_capture_on_commit_callbacks, user, status, after
):
    moderator = login(client, request, user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/kk/dynasties/moderation/{submitted.pk}/publish/")

    submitted.refresh_from_db()
    assert response.status_code == status
    assert submitted.status == after
    if status == 302:
        assert response["Location"] == QUEUE_URL
        assert submitted.reviewed_by == moderator
        assert submitted.published_at is not None


def test_publish_anonymous_is_redirected_to_login(client, submitted):
    response = client.post(f"/kk/dynasties/moderation/{submitted.pk}/publish/")

    submitted.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"].startswith("/kk/accounts/login/")
    assert submitted.status == DynastyStatus.SUBMITTED


def test_publish_get_is_not_allowed(client, coordinator, submitted):
    client.force_login(coordinator)

    assert client.get(f"/kk/dynasties/moderation/{submitted.pk}/publish/").status_code == 405


def test_publish_emails_the_submitter_and_the_dynasty_goes_public(
    client, coordinator, citizen, submitted, eager_celery, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kk/dynasties/moderation/{submitted.pk}/publish/")

    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [citizen.email]
    assert f"/kk/dynasties/{submitted.slug}/" in mail.outbox[0].body
    assert client.get(f"/kk/dynasties/{submitted.slug}/").status_code == 200


def test_publish_twice_shows_a_message_not_an_error_page(
    client, coordinator, submitted, eager_celery, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/kk/dynasties/moderation/{submitted.pk}/publish/")

    again = client.post(f"/kk/dynasties/moderation/{submitted.pk}/publish/", follow=True)

    assert again.status_code == 200
    assert again.redirect_chain == [(f"/kk/dynasties/moderation/{submitted.pk}/", 302)]
    assert [str(m) for m in again.context["messages"]][-1] == kk("Only a submitted dynasty can be reviewed.")


# --- Return ----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("user", "status", "after"),
    [
        ("citizen", 403, DynastyStatus.SUBMITTED),
        ("other_citizen", 403, DynastyStatus.SUBMITTED),
        ("other_coordinator", 404, DynastyStatus.SUBMITTED),
        ("coordinator", 302, DynastyStatus.RETURNED),
        ("ministry_admin", 302, DynastyStatus.RETURNED),
    ],
)
def test_return_permission_matrix(
    client, request, submitted, eager_celery, django_capture_on_commit_callbacks, user, status, after
):
    login(client, request, user)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/kk/dynasties/moderation/{submitted.pk}/return/", {"reason": "Фото қосыңыз."}
        )

    submitted.refresh_from_db()
    assert response.status_code == status
    assert submitted.status == after


@pytest.mark.parametrize("reason", ["", "   "])
def test_return_requires_a_reason(client, coordinator, submitted, reason):
    client.force_login(coordinator)

    response = client.post(f"/kk/dynasties/moderation/{submitted.pk}/return/", {"reason": reason})

    submitted.refresh_from_db()
    assert response.status_code == 200
    assert response.context["return_form"].errors["reason"] == [kk("Say what the family should change.")]
    assert submitted.status == DynastyStatus.SUBMITTED
    assert 'id="id_reason_error"' in response.content.decode()


def test_return_emails_the_reason_and_the_author_sees_it(
    client, coordinator, citizen, submitted, eager_celery, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/kk/dynasties/moderation/{submitted.pk}/return/",
            {"reason": "Әр буынның жұмыс жылдарын көрсетіңіз."},
        )

    submitted.refresh_from_db()
    assert response["Location"] == QUEUE_URL
    assert submitted.return_reason == "Әр буынның жұмыс жылдарын көрсетіңіз."
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [citizen.email]
    assert "Әр буынның жұмыс жылдарын көрсетіңіз." in mail.outbox[0].body

    client.force_login(citizen)
    mine = client.get("/kk/dynasties/mine/").content.decode()
    editable = client.get(f"/kk/dynasties/{submitted.pk}/edit/story/")
    assert "Әр буынның жұмыс жылдарын көрсетіңіз." in mine
    assert editable.status_code == 200
    assert 'name="story_kk"' in editable.content.decode()


# --- Challenge moderation --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("user", "status"),
    [
        ("citizen", 403),
        ("ministry_analyst", 403),
        ("coordinator", 200),
        ("other_coordinator", 200),
        ("ministry_admin", 200),
    ],
)
def test_challenge_queue_permission_matrix(client, request, user, status):
    ChallengeEntryFactory(region=region("75"))
    login(client, request, user)

    response = client.get("/kk/dynasties/challenge/moderation/")

    assert response.status_code == status


def test_challenge_queue_shows_only_the_coordinators_region(client, coordinator):
    ChallengeEntryFactory(post_url="https://vk.com/wall75", region=region("75"))
    ChallengeEntryFactory(post_url="https://vk.com/wall71", region=region("71"))
    client.force_login(coordinator)

    response = client.get("/kk/dynasties/challenge/moderation/")

    assert [entry.post_url for entry in response.context["entries"]] == ["https://vk.com/wall75"]


@pytest.mark.parametrize(
    ("user", "decision", "status", "after"),
    [
        ("citizen", "1", 403, ChallengeStatus.PENDING),
        ("other_coordinator", "1", 404, ChallengeStatus.PENDING),
        ("coordinator", "1", 302, ChallengeStatus.APPROVED),
        ("coordinator", "0", 302, ChallengeStatus.REJECTED),
        ("ministry_admin", "1", 302, ChallengeStatus.APPROVED),
    ],
)
def test_challenge_review_permission_matrix(client, request, user, decision, status, after):
    entry = ChallengeEntryFactory(region=region("75"))
    login(client, request, user)

    response = client.post(f"/kk/dynasties/challenge/moderation/{entry.pk}/", {"approve": decision})

    entry.refresh_from_db()
    assert response.status_code == status
    assert entry.status == after


def test_challenge_review_approved_post_appears_on_the_wall(client, coordinator):
    entry = ChallengeEntryFactory(post_url="https://t.me/family/1", region=region("75"))
    client.force_login(coordinator)

    client.post(f"/kk/dynasties/challenge/moderation/{entry.pk}/", {"approve": "1"})
    wall = client.get("/kk/dynasties/challenge/")

    assert [e.post_url for e in wall.context["entries"]] == ["https://t.me/family/1"]


def test_challenge_review_bad_decision_changes_nothing(client, coordinator):
    entry = ChallengeEntryFactory(region=region("75"))
    client.force_login(coordinator)

    response = client.post(f"/kk/dynasties/challenge/moderation/{entry.pk}/", {"approve": "delete"})

    entry.refresh_from_db()
    assert response.status_code == 302
    assert entry.status == ChallengeStatus.PENDING


# --- Query counts of the lists ---------------------------------------------------------------------
def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_queue_query_count_is_the_same_for_1_and_15(client, coordinator, submitted):
    client.force_login(coordinator)
    one = _queries(client, QUEUE_URL)
    for n in range(14):
        dynasty = DynastyFactory(status=DynastyStatus.SUBMITTED, published_at=None, region=region("75"))
        MemberFactory(dynasty=dynasty, generation=1)

    assert _queries(client, QUEUE_URL) == one
    assert len(client.get(QUEUE_URL).context["page"].object_list) == 15


def test_challenge_queue_query_count_is_the_same_for_1_and_15(client, coordinator):
    url = "/kk/dynasties/challenge/moderation/"
    client.force_login(coordinator)
    ChallengeEntryFactory(dynasty=DynastyFactory())
    one = _queries(client, url)
    for _ in range(14):
        ChallengeEntryFactory(dynasty=DynastyFactory())

    assert _queries(client, url) == one
    assert len(client.get(url).context["entries"]) == 15


def test_mine_query_count_is_the_same_for_1_and_12(client, citizen, submitted):
    url = "/kk/dynasties/mine/"
    client.force_login(citizen)
    one = _queries(client, url)
    statuses = [DynastyStatus.DRAFT, DynastyStatus.RETURNED, DynastyStatus.PUBLISHED]
    for n in range(11):
        DynastyFactory(submitted_by=citizen, status=statuses[n % 3], return_reason="Фото қосыңыз.")

    assert _queries(client, url) == one
