import logging

from celery import shared_task
from django.core.management import call_command

logger = logging.getLogger(__name__)


@shared_task(name="enbek.ping")
def ping() -> str:
    """Answers 'pong': the worker round trip checked by tests and monitoring."""
    return "pong"


@shared_task(name="enbek.clear_expired_sessions")
def clear_expired_sessions() -> None:
    call_command("clearsessions")


@shared_task(name="enbek.prune_login_attempts")
def prune_login_attempts() -> int:
    from .services import login_attempts_prune

    removed = login_attempts_prune()
    logger.info("pruned %s old login attempts", removed)
    return removed
