import datetime

import pytest
from celery.result import allow_join_result
from django.conf import settings
from django.core import mail
from django.utils import timezone

from events import services
from events.models import Registration
from events.tasks import mark_finished, mark_no_shows, send_reminders
from tests.factories import EventFactory, RegistrationFactory, UserFactory


def test_tasks_registered_under_stable_names():
    assert (send_reminders.name, mark_finished.name, mark_no_shows.name) == (
        "enbek.events.send_reminders",
        "enbek.events.mark_finished",
        "enbek.events.mark_no_shows",
    )
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "enbek.events.send_reminders",
        "enbek.events.mark_finished",
        "enbek.events.mark_no_shows",
    } <= scheduled


@pytest.mark.django_db
def test_registration_notice_is_queued_on_commit_only(eager_celery, django_capture_on_commit_callbacks):
    event = EventFactory()
    user = UserFactory()  # its roles queue a commit hook of their own (enbek/access.py)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.registration_create(event_id=event.pk, user=user)
    assert (len(callbacks), mail.outbox) == (1, [])
    callbacks[0]()
    assert len(mail.outbox) == 1


@pytest.fixture
def worker_prerequisites(monkeypatch):
    import os

    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL is not set: a real Celery worker needs Redis (CI sets it).")
    if not settings.IS_POSTGRES:
        pytest.skip("The worker process needs a database it can share: run the suite on PostgreSQL.")
    # The worker (a copy of this environment) keeps its letters in memory instead of var/mail.
    monkeypatch.setenv("EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")


@pytest.mark.celery_worker
def test_reminders_on_real_worker_sent_once_even_if_run_twice(
    worker_prerequisites,
    empty_before_serialized_rollback,
    celery_worker_process,
    django_db_serialized_rollback,
):
    queue = celery_worker_process
    start = timezone.now() + datetime.timedelta(hours=10)
    event = EventFactory(starts_at=start, ends_at=start + datetime.timedelta(hours=2))
    registrations = [
        RegistrationFactory(event=event, user=UserFactory(preferred_language=lang)) for lang in ("kk", "ru")
    ]
    ended = EventFactory(
        starts_at=timezone.now() - datetime.timedelta(hours=12),
        ends_at=timezone.now() - datetime.timedelta(hours=10),
    )
    missed = RegistrationFactory(event=ended)

    # An eager task run earlier in this process leaves Celery believing it is inside a task.
    with allow_join_result():
        first = send_reminders.apply_async(queue=queue).get(timeout=60)
        second = send_reminders.apply_async(queue=queue).get(timeout=60)
        finished = mark_finished.apply_async(queue=queue).get(timeout=60)
        no_shows = mark_no_shows.apply_async(queue=queue).get(timeout=60)

    assert (first, second, finished, no_shows) == (2, 0, 1, 1)
    stamped = Registration.objects.filter(
        pk__in=[r.pk for r in registrations], reminder_sent_at__isnull=False
    )
    assert stamped.count() == 2
    missed.refresh_from_db()
    assert missed.status == "no_show"
