import logging

from celery import shared_task

from .services import (
    events_mark_finished,
    registration_send_notice,
    registrations_due_reminder,
    registrations_mark_no_shows,
)

logger = logging.getLogger(__name__)


@shared_task(name="enbek.events.send_notice", autoretry_for=(OSError,), retry_backoff=30, max_retries=5)
def send_notice(registration_id: int, notice: str) -> bool:
    sent = registration_send_notice(registration_id=registration_id, notice=notice)
    logger.info("event notice %s for registration %s: sent=%s", notice, registration_id, sent)
    return sent


@shared_task(name="enbek.events.send_reminders", autoretry_for=(OSError,), retry_backoff=60, max_retries=3)
def send_reminders() -> int:
    """Hourly: a reminder to every confirmed registrant of an event starting within 24 hours.

    Each letter is sent at most once (registration_send_notice stamps the row under a lock), so a
    second run, or a retry after a failed letter, sends only the letters still due.
    """
    sent, failed = 0, []
    for registration_id in registrations_due_reminder():
        try:
            if registration_send_notice(registration_id=registration_id, notice="reminder"):
                sent += 1
        except OSError as error:
            logger.warning("reminder for registration %s not sent: %s", registration_id, error)
            failed.append(error)
    logger.info("event reminders sent: %s", sent)
    if failed:
        raise failed[0]
    return sent


@shared_task(name="enbek.events.mark_finished")
def mark_finished() -> int:
    changed = events_mark_finished()
    logger.info("events marked finished: %s", changed)
    return changed


@shared_task(name="enbek.events.mark_no_shows")
def mark_no_shows() -> int:
    changed = registrations_mark_no_shows()
    logger.info("registrations marked no-show: %s", changed)
    return changed
