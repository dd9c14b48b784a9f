import logging

from celery import shared_task
from django.utils import timezone

from .services import drafts_purge

logger = logging.getLogger(__name__)


@shared_task(name="enbek.surveys.purge_drafts")
def purge_drafts() -> int:
    """Nightly: unsent drafts of closed waves are deleted (idempotent)."""
    deleted = drafts_purge(today=timezone.localdate())
    logger.info("survey drafts purged: %s", deleted)
    return deleted
