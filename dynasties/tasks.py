import logging

from celery import shared_task

from .services import dynasty_refresh_figures, dynasty_send_decision_email

logger = logging.getLogger(__name__)


@shared_task(
    name="enbek.dynasties.notify_moderation_decision",
    autoretry_for=(OSError,),
    retry_backoff=30,
    max_retries=5,
)
def notify_moderation_decision(dynasty_id: int, status: str) -> bool:
    sent = dynasty_send_decision_email(dynasty_id=dynasty_id, status=status)
    logger.info("moderation decision for dynasty %s (%s): sent=%s", dynasty_id, status, sent)
    return sent


@shared_task(name="enbek.dynasties.refresh_figures")
def refresh_figures() -> int:
    # Members still at work gain a year of service every January: the beat runs this daily.
    changed = dynasty_refresh_figures()
    logger.info("refreshed the figures of %s dynasties", changed)
    return changed
