import logging

from celery import shared_task

from .services import (
    contest_close_window,
    contests_to_close,
    juror_remind,
    jurors_to_remind,
    stage_recompute_ranking,
)

logger = logging.getLogger(__name__)


@shared_task(name="enbek.contests.close_windows", autoretry_for=(OSError,), retry_backoff=60, max_retries=3)
def close_windows() -> int:
    """Hourly: close every contest whose window has passed; drafts stay drafts, their owners are told.

    contest_close_window is idempotent (window_closed_at), so a retry or two beats tell nobody twice.
    """
    sent = 0
    for contest_id in contests_to_close():
        sent += contest_close_window(contest_id=contest_id)
    logger.info("contest windows closed; %s draft owners told", sent)
    return sent


@shared_task(name="enbek.contests.remind_jurors", autoretry_for=(OSError,), retry_backoff=300, max_retries=3)
def remind_jurors() -> int:
    """Daily: each juror with unsubmitted sheets of a running stage gets one reminder a day."""
    reminded = 0
    for juror_id in jurors_to_remind():
        if juror_remind(juror_id=juror_id):
            reminded += 1
    logger.info("jurors reminded: %s", reminded)
    return reminded


@shared_task(name="enbek.contests.recompute_ranking")
def recompute_ranking(stage_id: int) -> int:
    """Queued on commit of a submitted score sheet; one SQL statement, idempotent."""
    updated = stage_recompute_ranking(stage_id=stage_id)
    logger.info("stage %s ranking recomputed (%s entries)", stage_id, updated)
    return updated
