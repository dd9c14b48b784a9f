"""Celery tasks of the indicators: names, beat schedule, eager runs and a real worker on Redis."""

import datetime

import pytest
from django.conf import settings
from django.utils import timezone

from indicators.enums import ItemStatus, RunStatus
from indicators.models import ActionPlanItem, AggregationRun, IndicatorValue
from indicators.services import aggregation_run_request, plan_items_mark_overdue
from indicators.tasks import aggregate, aggregate_full, aggregate_incremental, mark_overdue_items
from tests.celery_conf import eager as celery_eager
from tests.factories import DynastyFactory, region
from tests.factories.indicators import ActionPlanFactory, ActionPlanItemFactory

from .conftest import TODAY


@pytest.fixture
def eager():
    with celery_eager() as app:
        yield app


def test_tasks_are_on_the_single_beat_schedule():
    schedule = settings.CELERY_BEAT_SCHEDULE
    assert schedule["enbek.indicators.aggregate_incremental"]["task"] == aggregate_incremental.name
    assert schedule["enbek.indicators.aggregate_full"]["task"] == aggregate_full.name
    assert schedule["enbek.indicators.mark_overdue_items"]["task"] == mark_overdue_items.name
    assert schedule["enbek.indicators.aggregate_incremental"]["schedule"].hour == set(range(24))
    assert schedule["enbek.indicators.aggregate_full"]["schedule"].hour == {1}
    assert aggregate.name == "enbek.indicators.aggregate"


def test_mark_overdue_is_idempotent(db):
    plan = ActionPlanFactory(year=2025)
    late = ActionPlanItemFactory(
        plan=plan, deadline=datetime.date(2025, 6, 29), status=ItemStatus.IN_PROGRESS
    )
    due_today = ActionPlanItemFactory(plan=plan, deadline=TODAY, status=ItemStatus.PLANNED)
    done = ActionPlanItemFactory(plan=plan, deadline=datetime.date(2025, 1, 1), status=ItemStatus.DONE)

    assert plan_items_mark_overdue(today=TODAY) == 1
    assert plan_items_mark_overdue(today=TODAY) == 0
    statuses = dict(ActionPlanItem.objects.values_list("pk", "status"))
    assert statuses == {late.pk: "overdue", due_today.pk: "planned", done.pk: "done"}


def test_mark_overdue_task_eager(db, eager):
    ActionPlanItemFactory(deadline=datetime.date(2020, 1, 1), status=ItemStatus.PLANNED)
    assert mark_overdue_items.delay().get() == 1
    assert mark_overdue_items.delay().get() == 0


def test_requested_run_is_queued_once_and_runs(
    db, eager, ministry_analyst, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run, queued = aggregation_run_request(user=ministry_analyst)
    run.refresh_from_db()
    assert queued is True
    assert (run.status, run.requested_by) == (RunStatus.SUCCEEDED, ministry_analyst)
    assert run.rows_written == IndicatorValue.objects.count() > 0


def test_request_returns_the_active_run(db, ministry_analyst):
    queued = AggregationRun.objects.create(kind="full")
    assert aggregation_run_request(user=ministry_analyst) == (queued, False)


def test_request_refused_without_permission(db, coordinator):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        aggregation_run_request(user=coordinator)


@pytest.mark.celery_worker
def test_aggregate_task_on_real_worker(
    postgres_only, empty_before_serialized_rollback, celery_worker_process, django_db_serialized_rollback
):
    queue = celery_worker_process
    DynastyFactory(region=region("75"), published_at=timezone.now())

    result = aggregate.apply_async(args=["full"], queue=queue).get(timeout=180)
    incremental = aggregate.apply_async(args=["incremental"], queue=queue).get(timeout=60)

    run = AggregationRun.objects.get(pk=result["run"])
    assert (result["status"], run.kind, run.status) == ("succeeded", "full", "succeeded")
    assert incremental["status"] == "succeeded"
    month = timezone.localdate().replace(day=1)
    value = IndicatorValue.objects.get(
        indicator__code="dynasties.published", region__code="75", period="month", period_start=month
    )
    assert value.value == 1
    assert IndicatorValue.objects.filter(period_start=month, period="month", region=None).count() > 0
