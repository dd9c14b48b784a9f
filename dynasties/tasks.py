import logging

from celery import shared_task

from .services import coordinator_digest_send, dynasty_refresh_figures, dynasty_send_decision_email

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


@shared_task(
    name="enbek.dynasties.send_coordinator_digests",
    autoretry_for=(OSError,),
    retry_backoff=300,
    max_retries=3,
)
def send_coordinator_digests() -> int:
    """Daily: each regional coordinator whose region has new submissions gets one digest.

    A loop, not a fan-out: there are a few dozen coordinators, and each send is idempotent (see
    coordinator_digest_send), so a retry after a failed letter sends only the letters still due.
    """
    from django.utils import timezone

    from .selectors import coordinator_digest_recipients

    now = timezone.now()
    sent, failed = 0, []
    for coordinator_id in coordinator_digest_recipients(now=now).values_list("pk", flat=True):
        try:
            if coordinator_digest_send(coordinator_id=coordinator_id, now=now):
                sent += 1
        except OSError as error:  # SMTP down for one letter: the others still go, then a retry
            logger.warning("digest for coordinator %s not sent: %s", coordinator_id, error)
            failed.append(error)
    logger.info("coordinator digests sent: %s", sent)
    if failed:
        raise failed[0]
    return sent
