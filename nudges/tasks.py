import logging

from celery import shared_task

from .services import batch_build

logger = logging.getLogger(__name__)


# Rendering thirty A3 posters takes a while on a small worker: longer limits than the default,
# still far below the broker's visibility timeout (1 h), after which a task is handed out again.
@shared_task(name="enbek.nudges.build_batch", soft_time_limit=1500, time_limit=1560)
def build_batch(batch_id: int) -> bool:
    built = batch_build(batch_id=batch_id)
    logger.info("banner batch %s: built=%s", batch_id, built)
    return built
