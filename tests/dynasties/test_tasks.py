"""Celery tasks of the dynasties section, in-process (eager) and on a real worker (Redis + PostgreSQL)."""

import pytest
from django.conf import settings
from django.core import mail

from dynasties import services
from dynasties.enums import DynastyStatus
from dynasties.models import Dynasty
from dynasties.tasks import notify_moderation_decision, refresh_figures
from enbek.celery import app
from tests.factories import DynastyFactory, MemberFactory

from .conftest import always_eager, build_family

pytestmark = pytest.mark.usefixtures("source_language")


def _figures(pk: int) -> tuple[int, int, int]:
    return tuple(Dynasty.objects.values_list("members_count", "generations", "total_years").get(pk=pk))


# --- Registration ---------------------------------------------------------------------------------
def test_tasks_registered_under_stable_names():
    assert app.tasks["enbek.dynasties.notify_moderation_decision"].run is notify_moderation_decision.run
    assert notify_moderation_decision.name == "enbek.dynasties.notify_moderation_decision"
    assert refresh_figures.name == "enbek.dynasties.refresh_figures"
    assert settings.CELERY_BEAT_SCHEDULE["enbek.dynasties.refresh_figures"]["task"] == refresh_figures.name


# --- Eager (in-process) ---------------------------------------------------------------------------
def test_notify_task_eager_sends_once_per_decision(
    submitted, citizen, coordinator, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.dynasty_publish(dynasty=submitted, moderator=coordinator)
    assert [m.to for m in mail.outbox] == [[citizen.email]]

    # Delivered again (a worker killed after sending, a duplicate message): nothing goes out twice.
    assert notify_moderation_decision.delay(submitted.pk, DynastyStatus.PUBLISHED).get() is False
    assert [m.to for m in mail.outbox] == [[citizen.email]]


def test_notify_task_eager_false_when_status_moved_on(
    submitted, citizen, coordinator, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.dynasty_return(dynasty=submitted, moderator=coordinator, reason="Фото қосыңыз.")
    assert len(mail.outbox) == 1
    # The family fixes it and resubmits before a retry of the "returned" e-mail runs.
    services.dynasty_submit(dynasty=submitted, user=citizen)

    result = notify_moderation_decision.delay(submitted.pk, DynastyStatus.RETURNED)

    assert result.get() is False
    assert len(mail.outbox) == 1  # nothing more was sent


def test_notify_task_eager_false_for_deleted_dynasty(
    submitted, coordinator, eager_celery, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.dynasty_publish(dynasty=submitted, moderator=coordinator)
    Dynasty.objects.filter(pk=submitted.pk).delete()

    callbacks[0]()

    assert notify_moderation_decision.delay(submitted.pk, DynastyStatus.PUBLISHED).get() is False
    assert mail.outbox == []


def test_refresh_figures_task_eager_returns_count(db, eager_celery):
    dynasties = DynastyFactory.create_batch(3)
    MemberFactory(dynasty=dynasties[0], generation=1, start_year=1960, end_year=2000)
    MemberFactory(dynasty=dynasties[0], generation=2, start_year=1990, end_year=2010)

    assert refresh_figures.delay().get() == 3
    assert _figures(dynasties[0].pk) == (2, 2, 60)
    assert _figures(dynasties[1].pk) == (0, 0, 0)


# --- A real worker process ------------------------------------------------------------------------
@pytest.mark.celery_worker
def test_notify_task_on_real_worker(
    worker_prerequisites,
    empty_before_serialized_rollback,
    celery_worker_process,
    django_db_serialized_rollback,
    citizen,
    coordinator,
):
    queue = celery_worker_process
    dynasty = build_family(citizen)
    services.dynasty_submit(dynasty=dynasty, user=citizen)
    with always_eager():  # the service's own e-mail runs here, not on a queue nobody consumes
        services.dynasty_publish(dynasty=dynasty, moderator=coordinator)
    # Forget that the service's e-mail went out, so that the worker has one decision to send.
    from django.core.cache import cache

    cache.clear()

    sent = notify_moderation_decision.apply_async(args=[dynasty.pk, DynastyStatus.PUBLISHED], queue=queue)
    stale = notify_moderation_decision.apply_async(args=[dynasty.pk, DynastyStatus.RETURNED], queue=queue)

    assert sent.get(timeout=30) is True
    assert stale.get(timeout=30) is False


@pytest.mark.celery_worker
def test_refresh_figures_task_on_real_worker(
    worker_prerequisites,
    empty_before_serialized_rollback,
    celery_worker_process,
    django_db_serialized_rollback,
    citizen,
):
    queue = celery_worker_process
    families = [build_family(citizen, family_name_kk=f"Әулет {n}", generations=2 + n % 2) for n in range(3)]
    expected = {d.pk: _figures(d.pk) for d in families}
    Dynasty.objects.update(members_count=0, generations=0, total_years=0)  # stale, as after a bulk load

    changed = refresh_figures.apply_async(queue=queue).get(timeout=30)

    assert changed == Dynasty.objects.count() == 3
    assert {d.pk: _figures(d.pk) for d in families} == expected
