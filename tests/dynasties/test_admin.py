"""The ministry's admin for dynasties: the status changes only through the moderation service."""

import pytest
from django.core import mail

from dynasties.enums import DynastyStatus
from dynasties.models import Dynasty

from .conftest import build_family

CHANGELIST = "/kk/admin/dynasties/dynasty/"


@pytest.fixture
def admin_client(client, ministry_admin):
    ministry_admin.is_staff = True  # as user_set_roles sets it for ministry staff
    ministry_admin.save(update_fields=["is_staff"])
    client.force_login(ministry_admin)
    return client


def test_admin_publish_action_publishes_submitted_and_notifies(
    admin_client, submitted, citizen, eager_celery, django_capture_on_commit_callbacks
):
    draft = build_family(citizen, family_name_kk="Омаровтар", family_name_ru="Омаровы")

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            CHANGELIST,
            {"action": "publish_selected", "_selected_action": [submitted.pk, draft.pk]},
            follow=True,
        )

    assert response.status_code == 200
    submitted.refresh_from_db()
    draft.refresh_from_db()
    assert submitted.status == DynastyStatus.PUBLISHED
    assert submitted.published_at is not None
    assert draft.status == DynastyStatus.DRAFT
    assert [m.to for m in mail.outbox] == [[citizen.email]]
    shown = [str(m) for m in response.context["messages"]]
    assert len(shown) == 2 and shown[-1].endswith(": 1.")


def test_admin_change_form_cannot_set_the_status(admin_client, submitted):
    page = admin_client.get(f"{CHANGELIST}{submitted.pk}/change/")

    assert page.status_code == 200
    assert 'name="status"' not in page.content.decode()
    assert Dynasty.objects.get(pk=submitted.pk).status == DynastyStatus.SUBMITTED


def test_admin_changelist_constant_queries(admin_client, citizen, django_assert_max_num_queries):
    build_family(citizen)
    with django_assert_max_num_queries(20) as one:
        assert admin_client.get(CHANGELIST).status_code == 200
    for n in range(10):
        build_family(citizen, family_name_kk=f"Әулет {n}", family_name_ru=f"Семья {n}")
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert admin_client.get(CHANGELIST).status_code == 200
