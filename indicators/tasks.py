import logging

from celery import shared_task

from .enums import RunKind
from .services import aggregation_run_execute, plan_items_mark_overdue

logger = logging.getLogger(__name__)


# A full run may first wait for another one (INDICATORS_LOCK_WAIT_SECONDS): its limits are above the
# default five minutes and below the broker's visibility timeout (one hour).
@shared_task(name="enbek.indicators.aggregate", soft_time_limit=1500, time_limit=1800)
def aggregate(kind: str = RunKind.INCREMENTAL, run_id: int | None = None) -> dict:
    run = aggregation_run_execute(kind=kind, run_id=run_id)
    return {"run": run.pk, "status": run.status, "rows": run.rows_written}


@shared_task(name="enbek.indicators.aggregate_incremental")
def aggregate_incremental() -> dict:
    return aggregate(RunKind.INCREMENTAL)


@shared_task(name="enbek.indicators.aggregate_full", soft_time_limit=1500, time_limit=1800)
def aggregate_full() -> dict:
    return aggregate(RunKind.FULL)


@shared_task(name="enbek.indicators.mark_overdue_items")
def mark_overdue_items() -> int:
    changed = plan_items_mark_overdue()
    logger.info("%s action plan items became overdue", changed)
    return changed
